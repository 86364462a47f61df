// Operations without a window: power commands (fake programs that record their calls), the
// closed notice's words, the health figures as JSON and Prometheus text, the send schedule's
// jitter and backoff, the daily usage report, and the funders' report across kiosks.
#include "app/core/display_power.hpp"
#include "app/core/health.hpp"
#include "app/core/monitor_schedule.hpp"
#include "app/core/usage_report.hpp"
#include "catalog/time_util.hpp"
#include "config/kiosk_config.hpp"
#include "publish/usage_merge.hpp"
#include "support/run_process.hpp"
#include "ui_model/date_text.hpp"
#include "ui_model/i18n.hpp"
#include "util/run_command.hpp"

#include "support/translations.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>

using namespace mint;
using namespace mint::test;
namespace fs = std::filesystem;

namespace
{

catalog::Timestamp at(const char* rfc3339)
{
    const auto spec = catalog::timeutil::parseDateTime(rfc3339, false);
    REQUIRE(spec);
    return spec->seconds;
}

}  // namespace

TEST_CASE("run command: exit status, output, standard input, and a time limit that kills the whole pipeline")
{
    util::CommandResult r = util::runCommand("read line; echo \"got $line\"; exit 3", "standby 0\n");
    CHECK(r.started);
    CHECK(r.exitCode == 3);
    CHECK_FALSE(r.ok());
    CHECK(r.output == "got standby 0\n");
    CHECK(r.describe(10) == "exit 3: got standby 0");
    CHECK(util::runCommand("true").ok());
    const auto start = std::chrono::steady_clock::now();
    r = util::runCommand("sleep 30 | sleep 30", "", 0.3);
    CHECK(r.timedOut);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
    CHECK(r.describe(0.3).rfind("timed out", 0) == 0);
    // A daemon that keeps running with its output elsewhere is still bound by the limit.
    r = util::runCommand("sleep 30 > /dev/null 2>&1", "", 0.3);
    CHECK(r.timedOut);
    CHECK(util::runCommand("no-such-program-here").exitCode == 127);
}

TEST_CASE("display power: command and cec modes run fake programs that record their calls, failures are kept and logged once")
{
    const fs::path dir = processScratch() / "power";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path record = dir / "calls.log";
    config::DisplaySection d;
    d.hours.push_back({0x1F, 8 * 60, 18 * 60});
    d.off = "command";
    d.offCommand = "echo off >> " + record.string();
    d.onCommand = "echo on >> " + record.string();
    {
        app::DisplayPower power(d, nullptr);
        power.set(false);
        power.waitIdle();
        power.set(true);
        power.waitIdle();
        CHECK(power.sent() == 2);
        CHECK(power.problem().empty());
    }
    CHECK(slurp(record) == "off\non\n");

    // cec: Debian's cec-client, here a fake one first on the PATH that records its arguments
    // and what it reads.
    const fs::path fakeCec = dir / "cec-client";
    {
        std::ofstream f(fakeCec);
        f << "#!/bin/sh\necho \"cec-client $* <$(cat)>\" >> " << record.string() << "\n";
    }
    fs::permissions(fakeCec, fs::perms::owner_all);
    const auto cmd = app::DisplayPower::commandFor(
        []
        {
            config::DisplaySection c;
            c.off = "cec";
            return c;
        }(),
        false);
    REQUIRE(cmd);
    CHECK(cmd->line == "cec-client -s -d 1");
    CHECK(cmd->input == "standby 0\n");
    const util::CommandResult r = util::runCommand("PATH=" + dir.string() + ":$PATH " + cmd->line, cmd->input);
    CHECK(r.ok());
    CHECK(slurp(record).find("cec-client -s -d 1 <standby 0>") != std::string::npos);

    // A failing command: the problem for the admin screen, the next good one clears it.
    d.offCommand = "echo 'no monitor found' >&2; exit 2";
    app::DisplayPower failing(d, nullptr);
    failing.set(false);
    failing.waitIdle();
    CHECK(failing.sent() == 0);
    CHECK(failing.problem().find("exit 2: no monitor found") != std::string::npos);
    failing.set(true);
    failing.waitIdle();
    CHECK(failing.problem().empty());

    // dpms: the platform's function on the calling thread; no DPMS is a clear problem.
    config::DisplaySection dpms = d;
    dpms.off = "dpms";
    int calls = 0;
    app::DisplayPower x(dpms,
                        [&](bool, std::string& error)
                        {
                            ++calls;
                            error = "the X server has no DPMS";
                            return false;
                        });
    x.set(false);
    CHECK(calls == 1);
    CHECK(x.problem() == "DPMS off: the X server has no DPMS");
    // blank: nothing to run.
    config::DisplaySection blank = d;
    blank.off = "blank";
    app::DisplayPower b(blank, nullptr);
    b.set(false);
    b.waitIdle();
    CHECK(b.problem().empty());
}

