// Calendar and time-zone helpers for feeds: RFC 3339 parsing, local wall time <-> UTC
// through IANA zones (libhowardhinnant-date with the OS tzdata), formatting.
#pragma once

#include "model.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace mint::catalog::timeutil
{

constexpr std::int64_t kSecondsPerDay = 86400;

/// "2026-11-04" -> day number; nullopt when malformed or not a real date.
std::optional<DayNumber> parseDate(std::string_view text);
/// "15:00" or "15:00:30" -> minutes after midnight (seconds dropped); "24:00" allowed.
std::optional<int> parseClock(std::string_view text);
/// RFC 3339 ("2026-11-20T08:00:00+01:00", "...Z"); with allowLocal also without a zone
/// ("2026-11-20T08:00"), which is then local wall time.
std::optional<DateTimeSpec> parseDateTime(std::string_view text, bool allowLocal);

/// The IANA zone, or nullptr when unknown.
const date::time_zone* findZone(const std::string& name);
/// Local wall time -> UTC. In the spring gap the time moves forward; in the autumn
/// overlap the earlier instant is taken.
Timestamp toUtc(const date::time_zone* zone, LocalSeconds local);
LocalSeconds toLocal(const date::time_zone* zone, Timestamp t);
Timestamp resolve(const date::time_zone* zone, const DateTimeSpec& spec);

/// 0 = Monday ... 6 = Sunday.
int weekdayOf(DayNumber day);
std::string formatDate(DayNumber day);  ///< "2026-11-04"
/// RFC 3339 in the zone's local time with its offset: "2026-11-28T15:00:00+01:00".
std::string formatRfc3339(const date::time_zone* zone, Timestamp t);

/// Midnight (local) of the day containing `t`, as UTC.
Timestamp startOfLocalDay(const date::time_zone* zone, Timestamp t);
DayNumber localDay(const date::time_zone* zone, Timestamp t);
Timestamp dayStartUtc(const date::time_zone* zone, DayNumber day);

}  // namespace mint::catalog::timeutil
