// MBTiles reading and writing; see mbtiles.hpp.
#include "map/mbtiles.hpp"

#include <sqlite3.h>

#include <cstdio>
#include <sstream>

namespace mint::map
{

namespace
{

std::string sqliteError(sqlite3* db, const std::string& what)
{
    return what + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
}

}  // namespace

MbtilesReader::~MbtilesReader()
{
    close();
}

void MbtilesReader::close()
{
    if (m_select)
        sqlite3_finalize(m_select);
    if (m_db)
        sqlite3_close(m_db);
    m_select = nullptr;
    m_db = nullptr;
}

bool MbtilesReader::open(const std::string& path, std::string& error)
{
    close();
    m_info = MbtilesInfo{};
    if (sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK)
    {
        error = sqliteError(m_db, "cannot open map package " + path);
        close();
        return false;
    }
    // Metadata (optional rows); a file that is not a database fails here.
    sqlite3_stmt* meta = nullptr;
    if (sqlite3_prepare_v2(m_db, "SELECT name, value FROM metadata", -1, &meta, nullptr) != SQLITE_OK)
    {
        error = sqliteError(m_db, "not an MBTiles package: " + path);
        close();
        return false;
    }
    int rc = 0;
    while ((rc = sqlite3_step(meta)) == SQLITE_ROW)
    {
        const char* n = reinterpret_cast<const char*>(sqlite3_column_text(meta, 0));
        const char* v = reinterpret_cast<const char*>(sqlite3_column_text(meta, 1));
        if (!n || !v)
            continue;
        const std::string name = n, value = v;
        if (name == "name")
            m_info.name = value;
        else if (name == "format")
            m_info.format = value;
        else if (name == "attribution")
            m_info.attribution = value;
        else if (name == "minzoom")
            m_info.minZoom = std::atoi(value.c_str());
        else if (name == "maxzoom")
            m_info.maxZoom = std::atoi(value.c_str());
        else if (name == "bounds")
        {
            std::array<double, 4> b{};
            if (std::sscanf(value.c_str(), "%lf,%lf,%lf,%lf", &b[0], &b[1], &b[2], &b[3]) == 4 && b[0] < b[2] && b[1] < b[3])
                m_info.bounds = b;
        }
    }
    sqlite3_finalize(meta);
    if (rc != SQLITE_DONE)
    {
        error = sqliteError(m_db, "damaged map package " + path);
        close();
        return false;
    }
    if (m_info.format.empty())
        m_info.format = "png";
    if (m_info.format == "jpeg")
        m_info.format = "jpg";
    if (m_info.format != "png" && m_info.format != "jpg")
    {
        error = "map package " + path + " holds '" + m_info.format + "' tiles; the kiosk shows PNG or JPEG raster tiles";
        close();
        return false;
    }
    if (sqlite3_prepare_v2(m_db, "SELECT tile_data FROM tiles WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3", -1, &m_select,
                           nullptr) != SQLITE_OK)
    {
        error = sqliteError(m_db, "not an MBTiles package (no tiles table): " + path);
        close();
        return false;
    }
    if (m_info.minZoom < 0 || m_info.maxZoom < 0 || m_info.minZoom > m_info.maxZoom)
    {
        sqlite3_stmt* zr = nullptr;
        if (sqlite3_prepare_v2(m_db, "SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles", -1, &zr, nullptr) == SQLITE_OK &&
            sqlite3_step(zr) == SQLITE_ROW && sqlite3_column_type(zr, 0) != SQLITE_NULL)
        {
            m_info.minZoom = sqlite3_column_int(zr, 0);
            m_info.maxZoom = sqlite3_column_int(zr, 1);
        }
        sqlite3_finalize(zr);
        if (m_info.minZoom < 0 || m_info.maxZoom < 0)
        {
            error = "map package " + path + " holds no tiles";
            close();
            return false;
        }
    }
    return true;
}

TileRead MbtilesReader::read(const TileId& t, std::string& bytes, std::string& error)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_select)
    {
        error = "no map package open";
        return TileRead::Error;
    }
    if (!validTile(t))
        return TileRead::Missing;
    sqlite3_reset(m_select);
    sqlite3_bind_int(m_select, 1, t.z);
    sqlite3_bind_int(m_select, 2, t.x);
    sqlite3_bind_int(m_select, 3, flipRow(t.z, t.y));
    const int rc = sqlite3_step(m_select);
    if (rc == SQLITE_ROW)
    {
        const void* blob = sqlite3_column_blob(m_select, 0);
        const int n = sqlite3_column_bytes(m_select, 0);
        bytes.assign(static_cast<const char*>(blob), blob ? static_cast<std::size_t>(n) : 0u);
        sqlite3_reset(m_select);
        return bytes.empty() ? TileRead::Missing : TileRead::Found;
    }
    sqlite3_reset(m_select);
    if (rc == SQLITE_DONE)
        return TileRead::Missing;
    error = sqliteError(m_db, "tile " + tileName(t));
    return TileRead::Error;
}

