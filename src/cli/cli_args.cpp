// mint-catalog command-line parsing; see cli_args.hpp.
#include "cli_args.hpp"

#include <charconv>
#include <cmath>

namespace mint::cli
{

namespace
{

bool toInt(const std::string& s, long long min, long long max, long long& out)
{
    auto res = std::from_chars(s.data(), s.data() + s.size(), out);
    return res.ec == std::errc() && res.ptr == s.data() + s.size() && out >= min && out <= max;
}

bool toDouble(const std::string& s, double& out)
{
    auto res = std::from_chars(s.data(), s.data() + s.size(), out);
    return res.ec == std::errc() && res.ptr == s.data() + s.size() && std::isfinite(out);
}

std::vector<std::string> splitComma(const std::string& s)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= s.size())
    {
        std::size_t comma = s.find(',', start);
        if (comma == std::string::npos)
            comma = s.size();
        if (comma > start)
            out.push_back(s.substr(start, comma - start));
        start = comma + 1;
    }
    return out;
}

}  // namespace

bool optionValue(const std::vector<std::string>& args, std::size_t& i, std::string& value, std::string& error)
{
    if (i + 1 >= args.size())
    {
        error = args[i] + " needs a value";
        return false;
    }
    value = args[++i];
    return true;
}

std::optional<Arguments> parseArguments(const std::vector<std::string>& args, std::string& error)
{
    Arguments out;
    if (args.empty())
    {
        error = "missing command (validate, stats or query; see --help)";
        return std::nullopt;
    }
    if (args[0] == "--help" || args[0] == "-h" || args[0] == "help")
    {
        out.command = "help";
        return out;
    }
    if (args[0] == "--version")
    {
        out.command = "version";
        return out;
    }
    out.command = args[0];
    if (out.command != "validate" && out.command != "stats" && out.command != "query")
    {
        error = "unknown command '" + out.command + "' (validate, stats or query; see --help)";
        return std::nullopt;
    }
    QueryOptions& q = out.query;
    const bool isQuery = out.command == "query";
    for (std::size_t i = 1; i < args.size(); ++i)
    {
        const std::string& a = args[i];
        auto value = [&](std::string& v) { return optionValue(args, i, v, error); };
        auto queryOnly = [&]()
        {
            if (!isQuery)
                error = a + " is only for the query command";
            return isQuery;
        };
        std::string v;
        long long n = 0;
        if (a == "--help" || a == "-h")
        {
            out.command = "help";
            return out;
        }
        else if (a == "--json")
            out.json = true;
        else if (a == "--max-offers" || a == "--max-bytes")
        {
            if (!value(v) || !toInt(v, 1, (1LL << 40), n))
            {
                if (error.empty())
                    error = a + " expects a positive whole number, got '" + v + "'";
                return std::nullopt;
            }
            (a == "--max-offers" ? out.maxOffers : out.maxBytes) = static_cast<std::size_t>(n);
        }
        else if (a.rfind("--", 0) == 0 && !queryOnly())
            return std::nullopt;
        else if (a == "--audience" || a == "--subject")
        {
            if (!value(v))
                return std::nullopt;
            for (auto& part : splitComma(v))
            {
                if (a == "--audience" && !catalog::parseAudience(part))
                {
                    error = "unknown audience '" + part +
                            "' (children, youth, parents, families, school_classes, teachers, companies, general_public)";
                    return std::nullopt;
                }
                (a == "--audience" ? q.audiences : q.subjects).push_back(part);
            }
        }
        else if (a == "--age" || a == "--grade")
        {
            if (!value(v) || !toInt(v, 0, 130, n))
            {
                if (error.empty())
                    error = a + " expects a whole number, got '" + v + "'";
                return std::nullopt;
            }
            (a == "--age" ? q.age : q.grade) = static_cast<int>(n);
        }
        else if (a == "--free")
            q.freeOnly = true;
        else if (a == "--include-past")
            q.includePast = true;
        else if (a == "--include-cancelled")
            q.includeCancelled = true;
        else if (a == "--mode")
        {
            if (!value(v))
                return std::nullopt;
            if (!catalog::parseAttendanceMode(v))
            {
                error = "--mode expects offline, online or mixed, got '" + v + "'";
                return std::nullopt;
            }
            q.mode = v;
        }
        else if (a == "--near")
        {
            if (!value(v))
                return std::nullopt;
            auto parts = splitComma(v);
            double lat = 0, lon = 0;
            if (parts.size() != 2 || !toDouble(parts[0], lat) || !toDouble(parts[1], lon) || std::fabs(lat) > 90 || std::fabs(lon) > 180)
            {
                error = "--near expects LAT,LON in degrees, e.g. 49.2354,6.9969, got '" + v + "'";
                return std::nullopt;
            }
            q.near = catalog::GeoPoint{lat, lon};
        }
        else if (a == "--radius-km")
        {
            double r = 0;
            if (!value(v) || !toDouble(v, r) || r <= 0)
            {
                if (error.empty())
                    error = "--radius-km expects a positive number, got '" + v + "'";
                return std::nullopt;
            }
            q.radiusKm = r;
        }
        else if (a == "--from" || a == "--to" || a == "--at" || a == "--when" || a == "--text" || a == "--lang")
        {
            if (!value(v))
                return std::nullopt;
            if (a == "--from")
                q.from = v;
            else if (a == "--to")
                q.to = v;
            else if (a == "--at")
                q.at = v;
            else if (a == "--text")
                q.text = v;
            else if (a == "--lang")
                q.lang = v;
            else
            {
                if (v != "today" && v != "tomorrow" && v != "weekend" && v != "week")
                {
                    error = "--when expects today, tomorrow, weekend or week, got '" + v + "'";
                    return std::nullopt;
                }
                q.when = v;
            }
        }
        else if (a == "--sort")
        {
            if (!value(v))
                return std::nullopt;
            if (v != "next" && v != "distance" && v != "title")
            {
                error = "--sort expects next, distance or title, got '" + v + "'";
                return std::nullopt;
            }
            q.sort = v;
        }
        else if (a == "--limit")
        {
            if (!value(v) || !toInt(v, 1, 100000000, n))
            {
                if (error.empty())
                    error = "--limit expects a positive whole number, got '" + v + "'";
                return std::nullopt;
            }
            q.limit = static_cast<std::size_t>(n);
        }
        else if (a.rfind("--", 0) == 0)
        {
            error = "unknown option " + a + " (see --help)";
            return std::nullopt;
        }
        else if (out.feed.empty())
            out.feed = a;
        else
        {
            error = "unexpected argument '" + a + "' (one FEED only)";
            return std::nullopt;
        }
    }
    if (out.feed.empty())
    {
        error = out.command + " needs a FEED file";
        return std::nullopt;
    }
    if (q.radiusKm && !q.near)
    {
        error = "--radius-km needs --near LAT,LON";
        return std::nullopt;
    }
    if ((q.from || q.to) && q.when)
    {
        error = "--when cannot be combined with --from/--to";
        return std::nullopt;
    }
    return out;
}

}  // namespace mint::cli
