// UI logic without a window: translations, idle machine, kinetic scroller, layout,
// visitor choices -> query.
#include "catalog/feed_parser.hpp"
#include "catalog/time_util.hpp"
#include "sync/sync_status.hpp"
#include "ui_model/accessibility.hpp"
#include "ui_model/browse_state.hpp"
#include "ui_model/date_text.hpp"
#include "ui_model/i18n.hpp"
#include "ui_model/idle.hpp"
#include "ui_model/layout.hpp"
#include "ui_model/offer_text.hpp"
#include "ui_model/palette.hpp"
#include "ui_model/pin_guard.hpp"
#include "ui_model/scroller.hpp"
#include "ui_model/usage_stats.hpp"

#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using namespace mint;
using namespace mint::ui;

TEST_CASE("i18n: German and English have exactly the same keys")
{
    Translations t;
    std::string error;
    REQUIRE_MESSAGE(t.load(std::string(MINT_SOURCE_DIR) + "/assets/i18n", {"de", "en"}, error), error);
    const auto de = t.keys("de");
    const auto en = t.keys("en");
    CHECK(de.size() > 50);
    for (const auto& k : de)
        CHECK_MESSAGE(t.has("en", k), "missing in en.json: " << k);
    for (const auto& k : en)
        CHECK_MESSAGE(t.has("de", k), "missing in de.json: " << k);
}

TEST_CASE("i18n: every key the code uses exists in every language")
{
    Translations t;
    std::string error;
    REQUIRE(t.load(std::string(MINT_SOURCE_DIR) + "/assets/i18n", {"de", "en"}, error));
    // Calls like t("home.who"), tr("…") and format("…", …) with a literal dotted key.
    auto collect = [](const std::string& text, std::set<std::string>& keys)
    {
        for (const char* call : {"t(\"", "tr(\"", "format(\""})
            for (std::size_t at = text.find(call); at != std::string::npos; at = text.find(call, at + 1))
            {
                const char before = at > 0 ? text[at - 1] : ' ';
                if (std::isalnum(static_cast<unsigned char>(before)) || before == '_')
                    continue;  // part of another name (e.g. "at(\"")
                const std::size_t start = at + std::strlen(call);
                const std::size_t end = text.find('"', start);
                const std::string key = text.substr(start, end - start);
                const bool dotted = key.find('.') != std::string::npos &&
                                    key.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_.") == std::string::npos;
                if (dotted)
                    keys.insert(key);
            }
    };
    std::set<std::string> used;
    for (const char* dir : {"/src/ui", "/src/app"})
    {
        const std::filesystem::path root = std::string(MINT_SOURCE_DIR) + dir;
        if (!std::filesystem::exists(root))
            continue;
        for (const auto& f : std::filesystem::recursive_directory_iterator(root))
        {
            if (!f.is_regular_file())
                continue;
            std::ifstream in(f.path());
            std::stringstream s;
            s << in.rdbuf();
            collect(s.str(), used);
        }
    }
    CHECK(used.size() >= (std::filesystem::exists(std::string(MINT_SOURCE_DIR) + "/src/ui") ? 40u : 0u));
    for (const auto& key : used)
        for (const char* lang : {"de", "en"})
            CHECK_MESSAGE(t.has(lang, key), lang << ".json lacks " << key);
}

TEST_CASE("i18n: fallback to German, placeholders, language switch")
{
    Translations t;
    std::string error;
    REQUIRE(t.addLanguage("de", R"({"a": {"b": "Hallo {name}, {n} Angebote"}, "only_de": "nur deutsch"})", error));
    REQUIRE(t.addLanguage("en", R"({"a": {"b": "Hello {name}, {n} activities"}})", error));
    t.setLanguage("en");
    CHECK(t.format("a.b", {{"name", "Lina"}, {"n", "3"}}) == "Hello Lina, 3 activities");
    CHECK(t.tr("only_de") == "nur deutsch");
    CHECK(t.tr("no.such.key") == "no.such.key");
    t.setLanguage("de");
    CHECK(t.format("a.b", {{"name", "Lina"}, {"n", "3"}}) == "Hallo Lina, 3 Angebote");
    CHECK_FALSE(t.addLanguage("fr", R"({"a": 1})", error));
    CHECK(error.find("a: expected a text") != std::string::npos);
}

