// Fuzz target: one offer inside a valid envelope (the bytes are the offer object), so the
// fuzzer spends its time on the offer rules, schedules and references.
#include "catalog/feed_parser.hpp"
#include "catalog/query.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string feed = R"({"format": "mint-catalog", "version": 1, "sequence": 1, "generated_at": "2026-11-24T06:00:00+01:00",
      "providers": [{"id": "p", "name": "P"}], "places": [{"id": "pl", "name": "Ort", "geo": {"lat": 49.2, "lon": 7.0}}],
      "offers": [)";
    feed.append(reinterpret_cast<const char*>(data), size);
    feed += "]}";
    auto r = mint::catalog::loadCatalog(std::move(feed), {});
    if (r.catalog)
    {
        mint::catalog::Query q;
        q.now = r.catalog->generatedAt;
        (void)mint::catalog::runQuery(*r.catalog, q);
    }
    return 0;
}
