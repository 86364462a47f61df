// mint-catalog import: offers from the files coordinators already have (spreadsheets as
// CSV so far) into one feed v1, with every problem named by file, line and column.
#pragma once

#include "publish/import_model.hpp"
#include "publish/rpde_import.hpp"

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace mint::net
{
class HttpClient;
}

namespace mint::cli
{

/// Runs `args` when it is the import command and returns its exit code (0 every row
/// imported, 1 feed written but rows left out or the feed has errors, 2 usage or I/O error,
/// nothing importable); else nothing.
std::optional<int> runImportCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

extern const char* const kImportHelp;

/// Fetches pages and pictures: http(s) URLs with `http`, anything else as a file.
publish::PageFetcher pageFetcher(mint::net::HttpClient& http);

/// Imports every source (CSV, .ics, RPDE URLs or saved pages; format from the file) into
/// `parts`; false (with a message on `err`) when a file cannot be read.
bool importSources(const std::vector<std::string>& sources, const publish::ImportMapping& mapping,
                   std::vector<publish::ImportResult>& parts, std::ostream& err);

/// Now in UTC as RFC 3339 ("2026-11-29T12:00:00Z").
std::string utcNow();

}  // namespace mint::cli
