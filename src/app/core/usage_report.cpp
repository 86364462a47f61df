// The daily usage report; see usage_report.hpp.
#include "usage_report.hpp"

#include "util/json_text.hpp"

#include <nlohmann/json.hpp>

namespace mint::app
{

std::optional<UsageReport> usageReport(const ui::UsageStats& usage, const std::string& kiosk, const std::string& version,
                                       const std::string& sentUntil, const std::string& today)
{
    nlohmann::ordered_json days = nlohmann::ordered_json::array();
    UsageReport r;
    for (const auto& [day, d] : usage.days())  // "YYYY-MM-DD" sorts by date
    {
        if ((!sentUntil.empty() && day <= sentUntil) || day >= today)
            continue;
        int nothing = 0;
        for (const auto& [combo, n] : d.nothingFound)
            nothing += n;
        days.push_back({{"date", day},
                        {"sessions", d.sessions},
                        {"detail_views", d.detailViews},
                        {"qr_shown", d.qrShown},
                        {"nothing_found", nothing}});
        r.lastDay = day;
    }
    if (days.empty())
        return std::nullopt;
    nlohmann::ordered_json j{{"kiosk", kiosk}, {"version", version}, {"days", days}};
    r.json = util::dumpJson(j, -1);
    return r;
}

}  // namespace mint::app
