// Feed format v1 (docs/feed-format.md): bytes -> validated, indexed Catalog, or errors.
//
// A broken envelope rejects the whole feed (Severity::Fatal). A broken offer, provider,
// place or story is skipped (Severity::Error) and the rest loads. Every issue names the
// JSON pointer of the offending value.
#pragma once

#include "model.hpp"

#include <memory>
#include <string>
#include <vector>

namespace mint::catalog
{

/// Guards against hostile or broken feeds. Configurable; defaults documented in
/// docs/feed-format.md.
struct FeedLimits
{
    std::size_t maxDocumentBytes = 256u << 20;
    std::size_t maxOffers = 200000;
    std::size_t maxStringBytes = 64u << 10;
    std::size_t maxDepth = 32;
    std::size_t maxArrayItems = 1000;  ///< any array inside one offer/provider/place
    std::size_t maxOccurrencesPerOffer = 1000;
};

enum class Severity
{
    Warning,
    Error,
    Fatal
};
const char* severityName(Severity severity);

struct Issue
{
    Severity severity = Severity::Error;
    std::string pointer;  ///< JSON pointer, "" for the whole document
    std::string message;
    /// "/offers/17/location/geo/lat: expected a number between -90 and 90, got \"49,2\""
    std::string toString() const;
};

struct LoadResult
{
    std::unique_ptr<Catalog> catalog;  ///< null when the feed was rejected
    std::vector<Issue> issues;
    std::size_t offersSeen = 0;  ///< offers in the document, valid or not
    std::size_t offersSkipped = 0;
    /// Where the time went, in milliseconds (for the bench and the start-up trace).
    struct Timing
    {
        double decodeMs = 0;  ///< JSON reading and per-field checks
        double checkMs = 0;   ///< duplicates and cross-references
        double indexMs = 0;   ///< schedules, subjects, ids, title order, text index
    } timing;

    bool accepted() const { return catalog != nullptr; }
    std::size_t count(Severity severity) const;
};

/// Parses, validates and indexes a feed. Takes the bytes (the catalogue keeps them);
/// gzip-compressed bytes are inflated first (up to maxDocumentBytes).
LoadResult loadCatalog(std::string bytes, const FeedLimits& limits = {});

enum class ReadStatus
{
    Ok,
    IoError,
    TooLarge
};
/// Spare bytes readFile reserves past the end: what the JSON reader needs as padding.
constexpr std::size_t kReadPadding = 64;
/// Reads a whole file into `out` (one allocation, with kReadPadding spare capacity); a
/// file over `maxBytes` is not read.
ReadStatus readFile(const std::string& path, std::string& out, std::string& error, std::size_t maxBytes = static_cast<std::size_t>(-1));

/// Reads a file first; an unreadable or oversized file is a Fatal issue.
LoadResult loadCatalogFile(const std::string& path, const FeedLimits& limits = {});

/// Builds the index (zone, schedules, subjects, ids, title order, text index). Called by
/// loadCatalog; appends warnings (e.g. occurrences cut by the limit).
void indexCatalog(Catalog& catalog, const FeedLimits& limits, std::vector<Issue>& issues);

}  // namespace mint::catalog
