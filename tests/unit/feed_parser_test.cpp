// Feed format v1: valid feeds load, broken envelopes reject the feed, broken offers are
// skipped with an error naming their JSON pointer.
#include "catalog/time_util.hpp"
#include "feed_builder.hpp"

#include <doctest/doctest.h>

#include <functional>

using namespace mint::catalog;
using namespace mint::test;

TEST_CASE("feed: the contract's sample offer loads with every field")
{
    auto r = load(sampleFeed());
    INFO(issuesText(r));
    REQUIRE(r.accepted());
    CHECK(r.issues.empty());
    const Catalog& c = *r.catalog;
    CHECK(c.sequence == 7);
    CHECK(c.region.timezone == "Europe/Berlin");
    CHECK(c.region.bbox.has_value());
    REQUIRE(c.offers.size() == 1);
    const Offer& o = c.offers[0];
    CHECK(o.id == "saar-0042");
    CHECK(o.title.get("en", "de") == "Soldering for beginners");
    CHECK(o.title.get("fr", "de") == "Löten für Einsteiger");
    CHECK(o.summary.get("en", "de") == "Wir bauen eine blinkende Weihnachtsmütze.");  // falls back to default
    CHECK(o.hasAudience(Audience::Children));
    CHECK(o.hasAudience(Audience::Youth));
    CHECK_FALSE(o.hasAudience(Audience::Teachers));
    CHECK(o.ageRange.min == 10);
    CHECK(o.ageRange.max == 14);
    CHECK(o.isFree == false);
    REQUIRE(o.prices.size() == 1);
    CHECK(o.prices[0].price == "5.00");
    CHECK(o.registration.mode == RegistrationMode::Required);
    CHECK(o.accessibility.wheelchair == true);
    REQUIRE(c.placeOf(o) != nullptr);
    CHECK(c.placeOf(o)->address.locality == "Saarbrücken");
    REQUIRE(c.providerOf(o) != nullptr);
    CHECK(c.providerOf(o)->name.get("de", "de") == "MINT-Werkstatt");
    // Wednesdays 2026-11-04 .. 2027-01-27 = 13 dates, 2026-12-23 cancelled.
    CHECK(o.schedule.dates().size() == 13);
    CHECK(std::count_if(o.schedule.dates().begin(), o.schedule.dates().end(), [](const Occurrence& x) { return x.cancelled; }) == 1);
    // "technik" is broad already; no narrower subject here.
    CHECK(c.subjectNames[o.subjectIds[0]] == "technik");
    CHECK(c.findOffer("saar-0042") == &o);
}

TEST_CASE("feed: unknown keys are ignored, plain strings are the default language")
{
    Json offer = sampleOffer();
    offer["future_field"] = {{"nested", true}};
    offer["title"] = "Nur deutsch";
    Json feed = sampleFeed(Json::array({offer}));
    feed["new_envelope_key"] = Json::array({1, 2});
    auto r = load(feed);
    REQUIRE(r.accepted());
    CHECK(r.issues.empty());
    CHECK(r.catalog->offers[0].title.get("en", "de") == "Nur deutsch");
}

TEST_CASE("feed: valid_until is optional, read as a date and time, and must lie after generated_at")
{
    Json f = sampleFeed();
    auto r = load(f);
    REQUIRE(r.accepted());
    CHECK_FALSE(r.catalog->validUntil);
    f["valid_until"] = "2026-12-01T00:00:00+01:00";
    r = load(f);
    REQUIRE(r.accepted());
    REQUIRE(r.catalog->validUntil);
    CHECK(*r.catalog->validUntil - r.catalog->generatedAt == 6 * 86400 + 18 * 3600);
    f["valid_until"] = "2026-11-24T06:00:00+01:00";  // the same moment as generated_at
    r = load(f);
    CHECK_FALSE(r.accepted());
    CHECK(hasIssue(r, "/valid_until", "not after generated_at", Severity::Fatal));
    f["valid_until"] = "next week";
    r = load(f);
    CHECK_FALSE(r.accepted());
    CHECK(hasIssue(r, "/valid_until", "RFC 3339", Severity::Fatal));
}

