// The feed decoder's internals, shared by the files that read each part of a feed v1
// (not part of the catalogue's API; see feed_parser.hpp for that):
//   feed_fields.cpp   — field readers: strings, numbers, language maps, URLs, dates, arrays
//   feed_schedule.cpp — schedules: dates, sessions, recurring rules, opening hours
//   feed_offers.cpp   — providers, places, offers, stories
//   feed_parser.cpp   — the envelope, streaming over offers, cross-references, loadCatalog
// A Decoder reads values of an already parsed document, reports issues with JSON pointers
// and marks the current item (offer, place, ...) as failed on the first error.
#pragma once

#include "feed_parser.hpp"
#include "json_reader.hpp"
#include "model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mint::catalog::detail
{

using json::Kind;
using json::Value;

void appendPointerToken(std::string& path, std::string_view token);
bool isHttpUrl(std::string_view url);
/// Image references may also be relative paths ("images/robot-1.png"), resolved against
/// the feed's own URL, so a feed read from disk can ship its pictures beside it.
bool isRelativeReference(std::string_view ref);
bool isKeyword(std::string_view s);
bool isLanguageTag(std::string_view s);
std::optional<int> parseWeekday(std::string_view code);

class Decoder
{
public:
    Decoder(std::vector<Issue>& issues, const FeedLimits& limits) : m_issues(issues), m_limits(limits) {}

    /// A JSON-pointer segment that lives as long as the scope. Segments are kept as they
    /// are and joined only when an issue is reported (most fields have none).
    class Scope
    {
    public:
        Scope(Decoder& d, std::string_view key) : m_d(d) { d.m_segments.push_back({key, 0, false}); }
        Scope(Decoder& d, std::size_t index) : m_d(d) { d.m_segments.push_back({{}, index, true}); }
        ~Scope() { m_d.m_segments.pop_back(); }
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

    private:
        Decoder& m_d;
    };

    /// The current JSON pointer, e.g. "/offers/17/location/geo/lat".
    std::string path() const
    {
        std::string out;
        for (const Segment& s : m_segments)
        {
            if (s.isIndex)
                out += '/' + std::to_string(s.index);
            else
                appendPointerToken(out, s.key);
        }
        return out;
    }
    void report(Severity severity, std::string message) { m_issues.push_back({severity, path(), std::move(message)}); }
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

    std::string_view string(const Value& obj, std::string_view key, bool required);

    std::string_view url(const Value& obj, std::string_view key, bool required);

    std::optional<double> number(const Value& obj, std::string_view key, double min, double max, bool required);

    std::optional<long long> integer(const Value& obj, std::string_view key, long long min, long long max, bool required);

    std::optional<bool> boolean(const Value& obj, std::string_view key);

    /// A language map {"de": "...", "en": "..."} or a plain string (the default language).
    LocalizedText text(const Value& obj, std::string_view key, bool required);

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
    LocalizedText textOf(const Value& v, bool required);

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

    std::vector<std::string_view> stringArray(const Value& obj, std::string_view key);

    std::optional<DayNumber> date(const Value& obj, std::string_view key, bool required);

    std::optional<int> clock(const Value& obj, std::string_view key, bool required);

    std::optional<DateTimeSpec> dateTime(const Value& obj, std::string_view key, bool required, bool allowLocal);

    // -----------------------------------------------------------------------------------

    Schedule schedule(const Value& obj);

    Schedule::Span span(const Value& v);

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

    RecurrenceRule recurrenceRule(const Value& v);

    // -----------------------------------------------------------------------------------

    Address address(const Value& obj);

    std::optional<GeoPoint> geo(const Value& obj);

    Contact contact(const Value& obj);

    Place place(const Value& v, bool needId);

    Provider provider(const Value& v);

    std::vector<Image> images(const Value& obj);

    IntRange range(const Value& obj, std::string_view key, int min, int max);

    Offer offer(const Value& v);

    static bool isDecimal(std::string_view s);

    static bool isZero(std::string_view s);

    Story story(const Value& v);

private:
    std::vector<Issue>& m_issues;
    const FeedLimits& m_limits;
    struct Segment
    {
        std::string_view key;
        std::size_t index;
        bool isIndex;
    };
    std::vector<Segment> m_segments;
    bool m_itemFailed = false;
};

}  // namespace mint::catalog::detail
