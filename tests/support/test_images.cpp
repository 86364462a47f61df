// Test pictures; see test_images.hpp.
#include "test_images.hpp"

#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#endif
#include <stb_image_write.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

#include <vector>

namespace mint::test {

namespace {

void append(void* context, void* data, int size)
{
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

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
    std::string out;
    const auto p = pixels(w, h, seed, noise);
    stbi_write_png_to_func(append, &out, w, h, 3, p.data(), w * 3);
    return out;
}

std::string makeJpeg(int w, int h)
{
    std::string out;
    const auto p = pixels(w, h, 3, false);
    stbi_write_jpg_to_func(append, &out, w, h, 3, p.data(), 85);
    return out;
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
