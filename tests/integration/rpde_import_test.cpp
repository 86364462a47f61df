// mint-catalog import from OpenActive RPDE feeds served by a real HTTP server on 127.0.0.1:
// a SessionSeries feed and a ScheduledSession feed, three pages each with an update and a
// deletion, joined by superEvent.
#include "support/run_process.hpp"
#include "support/test_servers.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using namespace mint::test;
using Json = nlohmann::json;

namespace
{

Json item(const std::string& kind, const std::string& id, long long modified, const Json& data)
{
    Json i{{"state", data.is_null() ? "deleted" : "updated"}, {"kind", kind}, {"id", id}, {"modified", modified}};
    if (!data.is_null())
        i["data"] = data;
    return i;
}

Json session(const std::string& id, const std::string& series, const std::string& start, const std::string& end, bool cancelled = false)
{
    Json s{{"@context", "https://openactive.io/"},
           {"@type", "ScheduledSession"},
           {"@id", id},
           {"superEvent", series},
           {"startDate", start},
           {"endDate", end}};
    if (cancelled)
        s["eventStatus"] = "https://schema.org/EventCancelled";
    return s;
}

}  // namespace

TEST_CASE("rpde: two feeds of three pages with updates and deletions become offers with their sessions")
{
    HttpTestServer http;
    const std::string base = http.url("");
    const Json roboter = {
        {"@context", "https://openactive.io/"},
        {"@type", "SessionSeries"},
        {"@id", base + "/series/S1"},
        {"name", "Roboter-AG"},
        {"description", "Wir bauen Roboter."},
        {"url", "https://werkstatt.example/robo"},
        {"organizer", {{"@type", "Organization"}, {"name", "MINT-Werkstatt"}, {"url", "https://werkstatt.example"}}},
        {"location",
         {{"@type", "Place"},
          {"name", "MINT-Werkstatt"},
          {"address", {{"streetAddress", "Bahnhofstraße 12"}, {"postalCode", "66111"}, {"addressLocality", "Saarbrücken"}}},
          {"geo", {{"latitude", 49.2364}, {"longitude", 6.9989}}}}},
        {"ageRange", {{"minValue", 10}, {"maxValue", 14}}},
        {"offers", {{{"price", 0}, {"priceCurrency", "EUR"}}}},
        {"activity", {{{"prefLabel", "Robotik"}}}}};
    const Json oldStars = {{"@type", "SessionSeries"}, {"@id", base + "/series/S2"}, {"name", "Alte Fassung"}};
    Json stars = {{"@type", "SessionSeries"},
                  {"@id", base + "/series/S2"},
                  {"name", "Sternenabend"},
                  {"organizer", {{"name", "Sternwarte"}}},
                  {"offers", {{{"price", "3.5"}, {"priceCurrency", "EUR"}}}}};
    const Json gone = {{"@type", "SessionSeries"}, {"@id", base + "/series/S3"}, {"name", "Wird gelöscht"}};
    const std::map<std::string, Json> pages = {
        {"/series",
         {{"next", base + "/series?p=2"},
          {"items", {item("SessionSeries", "S1", 1, roboter), item("SessionSeries", "S2", 2, oldStars)}},
          {"license", "https://creativecommons.org/licenses/by/4.0/"}}},
        {"/series?p=2",
         {{"next", base + "/series?p=3"}, {"items", {item("SessionSeries", "S2", 3, stars), item("SessionSeries", "S3", 4, gone)}}}},
        {"/series?p=3", {{"next", base + "/series?p=4"}, {"items", {item("SessionSeries", "S3", 5, Json())}}}},
        {"/series?p=4", {{"next", base + "/series?p=4"}, {"items", Json::array()}}},
        {"/sessions",
         {{"next", base + "/sessions?p=2"},
          {"items",
           {item("ScheduledSession", "A", 1,
                 session(base + "/sessions/A", base + "/series/S1", "2027-01-13T15:00:00+01:00", "2027-01-13T17:00:00+01:00")),
            item("ScheduledSession", "B", 1,
                 session(base + "/sessions/B", base + "/series/S1", "2027-01-20T15:00:00+01:00", "2027-01-20T17:00:00+01:00", true)),
            item("ScheduledSession", "C", 1,
                 session(base + "/sessions/C", base + "/series/S1", "2027-01-27T15:00:00+01:00", "2027-01-27T17:00:00+01:00")),
            item("ScheduledSession", "D", 1,
                 session(base + "/sessions/D", base + "/series/S2", "2027-02-05T19:00:00+01:00", "2027-02-05T21:00:00+01:00")),
            item("ScheduledSession", "E", 1,
                 session(base + "/sessions/E", base + "/series/S3", "2027-02-06T19:00:00+01:00", "2027-02-06T21:00:00+01:00"))}}}},
        {"/sessions?p=2", {{"next", base + "/sessions?p=3"}, {"items", {item("ScheduledSession", "C", 2, Json())}}}},
        {"/sessions?p=3", {{"next", base + "/sessions?p=3"}, {"items", Json::array()}}},
    };
    auto serve = [&](const httplib::Request& req, httplib::Response& res)
    {
        std::string key = req.path;
        if (req.has_param("p"))
            key += "?p=" + req.get_param_value("p");
        const auto it = pages.find(key);
        if (it == pages.end())
        {
            res.status = 404;
            return;
        }
        res.set_content(it->second.dump(), "application/json");
    };
    http.server().Get("/series", serve);
    http.server().Get("/sessions", serve);

    const auto dir = processScratch() / "rpde";
    std::filesystem::create_directories(dir);
    const std::string out = (dir / "feed.json").string();
    Run r = runProgram(MINT_CATALOG_EXE, {"import", base + "/series", base + "/sessions", "--out", out});
    INFO(r.out, r.err);
    CHECK(r.exitCode == 0);
    CHECK(r.out.find("2 Angebote übernommen") != std::string::npos);
    CHECK(http.requests() == 7);  // every page once, the last of each feed ends it

    std::ifstream in(out);
    const Json feed = Json::parse(in);
    CHECK(feed["license"] == "https://creativecommons.org/licenses/by/4.0/");
    REQUIRE(feed["offers"].size() == 2);
    const Json* robo = nullptr;
    const Json* sterne = nullptr;
    for (const auto& o : feed["offers"])
        (o["title"] == "Roboter-AG" ? robo : sterne) = &o;
    REQUIRE(robo);
    REQUIRE(sterne);
    CHECK((*sterne)["title"] == "Sternenabend");  // the newer state of S2 won
    const auto& sessions = (*robo)["schedule"]["sessions"];
    REQUIRE(sessions.size() == 2);  // C was deleted
    CHECK(sessions[0]["start"] == "2027-01-13T15:00:00+01:00");
    CHECK(sessions[1]["status"] == "cancelled");
    CHECK((*robo)["age_range"]["min"] == 10);
    CHECK((*robo)["is_free"] == true);
    CHECK((*robo)["subjects"] == Json({"robotik"}));
    CHECK((*robo)["location"]["address"]["postal_code"] == "66111");
    CHECK((*robo)["location"]["geo"]["lat"].get<double>() == doctest::Approx(49.2364));
    CHECK((*sterne)["offers"][0]["price"] == "3.50");
    bool werkstatt = false;
    for (const auto& p : feed["providers"])
        werkstatt = werkstatt || (p["name"] == "MINT-Werkstatt" && p["url"] == "https://werkstatt.example");
    CHECK(werkstatt);
    // As a kiosk reads it.
    r = runProgram(MINT_CATALOG_EXE, {"validate", out});
    CHECK_MESSAGE(r.exitCode == 0, r.out);

    // A feed that cannot be read is named, and nothing is written.
    const std::string none = (dir / "none.json").string();
    r = runProgram(MINT_CATALOG_EXE, {"import", base + "/missing", "--out", none});
    CHECK(r.exitCode == 2);
    CHECK(r.out.find("HTTP 404") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(none));
}
