// Writing pictures: PNG for screenshots, benchmarks and tests, JPEG for tests. One
// translation unit holds stb_image_write (static, like the decoder in image_decode.cpp).
#pragma once

#include <cstdint>
#include <string>

namespace mint::media
{

/// PNG bytes of `channels`-channel 8-bit pixels (rows top to bottom).
std::string encodePng(const std::uint8_t* pixels, int width, int height, int channels);
/// JPEG bytes (quality 1-100) of 3-channel pixels.
std::string encodeJpeg(const std::uint8_t* pixels, int width, int height, int quality = 85);
/// Writes a PNG file; `bottomUp` for OpenGL's row order. False with `error`.
bool writePng(const std::string& path, const std::uint8_t* pixels, int width, int height, int channels, bool bottomUp, std::string& error);

}  // namespace mint::media
