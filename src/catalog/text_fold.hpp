// German-aware text folding for search and sorting.
//
// Search folding makes "Löwen", "Loewen" and "Lowen" equal, and "Straße" equal to
// "strasse": lower case, accents removed, ß/ẞ -> ss, then the umlaut spellings ae/oe/ue
// collapsed to a/o/u. Both the catalogue and the query go through the same function, so
// the collapse is symmetric. Collation folding is DIN 5007-1 (ä sorts as a, ß as ss).
#pragma once

#include <string>
#include <string_view>

namespace mint::catalog
{

std::string foldForSearch(std::string_view utf8);
/// foldForSearch into `out` (cleared first), reusing its capacity.
void foldForSearchInto(std::string_view utf8, std::string& out);
std::string foldForCollation(std::string_view utf8);

/// Calls `word(std::string_view)` for each word of folded text. Words are runs of ASCII
/// letters and digits and of any non-ASCII bytes (scripts we do not fold stay whole).
template <typename Fn>
void forEachWord(std::string_view folded, Fn&& word)
{
    std::size_t start = std::string_view::npos;
    for (std::size_t i = 0; i <= folded.size(); ++i)
    {
        const unsigned char c = i < folded.size() ? static_cast<unsigned char>(folded[i]) : ' ';
        const bool inWord = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
        if (inWord && start == std::string_view::npos)
            start = i;
        else if (!inWord && start != std::string_view::npos)
        {
            word(folded.substr(start, i - start));
            start = std::string_view::npos;
        }
    }
}

}  // namespace mint::catalog
