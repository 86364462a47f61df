// `mint-catalog report`: the usage counts of many kiosks merged into one monthly table per
// kiosk and in total — the figures a network shows its funders — as CSV and as a simple SVG
// bar chart. Reads what kiosks give: the CSV of `mint-kiosk --export-stats` (the kiosk named
// by the file, or a `kiosk` column) and the JSON the kiosk POSTs to `monitoring.stats_url`
// (one document, or one per line as a receiving server may append them). A day that comes
// in several files counts once (its highest figures), so overlapping exports add nothing.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace mint::publish
{

struct UsageCounts
{
    long sessions = 0, detailViews = 0, qrShown = 0, nothingFound = 0;
};

class UsageMerge
{
public:
    /// Reads one file's text; `fallbackKiosk` names the kiosk when the file does not.
    /// False with "line 3: ..." when it is neither format or a figure is not a count.
    bool add(const std::string& text, const std::string& fallbackKiosk, std::string& error);

    /// month ("YYYY-MM") -> kiosk -> counts (months and kiosks sorted).
    std::map<std::string, std::map<std::string, UsageCounts>> monthly() const;
    std::size_t kiosks() const;
    std::size_t days() const { return m_days.size(); }

    /// "month,kiosk,sessions,detail_views,qr_shown,nothing_found", a "total" row per month.
    std::string csv() const;
    /// Sessions per month, one stacked bar per month, a colour per kiosk, totals on top.
    std::string svg(const std::string& title) const;

private:
    void merge(const std::string& kiosk, const std::string& day, const std::string& metric, long count);
    bool addCsv(const std::string& text, const std::string& fallbackKiosk, std::string& error);
    bool addJson(const std::string& text, const std::string& fallbackKiosk, std::string& error);

    std::map<std::pair<std::string, std::string>, UsageCounts> m_days;  ///< (kiosk, day) -> counts
};

}  // namespace mint::publish
