// The query engine over a small hand-made catalogue: each filter, facets, sorting.
#include "catalog/query.hpp"
#include "catalog/time_util.hpp"
#include "feed_builder.hpp"

#include <doctest/doctest.h>

using namespace mint::catalog;
using namespace mint::test;

namespace
{

Timestamp at(const char* text)
{
    return timeutil::parseDateTime(text, false)->seconds;
}

Json single(const std::string& id, const std::string& title, const std::string& start, const std::string& end)
{
    Json o = withId(sampleOffer(), id);
    o["title"] = {{"de", title}};
    o["schedule"] = {{"kind", "single"}, {"start", start}, {"end", end}};
    return o;
}

/// Six offers around Saarbrücken (Thursday 2026-11-26 is "now").
struct Fixture
{
    LoadResult loaded;
    const Catalog& cat() const { return *loaded.catalog; }

    Fixture()
    {
        Json robot = single("robot", "Roboter bauen", "2026-11-28T10:00:00+01:00", "2026-11-28T12:00:00+01:00");
        robot["subjects"] = {"robotik"};
        robot["audiences"] = {"children"};
        robot["age_range"] = {{"min", 8}, {"max", 12}};
        robot["is_free"] = true;
        robot["offers"] = Json::array();

        Json lions = single("lions", "Die Löwen der Straße", "2026-12-02T15:00:00+01:00", "2026-12-02T17:00:00+01:00");
        lions["subjects"] = {"biologie"};
        lions["audiences"] = {"families"};
        lions.erase("age_range");

        Json far = single("far", "Äpfel und Mathematik", "2026-11-27T09:00:00+01:00", "2026-11-27T11:00:00+01:00");
        far.erase("place");
        far["location"] = {{"name", "Trier"}, {"geo", {{"lat", 49.7596}, {"lon", 6.6439}}}};  // ~60 km away
        far["subjects"] = {"mathematik"};
        far["audiences"] = {"children", "youth"};
        far["age_range"] = {{"min", 6}, {"max", 10}};
        far["is_free"] = true;
        far["offers"] = Json::array();

        Json past = single("past", "Vorbei", "2026-11-01T10:00:00+01:00", "2026-11-01T12:00:00+01:00");
        Json cancelled = single("cancelled", "Abgesagt", "2026-11-29T10:00:00+01:00", "2026-11-29T12:00:00+01:00");
        cancelled["status"] = "cancelled";

        Json teachers = withId(sampleOffer(), "teachers");
        teachers["title"] = {{"de", "Zebra-Fortbildung"}};
        teachers["audiences"] = {"teachers"};
        teachers.erase("age_range");
        teachers["schedule"] = {{"kind", "on_request"}};

        loaded = load(sampleFeed(Json::array({robot, lions, far, past, cancelled, teachers})));
        REQUIRE(loaded.accepted());
        REQUIRE(loaded.catalog->offers.size() == 6);
    }

    Query query() const
    {
        Query q;
        q.now = at("2026-11-26T15:00:00+01:00");
        return q;
    }

    std::vector<std::string> ids(const QueryResult& r) const
    {
        std::vector<std::string> out;
        for (const auto& item : r.items)
            out.emplace_back(cat().offers[item.offer].id);
        return out;
    }
};

}  // namespace

TEST_CASE("query: past and cancelled offers are hidden unless asked for")
{
    Fixture f;
    Query q = f.query();
    auto r = runQuery(f.cat(), q);
    CHECK(f.ids(r) == std::vector<std::string>{"far", "robot", "lions", "teachers"});
    q.includePast = true;
    q.includeCancelled = true;
    CHECK(runQuery(f.cat(), q).total == 6);
}

TEST_CASE("query: sort by next date puts undated offers last")
{
    Fixture f;
    auto r = runQuery(f.cat(), f.query());
    REQUIRE(r.items.size() == 4);
    REQUIRE(r.items[0].next);
    CHECK(r.items[0].next->start == at("2026-11-27T09:00:00+01:00"));
    CHECK_FALSE(r.items[3].next);
}

TEST_CASE("query: audience, subject (broad includes narrow), age, free")
{
    Fixture f;
    Query q = f.query();
    q.audienceMask = 1u << static_cast<unsigned>(Audience::Children);
    CHECK(f.ids(runQuery(f.cat(), q)) == std::vector<std::string>{"far", "robot"});
    q = f.query();
    q.subjects = {"technik"};  // robotik is narrower than technik; "teachers" is technik itself
    CHECK(f.ids(runQuery(f.cat(), q)) == std::vector<std::string>{"robot", "teachers"});
    q.subjects = {"robotik", "biologie"};
    CHECK(f.ids(runQuery(f.cat(), q)) == std::vector<std::string>{"robot", "lions"});
    q.subjects = {"alchemie"};
    CHECK(runQuery(f.cat(), q).total == 0);
    q = f.query();
    q.age = 11;  // robot 8-12 yes, far 6-10 no, lions (families, no range) yes, teachers no
    CHECK(f.ids(runQuery(f.cat(), q)) == std::vector<std::string>{"robot", "lions"});
    q = f.query();
    q.freeOnly = true;
    CHECK(f.ids(runQuery(f.cat(), q)) == std::vector<std::string>{"far", "robot"});
}

