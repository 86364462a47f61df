// Fuzz target: an OpenActive RPDE page (mint-catalog import URL): the page's JSON, its
// items' newest states, series joined with sessions, the feed it makes.
#include "catalog/feed_parser.hpp"
#include "publish/rpde_import.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string page(reinterpret_cast<const char*>(data), size);
    int calls = 0;
    const mint::publish::PageFetcher fetch = [&](const std::string&, std::string& body, std::string& error)
    {
        if (++calls > 3)
        {
            error = "end of the fuzz input";
            return false;
        }
        body = page;  // the same page again: next links that point back stay bounded
        return true;
    };
    const auto result = mint::publish::importRpde({"https://fuzz.example/feed"}, fetch, {});
    for (const auto& p : result.problems)
        (void)p.toJson().dump();
    if (!result.offers.empty())
        (void)mint::catalog::loadCatalog(mint::publish::feedDocument({result}, "", "2026-11-29T12:00:00Z").dump());
    return 0;
}
