// PNG with stb_image, JPEG with libjpeg-turbo; see image_decode.hpp.
#include "image_decode.hpp"

#define STB_IMAGE_STATIC
#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
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

#include <turbojpeg.h>
#include <zlib.h>

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace mint::media
{

// ---------------------------------------------------------------------------------------
// PixelBuffer

PixelBuffer::PixelBuffer(PixelBuffer&& other) noexcept : m_data(other.m_data), m_size(other.m_size)
{
    other.m_data = nullptr;
    other.m_size = 0;
}

PixelBuffer& PixelBuffer::operator=(PixelBuffer&& other) noexcept
{
    if (this != &other)
    {
        clear();
        m_data = other.m_data;
        m_size = other.m_size;
        other.m_data = nullptr;
        other.m_size = 0;
    }
    return *this;
}

PixelBuffer::~PixelBuffer()
{
    clear();
}

PixelBuffer PixelBuffer::adopt(std::uint8_t* data, std::size_t size)
{
    PixelBuffer b;
    b.m_data = data;
    b.m_size = data ? size : 0;
    return b;
}

void PixelBuffer::resize(std::size_t size)
{
    clear();
    if (size == 0)
        return;
    m_data = static_cast<std::uint8_t*>(std::calloc(size, 1));
    m_size = m_data ? size : 0;
}

void PixelBuffer::clear()
{
    std::free(m_data);
    m_data = nullptr;
    m_size = 0;
}

// ---------------------------------------------------------------------------------------
// The process-wide decode budget

namespace
{

struct DecodeGate
{
    std::mutex mutex;
    std::condition_variable freed;
    std::int64_t inFlight = 0;
    std::int64_t peak = 0;
};

DecodeGate& gate()
{
    static DecodeGate g;
    return g;
}

/// Holds `pixels` of the budget while alive; a picture larger than the whole budget waits
/// until nothing else is decoding and then takes all of it.
class DecodeTicket
{
public:
    explicit DecodeTicket(std::int64_t pixels) : m_pixels(std::min(pixels, kMaxPixelsInFlight))
    {
        DecodeGate& g = gate();
        std::unique_lock<std::mutex> lock(g.mutex);
        g.freed.wait(lock, [&] { return g.inFlight + m_pixels <= kMaxPixelsInFlight; });
        g.inFlight += m_pixels;
        g.peak = std::max(g.peak, g.inFlight);
    }
    ~DecodeTicket()
    {
        DecodeGate& g = gate();
        {
            std::lock_guard<std::mutex> lock(g.mutex);
            g.inFlight -= m_pixels;
        }
        g.freed.notify_all();
    }
    DecodeTicket(const DecodeTicket&) = delete;
    DecodeTicket& operator=(const DecodeTicket&) = delete;

private:
    std::int64_t m_pixels;
};

std::uint32_t be32(std::string_view bytes, std::size_t at)
{
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i)
        v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
    return v;
}

/// Walks a PNG's chunks: IHDR first, every CRC right, IEND reached inside the bytes.
bool checkPngChunks(std::string_view bytes, std::string& error)
{
    std::size_t at = 8;
    bool first = true;
    while (true)
    {
        if (bytes.size() - at < 12)
        {
            error = "damaged png: cut off (no IEND chunk)";
            return false;
        }
        const std::uint32_t length = be32(bytes, at);
        if (length > bytes.size() - at - 12)
        {
            error = "damaged png: a chunk runs past the end of the file";
            return false;
        }
        const std::string_view type = bytes.substr(at + 4, 4);
        if (first && type != "IHDR")
        {
            error = "damaged png: IHDR is not the first chunk";
            return false;
        }
        first = false;
        const auto* typeAndData = reinterpret_cast<const Bytef*>(bytes.data() + at + 4);
        const uLong crc = crc32(crc32(0L, Z_NULL, 0), typeAndData, static_cast<uInt>(length + 4));
        if (crc != be32(bytes, at + 8 + length))
        {
            error = "damaged png: checksum (CRC) of a chunk is wrong";
            return false;
        }
        at += 12 + static_cast<std::size_t>(length);
        if (type == "IEND")
            return true;
    }
}

/// A TurboJPEG decompressor for one call.
class Turbo
{
public:
    Turbo() : m_handle(tjInitDecompress()) {}
    ~Turbo()
    {
        if (m_handle)
            tjDestroy(m_handle);
    }
    Turbo(const Turbo&) = delete;
    Turbo& operator=(const Turbo&) = delete;
    tjhandle get() const { return m_handle; }
    std::string error() const { return std::string("damaged jpeg: ") + tjGetErrorStr2(m_handle); }

private:
    tjhandle m_handle;
};

/// Flags for every JPEG call: a warning (corrupt data, cut off) is an error, and a
/// progressive JPEG with absurdly many scans is refused rather than decoded for minutes.
constexpr int kJpegFlags = TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS;

bool jpegHeader(const Turbo& tj, std::string_view bytes, int& w, int& h, std::string& error)
{
    int subsampling = 0, colorspace = 0;
    if (!tj.get())
    {
        error = "jpeg decoder unavailable";
        return false;
    }
    if (tjDecompressHeader3(tj.get(), reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<unsigned long>(bytes.size()), &w,
                            &h, &subsampling, &colorspace) != 0)
    {
        error = tj.error();
        return false;
    }
    return true;
}

}  // namespace

