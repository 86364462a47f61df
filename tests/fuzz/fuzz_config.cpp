// Fuzz target: the kiosk configuration file (edited by hand on every stele).
#include "config/kiosk_config.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string error;
    (void)mint::config::parseConfig(std::string(reinterpret_cast<const char*>(data), size), "/nonexistent/fuzz/kiosk.json", error);
    return 0;
}