TEST_CASE("feed: a broken envelope rejects the whole feed")
{
    SUBCASE("not JSON")
    {
        auto r = loadCatalog("this is not json");
        CHECK_FALSE(r.accepted());
        CHECK(r.issues.at(0).severity == Severity::Fatal);
    }
    SUBCASE("a captive portal's HTML page")
    {
        auto r = loadCatalog("<!DOCTYPE html><html><body>Please log in</body></html>");
        CHECK_FALSE(r.accepted());
        CHECK(r.issues.at(0).message.find("HTML") != std::string::npos);
    }
    SUBCASE("truncated in the middle of the offers")
    {
        std::string text = sampleFeed().dump();
        auto r = loadCatalog(text.substr(0, text.size() / 2));
        CHECK_FALSE(r.accepted());
        CHECK(r.issues.at(0).message.find("not valid JSON") != std::string::npos);
    }
    SUBCASE("wrong format")
    {
        Json feed = sampleFeed();
        feed["format"] = "something-else";
        auto r = load(feed);
        CHECK_FALSE(r.accepted());
        CHECK(hasIssue(r, "/format", "mint-catalog", Severity::Fatal));
    }
    SUBCASE("unsupported version")
    {
        Json feed = sampleFeed();
        feed["version"] = 2;
        auto r = load(feed);
        CHECK_FALSE(r.accepted());
        CHECK(hasIssue(r, "/version", "unsupported version 2", Severity::Fatal));
    }
    SUBCASE("missing offers")
    {
        Json feed = sampleFeed();
        feed.erase("offers");
        auto r = load(feed);
        CHECK_FALSE(r.accepted());
        CHECK(hasIssue(r, "/offers", "required", Severity::Fatal));
    }
    SUBCASE("offers is not an array")
    {
        Json feed = sampleFeed();
        feed["offers"] = {{"a", 1}};
        auto r = load(feed);
        CHECK_FALSE(r.accepted());
        CHECK(hasIssue(r, "/offers", "expected an array", Severity::Fatal));
    }
    SUBCASE("missing sequence")
    {
        Json feed = sampleFeed();
        feed.erase("sequence");
        CHECK(hasIssue(load(feed), "/sequence", "required", Severity::Fatal));
    }
    SUBCASE("sequence is not an integer")
    {
        Json feed = sampleFeed();
        feed["sequence"] = "7";
        CHECK(hasIssue(load(feed), "/sequence", "whole number", Severity::Fatal));
    }
    SUBCASE("generated_at without zone")
    {
        Json feed = sampleFeed();
        feed["generated_at"] = "2026-11-24T06:00:00";
        CHECK(hasIssue(load(feed), "/generated_at", "RFC 3339", Severity::Fatal));
    }
    SUBCASE("unknown time zone")
    {
        Json feed = sampleFeed();
        feed["region"]["timezone"] = "Europe/Atlantis";
        CHECK(hasIssue(load(feed), "/region/timezone", "IANA", Severity::Fatal));
    }
    SUBCASE("empty document")
    {
        auto r = loadCatalog("   ");
        CHECK_FALSE(r.accepted());
        CHECK(r.issues.at(0).message == "the feed is empty");
    }
}

TEST_CASE("feed: a broken offer is skipped, the rest loads, the error names its pointer")
{
    Json bad = withId(sampleOffer(), "bad");
    bad["place"] = nullptr;
    bad["location"] = {{"name", "Halle"}, {"geo", {{"lat", "49,2"}, {"lon", 6.99}}}};
    Json feed = sampleFeed(Json::array({sampleOffer("a"), sampleOffer("b"), bad}));
    auto r = load(feed);
    REQUIRE(r.accepted());
    CHECK(r.catalog->offers.size() == 2);
    CHECK(r.offersSkipped == 1);
    CHECK(r.offersSeen == 3);
    INFO(issuesText(r));
    CHECK(hasIssue(r, "/offers/2/location/geo/lat", "expected a number between -90 and 90, got \"49,2\""));
    // The issue's own example message, exactly.
    auto it = std::find_if(r.issues.begin(), r.issues.end(), [](const Issue& i) { return i.pointer == "/offers/2/location/geo/lat"; });
    REQUIRE(it != r.issues.end());
    CHECK(it->toString() == "/offers/2/location/geo/lat: expected a number between -90 and 90, got \"49,2\"");
}

