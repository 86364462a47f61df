// CSV with libcsv; see csv_table.hpp.
#include "csv_table.hpp"

#include <csv.h>

#include <algorithm>
#include <cctype>

namespace mint::publish
{

namespace
{

std::string trimmed(std::string_view s)
{
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(first, last - first + 1));
}

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/// The separator the header line uses more often, counted outside quotes.
char detectSeparator(std::string_view text)
{
    std::size_t semicolons = 0, commas = 0, tabs = 0;
    bool quoted = false;
    for (const char c : text)
    {
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted && c == ';')
            ++semicolons;
        else if (!quoted && c == ',')
            ++commas;
        else if (!quoted && c == '\t')
            ++tabs;
    }
    if (tabs > semicolons && tabs > commas)
        return '\t';
    return commas > semicolons ? ',' : ';';
}

struct Reader
{
    CsvTable& table;
    std::vector<std::string> cells;
    std::size_t chunkLine = 1;  ///< the line being fed to libcsv
    std::size_t rowLine = 0;    ///< where the current row started
    bool haveHeader = false;

    static void onField(void* data, std::size_t size, void* self)
    {
        auto& r = *static_cast<Reader*>(self);
        std::string cell(data ? static_cast<const char*>(data) : "", data ? size : 0);
        if (r.cells.empty())
            r.rowLine = r.chunkLine - static_cast<std::size_t>(std::count(cell.begin(), cell.end(), '\n'));
        r.cells.push_back(std::move(cell));
    }

    static void onRow(int, void* self)
    {
        auto& r = *static_cast<Reader*>(self);
        const bool blank = std::all_of(r.cells.begin(), r.cells.end(), [](const std::string& c) { return trimmed(c).empty(); });
        if (!r.haveHeader)
        {
            if (!blank)
            {
                for (const auto& c : r.cells)
                    r.table.header.push_back(trimmed(c));
                r.haveHeader = true;
            }
        }
        else if (!blank)
            r.table.rows.push_back({r.rowLine, std::move(r.cells)});
        r.cells.clear();
    }
};

}  // namespace

int CsvTable::column(std::string_view name) const
{
    const std::string wanted = lower(trimmed(name));
    for (std::size_t i = 0; i < header.size(); ++i)
        if (lower(header[i]) == wanted)
            return static_cast<int>(i);
    return -1;
}

CsvTable readCsv(std::string_view text)
{
    CsvTable table;
    table.separator = detectSeparator(text);
    csv_parser parser;
    if (csv_init(&parser, CSV_APPEND_NULL) != 0)
    {
        table.error = "CSV-Leser konnte nicht starten";
        return table;
    }
    csv_set_delim(&parser, static_cast<unsigned char>(table.separator));
    Reader reader{table, {}, 1, 0, false};
    // Line by line, so each row knows where it starts.
    std::size_t at = 0;
    while (at < text.size())
    {
        std::size_t end = text.find('\n', at);
        end = end == std::string_view::npos ? text.size() : end + 1;
        if (csv_parse(&parser, text.data() + at, end - at, Reader::onField, Reader::onRow, &reader) != end - at)
        {
            table.error = std::string("Zeile ") + std::to_string(reader.chunkLine) + ": " + csv_strerror(csv_error(&parser));
            break;
        }
        at = end;
        ++reader.chunkLine;
    }
    --reader.chunkLine;  // the last field ends on the last line fed
    csv_fini(&parser, Reader::onField, Reader::onRow, &reader);
    csv_free(&parser);
    if (table.error.empty() && table.header.empty())
        table.error = "die Datei hat keine Kopfzeile (sie ist leer)";
    return table;
}

}  // namespace mint::publish
