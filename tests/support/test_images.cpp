// Test pictures; see test_images.hpp.
#include "test_images.hpp"

#include "media/image_encode.hpp"

#include <vector>

namespace mint::test
{

namespace
{

std::vector<unsigned char> pixels(int w, int h, std::uint32_t seed, bool noise)
{
    std::vector<unsigned char> p(static_cast<std::size_t>(w) * h * 3);
    std::uint32_t x = seed * 2654435761u + 1;
    for (int y = 0; y < h; ++y)
        for (int i = 0; i < w; ++i)
        {
            unsigned char* px = &p[(static_cast<std::size_t>(y) * w + i) * 3];
            if (noise)
            {
                for (int k = 0; k < 3; ++k)
                {
                    x = x * 1664525u + 1013904223u;
                    px[k] = static_cast<unsigned char>(x >> 24);
                }
            }
            else
            {
                px[0] = static_cast<unsigned char>(i * 255 / w);
                px[1] = static_cast<unsigned char>(y * 255 / h);
                px[2] = static_cast<unsigned char>(seed * 40);
            }
        }
    return p;
}

}  // namespace

std::string makePng(int w, int h, std::uint32_t seed, bool noise)
{
    const auto p = pixels(w, h, seed, noise);
    return media::encodePng(p.data(), w, h, 3);
}

std::string makeJpeg(int w, int h)
{
    const auto p = pixels(w, h, 3, false);
    return media::encodeJpeg(p.data(), w, h, 85);
}

std::string pngClaiming(int claimedW, int claimedH)
{
    std::string png = makePng(8, 8);
    // IHDR data starts at byte 16: width, height as big-endian 32-bit.
    for (int i = 0; i < 4; ++i)
    {
        png[16 + i] = static_cast<char>((static_cast<std::uint32_t>(claimedW) >> (24 - 8 * i)) & 0xFF);
        png[20 + i] = static_cast<char>((static_cast<std::uint32_t>(claimedH) >> (24 - 8 * i)) & 0xFF);
    }
    return png;
}

}  // namespace mint::test