TEST_CASE("feed: each offer rule is enforced")
{
    struct Case
    {
        const char* name;
        std::function<void(Json&)> breakIt;
        const char* pointer;
        const char* message;
    };
    const std::vector<Case> cases = {
        {"missing id", [](Json& o) { o.erase("id"); }, "/offers/1/id", "required"},
        {"missing title", [](Json& o) { o.erase("title"); }, "/offers/1/title", "required"},
        {"empty title map", [](Json& o) { o["title"] = Json::object(); }, "/offers/1/title", "must not be empty"},
        {"title not text", [](Json& o) { o["title"] = 42; }, "/offers/1/title", "language map"},
        {"bad language key",
         [](Json& o) {
             o["title"] = {{"german", "x"}};
         },
         "/offers/1/title/german", "language code"},
        {"ftp url", [](Json& o) { o["url"] = "ftp://example.org/x"; }, "/offers/1/url", "http:// or https://"},
        {"javascript url", [](Json& o) { o["url"] = "javascript:alert(1)"; }, "/offers/1/url", "http:// or https://"},
        {"relative url", [](Json& o) { o["url"] = "/angebote/42"; }, "/offers/1/url", "absolute"},
        {"unknown provider", [](Json& o) { o["provider"] = "p-nobody"; }, "/offers/1/provider", "unknown provider \"p-nobody\""},
        {"unknown place", [](Json& o) { o["place"] = "pl-nowhere"; }, "/offers/1/place", "unknown place \"pl-nowhere\""},
        {"lon out of range",
         [](Json& o)
         {
             o.erase("place");
             o["location"] = {{"geo", {{"lat", 49.2}, {"lon", 200}}}};
         },
         "/offers/1/location/geo/lon", "between -180 and 180"},
        {"age max below min",
         [](Json& o) {
             o["age_range"] = {{"min", 12}, {"max", 8}};
         },
         "/offers/1/age_range/max", "below min"},
        {"age not integer",
         [](Json& o) {
             o["age_range"] = {{"min", 8.5}};
         },
         "/offers/1/age_range/min", "whole number"},
        {"single end before start",
         [](Json& o) {
             o["schedule"] = {{"kind", "single"}, {"start", "2026-12-01T15:00:00+01:00"}, {"end", "2026-12-01T14:00:00+01:00"}};
         },
         "/offers/1/schedule/end", "end is before start"},
        {"rule end_date before start_date", [](Json& o) { o["schedule"]["rules"][0]["end_date"] = "2026-10-01"; },
         "/offers/1/schedule/rules/0/end_date", "before start_date"},
        {"rule end_time not after start", [](Json& o) { o["schedule"]["rules"][0]["end_time"] = "14:00"; },
         "/offers/1/schedule/rules/0/end_time", "not after"},
        {"bad weekday", [](Json& o) { o["schedule"]["rules"][0]["by_day"] = {"MI"}; }, "/offers/1/schedule/rules/0/by_day/0", "day code"},
        {"bad except date", [](Json& o) { o["schedule"]["rules"][0]["except_dates"] = {"23.12.2026"}; },
         "/offers/1/schedule/rules/0/except_dates/0", "date like"},
        {"unknown schedule kind",
         [](Json& o) {
             o["schedule"] = {{"kind", "sometimes"}};
         },
         "/offers/1/schedule/kind", "one of"},
        {"missing schedule", [](Json& o) { o.erase("schedule"); }, "/offers/1/schedule", "required"},
        {"course without sessions",
         [](Json& o) {
             o["schedule"] = {{"kind", "course"}, {"sessions", Json::array()}};
         },
         "/offers/1/schedule/sessions", "at least one"},
        {"opening hours closing early",
         [](Json& o) {
             o["schedule"] = {{"kind", "opening_hours"}, {"hours", {{{"days", {"MO"}}, {"opens", "18:00"}, {"closes", "14:00"}}}}};
         },
         "/offers/1/schedule/hours/0/closes", "closes before"},
        {"bad status", [](Json& o) { o["status"] = "maybe"; }, "/offers/1/status", "scheduled, cancelled or postponed"},
        {"bad attendance mode", [](Json& o) { o["attendance_mode"] = "hybrid"; }, "/offers/1/attendance_mode", "offline, online or mixed"},
        {"price not decimal", [](Json& o) { o["offers"][0]["price"] = "5,00 €"; }, "/offers/1/offers/0/price", "decimal string"},
        {"price as number", [](Json& o) { o["offers"][0]["price"] = 5; }, "/offers/1/offers/0/price", "expected a string"},
        {"bad currency", [](Json& o) { o["offers"][0]["currency"] = "Euro"; }, "/offers/1/offers/0/currency", "ISO 4217"},
        {"bad registration mode", [](Json& o) { o["registration"]["mode"] = "maybe"; }, "/offers/1/registration/mode",
         "required, optional or none"},
        {"image with data url", [](Json& o) { o["images"][0]["url"] = "data:image/png;base64,AAAA"; }, "/offers/1/images/0/url",
         "relative"},
        {"image path escaping", [](Json& o) { o["images"][0]["url"] = "../../etc/passwd"; }, "/offers/1/images/0/url", "relative"},
        {"bad e-mail",
         [](Json& o) {
             o["contact"] = {{"email", "nobody"}};
         },
         "/offers/1/contact/email", "e-mail"},
        {"type with spaces", [](Json& o) { o["type"] = "Work Shop"; }, "/offers/1/type", "lower-case"},
        {"subject upper case", [](Json& o) { o["subjects"] = {"Technik"}; }, "/offers/1/subjects/0", "lower-case"},
        {"offer not an object", [](Json& o) { o = "saar-0042"; }, "/offers/1", "expected an object"},
        {"wheelchair as string", [](Json& o) { o["accessibility"]["wheelchair"] = "yes"; }, "/offers/1/accessibility/wheelchair",
         "boolean"},
    };
    for (const auto& c : cases)
    {
        CAPTURE(c.name);
        Json bad = withId(sampleOffer(), "broken");
        c.breakIt(bad);
        auto r = load(sampleFeed(Json::array({sampleOffer("good"), bad})));
        INFO(issuesText(r));
        REQUIRE(r.accepted());
        CHECK(r.catalog->offers.size() == 1);
        CHECK(r.catalog->offers[0].id == "good");
        CHECK(hasIssue(r, c.pointer, c.message));
    }
}

