// UTF-8 hygiene for text from outside (feeds, HTTP headers, configs): everything that
// reaches a status file, a log, the admin screen or a JSON dump goes through here first.
// Header-only and dependency-free, so the catalogue layer can use it too.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mint::util
{

/// Length in bytes of the well-formed UTF-8 sequence starting at s[i], or 0 when the bytes
/// there are not one (stray continuation byte, overlong form, surrogate, > U+10FFFF, cut off).
inline std::size_t utf8SequenceLength(std::string_view s, std::size_t i)
{
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    if (c < 0x80)
        return 1;
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF)
    {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0;  // no overlong forms
        if (c == 0xED)
            hi = 0x9F;  // no UTF-16 surrogates
    }
    else if (c >= 0xF0 && c <= 0xF4)
    {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        if (c == 0xF4)
            hi = 0x8F;  // nothing above U+10FFFF
    }
    else
        return 0;
    if (i + n > s.size())
        return 0;
    if (b(i + 1) < lo || b(i + 1) > hi)
        return 0;
    for (std::size_t k = 2; k < n; ++k)
        if ((b(i + k) & 0xC0) != 0x80)
            return 0;
    return n;
}

inline bool isValidUtf8(std::string_view s)
{
    for (std::size_t i = 0; i < s.size();)
    {
        const std::size_t n = utf8SequenceLength(s, i);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

/// `s` as valid UTF-8: every byte that does not start a well-formed sequence becomes U+FFFD.
/// With `maxBytes`, the input is cut before the first character that would end past that
/// many input bytes (never inside a character) and "…" marks the cut.
inline std::string validUtf8(std::string_view s, std::size_t maxBytes = std::string_view::npos)
{
    static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
    std::string out;
    out.reserve(s.size() < maxBytes ? s.size() : maxBytes + 3);
    for (std::size_t i = 0; i < s.size();)
    {
        std::size_t n = utf8SequenceLength(s, i);
        const std::size_t used = n == 0 ? 1 : n;
        if (i + used > maxBytes)
        {
            out += "\xE2\x80\xA6";  // …
            break;
        }
        if (n == 0)
            out += kReplacement;
        else
            out.append(s.data() + i, n);
        i += used;
    }
    return out;
}

}  // namespace mint::util
