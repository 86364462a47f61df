// mint-catalog report: usage counts of many kiosks as one monthly table (CSV) and a chart
// (SVG) for funders; see publish/usage_merge.hpp and docs/operations.md.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace mint::cli
{

/// Runs `args` when it is the report command; exit 0 written, 1 a file could not be read as
/// usage counts (nothing written), 2 usage or I/O error.
std::optional<int> runReportCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

extern const char* const kReportHelp;

}  // namespace mint::cli
