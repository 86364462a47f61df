// Usage reports across kiosks; see usage_merge.hpp.
#include "usage_merge.hpp"

#include "csv_table.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>

namespace mint::publish
{

namespace
{

bool isDay(const std::string& s)
{
    if (s.size() != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

bool parseCount(const std::string& s, long& out)
{
    if (s.empty() || s.size() > 12)
        return false;
    long v = 0;
    for (char c : s)
    {
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

std::string xmlEscape(const std::string& s)
{
    std::string out;
    for (char c : s)
    {
        switch (c)
        {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string csvField(const std::string& s)
{
    if (s.find_first_of(",\"\n\r") == std::string::npos)
        return s;
    std::string out = "\"";
    for (char c : s)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace

void UsageMerge::merge(const std::string& kiosk, const std::string& day, const std::string& metric, long count)
{
    UsageCounts& c = m_days[{kiosk, day}];
    // The same day from several files: its highest figure (never a sum of copies).
    if (metric == "sessions")
        c.sessions = std::max(c.sessions, count);
    else if (metric == "detail_views")
        c.detailViews = std::max(c.detailViews, count);
    else if (metric == "qr_shown")
        c.qrShown = std::max(c.qrShown, count);
    else if (metric == "nothing_found")
        c.nothingFound = std::max(c.nothingFound, count);
}

bool UsageMerge::add(const std::string& text, const std::string& fallbackKiosk, std::string& error)
{
    std::size_t start = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (start == std::string::npos)
    {
        error = "the file is empty";
        return false;
    }
    return text[start] == '{' ? addJson(text, fallbackKiosk, error) : addCsv(text, fallbackKiosk, error);
}

bool UsageMerge::addCsv(const std::string& text, const std::string& fallbackKiosk, std::string& error)
{
    const CsvTable table = readCsv(text);
    if (!table.error.empty())
    {
        error = table.error;
        return false;
    }
    const int kiosk = table.column("kiosk"), date = table.column("date"), metric = table.column("metric"), count = table.column("count");
    if (date < 0 || metric < 0 || count < 0)
    {
        error = "expected the columns date,metric,detail,count (mint-kiosk --export-stats)";
        return false;
    }
    // Per day, the nothing_found lines (one per filter combination) add up first.
    std::map<std::pair<std::string, std::string>, long> nothing;
    for (std::size_t r = 0; r < table.rows.size(); ++r)
    {
        const auto& row = table.rows[r].cells;
        auto cell = [&](int i) { return i >= 0 && static_cast<std::size_t>(i) < row.size() ? row[i] : std::string(); };
        const std::string line = "line " + std::to_string(table.rows[r].line);
        const std::string name = kiosk >= 0 && !cell(kiosk).empty() ? cell(kiosk) : fallbackKiosk;
        long n = 0;
        if (!isDay(cell(date)))
        {
            error = line + ": date must be YYYY-MM-DD, got \"" + cell(date) + "\"";
            return false;
        }
        if (!parseCount(cell(count), n))
        {
            error = line + ": count must be a whole number, got \"" + cell(count) + "\"";
            return false;
        }
        if (cell(metric) == "nothing_found")
            nothing[{name, cell(date)}] += n;
        else
            merge(name, cell(date), cell(metric), n);
    }
    for (const auto& [key, n] : nothing)
        merge(key.first, key.second, "nothing_found", n);
    return true;
}

bool UsageMerge::addJson(const std::string& text, const std::string& fallbackKiosk, std::string& error)
{
    // One document, or one per line (a receiving server appending each POST).
    std::vector<std::string> docs;
    const auto whole = nlohmann::json::parse(text, nullptr, false);
    if (!whole.is_discarded())
        docs.push_back(text);
    else
    {
        std::istringstream in(text);
        for (std::string line; std::getline(in, line);)
            if (line.find_first_not_of(" \t\r") != std::string::npos)
                docs.push_back(line);
    }
    int lineNo = 0;
    for (const std::string& d : docs)
    {
        ++lineNo;
        const std::string where = docs.size() > 1 ? "line " + std::to_string(lineNo) + ": " : "";
        const auto j = nlohmann::json::parse(d, nullptr, false);
        if (!j.is_object() || !j.contains("days") || !j["days"].is_array())
        {
            error = where + "expected a usage report {\"kiosk\": ..., \"days\": [...]}";
            return false;
        }
        const std::string kiosk = j.contains("kiosk") && j["kiosk"].is_string() && !j["kiosk"].get<std::string>().empty()
                                      ? j["kiosk"].get<std::string>()
                                      : fallbackKiosk;
        for (const auto& day : j["days"])
        {
            if (!day.is_object() || !day.contains("date") || !day["date"].is_string() || !isDay(day["date"].get<std::string>()))
            {
                error = where + "every day needs \"date\": \"YYYY-MM-DD\"";
                return false;
            }
            const std::string date = day["date"].get<std::string>();
            for (const char* metric : {"sessions", "detail_views", "qr_shown", "nothing_found"})
            {
                if (!day.contains(metric))
                    continue;
                const auto& v = day[metric];
                if (!v.is_number_unsigned() || v.get<std::uint64_t>() > 1000000000ULL)
                {
                    error = where + date + ": " + metric + " must be a whole number";
                    return false;
                }
                merge(kiosk, date, metric, static_cast<long>(v.get<std::uint64_t>()));
            }
        }
    }
    return true;
}

std::map<std::string, std::map<std::string, UsageCounts>> UsageMerge::monthly() const
{
    std::map<std::string, std::map<std::string, UsageCounts>> out;
    for (const auto& [key, c] : m_days)
    {
        UsageCounts& m = out[key.second.substr(0, 7)][key.first];
        m.sessions += c.sessions;
        m.detailViews += c.detailViews;
        m.qrShown += c.qrShown;
        m.nothingFound += c.nothingFound;
    }
    return out;
}

std::size_t UsageMerge::kiosks() const
{
    std::set<std::string> names;
    for (const auto& [key, c] : m_days)
        names.insert(key.first);
    return names.size();
}

std::string UsageMerge::csv() const
{
    std::string out = "month,kiosk,sessions,detail_views,qr_shown,nothing_found\n";
    auto row = [&](const std::string& month, const std::string& kiosk, const UsageCounts& c)
    {
        out += month + "," + csvField(kiosk) + "," + std::to_string(c.sessions) + "," + std::to_string(c.detailViews) + "," +
               std::to_string(c.qrShown) + "," + std::to_string(c.nothingFound) + "\n";
    };
    for (const auto& [month, kiosks] : monthly())
    {
        UsageCounts total;
        for (const auto& [kiosk, c] : kiosks)
        {
            row(month, kiosk, c);
            total.sessions += c.sessions;
            total.detailViews += c.detailViews;
            total.qrShown += c.qrShown;
            total.nothingFound += c.nothingFound;
        }
        row(month, "total", total);
    }
    return out;
}

std::string UsageMerge::svg(const std::string& title) const
{
    const auto months = monthly();
    std::vector<std::string> kiosks;
    {
        std::set<std::string> names;
        for (const auto& [key, c] : m_days)
            names.insert(key.first);
        kiosks.assign(names.begin(), names.end());
    }
    // Colours that stay apart for the colour-blind (Okabe–Ito), repeated past eight kiosks.
    static const char* const colours[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"};
    long maxTotal = 1;
    for (const auto& [month, ks] : months)
    {
        long t = 0;
        for (const auto& [k, c] : ks)
            t += c.sessions;
        maxTotal = std::max(maxTotal, t);
    }
    const int barW = 48, gap = 24, left = 70, top = 60, plotH = 300;
    const int legendW = 220;
    const int width = left + static_cast<int>(std::max<std::size_t>(months.size(), 1)) * (barW + gap) + gap + legendW;
    const int height = top + plotH + 70;
    std::ostringstream s;
    s << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height << "\" viewBox=\"0 0 " << width << " "
      << height << "\" font-family=\"sans-serif\" font-size=\"13\">\n";
    s << "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
    s << "<text x=\"" << left << "\" y=\"28\" font-size=\"18\" font-weight=\"bold\">" << xmlEscape(title) << "</text>\n";
    // The axis: 0 and the largest month.
    s << "<line x1=\"" << left << "\" y1=\"" << top + plotH << "\" x2=\"" << width - legendW << "\" y2=\"" << top + plotH
      << "\" stroke=\"#333\"/>\n";
    s << "<text x=\"" << left - 8 << "\" y=\"" << top + plotH + 4 << "\" text-anchor=\"end\">0</text>\n";
    s << "<text x=\"" << left - 8 << "\" y=\"" << top + 4 << "\" text-anchor=\"end\">" << maxTotal << "</text>\n";
    int x = left + gap;
    for (const auto& [month, ks] : months)
    {
        double y = top + plotH;
        long total = 0;
        for (std::size_t k = 0; k < kiosks.size(); ++k)
        {
            const auto it = ks.find(kiosks[k]);
            if (it == ks.end() || it->second.sessions == 0)
                continue;
            const double h = static_cast<double>(it->second.sessions) * plotH / static_cast<double>(maxTotal);
            y -= h;
            total += it->second.sessions;
            char buf[256];
            std::snprintf(buf, sizeof buf, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"><title>", x, y, barW, h,
                          colours[k % 8]);
            s << buf << xmlEscape(kiosks[k]) << " " << month << ": " << it->second.sessions << "</title></rect>\n";
        }
        s << "<text x=\"" << x + barW / 2 << "\" y=\"" << static_cast<int>(y) - 6 << "\" text-anchor=\"middle\">" << total << "</text>\n";
        s << "<text x=\"" << x + barW / 2 << "\" y=\"" << top + plotH + 20 << "\" text-anchor=\"middle\">" << month << "</text>\n";
        x += barW + gap;
    }
    // The legend: one line per kiosk.
    int ly = top;
    const int lx = width - legendW + 10;
    s << "<text x=\"" << lx << "\" y=\"" << ly - 12 << "\" font-weight=\"bold\">Besuche / sessions</text>\n";
    for (std::size_t k = 0; k < kiosks.size(); ++k)
    {
        s << "<rect x=\"" << lx << "\" y=\"" << ly << "\" width=\"14\" height=\"14\" fill=\"" << colours[k % 8] << "\"/>";
        s << "<text x=\"" << lx + 20 << "\" y=\"" << ly + 12 << "\">" << xmlEscape(kiosks[k]) << "</text>\n";
        ly += 22;
    }
    s << "</svg>\n";
    return s.str();
}

}  // namespace mint::publish
