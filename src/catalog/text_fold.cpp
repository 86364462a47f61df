// German-aware text folding; see text_fold.hpp.
#include "text_fold.hpp"

#include <cstdint>

namespace mint::catalog
{

namespace
{

/// ASCII replacement for U+00C0..U+017F ("" = keep the character as it is).
const char* latinBase(std::uint32_t cp)
{
    static const char* const latin1[64] = {
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // C0
        "d", "n", "o", "o", "o", "o", "o",  " ", "o", "u", "u", "u", "u", "y", "th", "ss",  // D0
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // E0
        "d", "n", "o", "o", "o", "o", "o",  " ", "o", "u", "u", "u", "u", "y", "th", "y",   // F0
    };
    if (cp >= 0xC0 && cp <= 0xFF)
        return latin1[cp - 0xC0];
    struct Range
    {
        std::uint32_t first, last;
        const char* base;
    };
    static const Range extendedA[] = {
        {0x100, 0x105, "a"}, {0x106, 0x10D, "c"},  {0x10E, 0x111, "d"}, {0x112, 0x11B, "e"}, {0x11C, 0x123, "g"}, {0x124, 0x127, "h"},
        {0x128, 0x131, "i"}, {0x132, 0x133, "ij"}, {0x134, 0x135, "j"}, {0x136, 0x138, "k"}, {0x139, 0x142, "l"}, {0x143, 0x14B, "n"},
        {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"}, {0x154, 0x159, "r"}, {0x15A, 0x161, "s"}, {0x162, 0x167, "t"}, {0x168, 0x173, "u"},
        {0x174, 0x175, "w"}, {0x176, 0x178, "y"},  {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"},
    };
    for (const auto& r : extendedA)
        if (cp >= r.first && cp <= r.last)
            return r.base;
    if (cp == 0x1E9E)
        return "ss";  // capital sharp s
    // Typographic punctuation and spaces become word breaks.
    if ((cp >= 0x2000 && cp <= 0x206F) || cp == 0xA0 || cp == 0xAD)
        return " ";
    return "";
}

/// Lower case + accents removed; non-Latin characters copied unchanged. Appends to `out`
/// through `put`, which sees every folded piece (one call per input character).
template <typename Put>
void foldBasic(std::string_view in, Put&& put)
{
    std::size_t i = 0;
    while (i < in.size())
    {
        const unsigned char c = static_cast<unsigned char>(in[i]);
        if (c < 0x80)
        {
            put((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : static_cast<char>(c));
            ++i;
            continue;
        }
        std::uint32_t cp = 0;
        std::size_t len = 1;
        if ((c & 0xE0) == 0xC0 && i + 1 < in.size())
        {
            cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(in[i + 1]) & 0x3Fu);
            len = 2;
        }
        else if ((c & 0xF0) == 0xE0 && i + 2 < in.size())
        {
            cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(in[i + 1]) & 0x3Fu) << 6) |
                 (static_cast<unsigned char>(in[i + 2]) & 0x3Fu);
            len = 3;
        }
        else if ((c & 0xF8) == 0xF0 && i + 3 < in.size())
            len = 4;
        const char* base = cp ? latinBase(cp) : "";
        if (*base)
            for (; *base; ++base)
                put(*base);
        else
            for (std::size_t k = 0; k < len; ++k)
                put(in[i + k]);
        i += len;
    }
}

}  // namespace

std::string foldForCollation(std::string_view utf8)
{
    std::string out;
    out.reserve(utf8.size());
    foldBasic(utf8, [&](char c) { out += c; });
    return out;
}

void foldForSearchInto(std::string_view utf8, std::string& out)
{
    out.clear();
    // "oe" -> "o" etc. on the folded text, so "Loewen" meets "Löwen" (folded to "lowen"):
    // an 'e' right after a, o or u is dropped, unless that vowel already swallowed one.
    bool swallowed = false;
    foldBasic(utf8,
              [&](char c)
              {
                  if (c == 'e' && !swallowed && !out.empty() && (out.back() == 'a' || out.back() == 'o' || out.back() == 'u'))
                  {
                      swallowed = true;
                      return;
                  }
                  swallowed = false;
                  out += c;
              });
}

std::string foldForSearch(std::string_view utf8)
{
    std::string out;
    out.reserve(utf8.size());
    foldForSearchInto(utf8, out);
    return out;
}

}  // namespace mint::catalog