// ---------------------------------------------------------------------------------------

MbtilesWriter::~MbtilesWriter()
{
    std::string ignored;
    if (m_db)
        commit(ignored);
    if (m_insert)
        sqlite3_finalize(m_insert);
    if (m_exists)
        sqlite3_finalize(m_exists);
    if (m_db)
        sqlite3_close(m_db);
}

bool MbtilesWriter::open(const std::string& path, const MbtilesInfo& info, std::string& error)
{
    if (sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
    {
        error = sqliteError(m_db, "cannot create " + path);
        return false;
    }
    const char* schema = "CREATE TABLE IF NOT EXISTS metadata (name TEXT PRIMARY KEY, value TEXT);"
                         "CREATE TABLE IF NOT EXISTS tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB,"
                         " PRIMARY KEY (zoom_level, tile_column, tile_row));";
    char* msg = nullptr;
    if (sqlite3_exec(m_db, schema, nullptr, nullptr, &msg) != SQLITE_OK)
    {
        error = "cannot create the MBTiles schema in " + path + ": " + (msg ? msg : "?");
        sqlite3_free(msg);
        return false;
    }
    sqlite3_stmt* put = nullptr;
    if (sqlite3_prepare_v2(m_db, "INSERT OR REPLACE INTO metadata (name, value) VALUES (?1, ?2)", -1, &put, nullptr) != SQLITE_OK)
    {
        error = sqliteError(m_db, "metadata");
        return false;
    }
    auto meta = [&](const char* name, const std::string& value)
    {
        sqlite3_reset(put);
        sqlite3_bind_text(put, 1, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(put, 2, value.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_step(put);
    };
    meta("name", info.name.empty() ? "MINT Kiosk map" : info.name);
    meta("type", "baselayer");
    meta("version", "1");
    meta("format", info.format.empty() ? "png" : info.format);
    if (!info.attribution.empty())
        meta("attribution", info.attribution);
    if (info.minZoom >= 0)
        meta("minzoom", std::to_string(info.minZoom));
    if (info.maxZoom >= 0)
        meta("maxzoom", std::to_string(info.maxZoom));
    if (info.bounds)
    {
        std::ostringstream b;
        b.precision(10);
        b << (*info.bounds)[0] << ',' << (*info.bounds)[1] << ',' << (*info.bounds)[2] << ',' << (*info.bounds)[3];
        meta("bounds", b.str());
    }
    sqlite3_finalize(put);
    if (sqlite3_prepare_v2(m_db, "INSERT OR REPLACE INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?1, ?2, ?3, ?4)", -1,
                           &m_insert, nullptr) != SQLITE_OK ||
        sqlite3_prepare_v2(m_db, "SELECT 1 FROM tiles WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3", -1, &m_exists,
                           nullptr) != SQLITE_OK)
    {
        error = sqliteError(m_db, "cannot prepare tile statements");
        return false;
    }
    return true;
}

bool MbtilesWriter::has(const TileId& t)
{
    sqlite3_reset(m_exists);
    sqlite3_bind_int(m_exists, 1, t.z);
    sqlite3_bind_int(m_exists, 2, t.x);
    sqlite3_bind_int(m_exists, 3, flipRow(t.z, t.y));
    const bool found = sqlite3_step(m_exists) == SQLITE_ROW;
    sqlite3_reset(m_exists);
    return found;
}

bool MbtilesWriter::put(const TileId& t, const std::string& bytes, std::string& error)
{
    if (m_pending == 0)
        sqlite3_exec(m_db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_reset(m_insert);
    sqlite3_bind_int(m_insert, 1, t.z);
    sqlite3_bind_int(m_insert, 2, t.x);
    sqlite3_bind_int(m_insert, 3, flipRow(t.z, t.y));
    sqlite3_bind_blob(m_insert, 4, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(m_insert) != SQLITE_DONE)
    {
        error = sqliteError(m_db, "tile " + tileName(t));
        return false;
    }
    if (++m_pending >= 256)
        return commit(error);
    return true;
}

bool MbtilesWriter::commit(std::string& error)
{
    if (m_pending == 0)
        return true;
    m_pending = 0;
    char* msg = nullptr;
    if (sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, &msg) != SQLITE_OK)
    {
        error = std::string("commit: ") + (msg ? msg : "?");
        sqlite3_free(msg);
        return false;
    }
    return true;
}

}  // namespace mint::map
