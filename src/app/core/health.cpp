// Health figures as JSON and Prometheus text; see health.hpp.
#include "health.hpp"

#include "util/json_text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace mint::app
{

namespace
{

nlohmann::ordered_json orNull(const std::optional<double>& v)
{
    return v ? nlohmann::ordered_json(std::round(*v * 10) / 10) : nlohmann::ordered_json();
}

/// A label value in the text format: backslash, double quote and newline escaped.
std::string labelValue(const std::string& s)
{
    std::string out;
    for (char c : s)
    {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

std::string number(double v)
{
    // The shortest text that reads back as the same double ("0.0167", not 0.016699999...).
    char buf[64];
    for (int precision = 6; precision <= 17; ++precision)
    {
        std::snprintf(buf, sizeof buf, "%.*g", precision, v);
        if (std::strtod(buf, nullptr) == v)
            break;
    }
    return buf;
}

class PromWriter
{
public:
    void metric(const std::string& name, const char* type, const std::string& help, double value, const std::string& labels = "")
    {
        m_out += "# HELP " + name + " " + help + "\n";
        m_out += "# TYPE " + name + " " + type + "\n";
        m_out += name + (labels.empty() ? "" : "{" + labels + "}") + " " + number(value) + "\n";
    }
    std::string take() { return std::move(m_out); }

private:
    std::string m_out;
};

}  // namespace

std::string heartbeatJson(const HealthFigures& f)
{
    nlohmann::ordered_json j;
    j["kiosk"] = f.kiosk;
    j["version"] = f.version;
    j["uptime_s"] = static_cast<std::int64_t>(f.uptimeS);
    j["catalog"] = {{"sequence", f.sequence},
                    {"generated_at", f.generatedAt ? nlohmann::ordered_json(f.generatedAt) : nlohmann::ordered_json()},
                    {"offers", f.offers},
                    {"pictures_missing", f.picturesMissing}};
    j["last_sync"] = {{"result", f.lastSyncResult},
                      {"error", f.lastSyncError},
                      {"at", f.lastSyncAt ? nlohmann::ordered_json(f.lastSyncAt) : nlohmann::ordered_json()},
                      {"last_success_at", f.lastSuccessAt ? nlohmann::ordered_json(f.lastSuccessAt) : nlohmann::ordered_json()}};
    j["map"] = f.mapStatus;
    j["display"] = f.display;
    j["minutes_since_touch"] = orNull(f.minutesSinceTouch);
    j["sessions_today"] = f.sessionsToday;
    j["free_disk_bytes"] = f.freeDiskBytes ? nlohmann::ordered_json(*f.freeDiskBytes) : nlohmann::ordered_json();
    j["frame_ms_p95"] = orNull(f.frameMsP95);
    j["gl_renderer"] = f.glRenderer;
    j["time"] = f.now;
    return util::dumpJson(j, -1);
}

std::string prometheusText(const HealthFigures& f)
{
    PromWriter w;
    w.metric("mint_kiosk_info", "gauge", "The kiosk: name, version and OpenGL renderer as labels (always 1).", 1,
             "kiosk=\"" + labelValue(f.kiosk) + "\",version=\"" + labelValue(f.version) + "\",gl_renderer=\"" + labelValue(f.glRenderer) +
                 "\"");
    w.metric("mint_kiosk_uptime_seconds", "gauge", "Seconds since the kiosk started.", std::floor(f.uptimeS));
    w.metric("mint_kiosk_figures_timestamp_seconds", "gauge", "When the kiosk's UI thread last reported these figures.",
             static_cast<double>(f.now));
    w.metric("mint_kiosk_catalog_sequence", "gauge", "Sequence number of the catalogue shown (0: none yet).",
             static_cast<double>(f.sequence));
    w.metric("mint_kiosk_catalog_generated_timestamp_seconds", "gauge", "generated_at of the catalogue shown (0: none yet).",
             static_cast<double>(f.generatedAt));
    w.metric("mint_kiosk_offers", "gauge", "Offers in the catalogue shown.", static_cast<double>(f.offers));
    w.metric("mint_kiosk_pictures_missing", "gauge", "Pictures the catalogue references that are not cached.",
             static_cast<double>(f.picturesMissing));
    w.metric("mint_kiosk_last_sync_timestamp_seconds", "gauge", "When the last sync ran (0: none yet).", static_cast<double>(f.lastSyncAt));
    w.metric("mint_kiosk_last_sync_success_timestamp_seconds", "gauge", "When a sync last succeeded (0: never).",
             static_cast<double>(f.lastSuccessAt));
    w.metric("mint_kiosk_last_sync_ok", "gauge", "1 when the last sync succeeded (updated or not modified), else 0.",
             f.lastSyncResult == "updated" || f.lastSyncResult == "not_modified" ? 1 : 0,
             "result=\"" + labelValue(f.lastSyncResult) + "\",error=\"" + labelValue(f.lastSyncError) + "\"");
    w.metric("mint_kiosk_syncs_total", "counter", "Syncs run since the kiosk started.", static_cast<double>(f.syncs));
    w.metric("mint_kiosk_sync_failures_total", "counter", "Failed syncs since the kiosk started.", static_cast<double>(f.syncFailures));
    w.metric("mint_kiosk_map_ok", "gauge", "1 when the map has tiles (package or online), else 0.",
             f.mapStatus == "package" || f.mapStatus == "online" ? 1 : 0, "source=\"" + labelValue(f.mapStatus) + "\"");
    w.metric("mint_kiosk_display_on", "gauge",
             "1 when the screen is on (open, or showing the closed notice), 0 when off by the opening hours.", f.display == "off" ? 0 : 1);
    w.metric("mint_kiosk_last_frame_timestamp_seconds", "gauge", "When the kiosk last drew a frame (0: none yet).",
             static_cast<double>(f.lastFrameAt));
    if (f.frameMsP95)
        w.metric("mint_kiosk_frame_seconds_p95", "gauge", "95th percentile of the frame times of the last hour.", *f.frameMsP95 / 1000.0);
    if (f.minutesSinceTouch)
        w.metric("mint_kiosk_last_touch_age_seconds", "gauge", "Seconds since the screen was last touched.",
                 std::floor(*f.minutesSinceTouch * 60));
    w.metric("mint_kiosk_sessions_today", "gauge", "Visitor sessions today (local day).", f.sessionsToday);
    w.metric("mint_kiosk_sessions_total", "counter", "Visitor sessions counted on this kiosk.", static_cast<double>(f.sessionsTotal));
    w.metric("mint_kiosk_detail_views_total", "counter", "Offer pages opened.", static_cast<double>(f.detailViewsTotal));
    w.metric("mint_kiosk_qr_codes_shown_total", "counter", "QR codes shown to take an offer home.", static_cast<double>(f.qrShownTotal));
    w.metric("mint_kiosk_searches_without_results_total", "counter", "Filter choices or searches that found nothing.",
             static_cast<double>(f.nothingFoundTotal));
    if (f.freeDiskBytes)
        w.metric("mint_kiosk_free_disk_bytes", "gauge", "Free bytes on the cache's file system.", static_cast<double>(*f.freeDiskBytes));
    w.metric("mint_kiosk_heartbeat_failures_total", "counter", "Heartbeats that could not be delivered since the kiosk started.",
             static_cast<double>(f.heartbeatFailures));
    return w.take();
}

void FrameTimes::add(double nowS, double ms)
{
    m_samples.emplace_back(nowS, ms);
    while (m_samples.size() > kMax || (!m_samples.empty() && m_samples.front().first < nowS - 3600))
        m_samples.pop_front();
}

std::optional<double> FrameTimes::p95(double nowS) const
{
    std::vector<double> ms;
    ms.reserve(m_samples.size());
    for (const auto& [t, v] : m_samples)
        if (t >= nowS - 3600)
            ms.push_back(v);
    if (ms.empty())
        return std::nullopt;
    const std::size_t k = std::min(ms.size() - 1, static_cast<std::size_t>(0.95 * static_cast<double>(ms.size())));
    std::nth_element(ms.begin(), ms.begin() + static_cast<std::ptrdiff_t>(k), ms.end());
    return ms[k];
}

}  // namespace mint::app
