// Calendar and time-zone helpers; see time_util.hpp.
#include "time_util.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <unordered_map>

namespace mint::catalog::timeutil
{

namespace
{

bool readInt(std::string_view text, std::size_t pos, std::size_t len, int& out)
{
    if (pos + len > text.size())
        return false;
    int value = 0;
    for (std::size_t i = pos; i < pos + len; ++i)
    {
        const char c = text[i];
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    out = value;
    return true;
}

std::optional<DayNumber> dateAt(std::string_view text, std::size_t pos)
{
    int y = 0, m = 0, d = 0;
    if (!readInt(text, pos, 4, y) || text.size() < pos + 10 || text[pos + 4] != '-' || !readInt(text, pos + 5, 2, m) ||
        text[pos + 7] != '-' || !readInt(text, pos + 8, 2, d))
        return std::nullopt;
    const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)}, date::day{static_cast<unsigned>(d)}};
    if (!ymd.ok())
        return std::nullopt;
    return static_cast<DayNumber>(date::sys_days{ymd}.time_since_epoch().count());
}

}  // namespace

std::optional<DayNumber> parseDate(std::string_view text)
{
    if (text.size() != 10)
        return std::nullopt;
    return dateAt(text, 0);
}

std::optional<int> parseClock(std::string_view text)
{
    int h = 0, m = 0, s = 0;
    if (text.size() != 5 && text.size() != 8)
        return std::nullopt;
    if (!readInt(text, 0, 2, h) || text[2] != ':' || !readInt(text, 3, 2, m))
        return std::nullopt;
    if (text.size() == 8 && (text[5] != ':' || !readInt(text, 6, 2, s) || s > 59))
        return std::nullopt;
    if (m > 59 || h > 24 || (h == 24 && (m != 0 || s != 0)))
        return std::nullopt;
    return h * 60 + m;
}

std::optional<DateTimeSpec> parseDateTime(std::string_view text, bool allowLocal)
{
    auto day = dateAt(text, 0);
    if (!day || text.size() < 16 || (text[10] != 'T' && text[10] != 't' && text[10] != ' '))
        return std::nullopt;
    int h = 0, m = 0, s = 0;
    if (!readInt(text, 11, 2, h) || text[13] != ':' || !readInt(text, 14, 2, m) || h > 23 || m > 59)
        return std::nullopt;
    std::size_t pos = 16;
    if (pos < text.size() && text[pos] == ':')
    {
        if (!readInt(text, pos + 1, 2, s) || s > 60)
            return std::nullopt;
        pos += 3;
        if (pos < text.size() && text[pos] == '.')
        {
            ++pos;
            const std::size_t digits = pos;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
                ++pos;
            if (pos == digits)
                return std::nullopt;
        }
    }
    if (s == 60)
        s = 59;  // leap second: close enough for a catalogue
    DateTimeSpec spec;
    spec.seconds = static_cast<std::int64_t>(*day) * kSecondsPerDay + h * 3600 + m * 60 + s;
    if (pos == text.size())
    {
        if (!allowLocal)
            return std::nullopt;
        spec.local = true;
        return spec;
    }
    if (text[pos] == 'Z' || text[pos] == 'z')
    {
        if (pos + 1 != text.size())
            return std::nullopt;
        return spec;
    }
    if (text[pos] != '+' && text[pos] != '-')
        return std::nullopt;
    int oh = 0, om = 0;
    if (text.size() != pos + 6 || !readInt(text, pos + 1, 2, oh) || text[pos + 3] != ':' || !readInt(text, pos + 4, 2, om) || oh > 23 ||
        om > 59)
        return std::nullopt;
    const int offset = (oh * 3600 + om * 60) * (text[pos] == '+' ? 1 : -1);
    spec.seconds -= offset;
    return spec;
}

const date::time_zone* findZone(const std::string& name)
{
    // locate_zone throws for unknown names; remember answers so lookups stay cheap.
    static std::mutex mutex;
    static std::unordered_map<std::string, const date::time_zone*> cache;
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(name);
    if (it != cache.end())
        return it->second;
    const date::time_zone* zone = nullptr;
    try
    {
        zone = date::locate_zone(name);
    }
    catch (const std::exception&)
    {
        zone = nullptr;
    }
    cache.emplace(name, zone);
    return zone;
}

