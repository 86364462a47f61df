// Fuzz target: a spreadsheet a coordinator imports (mint-catalog import): encoding
// detection, libcsv, every German value parser, the feed it makes (checked as a kiosk would).
#include "catalog/feed_parser.hpp"
#include "publish/csv_import.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    mint::publish::ImportMapping mapping;
    mapping.providerName = "Fuzz";
    const auto result = mint::publish::importCsv("fuzz.csv", bytes, mapping);
    for (const auto& p : result.problems)
        (void)p.toJson().dump();
    if (!result.offers.empty())
        (void)mint::catalog::loadCatalog(mint::publish::feedDocument({result}, "", "2026-11-29T12:00:00Z").dump());
    return 0;
}
