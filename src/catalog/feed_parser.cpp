// Feed format v1: decoding and validation. See feed_parser.hpp and docs/feed-format.md.
//
// Index of this file
// [SECTION] Issues and JSON pointers
// [SECTION] Field readers (strings, numbers, language maps, URLs, arrays)
// [SECTION] Schedules
// [SECTION] Providers, places, offers, stories, tombstones
// [SECTION] Envelope, streaming over offers, cross-references
#include "feed_parser.hpp"

#include "gzip.hpp"
#include "json_reader.hpp"
#include "time_util.hpp"
#include "util/text.hpp"
#include "util/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace mint::catalog
{

// ---------------------------------------------------------------------------------------
// [SECTION] Issues and JSON pointers

const char* severityName(Severity severity)
{
    switch (severity)
    {
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
    case Severity::Fatal: return "fatal";
    }
    return "?";
}

std::string Issue::toString() const
{
    return (pointer.empty() ? std::string("/") : pointer) + ": " + message;
}

std::size_t LoadResult::count(Severity severity) const
{
    return static_cast<std::size_t>(std::count_if(issues.begin(), issues.end(), [&](const Issue& i) { return i.severity == severity; }));
}

namespace
{

using json::Kind;
using json::Value;

void appendPointerToken(std::string& path, std::string_view token)
{
    path += '/';
    for (char c : token)
    {
        if (c == '~')
            path += "~0";
        else if (c == '/')
            path += "~1";
        else
            path += c;
    }
}

bool isHttpUrl(std::string_view url)
{
    std::size_t hostStart = 0;
    if (util::startsWithNoCase(url, "https://"))
        hostStart = 8;
    else if (util::startsWithNoCase(url, "http://"))
        hostStart = 7;
    else
        return false;
    if (hostStart >= url.size() || url[hostStart] == '/' || url[hostStart] == ':')
        return false;
    for (char c : url)
        if (static_cast<unsigned char>(c) <= 0x20 || c == '"' || c == '<' || c == '>' || c == '\\')
            return false;
    return true;
}

/// Image references may also be relative paths ("images/robot-1.png"), resolved against
/// the feed's own URL, so a feed read from disk can ship its pictures beside it.
bool isRelativeReference(std::string_view ref)
{
    if (ref.empty() || ref.front() == '/' || ref.find(':') != std::string_view::npos || ref.find("..") != std::string_view::npos)
        return false;
    for (char c : ref)
        if (static_cast<unsigned char>(c) <= 0x20 || c == '"' || c == '<' || c == '>' || c == '\\')
            return false;
    return true;
}

bool isKeyword(std::string_view s)
{
    if (s.empty() || s.size() > 64)
        return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return false;
    return true;
}

bool isLanguageTag(std::string_view s)
{
    // BCP 47, loosely: 2-3 letters, then -subtags of letters/digits.
    std::size_t i = 0;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i])))
        ++i;
    if (i < 2 || i > 3)
        return false;
    while (i < s.size())
    {
        if (s[i] != '-')
            return false;
        std::size_t j = ++i;
        while (j < s.size() && std::isalnum(static_cast<unsigned char>(s[j])))
            ++j;
        if (j == i || j - i > 8)
            return false;
        i = j;
    }
    return true;
}

