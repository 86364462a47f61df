// Word-prefix text index; see text_index.hpp.
#include "text_index.hpp"

#include "model.hpp"
#include "text_fold.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace mint::catalog
{

namespace
{

/// The vocabulary while the index is built: every distinct word once, in one text arena,
/// found through an open-addressing table of (hash, word id) pairs. A catalogue of 100k
/// offers has about 3 million words and 100k distinct ones; a node per word (as
/// std::unordered_map makes) costs a cache miss per lookup.
class Vocabulary
{
public:
    Vocabulary() { m_slots.assign(1u << 16, 0); }

    std::uint32_t idOf(std::string_view word)
    {
        const std::uint64_t h = hash(word);
        const std::uint32_t tag = static_cast<std::uint32_t>(h >> 32) | 1u;  // never 0 (empty)
        std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = static_cast<std::size_t>(h) & mask;; i = (i + 1) & mask)
        {
            const std::uint64_t slot = m_slots[i];
            if (slot == 0)
            {
                const auto id = static_cast<std::uint32_t>(m_offsets.size());
                m_offsets.push_back(static_cast<std::uint32_t>(m_arena.size()));
                m_lengths.push_back(static_cast<std::uint32_t>(word.size()));
                m_arena.append(word);
                m_slots[i] = (static_cast<std::uint64_t>(tag) << 32) | id;
                if (m_offsets.size() * 2 > m_slots.size())
                    grow();
                return id;
            }
            if (static_cast<std::uint32_t>(slot >> 32) == tag && word == this->word(static_cast<std::uint32_t>(slot)))
                return static_cast<std::uint32_t>(slot);
        }
    }

    std::size_t size() const { return m_offsets.size(); }
    std::string_view word(std::uint32_t id) const { return std::string_view(m_arena).substr(m_offsets[id], m_lengths[id]); }

private:
    /// FNV-1a: inlined, and quick for short words.
    static std::uint64_t hash(std::string_view word)
    {
        std::uint64_t h = 14695981039346656037ull;
        for (const char c : word)
            h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
        return h ^ (h >> 29);
    }

    void grow()
    {
        std::vector<std::uint64_t> old(m_slots.size() * 2, 0);
        old.swap(m_slots);
        const std::size_t mask = m_slots.size() - 1;
        for (const std::uint64_t slot : old)
        {
            if (slot == 0)
                continue;
            std::size_t i = static_cast<std::size_t>(hash(word(static_cast<std::uint32_t>(slot)))) & mask;
            while (m_slots[i] != 0)
                i = (i + 1) & mask;
            m_slots[i] = slot;
        }
    }

    std::vector<std::uint64_t> m_slots;  ///< tag << 32 | id; 0 = empty
    std::string m_arena;
    std::vector<std::uint32_t> m_offsets, m_lengths;
};

}  // namespace

void TextIndex::build(const Catalog& catalog)
{
    m_offerCount = catalog.offers.size();
    Vocabulary vocabulary;
    struct Token
    {
        std::uint32_t word;
        std::uint32_t offer;
        std::uint8_t fields;
    };
    std::vector<Token> tokens;
    tokens.reserve(catalog.offers.size() * 24);

    // The words of one text as ids, appended to `out`.
    std::string folded;
    auto wordsOf = [&](std::string_view text, std::vector<std::uint32_t>& out)
    {
        foldForSearchInto(text, folded);
        forEachWord(folded, [&](std::string_view word) { out.push_back(vocabulary.idOf(word)); });
    };
    std::vector<std::uint32_t> words;
    auto add = [&](std::uint32_t offer, std::uint8_t field, const std::vector<std::uint32_t>& wordIds)
    {
        for (const std::uint32_t w : wordIds)
            tokens.push_back({w, offer, field});
    };
    auto addText = [&](std::uint32_t offer, std::uint8_t field, const LocalizedText& text)
    {
        words.clear();
        for (const auto& e : text.entries)
            wordsOf(e.text, words);
        add(offer, field, words);
    };
    // Providers, places and subjects are shared by many offers: their words are folded and
    // looked up once each.
    std::vector<std::vector<std::uint32_t>> providerWords(catalog.providers.size()), placeWords(catalog.places.size());
    for (std::size_t i = 0; i < catalog.providers.size(); ++i)
        for (const auto& e : catalog.providers[i].name.entries)
            wordsOf(e.text, providerWords[i]);
    for (std::size_t i = 0; i < catalog.places.size(); ++i)
    {
        for (const auto& e : catalog.places[i].name.entries)
            wordsOf(e.text, placeWords[i]);
        wordsOf(catalog.places[i].address.locality, placeWords[i]);
    }
    std::unordered_map<std::string_view, std::vector<std::uint32_t>> subjectWords;
    for (std::uint32_t i = 0; i < catalog.offers.size(); ++i)
    {
        const Offer& o = catalog.offers[i];
        addText(i, kFieldTitle, o.title);
        addText(i, kFieldSummary, o.summary);
        if (o.providerIndex >= 0)
            add(i, kFieldProvider, providerWords[static_cast<std::size_t>(o.providerIndex)]);
        for (auto s : o.subjects)
        {
            auto it = subjectWords.find(s);
            if (it == subjectWords.end())
            {
                it = subjectWords.emplace(s, std::vector<std::uint32_t>()).first;
                wordsOf(s, it->second);
            }
            add(i, kFieldSubject, it->second);
        }
        if (o.placeIndex >= 0)
            add(i, kFieldPlace, placeWords[static_cast<std::size_t>(o.placeIndex)]);
        else if (o.location)
        {
            words.clear();  // a place of its own, written into the offer
            for (const auto& e : o.location->name.entries)
                wordsOf(e.text, words);
            wordsOf(o.location->address.locality, words);
            add(i, kFieldPlace, words);
        }
    }

    // Counting sort by word (stable, so each word's postings stay in offer order), then
    // merge repeats of the same offer into one posting with all its fields.
    const std::size_t wordCount = vocabulary.size();
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
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return vocabulary.word(a) < vocabulary.word(b); });

    m_words.clear();
    m_words.reserve(wordCount);
    m_firstPosting.assign(1, 0);
    m_firstPosting.reserve(wordCount + 1);
    m_postings.clear();
    m_postings.reserve(sorted.size());
    for (std::uint32_t w : order)
    {
        m_words.emplace_back(vocabulary.word(w));
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
