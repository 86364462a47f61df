// A long run with the virtual clock: the real app under Xvfb sees visitors (browsing, an
// offer's page, search, the map, idle resets) while a local server publishes a changed feed
// every 15 simulated minutes — some with new pictures, some refused (an older sequence, a
// captive portal's page). After the first simulated hour, resident memory may grow by less
// than 2 %, open files and textures stay bounded. The long version is the same test with
// MINT_SOAK_HOURS=24 (bench/run_soak.sh).
#include "support/run_process.hpp"
#include "support/test_servers.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using Json = nlohmann::json;
using namespace mint::test;

namespace
{

/// The script: one visitor and one publish per simulated quarter hour; a dump after hour 1
/// and at the end.
std::string soakScript(int hours)
{
    std::string s = "clock 2026-11-26T08:00:00+01:00\nsync\n";
    for (int q = 1; q <= hours * 4; ++q)
    {
        s += "tap attract\ntap home.all\nswipe 640 600 640 250 0.2\nwait 1\ntap card.*\nwait 1\ntap nav.back\n";
        if (q % 3 == 0)
            s += "tap nav.home\ntap home.search\ntype robo\nwait 1\n";
        if (q % 4 == 0)
            s += "tap nav.home\ntap home.map\nwait 2\nswipe 640 400 500 300 0.2\nwait 2\n";
        s += "wait 130\n";  // the visitor leaves: idle reset
        s += "wait 760\nsync\n";
        if (q == 4)
            s += "dump hour-1\n";
    }
    return s + "dump end\n";
}

}  // namespace

/// Runs `hours` simulated hours; returns the two dumps.
static std::pair<Json, Json> soakRun(int hours, int& publishes, int& refusedServed)
{
    HttpTestServer http;
    const std::string demo = slurp(std::string(MINT_SOURCE_DIR) + "/assets/demo/feed.json");
    std::vector<std::string> pictures;
    for (const auto& e : fs::directory_iterator(std::string(MINT_SOURCE_DIR) + "/assets/demo/images"))
        pictures.push_back(slurp(e.path()));
    std::atomic<int> n{0}, refused{0};
    http.server().Get("/feed.json",
                      [&](const httplib::Request&, httplib::Response& res)
                      {
                          const int k = ++n;
                          if (k % 7 == 0)
                          {
                              ++refused;
                              if (k % 14 == 0)
                                  res.set_content("<html>Bitte im WLAN anmelden</html>", "text/html");  // a captive portal
                              else
                              {
                                  Json old = Json::parse(demo);
                                  old["sequence"] = 1;  // older than what is installed: a rollback
                                  res.set_content(old.dump(), "application/json");
                              }
                              return;
                          }
                          Json f = Json::parse(demo);
                          f["sequence"] = 100 + k;
                          // Every fourth publish moves the pictures to new URLs (new downloads, new textures).
                          const int round = k / 4;
                          for (auto& o : f["offers"])
                          {
                              if (!o.contains("images"))
                                  continue;
                              for (auto& img : o["images"])
                              {
                                  std::string url = img["url"];
                                  img["url"] = "img/" + std::to_string(round) + "/" + url.substr(url.rfind('/') + 1);
                              }
                          }
                          res.set_content(f.dump(), "application/json");
                      });
    http.server().Get(R"(/img/(\d+)/(.+))",
                      [&](const httplib::Request& req, httplib::Response& res)
                      {
                          const std::string name = req.matches[2];
                          const std::string bytes = slurp(std::string(MINT_SOURCE_DIR) + "/assets/demo/images/" + name);
                          if (bytes.empty())
                              res.status = 404;
                          else
                              res.set_content(bytes, "image/png");
                      });
    const fs::path work = processScratch() / ("soak-" + std::to_string(hours));
    fs::remove_all(work);
    fs::create_directories(work / "out");
    const std::string config = writeScratch("soak-" + std::to_string(hours) + "/kiosk.json",
                                            R"({"kiosk": {"location": {"lat": 49.2354, "lon": 6.9969}}, "feed": {"url": ")" +
                                                http.url("/feed.json") + R"("}, "cache": {"dir": "cache"}})");
    const std::string script = writeScratch("soak-" + std::to_string(hours) + "/script.txt", soakScript(hours));
    Run r = runProgram("xvfb-run", {"-a", "-s", "-screen 0 1280x800x24", MINT_KIOSK_EXE, "--config", config, "--windowed", "1280x800",
                                    "--script", script, "--script-out", (work / "out").string()});
    INFO(r.err.substr(r.err.size() > 4000 ? r.err.size() - 4000 : 0));
    REQUIRE(r.exitCode == 0);
    publishes = n;
    refusedServed = refused;
    // No line at level error in the log; the expected refusals are warnings. (The level is
    // the second field: a refusal's own words may contain "error", as in "an error page".)
    std::istringstream log(r.err);
    int refusals = 0;
    for (std::string line; std::getline(log, line);)
    {
        std::istringstream fields(line);
        std::string time, level;
        fields >> time >> level;
        CHECK_MESSAGE(level != "error", line);
        refusals += level == "warn" && line.find("sync: failed (") != std::string::npos;
    }
    CHECK(refusals == refused.load());  // every refused publish was logged as one, nothing else failed
    return {Json::parse(slurp(work / "out/hour-1.json")), Json::parse(slurp(work / "out/end.json"))};
}

TEST_CASE("soak: simulated hours of visitors and feed changes: memory, files and textures stay bounded")
{
    // Two simulated hours here; bench/run_soak.sh sets MINT_SOAK_HOURS=24.
    const char* env = std::getenv("MINT_SOAK_HOURS");
    const int hours = env ? std::max(2, std::atoi(env)) : 2;
    int publishes = 0, refused = 0;
    const auto [hour1, end] = soakRun(hours, publishes, refused);
    CHECK(publishes >= hours * 4);
    CHECK(refused >= 1);
    const double rss1 = hour1["process"]["rss_kb"], rssEnd = end["process"]["rss_kb"];
    MESSAGE("resident memory after hour 1: " << rss1 / 1024 << " MiB, at the end: " << rssEnd / 1024 << " MiB; open files "
                                             << hour1["process"]["open_fds"] << " -> " << end["process"]["open_fds"] << "; textures "
                                             << hour1["textures"] << " -> " << end["textures"] << "; publishes " << publishes
                                             << " (refused " << refused << ")");
    CHECK(rssEnd < rss1 * 1.02);
    CHECK(end["process"]["open_fds"].get<int>() <= hour1["process"]["open_fds"].get<int>() + 2);
    CHECK(end["textures"].get<int>() <= 256);
    CHECK(end["catalog"]["sequence"].get<int>() > 100);  // the last accepted publish is installed
}
