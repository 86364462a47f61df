// On-disk tile cache; see tile_cache.hpp.
#include "map/tile_cache.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <vector>

namespace mint::map
{

CachePolicy parseCacheControl(const std::string& header)
{
    CachePolicy p;
    std::string h;
    for (char c : header)
        h += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::size_t pos = 0;
    while (pos <= h.size())
    {
        std::size_t end = h.find(',', pos);
        if (end == std::string::npos)
            end = h.size();
        std::string item = h.substr(pos, end - pos);
        item.erase(0, item.find_first_not_of(" \t"));
        item.erase(item.find_last_not_of(" \t") + 1);
        if (item == "no-store")
            p.store = false;
        else if (item == "no-cache")
            p.maxAgeS = 0;
        else if (item.rfind("max-age=", 0) == 0 && !(p.maxAgeS && *p.maxAgeS == 0))
        {
            char* stop = nullptr;
            const long long v = std::strtoll(item.c_str() + 8, &stop, 10);
            if (stop && *stop == '\0' && v >= 0)
                p.maxAgeS = v;
        }
        pos = end + 1;
    }
    return p;
}

std::int64_t tileExpiry(const CachePolicy& policy, std::int64_t now, long long defaultMaxAgeS)
{
    return now + std::clamp(policy.maxAgeS.value_or(defaultMaxAgeS), 0LL, kMaxTileAgeS);
}

TileDiskCache::~TileDiskCache()
{
    if (m_db)
        sqlite3_close(m_db);
}

bool TileDiskCache::createSchema(std::string& error)
{
    char* msg = nullptr;
    const char* sql = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                      "CREATE TABLE IF NOT EXISTS tiles (key INTEGER PRIMARY KEY, data BLOB NOT NULL, etag TEXT, last_modified TEXT,"
                      " expires INTEGER NOT NULL, used INTEGER NOT NULL, bytes INTEGER NOT NULL);"
                      "CREATE INDEX IF NOT EXISTS tiles_used ON tiles(used);";
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &msg) != SQLITE_OK)
    {
        error = std::string("tile cache: ") + (msg ? msg : "?");
        sqlite3_free(msg);
        return false;
    }
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(m_db, "SELECT COALESCE(SUM(bytes), 0), COUNT(*) FROM tiles", -1, &st, nullptr) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW)
    {
        error = std::string("tile cache: ") + sqlite3_errmsg(m_db);
        sqlite3_finalize(st);
        return false;
    }
    m_bytes = static_cast<std::uint64_t>(sqlite3_column_int64(st, 0));
    m_count = static_cast<std::size_t>(sqlite3_column_int64(st, 1));
    sqlite3_finalize(st);
    return true;
}

bool TileDiskCache::open(const std::string& path, std::uint64_t maxBytes, std::string& error)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_maxBytes = maxBytes;
    for (int attempt = 0; attempt < 2; ++attempt)
    {
        if (sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) ==
                SQLITE_OK &&
            createSchema(error))
        {
            sqlite3_busy_timeout(m_db, 2000);
            return true;
        }
        // Damaged: it is only a cache. Start again with an empty one.
        sqlite3_close(m_db);
        m_db = nullptr;
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            std::filesystem::remove(path + suffix, ec);
    }
    if (error.empty())
        error = "cannot create the tile cache " + path;
    return false;
}

std::optional<CachedTile> TileDiskCache::get(const TileId& t, std::int64_t now)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_db)
        return std::nullopt;
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(m_db, "SELECT data, etag, last_modified, expires, used FROM tiles WHERE key = ?1", -1, &st, nullptr);
    sqlite3_bind_int64(st, 1, static_cast<sqlite3_int64>(tileKey(t)));
    std::optional<CachedTile> out;
    std::int64_t used = now;
    if (sqlite3_step(st) == SQLITE_ROW)
    {
        CachedTile c;
        const void* blob = sqlite3_column_blob(st, 0);
        c.data.assign(static_cast<const char*>(blob), blob ? static_cast<std::size_t>(sqlite3_column_bytes(st, 0)) : 0u);
        if (const unsigned char* e = sqlite3_column_text(st, 1))
            c.etag = reinterpret_cast<const char*>(e);
        if (const unsigned char* l = sqlite3_column_text(st, 2))
            c.lastModified = reinterpret_cast<const char*>(l);
        c.expires = sqlite3_column_int64(st, 3);
        used = sqlite3_column_int64(st, 4);
        out = std::move(c);
    }
    sqlite3_finalize(st);
    // Recency for the LRU bound; written at most every ten minutes per tile (no write per read).
    if (out && (used < now - 600 || used > now))  // (a damaged row may hold any number)
    {
        sqlite3_prepare_v2(m_db, "UPDATE tiles SET used = ?2 WHERE key = ?1", -1, &st, nullptr);
        sqlite3_bind_int64(st, 1, static_cast<sqlite3_int64>(tileKey(t)));
        sqlite3_bind_int64(st, 2, now);
        sqlite3_step(st);
        sqlite3_finalize(st);
    }
    return out;
}