TEST_CASE("query: distance filter and sort by distance")
{
    Fixture f;
    Query q = f.query();
    q.near = GeoPoint{49.2354, 6.9969};  // the sample place
    q.sort = SortOrder::Distance;
    auto all = runQuery(f.cat(), q);
    // Three offers at the sample place (ties in title order), "far" in Trier last.
    CHECK(f.ids(all) == std::vector<std::string>{"lions", "robot", "teachers", "far"});
    REQUIRE(all.items[0].distanceKm.has_value());
    CHECK(*all.items[0].distanceKm < 0.01);
    REQUIRE(all.items[3].distanceKm.has_value());
    CHECK(*all.items[3].distanceKm == doctest::Approx(63.6).epsilon(0.01));
    q.radiusKm = 15;
    auto near = runQuery(f.cat(), q);
    CHECK(f.ids(near) == std::vector<std::string>{"lions", "robot", "teachers"});
    q.radiusKm = 70;
    CHECK(runQuery(f.cat(), q).total == 4);
}

TEST_CASE("query: haversine matches known distances")
{
    // Saarbrücken - Trier, about 60 km; Berlin - Munich, about 504 km.
    CHECK(haversineKm({49.2354, 6.9969}, {49.7596, 6.6439}) == doctest::Approx(63.6).epsilon(0.01));
    CHECK(haversineKm({52.5200, 13.4050}, {48.1351, 11.5820}) == doctest::Approx(504.2).epsilon(0.01));
    CHECK(haversineKm({49.0, 7.0}, {49.0, 7.0}) == 0.0);
}

TEST_CASE("query: date windows, weekend preset")
{
    Fixture f;
    Query q = f.query();
    q.window = windowFor(f.cat().zone, q.now, WhenPreset::Weekend);
    CHECK(q.window->from == at("2026-11-28T00:00:00+01:00"));
    CHECK(q.window->to == at("2026-11-30T00:00:00+01:00"));
    CHECK(f.ids(runQuery(f.cat(), q)) == std::vector<std::string>{"robot"});
    q.window = windowFor(f.cat().zone, q.now, WhenPreset::Tomorrow);
    CHECK(f.ids(runQuery(f.cat(), q)) == std::vector<std::string>{"far"});
    q.window = windowFor(f.cat().zone, q.now, WhenPreset::Next7Days);
    CHECK(f.ids(runQuery(f.cat(), q)) == std::vector<std::string>{"far", "robot", "lions"});
    // On Saturday the weekend window starts now, not at midnight.
    const Timestamp saturdayNoon = at("2026-11-28T12:00:00+01:00");
    auto w = windowFor(f.cat().zone, saturdayNoon, WhenPreset::Weekend);
    CHECK(w.from == saturdayNoon);
    CHECK(w.to == at("2026-11-30T00:00:00+01:00"));
}

TEST_CASE("query: text search folds German spellings and ranks title hits first")
{
    Fixture f;
    Query q = f.query();
    q.text = "Loewen";
    CHECK(f.ids(runQuery(f.cat(), q)) == std::vector<std::string>{"lions"});
    q.text = "strasse";
    CHECK(f.ids(runQuery(f.cat(), q)) == std::vector<std::string>{"lions"});
    q.text = "LÖW STR";  // prefixes, every word must match
    CHECK(f.ids(runQuery(f.cat(), q)) == std::vector<std::string>{"lions"});
    q.text = "lowen mathe";
    CHECK(runQuery(f.cat(), q).total == 0);
    // "werkstatt" is the provider and place of every offer; title hits would come first.
    q.text = "werkstatt";
    CHECK(runQuery(f.cat(), q).total == 4);
    q.text = "roboter";  // title of "robot", subject "robotik" is a different word
    auto r = runQuery(f.cat(), q);
    CHECK(f.ids(r) == std::vector<std::string>{"robot"});
    CHECK(r.items[0].textScore == 3);
    q.text = "rob";  // title "Roboter" and subject "robotik"
    CHECK(runQuery(f.cat(), q).items.at(0).textScore == 3);
    q.text = "  ,, ";  // no words: no text filter
    CHECK(runQuery(f.cat(), q).total == 4);
}

TEST_CASE("query: sort by title uses German collation")
{
    Fixture f;
    Query q = f.query();
    q.sort = SortOrder::Title;
    q.includePast = true;
    q.includeCancelled = true;
    // Abgesagt, Äpfel (as Apfel), Die Löwen, Roboter, Vorbei, Zebra
    CHECK(f.ids(runQuery(f.cat(), q)) == std::vector<std::string>{"cancelled", "far", "lions", "robot", "past", "teachers"});
    q.limit = 2;
    auto r = runQuery(f.cat(), q);
    CHECK(r.total == 6);
    CHECK(f.ids(r) == std::vector<std::string>{"cancelled", "far"});
}

TEST_CASE("query: facets count each choice with the other filters kept")
{
    Fixture f;
    Query q = f.query();
    q.audienceMask = 1u << static_cast<unsigned>(Audience::Children);
    q.freeOnly = true;
    auto r = runQuery(f.cat(), q);
    CHECK(r.total == 2);
    // Audience facet ignores the audience filter: free + visible = robot, far.
    CHECK(r.audienceCounts[static_cast<int>(Audience::Children)] == 2);
    CHECK(r.audienceCounts[static_cast<int>(Audience::Youth)] == 1);
    CHECK(r.audienceCounts[static_cast<int>(Audience::Families)] == 0);  // lions is not free: greyed out
    // Free facet ignores the free filter: children + visible = robot, far (both free).
    CHECK(r.freeCount == 2);
    const auto technik = *f.cat().subjectId("technik");
    const auto mathe = *f.cat().subjectId("mathematik");
    CHECK(r.subjectCounts[technik] == 1);
    CHECK(r.subjectCounts[mathe] == 1);
    CHECK(r.subjectCounts[*f.cat().subjectId("biologie")] == 0);
}
