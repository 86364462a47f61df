// The daily usage report for funders (config `monitoring.stats_url`): the per-day counts of
// the days not yet sent, as JSON — the same figures `mint-kiosk --export-stats` writes as CSV
// and `mint-catalog report` merges across kiosks. Days only, counts only.
#pragma once

#include "ui_model/usage_stats.hpp"

#include <optional>
#include <string>

namespace mint::app
{

struct UsageReport
{
    std::string json;     ///< {"kiosk", "version", "days": [{"date", "sessions", ...}]}
    std::string lastDay;  ///< the newest day in it ("YYYY-MM-DD")
};

/// The days after `sentUntil` (exclusive; "" = from the first) and before `today`
/// (exclusive: a day is reported once it is over). Nothing to send: nullopt.
std::optional<UsageReport> usageReport(const ui::UsageStats& usage, const std::string& kiosk, const std::string& version,
                                       const std::string& sentUntil, const std::string& today);

}  // namespace mint::app
