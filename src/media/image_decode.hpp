// Image checks and decoding for cached pictures: PNG and JPEG only, dimensions checked
// from the header before any pixel is decoded. PNG: stb_image, compiled in
// image_decode.cpp with only its PNG decoder (Debian's libstb is an older upstream whose
// other decoders carry open CVEs) and static linkage, so no other copy can be picked up.
// JPEG: libjpeg-turbo's TurboJPEG API (libturbojpeg0-dev), which OSS-Fuzz keeps fuzzing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mint::media
{

enum class ImageType
{
    Unknown,
    Png,
    Jpeg
};
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

/// Pixels in one malloc'd block: the decoder's own output is adopted, never copied (a
/// 4096² picture is 64 MiB; a copy would double the peak).
class PixelBuffer
{
public:
    PixelBuffer() = default;
    PixelBuffer(PixelBuffer&& other) noexcept;
    PixelBuffer& operator=(PixelBuffer&& other) noexcept;
    PixelBuffer(const PixelBuffer&) = delete;
    PixelBuffer& operator=(const PixelBuffer&) = delete;
    ~PixelBuffer();

    /// Takes ownership of `data` (allocated with malloc) holding `size` bytes.
    static PixelBuffer adopt(std::uint8_t* data, std::size_t size);
    /// `size` zeroed bytes (empty on allocation failure).
    void resize(std::size_t size);
    void clear();

    std::uint8_t* data() { return m_data; }
    const std::uint8_t* data() const { return m_data; }
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    std::uint8_t& operator[](std::size_t i) { return m_data[i]; }
    const std::uint8_t& operator[](std::size_t i) const { return m_data[i]; }

private:
    std::uint8_t* m_data = nullptr;
    std::size_t m_size = 0;
};

struct DecodedImage
{
    int width = 0;
    int height = 0;
    PixelBuffer rgba;  ///< width * height * 4 bytes
    std::string error;
    bool ok() const { return !rgba.empty(); }
};

/// Largest picture by area that is decoded at all (4096 x 4096); images.max_pixels.
constexpr std::int64_t kDefaultMaxPixels = 4096LL * 4096;
/// Pixels being decoded at once in the whole process, by every thread together (sync
/// checks, texture worker, tile workers): a decode that would pass this waits for the
/// others to finish, so the memory for decoding stays bounded whatever a feed links.
constexpr std::int64_t kMaxPixelsInFlight = 4096LL * 4096;

/// Header check: type by magic bytes, dimensions within maxDimension and area within
/// maxPixels; for PNG also every chunk's CRC (a damaged transfer is refused). Decodes nothing.
ImageInfo probeImage(std::string_view bytes, int maxDimension, std::int64_t maxPixels = kDefaultMaxPixels);

/// Full decode to RGBA8 after probeImage's checks, within the process-wide decode budget.
DecodedImage decodeImage(std::string_view bytes, int maxDimension, std::int64_t maxPixels = kDefaultMaxPixels);

/// Pixels being decoded right now (for tests and the bench).
std::int64_t pixelsInFlight();
/// The most pixels that were ever being decoded at once since start (for tests and the bench).
std::int64_t peakPixelsInFlight();

}  // namespace mint::media
