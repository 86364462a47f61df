// MBTiles 1.3 packages (SQLite): the offline map of a kiosk. Read-only for the kiosk (the
// file is opened with SQLITE_OPEN_READONLY and never changed), written by --seed-tiles and
// by tests. Rows are stored in TMS order; callers use XYZ tile ids and the flip happens here.
#pragma once

#include "map/tiles.hpp"

#include <array>
#include <mutex>
#include <optional>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace mint::map
{

struct MbtilesInfo
{
    std::string name;
    std::string format;       ///< "png" or "jpg" (raster only)
    std::string attribution;  ///< may contain HTML in the wild; shown as plain text
    int minZoom = -1;         ///< -1 when the metadata does not say
    int maxZoom = -1;
    std::optional<std::array<double, 4>> bounds;  ///< min_lon, min_lat, max_lon, max_lat
};

enum class TileRead
{
    Found,
    Missing,  ///< not in the package (outside its area or zoom range)
    Error,    ///< the database could not be read (damaged file)
};

class MbtilesReader
{
public:
    MbtilesReader() = default;
    ~MbtilesReader();
    MbtilesReader(const MbtilesReader&) = delete;
    MbtilesReader& operator=(const MbtilesReader&) = delete;

    /// Opens read-only and checks that it is a raster MBTiles file (a `tiles` table or
    /// view, PNG or JPEG format); fills in the zoom range from the tiles when the metadata
    /// lacks it. On failure: false and one line for staff in `error`.
    bool open(const std::string& path, std::string& error);
    bool isOpen() const { return m_db != nullptr; }
    const MbtilesInfo& info() const { return m_info; }

    /// One tile's bytes (thread-safe: one statement, serialised).
    TileRead read(const TileId& t, std::string& bytes, std::string& error);

private:
    void close();
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_select = nullptr;
    std::mutex m_mutex;
    MbtilesInfo m_info;
};

/// Creates or continues a package (for --seed-tiles and tests). Writes in transactions of
/// a few hundred tiles, so an interrupted run keeps what it committed and can resume.
class MbtilesWriter
{
public:
    MbtilesWriter() = default;
    ~MbtilesWriter();
    MbtilesWriter(const MbtilesWriter&) = delete;
    MbtilesWriter& operator=(const MbtilesWriter&) = delete;

    /// Opens `path` (created with the MBTiles schema when new) and writes the metadata.
    bool open(const std::string& path, const MbtilesInfo& info, std::string& error);
    bool has(const TileId& t);
    bool put(const TileId& t, const std::string& bytes, std::string& error);
    /// Commits what is pending (also done every few hundred tiles and on destruction).
    bool commit(std::string& error);

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_insert = nullptr;
    sqlite3_stmt* m_exists = nullptr;
    int m_pending = 0;
};

}  // namespace mint::map