TEST_CASE("feed: duplicate ids keep the first and report the second")
{
    auto r = load(sampleFeed(Json::array({sampleOffer("x"), sampleOffer("y"), sampleOffer("x")})));
    REQUIRE(r.accepted());
    CHECK(r.catalog->offers.size() == 2);
    CHECK(hasIssue(r, "/offers/2/id", "duplicate id \"x\""));
    CHECK(r.offersSkipped == 1);

    Json feed = sampleFeed();
    feed["places"].push_back(feed["places"][0]);
    auto r2 = load(feed);
    CHECK(hasIssue(r2, "/places/1/id", "duplicate id \"pl-werkstatt\""));
    CHECK(r2.catalog->places.size() == 1);
}

TEST_CASE("feed: tombstoned ids are not shown, unknown story links are warnings")
{
    Json feed = sampleFeed(Json::array({sampleOffer("alive"), sampleOffer("gone")}));
    feed["tombstones"] = Json::array({{{"id", "gone"}, {"deleted_at", "2026-11-01T10:00:00+01:00"}, {"reason", "withdrawn"}}});
    feed["stories"] = Json::array({{{"id", "s1"}, {"title", "Geschichte"}, {"offer", "nobody"}}});
    auto r = load(feed);
    REQUIRE(r.accepted());
    CHECK(r.catalog->offers.size() == 1);
    CHECK(hasIssue(r, "/offers/1/id", "tombstones"));
    CHECK(hasIssue(r, "/stories/0/offer", "unknown offer", Severity::Warning));
    CHECK(r.catalog->stories.size() == 1);
}