TEST_CASE("closed notice: the next opening in words a child reads, in German and English")
{
    const auto* berlin = catalog::timeutil::findZone("Europe/Berlin");
    const auto de = translations("de");
    const auto en = translations("en");
    const auto friday = at("2026-12-04T19:00:00+01:00");
    CHECK(ui::closedNotice(de, berlin, friday, at("2026-12-07T08:00:00+01:00")) == "Geschlossen – wieder ab Montag, 8:00");
    CHECK(ui::closedNotice(en, berlin, friday, at("2026-12-07T08:00:00+01:00")) == "Closed – open again Monday, 8:00");
    CHECK(ui::closedNotice(de, berlin, friday, at("2026-12-05T09:30:00+01:00")) == "Geschlossen – wieder ab morgen, 9:30");
    CHECK(ui::closedNotice(de, berlin, at("2026-12-04T06:00:00+01:00"), at("2026-12-04T08:00:00+01:00")) ==
          "Geschlossen – wieder ab heute, 8:00");
    // A week or more away (the holidays): the date too.
    CHECK(ui::closedNotice(de, berlin, at("2026-12-23T19:00:00+01:00"), at("2027-01-04T08:00:00+01:00")) ==
          "Geschlossen – wieder ab Montag 4.1., 8:00");
    CHECK(ui::closedNotice(de, berlin, friday, std::nullopt) == "Geschlossen");
}

TEST_CASE("health figures: the heartbeat's JSON fields and the Prometheus text's types, labels and escapes")
{
    app::HealthFigures f;
    f.kiosk = "Foyer \"Nord\"\\1";
    f.version = "0.1.0";
    f.uptimeS = 3725.7;
    f.now = 1796626800;
    f.sequence = 42;
    f.generatedAt = 1796620000;
    f.offers = 812;
    f.picturesMissing = 3;
    f.lastSyncResult = "failed";
    f.lastSyncError = "network";
    f.lastSyncAt = 1796626000;
    f.lastSuccessAt = 1796620000;
    f.syncs = 10;
    f.syncFailures = 2;
    f.mapStatus = "package";
    f.display = "off";
    f.minutesSinceTouch = 12.34;
    f.frameMsP95 = 16.7;
    f.glRenderer = "llvmpipe";
    f.sessionsToday = 7;
    f.freeDiskBytes = 123456789;
    const auto j = nlohmann::json::parse(app::heartbeatJson(f));
    CHECK(j["kiosk"] == f.kiosk);
    CHECK(j["uptime_s"] == 3725);
    CHECK(j["catalog"]["sequence"] == 42);
    CHECK(j["catalog"]["offers"] == 812);
    CHECK(j["catalog"]["pictures_missing"] == 3);
    CHECK(j["last_sync"]["result"] == "failed");
    CHECK(j["last_sync"]["error"] == "network");
    CHECK(j["map"] == "package");
    CHECK(j["display"] == "off");
    CHECK(j["minutes_since_touch"] == doctest::Approx(12.3));
    CHECK(j["sessions_today"] == 7);
    CHECK(j["free_disk_bytes"] == 123456789);
    CHECK(j["frame_ms_p95"] == doctest::Approx(16.7));
    CHECK(j["gl_renderer"] == "llvmpipe");
    // Nothing about visitors beyond counts.
    for (const char* key : {"search", "text", "offer", "ip", "language"})
        CHECK_FALSE(j.contains(key));

    const std::string prom = app::prometheusText(f);
    CHECK(prom.find("# TYPE mint_kiosk_syncs_total counter\nmint_kiosk_syncs_total 10\n") != std::string::npos);
    CHECK(prom.find("# TYPE mint_kiosk_offers gauge\nmint_kiosk_offers 812\n") != std::string::npos);
    CHECK(prom.find("mint_kiosk_display_on 0\n") != std::string::npos);
    CHECK(prom.find("kiosk=\"Foyer \\\"Nord\\\"\\\\1\"") != std::string::npos);
    CHECK(prom.find("mint_kiosk_frame_seconds_p95 0.0167") != std::string::npos);
    // Every metric has its HELP and TYPE lines, and counters end in _total.
    std::size_t helps = 0, types = 0;
    for (std::size_t p = prom.find("# TYPE "); p != std::string::npos; p = prom.find("# TYPE ", p + 1))
    {
        ++types;
        const std::string line = prom.substr(p, prom.find('\n', p) - p);
        if (line.find(" counter") != std::string::npos)
            CHECK(line.find("_total counter") != std::string::npos);
    }
    for (std::size_t p = prom.find("# HELP "); p != std::string::npos; p = prom.find("# HELP ", p + 1))
        ++helps;
    CHECK(types == helps);
    CHECK(types >= 20);
}