namespace
{

/// The offset of the last lookup and the span where it holds, per thread. Nearly every
/// conversion falls into the same daylight-saving period, so this skips the zone's
/// binary search. Local spans keep a day's distance from transitions, so gap and
/// overlap times always take the exact path.
struct OffsetCache
{
    const date::time_zone* zone = nullptr;
    std::int64_t sysBegin = 0, sysEnd = 0;      ///< [begin, end) in UTC seconds
    std::int64_t localBegin = 0, localEnd = 0;  ///< safe local span
    std::int64_t offset = 0;                    ///< seconds east of UTC
};

thread_local OffsetCache t_cache;

void remember(const date::time_zone* zone, const date::sys_info& info)
{
    constexpr std::int64_t kFarPast = -(std::int64_t{1} << 50), kFarFuture = std::int64_t{1} << 50;
    const std::int64_t begin = std::max<std::int64_t>(info.begin.time_since_epoch().count(), kFarPast);
    const std::int64_t end = std::min<std::int64_t>(info.end.time_since_epoch().count(), kFarFuture);
    t_cache.zone = zone;
    t_cache.sysBegin = begin;
    t_cache.sysEnd = end;
    t_cache.offset = info.offset.count();
    t_cache.localBegin = begin + t_cache.offset + kSecondsPerDay;
    t_cache.localEnd = end + t_cache.offset - kSecondsPerDay;
}

}  // namespace

Timestamp toUtc(const date::time_zone* zone, LocalSeconds local)
{
    if (!zone)
        return local;
    if (t_cache.zone == zone && local >= t_cache.localBegin && local < t_cache.localEnd)
        return local - t_cache.offset;
    using namespace std::chrono;
    const date::local_seconds ls{seconds{local}};
    const auto info = zone->get_info(ls);
    if (info.result == date::local_info::unique)
        remember(zone, info.first);
    // Ambiguous (autumn overlap): the earlier instant, i.e. the first offset.
    // Nonexistent (spring gap): the offset before the gap, which moves the time forward.
    return local - info.first.offset.count();
}

LocalSeconds toLocal(const date::time_zone* zone, Timestamp t)
{
    if (!zone)
        return t;
    if (t_cache.zone == zone && t >= t_cache.sysBegin && t < t_cache.sysEnd)
        return t + t_cache.offset;
    using namespace std::chrono;
    const date::sys_seconds ss{seconds{t}};
    const auto info = zone->get_info(ss);
    remember(zone, info);
    return t + info.offset.count();
}

Timestamp resolve(const date::time_zone* zone, const DateTimeSpec& spec)
{
    return spec.local ? toUtc(zone, spec.seconds) : spec.seconds;
}

int weekdayOf(DayNumber day)
{
    // 1970-01-01 was a Thursday (index 3 with Monday = 0).
    int w = (day + 3) % 7;
    return w < 0 ? w + 7 : w;
}

std::string formatDate(DayNumber day)
{
    const date::year_month_day ymd{date::sys_days{date::days{day}}};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return buf;
}

std::string formatRfc3339(const date::time_zone* zone, Timestamp t)
{
    const LocalSeconds local = toLocal(zone, t);
    const std::int64_t offset = local - t;
    DayNumber day = static_cast<DayNumber>(local >= 0 ? local / kSecondsPerDay : (local - kSecondsPerDay + 1) / kSecondsPerDay);
    const std::int64_t secs = local - static_cast<std::int64_t>(day) * kSecondsPerDay;
    char buf[48];
    const std::int64_t absOffset = offset < 0 ? -offset : offset;
    if (offset == 0 && !zone)
        std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", formatDate(day).c_str(), static_cast<int>(secs / 3600),
                      static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
    else
        std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d%c%02d:%02d", formatDate(day).c_str(), static_cast<int>(secs / 3600),
                      static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60), offset < 0 ? '-' : '+',
                      static_cast<int>(absOffset / 3600), static_cast<int>(absOffset / 60 % 60));
    return buf;
}

DayNumber localDay(const date::time_zone* zone, Timestamp t)
{
    const LocalSeconds local = toLocal(zone, t);
    return static_cast<DayNumber>(local >= 0 ? local / kSecondsPerDay : (local - kSecondsPerDay + 1) / kSecondsPerDay);
}

Timestamp dayStartUtc(const date::time_zone* zone, DayNumber day)
{
    return toUtc(zone, static_cast<LocalSeconds>(day) * kSecondsPerDay);
}

Timestamp startOfLocalDay(const date::time_zone* zone, Timestamp t)
{
    return dayStartUtc(zone, localDay(zone, t));
}

}  // namespace mint::catalog::timeutil