TEST_CASE("idle: countdown after the timeout, reset after the countdown, a touch keeps the session")
{
    IdleMachine idle(90, 15);
    CHECK(idle.phase() == IdlePhase::Attract);
    CHECK_FALSE(idle.tick(1000));
    idle.touch(0);
    CHECK(idle.phase() == IdlePhase::Active);
    CHECK(idle.nextDeadline() == 90);
    CHECK_FALSE(idle.tick(89.9));
    CHECK(idle.phase() == IdlePhase::Active);
    CHECK_FALSE(idle.tick(90));
    CHECK(idle.phase() == IdlePhase::Countdown);
    CHECK(idle.countdownLeft(95) == doctest::Approx(10));
    idle.touch(96);  // "I'm still here"
    CHECK(idle.phase() == IdlePhase::Active);
    CHECK_FALSE(idle.tick(150));
    CHECK(idle.tick(96 + 105));  // reset exactly once
    CHECK(idle.phase() == IdlePhase::Attract);
    CHECK_FALSE(idle.tick(500));
}

TEST_CASE("idle: the accessibility profile gives twice the time, to notice and to answer (WCAG 2.2.1)")
{
    IdleMachine idle(90, 15);
    idle.setTimeScale(2.0);
    idle.touch(0);
    CHECK(idle.nextDeadline() == 180);
    CHECK_FALSE(idle.tick(179));
    CHECK(idle.phase() == IdlePhase::Active);
    CHECK_FALSE(idle.tick(180));
    CHECK(idle.phase() == IdlePhase::Countdown);
    CHECK(idle.countdownLeft(180) == doctest::Approx(30));
    CHECK_FALSE(idle.tick(209));
    CHECK(idle.tick(210));
    idle.setTimeScale(0);  // nonsense: back to the normal time
    CHECK(idle.timeScale() == 1.0);
    Accessibility a;
    CHECK_FALSE(a.any());
    a.lowReach = true;
    CHECK(a.any());
}

TEST_CASE("scroller: a tap is not a swipe, a swipe never taps")
{
    KineticScroller s(12);
    s.setRange(5000);
    s.press(500, 0.0);
    s.move(505, 0.05);
    CHECK(s.release(0.1));  // moved 5 px: a tap
    CHECK(s.offset() == 0);
    s.press(500, 1.0);
    s.move(480, 1.02);
    s.move(300, 1.05);
    CHECK(s.swiping());
    CHECK_FALSE(s.release(1.06));
    CHECK(s.offset() == doctest::Approx(200));
    CHECK(s.moving());
}

TEST_CASE("scroller: fling distance does not depend on the frame rate")
{
    auto fling = [](double dt)
    {
        KineticScroller s(12, 4.0f);
        s.setRange(100000);
        s.press(800, 0.0);
        for (int i = 1; i <= 10; ++i)
            s.move(800 - 30.0f * i, 0.01 * i);  // 3000 px/s upwards
        s.release(0.1);
        const float start = s.offset();
        double t = 0;
        while (s.update(dt) && t < 10)
            t += dt;
        return s.offset() - start;
    };
    const float at60 = fling(1.0 / 60), at30 = fling(1.0 / 30), at144 = fling(1.0 / 144);
    CHECK(at60 > 500);
    CHECK(at30 == doctest::Approx(at60).epsilon(0.01));
    CHECK(at144 == doctest::Approx(at60).epsilon(0.01));
}

TEST_CASE("scroller: stops at the ends, a finger stops a fling")
{
    KineticScroller s(12);
    s.setRange(300);
    s.press(800, 0.0);
    s.move(700, 0.02);
    s.move(500, 0.04);
    s.release(0.05);
    while (s.update(1.0 / 60))
    {
    }
    CHECK(s.offset() == 300);
    s.press(100, 1.0);
    s.move(300, 1.02);
    s.move(500, 1.04);
    s.release(1.05);
    CHECK(s.moving());
    s.press(500, 1.1);  // touch during the fling
    CHECK_FALSE(s.moving());
}

