// Dates and times in the region's zone; see date_text.hpp.
#include "date_text.hpp"

#include "catalog/time_util.hpp"
#include "i18n.hpp"

#include <date/date.h>

#include <cstdio>

namespace mint::ui
{

LocalParts localParts(const date::time_zone* zone, catalog::Timestamp t)
{
    const catalog::LocalSeconds local = catalog::timeutil::toLocal(zone, t);
    const catalog::DayNumber day = catalog::timeutil::localDay(zone, t);
    const date::year_month_day ymd{date::sys_days{date::days{day}}};
    LocalParts p;
    p.year = static_cast<int>(ymd.year());
    p.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    p.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    const long long secs = local - static_cast<long long>(day) * catalog::timeutil::kSecondsPerDay;
    p.hour = static_cast<int>(secs / 3600);
    p.minute = static_cast<int>(secs / 60 % 60);
    p.weekday = catalog::timeutil::weekdayOf(day);
    return p;
}

const date::time_zone* regionZone(const catalog::Catalog* catalog)
{
    if (catalog && catalog->zone)
        return catalog->zone;
    static const date::time_zone* fallback = catalog::timeutil::findZone("Europe/Berlin");
    return fallback;
}

std::string germanDate(const date::time_zone* zone, catalog::Timestamp t)
{
    const LocalParts p = localParts(zone, t);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d.%02d.%04d", p.day, p.month, p.year);
    return buf;
}

std::string clockTime(const date::time_zone* zone, catalog::Timestamp t)
{
    const LocalParts p = localParts(zone, t);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", p.hour, p.minute);
    return buf;
}

std::string germanDateTime(const date::time_zone* zone, catalog::Timestamp t)
{
    return germanDate(zone, t) + " " + clockTime(zone, t);
}

std::string closedNotice(const Translations& tr, const date::time_zone* zone, catalog::Timestamp now,
                         std::optional<catalog::Timestamp> opening)
{
    if (!opening)
        return tr.tr("closed.notice_unknown");
    const LocalParts p = localParts(zone, *opening);
    char time[16];
    std::snprintf(time, sizeof time, "%d:%02d", p.hour, p.minute);  // "8:00", as on a shop door
    const catalog::DayNumber days = catalog::timeutil::localDay(zone, *opening) - catalog::timeutil::localDay(zone, now);
    if (days == 0)
        return tr.format("closed.notice_today", {{"time", time}});
    if (days == 1)
        return tr.format("closed.notice_tomorrow", {{"time", time}});
    // "Montag" from "Montag Dienstag ...".
    const std::string& names = tr.tr("date.weekdays_long");
    std::string day;
    int index = 0;
    for (std::size_t i = 0; i <= names.size(); ++i)
    {
        if (i == names.size() || names[i] == ' ')
        {
            if (index++ == p.weekday)
                break;
            day.clear();
        }
        else
            day += names[i];
    }
    if (days >= 7)
        day += " " + std::to_string(p.day) + "." + std::to_string(p.month) + ".";
    return tr.format("closed.notice", {{"day", day}, {"time", time}});
}

}  // namespace mint::ui