TEST_CASE("feed: warnings do not skip the offer")
{
    Json offer = sampleOffer();
    offer["audiences"] = {"children", "aliens"};
    offer["languages"] = {"deutsch"};
    offer["date_modified"] = "gestern";
    auto r = load(sampleFeed(Json::array({offer})));
    REQUIRE(r.accepted());
    CHECK(r.catalog->offers.size() == 1);
    CHECK(r.count(Severity::Warning) == 3);
    CHECK(r.count(Severity::Error) == 0);
    CHECK(hasIssue(r, "/offers/0/audiences/1", "unknown audience \"aliens\"", Severity::Warning));
    CHECK(r.catalog->offers[0].audienceMask == 1u);
}

TEST_CASE("feed: all schedule kinds parse")
{
    Json single = withId(sampleOffer(), "single");
    single["schedule"] = {{"kind", "single"}, {"start", "2026-12-05T10:00:00+01:00"}, {"end", "2026-12-05T12:00:00+01:00"}};
    Json course = withId(sampleOffer(), "course");
    course["schedule"] = {{"kind", "course"},
                          {"sessions",
                           {{{"start", "2027-01-10T10:00"}, {"end", "2027-01-10T12:00"}},
                            {{"start", "2027-01-17T10:00"}, {"end", "2027-01-17T12:00"}, {"status", "cancelled"}}}}};
    Json onRequest = withId(sampleOffer(), "on-request");
    onRequest["schedule"] = {{"kind", "on_request"}, {"note", {{"de", "Nach Absprache"}}}};
    Json hours = withId(sampleOffer(), "hours");
    hours["schedule"] = {{"kind", "opening_hours"}, {"hours", {{{"days", {"MO", "TU"}}, {"opens", "14:00"}, {"closes", "18:00"}}}}};
    auto r = load(sampleFeed(Json::array({single, course, onRequest, hours})));
    INFO(issuesText(r));
    REQUIRE(r.accepted());
    REQUIRE(r.catalog->offers.size() == 4);
    const auto& o = r.catalog->offers;
    CHECK(o[0].schedule.kind == ScheduleKind::Single);
    CHECK(o[0].schedule.dates().size() == 1);
    CHECK(o[1].schedule.kind == ScheduleKind::Course);
    CHECK(o[1].schedule.dates().size() == 2);
    CHECK(o[1].schedule.dates()[1].cancelled);
    CHECK(o[2].schedule.kind == ScheduleKind::OnRequest);
    CHECK(o[2].schedule.note.get("de", "de") == "Nach Absprache");
    CHECK(o[3].schedule.kind == ScheduleKind::OpeningHours);
    CHECK(o[3].schedule.hours[0].weekdays == 0x3);
}

TEST_CASE("feed: is_free is derived from zero prices when not given")
{
    Json offer = sampleOffer();
    offer.erase("is_free");
    offer["offers"] = {{{"name", "Teilnahme"}, {"price", "0.00"}, {"currency", "EUR"}}};
    auto r = load(sampleFeed(Json::array({offer})));
    REQUIRE(r.accepted());
    CHECK(r.catalog->offers[0].isFree == true);
}

TEST_CASE("feed: nulls count as absent")
{
    Json offer = sampleOffer();
    offer["summary"] = nullptr;
    offer["age_range"] = nullptr;
    offer["contact"] = nullptr;
    auto r = load(sampleFeed(Json::array({offer})));
    REQUIRE(r.accepted());
    CHECK(r.issues.empty());
    CHECK(r.catalog->offers[0].summary.empty());
    CHECK_FALSE(r.catalog->offers[0].ageRange.present);
}

