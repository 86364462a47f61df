// The monitor thread; see monitor.hpp.
#include "monitor.hpp"

#include "app/core/usage_report.hpp"
#include "net/http_client.hpp"
#include "util/fs_util.hpp"
#include "util/json_text.hpp"
#include "util/log.hpp"

#include <nlohmann/json.hpp>

#include <sys/statvfs.h>

#include <chrono>

namespace mint::app
{

namespace
{

double steadySeconds()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::uint64_t seedOf(std::uint64_t seed)
{
    return seed ? seed : static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
}

}  // namespace

Monitor::Monitor(Options options)
    : m_options(std::move(options)),
      m_heartbeats(m_options.heartbeatEveryS > 0 ? m_options.heartbeatEveryS : m_options.config.intervalMin * 60.0, seedOf(m_options.seed)),
      m_reports(86400.0, seedOf(m_options.seed) + 1)
{
    if (!m_options.clock)
        m_options.clock = steadySeconds;
    // Where the last report ended: a restart does not send the same days again.
    std::string text, error;
    if (util::readWholeFile(m_options.cacheDir + "/stats_sent.json", text, error))
    {
        const auto j = nlohmann::json::parse(text, nullptr, false);
        if (j.is_object() && j.contains("sent_until") && j["sent_until"].is_string())
            m_state.statsSentUntil = j["sent_until"].get<std::string>();
    }
    if (wanted(m_options.config))
        m_thread = std::thread([this] { loop(); });
}

Monitor::~Monitor()
{
    stop();
}

void Monitor::stop()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void Monitor::update(const HealthFigures& figures, const ui::UsageStats& usage, const std::string& today)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        const bool first = !m_figures;
        m_figures = figures;
        m_usage = usage;
        m_today = today;
        if (!first)
            return;
    }
    m_cv.notify_all();  // the first figures: the first heartbeat goes now
}

Monitor::State Monitor::state() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_state;
}

void Monitor::problem(std::string& lastLogged, const std::string& what, const std::string& message)
{
    // Every few minutes while a server is down: the same failure is logged once.
    if (message != lastLogged)
        util::logWarn("monitor", what + ": " + message);
    lastLogged = message;
}

std::string Monitor::post(const std::string& url, const std::string& body, long timeoutS) const
{
    net::HttpClient http;
    net::HttpRequest req;
    req.url = url;
    req.userAgent = m_options.userAgent;
    req.caFile = m_options.caFile;
    req.timeoutS = timeoutS;
    req.connectTimeoutS = 10;
    req.maxBytes = 64 << 10;
    const net::HttpResponse r = http.post(req, body);
    if (r.ok() && r.status >= 200 && r.status < 300)
        return {};
    return r.ok() ? "HTTP " + std::to_string(r.status) : std::string(net::transportErrorKey(r.error)) + ": " + r.errorText;
}

bool Monitor::sendHeartbeat(const HealthFigures& f)
{
    const std::string error = post(m_options.config.heartbeatUrl, heartbeatJson(f), 20);
    std::lock_guard<std::mutex> lock(m_mutex);
    if (error.empty())
    {
        ++m_state.heartbeatsSent;
        m_state.heartbeatError.clear();
        m_state.lastHeartbeatAt = f.now;
        m_loggedHeartbeat.clear();
        return true;
    }
    ++m_state.heartbeatFailures;
    m_state.heartbeatError = error;
    problem(m_loggedHeartbeat, "heartbeat to " + m_options.config.heartbeatUrl, error);
    return false;
}

void Monitor::writeTextfile(const HealthFigures& f)
{
    std::string error;
    const std::string path = m_options.config.textfileDir + "/mint_kiosk.prom";
    // Written next to it and renamed: node-exporter never reads half a file.
    const bool ok = util::writeFileAtomic(path, prometheusText(f), error, false);
    std::lock_guard<std::mutex> lock(m_mutex);
    if (ok)
    {
        ++m_state.textfileWrites;
        m_state.textfileError.clear();
        m_loggedTextfile.clear();
    }
    else
    {
        m_state.textfileError = error;
        problem(m_loggedTextfile, "metrics textfile", error);
    }
}

void Monitor::sendReport(const ui::UsageStats& usage, const std::string& kiosk, const std::string& version, const std::string& today,
                         double now)
{
    std::string sentUntil;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        sentUntil = m_state.statsSentUntil;
    }
    const auto report = usageReport(usage, kiosk, version, sentUntil, today);
    if (!report)
    {
        m_nextReportS = now + m_options.reportCheckS;
        return;
    }
    const std::string error = post(m_options.config.statsUrl, report->json, 30);
    std::lock_guard<std::mutex> lock(m_mutex);
    if (error.empty())
    {
        ++m_state.reportsSent;
        m_state.reportError.clear();
        m_state.statsSentUntil = report->lastDay;
        m_loggedReport.clear();
        std::string error;
        if (!util::writeFileAtomic(m_options.cacheDir + "/stats_sent.json",
                                   util::dumpJson(nlohmann::json{{"sent_until", report->lastDay}}, -1), error, false))
            util::logWarn("monitor", error);
        m_reports.after(now, true);
        m_nextReportS = now + m_options.reportCheckS;
        util::logInfo("monitor", "usage report sent up to " + report->lastDay);
        return;
    }
    ++m_state.reportFailures;
    m_state.reportError = error;
    problem(m_loggedReport, "usage report to " + m_options.config.statsUrl, error);
    m_nextReportS = m_reports.after(now, false);
}

void Monitor::loop()
{
    const auto& c = m_options.config;
    std::unique_lock<std::mutex> lock(m_mutex);
    // Nothing is sent before the UI thread has reported once (its first frame).
    m_cv.wait(lock, [this] { return m_stop || m_figures; });
    double now = m_options.clock();
    m_state.nextHeartbeatS = now;  // the first heartbeat right after start-up
    m_nextTextfileS = now;
    m_nextReportS = now;
    while (!m_stop)
    {
        now = m_options.clock();
        HealthFigures f = *m_figures;
        f.heartbeatFailures = m_state.heartbeatFailures;
        const ui::UsageStats usage = m_usage;
        const std::string today = m_today;
        lock.unlock();
        struct statvfs fs
        {
        };
        if (::statvfs(m_options.cacheDir.c_str(), &fs) == 0)
            f.freeDiskBytes = static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize;
        if (!c.textfileDir.empty() && now >= m_nextTextfileS)
        {
            writeTextfile(f);
            m_nextTextfileS = now + m_options.textfileEveryS;
        }
        if (!c.heartbeatUrl.empty() && now >= m_state.nextHeartbeatS)
        {
            const bool ok = sendHeartbeat(f);
            const double next = m_heartbeats.after(m_options.clock(), ok);
            std::lock_guard<std::mutex> guard(m_mutex);
            m_state.nextHeartbeatS = next;
        }
        if (!c.statsUrl.empty() && now >= m_nextReportS && !today.empty())
            sendReport(usage, f.kiosk, f.version, today, m_options.clock());
        lock.lock();
        double wake = 1e300;
        if (!c.textfileDir.empty())
            wake = std::min(wake, m_nextTextfileS);
        if (!c.heartbeatUrl.empty())
            wake = std::min(wake, m_state.nextHeartbeatS);
        if (!c.statsUrl.empty())
            wake = std::min(wake, m_nextReportS);
        const double waitS = std::max(0.05, wake - m_options.clock());
        m_cv.wait_for(lock, std::chrono::duration<double>(std::min(waitS, 3600.0)), [this] { return m_stop; });
    }
}

}  // namespace mint::app
