// mint-catalog build: a release folder from all sources, ready to copy to any web server:
// feed.json (plain and .gz, signed with the network's key), content-addressed pictures, a
// phone page and a calendar file per offer, an index page.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace mint::cli
{

/// Runs `args` when it is the build command; exit 0 release written (or, with --check,
/// would be), 1 the sources have errors (nothing written), 2 usage or I/O error.
std::optional<int> runBuildCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

extern const char* const kBuildHelp;

}  // namespace mint::cli
