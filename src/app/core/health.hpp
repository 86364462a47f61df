// The kiosk's health as the fleet sees it (issue: operations): one set of figures, sent as
// the heartbeat's JSON and written as a Prometheus node-exporter textfile. Counts only —
// nothing about a visitor beyond how many there were.
#pragma once

#include "catalog/model.hpp"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>

namespace mint::app
{

struct HealthFigures
{
    std::string kiosk;  ///< kiosk.name
    std::string version;
    double uptimeS = 0;
    catalog::Timestamp now = 0;  ///< when the figures were taken (wall clock)

    // The catalogue and its last sync.
    std::int64_t sequence = 0;  ///< 0: no catalogue yet
    catalog::Timestamp generatedAt = 0;
    std::size_t offers = 0;
    std::size_t picturesMissing = 0;
    std::string lastSyncResult = "none";  ///< updated | not_modified | failed | none
    std::string lastSyncError;            ///< the failure kind when failed
    catalog::Timestamp lastSyncAt = 0, lastSuccessAt = 0;
    std::uint64_t syncs = 0, syncFailures = 0;  ///< since start

    // The map, the display, the screen.
    std::string mapStatus = "none";  ///< package | online | none | problem
    std::string display = "on";      ///< on | off (opening hours) | notice
    bool displayScheduled = false;
    std::optional<double> minutesSinceTouch;  ///< none since start
    catalog::Timestamp lastFrameAt = 0;
    std::optional<double> frameMsP95;  ///< of the last hour's frames
    std::string glRenderer;

    // Visitors (counts only) and the disk.
    int sessionsToday = 0;
    std::uint64_t sessionsTotal = 0, detailViewsTotal = 0, qrShownTotal = 0, nothingFoundTotal = 0;
    std::optional<std::uint64_t> freeDiskBytes;  ///< of the cache's file system

    // The monitor itself.
    std::uint64_t heartbeatFailures = 0;
};

/// The heartbeat's body (JSON; healthchecks.io and the like take it as a ping with a body).
std::string heartbeatJson(const HealthFigures& f);

/// The node-exporter textfile: `# HELP` / `# TYPE` for every metric, counters end in
/// `_total`, label values escaped.
std::string prometheusText(const HealthFigures& f);

/// Frame times of the last hour, for their 95th percentile (bounded: at most kMax kept).
class FrameTimes
{
public:
    static constexpr std::size_t kMax = 20000;
    void add(double nowS, double ms);
    std::optional<double> p95(double nowS) const;
    std::size_t size() const { return m_samples.size(); }

private:
    std::deque<std::pair<double, double>> m_samples;  ///< (seconds, ms)
};

}  // namespace mint::app