TEST_CASE("frame times: the 95th percentile of the last hour, bounded")
{
    app::FrameTimes t;
    CHECK_FALSE(t.p95(0));
    for (int i = 0; i < 100; ++i)
        t.add(10.0 + i, i < 95 ? 10.0 : 50.0);
    CHECK(*t.p95(200) == doctest::Approx(50.0));
    t.add(5000, 12.0);  // an hour later the old frames are gone
    CHECK(*t.p95(5000) == doctest::Approx(12.0));
    for (int i = 0; i < 30000; ++i)
        t.add(6000, 1.0);
    CHECK(t.size() == app::FrameTimes::kMax);
}

TEST_CASE("send schedule: jittered interval, backoff from a minute doubling to the interval, never a tight loop")
{
    app::SendSchedule s(300, 7);
    double lo = 1e9, hi = 0;
    for (int i = 0; i < 500; ++i)
    {
        const double next = s.after(1000, true) - 1000;
        lo = std::min(lo, next);
        hi = std::max(hi, next);
    }
    CHECK(lo >= 240);
    CHECK(hi <= 360);
    CHECK(hi - lo > 60);  // really jittered
    // Failures: about 1, 2, 4 minutes, then the interval; each at least 48 s.
    const double a = s.after(0, false), b = s.after(0, false), c = s.after(0, false), d = s.after(0, false), e = s.after(0, false);
    CHECK(a >= 48);
    CHECK(a <= 72);
    CHECK(b >= 96);
    CHECK(b <= 144);
    CHECK(c >= 192);
    CHECK(d <= 360);
    CHECK(e <= 360);
    CHECK(s.failures() == 5);
    s.after(0, true);
    CHECK(s.failures() == 0);
}

TEST_CASE("usage report: finished days after the last one sent, counts only")
{
    ui::UsageStats u;
    u.session("2026-11-27");
    u.session("2026-11-28");
    u.detailView("2026-11-28");
    u.qrShown("2026-11-28");
    u.nothingFound("2026-11-28", "age=6");
    u.nothingFound("2026-11-28", "free");
    u.session("2026-11-29");  // today: not over yet
    auto r = app::usageReport(u, "Foyer", "0.1.0", "2026-11-27", "2026-11-29");
    REQUIRE(r);
    CHECK(r->lastDay == "2026-11-28");
    const auto j = nlohmann::json::parse(r->json);
    CHECK(j["kiosk"] == "Foyer");
    REQUIRE(j["days"].size() == 1);
    CHECK(j["days"][0] ==
          nlohmann::json{{"date", "2026-11-28"}, {"sessions", 1}, {"detail_views", 1}, {"qr_shown", 1}, {"nothing_found", 2}});
    CHECK(r->json.find("age=6") == std::string::npos);  // not which filters: only how often
    CHECK_FALSE(app::usageReport(u, "Foyer", "0.1.0", "2026-11-28", "2026-11-29"));
    CHECK(app::usageReport(u, "Foyer", "0.1.0", "", "2026-11-29"));
}

