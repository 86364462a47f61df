// stb_image with PNG and JPEG only; see image_decode.hpp.
#include "image_decode.hpp"

#define STB_IMAGE_STATIC
#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STBI_NO_STDIO
#define STBI_NO_HDR
#define STBI_NO_LINEAR
#define STBI_MAX_DIMENSIONS 16384
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#endif
#include <stb_image.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

#include <algorithm>
#include <cstring>

namespace mint::media {

const char* imageTypeName(ImageType type)
{
    switch (type)
    {
    case ImageType::Png: return "png";
    case ImageType::Jpeg: return "jpeg";
    case ImageType::Unknown: break;
    }
    return "unknown";
}

ImageType sniffImageType(std::string_view b)
{
    if (b.size() >= 8 && std::memcmp(b.data(), "\x89PNG\r\n\x1a\n", 8) == 0)
        return ImageType::Png;
    if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8 &&
        static_cast<unsigned char>(b[2]) == 0xFF)
        return ImageType::Jpeg;
    return ImageType::Unknown;
}

ImageInfo probeImage(std::string_view bytes, int maxDimension)
{
    ImageInfo info;
    info.type = sniffImageType(bytes);
    if (info.type == ImageType::Unknown)
    {
        info.error = "not a PNG or JPEG picture";
        return info;
    }
    // PNG states its size in IHDR: check it before stb sees it, for a precise message.
    if (info.type == ImageType::Png && bytes.size() >= 24 && bytes.substr(12, 4) == "IHDR")
    {
        auto be32 = [&](std::size_t at) {
            std::uint32_t v = 0;
            for (std::size_t i = 0; i < 4; ++i)
                v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
            return v;
        };
        const std::uint32_t pw = be32(16), ph = be32(20);
        if (pw > static_cast<std::uint32_t>(maxDimension) || ph > static_cast<std::uint32_t>(maxDimension))
        {
            info.width = static_cast<int>(std::min<std::uint32_t>(pw, INT32_MAX));
            info.height = static_cast<int>(std::min<std::uint32_t>(ph, INT32_MAX));
            info.error = "picture is " + std::to_string(pw) + "x" + std::to_string(ph) +
                         " pixels, more than the limit of " + std::to_string(maxDimension);
            return info;
        }
    }
    int w = 0, h = 0, comp = 0;
    if (bytes.size() > static_cast<std::size_t>(INT32_MAX) ||
        !stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), static_cast<int>(bytes.size()), &w, &h, &comp))
    {
        info.error = std::string("damaged ") + imageTypeName(info.type) + " header";
        return info;
    }
    info.width = w;
    info.height = h;
    if (w <= 0 || h <= 0 || w > maxDimension || h > maxDimension)
    {
        info.error = "picture is " + std::to_string(w) + "x" + std::to_string(h) + " pixels, more than the limit of " +
                     std::to_string(maxDimension);
        return info;
    }
    info.ok = true;
    return info;
}

DecodedImage decodeImage(std::string_view bytes, int maxDimension)
{
    DecodedImage out;
    const ImageInfo info = probeImage(bytes, maxDimension);
    if (!info.ok)
    {
        out.error = info.error;
        return out;
    }
    int w = 0, h = 0, comp = 0;
    stbi_uc* pixels =
        stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), static_cast<int>(bytes.size()), &w, &h, &comp, 4);
    if (!pixels)
    {
        out.error = std::string("damaged ") + imageTypeName(info.type) + ": " + stbi_failure_reason();
        return out;
    }
    out.width = w;
    out.height = h;
    out.rgba.assign(pixels, pixels + static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
    stbi_image_free(pixels);
    return out;
}

}  // namespace mint::media
