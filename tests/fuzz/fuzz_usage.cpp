// Fuzz target: a kiosk's usage counts as mint-catalog report reads them (the CSV of
// --export-stats, a JSON report, a server's log of reports), merged, then as CSV and SVG.
#include "publish/usage_merge.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    mint::publish::UsageMerge merge;
    std::string error;
    merge.add(bytes, "fuzz", error);
    (void)merge.csv();
    (void)merge.svg("fuzz");
    return 0;
}