TEST_CASE("funders' report: kiosks' CSV and JSON merged per month, a day counted once, bad files named by line")
{
    publish::UsageMerge m;
    std::string error;
    REQUIRE_MESSAGE(m.add("date,metric,detail,count\n2026-10-30,sessions,,4\n2026-10-30,detail_views,,2\n2026-10-30,qr_shown,,1\n"
                          "2026-10-30,nothing_found,age=6,2\n2026-10-30,nothing_found,free,1\n2026-11-02,sessions,,6\n",
                          "foyer", error),
                    error);
    // The same kiosk's JSON report overlapping the CSV (2026-10-30 again) and one more day.
    REQUIRE_MESSAGE(
        m.add(R"({"kiosk": "foyer", "days": [{"date": "2026-10-30", "sessions": 4, "detail_views": 2, "qr_shown": 1, "nothing_found": 3},
                                                      {"date": "2026-11-03", "sessions": 5, "detail_views": 0, "qr_shown": 0, "nothing_found": 0}]})",
              "ignored", error),
        error);
    // A server's log of POSTs: one report per line, another kiosk.
    REQUIRE_MESSAGE(m.add("{\"kiosk\": \"bibliothek\", \"days\": [{\"date\": \"2026-11-02\", \"sessions\": 9}]}\n"
                          "{\"kiosk\": \"bibliothek\", \"days\": [{\"date\": \"2026-11-03\", \"sessions\": 1, \"qr_shown\": 2}]}\n",
                          "x", error),
                    error);
    CHECK(m.kiosks() == 2);
    CHECK(m.days() == 5);
    CHECK(m.csv() == "month,kiosk,sessions,detail_views,qr_shown,nothing_found\n"
                     "2026-10,foyer,4,2,1,3\n"
                     "2026-10,total,4,2,1,3\n"
                     "2026-11,bibliothek,10,0,2,0\n"
                     "2026-11,foyer,11,0,0,0\n"
                     "2026-11,total,21,0,2,0\n");
    const std::string svg = m.svg("Besuche <2026>");
    CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
    CHECK(svg.find("Besuche &lt;2026&gt;") != std::string::npos);
    CHECK(svg.find("<title>bibliothek 2026-11: 10</title>") != std::string::npos);
    CHECK(svg.find(">21</text>") != std::string::npos);  // November's total on its bar

    publish::UsageMerge bad;
    CHECK_FALSE(bad.add("date,metric,detail,count\n2026-10-30,sessions,,4\n2026-13,sessions,,1\n", "k", error));
    CHECK(error == "line 3: date must be YYYY-MM-DD, got \"2026-13\"");
    CHECK_FALSE(bad.add("date,metric,detail,count\n2026-10-30,sessions,,-4\n", "k", error));
    CHECK(error.find("line 2: count must be a whole number") == 0);
    CHECK_FALSE(bad.add("{\"days\": [{\"date\": \"2026-10-30\", \"sessions\": \"many\"}]}", "k", error));
    CHECK(error == "2026-10-30: sessions must be a whole number");
    CHECK_FALSE(bad.add("name,age\nx,1\n", "k", error));
    CHECK_FALSE(bad.add("", "k", error));
    CHECK_FALSE(bad.add("{\"kiosk\": 1}", "k", error));
}

TEST_CASE("config monitoring: keys, defaults and clear errors")
{
    std::string error;
    auto cfg = config::parseConfig(R"({"feed": {"url": "file:///tmp/f.json"}, "monitoring": {"heartbeat_url": "https://hc-ping.com/abc",
        "textfile_dir": "prom", "stats_url": "https://stats.example.org/in"}})",
                                   "/etc/mint-kiosk/kiosk.json", error);
    REQUIRE_MESSAGE(cfg, error);
    CHECK(cfg->monitoring.heartbeatUrl == "https://hc-ping.com/abc");
    CHECK(cfg->monitoring.intervalMin == 5);
    CHECK(cfg->monitoring.textfileDir == "/etc/mint-kiosk/prom");
    CHECK_FALSE(
        config::parseConfig(R"({"feed": {"url": "file:///tmp/f.json"}, "monitoring": {"heartbeat_url": "ftp://x"}})", "/k.json", error));
    CHECK(error.find("monitoring.heartbeat_url") != std::string::npos);
    CHECK_FALSE(config::parseConfig(R"({"feed": {"url": "file:///tmp/f.json"}, "monitoring": {"interval_min": 0}})", "/k.json", error));
    CHECK(error.find("monitoring.interval_min") != std::string::npos);
    CHECK_FALSE(config::parseConfig(R"({"feed": {"url": "file:///tmp/f.json"}, "monitoring": {"heartbeat": "x"}})", "/k.json", error));
    CHECK(error.find("unknown key") != std::string::npos);
}
