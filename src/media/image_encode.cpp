// Picture writing; see image_encode.hpp.
#include "image_encode.hpp"

#include "util/fs_util.hpp"

#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO
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

namespace mint::media
{

namespace
{

void append(void* context, void* data, int size)
{
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

}  // namespace

std::string encodePng(const std::uint8_t* pixels, int width, int height, int channels)
{
    std::string out;
    stbi_write_png_to_func(append, &out, width, height, channels, pixels, width * channels);
    return out;
}

std::string encodeJpeg(const std::uint8_t* pixels, int width, int height, int quality)
{
    std::string out;
    stbi_write_jpg_to_func(append, &out, width, height, 3, pixels, quality);
    return out;
}

bool writePng(const std::string& path, const std::uint8_t* pixels, int width, int height, int channels, bool bottomUp, std::string& error)
{
    std::vector<std::uint8_t> flipped;
    const std::size_t row = static_cast<std::size_t>(width) * static_cast<std::size_t>(channels);
    if (bottomUp)
    {
        flipped.resize(row * static_cast<std::size_t>(height));
        for (int y = 0; y < height; ++y)
            std::copy(pixels + row * static_cast<std::size_t>(height - 1 - y), pixels + row * static_cast<std::size_t>(height - y),
                      flipped.begin() + static_cast<std::ptrdiff_t>(row * static_cast<std::size_t>(y)));
        pixels = flipped.data();
    }
    const std::string png = encodePng(pixels, width, height, channels);
    if (png.empty())
    {
        error = "cannot encode " + path;
        return false;
    }
    return util::writeFileAtomic(path, png, error, false);
}

}  // namespace mint::media
