// The monitor (config `monitoring`): on its own thread, never the UI's. It takes the
// figures the UI thread hands over (HealthFigures, the usage counts) and
//   - POSTs the heartbeat JSON to `heartbeat_url` right after start-up, then every
//     `interval_min` with jitter, backing off after failures;
//   - writes `<textfile_dir>/mint_kiosk.prom` atomically every minute (node-exporter);
//   - POSTs the usage counts of finished days to `stats_url` once a day.
// Failures are logged (once per kind) and kept for the admin screen; nothing is retried
// in a tight loop. Without any of the three keys it does nothing.
#pragma once

#include "app/core/health.hpp"
#include "app/core/monitor_schedule.hpp"
#include "config/kiosk_config.hpp"
#include "ui_model/usage_stats.hpp"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace mint::app
{

class Monitor
{
public:
    struct Options
    {
        config::MonitoringSection config;
        std::string cacheDir;  ///< stats_sent.json lives here; its file system's free space is reported
        std::string userAgent;
        std::string caFile;
        std::uint64_t seed = 0;  ///< jitter (0: from the clock)
        /// Monotonic seconds (overridable for tests).
        std::function<double()> clock;
        /// How often the textfile is rewritten.
        double textfileEveryS = 60;
        /// Between heartbeats (0: config interval_min); tests use seconds.
        double heartbeatEveryS = 0;
        /// How often finished days are looked for (sent once a day).
        double reportCheckS = 3600;
    };
    struct State
    {
        std::uint64_t heartbeatsSent = 0, heartbeatFailures = 0;
        std::string heartbeatError;              ///< the last failure ("" after a success)
        catalog::Timestamp lastHeartbeatAt = 0;  ///< wall clock of the last good one
        double nextHeartbeatS = 0;               ///< monotonic
        std::uint64_t reportsSent = 0, reportFailures = 0;
        std::string reportError;
        std::string statsSentUntil;  ///< the newest day a funder report has carried
        std::uint64_t textfileWrites = 0;
        std::string textfileError;
    };

    explicit Monitor(Options options);
    ~Monitor();
    Monitor(const Monitor&) = delete;
    Monitor& operator=(const Monitor&) = delete;

    /// Anything configured?
    static bool wanted(const config::MonitoringSection& c)
    {
        return !c.heartbeatUrl.empty() || !c.textfileDir.empty() || !c.statsUrl.empty();
    }
    /// From the UI thread: the latest figures, the usage counts and the local day.
    void update(const HealthFigures& figures, const ui::UsageStats& usage, const std::string& today);
    State state() const;
    void stop();

private:
    void loop();
    /// POSTs JSON; "" when the server took it (2xx), else what went wrong.
    std::string post(const std::string& url, const std::string& body, long timeoutS) const;
    bool sendHeartbeat(const HealthFigures& f);
    void writeTextfile(const HealthFigures& f);
    void sendReport(const ui::UsageStats& usage, const std::string& kiosk, const std::string& version, const std::string& today,
                    double now);
    void problem(std::string& lastLogged, const std::string& what, const std::string& message);

    Options m_options;
    SendSchedule m_heartbeats;
    SendSchedule m_reports;
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stop = false;
    std::optional<HealthFigures> m_figures;
    ui::UsageStats m_usage;
    std::string m_today;
    State m_state;
    double m_nextTextfileS = 0, m_nextReportS = 0;
    std::string m_loggedHeartbeat, m_loggedReport, m_loggedTextfile;
    std::thread m_thread;
};

}  // namespace mint::app
