// Feed decoding, schedules (dates, sessions, recurring rules, opening hours); see
// feed_decoder.hpp and docs/feed-format.md.
#include "feed_decoder.hpp"

#include "time_util.hpp"

#include <algorithm>
#include <sstream>

namespace mint::catalog::detail
{

Schedule Decoder::schedule(const Value& obj)
{
    Schedule out;
    Value v = obj["schedule"];
    Scope s(*this, "schedule");
    if (!present(v))
    {
        error("is required (use {\"kind\": \"on_request\"} for offers without dates)");
        return out;
    }
    if (!expectKind(v, Kind::Object))
        return out;
    std::string_view kind = string(v, "kind", true);
    out.note = text(v, "note", false);
    if (kind.empty())
        return out;
    if (kind == "single")
    {
        out.kind = ScheduleKind::Single;
        out.spans.push_back(span(v));
    }
    else if (kind == "course")
    {
        out.kind = ScheduleKind::Course;
        array(v, "sessions", true,
              [&](const Value& session)
              {
                  if (expectKind(session, Kind::Object))
                      out.spans.push_back(span(session));
              });
        if (out.spans.empty() && !m_itemFailed)
        {
            Scope sc(*this, "sessions");
            error("a course needs at least one session");
        }
    }
    else if (kind == "recurring")
    {
        out.kind = ScheduleKind::Recurring;
        array(v, "rules", true,
              [&](const Value& rule)
              {
                  if (expectKind(rule, Kind::Object))
                      out.rules.push_back(recurrenceRule(rule));
              });
        if (out.rules.empty() && !m_itemFailed)
        {
            Scope sc(*this, "rules");
            error("a recurring schedule needs at least one rule");
        }
    }
    else if (kind == "on_request")
        out.kind = ScheduleKind::OnRequest;
    else if (kind == "opening_hours")
    {
        out.kind = ScheduleKind::OpeningHours;
        array(v, "hours", true,
              [&](const Value& h)
              {
                  if (!expectKind(h, Kind::Object))
                      return;
                  OpeningHoursSpec spec;
                  spec.weekdays = weekdays(h, "days");
                  auto opens = clock(h, "opens", true);
                  auto closes = clock(h, "closes", true);
                  if (opens && closes)
                  {
                      if (*closes <= *opens)
                      {
                          Scope sc(*this, "closes");
                          error("closes before it opens");
                      }
                      spec.opensMinute = *opens;
                      spec.closesMinute = *closes;
                  }
                  out.hours.push_back(spec);
              });
    }
    else
    {
        Scope sc(*this, "kind");
        error("expected one of single, recurring, course, on_request, opening_hours, got \"" + std::string(kind.substr(0, 40)) + "\"");
    }
    return out;
}

Schedule::Span Decoder::span(const Value& v)
{
    Schedule::Span out;
    auto start = dateTime(v, "start", true, true);
    auto end = dateTime(v, "end", false, true);
    if (start)
        out.start = *start;
    if (end)
    {
        out.end = *end;
        out.hasEnd = true;
        // Compare like with like: both local or both absolute (mixed: checked after zoning).
        if (start && start->local == end->local && end->seconds < start->seconds)
        {
            Scope sc(*this, "end");
            error("end is before start");
        }
    }
    std::string_view status = string(v, "status", false);
    if (status == "cancelled")
        out.cancelled = true;
    else if (!status.empty() && status != "scheduled")
    {
        Scope sc(*this, "status");
        warn("unknown status \"" + std::string(status.substr(0, 40)) + "\" ignored");
    }
    return out;
}

RecurrenceRule Decoder::recurrenceRule(const Value& v)
{
    RecurrenceRule rule;
    rule.weekdays = weekdays(v, "by_day");
    auto startDate = date(v, "start_date", true);
    auto endDate = date(v, "end_date", false);
    auto startTime = clock(v, "start_time", true);
    auto endTime = clock(v, "end_time", false);
    if (startDate)
        rule.startDate = *startDate;
    if (endDate)
    {
        rule.endDate = *endDate;
        rule.hasEndDate = true;
        if (startDate && *endDate < *startDate)
        {
            Scope sc(*this, "end_date");
            error("end_date is before start_date");
        }
    }
    if (startTime)
        rule.startMinute = *startTime;
    rule.endMinute = endTime ? *endTime : rule.startMinute;
    if (startTime && endTime && *endTime <= *startTime)
    {
        Scope sc(*this, "end_time");
        error("end_time is not after start_time");
    }
    array(v, "except_dates", false,
          [&](const Value& d)
          {
              if (!expectKind(d, Kind::String))
                  return;
              auto day = timeutil::parseDate(d.str());
              if (!day)
                  error("expected a date like \"2026-12-23\", got " + d.describe());
              else
                  rule.exceptDates.push_back(*day);
          });
    return rule;
}

}  // namespace mint::catalog::detail
