// Source encodings; see text_encoding.hpp.
#include "text_encoding.hpp"

#include "util/utf8.hpp"

#include <iconv.h>

#include <cerrno>

namespace mint::publish
{

const char* encodingName(SourceEncoding encoding)
{
    switch (encoding)
    {
    case SourceEncoding::Utf8: return "UTF-8";
    case SourceEncoding::Utf8WithBom: return "UTF-8 (BOM)";
    case SourceEncoding::Windows1252: return "Windows-1252";
    }
    return "?";
}

namespace
{

/// Windows-1252 to UTF-8 with iconv; the five bytes 1252 leaves undefined (0x81, 0x8D, 0x8F,
/// 0x90, 0x9D) become U+FFFD.
std::string fromWindows1252(std::string_view bytes)
{
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    iconv_t cd = iconv_open("UTF-8", "WINDOWS-1252");
    if (cd == reinterpret_cast<iconv_t>(-1))
    {
        // No converter (a stripped-down libc): Latin-1 is the next best reading.
        for (const char c : bytes)
        {
            const auto b = static_cast<unsigned char>(c);
            if (b < 0x80)
                out += c;
            else
            {
                out += static_cast<char>(0xC0 | (b >> 6));
                out += static_cast<char>(0x80 | (b & 0x3F));
            }
        }
        return out;
    }
    char buffer[4096];
    char* in = const_cast<char*>(bytes.data());
    std::size_t inLeft = bytes.size();
    while (inLeft > 0)
    {
        char* outPtr = buffer;
        std::size_t outLeft = sizeof buffer;
        const std::size_t r = iconv(cd, &in, &inLeft, &outPtr, &outLeft);
        out.append(buffer, static_cast<std::size_t>(outPtr - buffer));
        if (r == static_cast<std::size_t>(-1) && errno == EILSEQ)
        {
            out += "\xEF\xBF\xBD";
            ++in;
            --inLeft;
        }
        else if (r == static_cast<std::size_t>(-1) && errno != E2BIG)
            break;
    }
    iconv_close(cd);
    return out;
}

}  // namespace

DecodedText toUtf8(std::string_view bytes)
{
    DecodedText d;
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF" && util::isValidUtf8(bytes.substr(3)))
    {
        d.text = std::string(bytes.substr(3));
        d.encoding = SourceEncoding::Utf8WithBom;
    }
    else if (util::isValidUtf8(bytes))
        d.text = std::string(bytes);
    else
    {
        d.text = fromWindows1252(bytes);
        d.encoding = SourceEncoding::Windows1252;
    }
    return d;
}

}  // namespace mint::publish
