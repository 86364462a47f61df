// Schedule expansion and occurrence queries; see schedule.hpp.
#include "schedule.hpp"

#include "time_util.hpp"

#include <algorithm>

namespace mint::catalog
{

using timeutil::kSecondsPerDay;

namespace
{

Occurrence occurrenceOnDay(const date::time_zone* zone, DayNumber day, int startMinute, int endMinute)
{
    const LocalSeconds dayStart = static_cast<LocalSeconds>(day) * kSecondsPerDay;
    Occurrence o;
    // One zone lookup for the day; a second only on a day with a daylight-saving change.
    const Timestamp dayStartUtc = timeutil::toUtc(zone, dayStart);
    const Timestamp nextDayUtc = timeutil::toUtc(zone, dayStart + kSecondsPerDay);
    if (nextDayUtc - dayStartUtc == kSecondsPerDay)
    {
        o.start = dayStartUtc + startMinute * 60;
        o.setEnd(dayStartUtc + endMinute * 60);
    }
    else
    {
        o.start = timeutil::toUtc(zone, dayStart + startMinute * 60);
        o.setEnd(timeutil::toUtc(zone, dayStart + endMinute * 60));
    }
    return o;
}

template <typename Visit>
void forEachOpeningPeriod(const Schedule& schedule, const date::time_zone* zone, DayNumber firstDay, DayNumber lastDay, Visit&& visit)
{
    for (DayNumber day = firstDay; day <= lastDay; ++day)
    {
        const int weekday = timeutil::weekdayOf(day);
        for (const auto& h : schedule.hours)
            if (h.weekdays & (1u << weekday))
                if (visit(occurrenceOnDay(zone, day, h.opensMinute, h.closesMinute)))
                    return;
    }
}

/// First occurrence whose start is >= t. Occurrences of weekly rules are nearly evenly
/// spaced, so an interpolated guess plus a short walk touches one or two cache lines
/// where a binary search would touch six; irregular runs fall back to binary search.
const Occurrence* firstStartingAtOrAfter(const DatesView& view, Timestamp t)
{
    const OccurrenceSpan occ = view.dates;
    const std::size_t n = occ.size();
    if (n <= 8)
    {
        const Occurrence* it = occ.begin();
        while (it != occ.end() && it->start < t)
            ++it;
        return it;
    }
    const Timestamp first = view.firstStart, last = view.lastStart;
    if (t <= first)
        return occ.begin();
    if (t > last)
        return occ.end();
    std::size_t pos =
        static_cast<std::size_t>(static_cast<double>(t - first) / static_cast<double>(last - first) * static_cast<double>(n - 1));
    pos = std::min(pos, n - 1);
    for (int steps = 0; steps < 8; ++steps)
    {
        if (occ[pos].start < t)
        {
            if (pos + 1 < n && occ[pos + 1].start >= t)
                return occ.begin() + pos + 1;
            ++pos;
        }
        else
        {
            if (pos == 0 || occ[pos - 1].start < t)
                return occ.begin() + pos;
            --pos;
        }
    }
    return std::lower_bound(occ.begin(), occ.end(), t, [](const Occurrence& o, Timestamp x) { return o.start < x; });
}

}  // namespace

bool isDated(const Schedule& schedule)
{
    return schedule.kind == ScheduleKind::Single || schedule.kind == ScheduleKind::Course || schedule.kind == ScheduleKind::Recurring;
}

bool expandSchedule(Schedule& schedule, const date::time_zone* zone, const ExpandLimits& limits)
{
    auto& out = schedule.occurrences;
    out.clear();
    bool complete = true;
    for (const auto& span : schedule.spans)
    {
        Occurrence o;
        o.start = timeutil::resolve(zone, span.start);
        o.setEnd(span.hasEnd ? timeutil::resolve(zone, span.end) : o.start);
        o.cancelled = span.cancelled;
        out.push_back(o);
    }
    for (const auto& rule : schedule.rules)
    {
        const DayNumber last = rule.hasEndDate ? rule.endDate : rule.startDate + limits.openEndedDays;
        for (DayNumber day = rule.startDate; day <= last; ++day)
        {
            if (!(rule.weekdays & (1u << timeutil::weekdayOf(day))))
                continue;
            if (out.size() >= limits.maxOccurrences)
            {
                complete = false;
                break;
            }
            Occurrence o = occurrenceOnDay(zone, day, rule.startMinute, rule.endMinute);
            o.cancelled = std::find(rule.exceptDates.begin(), rule.exceptDates.end(), day) != rule.exceptDates.end();
            out.push_back(o);
        }
    }
    if (out.size() > limits.maxOccurrences)
    {
        out.resize(limits.maxOccurrences);
        complete = false;
    }
    std::sort(out.begin(), out.end(),
              [](const Occurrence& a, const Occurrence& b) { return a.start != b.start ? a.start < b.start : a.end() < b.end(); });
    schedule.longestOccurrence = 0;
    for (const auto& o : out)
        schedule.longestOccurrence = std::max(schedule.longestOccurrence, o.end() - o.start);
    return complete;
}

std::optional<Occurrence> nextOccurrence(const Schedule& schedule, const date::time_zone* zone, Timestamp after, bool includeCancelled)
{
    if (schedule.kind == ScheduleKind::OpeningHours)
    {
        // Days in order; the first day with a period still open or to come has the answer
        // (periods end on their own day, so a later day cannot start earlier).
        std::optional<Occurrence> found;
        const DayNumber today = timeutil::localDay(zone, after);
        for (DayNumber day = today; day <= today + 7 && !found; ++day)
            forEachOpeningPeriod(schedule, zone, day, day,
                                 [&](const Occurrence& o)
                                 {
                                     if (o.end() > after && (!found || o.start < found->start))
                                         found = o;
                                     return false;
                                 });
        return found;
    }
    return nextInDates(schedule.view(), after, includeCancelled);
}

std::optional<Occurrence> nextInDates(const DatesView& view, Timestamp after, bool includeCancelled)
{
    const OccurrenceSpan occ = view.dates;
    if (occ.empty())
        return std::nullopt;
    // Occurrences are sorted by start; one that began up to `longest` ago may still run.
    const Timestamp earliestStart = after - view.longest;
    auto it = firstStartingAtOrAfter(view, earliestStart);
    for (; it != occ.end(); ++it)
        if (it->end() > after && (includeCancelled || !it->cancelled))
            return *it;
        else if (it->start == it->end() && it->start >= after && (includeCancelled || !it->cancelled))
            return *it;  // an event without an end counts until it starts
    return std::nullopt;
}

bool occursWithin(const Schedule& schedule, const date::time_zone* zone, Timestamp from, Timestamp to, bool includeCancelled)
{
    if (to <= from)
        return false;
    if (schedule.kind == ScheduleKind::OpeningHours)
    {
        bool hit = false;
        const DayNumber first = timeutil::localDay(zone, from) - 1;
        const DayNumber last = std::min(timeutil::localDay(zone, to), first + 8);
        forEachOpeningPeriod(schedule, zone, first, last,
                             [&](const Occurrence& o)
                             {
                                 hit = o.start < to && o.end() > from;
                                 return hit;
                             });
        return hit;
    }
    return datesWithin(schedule.view(), from, to, includeCancelled);
}

bool datesWithin(const DatesView& view, Timestamp from, Timestamp to, bool includeCancelled)
{
    if (to <= from)
        return false;
    const OccurrenceSpan occ = view.dates;
    const Timestamp earliestStart = from - view.longest;
    auto it = firstStartingAtOrAfter(view, earliestStart);
    for (; it != occ.end() && it->start < to; ++it)
    {
        if (it->cancelled && !includeCancelled)
            continue;
        const Timestamp end = std::max(it->end(), it->start + 1);
        if (end > from)
            return true;
    }
    return false;
}

bool isPast(const Schedule& schedule, Timestamp now)
{
    if (!isDated(schedule))
        return false;
    for (const auto& o : schedule.dates())
        if (!o.cancelled && std::max(o.end(), o.start) >= now)
            return false;
    return true;
}

}  // namespace mint::catalog
