// Opening hours and monitoring in the real app under Xvfb: the screen goes off at closing
// (black, no frames drawn, the power command run and re-sent), a touch shows the closed
// notice, staff override from the admin screen, Monday's opening shows the attract screen
// after a sync; the heartbeat and the Prometheus textfile of the same run.
#include "media/image_decode.hpp"
#include "support/run_process.hpp"
#include "support/test_servers.hpp"
#include "support/ui_dumps.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <mutex>
#include <sstream>

namespace fs = std::filesystem;
using Json = nlohmann::json;
using namespace mint::test;

namespace
{

/// Share of a screenshot's pixels that are black, and of those that are near white.
std::pair<double, double> blackAndWhite(const fs::path& png)
{
    const mint::media::DecodedImage img = mint::media::decodeImage(slurp(png), 4096);
    std::size_t black = 0, white = 0, n = 0;
    for (std::size_t i = 0; i + 3 < img.rgba.size(); i += 4 * 3, ++n)
    {
        const int r = img.rgba[i], g = img.rgba[i + 1], b = img.rgba[i + 2];
        black += r == 0 && g == 0 && b == 0;
        white += r > 200 && g > 200 && b > 200;
    }
    return {n ? static_cast<double>(black) / static_cast<double>(n) : 0, n ? static_cast<double>(white) / static_cast<double>(n) : 0};
}

std::vector<std::string> linesOf(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        out.push_back(l);
    return out;
}

}  // namespace

