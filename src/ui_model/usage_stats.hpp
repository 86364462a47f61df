// Usage counts without personal data: sessions, offer detail views, QR codes shown, and
// filter combinations that found nothing (a demand signal for the network), per day. No
// search text (only whether text was used), nothing finer than a day.
#pragma once

#include "browse_state.hpp"

#include <map>
#include <string>

namespace mint::ui
{

struct DayUsage
{
    int sessions = 0;
    int detailViews = 0;
    int qrShown = 0;
    std::map<std::string, int> nothingFound;  ///< filter combination -> count
};

class UsageStats
{
public:
    /// `day` is "YYYY-MM-DD" (local).
    void session(const std::string& day) { ++m_days[day].sessions; }
    void detailView(const std::string& day) { ++m_days[day].detailViews; }
    void qrShown(const std::string& day) { ++m_days[day].qrShown; }
    void nothingFound(const std::string& day, const std::string& combination) { ++m_days[day].nothingFound[combination]; }

    const std::map<std::string, DayUsage>& days() const { return m_days; }
    DayUsage total() const;

    std::string toJson() const;
    bool fromJson(const std::string& text);
    /// "date,metric,detail,count" lines, for `mint-kiosk --export-stats`.
    std::string toCsv() const;

private:
    std::map<std::string, DayUsage> m_days;
};

/// "group=children_youth;subject=technik;age=6;when=weekend;free;distance=15;text" —
/// which filters were set, never what was typed.
std::string filterCombination(const BrowseState& b);

}  // namespace mint::ui
