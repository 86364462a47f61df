// mint-catalog import: offers from the files coordinators already have (spreadsheets as
// CSV so far) into one feed v1, with every problem named by file, line and column.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace mint::cli
{

/// Runs `args` when it is the import command and returns its exit code (0 every row
/// imported, 1 feed written but rows left out or the feed has errors, 2 usage or I/O error,
/// nothing importable); else nothing.
std::optional<int> runImportCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

extern const char* const kImportHelp;

}  // namespace mint::cli
