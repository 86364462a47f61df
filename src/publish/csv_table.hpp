// A spreadsheet exported as CSV, read with libcsv (libcsv-dev): `;` or `,` (whichever the
// header line uses more), quoted fields with separators, quotes and line breaks, CRLF or
// LF. Every row keeps the line it starts on, for messages a coordinator can act on.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mint::publish
{

struct CsvRow
{
    std::size_t line = 0;  ///< 1-based line of the file where the row starts
    std::vector<std::string> cells;
};

struct CsvTable
{
    char separator = ';';
    std::vector<std::string> header;  ///< trimmed column names
    std::vector<CsvRow> rows;         ///< rows after the header; blank rows are left out
    std::string error;                ///< set when the file cannot be read as CSV at all

    /// The column's index by name (case and spaces around it ignored), or -1.
    int column(std::string_view name) const;
};

/// Reads UTF-8 CSV text (see text_encoding.hpp for other encodings).
CsvTable readCsv(std::string_view utf8);

}  // namespace mint::publish
