// The on-disk cache of an online tile source: one SQLite file (cache/tiles.sqlite) holding
// each tile's bytes with its validators (ETag, Last-Modified) and freshness (from
// Cache-Control), bounded by size: the least recently used tiles go first. A damaged file
// is replaced by an empty one (it is only a cache). Thread-safe.
#pragma once

#include "map/tiles.hpp"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

struct sqlite3;

namespace mint::map
{

struct CachedTile
{
    std::string data;
    std::string etag;
    std::string lastModified;
    std::int64_t expires = 0;  ///< Unix seconds; fresh before this
};

/// What a Cache-Control header allows.
struct CachePolicy
{
    bool store = true;                 ///< false with no-store
    std::optional<long long> maxAgeS;  ///< max-age (0 with no-cache: always revalidate)
};
CachePolicy parseCacheControl(const std::string& header);

/// The longest a tile counts as fresh, whatever a server says (max-age=99999999999 would
/// otherwise overflow the clock).
constexpr long long kMaxTileAgeS = 365LL * 24 * 3600;
/// When a tile fetched at `now` stops being fresh: max-age (or the default), at most a year.
std::int64_t tileExpiry(const CachePolicy& policy, std::int64_t now, long long defaultMaxAgeS);

class TileDiskCache
{
public:
    TileDiskCache() = default;
    ~TileDiskCache();
    TileDiskCache(const TileDiskCache&) = delete;
    TileDiskCache& operator=(const TileDiskCache&) = delete;

    bool open(const std::string& path, std::uint64_t maxBytes, std::string& error);
    std::optional<CachedTile> get(const TileId& t, std::int64_t now);
    /// Stores a tile, then trims the cache to its size bound.
    void put(const TileId& t, const CachedTile& tile, std::int64_t now);
    /// After a 304: the copy is fresh again until `expires`.
    void refresh(const TileId& t, std::int64_t expires, std::int64_t now);
    std::uint64_t bytes() const;
    std::size_t count() const;

private:
    void trim();
    bool createSchema(std::string& error);
    sqlite3* m_db = nullptr;
    std::uint64_t m_maxBytes = 0;
    std::uint64_t m_bytes = 0;
    std::size_t m_count = 0;
    mutable std::mutex m_mutex;
};

}  // namespace mint::map