TEST_CASE("ui: opening hours: off at closing, nothing drawn, the notice on touch, staff override, Monday opens on the attract screen")
{
    // A server for the heartbeat: every POST body is kept.
    HttpTestServer server;
    std::mutex mutex;
    std::vector<std::string> beats;
    server.server().Post("/ping",
                         [&](const httplib::Request& req, httplib::Response& res)
                         {
                             std::lock_guard<std::mutex> lock(mutex);
                             beats.push_back(req.body);
                             res.set_content("OK", "text/plain");
                         });
    for (const auto& [orientation, size] :
         {std::pair<const char*, const char*>{"landscape", "1920x1080"}, {"portrait", "1080x1920"}, {"small", "1280x800"}})
    {
        CAPTURE(size);
        const std::string name = std::string("display-") + orientation;
        const fs::path out = fs::path(MINT_UI_OUT_DIR) / name;
        const fs::path work = processScratch() / name;
        fs::remove_all(out);
        fs::remove_all(work);
        fs::create_directories(work / "prom");
        // The power commands are fake programs that record their calls.
        const fs::path record = work / "power.log";
        const std::string pinHash = demoPinHash();
        Json config = {{"kiosk", {{"name", "Foyer Gymnasium"}}},
                       {"feed", {{"url", std::string(MINT_SOURCE_DIR) + "/assets/demo/feed.json"}}},
                       {"cache", {{"dir", (work / "cache").string()}}},
                       {"admin", {{"pin_hash", pinHash}}},
                       {"display",
                        {{"hours", Json::array({{{"days", {"MO", "TU", "WE", "TH", "FR"}}, {"open", "08:00"}, {"close", "18:00"}}})},
                         {"exceptions", Json::array({{{"date", "2026-12-24"}, {"closed", true}}})},
                         {"off", "command"},
                         {"off_command", "echo off >> " + record.string()},
                         {"on_command", "echo on >> " + record.string()},
                         {"touch_when_closed", "message"}}},
                       {"monitoring", {{"heartbeat_url", server.url("/ping")}, {"textfile_dir", (work / "prom").string()}}}};
        const std::string configPath = writeScratch(name + "/kiosk.json", config.dump());
        const Run r = runProgram("xvfb-run", {"-a", "-s", "-screen 0 1920x1920x24", MINT_KIOSK_EXE, "--config", configPath, "--windowed",
                                              size, "--script", std::string(MINT_SOURCE_DIR) + "/tests/ui/scenarios/display.txt",
                                              "--script-out", out.string()});
        INFO(r.err);
        REQUIRE(r.exitCode == 0);

        const Json open = dump(out, "01-open");
        CHECK(open["display"]["scheduled"] == true);
        CHECK(open["display"]["open"] == true);
        CHECK(open["screen"] == "results");

        // 18:00: closed, the visitor's session is gone, the screen is black, "off" was run.
        const Json closed = dump(out, "02-closed");
        CHECK(closed["display"]["open"] == false);
        CHECK(closed["display"]["closed_screen"] == true);
        CHECK(closed["screen"] == "attract");
        CHECK(closed["filters"]["group"] == -1);
        CHECK(blackAndWhite(out / "02-closed.png").first == doctest::Approx(1.0));
        // While closed nothing is drawn (more than 20 minutes of virtual time), and the power
        // state is sent again every ten minutes.
        const Json still = dump(out, "03-still-closed");
        CHECK(still["display"]["frames_drawn"] == closed["display"]["frames_drawn"]);
        CHECK(still["display"]["power_sent"].get<int>() >= closed["display"]["power_sent"].get<int>() + 2);

        // A touch: the notice, white on black; the touch reached nothing behind it.
        const Json notice = dump(out, "04-notice");
        CHECK(notice["display"]["notice"] == true);
        CHECK(notice["screen"] == "attract");
        CHECK(notice["usage"]["sessions"] == closed["usage"]["sessions"]);
        const auto [black, white] = blackAndWhite(out / "04-notice.png");
        CHECK(black > 0.85);
        CHECK(white > 0.005);
        CHECK(dump(out, "05-notice-gone")["display"]["notice"] == false);

        // Staff: the PIN pad and the admin screen work while closed; "on now" until Monday.
        const Json admin = dump(out, "06-admin");
        CHECK(admin["screen"] == "admin");
        std::string lines;
        for (const auto& l : admin["admin_lines"])
            lines += l.get<std::string>() + "\n";
        CHECK(lines.find("Geschlossen nach Öffnungszeiten · öffnet 07.12.2026 08:00") != std::string::npos);
        CHECK(lines.find("Ausschalten: command") != std::string::npos);
        CHECK(lines.find("Heartbeat: zuletzt gesendet") != std::string::npos);
        const Json forced = dump(out, "07-forced");
        CHECK(forced["display"]["forced"] == true);
        const Json forcedAttract = dump(out, "08-forced-attract");
        CHECK(forcedAttract["display"]["open"] == true);
        CHECK(forcedAttract["display"]["closed_screen"] == false);
        CHECK(forcedAttract["screen"] == "attract");
        const Json schedule = dump(out, "09-schedule");
        CHECK(schedule["display"]["forced"] == false);
        CHECK(schedule["display"]["closed_screen"] == true);

        // Monday 8:00: on, the attract screen, a sync at the opening.
        const Json monday = dump(out, "10-monday");
        CHECK(monday["display"]["open"] == true);
        CHECK(monday["screen"] == "attract");
        const auto syncedAt = monday["sync"]["last_attempt"].get<std::int64_t>();
        CHECK(syncedAt >= 1796626800);  // 2026-12-07T08:00:00+01:00, within a step of it
        CHECK(syncedAt <= 1796626802);
        CHECK(blackAndWhite(out / "10-monday.png").first < 0.5);

        // The recorded power calls: on at start, off at 18:00 and re-sent, on for the notice
        // and for staff, on at Monday's opening.
        const auto calls = linesOf(slurp(record));
        REQUIRE(calls.size() >= 5);
        CHECK(calls.front() == "on");
        CHECK(calls[1] == "off");
        CHECK(calls.back() == "on");
        CHECK(monday["display"]["power_problem"] == "");

        // The Prometheus textfile of the same run.
        const std::string prom = slurp(work / "prom" / "mint_kiosk.prom");
        CHECK(prom.find("# TYPE mint_kiosk_display_on gauge") != std::string::npos);
        CHECK(prom.find("mint_kiosk_info{kiosk=\"Foyer Gymnasium\"") != std::string::npos);
    }
    // Heartbeats: the first right after start-up, from each run, with the figures.
    std::lock_guard<std::mutex> lock(mutex);
    REQUIRE(beats.size() >= 2);
    const Json beat = Json::parse(beats.front());
    CHECK(beat["kiosk"] == "Foyer Gymnasium");
    CHECK(beat["catalog"].contains("offers"));  // the first is sent before the script's first sync
    CHECK(beat["display"] == "on");
    CHECK_FALSE(beat["gl_renderer"].get<std::string>().empty());
    CHECK(beat.contains("frame_ms_p95"));
    CHECK(beat.contains("free_disk_bytes"));
}
