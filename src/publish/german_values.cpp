// German spreadsheet values; see german_values.hpp.
#include "german_values.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace mint::publish
{

std::string trim(std::string_view s)
{
    // Also no-break spaces (U+00A0), which Excel likes to leave in cells.
    auto isSpace = [](std::string_view t, std::size_t i) -> std::size_t
    {
        const auto c = static_cast<unsigned char>(t[i]);
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            return 1;
        if (c == 0xC2 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0xA0)
            return 2;
        return 0;
    };
    std::size_t b = 0;
    while (b < s.size())
    {
        const std::size_t n = isSpace(s, b);
        if (!n)
            break;
        b += n;
    }
    std::size_t e = s.size();
    while (e > b)
    {
        if (isSpace(s, e - 1) == 1)
            --e;
        else if (e >= b + 2 && static_cast<unsigned char>(s[e - 2]) == 0xC2 && static_cast<unsigned char>(s[e - 1]) == 0xA0)
            e -= 2;
        else
            break;
    }
    return std::string(s.substr(b, e - b));
}

namespace
{

std::string lower(std::string_view s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i)
    {
        const auto c = static_cast<unsigned char>(s[i]);
        // Ä Ö Ü (C3 84 / 96 / 9C) -> ä ö ü (C3 A4 / B6 / BC)
        if (c == 0xC3 && i + 1 < s.size() && (s[i + 1] == '\x84' || s[i + 1] == '\x96' || s[i + 1] == '\x9C'))
        {
            out += s[i];
            out += static_cast<char>(static_cast<unsigned char>(s[i + 1]) + 0x20);
            ++i;
            continue;
        }
        out += static_cast<char>(std::tolower(c));
    }
    return out;
}

/// Whole number made of digits only.
std::optional<int> number(std::string_view s)
{
    if (s.empty() || s.size() > 6 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return std::atoi(std::string(s).c_str());
}

bool validDate(int y, int m, int d)
{
    static const std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
        return false;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[static_cast<std::size_t>(m - 1)] + (m == 2 && leap ? 1 : 0);
}

std::vector<std::string> splitOn(std::string_view s, std::string_view separators)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i)
        if (i == s.size() || separators.find(s[i]) != std::string_view::npos)
        {
            parts.push_back(trim(s.substr(start, i - start)));
            start = i + 1;
        }
    return parts;
}

/// Replaces the dashes people type between numbers (– — ‐) with '-'.
std::string plainDashes(std::string_view s)
{
    std::string out(s);
    for (const char* dash : {"\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\x90", "\xE2\x88\x92"})
        for (std::size_t at; (at = out.find(dash)) != std::string::npos;)
            out.replace(at, 3, "-");
    return out;
}

}  // namespace

std::string CalendarDate::iso() const
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

CalendarDate CalendarDate::nextDay() const
{
    if (validDate(year, month, day + 1))
        return {year, month, day + 1};
    if (month < 12)
        return {year, month + 1, 1};
    return {year + 1, 1, 1};
}

std::optional<CalendarDate> parseGermanDate(std::string_view text)
{
    const std::string s = trim(text);
    std::vector<std::string> parts;
    CalendarDate d;
    if (s.find('-') != std::string::npos)
    {
        parts = splitOn(s, "-");
        if (parts.size() != 3 || parts[0].size() != 4)
            return std::nullopt;
        auto y = number(parts[0]), m = number(parts[1]), day = number(parts[2]);
        if (!y || !m || !day)
            return std::nullopt;
        d = {*y, *m, *day};
    }
    else
    {
        parts = splitOn(s, ".");
        if (parts.size() == 4 && parts[3].empty())
            parts.pop_back();  // "31.12.2026." happens
        if (parts.size() != 3)
            return std::nullopt;
        auto day = number(parts[0]), m = number(parts[1]), y = number(parts[2]);
        if (!y || !m || !day || parts[0].size() > 2 || parts[1].size() > 2)
            return std::nullopt;
        int year = *y;
        if (parts[2].size() == 2)
            year += 2000;  // "31.12.26"
        else if (parts[2].size() != 4)
            return std::nullopt;
        d = {year, *m, *day};
    }
    if (!validDate(d.year, d.month, d.day))
        return std::nullopt;
    return d;
}

std::optional<int> parseGermanTime(std::string_view text)
{
    std::string s = lower(trim(text));
    for (const char* suffix : {" uhr", "uhr", " h", "h"})
        if (s.size() > std::string_view(suffix).size() &&
            s.compare(s.size() - std::string_view(suffix).size(), std::string::npos, suffix) == 0)
        {
            s = trim(s.substr(0, s.size() - std::string_view(suffix).size()));
            break;
        }
    const std::size_t sep = s.find_first_of(":.");
    std::optional<int> h, m = 0;
    if (sep == std::string::npos)
        h = number(s);
    else
    {
        h = number(s.substr(0, sep));
        m = s.size() - sep - 1 == 2 ? number(s.substr(sep + 1)) : std::nullopt;
    }
    if (!h || !m || *h > 24 || *m > 59 || (*h == 24 && *m != 0) || s.empty() || s.size() > 5)
        return std::nullopt;
    return *h * 60 + *m;
}

std::string formatTime(int minutes)
{
    minutes = std::clamp(minutes, 0, 24 * 60);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
    return buf;
}

