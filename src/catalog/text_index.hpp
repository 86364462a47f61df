// Word-prefix text index over title, summary, provider, subjects and place (all
// languages), folded the German way (text_fold.hpp). Built once per catalogue.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mint::catalog
{

class Catalog;

/// Where a word was found; title hits rank first.
enum TextField : std::uint8_t
{
    kFieldTitle = 1,
    kFieldSummary = 2,
    kFieldProvider = 4,
    kFieldSubject = 8,
    kFieldPlace = 16,
};

class TextIndex
{
public:
    void build(const Catalog& catalog);

    /// Scores every offer for `query` (all words must match a word prefix): 0 = no match,
    /// otherwise 1 + 2 * (number of query words found in the title). `scores` is resized
    /// to the number of offers. Returns false when the query has no words.
    bool match(std::string_view query, std::vector<std::uint8_t>& scores) const;

    std::size_t vocabularySize() const { return m_words.size(); }
    std::size_t postingCount() const { return m_postings.size(); }

private:
    struct Posting
    {
        std::uint32_t offer;
        std::uint8_t fields;
    };
    std::vector<std::string> m_words;           ///< sorted, unique, folded
    std::vector<std::uint32_t> m_firstPosting;  ///< word -> first posting; size words + 1
    std::vector<Posting> m_postings;
    std::size_t m_offerCount = 0;
};

}  // namespace mint::catalog
