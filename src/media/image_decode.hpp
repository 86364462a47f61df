// Image checks and decoding for cached pictures: PNG and JPEG only, dimensions checked
// from the header before any pixel is decoded. stb_image is compiled in image_decode.cpp
// with only those two decoders (Debian's libstb is an older upstream whose other decoders
// carry open CVEs) and static linkage, so no other copy can be picked up.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mint::media {

enum class ImageType { Unknown, Png, Jpeg };
const char* imageTypeName(ImageType type);

/// The type by magic bytes (not by what a server claims).
ImageType sniffImageType(std::string_view bytes);

struct ImageInfo
{
    bool ok = false;
    ImageType type = ImageType::Unknown;
    int width = 0;
    int height = 0;
    std::string error;  ///< why not ok, in words for staff
};

/// Header check: type by magic bytes, dimensions within maxDimension. Decodes nothing.
ImageInfo probeImage(std::string_view bytes, int maxDimension);

struct DecodedImage
{
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgba;  ///< width * height * 4 bytes
    std::string error;
    bool ok() const { return !rgba.empty(); }
};

/// Full decode to RGBA8 after probeImage's checks.
DecodedImage decodeImage(std::string_view bytes, int maxDimension);

}  // namespace mint::media
