// The bundled demo catalogue (assets/demo) is valid, covers what the kiosk shows, and
// answers the foundation issue's example question.
#include "catalog/feed_parser.hpp"
#include "catalog/query.hpp"
#include "catalog/schedule.hpp"
#include "catalog/time_util.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <set>

using namespace mint::catalog;

namespace
{

const LoadResult& demo()
{
    static const LoadResult result = loadCatalogFile(std::string(MINT_SOURCE_DIR) + "/assets/demo/feed.json");
    return result;
}

}  // namespace

TEST_CASE("demo: loads without any issue and has about 60 offers")
{
    const auto& r = demo();
    REQUIRE(r.accepted());
    CHECK(r.issues.empty());
    CHECK(r.catalog->offers.size() >= 55);
    CHECK(r.catalog->offers.size() <= 80);
    CHECK(r.catalog->stories.size() >= 3);
    CHECK(r.catalog->attribution.get("de", "de").find("fictional") != std::string_view::npos);
}

TEST_CASE("demo: covers every audience, broad subject and schedule kind")
{
    const Catalog& c = *demo().catalog;
    std::uint32_t audiences = 0;
    std::set<ScheduleKind> kinds;
    std::set<std::string_view> subjects;
    for (const auto& o : c.offers)
    {
        audiences |= o.audienceMask;
        kinds.insert(o.schedule.kind);
        for (auto id : o.subjectIds)
            subjects.insert(c.subjectNames[id]);
    }
    CHECK(audiences == (1u << kAudienceCount) - 1);
    CHECK(kinds == std::set<ScheduleKind>{ScheduleKind::Single, ScheduleKind::Recurring, ScheduleKind::Course, ScheduleKind::OnRequest,
                                          ScheduleKind::OpeningHours});
    for (const char* broad : {"mathematik", "informatik", "naturwissenschaften", "technik"})
        CHECK(subjects.count(broad) == 1);
}

TEST_CASE("demo: every image is a file shipped beside the feed")
{
    const Catalog& c = *demo().catalog;
    const std::filesystem::path dir = std::filesystem::path(MINT_SOURCE_DIR) / "assets/demo";
    std::size_t checked = 0;
    for (const auto& o : c.offers)
        for (const auto& img : o.images)
        {
            CHECK(std::filesystem::is_regular_file(dir / std::string(img.url)));
            ++checked;
        }
    CHECK(checked >= c.offers.size());
}

TEST_CASE("demo: free robotics offers for a 9-year-old within 15 km this weekend")
{
    const Catalog& c = *demo().catalog;
    Query q;
    q.now = timeutil::parseDateTime("2026-11-26T15:00:00+01:00", false)->seconds;
    q.subjects = {"robotik"};
    q.age = 9;
    q.freeOnly = true;
    q.near = GeoPoint{49.2354, 6.9969};
    q.radiusKm = 15;
    q.window = windowFor(c.zone, q.now, WhenPreset::Weekend);
    auto r = runQuery(c, q);
    REQUIRE(r.total >= 1);
    for (const auto& item : r.items)
    {
        const Offer& o = c.offers[item.offer];
        CHECK(o.isFree == true);
        CHECK(std::find(o.subjects.begin(), o.subjects.end(), std::string_view("robotik")) != o.subjects.end());
        REQUIRE(item.distanceKm);
        CHECK(*item.distanceKm <= 15.0);
        REQUIRE(item.next);
        CHECK(item.next->start >= q.window->from);
        CHECK(item.next->start < q.window->to);
    }
}

TEST_CASE("docs: the complete example in docs/feed-format.md is valid and matches tests/data")
{
    std::string md, error, data;
    REQUIRE(readFile(std::string(MINT_SOURCE_DIR) + "/docs/feed-format.md", md, error) == ReadStatus::Ok);
    REQUIRE(readFile(std::string(MINT_SOURCE_DIR) + "/tests/data/feed-format-example.json", data, error) == ReadStatus::Ok);
    const auto section = md.find("## A complete small feed");
    REQUIRE(section != std::string::npos);
    const auto begin = md.find("```json\n", section);
    const auto end = md.find("```", begin + 8);
    REQUIRE(begin != std::string::npos);
    const std::string block = md.substr(begin + 8, end - begin - 8);
    CHECK(nlohmann::json::parse(block) == nlohmann::json::parse(data));
    auto r = loadCatalog(block);
    REQUIRE(r.accepted());
    CHECK(r.issues.empty());
    CHECK(r.catalog->offers.size() == 5);
    CHECK(r.catalog->tombstones.size() == 1);
}
