// Entry point of the mint-catalog command-line tool.
#include "cli/catalog_cli.hpp"

#include <iostream>

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    return mint::cli::runCatalogCli(args, std::cout, std::cerr);
}
