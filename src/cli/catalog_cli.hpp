// mint-catalog: validate, stats and query for catalogue feeds (see --help).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace mint::cli
{

/// Exit codes, a contract for scripts: 0 ok/valid, 1 invalid feed, 2 usage or I/O error.
enum ExitCode
{
    kExitOk = 0,
    kExitInvalid = 1,
    kExitUsage = 2,
};

int runCatalogCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace mint::cli
