// Opening hours; see display_hours.hpp.
#include "display_hours.hpp"

#include "catalog/time_util.hpp"

#include <algorithm>

namespace mint::config
{

namespace
{

using catalog::DayNumber;
using catalog::Timestamp;
namespace timeutil = catalog::timeutil;

constexpr int kLookaheadDays = 32;

bool parseRanges(const nlohmann::json& list, bool withDays, std::vector<HoursRange>& out, const std::string& prefix, std::string& key,
                 std::string& message)
{
    if (!list.is_array() || list.empty() || list.size() > 64)
    {
        key = prefix;
        message = "expected a list of {\"days\": [\"MO\", …], \"open\": \"08:00\", \"close\": \"18:00\"}";
        return false;
    }
    for (std::size_t i = 0; i < list.size(); ++i)
    {
        const auto& r = list[i];
        const std::string at = prefix + "[" + std::to_string(i) + "]";
        if (!r.is_object())
        {
            key = at;
            message = "expected an object {\"open\": \"08:00\", \"close\": \"18:00\"}";
            return false;
        }
        HoursRange range;
        for (const auto& [name, value] : r.items())
        {
            if (name == "days" && withDays)
            {
                range.days = 0;
                if (!value.is_array() || value.empty())
                {
                    key = at + ".days";
                    message = "expected day codes like [\"MO\", \"TU\"]";
                    return false;
                }
                for (const auto& d : value)
                {
                    static const char* const codes[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
                    const auto* code =
                        d.is_string() ? std::find(std::begin(codes), std::end(codes), d.get<std::string>()) : std::end(codes);
                    if (code == std::end(codes))
                    {
                        key = at + ".days";
                        message = "expected MO, TU, WE, TH, FR, SA or SU, got " + d.dump();
                        return false;
                    }
                    range.days |= static_cast<std::uint8_t>(1u << (code - std::begin(codes)));
                }
            }
            else if (name == "open" || name == "close")
            {
                const auto minutes = value.is_string() ? timeutil::parseClock(value.get<std::string>()) : std::nullopt;
                if (!minutes || *minutes > 24 * 60)
                {
                    key = at + "." + name;
                    message = "expected a time like \"08:00\", got " + value.dump();
                    return false;
                }
                (name == "open" ? range.openMinute : range.closeMinute) = *minutes;
            }
            else if (name.rfind("//", 0) != 0)
            {
                key = at + "." + name;
                message = "unknown key (see docs/configuration.md)";
                return false;
            }
        }
        if (!r.contains("open") || !r.contains("close") || (withDays && !r.contains("days")))
        {
            key = at;
            message = withDays ? "needs days, open and close" : "needs open and close";
            return false;
        }
        if (range.closeMinute <= range.openMinute)
        {
            key = at + ".close";
            message = "must be after open (hours over midnight are two ranges)";
            return false;
        }
        out.push_back(range);
    }
    return true;
}

}  // namespace

bool parseDisplaySection(const nlohmann::json& obj, DisplaySection& out, std::string& key, std::string& message)
{
    for (const auto& [name, value] : obj.items())
    {
        if (name == "hours")
        {
            if (!parseRanges(value, true, out.hours, "display.hours", key, message))
                return false;
        }
        else if (name == "exceptions")
        {
            if (!value.is_array() || value.size() > 400)
            {
                key = "display.exceptions";
                message = "expected a list of {\"date\": \"2026-12-24\", \"closed\": true} or {\"date\": …, \"hours\": [...]}";
                return false;
            }
            for (std::size_t i = 0; i < value.size(); ++i)
            {
                const auto& e = value[i];
                const std::string at = "display.exceptions[" + std::to_string(i) + "]";
                const auto day = e.is_object() && e.contains("date") && e["date"].is_string()
                                     ? timeutil::parseDate(e["date"].get<std::string>())
                                     : std::nullopt;
                if (!day)
                {
                    key = at + ".date";
                    message = "expected a date like \"2026-12-24\"";
                    return false;
                }
                HoursException ex;
                ex.date = *day;
                const bool closed = e.contains("closed") && e["closed"].is_boolean() && e["closed"].get<bool>();
                if (e.contains("hours"))
                {
                    if (closed || !parseRanges(e["hours"], false, ex.hours, at + ".hours", key, message))
                    {
                        if (closed)
                        {
                            key = at;
                            message = "is either closed or has other hours, not both";
                        }
                        return false;
                    }
                }
                else if (!closed)
                {
                    key = at;
                    message = "needs \"closed\": true or \"hours\": [...]";
                    return false;
                }
                out.exceptions.push_back(ex);
            }
        }
        else if (name == "off" || name == "off_command" || name == "on_command" || name == "touch_when_closed")
        {
            if (!value.is_string())
            {
                key = "display." + name;
                message = "expected a string, got " + value.dump();
                return false;
            }
            std::string& target = name == "off"           ? out.off
                                  : name == "off_command" ? out.offCommand
                                  : name == "on_command"  ? out.onCommand
                                                          : out.touchWhenClosed;
            target = value.get<std::string>();
        }
        else if (name.rfind("//", 0) != 0)
        {
            key = "display." + name;
            message = "unknown key (see docs/configuration.md)";
            return false;
        }
    }
    if (out.off != "blank" && out.off != "dpms" && out.off != "cec" && out.off != "command")
    {
        key = "display.off";
        message = "expected blank, dpms, cec or command, got \"" + out.off + "\"";
        return false;
    }
    if (out.off == "command" && (out.offCommand.empty() || out.onCommand.empty()))
    {
        key = out.offCommand.empty() ? "display.off_command" : "display.on_command";
        message = "is required with \"off\": \"command\"";
        return false;
    }
    if (out.touchWhenClosed != "message" && out.touchWhenClosed != "nothing")
    {
        key = "display.touch_when_closed";
        message = "expected message or nothing, got \"" + out.touchWhenClosed + "\"";
        return false;
    }
    return true;
}

OpeningHours::OpeningHours(const DisplaySection& display, const date::time_zone* zone) : m_display(&display), m_zone(zone)
{
}

std::vector<HoursRange> OpeningHours::rangesOn(DayNumber day) const
{
    for (const auto& e : m_display->exceptions)
        if (e.date == day)
            return e.hours;
    std::vector<HoursRange> out;
    const int weekday = timeutil::weekdayOf(day);
    for (const auto& r : m_display->hours)
        if (r.days & (1u << weekday))
            out.push_back(r);
    return out;
}

bool OpeningHours::isOpen(Timestamp t) const
{
    if (!m_display->scheduled())
        return true;
    const DayNumber day = timeutil::localDay(m_zone, t);
    // Wall-clock minutes of the day (across the DST change the day has 23 or 25 hours: the
    // local clock decides, as people read the hours).
    const catalog::LocalSeconds local = timeutil::toLocal(m_zone, t);
    const int minute = static_cast<int>((local - static_cast<catalog::LocalSeconds>(day) * 86400) / 60);
    for (const auto& r : rangesOn(day))
        if (minute >= r.openMinute && minute < r.closeMinute)
            return true;
    return false;
}

std::optional<Timestamp> OpeningHours::nextChange(Timestamp t) const
{
    if (!m_display->scheduled())
        return std::nullopt;
    const bool now = isOpen(t);
    const DayNumber today = timeutil::localDay(m_zone, t);
    std::vector<Timestamp> boundaries;
    for (DayNumber day = today; day <= today + kLookaheadDays; ++day)
        for (const auto& r : rangesOn(day))
            for (const int minute : {r.openMinute, r.closeMinute})
            {
                const Timestamp b = timeutil::toUtc(m_zone, static_cast<catalog::LocalSeconds>(day) * 86400 + minute * 60);
                if (b > t)
                    boundaries.push_back(b);
            }
    std::sort(boundaries.begin(), boundaries.end());
    for (const Timestamp b : boundaries)
        if (isOpen(b) != now)
            return b;
    return std::nullopt;
}

std::optional<Timestamp> OpeningHours::nextOpening(Timestamp t) const
{
    if (isOpen(t))
        return t;
    return nextChange(t);
}

}  // namespace mint::config
