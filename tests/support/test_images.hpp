// Pictures made by tests (stb_image_write from libstb-dev): good PNG/JPEG, noise (large),
// damaged and lying headers.
#pragma once

#include <cstdint>
#include <string>

namespace mint::test
{

/// A w x h RGB picture with a gradient; PNG or JPEG bytes.
std::string makePng(int w, int h, std::uint32_t seed = 1, bool noise = false);
std::string makeJpeg(int w, int h);
/// A valid PNG whose IHDR claims other dimensions (the CRC no longer matches).
std::string pngClaiming(int claimedW, int claimedH);

}  // namespace mint::test
