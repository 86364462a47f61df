// Schedules: recurring rules across daylight-saving changes, next occurrence, windows.
#include "catalog/schedule.hpp"
#include "catalog/time_util.hpp"

#include <doctest/doctest.h>

using namespace mint::catalog;
using namespace mint::catalog::timeutil;

namespace
{

Timestamp utc(const char* text)
{
    return parseDateTime(text, false)->seconds;
}

RecurrenceRule weekly(std::uint8_t weekdays, const char* from, const char* to, const char* start, const char* end)
{
    RecurrenceRule r;
    r.weekdays = weekdays;
    r.startDate = *parseDate(from);
    r.endDate = *parseDate(to);
    r.hasEndDate = true;
    r.startMinute = *parseClock(start);
    r.endMinute = *parseClock(end);
    return r;
}

constexpr std::uint8_t kWednesday = 1u << 2;
constexpr std::uint8_t kSaturday = 1u << 5;

}  // namespace

TEST_CASE("schedule: weekly rule keeps local 15:00 across the autumn DST change")
{
    const auto* berlin = findZone("Europe/Berlin");
    Schedule s;
    s.kind = ScheduleKind::Recurring;
    s.rules.push_back(weekly(kWednesday, "2026-10-14", "2026-11-04", "15:00", "17:00"));
    REQUIRE(expandSchedule(s, berlin));
    const auto dates = s.dates();
    REQUIRE(dates.size() == 4);
    // 14 and 21 October: CEST (UTC+2); 28 October and 4 November: CET (UTC+1).
    CHECK(dates[0].start == utc("2026-10-14T13:00:00Z"));
    CHECK(dates[1].start == utc("2026-10-21T13:00:00Z"));
    CHECK(dates[2].start == utc("2026-10-28T14:00:00Z"));
    CHECK(dates[3].start == utc("2026-11-04T14:00:00Z"));
    CHECK(dates[3].end() == utc("2026-11-04T16:00:00Z"));
    CHECK(formatRfc3339(berlin, dates[2].start) == "2026-10-28T15:00:00+01:00");
}

TEST_CASE("schedule: spring DST change and a rule over it")
{
    const auto* berlin = findZone("Europe/Berlin");
    Schedule s;
    s.kind = ScheduleKind::Recurring;
    s.rules.push_back(weekly(kSaturday, "2027-03-20", "2027-04-03", "10:00", "12:00"));
    expandSchedule(s, berlin);
    REQUIRE(s.dates().size() == 3);
    CHECK(s.dates()[0].start == utc("2027-03-20T09:00:00Z"));
    CHECK(s.dates()[1].start == utc("2027-03-27T09:00:00Z"));
    CHECK(s.dates()[2].start == utc("2027-04-03T08:00:00Z"));
    CHECK(s.dates()[2].end() - s.dates()[2].start == 7200);
}

TEST_CASE("schedule: except dates are kept as cancelled and skipped by default")
{
    const auto* berlin = findZone("Europe/Berlin");
    Schedule s;
    s.kind = ScheduleKind::Recurring;
    auto rule = weekly(kWednesday, "2026-12-16", "2026-12-30", "15:00", "17:00");
    rule.exceptDates.push_back(*parseDate("2026-12-23"));
    s.rules.push_back(rule);
    expandSchedule(s, berlin);
    REQUIRE(s.dates().size() == 3);
    CHECK(s.dates()[1].cancelled);
    auto next = nextOccurrence(s, berlin, utc("2026-12-17T00:00:00Z"));
    REQUIRE(next);
    CHECK(next->start == utc("2026-12-30T14:00:00Z"));
    auto withCancelled = nextOccurrence(s, berlin, utc("2026-12-17T00:00:00Z"), true);
    REQUIRE(withCancelled);
    CHECK(withCancelled->start == utc("2026-12-23T14:00:00Z"));
    CHECK_FALSE(occursWithin(s, berlin, utc("2026-12-23T00:00:00Z"), utc("2026-12-24T00:00:00Z")));
    CHECK(occursWithin(s, berlin, utc("2026-12-23T00:00:00Z"), utc("2026-12-24T00:00:00Z"), true));
}

