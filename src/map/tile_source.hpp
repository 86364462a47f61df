// Where tiles come from: the offline MBTiles package first, then (optionally) an online
// XYZ server through the on-disk cache. Used from the loader's worker threads and by
// --seed-tiles; each thread has its own HTTP connection, so two workers mean at most two
// parallel connections to the tile server.
#pragma once

#include "map/mbtiles.hpp"
#include "map/tile_cache.hpp"

#include <functional>
#include <memory>
#include <string>

namespace mint::net
{
class HttpClient;
}

namespace mint::map
{

enum class FetchStatus
{
    Ok,
    Missing,  ///< no such tile (outside the package, 404): the stand-ins are drawn
    Failed,   ///< could not get it now (network, server error, garbage): tried again later
};

struct FetchResult
{
    FetchStatus status = FetchStatus::Missing;
    std::string bytes;
    std::string error;  ///< for the log and the admin screen
    bool fromNetwork = false;
    bool stale = false;  ///< an expired cached copy, served because the server could not be reached
};

struct OnlineSourceOptions
{
    std::string urlTemplate;  ///< https://host/{z}/{x}/{y}.png
    std::string userAgent;    ///< identifies the kiosk and its operator
    long timeoutS = 15;
    long connectTimeoutS = 5;
    std::size_t maxBytes = 1u << 20;           ///< per tile
    long long defaultMaxAgeS = 7 * 24 * 3600;  ///< freshness when the server says nothing
};

/// {z}/{x}/{y} filled in.
std::string tileUrl(const std::string& urlTemplate, const TileId& t);
/// True for the public openstreetmap.org tile servers, whose policy forbids bulk
/// downloading and offline use (--seed-tiles refuses them).
bool isOsmPublicTileServer(const std::string& urlTemplate);

class OnlineTileSource
{
public:
    OnlineTileSource(OnlineSourceOptions options, TileDiskCache* cache, std::function<std::int64_t()> clock = {});
    /// One tile: fresh from the cache, else a conditional request; an expired copy is
    /// served when the server cannot be reached. `http` is the calling thread's client.
    FetchResult fetch(net::HttpClient& http, const TileId& t);
    const OnlineSourceOptions& options() const { return m_options; }

private:
    OnlineSourceOptions m_options;
    TileDiskCache* m_cache;
    std::function<std::int64_t()> m_clock;
};

/// The package and the online source together, in that order.
struct TileSources
{
    std::shared_ptr<MbtilesReader> package;    ///< may be null
    std::shared_ptr<OnlineTileSource> online;  ///< may be null
    int minZoom = 0, maxZoom = 19;             ///< what the sources can give

    bool any() const { return package || online; }
    FetchResult fetch(net::HttpClient& http, const TileId& t) const;
};

}  // namespace mint::map
