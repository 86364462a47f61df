// The monitor against real servers on 127.0.0.1: heartbeats (the first right away, then
// jittered, JSON with the figures), backoff when the server fails, nothing sent when nothing
// is configured, the Prometheus textfile read back by a real text-format parser (Debian's
// python3-prometheus-client), and the daily usage report sent once.
#include "app/monitor.hpp"
#include "support/run_process.hpp"
#include "support/test_servers.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

using namespace mint;
using namespace mint::test;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace
{

struct Received
{
    std::mutex mutex;
    std::vector<std::pair<Clock::time_point, std::string>> bodies;
    std::string contentType;
    int status = 200;

    void route(HttpTestServer& server, const std::string& path)
    {
        server.server().Post(path,
                             [this](const httplib::Request& req, httplib::Response& res)
                             {
                                 std::lock_guard<std::mutex> lock(mutex);
                                 bodies.emplace_back(Clock::now(), req.body);
                                 contentType = req.get_header_value("Content-Type");
                                 res.status = status;
                                 res.set_content("OK", "text/plain");
                             });
    }
    std::size_t count()
    {
        std::lock_guard<std::mutex> lock(mutex);
        return bodies.size();
    }
    bool waitFor(std::size_t n, double seconds)
    {
        const auto end = Clock::now() + std::chrono::duration<double>(seconds);
        while (Clock::now() < end)
        {
            if (count() >= n)
                return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return count() >= n;
    }
};

app::HealthFigures figures()
{
    app::HealthFigures f;
    f.kiosk = "Foyer Nord";
    f.version = "0.1.0";
    f.now = 1796626800;
    f.sequence = 7;
    f.offers = 120;
    f.syncs = 4;
    f.syncFailures = 1;
    f.lastSyncResult = "updated";
    f.mapStatus = "online";
    f.frameMsP95 = 14.5;
    f.glRenderer = "llvmpipe";
    return f;
}

fs::path freshDir(const std::string& name)
{
    const fs::path d = processScratch() / name;
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

}  // namespace

TEST_CASE("monitor: the first heartbeat right after start-up, then every interval with jitter, JSON with the figures")
{
    HttpTestServer server;
    Received hb;
    hb.route(server, "/hb");
    app::Monitor::Options o;
    o.config.heartbeatUrl = server.url("/hb");
    o.cacheDir = freshDir("monitor-hb").string();
    o.heartbeatEveryS = 0.4;
    o.seed = 3;
    app::Monitor m(o);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(hb.count() == 0);  // nothing before the UI thread's first figures
    const auto handed = Clock::now();
    m.update(figures(), ui::UsageStats{}, "2026-12-07");
    REQUIRE(hb.waitFor(4, 10));
    m.stop();
    std::lock_guard<std::mutex> lock(hb.mutex);
    CHECK(hb.bodies[0].first - handed < std::chrono::seconds(1));
    CHECK(hb.contentType == "application/json");
    const auto j = nlohmann::json::parse(hb.bodies[0].second);
    CHECK(j["kiosk"] == "Foyer Nord");
    CHECK(j["catalog"]["offers"] == 120);
    CHECK(j["last_sync"]["result"] == "updated");
    CHECK(j["free_disk_bytes"].get<std::uint64_t>() > 0);  // measured by the monitor
    // Intervals within the jitter (0.4 s ± 20 %, some slack for the machine), never a burst.
    for (std::size_t i = 1; i < hb.bodies.size(); ++i)
    {
        const double gap = std::chrono::duration<double>(hb.bodies[i].first - hb.bodies[i - 1].first).count();
        CHECK(gap >= 0.3);
        CHECK(gap <= 1.0);
    }
    CHECK(m.state().heartbeatsSent >= 4);
    CHECK(m.state().heartbeatError.empty());
}

TEST_CASE("monitor: a failing server is not retried in a tight loop, the failure is kept for the admin screen")
{
    HttpTestServer server;
    Received hb;
    hb.status = 500;
    hb.route(server, "/hb");
    app::Monitor::Options o;
    o.config.heartbeatUrl = server.url("/hb");
    o.cacheDir = freshDir("monitor-fail").string();
    o.heartbeatEveryS = 0.2;
    app::Monitor m(o);
    m.update(figures(), ui::UsageStats{}, "2026-12-07");
    REQUIRE(hb.waitFor(1, 5));
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    CHECK(hb.count() == 1);  // the backoff starts at about a minute, whatever the interval
    const auto st = m.state();
    CHECK(st.heartbeatFailures == 1);
    CHECK(st.heartbeatError == "HTTP 500");
    CHECK(st.nextHeartbeatS - std::chrono::duration<double>(Clock::now().time_since_epoch()).count() > 40);

    // A server that is not there at all: a transport error, the same backoff.
    app::Monitor::Options gone = o;
    gone.config.heartbeatUrl = "http://127.0.0.1:1/hb";
    app::Monitor g(gone);
    g.update(figures(), ui::UsageStats{}, "2026-12-07");
    for (int i = 0; i < 200 && g.state().heartbeatFailures == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(g.state().heartbeatFailures == 1);
    CHECK(g.state().heartbeatError.rfind("connect", 0) == 0);
}

TEST_CASE("monitor: nothing configured, nothing sent or written")
{
    app::Monitor::Options o;
    o.cacheDir = freshDir("monitor-none").string();
    CHECK_FALSE(app::Monitor::wanted(o.config));
    app::Monitor m(o);
    m.update(figures(), ui::UsageStats{}, "2026-12-07");
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    CHECK(m.state().heartbeatsSent == 0);
    CHECK(m.state().textfileWrites == 0);
    CHECK(fs::is_empty(o.cacheDir));
}

TEST_CASE("monitor: the textfile is written atomically and read back by the Prometheus text-format parser")
{
    const fs::path dir = freshDir("monitor-prom");
    app::Monitor::Options o;
    o.config.textfileDir = dir.string();
    o.cacheDir = dir.string();
    o.textfileEveryS = 0.1;
    app::Monitor m(o);
    m.update(figures(), ui::UsageStats{}, "2026-12-07");
    for (int i = 0; i < 300 && m.state().textfileWrites < 2; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    m.stop();
    REQUIRE(m.state().textfileWrites >= 2);
    // Only the finished file: no temporary file left beside it for node-exporter to read.
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir))
        names.push_back(e.path().filename().string());
    CHECK(names == std::vector<std::string>{"mint_kiosk.prom"});
    // Debian's python3 (a python3 earlier on the PATH, e.g. pyenv's, lacks the Debian module).
    const Run r = runProgram("/usr/bin/python3", {"-c", R"(
import sys
from prometheus_client.parser import text_string_to_metric_families
for fam in text_string_to_metric_families(open(sys.argv[1]).read()):
    for s in fam.samples:
        print(fam.name, fam.type, s.name, s.value, ",".join(k + "=" + v for k, v in sorted(s.labels.items())))
)",
                                                  (dir / "mint_kiosk.prom").string()});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    std::map<std::string, std::string> parsed;  // sample -> "type value labels"
    std::istringstream in(r.out);
    for (std::string family, type, sample, value, labels; in >> family >> type >> sample >> value;)
    {
        std::getline(in, labels);
        parsed[sample] = type + " " + value + labels;
    }
    CHECK(parsed["mint_kiosk_syncs_total"] == "counter 4.0 ");
    CHECK(parsed["mint_kiosk_sync_failures_total"] == "counter 1.0 ");
    CHECK(parsed["mint_kiosk_offers"] == "gauge 120.0 ");
    CHECK(parsed["mint_kiosk_catalog_sequence"] == "gauge 7.0 ");
    CHECK(parsed["mint_kiosk_map_ok"] == "gauge 1.0 source=online");
    CHECK(parsed["mint_kiosk_info"] == "gauge 1.0 gl_renderer=llvmpipe,kiosk=Foyer Nord,version=0.1.0");
    CHECK(parsed["mint_kiosk_frame_seconds_p95"] == "gauge 0.0145 ");
    CHECK(parsed.count("mint_kiosk_free_disk_bytes") == 1);
    CHECK(parsed.size() >= 22);
}

TEST_CASE("monitor: the usage report carries the finished days once, also across a restart, and keeps failures")
{
    HttpTestServer server;
    Received stats;
    stats.route(server, "/stats");
    const fs::path dir = freshDir("monitor-stats");
    ui::UsageStats usage;
    usage.session("2026-12-05");
    usage.session("2026-12-06");
    usage.qrShown("2026-12-06");
    usage.session("2026-12-07");  // today: not yet
    app::Monitor::Options o;
    o.config.statsUrl = server.url("/stats");
    o.cacheDir = dir.string();
    o.reportCheckS = 0.1;
    {
        app::Monitor m(o);
        m.update(figures(), usage, "2026-12-07");
        REQUIRE(stats.waitFor(1, 5));
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        CHECK(m.state().statsSentUntil == "2026-12-06");
    }
    CHECK(stats.count() == 1);  // checked again and again, sent once
    {
        std::lock_guard<std::mutex> lock(stats.mutex);
        const auto j = nlohmann::json::parse(stats.bodies[0].second);
        CHECK(j["kiosk"] == "Foyer Nord");
        REQUIRE(j["days"].size() == 2);
        CHECK(j["days"][1]["date"] == "2026-12-06");
        CHECK(j["days"][1]["qr_shown"] == 1);
    }
    // A restart: stats_sent.json says where the last report ended.
    {
        app::Monitor m(o);
        m.update(figures(), usage, "2026-12-07");
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
    }
    CHECK(stats.count() == 1);
    // The next day: only 2026-12-07; the server fails, the error is kept, no tight loop.
    stats.status = 503;
    app::Monitor m(o);
    m.update(figures(), usage, "2026-12-08");
    REQUIRE(stats.waitFor(2, 5));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    CHECK(stats.count() == 2);
    CHECK(m.state().reportError == "HTTP 503");
    CHECK(m.state().statsSentUntil == "2026-12-06");
}
