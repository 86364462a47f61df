// Feed format v1: decoding and validation. See feed_parser.hpp and docs/feed-format.md.
//
// The parts of a feed are read by the Decoder in feed_fields.cpp, feed_schedule.cpp and
// feed_offers.cpp (see feed_decoder.hpp); this file has the envelope and the whole run.
//
// Index of this file
// [SECTION] Issues and JSON pointers
// [SECTION] Envelope, streaming over offers, cross-references
#include "feed_parser.hpp"

#include "feed_decoder.hpp"

#include "gzip.hpp"
#include "json_reader.hpp"
#include "time_util.hpp"
#include "util/text.hpp"
#include "util/utf8.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace mint::catalog
{

// ---------------------------------------------------------------------------------------
// [SECTION] Issues and JSON pointers

const char* severityName(Severity severity)
{
    switch (severity)
    {
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
    case Severity::Fatal: return "fatal";
    }
    return "?";
}

std::string Issue::toString() const
{
    return (pointer.empty() ? std::string("/") : pointer) + ": " + message;
}

std::size_t LoadResult::count(Severity severity) const
{
    return static_cast<std::size_t>(std::count_if(issues.begin(), issues.end(), [&](const Issue& i) { return i.severity == severity; }));
}

namespace
{

using detail::Decoder;
using detail::isLanguageTag;
using json::Kind;
using json::Value;

// ---------------------------------------------------------------------------------------
// [SECTION] Envelope, streaming over offers, cross-references

double msSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

class FeedReader
{
public:
    FeedReader(std::shared_ptr<std::string> source, const FeedLimits& limits, LoadResult& result)
        : m_source(std::move(source)), m_limits(limits), m_result(result), m_dec(result.issues, limits)
    {
    }

    std::unique_ptr<Catalog> read()
    {
        auto catalog = std::make_unique<Catalog>();
        m_cat = catalog.get();
        m_cat->source = m_source;
        std::string& buf = *m_source;
        if (buf.size() > m_limits.maxDocumentBytes)
            return fatal("the feed is " + std::to_string(buf.size()) + " bytes, larger than the limit of " +
                         std::to_string(m_limits.maxDocumentBytes) + " bytes");
        json::ParseLimits parseLimits;
        parseLimits.maxDepth = m_limits.maxDepth;
        parseLimits.maxStringBytes = m_limits.maxStringBytes;
        const std::size_t start = buf.find_first_not_of(" \t\r\n");
        const char first = start == std::string::npos ? '\0' : buf[start];
        if (first == '<')
            return fatal("not JSON: the document looks like an HTML page (a captive portal or an error page?)");
        if (first != '{')
            return fatal(first == '\0' ? "the feed is empty" : "not JSON: a feed must be one JSON object");
        const auto started = std::chrono::steady_clock::now();
        {
            // The reader's index of the text (4 bytes per token) is gone before indexing.
            json::Reader reader(buf, parseLimits);
            if (!readEnvelope(reader))
                return fatal("not valid JSON: " + reader.error().toString());
        }
        m_result.timing.decodeMs = msSince(started);
        return finish(std::move(catalog));
    }

private:
    std::unique_ptr<Catalog> fatal(std::string message, std::string pointer = {})
    {
        m_result.issues.push_back({Severity::Fatal, std::move(pointer), std::move(message)});
        return nullptr;
    }

    bool readEnvelope(json::Reader& reader)
    {
        json::Tape tape;
        return reader.readObject(
            [&](std::string_view key, json::Pending& value)
            {
                if (key == "offers" && value.peekKind() == Kind::Array)
                    return readOffers(reader, value, tape);
                if (!value.read(tape))
                    return false;
                envelopeMember(key, json::Value(&tape, 0));
                return true;
            });
    }

    /// Offers are decoded one at a time with a reused tape, so memory stays flat.
    bool readOffers(json::Reader& reader, json::Pending& offersArray, json::Tape& tape)
    {
        m_sawOffers = true;
        // Room for as many offers as the document can hold at about 1 KiB of JSON each, so
        // the array is not moved while it grows (a 100k-offer array is 75 MB; growing it
        // would hold the old and the new copy at once). Pages never filled are never used.
        const std::size_t expected = std::min(m_limits.maxOffers, m_source->size() / 1024 + 16);
        m_cat->offers.reserve(expected);
        m_offerDocIndex.reserve(expected);
        Decoder::Scope offers(m_dec, "offers");
        std::size_t index = 0;
        const bool ok = offersArray.elements(
            [&](json::Pending& element)
            {
                if (index >= m_limits.maxOffers)
                    return reader.fail("more than " + std::to_string(m_limits.maxOffers) + " offers (the limit)");
                if (!element.read(tape))
                    return false;
                Decoder::Scope item(m_dec, index);
                m_dec.beginItem();
                Offer o = m_dec.offer(json::Value(&tape, 0));
                if (m_dec.itemFailed())
                    ++m_result.offersSkipped;
                else
                {
                    m_cat->offers.push_back(std::move(o));
                    m_offerDocIndex.push_back(index);
                }
                ++index;
                return true;
            });
        m_result.offersSeen = index;
        return ok;
    }

    void envelopeMember(std::string_view key, const json::Value& v)
    {
        Decoder::Scope s(m_dec, key);
        m_dec.beginItem();
        auto expectString = [&]() -> std::string_view
        {
            if (v.isString())
                return v.str();
            m_envelopeErrors.push_back({Severity::Fatal, m_dec.path(), std::string("expected a string, got ") + v.describe()});
            return {};
        };
        if (key == "format")
            m_cat->format = expectString(), m_sawFormat = true;
        else if (key == "version")
        {
            m_sawVersion = true;
            if (v.isInteger() && v.number() >= 0 && v.number() <= 1000)
                m_cat->version = static_cast<int>(v.number());
            else if (v.isInteger())
                m_envelopeErrors.push_back(
                    {Severity::Fatal, m_dec.path(), "unsupported version " + v.describe() + " (this kiosk reads version 1)"});
            else
                m_envelopeErrors.push_back({Severity::Fatal, m_dec.path(), "expected a whole number, got " + v.describe()});
        }
        else if (key == "sequence")
        {
            m_sawSequence = true;
            if (v.isInteger() && v.number() >= 0 && v.number() < 9e15)
                m_cat->sequence = static_cast<std::int64_t>(v.number());
            else
                m_envelopeErrors.push_back({Severity::Fatal, m_dec.path(), "expected a whole number 0 or larger, got " + v.describe()});
        }
        else if (key == "generated_at")
        {
            m_sawGeneratedAt = true;
            std::string_view text = expectString();
            auto t = timeutil::parseDateTime(text, false);
            if (t)
            {
                m_cat->generatedAt = t->seconds;
                m_cat->generatedAtText = text;
            }
            else if (v.isString())
                m_envelopeErrors.push_back(
                    {Severity::Fatal, m_dec.path(), "expected an RFC 3339 date and time with zone, got " + v.describe()});
        }
        else if (key == "valid_until")
        {
            std::string_view text = expectString();
            if (auto t = timeutil::parseDateTime(text, false))
                m_cat->validUntil = t->seconds;
            else if (v.isString())
                m_envelopeErrors.push_back(
                    {Severity::Fatal, m_dec.path(), "expected an RFC 3339 date and time with zone, got " + v.describe()});
        }
        else if (key == "license")
            m_cat->license = expectString();
        else if (key == "phone_pages")
        {
            const std::string_view url = expectString();
            if (detail::isHttpUrl(url))
                m_cat->phonePages = url;
            else if (v.isString())
                m_dec.warn("expected an http(s) URL of the folder with the phone pages, got " + v.describe() + "; ignored");
        }
        else if (key == "attribution")
        {
            if (v.isString() || v.isObject())
                m_cat->attribution = m_dec.textOf(v, false);
            else
                m_envelopeErrors.push_back(
                    {Severity::Fatal, m_dec.path(), "expected a string or a language map like {\"de\": \"...\"}, got " + v.describe()});
        }
        else if (key == "publisher")
        {
            if (v.isObject())
            {
                m_cat->publisher.name = m_dec.text(v, "name", false);
                m_cat->publisher.url = m_dec.url(v, "url", false);
                m_cat->publisher.email = m_dec.string(v, "email", false);
            }
            else
                m_dec.warn("expected an object, got " + v.describe());
        }
        else if (key == "region")
            region(v);
        else if (key == "providers")
            items(v, m_cat->providers, m_providerDocIndex, [&](const json::Value& item) { return m_dec.provider(item); });
        else if (key == "places")
            items(v, m_cat->places, m_placeDocIndex, [&](const json::Value& item) { return m_dec.place(item, true); });
        else if (key == "stories")
            items(v, m_cat->stories, m_storyDocIndex, [&](const json::Value& item) { return m_dec.story(item); });
        else if (key == "tombstones")
            items(v, m_cat->tombstones, m_tombstoneDocIndex,
                  [&](const json::Value& item)
                  {
                      Tombstone t;
                      if (m_dec.expectKind(item, Kind::Object))
                      {
                          t.id = m_dec.string(item, "id", true);
                          t.deletedAt = m_dec.string(item, "deleted_at", false);
                          t.reason = m_dec.string(item, "reason", false);
                      }
                      return t;
                  });
        else if (key == "offers")
            m_envelopeErrors.push_back({Severity::Fatal, m_dec.path(), "expected an array, got " + v.describe()});
        // Unknown keys are ignored (forward compatibility).
    }

    void region(const json::Value& v)
    {
        if (!v.isObject())
        {
            m_envelopeErrors.push_back({Severity::Fatal, m_dec.path(), "expected an object, got " + v.describe()});
            return;
        }
        m_cat->region.name = m_dec.text(v, "name", false);
        if (json::Value tz = v["timezone"]; Decoder::present(tz))
        {
            Decoder::Scope s(m_dec, "timezone");
            if (!tz.isString() || !timeutil::findZone(std::string(tz.str())))
                m_envelopeErrors.push_back(
                    {Severity::Fatal, m_dec.path(), "expected an IANA time zone like \"Europe/Berlin\", got " + tz.describe()});
            else
                m_cat->region.timezone = std::string(tz.str());
        }
        if (json::Value lang = v["default_language"]; Decoder::present(lang))
        {
            Decoder::Scope s(m_dec, "default_language");
            if (!lang.isString() || !isLanguageTag(lang.str()))
                m_envelopeErrors.push_back({Severity::Fatal, m_dec.path(), "expected a language code like \"de\", got " + lang.describe()});
            else
                m_cat->region.defaultLanguage = std::string(lang.str());
        }
        if (json::Value bbox = v["bbox"]; Decoder::present(bbox))
        {
            Decoder::Scope s(m_dec, "bbox");
            std::array<double, 4> b{};
            std::size_t n = 0;
            bool ok = bbox.isArray() && bbox.size() == 4;
            if (ok)
                for (auto it = bbox.begin(); it != bbox.end(); ++it)
                {
                    const json::Value x = it.value();
                    ok = ok && x.isNumber();
                    if (x.isNumber())
                        b[n] = x.number();
                    ++n;
                }
            ok = ok && b[0] >= -180 && b[2] <= 180 && b[1] >= -90 && b[3] <= 90 && b[0] < b[2] && b[1] < b[3];
            if (ok)
                m_cat->region.bbox = b;
            else
                m_dec.warn("expected [min_lon, min_lat, max_lon, max_lat] with min below max; ignored");
        }
    }

    template <typename T, typename Fn>
    void items(const json::Value& v, std::vector<T>& out, std::vector<std::size_t>& docIndex, Fn&& decode)
    {
        if (!v.isArray())
        {
            m_dec.warn(std::string("expected an array, got ") + v.describe() + "; ignored");
            return;
        }
        std::size_t index = 0;
        for (auto it = v.begin(); it != v.end(); ++it, ++index)
        {
            Decoder::Scope item(m_dec, index);
            m_dec.beginItem();
            T value = decode(it.value());
            if (!m_dec.itemFailed())
            {
                out.push_back(std::move(value));
                docIndex.push_back(index);
            }
        }
    }

    std::string pointer(const char* array, std::size_t index, const char* member = nullptr) const
    {
        std::string p = std::string("/") + array + "/" + std::to_string(index);
        if (member)
            p += std::string("/") + member;
        return p;
    }

    /// Drops items whose id was seen before; returns id -> position.
    template <typename T>
    std::unordered_map<std::string_view, std::uint32_t> dedupe(std::vector<T>& items, std::vector<std::size_t>& docIndex, const char* array,
                                                               std::size_t* skipped = nullptr)
    {
        std::unordered_map<std::string_view, std::uint32_t> byId;
        byId.reserve(items.size());
        // Compacted in place: no second copy of a 100k-offer array.
        std::size_t kept = 0;
        for (std::size_t i = 0; i < items.size(); ++i)
        {
            if (!byId.emplace(items[i].id, static_cast<std::uint32_t>(kept)).second)
            {
                m_result.issues.push_back({Severity::Error, pointer(array, docIndex[i], "id"),
                                           "duplicate id \"" + std::string(items[i].id) + "\"; this one is skipped"});
                if (skipped)
                    ++*skipped;
                continue;
            }
            if (kept != i)
            {
                items[kept] = std::move(items[i]);
                docIndex[kept] = docIndex[i];
            }
            ++kept;
        }
        items.resize(kept);
        docIndex.resize(kept);
        return byId;
    }

    std::unique_ptr<Catalog> finish(std::unique_ptr<Catalog> catalog)
    {
        for (auto& issue : m_envelopeErrors)
            m_result.issues.push_back(issue);
        if (!m_envelopeErrors.empty())
            return nullptr;
        if (!m_sawFormat || m_cat->format != "mint-catalog")
            return fatal(m_sawFormat ? "expected \"mint-catalog\", got \"" + std::string(m_cat->format.substr(0, 40)) + "\""
                                     : "is required: a feed starts with \"format\": \"mint-catalog\"",
                         "/format");
        if (!m_sawVersion)
            return fatal("is required", "/version");
        if (m_cat->version != 1)
            return fatal("unsupported version " + std::to_string(m_cat->version) + " (this kiosk reads version 1)", "/version");
        if (!m_sawSequence)
            return fatal("is required (an integer that grows with every publish)", "/sequence");
        if (!m_sawGeneratedAt)
            return fatal("is required", "/generated_at");
        if (m_cat->validUntil && *m_cat->validUntil <= m_cat->generatedAt)
            return fatal("is not after generated_at (a feed that is never valid)", "/valid_until");
        if (!m_sawOffers)
            return fatal("is required: a feed without an offers array is rejected", "/offers");

        const auto started = std::chrono::steady_clock::now();
        auto providerIds = dedupe(m_cat->providers, m_providerDocIndex, "providers");
        auto placeIds = dedupe(m_cat->places, m_placeDocIndex, "places");
        dedupe(m_cat->offers, m_offerDocIndex, "offers", &m_result.offersSkipped);

        std::unordered_set<std::string_view> deleted;
        for (const auto& t : m_cat->tombstones)
            deleted.insert(t.id);

        // Cross-references: a broken reference skips the offer (compacted in place).
        std::size_t kept = 0;
        for (std::size_t i = 0; i < m_cat->offers.size(); ++i)
        {
            Offer& o = m_cat->offers[i];
            const std::size_t doc = m_offerDocIndex[i];
            bool ok = true;
            if (!o.providerId.empty())
            {
                auto it = providerIds.find(o.providerId);
                if (it == providerIds.end())
                {
                    m_result.issues.push_back(
                        {Severity::Error, pointer("offers", doc, "provider"), "unknown provider \"" + std::string(o.providerId) + "\""});
                    ok = false;
                }
                else
                    o.providerIndex = static_cast<std::int32_t>(it->second);
            }
            if (!o.placeId.empty())
            {
                auto it = placeIds.find(o.placeId);
                if (it == placeIds.end())
                {
                    m_result.issues.push_back(
                        {Severity::Error, pointer("offers", doc, "place"), "unknown place \"" + std::string(o.placeId) + "\""});
                    ok = false;
                }
                else
                    o.placeIndex = static_cast<std::int32_t>(it->second);
            }
            if (deleted.count(o.id))
            {
                m_result.issues.push_back({Severity::Error, pointer("offers", doc, "id"),
                                           "offer \"" + std::string(o.id) + "\" is also listed in tombstones; it is skipped"});
                ok = false;
            }
            if (ok)
            {
                if (kept != i)
                    m_cat->offers[kept] = std::move(o);
                ++kept;
            }
            else
                ++m_result.offersSkipped;
        }
        m_cat->offers.resize(kept);

        std::unordered_set<std::string_view> offerIds;
        if (!m_cat->stories.empty())
            for (const auto& o : m_cat->offers)
                offerIds.insert(o.id);
        for (std::size_t i = 0; i < m_cat->stories.size(); ++i)
        {
            const Story& s = m_cat->stories[i];
            if (!s.offerId.empty() && !offerIds.count(s.offerId))
                m_result.issues.push_back({Severity::Warning, pointer("stories", m_storyDocIndex[i], "offer"),
                                           "links unknown offer \"" + std::string(s.offerId) + "\""});
        }

        m_result.timing.checkMs = msSince(started);
        const auto indexStarted = std::chrono::steady_clock::now();
        indexCatalog(*m_cat, m_limits, m_result.issues);
        m_result.timing.indexMs = msSince(indexStarted);
        return catalog;
    }

    std::shared_ptr<std::string> m_source;
    const FeedLimits& m_limits;
    LoadResult& m_result;
    Decoder m_dec;
    Catalog* m_cat = nullptr;
    std::vector<Issue> m_envelopeErrors;
    std::vector<std::size_t> m_offerDocIndex, m_providerDocIndex, m_placeDocIndex, m_storyDocIndex, m_tombstoneDocIndex;
    bool m_sawFormat = false, m_sawVersion = false, m_sawSequence = false, m_sawGeneratedAt = false, m_sawOffers = false;
};

}  // namespace

LoadResult loadCatalog(std::string bytes, const FeedLimits& limits)
{
    LoadResult result;
    if (looksGzipped(bytes))
    {
        std::string inflated, error;
        if (!gunzip(bytes, limits.maxDocumentBytes, inflated, error))
        {
            result.issues.push_back({Severity::Fatal, "", error});
            return result;
        }
        bytes = std::move(inflated);
    }
    auto source = std::make_shared<std::string>(std::move(bytes));
    FeedReader reader(source, limits, result);
    result.catalog = reader.read();
    // Messages quote the feed (cut at a byte count, raw bytes after a backslash): make them
    // valid UTF-8 once here, so no status file, log line or JSON dump downstream can fail.
    for (Issue& issue : result.issues)
    {
        if (!util::isValidUtf8(issue.message))
            issue.message = util::validUtf8(issue.message);
        if (!util::isValidUtf8(issue.pointer))
            issue.pointer = util::validUtf8(issue.pointer);
    }
    return result;
}

ReadStatus readFile(const std::string& path, std::string& out, std::string& error, std::size_t maxBytes)
{
    std::error_code ec;
    if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec))
    {
        error = "cannot read " + path + ": not a regular file";
        return ReadStatus::IoError;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in)
    {
        error = "cannot open " + path;
        return ReadStatus::IoError;
    }
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    in.seekg(0, std::ios::beg);
    if (size < 0)
    {
        error = "cannot read " + path + " (not a regular file?)";
        return ReadStatus::IoError;
    }
    if (static_cast<std::uint64_t>(size) > maxBytes)
    {
        error = "the feed is " + std::to_string(size) + " bytes, larger than the limit of " + std::to_string(maxBytes) + " bytes";
        return ReadStatus::TooLarge;
    }
    // Spare capacity for the JSON reader's padding (simdjson reads up to 64 bytes past
    // the end), so a 125 MB feed is not copied once more to get it.
    out.reserve(static_cast<std::size_t>(size) + kReadPadding);
    out.assign(static_cast<std::size_t>(size), '\0');
    if (size > 0 && !in.read(out.data(), size))
    {
        error = "cannot read " + path;
        return ReadStatus::IoError;
    }
    return ReadStatus::Ok;
}

LoadResult loadCatalogFile(const std::string& path, const FeedLimits& limits)
{
    std::string bytes, error;
    if (readFile(path, bytes, error, limits.maxDocumentBytes) != ReadStatus::Ok)
    {
        LoadResult result;
        result.issues.push_back({Severity::Fatal, "", error});
        return result;
    }
    return loadCatalog(std::move(bytes), limits);
}

}  // namespace mint::catalog