TEST_CASE("layout: landscape grid, portrait list, small screens, larger text")
{
    const auto landscape = computeLayout(1920, 1080);
    CHECK_FALSE(landscape.portrait);
    CHECK(landscape.columns >= 3);
    CHECK(landscape.touchMin >= 80);
    CHECK(landscape.fontPx == doctest::Approx(30));
    const auto portrait = computeLayout(1080, 1920);
    CHECK(portrait.portrait);
    CHECK(portrait.columns == 1);
    CHECK(portrait.cardWidth > 900);
    const auto small = computeLayout(1280, 800);
    CHECK(small.columns >= 2);
    CHECK(small.cardWidth * small.columns + small.gap * (small.columns - 1) <= 1280 - 2 * small.margin + 0.5f);
    const auto big = computeLayout(1920, 1080, 1.3f);
    CHECK(big.fontPx > landscape.fontPx);
    CHECK(big.columns <= landscape.columns);
    CHECK(gridContentHeight(landscape, 0) == 0);
    CHECK(gridContentHeight(landscape, landscape.columns + 1) == doctest::Approx(2 * landscape.cardHeight + landscape.gap));
}

TEST_CASE("browse: choices become a query, nothing found loosens the last filter")
{
    const auto* berlin = catalog::timeutil::findZone("Europe/Berlin");
    const auto now = catalog::timeutil::parseDateTime("2026-11-26T15:00:00+01:00", false)->seconds;
    BrowseState b;
    b.setGroup(VisitorGroup::ChildrenYouth);
    b.setSubject("technik");
    b.setWhen(WhenChoice::Weekend);
    b.setFree(true);
    b.setDistance(DistanceChoice::Km15);
    auto q = b.toQuery(now, berlin, catalog::GeoPoint{49.2, 7.0});
    CHECK(q.audienceMask == audienceMaskFor(VisitorGroup::ChildrenYouth));
    CHECK(q.subjects == std::vector<std::string>{"technik"});
    REQUIRE(q.window);
    CHECK(q.window->from == catalog::timeutil::parseDateTime("2026-11-28T00:00:00+01:00", false)->seconds);
    CHECK(q.freeOnly);
    CHECK(q.radiusKm == 15.0);
    CHECK(b.lastFilter() == FilterKind::Distance);
    REQUIRE(b.loosenLast());
    CHECK(b.distance == DistanceChoice::Any);
    CHECK(b.lastFilter() == FilterKind::Free);
    b.setSubject("informatik");  // changing a filter makes it the last one
    CHECK(b.lastFilter() == FilterKind::Subject);
    b.reset();
    CHECK_FALSE(b.anyFilter());
    CHECK_FALSE(b.loosenLast());
    // Without a kiosk location there are no distances.
    CHECK_FALSE(b.toQuery(now, berlin, std::nullopt).near);
}

TEST_CASE("i18n: every sync failure and result has a text for the admin screen")
{
    Translations t;
    std::string error;
    REQUIRE(t.load(std::string(MINT_SOURCE_DIR) + "/assets/i18n", {"de", "en"}, error));
    for (int k = static_cast<int>(sync::FailureKind::Network); k <= static_cast<int>(sync::FailureKind::Busy); ++k)
        for (const char* lang : {"de", "en"})
            CHECK_MESSAGE(t.has(lang, std::string("sync_error.") + sync::failureKey(static_cast<sync::FailureKind>(k))),
                          lang << " lacks sync_error." << sync::failureKey(static_cast<sync::FailureKind>(k)));
    for (auto r : {sync::SyncResult::Updated, sync::SyncResult::NotModified, sync::SyncResult::Failed})
        CHECK(t.has("de", std::string("admin.result.") + sync::syncResultKey(r)));
}

TEST_CASE("pin guard: three wrong PINs lock, doubling, a right PIN resets")
{
    PinGuard g;
    g.failed(0);
    g.failed(1);
    CHECK_FALSE(g.locked(1));
    g.failed(2);
    CHECK(g.locked(2));
    CHECK(g.secondsLeft(2) == doctest::Approx(30));
    CHECK_FALSE(g.locked(32.1));
    g.failed(40);
    CHECK(g.secondsLeft(40) == doctest::Approx(60));
    for (int i = 0; i < 20; ++i)
        g.failed(100);
    CHECK(g.secondsLeft(100) <= 3600);
    g.succeeded();
    CHECK_FALSE(g.locked(100));
    CHECK(g.failures() == 0);
}