std::optional<bool> parseYesNo(std::string_view text)
{
    const std::string s = lower(trim(text));
    for (const char* yes : {"ja", "j", "x", "yes", "y", "true", "wahr", "1"})
        if (s == yes)
            return true;
    for (const char* no : {"nein", "n", "no", "false", "falsch", "0", "-"})
        if (s == no)
            return false;
    return std::nullopt;
}

std::vector<std::string> splitList(std::string_view text)
{
    std::string s(text);
    for (std::size_t at; (at = s.find(" und ")) != std::string::npos;)
        s.replace(at, 5, ",");
    std::vector<std::string> out;
    for (auto& part : splitOn(s, ",;/|\n"))
        if (!part.empty())
            out.push_back(std::move(part));
    return out;
}

std::optional<AgeSpan> parseAgeSpan(std::string_view text)
{
    std::string s = lower(plainDashes(trim(text)));
    for (const char* suffix : {" jahre", " jahren", " j.", " j"})
        if (s.size() > std::string_view(suffix).size() &&
            s.compare(s.size() - std::string_view(suffix).size(), std::string::npos, suffix) == 0)
            s = trim(s.substr(0, s.size() - std::string_view(suffix).size()));
    AgeSpan a;
    auto age = [](std::string_view t) -> std::optional<int>
    {
        auto n = number(trim(t));
        return n && *n <= 120 ? n : std::nullopt;
    };
    if (s.rfind("ab ", 0) == 0)
        a.min = age(s.substr(3));
    else if (s.rfind("bis ", 0) == 0)
        a.max = age(s.substr(4));
    else if (s.size() > 1 && s.back() == '+')
        a.min = age(s.substr(0, s.size() - 1));
    else if (const auto dash = s.find('-'); dash != std::string::npos)
    {
        a.min = age(s.substr(0, dash));
        a.max = age(s.substr(dash + 1));
        if (!a.min || !a.max || *a.min > *a.max)
            return std::nullopt;
    }
    else
        a.min = a.max = age(s);
    if (!a.min && !a.max)
        return std::nullopt;
    return a;
}

std::optional<int> parseWeekday(std::string_view text)
{
    std::string s = lower(trim(text));
    if (!s.empty() && s.back() == '.')
        s.pop_back();
    static const std::array<std::array<const char*, 4>, 7> names = {{
        {"montag", "mo", "monday", "mon"},
        {"dienstag", "di", "tuesday", "tue"},
        {"mittwoch", "mi", "wednesday", "wed"},
        {"donnerstag", "do", "thursday", "thu"},
        {"freitag", "fr", "friday", "fri"},
        {"samstag", "sa", "saturday", "sat"},
        {"sonntag", "so", "sunday", "sun"},
    }};
    if (s.size() > 2 && s.back() == 's')
        s.pop_back();  // "mittwochs"
    for (std::size_t d = 0; d < names.size(); ++d)
        for (const char* n : names[d])
            if (s == n)
                return static_cast<int>(d);
    if (s == "sonnabend")
        return 5;
    return std::nullopt;
}

const char* weekdayCode(int day)
{
    static const char* const codes[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
    return day >= 0 && day < 7 ? codes[day] : "MO";
}

std::optional<double> parseDecimal(std::string_view text)
{
    std::string s = trim(text);
    std::replace(s.begin(), s.end(), ',', '.');
    if (s.empty() || s.size() > 32)
        return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (!end || *end != '\0' || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::optional<Price> parsePrice(std::string_view text)
{
    std::string s = lower(trim(text));
    for (const char* word : {"kostenlos", "kostenfrei", "gratis", "frei", "free", "umsonst", "eintritt frei"})
        if (s == word)
            return Price{true, {}};
    for (const char* strip : {"\xE2\x82\xAC", "eur", "euro"})
        for (std::size_t at; (at = s.find(strip)) != std::string::npos;)
            s.erase(at, std::string_view(strip).size());
    s = trim(s);
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ",-") == 0)
        s.resize(s.size() - 2);  // "5,-"
    auto v = parseDecimal(s);
    if (!v || *v < 0 || *v > 100000)
        return std::nullopt;
    if (*v == 0)
        return Price{true, {}};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", *v);
    return Price{false, buf};
}

std::string toKey(std::string_view text)
{
    const std::string s = lower(trim(text));
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i)
    {
        const auto c = static_cast<unsigned char>(s[i]);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out += static_cast<char>(c);
        else if (c == 0xC3 && i + 1 < s.size())
        {
            const auto n = static_cast<unsigned char>(s[++i]);
            out += n == 0xA4 ? "ae" : n == 0xB6 ? "oe" : n == 0xBC ? "ue" : n == 0x9F ? "ss" : "";
        }
        else if (!out.empty() && out.back() != '_')
            out += '_';
    }
    while (!out.empty() && out.back() == '_')
        out.pop_back();
    return out;
}

std::string slugOf(std::string_view text, std::size_t max)
{
    std::string s = toKey(text);
    std::replace(s.begin(), s.end(), '_', '-');
    if (s.size() > max)
    {
        const std::size_t dash = s.rfind('-', max);
        s.resize(dash != std::string::npos && dash > max / 2 ? dash : max);
    }
    while (!s.empty() && s.back() == '-')
        s.pop_back();
    return s;
}

}  // namespace mint::publish
