// Fuzz target: pictures and map tiles (PNG, JPEG) from feeds, tile servers and packages:
// the header checks, then the decode within the limits.
#include "media/image_decode.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto info = mint::media::probeImage(bytes, 1024, 1024 * 1024);
    (void)info;
    (void)mint::media::decodeImage(bytes, 1024, 1024 * 1024);
    return 0;
}