std::optional<int> parseWeekday(std::string_view code)
{
    static const char* const codes[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
    for (int i = 0; i < 7; ++i)
        if (code == codes[i])
            return i;
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Field readers

class Decoder
{
public:
    Decoder(std::vector<Issue>& issues, const FeedLimits& limits) : m_issues(issues), m_limits(limits) {}

    /// A JSON-pointer segment that lives as long as the scope.
    class Scope
    {
    public:
        Scope(Decoder& d, std::string_view key) : m_d(d), m_len(d.m_path.size()) { appendPointerToken(d.m_path, key); }
        Scope(Decoder& d, std::size_t index) : m_d(d), m_len(d.m_path.size())
        {
            d.m_path += '/';
            d.m_path += std::to_string(index);
        }
        ~Scope() { m_d.m_path.resize(m_len); }
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

    private:
        Decoder& m_d;
        std::size_t m_len;
    };

    const std::string& path() const { return m_path; }
    void report(Severity severity, std::string message) { m_issues.push_back({severity, m_path, std::move(message)}); }
    void warn(std::string message) { report(Severity::Warning, std::move(message)); }
    /// Marks the current item (offer, place, ...) as broken.
    bool error(std::string message)
    {
        report(Severity::Error, std::move(message));
        m_itemFailed = true;
        return false;
    }
    void beginItem() { m_itemFailed = false; }
    bool itemFailed() const { return m_itemFailed; }

    static bool present(const Value& v) { return v.valid() && !v.isNull(); }

    bool expectKind(const Value& v, Kind kind)
    {
        if (v.is(kind))
            return true;
        return error(std::string("expected ") + json::kindName(kind) + ", got " + v.describe());
    }

    std::string_view string(const Value& obj, std::string_view key, bool required)
    {
        Value v = obj[key];
        Scope s(*this, key);
        if (!present(v))
        {
            if (required)
                error("is required");
            return {};
        }
        if (!expectKind(v, Kind::String))
            return {};
        if (required && v.str().empty())
        {
            error("must not be empty");
            return {};
        }
        return v.str();
    }

    std::string_view url(const Value& obj, std::string_view key, bool required)
    {
        std::string_view u = string(obj, key, required);
        if (!u.empty() && !isHttpUrl(u))
        {
            Scope s(*this, key);
            error("expected an absolute http:// or https:// URL, got \"" + std::string(u.substr(0, 60)) + "\"");
            return {};
        }
        return u;
    }

    std::optional<double> number(const Value& obj, std::string_view key, double min, double max, bool required)
    {
        Value v = obj[key];
        Scope s(*this, key);
        if (!present(v))
        {
            if (required)
                error("is required");
            return std::nullopt;
        }
        if (!v.isNumber() || !(v.number() >= min && v.number() <= max))
        {
            std::ostringstream msg;
            msg << "expected a number between " << min << " and " << max << ", got " << v.describe();
            error(msg.str());
            return std::nullopt;
        }
        return v.number();
    }

    std::optional<long long> integer(const Value& obj, std::string_view key, long long min, long long max, bool required)
    {
        Value v = obj[key];
        Scope s(*this, key);
        if (!present(v))
        {
            if (required)
                error("is required");
            return std::nullopt;
        }
        if (!v.isInteger() || v.number() < static_cast<double>(min) || v.number() > static_cast<double>(max))
        {
            error("expected a whole number between " + std::to_string(min) + " and " + std::to_string(max) + ", got " + v.describe());
            return std::nullopt;
        }
        return static_cast<long long>(v.number());
    }

    std::optional<bool> boolean(const Value& obj, std::string_view key)
    {
        Value v = obj[key];
        Scope s(*this, key);
        if (!present(v))
            return std::nullopt;
        if (!expectKind(v, Kind::Bool))
            return std::nullopt;
        return v.boolean();
    }

    /// A language map {"de": "...", "en": "..."} or a plain string (the default language).
    LocalizedText text(const Value& obj, std::string_view key, bool required)
    {
        Value v = obj[key];
        Scope s(*this, key);
        if (!present(v))
        {
            if (required)
                error("is required");
            return {};
        }
        return textOf(v, required);
    }

    /// A name that is not translated (a street, a town), given as a string or, like every
    /// text a visitor sees, as a language map: then its German entry, else its first.
    std::string_view name(const Value& obj, std::string_view key)
    {
        if (obj[key].isObject())
        {
            const LocalizedText t = text(obj, key, false);
            return t.get("de", "de");
        }
        return string(obj, key, false);
    }

    /// The value itself as text (see text()).
    LocalizedText textOf(const Value& v, bool required)
    {
        LocalizedText out;
        if (v.isString())
        {
            if (!v.str().empty())
                out.entries.push_back({{}, v.str()});
        }
        else if (v.isObject())
        {
            for (auto it = v.begin(); it != v.end(); ++it)
            {
                Scope member(*this, it.key());
                Value t = it.value();
                if (!isLanguageTag(it.key()))
                {
                    error("expected a language code such as \"de\" or \"en\" as key");
                    continue;
                }
                if (t.isNull())
                    continue;
                if (!expectKind(t, Kind::String))
                    continue;
                if (!t.str().empty())
                    out.entries.push_back({it.key(), t.str()});
            }
        }
        else
            error("expected a string or a language map like {\"de\": \"...\"}, got " + v.describe());
        if (required && out.empty() && !m_itemFailed)
            error("must not be empty");
        return out;
    }

    /// Calls fn(item) for each element of the array obj[key]; checks the item limit.
    template <typename Fn>
    void array(const Value& obj, std::string_view key, bool required, Fn&& fn)
    {
        Value v = obj[key];
        Scope s(*this, key);
        if (!present(v))
        {
            if (required)
                error("is required");
            return;
        }
        if (!expectKind(v, Kind::Array))
            return;
        if (v.size() > m_limits.maxArrayItems)
        {
            error("has " + std::to_string(v.size()) + " items, more than the limit of " + std::to_string(m_limits.maxArrayItems));
            return;
        }
        std::size_t index = 0;
        for (auto it = v.begin(); it != v.end(); ++it, ++index)
        {
            Scope item(*this, index);
            fn(it.value());
        }
    }

    std::vector<std::string_view> stringArray(const Value& obj, std::string_view key)
    {
        std::vector<std::string_view> out;
        array(obj, key, false,
              [&](const Value& item)
              {
                  if (expectKind(item, Kind::String))
                      out.push_back(item.str());
              });
        return out;
    }

    std::optional<DayNumber> date(const Value& obj, std::string_view key, bool required)
    {
        std::string_view s = string(obj, key, required);
        if (s.empty())
            return std::nullopt;
        auto day = timeutil::parseDate(s);
        if (!day)
        {
            Scope sc(*this, key);
            error("expected a date like \"2026-11-04\", got \"" + std::string(s.substr(0, 40)) + "\"");
        }
        return day;
    }

    std::optional<int> clock(const Value& obj, std::string_view key, bool required)
    {
        std::string_view s = string(obj, key, required);
        if (s.empty())
            return std::nullopt;
        auto minutes = timeutil::parseClock(s);
        if (!minutes)
        {
            Scope sc(*this, key);
            error("expected a time like \"15:00\", got \"" + std::string(s.substr(0, 40)) + "\"");
        }
        return minutes;
    }

    std::optional<DateTimeSpec> dateTime(const Value& obj, std::string_view key, bool required, bool allowLocal)
    {
        std::string_view s = string(obj, key, required);
        if (s.empty())
            return std::nullopt;
        auto t = timeutil::parseDateTime(s, allowLocal);
        if (!t)
        {
            Scope sc(*this, key);
            error(std::string("expected a date and time like \"2026-11-28T15:00:00+01:00\"") +
                  (allowLocal ? " (the zone may be left out for local time)" : "") + ", got \"" + std::string(s.substr(0, 40)) + "\"");
        }
        return t;
    }

    // -----------------------------------------------------------------------------------
    // [SECTION] Schedules

    Schedule schedule(const Value& obj)
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

    Schedule::Span span(const Value& v)
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

    std::uint8_t weekdays(const Value& v, std::string_view key)
    {
        std::uint8_t mask = 0;
        array(v, key, true,
              [&](const Value& day)
              {
                  if (!expectKind(day, Kind::String))
                      return;
                  auto w = parseWeekday(day.str());
                  if (!w)
                      error("expected a day code MO, TU, WE, TH, FR, SA or SU, got " + day.describe());
                  else
                      mask |= static_cast<std::uint8_t>(1u << *w);
              });
        if (mask == 0 && !m_itemFailed)
        {
            Scope sc(*this, key);
            error("needs at least one day");
        }
        return mask;
    }

    RecurrenceRule recurrenceRule(const Value& v)
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

    // -----------------------------------------------------------------------------------
    // [SECTION] Providers, places, offers, stories, tombstones

    Address address(const Value& obj)
    {
        Address out;
        Value v = obj["address"];
        if (!present(v))
            return out;
        Scope s(*this, "address");
        if (!expectKind(v, Kind::Object))
            return out;
        out.street = name(v, "street");
        out.postalCode = string(v, "postal_code", false);
        out.locality = name(v, "locality");
        return out;
    }

    std::optional<GeoPoint> geo(const Value& obj)
    {
        Value v = obj["geo"];
        if (!present(v))
            return std::nullopt;
        Scope s(*this, "geo");
        if (!expectKind(v, Kind::Object))
            return std::nullopt;
        auto lat = number(v, "lat", -90, 90, true);
        auto lon = number(v, "lon", -180, 180, true);
        if (!lat || !lon)
            return std::nullopt;
        return GeoPoint{*lat, *lon};
    }

    Contact contact(const Value& obj)
    {
        Contact out;
        Value v = obj["contact"];
        if (!present(v))
            return out;
        Scope s(*this, "contact");
        if (!expectKind(v, Kind::Object))
            return out;
        out.email = string(v, "email", false);
        if (!out.email.empty() && out.email.find('@') == std::string_view::npos)
        {
            Scope sc(*this, "email");
            error("expected an e-mail address, got \"" + std::string(out.email.substr(0, 40)) + "\"");
        }
        out.phone = string(v, "phone", false);
        out.url = url(v, "url", false);
        return out;
    }

    Place place(const Value& v, bool needId)
    {
        Place out;
        if (!expectKind(v, Kind::Object))
            return out;
        if (needId)
            out.id = string(v, "id", true);
        out.name = text(v, "name", needId);
        out.address = address(v);
        out.geo = geo(v);
        if (!out.geo && !m_itemFailed)
            warn("has no geo {lat, lon}: it cannot be shown on the map or sorted by distance");
        return out;
    }

    Provider provider(const Value& v)
    {
        Provider out;
        if (!expectKind(v, Kind::Object))
            return out;
        out.id = string(v, "id", true);
        out.name = text(v, "name", true);
        out.url = url(v, "url", false);
        out.contact = contact(v);
        return out;
    }

    std::vector<Image> images(const Value& obj)
    {
        std::vector<Image> out;
        array(obj, "images", false,
              [&](const Value& v)
              {
                  if (!expectKind(v, Kind::Object))
                      return;
                  Image img;
                  img.url = string(v, "url", true);
                  if (!img.url.empty() && !isHttpUrl(img.url) && !isRelativeReference(img.url))
                  {
                      Scope sc(*this, "url");
                      error("expected an http:// or https:// URL or a path relative to the feed, got \"" +
                            std::string(img.url.substr(0, 60)) + "\"");
                  }
                  img.alt = text(v, "alt", false);
                  img.credit = text(v, "credit", false);
                  img.license = string(v, "license", false);
                  out.push_back(img);
              });
        return out;
    }

    IntRange range(const Value& obj, std::string_view key, int min, int max)
    {
        IntRange out;
        Value v = obj[key];
        if (!present(v))
            return out;
        Scope s(*this, key);
        if (!expectKind(v, Kind::Object))
            return out;
        auto lo = integer(v, "min", min, max, false);
        auto hi = integer(v, "max", min, max, false);
        out.min = lo ? static_cast<int>(*lo) : -1;
        out.max = hi ? static_cast<int>(*hi) : -1;
        out.present = lo || hi;
        if (lo && hi && *hi < *lo)
        {
            Scope sc(*this, "max");
            error("max is below min");
        }
        return out;
    }

    Offer offer(const Value& v)
    {
        Offer o;
        if (!expectKind(v, Kind::Object))
            return o;
        o.id = string(v, "id", true);
        o.type = string(v, "type", true);
        if (!o.type.empty() && !isKeyword(o.type))
        {
            Scope s(*this, "type");
            error("expected a lower-case type such as workshop or camp, got \"" + std::string(o.type.substr(0, 40)) + "\"");
        }
        o.title = text(v, "title", true);
        o.summary = text(v, "summary", false);
        o.description = text(v, "description", false);
        o.url = url(v, "url", false);
        o.providerId = string(v, "provider", false);
        o.subjects = stringArray(v, "subjects");
        for (std::size_t i = 0; i < o.subjects.size(); ++i)
            if (!isKeyword(o.subjects[i]))
            {
                Scope s(*this, "subjects");
                Scope si(*this, i);
                error("expected a lower-case subject key such as technik, got \"" + std::string(o.subjects[i].substr(0, 40)) + "\"");
            }
        {
            auto audiences = stringArray(v, "audiences");
            for (std::size_t i = 0; i < audiences.size(); ++i)
            {
                if (auto a = parseAudience(audiences[i]))
                    o.audienceMask |= 1u << static_cast<unsigned>(*a);
                else
                {
                    Scope s(*this, "audiences");
                    Scope si(*this, i);
                    warn("unknown audience \"" + std::string(audiences[i].substr(0, 40)) + "\" ignored");
                }
            }
        }
        o.ageRange = range(v, "age_range", 0, 120);
        o.gradeLevels = range(v, "grade_levels", 1, 13);
        o.schedule = schedule(v);
        {
            std::string_view status = string(v, "status", false);
            Scope s(*this, "status");
            if (status.empty() || status == "scheduled")
                o.status = OfferStatus::Scheduled;
            else if (status == "cancelled")
                o.status = OfferStatus::Cancelled;
            else if (status == "postponed")
                o.status = OfferStatus::Postponed;
            else
                error("expected scheduled, cancelled or postponed, got \"" + std::string(status.substr(0, 40)) + "\"");
        }
        {
            std::string_view mode = string(v, "attendance_mode", false);
            Scope s(*this, "attendance_mode");
            if (!mode.empty())
            {
                if (auto m = parseAttendanceMode(mode))
                    o.attendanceMode = *m;
                else
                    error("expected offline, online or mixed, got \"" + std::string(mode.substr(0, 40)) + "\"");
            }
        }
        o.placeId = string(v, "place", false);
        if (present(v["location"]))
        {
            Scope s(*this, "location");
            o.location = place(v["location"], false);
        }
        o.isFree = boolean(v, "is_free");
        array(v, "offers", false,
              [&](const Value& p)
              {
                  if (!expectKind(p, Kind::Object))
                      return;
                  PriceSpec spec;
                  spec.name = text(p, "name", false);
                  spec.price = string(p, "price", true);
                  spec.currency = string(p, "currency", false);
                  if (!spec.price.empty() && !isDecimal(spec.price))
                  {
                      Scope s(*this, "price");
                      error("expected a decimal string like \"5.00\", got \"" + std::string(spec.price.substr(0, 20)) + "\"");
                  }
                  if (!spec.currency.empty() && !(spec.currency.size() == 3 && std::all_of(spec.currency.begin(), spec.currency.end(),
                                                                                           [](char c) { return c >= 'A' && c <= 'Z'; })))
                  {
                      Scope s(*this, "currency");
                      error("expected an ISO 4217 code like \"EUR\", got \"" + std::string(spec.currency.substr(0, 20)) + "\"");
                  }
                  o.prices.push_back(spec);
              });
        if (!o.isFree && !o.prices.empty())
            o.isFree = std::all_of(o.prices.begin(), o.prices.end(), [](const PriceSpec& p) { return isZero(p.price); });
        if (Value r = v["registration"]; present(r))
        {
            Scope s(*this, "registration");
            if (expectKind(r, Kind::Object))
            {
                std::string_view mode = string(r, "mode", false);
                if (mode == "required")
                    o.registration.mode = RegistrationMode::Required;
                else if (mode == "optional")
                    o.registration.mode = RegistrationMode::Optional;
                else if (mode == "none")
                    o.registration.mode = RegistrationMode::None;
                else if (!mode.empty())
                {
                    Scope sc(*this, "mode");
                    error("expected required, optional or none, got \"" + std::string(mode.substr(0, 40)) + "\"");
                }
                o.registration.url = url(r, "url", false);
                o.registration.closes = dateTime(r, "closes", false, true);
            }
        }
        o.contact = contact(v);
        o.images = images(v);
        if (Value a = v["accessibility"]; present(a))
        {
            Scope s(*this, "accessibility");
            if (expectKind(a, Kind::Object))
            {
                o.accessibility.wheelchair = boolean(a, "wheelchair");
                o.accessibility.info = text(a, "info", false);
            }
        }
        o.languages = stringArray(v, "languages");
        for (std::size_t i = 0; i < o.languages.size(); ++i)
            if (!isLanguageTag(o.languages[i]))
            {
                Scope s(*this, "languages");
                Scope si(*this, i);
                warn("\"" + std::string(o.languages[i].substr(0, 20)) + "\" is not a BCP 47 language tag");
            }
        o.dateModified = string(v, "date_modified", false);
        if (!o.dateModified.empty() && !timeutil::parseDateTime(o.dateModified, false))
        {
            Scope s(*this, "date_modified");
            warn("expected an RFC 3339 date and time with zone, got \"" + std::string(o.dateModified.substr(0, 40)) + "\"");
        }
        if (o.attendanceMode != AttendanceMode::Online && o.placeId.empty() && !o.location && !m_itemFailed)
            warn("has neither place nor location: it cannot be shown on the map");
        return o;
    }

    static bool isDecimal(std::string_view s)
    {
        std::size_t i = 0, digits = 0;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
            ++i, ++digits;
        if (digits == 0)
            return false;
        if (i == s.size())
            return true;
        if (s[i] != '.')
            return false;
        ++i;
        std::size_t frac = 0;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
            ++i, ++frac;
        return i == s.size() && frac >= 1 && frac <= 4;
    }

    static bool isZero(std::string_view s)
    {
        return std::all_of(s.begin(), s.end(), [](char c) { return c == '0' || c == '.'; });
    }

    Story story(const Value& v)
    {
        Story out;
        if (!expectKind(v, Kind::Object))
            return out;
        out.id = string(v, "id", true);
        out.title = text(v, "title", true);
        out.text = text(v, "text", false);
        out.images = images(v);
        out.offerId = string(v, "offer", false);
        out.date = string(v, "date", false);
        return out;
    }

private:
    std::vector<Issue>& m_issues;
    const FeedLimits& m_limits;
    std::string m_path;
    bool m_itemFailed = false;
};

// ---------------------------------------------------------------------------------------
// [SECTION] Envelope, streaming over offers, cross-references

class FeedReader
{
public:
    FeedReader(std::shared_ptr<std::string> source, const FeedLimits& limits, LoadResult& result)
        : m_source(std::move(source)), m_limits(limits), m_result(result), m_dec(result.issues, limits)
    {
    }

    std::unique_ptr<Catalog> read()
    {
        auto catalog = std::make_unique<Catalog>();
        m_cat = catalog.get();
        m_cat->source = m_source;
        std::string& buf = *m_source;
        if (buf.size() > m_limits.maxDocumentBytes)
            return fatal("the feed is " + std::to_string(buf.size()) + " bytes, larger than the limit of " +
                         std::to_string(m_limits.maxDocumentBytes) + " bytes");
        json::ParseLimits parseLimits;
        parseLimits.maxDepth = m_limits.maxDepth;
        parseLimits.maxStringBytes = m_limits.maxStringBytes;
        json::Parser parser(buf.data(), buf.size(), parseLimits);
        const char first = parser.peek();
        if (first == '<')
            return fatal("not JSON: the document looks like an HTML page (a captive portal or an error page?)");
        if (first != '{')
            return fatal(first == '\0' ? "the feed is empty" : "not JSON: a feed must be one JSON object");
        if (!readEnvelope(parser))
        {
            const auto& e = parser.error();
            return fatal("not valid JSON: " + e.toString());
        }
        return finish(std::move(catalog));
    }

private:
    std::unique_ptr<Catalog> fatal(std::string message, std::string pointer = {})
    {
        m_result.issues.push_back({Severity::Fatal, std::move(pointer), std::move(message)});
        return nullptr;
    }

    bool readEnvelope(json::Parser& p)
    {
        if (!p.expect('{'))
            return false;
        if (p.accept('}'))
            return p.atEnd() || p.fail("unexpected content after the end of the document");
        json::Tape tape;
        do
        {
            std::string_view key;
            if (!p.parseString(key) || !p.expect(':'))
                return false;
            if (key == "offers" && p.peek() == '[')
            {
                if (!readOffers(p, tape))
                    return false;
                continue;
            }
            if (!p.parseValue(tape))
                return false;
            envelopeMember(key, json::Value(&tape, 0));
        } while (p.accept(','));
        if (!p.expect('}'))
            return false;
        return p.atEnd() || p.fail("unexpected content after the end of the document");
    }

    /// Offers are decoded one at a time with a reused tape, so memory stays flat.
    bool readOffers(json::Parser& p, json::Tape& tape)
    {
        m_sawOffers = true;
        p.expect('[');
        if (p.accept(']'))
            return true;
        Decoder::Scope offers(m_dec, "offers");
        std::size_t index = 0;
        do
        {
            if (index >= m_limits.maxOffers)
            {
                return p.fail("more than " + std::to_string(m_limits.maxOffers) + " offers (the limit)");
            }
            if (!p.parseValue(tape))
                return false;
            Decoder::Scope item(m_dec, index);
            m_dec.beginItem();
            Offer o = m_dec.offer(json::Value(&tape, 0));
            if (m_dec.itemFailed())
                ++m_result.offersSkipped;
            else
            {
                m_cat->offers.push_back(std::move(o));
                m_offerDocIndex.push_back(index);
            }
            ++index;
        } while (p.accept(','));
        m_result.offersSeen = index;
        return p.expect(']');
    }

    void envelopeMember(std::string_view key, const json::Value& v)
    {
        Decoder::Scope s(m_dec, key);
        m_dec.beginItem();
        auto expectString = [&]() -> std::string_view
        {
            if (v.isString())
                return v.str();
            m_envelopeErrors.push_back({Severity::Fatal, m_dec.path(), std::string("expected a string, got ") + v.describe()});
            return {};
        };
        if (key == "format")
            m_cat->format = expectString(), m_sawFormat = true;
        else if (key == "version")
        {
            m_sawVersion = true;
            if (v.isInteger() && v.number() >= 0 && v.number() <= 1000)
                m_cat->version = static_cast<int>(v.number());
            else if (v.isInteger())
                m_envelopeErrors.push_back(
                    {Severity::Fatal, m_dec.path(), "unsupported version " + v.describe() + " (this kiosk reads version 1)"});
            else
                m_envelopeErrors.push_back({Severity::Fatal, m_dec.path(), "expected a whole number, got " + v.describe()});
        }
        else if (key == "sequence")
        {
            m_sawSequence = true;
            if (v.isInteger() && v.number() >= 0 && v.number() < 9e15)
                m_cat->sequence = static_cast<std::int64_t>(v.number());
            else
                m_envelopeErrors.push_back({Severity::Fatal, m_dec.path(), "expected a whole number 0 or larger, got " + v.describe()});
        }
        else if (key == "generated_at")
        {
            m_sawGeneratedAt = true;
            std::string_view text = expectString();
            auto t = timeutil::parseDateTime(text, false);
            if (t)
            {
                m_cat->generatedAt = t->seconds;
                m_cat->generatedAtText = text;
            }
            else if (v.isString())
                m_envelopeErrors.push_back(
                    {Severity::Fatal, m_dec.path(), "expected an RFC 3339 date and time with zone, got " + v.describe()});
        }
        else if (key == "license")
            m_cat->license = expectString();
        else if (key == "attribution")
        {
            if (v.isString() || v.isObject())
                m_cat->attribution = m_dec.textOf(v, false);
            else
                m_envelopeErrors.push_back(
                    {Severity::Fatal, m_dec.path(), "expected a string or a language map like {\"de\": \"...\"}, got " + v.describe()});
        }
        else if (key == "publisher")
        {
            if (v.isObject())
            {
                m_cat->publisher.name = m_dec.text(v, "name", false);
                m_cat->publisher.url = m_dec.url(v, "url", false);
                m_cat->publisher.email = m_dec.string(v, "email", false);
            }
            else
                m_dec.warn("expected an object, got " + v.describe());
        }
        else if (key == "region")
            region(v);
        else if (key == "providers")
            items(v, m_cat->providers, m_providerDocIndex, [&](const json::Value& item) { return m_dec.provider(item); });
        else if (key == "places")
            items(v, m_cat->places, m_placeDocIndex, [&](const json::Value& item) { return m_dec.place(item, true); });
        else if (key == "stories")
            items(v, m_cat->stories, m_storyDocIndex, [&](const json::Value& item) { return m_dec.story(item); });
        else if (key == "tombstones")
            items(v, m_cat->tombstones, m_tombstoneDocIndex,
                  [&](const json::Value& item)
                  {
                      Tombstone t;
                      if (m_dec.expectKind(item, Kind::Object))
                      {
                          t.id = m_dec.string(item, "id", true);
                          t.deletedAt = m_dec.string(item, "deleted_at", false);
                          t.reason = m_dec.string(item, "reason", false);
                      }
                      return t;
                  });
        else if (key == "offers")
            m_envelopeErrors.push_back({Severity::Fatal, m_dec.path(), "expected an array, got " + v.describe()});
        // Unknown keys are ignored (forward compatibility).
    }

    void region(const json::Value& v)
    {
        if (!v.isObject())
        {
            m_envelopeErrors.push_back({Severity::Fatal, m_dec.path(), "expected an object, got " + v.describe()});
            return;
        }
        m_cat->region.name = m_dec.text(v, "name", false);
        if (json::Value tz = v["timezone"]; Decoder::present(tz))
        {
            Decoder::Scope s(m_dec, "timezone");
            if (!tz.isString() || !timeutil::findZone(std::string(tz.str())))
                m_envelopeErrors.push_back(
                    {Severity::Fatal, m_dec.path(), "expected an IANA time zone like \"Europe/Berlin\", got " + tz.describe()});
            else
                m_cat->region.timezone = std::string(tz.str());
        }
        if (json::Value lang = v["default_language"]; Decoder::present(lang))
        {
            Decoder::Scope s(m_dec, "default_language");
            if (!lang.isString() || !isLanguageTag(lang.str()))
                m_envelopeErrors.push_back({Severity::Fatal, m_dec.path(), "expected a language code like \"de\", got " + lang.describe()});
            else
                m_cat->region.defaultLanguage = std::string(lang.str());
        }
        if (json::Value bbox = v["bbox"]; Decoder::present(bbox))
        {
            Decoder::Scope s(m_dec, "bbox");
            std::array<double, 4> b{};
            std::size_t n = 0;
            bool ok = bbox.isArray() && bbox.size() == 4;
            if (ok)
                for (auto it = bbox.begin(); it != bbox.end(); ++it)
                {
                    const json::Value x = it.value();
                    ok = ok && x.isNumber();
                    if (x.isNumber())
                        b[n] = x.number();
                    ++n;
                }
            ok = ok && b[0] >= -180 && b[2] <= 180 && b[1] >= -90 && b[3] <= 90 && b[0] < b[2] && b[1] < b[3];
            if (ok)
                m_cat->region.bbox = b;
            else
                m_dec.warn("expected [min_lon, min_lat, max_lon, max_lat] with min below max; ignored");
        }
    }

    template <typename T, typename Fn>
    void items(const json::Value& v, std::vector<T>& out, std::vector<std::size_t>& docIndex, Fn&& decode)
    {
        if (!v.isArray())
        {
            m_dec.warn(std::string("expected an array, got ") + v.describe() + "; ignored");
            return;
        }
        std::size_t index = 0;
        for (auto it = v.begin(); it != v.end(); ++it, ++index)
        {
            Decoder::Scope item(m_dec, index);
            m_dec.beginItem();
            T value = decode(it.value());
            if (!m_dec.itemFailed())
            {
                out.push_back(std::move(value));
                docIndex.push_back(index);
            }
        }
    }

    std::string pointer(const char* array, std::size_t index, const char* member = nullptr) const
    {
        std::string p = std::string("/") + array + "/" + std::to_string(index);
        if (member)
            p += std::string("/") + member;
        return p;
    }

    /// Drops items whose id was seen before; returns id -> position.
    template <typename T>
    std::unordered_map<std::string_view, std::uint32_t> dedupe(std::vector<T>& items, std::vector<std::size_t>& docIndex, const char* array,
                                                               std::size_t* skipped = nullptr)
    {
        std::unordered_map<std::string_view, std::uint32_t> byId;
        std::vector<T> kept;
        std::vector<std::size_t> keptIndex;
        kept.reserve(items.size());
        for (std::size_t i = 0; i < items.size(); ++i)
        {
            if (!byId.emplace(items[i].id, static_cast<std::uint32_t>(kept.size())).second)
            {
                m_result.issues.push_back({Severity::Error, pointer(array, docIndex[i], "id"),
                                           "duplicate id \"" + std::string(items[i].id) + "\"; this one is skipped"});
                if (skipped)
                    ++*skipped;
                continue;
            }
            kept.push_back(std::move(items[i]));
            keptIndex.push_back(docIndex[i]);
        }
        items = std::move(kept);
        docIndex = std::move(keptIndex);
        return byId;
    }

    std::unique_ptr<Catalog> finish(std::unique_ptr<Catalog> catalog)
    {
        for (auto& issue : m_envelopeErrors)
            m_result.issues.push_back(issue);
        if (!m_envelopeErrors.empty())
            return nullptr;
        if (!m_sawFormat || m_cat->format != "mint-catalog")
            return fatal(m_sawFormat ? "expected \"mint-catalog\", got \"" + std::string(m_cat->format.substr(0, 40)) + "\""
                                     : "is required: a feed starts with \"format\": \"mint-catalog\"",
                         "/format");
        if (!m_sawVersion)
            return fatal("is required", "/version");
        if (m_cat->version != 1)
            return fatal("unsupported version " + std::to_string(m_cat->version) + " (this kiosk reads version 1)", "/version");
        if (!m_sawSequence)
            return fatal("is required (an integer that grows with every publish)", "/sequence");
        if (!m_sawGeneratedAt)
            return fatal("is required", "/generated_at");
        if (!m_sawOffers)
            return fatal("is required: a feed without an offers array is rejected", "/offers");

        auto providerIds = dedupe(m_cat->providers, m_providerDocIndex, "providers");
        auto placeIds = dedupe(m_cat->places, m_placeDocIndex, "places");
        dedupe(m_cat->offers, m_offerDocIndex, "offers", &m_result.offersSkipped);

        std::unordered_set<std::string_view> deleted;
        for (const auto& t : m_cat->tombstones)
            deleted.insert(t.id);

        // Cross-references: a broken reference skips the offer.
        std::vector<Offer> kept;
        kept.reserve(m_cat->offers.size());
        for (std::size_t i = 0; i < m_cat->offers.size(); ++i)
        {
            Offer& o = m_cat->offers[i];
            const std::size_t doc = m_offerDocIndex[i];
            bool ok = true;
            if (!o.providerId.empty())
            {
                auto it = providerIds.find(o.providerId);
                if (it == providerIds.end())
                {
                    m_result.issues.push_back(
                        {Severity::Error, pointer("offers", doc, "provider"), "unknown provider \"" + std::string(o.providerId) + "\""});
                    ok = false;
                }
                else
                    o.providerIndex = static_cast<std::int32_t>(it->second);
            }
            if (!o.placeId.empty())
            {
                auto it = placeIds.find(o.placeId);
                if (it == placeIds.end())
                {
                    m_result.issues.push_back(
                        {Severity::Error, pointer("offers", doc, "place"), "unknown place \"" + std::string(o.placeId) + "\""});
                    ok = false;
                }
                else
                    o.placeIndex = static_cast<std::int32_t>(it->second);
            }
            if (deleted.count(o.id))
            {
                m_result.issues.push_back({Severity::Error, pointer("offers", doc, "id"),
                                           "offer \"" + std::string(o.id) + "\" is also listed in tombstones; it is skipped"});
                ok = false;
            }
            if (ok)
                kept.push_back(std::move(o));
            else
                ++m_result.offersSkipped;
        }
        m_cat->offers = std::move(kept);

        std::unordered_set<std::string_view> offerIds;
        for (const auto& o : m_cat->offers)
            offerIds.insert(o.id);
        for (std::size_t i = 0; i < m_cat->stories.size(); ++i)
        {
            const Story& s = m_cat->stories[i];
            if (!s.offerId.empty() && !offerIds.count(s.offerId))
                m_result.issues.push_back({Severity::Warning, pointer("stories", m_storyDocIndex[i], "offer"),
                                           "links unknown offer \"" + std::string(s.offerId) + "\""});
        }

        indexCatalog(*m_cat, m_limits, m_result.issues);
        return catalog;
    }

    std::shared_ptr<std::string> m_source;
    const FeedLimits& m_limits;
    LoadResult& m_result;
    Decoder m_dec;
    Catalog* m_cat = nullptr;
    std::vector<Issue> m_envelopeErrors;
    std::vector<std::size_t> m_offerDocIndex, m_providerDocIndex, m_placeDocIndex, m_storyDocIndex, m_tombstoneDocIndex;
    bool m_sawFormat = false, m_sawVersion = false, m_sawSequence = false, m_sawGeneratedAt = false, m_sawOffers = false;
};

}  // namespace

LoadResult loadCatalog(std::string bytes, const FeedLimits& limits)
{
    LoadResult result;
    if (looksGzipped(bytes))
    {
        std::string inflated, error;
        if (!gunzip(bytes, limits.maxDocumentBytes, inflated, error))
        {
            result.issues.push_back({Severity::Fatal, "", error});
            return result;
        }
        bytes = std::move(inflated);
    }
    auto source = std::make_shared<std::string>(std::move(bytes));
    FeedReader reader(source, limits, result);
    result.catalog = reader.read();
    // Messages quote the feed (cut at a byte count, raw bytes after a backslash): make them
    // valid UTF-8 once here, so no status file, log line or JSON dump downstream can fail.
    for (Issue& issue : result.issues)
    {
        if (!util::isValidUtf8(issue.message))
            issue.message = util::validUtf8(issue.message);
        if (!util::isValidUtf8(issue.pointer))
            issue.pointer = util::validUtf8(issue.pointer);
    }
    return result;
}

ReadStatus readFile(const std::string& path, std::string& out, std::string& error, std::size_t maxBytes)
{
    std::error_code ec;
    if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec))
    {
        error = "cannot read " + path + ": not a regular file";
        return ReadStatus::IoError;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in)
    {
        error = "cannot open " + path;
        return ReadStatus::IoError;
    }
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    in.seekg(0, std::ios::beg);
    if (size < 0)
    {
        error = "cannot read " + path + " (not a regular file?)";
        return ReadStatus::IoError;
    }
    if (static_cast<std::uint64_t>(size) > maxBytes)
    {
        error = "the feed is " + std::to_string(size) + " bytes, larger than the limit of " + std::to_string(maxBytes) + " bytes";
        return ReadStatus::TooLarge;
    }
    out.assign(static_cast<std::size_t>(size), '\0');
    if (size > 0 && !in.read(out.data(), size))
    {
        error = "cannot read " + path;
        return ReadStatus::IoError;
    }
    return ReadStatus::Ok;
}

LoadResult loadCatalogFile(const std::string& path, const FeedLimits& limits)
{
    std::string bytes, error;
    if (readFile(path, bytes, error, limits.maxDocumentBytes) != ReadStatus::Ok)
    {
        LoadResult result;
        result.issues.push_back({Severity::Fatal, "", error});
        return result;
    }
    return loadCatalog(std::move(bytes), limits);
}

}  // namespace mint::catalog
