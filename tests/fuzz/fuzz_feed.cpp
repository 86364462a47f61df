// Fuzz target: a whole feed document (untrusted bytes from the network), then a query over
// what was accepted (the indexes are built from it).
#include "catalog/feed_parser.hpp"
#include "catalog/query.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    mint::catalog::FeedLimits limits;
    limits.maxOffers = 2000;
    auto r = mint::catalog::loadCatalog(std::string(reinterpret_cast<const char*>(data), size), limits);
    if (r.catalog)
    {
        mint::catalog::Query q;
        q.now = r.catalog->generatedAt;
        q.text = "robo";
        (void)mint::catalog::runQuery(*r.catalog, q);
    }
    return 0;
}