void TileDiskCache::put(const TileId& t, const CachedTile& tile, std::int64_t now)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_db)
        return;
    sqlite3_stmt* st = nullptr;
    // The size of a tile being replaced leaves the total first.
    sqlite3_prepare_v2(m_db, "SELECT bytes FROM tiles WHERE key = ?1", -1, &st, nullptr);
    sqlite3_bind_int64(st, 1, static_cast<sqlite3_int64>(tileKey(t)));
    if (sqlite3_step(st) == SQLITE_ROW)
    {
        m_bytes -= std::min<std::uint64_t>(m_bytes, static_cast<std::uint64_t>(sqlite3_column_int64(st, 0)));
        --m_count;
    }
    sqlite3_finalize(st);
    sqlite3_prepare_v2(
        m_db, "INSERT OR REPLACE INTO tiles (key, data, etag, last_modified, expires, used, bytes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1,
        &st, nullptr);
    sqlite3_bind_int64(st, 1, static_cast<sqlite3_int64>(tileKey(t)));
    sqlite3_bind_blob(st, 2, tile.data.data(), static_cast<int>(tile.data.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, tile.etag.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, tile.lastModified.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 5, tile.expires);
    sqlite3_bind_int64(st, 6, now);
    sqlite3_bind_int64(st, 7, static_cast<sqlite3_int64>(tile.data.size()));
    if (sqlite3_step(st) == SQLITE_DONE)
    {
        m_bytes += tile.data.size();
        ++m_count;
    }
    sqlite3_finalize(st);
    trim();
}

void TileDiskCache::refresh(const TileId& t, std::int64_t expires, std::int64_t now)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_db)
        return;
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(m_db, "UPDATE tiles SET expires = ?2, used = ?3 WHERE key = ?1", -1, &st, nullptr);
    sqlite3_bind_int64(st, 1, static_cast<sqlite3_int64>(tileKey(t)));
    sqlite3_bind_int64(st, 2, expires);
    sqlite3_bind_int64(st, 3, now);
    sqlite3_step(st);
    sqlite3_finalize(st);
}

void TileDiskCache::trim()
{
    if (m_bytes <= m_maxBytes)
        return;
    // Oldest first, in batches, down to 90 % of the bound (no trim after every single tile).
    const std::uint64_t target = m_maxBytes / 10 * 9;
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(m_db, "SELECT key, bytes FROM tiles ORDER BY used ASC, key ASC LIMIT 256", -1, &st, nullptr);
    std::vector<std::pair<sqlite3_int64, std::uint64_t>> victims;
    std::uint64_t freed = 0;
    while (m_bytes - freed > target && sqlite3_step(st) == SQLITE_ROW)
    {
        victims.emplace_back(sqlite3_column_int64(st, 0), static_cast<std::uint64_t>(sqlite3_column_int64(st, 1)));
        freed += victims.back().second;
    }
    sqlite3_finalize(st);
    sqlite3_exec(m_db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_prepare_v2(m_db, "DELETE FROM tiles WHERE key = ?1", -1, &st, nullptr);
    std::size_t deleted = 0;
    for (const auto& [key, size] : victims)
    {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, key);
        if (sqlite3_step(st) == SQLITE_DONE)
        {
            m_bytes -= std::min(m_bytes, size);
            --m_count;
            ++deleted;
        }
    }
    sqlite3_finalize(st);
    sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
    if (m_bytes > m_maxBytes && deleted > 0)
        trim();
}

std::uint64_t TileDiskCache::bytes() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_bytes;
}

std::size_t TileDiskCache::count() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_count;
}

}  // namespace mint::map
