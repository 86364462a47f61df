// Fuzz target: a calendar a coordinator imports (mint-catalog import x.ics): libical's
// parser, recurrence expansion with EXDATE/RDATE/moved instances, the feed it makes.
#include "catalog/feed_parser.hpp"
#include "publish/ical_import.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size > 64 * 1024)
        return 0;  // libical's own limits are not ours to fuzz
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    const auto result = mint::publish::importIcal("fuzz.ics", bytes, {});
    for (const auto& p : result.problems)
        (void)p.toJson().dump();
    if (!result.offers.empty())
        (void)mint::catalog::loadCatalog(mint::publish::feedDocument({result}, "", "2026-11-29T12:00:00Z").dump());
    return 0;
}
