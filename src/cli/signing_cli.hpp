// mint-catalog keygen, sign and verify: minisign keys and signatures for feeds and map
// packages (the formats are minisign's: Debian's `minisign` reads and writes them too).
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace mint::cli
{

/// Runs `args` when it is a signing command (keygen, sign, verify) and returns its exit
/// code (0 ok / good signature, 1 refused signature, 2 usage or I/O error); else nothing.
std::optional<int> runSigningCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

extern const char* const kSigningHelp;

}  // namespace mint::cli
