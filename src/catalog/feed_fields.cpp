// Feed decoding, field readers and small checks; see feed_decoder.hpp.
#include "feed_decoder.hpp"

#include "time_util.hpp"
#include "util/text.hpp"
#include "util/utf8.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>

namespace mint::catalog::detail
{

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

namespace
{

/// Spaces, control bytes, quotes, angle brackets and backslashes never belong in a URL here.
bool hasUnsafeUrlChar(std::string_view url)
{
    return std::any_of(url.begin(), url.end(),
                       [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == '"' || c == '<' || c == '>' || c == '\\'; });
}

}  // namespace

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
    return !hasUnsafeUrlChar(url);
}

/// Image references may also be relative paths ("images/robot-1.png"), resolved against
/// the feed's own URL, so a feed read from disk can ship its pictures beside it.
bool isRelativeReference(std::string_view ref)
{
    if (ref.empty() || ref.front() == '/' || ref.find(':') != std::string_view::npos || ref.find("..") != std::string_view::npos)
        return false;
    return !hasUnsafeUrlChar(ref);
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
// Decoder: field readers

std::string_view Decoder::string(const Value& obj, std::string_view key, bool required)
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

std::string_view Decoder::url(const Value& obj, std::string_view key, bool required)
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

std::optional<double> Decoder::number(const Value& obj, std::string_view key, double min, double max, bool required)
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

std::optional<long long> Decoder::integer(const Value& obj, std::string_view key, long long min, long long max, bool required)
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

std::optional<bool> Decoder::boolean(const Value& obj, std::string_view key)
{
    Value v = obj[key];
    Scope s(*this, key);
    if (!present(v))
        return std::nullopt;
    if (!expectKind(v, Kind::Bool))
        return std::nullopt;
    return v.boolean();
}

LocalizedText Decoder::text(const Value& obj, std::string_view key, bool required)
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

LocalizedText Decoder::textOf(const Value& v, bool required)
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

std::vector<std::string_view> Decoder::stringArray(const Value& obj, std::string_view key)
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

namespace
{

/// A string field read with `parse` (nullopt when malformed); a malformed value is one error
/// naming what was expected and quoting (at most 40 bytes of) what came.
template <class Parse>
auto parsedString(Decoder& d, const Value& obj, std::string_view key, bool required, Parse parse, const std::string& expected)
    -> decltype(parse(std::string_view()))
{
    const std::string_view s = d.string(obj, key, required);
    if (s.empty())
        return std::nullopt;
    auto value = parse(s);
    if (!value)
    {
        Decoder::Scope sc(d, key);
        d.error("expected " + expected + ", got \"" + util::validUtf8(s, 40) + "\"");
    }
    return value;
}

}  // namespace

std::optional<DayNumber> Decoder::date(const Value& obj, std::string_view key, bool required)
{
    return parsedString(*this, obj, key, required, timeutil::parseDate, "a date like \"2026-11-04\"");
}

std::optional<int> Decoder::clock(const Value& obj, std::string_view key, bool required)
{
    return parsedString(*this, obj, key, required, timeutil::parseClock, "a time like \"15:00\"");
}

std::optional<DateTimeSpec> Decoder::dateTime(const Value& obj, std::string_view key, bool required, bool allowLocal)
{
    return parsedString(
        *this, obj, key, required, [allowLocal](std::string_view s) { return timeutil::parseDateTime(s, allowLocal); },
        std::string("a date and time like \"2026-11-28T15:00:00+01:00\"") +
            (allowLocal ? " (the zone may be left out for local time)" : ""));
}

}  // namespace mint::catalog::detail
