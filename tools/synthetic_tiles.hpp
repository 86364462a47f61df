// Synthetic raster tiles for tests, benchmarks and the demo: a made-up landscape drawn
// from world coordinates (fields, woods, a river, a road grid), so neighbouring tiles and
// zoom levels fit together and a seam or a wrong row order shows at once. Not a real map:
// the package's attribution says so.
#pragma once

#include "map/mbtiles.hpp"

#include <array>
#include <functional>
#include <string>

namespace mint::tools
{

/// One 256x256 tile as RGBA.
std::vector<std::uint8_t> renderSyntheticTile(const map::TileId& t);
/// Encoded as "png" or "jpg".
std::string encodeSyntheticTile(const map::TileId& t, const std::string& format);

struct SyntheticPackage
{
    std::string path;
    std::array<double, 4> bbox{6.35, 49.1, 7.4, 49.65};  ///< min_lon, min_lat, max_lon, max_lat
    int minZoom = 8, maxZoom = 12;
    std::string format = "png";
    std::string attribution = "Demo-Kacheln: erfundene Landschaft, keine echte Karte";
};

/// Writes (or completes) an MBTiles package; `progress(done, total)` now and then.
bool makeSyntheticPackage(const SyntheticPackage& p, std::string& error,
                          const std::function<void(std::uint64_t, std::uint64_t)>& progress = {});

}  // namespace mint::tools
