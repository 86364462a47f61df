// Usage counts; see usage_stats.hpp.
#include "usage_stats.hpp"

#include "util/json_text.hpp"

#include <nlohmann/json.hpp>

namespace mint::ui
{

DayUsage UsageStats::total() const
{
    DayUsage t;
    for (const auto& [day, d] : m_days)
    {
        t.sessions += d.sessions;
        t.detailViews += d.detailViews;
        t.qrShown += d.qrShown;
        for (const auto& [combo, n] : d.nothingFound)
            t.nothingFound[combo] += n;
    }
    return t;
}

std::string UsageStats::toJson() const
{
    nlohmann::json days = nlohmann::json::object();
    for (const auto& [day, d] : m_days)
        days[day] = {{"sessions", d.sessions}, {"detail_views", d.detailViews}, {"qr_shown", d.qrShown}, {"nothing_found", d.nothingFound}};
    return util::dumpJson(nlohmann::json{{"days", days}});
}

bool UsageStats::fromJson(const std::string& text)
{
    try
    {
        const auto j = nlohmann::json::parse(text);
        std::map<std::string, DayUsage> days;
        for (auto it = j.at("days").begin(); it != j.at("days").end(); ++it)
        {
            DayUsage d;
            d.sessions = it->value("sessions", 0);
            d.detailViews = it->value("detail_views", 0);
            d.qrShown = it->value("qr_shown", 0);
            d.nothingFound = it->value("nothing_found", std::map<std::string, int>{});
            days[it.key()] = d;
        }
        m_days = std::move(days);
        return true;
    }
    catch (const std::exception&)
    {
        return false;
    }
}

std::string UsageStats::toCsv() const
{
    std::string out = "date,metric,detail,count\n";
    for (const auto& [day, d] : m_days)
    {
        out += day + ",sessions,," + std::to_string(d.sessions) + "\n";
        out += day + ",detail_views,," + std::to_string(d.detailViews) + "\n";
        out += day + ",qr_shown,," + std::to_string(d.qrShown) + "\n";
        for (const auto& [combo, n] : d.nothingFound)
            out += day + ",nothing_found," + combo + "," + std::to_string(n) + "\n";
    }
    return out;
}

std::string filterCombination(const BrowseState& b)
{
    static const char* const groups[] = {"children_youth", "parents_families", "schools_teachers", "companies"};
    static const char* const whens[] = {"any", "today", "weekend", "week"};
    std::string out;
    auto add = [&](const std::string& part) { out += (out.empty() ? "" : ";") + part; };
    if (b.group)
        add(std::string("group=") + groups[static_cast<int>(*b.group)]);
    if (!b.subject.empty())
        add("subject=" + b.subject);
    if (b.age)
        add("age=" + std::to_string(*b.age));
    if (b.when != WhenChoice::Any)
        add(std::string("when=") + whens[static_cast<int>(b.when)]);
    if (b.freeOnly)
        add("free");
    if (b.distance != DistanceChoice::Any)
        add("distance=" + std::to_string(static_cast<int>(radiusKm(b.distance))));
    if (!b.text.empty())
        add("text");
    return out.empty() ? "none" : out;
}

}  // namespace mint::ui
