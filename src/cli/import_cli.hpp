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

/// The sources of an import or build and their mapping files: a `--mapping FILE` applies
/// to the sources after it on the command line (and the first one also to any before it),
/// so each provider's file can have its own.
struct SourceArgs
{
    std::vector<std::string> sources;
    std::vector<int> mappingIndex;  ///< per source: index into mappings, -1 none
    std::vector<std::string> mappingPaths;
    std::vector<publish::ImportMapping> mappings;

    void addSource(const std::string& source);
    void addMapping(const std::string& path) { mappingPaths.push_back(path); }
    /// Reads the mapping files; false with "FILE: why" in `error`.
    bool loadMappings(std::string& error);
    const publish::ImportMapping& mappingFor(std::size_t source) const;
    /// The first licence a mapping gives.
    std::string license() const;
};

/// Imports every source (CSV, .ics, RPDE URLs or saved pages; format from the file) into
/// `parts`; false (with a message on `err`) when a file cannot be read.
bool importSources(const SourceArgs& args, std::vector<publish::ImportResult>& parts, std::ostream& err);

/// Now in UTC as RFC 3339 ("2026-11-29T12:00:00Z").
std::string utcNow();

}  // namespace mint::cli