TEST_CASE("usage: counts per day, combinations without search text, CSV and JSON")
{
    UsageStats u;
    u.session("2026-11-26");
    u.session("2026-11-26");
    u.detailView("2026-11-26");
    u.qrShown("2026-11-27");
    BrowseState b;
    b.setGroup(VisitorGroup::Companies);
    b.setAge(6);
    b.setText("geheimer Suchtext");
    const std::string combo = filterCombination(b);
    CHECK(combo == "group=companies;age=6;text");
    CHECK(combo.find("geheim") == std::string::npos);
    CHECK(filterCombination(BrowseState{}) == "none");
    u.nothingFound("2026-11-26", combo);
    CHECK(u.total().sessions == 2);
    CHECK(u.total().qrShown == 1);
    CHECK(u.toCsv() == "date,metric,detail,count\n"
                       "2026-11-26,sessions,,2\n2026-11-26,detail_views,,1\n2026-11-26,qr_shown,,0\n"
                       "2026-11-26,nothing_found,group=companies;age=6;text,1\n"
                       "2026-11-27,sessions,,0\n2026-11-27,detail_views,,0\n2026-11-27,qr_shown,,1\n");
    UsageStats back;
    REQUIRE(back.fromJson(u.toJson()));
    CHECK(back.toCsv() == u.toCsv());
    CHECK_FALSE(back.fromJson("{not json"));
    CHECK(back.toCsv() == u.toCsv());  // a damaged file changes nothing
}

TEST_CASE("browse: chip counts tell what each age, when and distance choice would give")
{
    auto loaded = catalog::loadCatalogFile(std::string(MINT_SOURCE_DIR) + "/assets/demo/feed.json");
    REQUIRE(loaded.accepted());
    const catalog::Catalog& cat = *loaded.catalog;
    const auto now = catalog::timeutil::parseDateTime("2026-11-26T21:00:00+01:00", false)->seconds;
    BrowseState b;
    b.setGroup(VisitorGroup::Companies);
    const auto counts = chipCounts(cat, b, now, catalog::GeoPoint{49.2354, 6.9969});
    CHECK(counts.size() == 12);
    CHECK(counts.at("filter.age.6") == 0);       // company offers have no age range for children
    CHECK(counts.at("filter.when.today") == 0);  // 21:00: nothing left today
    CHECK(counts.at("filter.distance.30") >= counts.at("filter.distance.15"));
    CHECK(counts.at("filter.distance.15") >= counts.at("filter.distance.5"));
    // Each count equals the total of the real query with that choice made.
    BrowseState week = b;
    week.setWhen(WhenChoice::Week);
    CHECK(counts.at("filter.when.week") ==
          static_cast<int>(catalog::runQuery(cat, week.toQuery(now, cat.zone, catalog::GeoPoint{49.2354, 6.9969})).total));
    CHECK(chipCounts(cat, b, now, std::nullopt).count("filter.distance.5") == 0);  // no kiosk place, no distance chips
}

TEST_CASE("offer text: prices, clock ranges and sentences as a visitor reads them")
{
    using namespace mint::ui;
    CHECK(formatPrice("9.00", "EUR", "de") == "9,00 €");
    CHECK(formatPrice("9", "EUR", "de") == "9,00 €");
    CHECK(formatPrice("12.5", "EUR", "de") == "12,50 €");
    CHECK(formatPrice("9.00", "EUR", "en") == "€9.00");
    CHECK(formatPrice("12.50", "CHF", "de") == "12,50 CHF");
    CHECK(formatPrice("abc", "EUR", "de") == "abc €");  // shown as given
    CHECK(formatClock(10 * 60, "de") == "10 Uhr");
    CHECK(formatClock(10 * 60 + 30, "de") == "10:30 Uhr");
    CHECK(formatClock(9 * 60 + 5, "en") == "09:05");
    CHECK(formatClockRange(10 * 60, 12 * 60, "de") == "10–12 Uhr");
    CHECK(formatClockRange(10 * 60 + 30, 12 * 60, "de") == "10:30–12 Uhr");
    CHECK(formatClockRange(15 * 60, -1, "de") == "15 Uhr");
    CHECK(formatClockRange(10 * 60, 12 * 60, "en") == "10:00–12:00");
    CHECK(sentenceCase("rollstuhlgerecht. aufzug vorhanden.") == "Rollstuhlgerecht. aufzug vorhanden.");
    CHECK(sentenceCase("über die Brücke") == "Über die Brücke");
    CHECK(sentenceCase("") == "");
    CHECK(sentenceCase("Schon groß") == "Schon groß");
}