std::int64_t pixelsInFlight()
{
    std::lock_guard<std::mutex> lock(gate().mutex);
    return gate().inFlight;
}

std::int64_t peakPixelsInFlight()
{
    std::lock_guard<std::mutex> lock(gate().mutex);
    return gate().peak;
}

// ---------------------------------------------------------------------------------------
// Probing and decoding

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

ImageInfo probeImage(std::string_view bytes, int maxDimension, std::int64_t maxPixels)
{
    ImageInfo info;
    info.type = sniffImageType(bytes);
    if (info.type == ImageType::Unknown)
    {
        info.error = "not a PNG or JPEG picture";
        return info;
    }
    auto tooLarge = [&](std::int64_t w, std::int64_t h)
    {
        info.width = static_cast<int>(std::min<std::int64_t>(w, INT32_MAX));
        info.height = static_cast<int>(std::min<std::int64_t>(h, INT32_MAX));
        if (w > maxDimension || h > maxDimension)
            info.error = "picture is " + std::to_string(w) + "x" + std::to_string(h) + " pixels, more than the limit of " +
                         std::to_string(maxDimension);
        else
            info.error = "picture is " + std::to_string(w) + "x" + std::to_string(h) + " pixels (" +
                         std::to_string((w * h + 500000) / 1000000) + " megapixels), more than the limit of " + std::to_string(maxPixels) +
                         " pixels";
        return info;
    };
    // PNG states its size in IHDR: check it before stb sees it, for a precise message.
    if (info.type == ImageType::Png && bytes.size() >= 24 && bytes.substr(12, 4) == "IHDR")
    {
        const std::int64_t pw = be32(bytes, 16), ph = be32(bytes, 20);
        if (pw > maxDimension || ph > maxDimension || pw * ph > maxPixels)
            return tooLarge(pw, ph);
    }
    int w = 0, h = 0, comp = 0;
    if (bytes.size() > static_cast<std::size_t>(INT32_MAX))
    {
        info.error = std::string(imageTypeName(info.type)) + " file larger than 2 GiB";
        return info;
    }
    if (info.type == ImageType::Jpeg)
    {
        const Turbo tj;
        if (!jpegHeader(tj, bytes, w, h, info.error))
            return info;
    }
    else if (!stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), static_cast<int>(bytes.size()), &w, &h, &comp))
    {
        info.error = std::string("damaged ") + imageTypeName(info.type) + " header";
        return info;
    }
    info.width = w;
    info.height = h;
    if (w <= 0 || h <= 0)
    {
        info.error = std::string("damaged ") + imageTypeName(info.type) + " header (no pixels)";
        return info;
    }
    if (w > maxDimension || h > maxDimension || static_cast<std::int64_t>(w) * h > maxPixels)
        return tooLarge(w, h);
    if (info.type == ImageType::Png && !checkPngChunks(bytes, info.error))
        return info;
    info.ok = true;
    return info;
}

namespace
{

/// libjpeg-turbo (Debian's libturbojpeg, fuzzed upstream by OSS-Fuzz) decodes JPEGs:
/// Debian's older stb_image mishandles damaged JPEG data (fuzzing found a table overflow
/// and shifts by negative amounts in its bit reader).
DecodedImage decodeJpeg(std::string_view bytes)
{
    DecodedImage out;
    const Turbo tj;
    int w = 0, h = 0;
    if (!jpegHeader(tj, bytes, w, h, out.error))
        return out;
    PixelBuffer pixels;
    pixels.resize(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
    if (pixels.empty())
    {
        out.error = "out of memory for a " + std::to_string(w) + "x" + std::to_string(h) + " picture";
        return out;
    }
    if (tjDecompress2(tj.get(), reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<unsigned long>(bytes.size()),
                      pixels.data(), w, 0, h, TJPF_RGBA, kJpegFlags) != 0)
    {
        out.error = tj.error();
        return out;
    }
    out.width = w;
    out.height = h;
    out.rgba = std::move(pixels);
    return out;
}

}  // namespace

DecodedImage decodeImage(std::string_view bytes, int maxDimension, std::int64_t maxPixels)
{
    DecodedImage out;
    const ImageInfo info = probeImage(bytes, maxDimension, maxPixels);
    if (!info.ok)
    {
        out.error = info.error;
        return out;
    }
    const DecodeTicket ticket(static_cast<std::int64_t>(info.width) * info.height);
    if (info.type == ImageType::Jpeg)
        return decodeJpeg(bytes);
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
    // stb allocates with malloc (STBI_MALLOC's default), so the buffer frees it with free.
    out.rgba = PixelBuffer::adopt(pixels, static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
    return out;
}

}  // namespace mint::media