TEST_CASE("schedule: next occurrence counts an ongoing one and ends after the last")
{
    const auto* berlin = findZone("Europe/Berlin");
    Schedule s;
    s.kind = ScheduleKind::Course;
    Schedule::Span a{*parseDateTime("2027-02-01T09:00", true), *parseDateTime("2027-02-05T15:00", true), true, false};
    Schedule::Span b{*parseDateTime("2027-03-01T09:00:00+01:00", false), *parseDateTime("2027-03-01T12:00:00+01:00", false), true, false};
    s.spans = {b, a};  // unsorted on purpose
    expandSchedule(s, berlin);
    REQUIRE(s.dates().size() == 2);
    CHECK(s.dates()[0].start == utc("2027-02-01T08:00:00Z"));
    // During the 5-day camp the camp itself is next (ongoing).
    auto next = nextOccurrence(s, berlin, utc("2027-02-03T10:00:00Z"));
    REQUIRE(next);
    CHECK(next->start == utc("2027-02-01T08:00:00Z"));
    CHECK(nextOccurrence(s, berlin, utc("2027-02-06T00:00:00Z"))->start == utc("2027-03-01T08:00:00Z"));
    CHECK_FALSE(nextOccurrence(s, berlin, utc("2027-03-02T00:00:00Z")));
    CHECK(isPast(s, utc("2027-03-02T00:00:00Z")));
    CHECK_FALSE(isPast(s, utc("2027-02-20T00:00:00Z")));
    // Window overlap: [Feb 4, Feb 6) overlaps the camp.
    CHECK(occursWithin(s, berlin, utc("2027-02-04T00:00:00Z"), utc("2027-02-06T00:00:00Z")));
    CHECK_FALSE(occursWithin(s, berlin, utc("2027-02-10T00:00:00Z"), utc("2027-02-20T00:00:00Z")));
}

TEST_CASE("schedule: opening hours give the next opening period")
{
    const auto* berlin = findZone("Europe/Berlin");
    Schedule s;
    s.kind = ScheduleKind::OpeningHours;
    s.hours.push_back({static_cast<std::uint8_t>(1u << 1 | 1u << 3), 14 * 60, 18 * 60});  // TU, TH
    // Thursday 2026-11-26 15:00 local: open now.
    auto now = nextOccurrence(s, berlin, utc("2026-11-26T14:00:00Z"));
    REQUIRE(now);
    CHECK(now->start == utc("2026-11-26T13:00:00Z"));
    // Thursday 19:00 local: next is Tuesday 14:00.
    auto later = nextOccurrence(s, berlin, utc("2026-11-26T18:00:00Z"));
    REQUIRE(later);
    CHECK(later->start == utc("2026-12-01T13:00:00Z"));
    CHECK_FALSE(isPast(s, utc("2030-01-01T00:00:00Z")));
    CHECK(occursWithin(s, berlin, utc("2026-11-30T23:00:00Z"), utc("2026-12-01T23:00:00Z")));
    CHECK_FALSE(occursWithin(s, berlin, utc("2026-11-27T23:00:00Z"), utc("2026-11-29T23:00:00Z")));  // weekend
}

TEST_CASE("schedule: occurrences are capped per offer")
{
    Schedule s;
    s.kind = ScheduleKind::Recurring;
    s.rules.push_back(weekly(0x7F, "2026-01-01", "2030-12-31", "10:00", "11:00"));
    ExpandLimits limits;
    limits.maxOccurrences = 100;
    CHECK_FALSE(expandSchedule(s, findZone("Europe/Berlin"), limits));
    CHECK(s.dates().size() == 100);
    CHECK(s.dates()[99].start > s.dates()[0].start);
}

TEST_CASE("schedule: on request has no dates and is never past")
{
    Schedule s;
    s.kind = ScheduleKind::OnRequest;
    expandSchedule(s, findZone("Europe/Berlin"));
    CHECK(s.dates().empty());
    CHECK_FALSE(nextOccurrence(s, nullptr, 0));
    CHECK_FALSE(isPast(s, utc("2030-01-01T00:00:00Z")));
    CHECK_FALSE(isDated(s));
}