TEST_CASE("contrast: every text and icon colour against what it is drawn on, from the palette itself")
{
    using namespace mint::ui;
    // The WCAG formula on known values first, so the test can trust it.
    CHECK(contrastRatio(Rgba{0, 0, 0, 255}, Rgba{255, 255, 255, 255}) == doctest::Approx(21.0));
    CHECK(contrastRatio(Rgba{255, 255, 255, 255}, Rgba{255, 255, 0, 255}) == doctest::Approx(1.07).epsilon(0.01));  // the old badge
    CHECK(contrastRatio(Rgba{118, 118, 118, 255}, Rgba{255, 255, 255, 255}) == doctest::Approx(4.54).epsilon(0.01));
    for (bool hc : {false, true})
    {
        CAPTURE(hc);
        const auto pairs = colorPairs(hc);
        CHECK(pairs.size() >= 20);
        for (const auto& p : pairs)
        {
            const std::string what = p.what;
            CAPTURE(what);
            const double ratio = contrastRatio(p.fg, over(p.bg, palette(hc).background));
            CAPTURE(ratio);
            CHECK(ratio >= (hc ? 7.0 : p.large ? 3.0 : 4.5));
        }
    }
}

TEST_CASE("pin guard: the lock shows 30 s when it starts, never 31, and 1 in its last second")
{
    mint::ui::PinGuard g;
    double t = 100.0;
    for (int i = 0; i < 3; ++i)
        g.failed(t);
    CHECK(g.secondsShown(t) == 30);
    // The frame clock adds 1/60 s steps; the sum drifts by a few ulps.
    double drift = t;
    for (int i = 0; i < 60; ++i)
        drift += 1.0 / 60;
    CHECK(g.secondsShown(drift - 1.0) == 30);
    CHECK(g.secondsShown(t + 0.5) == 30);
    CHECK(g.secondsShown(t + 29.2) == 1);
    CHECK(g.secondsShown(t + 30.0) == 0);
    CHECK_FALSE(g.locked(t + 30.0));
}

TEST_CASE("date text: in the region's zone, across the DST change, never cut out of strings")
{
    using namespace mint::ui;
    namespace tu = mint::catalog::timeutil;
    const date::time_zone* lisbon = tu::findZone("Europe/Lisbon");
    const date::time_zone* berlin = tu::findZone("Europe/Berlin");
    REQUIRE(lisbon);
    REQUIRE(berlin);
    // 2026-10-25 00:30 UTC: Lisbon still on summer time (01:30 WEST), Berlin 02:30 CEST.
    const mint::catalog::Timestamp beforeChange = 1792888200;
    CHECK(germanDateTime(lisbon, beforeChange) == "25.10.2026 01:30");
    CHECK(germanDateTime(berlin, beforeChange) == "25.10.2026 02:30");
    // Two hours later both have turned their clocks back one hour.
    CHECK(germanDateTime(lisbon, beforeChange + 7200) == "25.10.2026 02:30");
    CHECK(germanDateTime(berlin, beforeChange + 7200) == "25.10.2026 03:30");
    // A moment that is still the 24th in Lisbon but already the 25th in Berlin.
    const mint::catalog::Timestamp lateEvening = 1792882800;  // 2026-10-24 23:00 UTC
    CHECK(germanDate(lisbon, lateEvening) == "25.10.2026");   // 00:00 WEST
    CHECK(germanDate(tu::findZone("America/New_York"), lateEvening) == "24.10.2026");
    CHECK(clockTime(lisbon, lateEvening) == "00:00");
    const LocalParts p = localParts(lisbon, lateEvening);
    CHECK(p.weekday == 6);  // Sunday
    // Without a catalogue the feed format's default zone.
    CHECK(regionZone(nullptr) == berlin);
}

TEST_CASE("ui model: the QR code takes home the registration page, else the offer's page, else the release's phone page")
{
    mint::catalog::Catalog c;
    mint::catalog::Offer o;
    o.id = "werkstatt-robo ag";
    CHECK(mint::ui::takeHomeUrl(c, o).empty());  // nothing to point to: no QR code
    c.phonePages = "https://mint.example/saar";
    CHECK(mint::ui::takeHomeUrl(c, o) == "https://mint.example/saar/o/werkstatt-robo_ag.html");
    o.url = "https://werkstatt.example/robo";
    CHECK(mint::ui::takeHomeUrl(c, o) == "https://werkstatt.example/robo");
    o.registration.url = "https://werkstatt.example/anmelden";
    CHECK(mint::ui::takeHomeUrl(c, o) == "https://werkstatt.example/anmelden");
}
