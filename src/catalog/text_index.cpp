// Word-prefix text index; see text_index.hpp.
#include "text_index.hpp"

#include "model.hpp"
#include "text_fold.hpp"

#include <algorithm>
#include <deque>
#include <numeric>
#include <unordered_map>

namespace mint::catalog
{

void TextIndex::build(const Catalog& catalog)
{
    m_offerCount = catalog.offers.size();
    std::deque<std::string> storage;  // stable addresses for the map's keys
    std::unordered_map<std::string_view, std::uint32_t> ids;
    struct Token
    {
        std::uint32_t word;
        std::uint32_t offer;
        std::uint8_t fields;
    };
    std::vector<Token> tokens;
    tokens.reserve(catalog.offers.size() * 24);

    std::string folded;
    auto add = [&](std::uint32_t offer, std::uint8_t field, std::string_view text)
    {
        folded = foldForSearch(text);
        forEachWord(folded,
                    [&](std::string_view word)
                    {
                        auto it = ids.find(word);
                        if (it == ids.end())
                        {
                            storage.emplace_back(word);
                            it = ids.emplace(storage.back(), static_cast<std::uint32_t>(storage.size() - 1)).first;
                        }
                        tokens.push_back({it->second, offer, field});
                    });
    };
    auto addText = [&](std::uint32_t offer, std::uint8_t field, const LocalizedText& text)
    {
        for (const auto& e : text.entries)
            add(offer, field, e.text);
    };
    for (std::uint32_t i = 0; i < catalog.offers.size(); ++i)
    {
        const Offer& o = catalog.offers[i];
        addText(i, kFieldTitle, o.title);
        addText(i, kFieldSummary, o.summary);
        if (const Provider* p = catalog.providerOf(o))
            addText(i, kFieldProvider, p->name);
        for (auto s : o.subjects)
            add(i, kFieldSubject, s);
        if (const Place* p = catalog.placeOf(o))
        {
            addText(i, kFieldPlace, p->name);
            add(i, kFieldPlace, p->address.locality);
        }
    }

    // Counting sort by word (stable, so each word's postings stay in offer order), then
    // merge repeats of the same offer into one posting with all its fields.
    const std::size_t wordCount = storage.size();
    std::vector<std::uint32_t> start(wordCount + 1, 0);
    for (const auto& t : tokens)
        ++start[t.word + 1];
    std::partial_sum(start.begin(), start.end(), start.begin());
    std::vector<Posting> sorted(tokens.size());
    {
        std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
        for (const auto& t : tokens)
            sorted[fill[t.word]++] = {t.offer, t.fields};
    }
    tokens = {};

    // Words in alphabetical order, so a prefix is one contiguous range.
    std::vector<std::uint32_t> order(wordCount);
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return storage[a] < storage[b]; });

    m_words.clear();
    m_words.reserve(wordCount);
    m_firstPosting.assign(1, 0);
    m_firstPosting.reserve(wordCount + 1);
    m_postings.clear();
    m_postings.reserve(sorted.size());
    for (std::uint32_t w : order)
    {
        m_words.push_back(std::move(storage[w]));
        for (std::uint32_t p = start[w]; p < start[w + 1]; ++p)
        {
            if (p > start[w] && m_postings.back().offer == sorted[p].offer)
                m_postings.back().fields |= sorted[p].fields;
            else
                m_postings.push_back(sorted[p]);
        }
        m_firstPosting.push_back(static_cast<std::uint32_t>(m_postings.size()));
    }
}

bool TextIndex::match(std::string_view query, std::vector<std::uint8_t>& scores) const
{
    std::vector<std::string> words;
    const std::string folded = foldForSearch(query);
    forEachWord(folded, [&](std::string_view w) { words.emplace_back(w); });
    scores.assign(m_offerCount, 0);
    if (words.empty())
        return false;

    std::vector<std::uint8_t> fields(m_offerCount);
    std::vector<std::uint8_t> hits(m_offerCount, 0), titleHits(m_offerCount, 0);
    for (const auto& q : words)
    {
        std::fill(fields.begin(), fields.end(), 0);
        auto it = std::lower_bound(m_words.begin(), m_words.end(), q);
        for (; it != m_words.end() && it->compare(0, q.size(), q) == 0; ++it)
        {
            const std::size_t w = static_cast<std::size_t>(it - m_words.begin());
            for (std::uint32_t p = m_firstPosting[w]; p < m_firstPosting[w + 1]; ++p)
                fields[m_postings[p].offer] |= m_postings[p].fields;
        }
        for (std::size_t o = 0; o < m_offerCount; ++o)
            if (fields[o])
            {
                ++hits[o];
                if (fields[o] & kFieldTitle)
                    ++titleHits[o];
            }
    }
    const std::size_t n = words.size();
    for (std::size_t o = 0; o < m_offerCount; ++o)
        if (hits[o] == n)
            scores[o] = static_cast<std::uint8_t>(std::min<std::size_t>(255, 1 + 2 * titleHits[o]));
    return true;
}

}  // namespace mint::catalog