TEST_CASE("feed contract: every text a visitor may see accepts a plain string and a language map")
{
    // Each field by JSON pointer, and how to read it back from the catalogue.
    using Getter = std::function<std::string(const mint::catalog::Catalog&)>;
    const auto de = [](const mint::catalog::LocalizedText& t) { return std::string(t.get("de", "de")); };
    const auto en = [](const mint::catalog::LocalizedText& t) { return std::string(t.get("en", "de")); };
    struct Field
    {
        const char* pointer;
        Getter german, english;  // english: empty when the field keeps one form (names)
    };
    const auto& o0 = [](const mint::catalog::Catalog& c) -> const mint::catalog::Offer& { return c.offers.at(0); };
    const std::vector<Field> fields = {
        {"/attribution", [&](const auto& c) { return de(c.attribution); }, [&](const auto& c) { return en(c.attribution); }},
        {"/publisher/name", [&](const auto& c) { return de(c.publisher.name); }, [&](const auto& c) { return en(c.publisher.name); }},
        {"/region/name", [&](const auto& c) { return de(c.region.name); }, [&](const auto& c) { return en(c.region.name); }},
        {"/providers/0/name", [&](const auto& c) { return de(c.providers.at(0).name); },
         [&](const auto& c) { return en(c.providers.at(0).name); }},
        {"/places/0/name", [&](const auto& c) { return de(c.places.at(0).name); }, [&](const auto& c) { return en(c.places.at(0).name); }},
        {"/places/0/address/street", [&](const auto& c) { return std::string(c.places.at(0).address.street); }, nullptr},
        {"/places/0/address/locality", [&](const auto& c) { return std::string(c.places.at(0).address.locality); }, nullptr},
        {"/offers/0/title", [&](const auto& c) { return de(o0(c).title); }, [&](const auto& c) { return en(o0(c).title); }},
        {"/offers/0/summary", [&](const auto& c) { return de(o0(c).summary); }, [&](const auto& c) { return en(o0(c).summary); }},
        {"/offers/0/description", [&](const auto& c) { return de(o0(c).description); },
         [&](const auto& c) { return en(o0(c).description); }},
        {"/offers/0/images/0/alt", [&](const auto& c) { return de(o0(c).images.at(0).alt); },
         [&](const auto& c) { return en(o0(c).images.at(0).alt); }},
        {"/offers/0/images/0/credit", [&](const auto& c) { return de(o0(c).images.at(0).credit); },
         [&](const auto& c) { return en(o0(c).images.at(0).credit); }},
        {"/offers/0/accessibility/info", [&](const auto& c) { return de(o0(c).accessibility.info); },
         [&](const auto& c) { return en(o0(c).accessibility.info); }},
    };
    for (const auto& field : fields)
    {
        CAPTURE(field.pointer);
        const Json::json_pointer ptr(field.pointer);
        Json base = sampleFeed();
        base["offers"][0]["images"] = Json::array({{{"url", "https://example.org/a.png"}, {"alt", "Bild"}, {"credit", "Foto"}}});
        base["offers"][0]["accessibility"] = {{"wheelchair", true}, {"info", "Aufzug"}};
        // As a plain string.
        Json plain = base;
        plain[ptr] = "Wert";
        auto r = load(plain);
        REQUIRE_MESSAGE(r.accepted(), issuesText(r));
        CHECK(field.german(*r.catalog) == "Wert");
        // As a language map.
        Json map = base;
        map[ptr] = {{"de", "Wert"}, {"en", "Value"}};
        r = load(map);
        REQUIRE_MESSAGE(r.accepted(), issuesText(r));
        CHECK_MESSAGE(r.issues.empty(), issuesText(r));
        CHECK(field.german(*r.catalog) == "Wert");
        if (field.english)
            CHECK(field.english(*r.catalog) == "Value");
    }
}
