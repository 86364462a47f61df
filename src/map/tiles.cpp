// Tile maths; see tiles.hpp.
#include "map/tiles.hpp"

#include <algorithm>
#include <cmath>

namespace mint::map
{

std::uint64_t tileKey(const TileId& t)
{
    return (static_cast<std::uint64_t>(t.z) << 58) | (static_cast<std::uint64_t>(static_cast<std::uint32_t>(t.x)) << 29) |
           static_cast<std::uint64_t>(static_cast<std::uint32_t>(t.y));
}

TileId tileFromKey(std::uint64_t key)
{
    return TileId{static_cast<int>(key >> 58), static_cast<int>((key >> 29) & ((1u << 29) - 1)), static_cast<int>(key & ((1u << 29) - 1))};
}

std::string tileName(const TileId& t)
{
    return std::to_string(t.z) + "/" + std::to_string(t.x) + "/" + std::to_string(t.y);
}

bool validTile(const TileId& t)
{
    if (t.z < 0 || t.z > 28)
        return false;
    const int n = 1 << t.z;
    return t.x >= 0 && t.x < n && t.y >= 0 && t.y < n;
}

TileId parentOf(const TileId& t, int levels)
{
    levels = std::clamp(levels, 0, t.z);
    return TileId{t.z - levels, t.x >> levels, t.y >> levels};
}

UvRect subRectOf(const TileId& t, const TileId& ancestor)
{
    const int d = t.z - ancestor.z;
    if (d <= 0)
        return UvRect{};
    const float n = static_cast<float>(1 << d);
    const float fx = static_cast<float>(t.x - (ancestor.x << d));
    const float fy = static_cast<float>(t.y - (ancestor.y << d));
    return UvRect{fx / n, fy / n, (fx + 1) / n, (fy + 1) / n};
}

int tileZoomFor(double viewZoom, int minZ, int maxZ)
{
    // Slightly below .5 rounds down: a level is drawn scaled between 0.71x and 1.41x.
    const int z = static_cast<int>(std::floor(viewZoom + 0.5));
    return std::clamp(z, minZ, maxZ);
}

namespace
{

/// World pixel of the view centre at zoom z (tile coordinates * 256).
WorldPoint centreAt(const MapView& v, int z)
{
    return project(v.centerLat, v.centerLon, z);
}

}  // namespace

TileRange visibleTiles(const MapView& v, int z)
{
    const double scale = std::pow(2.0, v.zoom - z);  // screen pixels per tile pixel
    const WorldPoint c = centreAt(v, z);
    const double halfW = v.widthPx / 2 / scale, halfH = v.heightPx / 2 / scale;
    const int n = 1 << z;
    TileRange r;
    r.z = z;
    r.x0 = std::max(0, static_cast<int>(std::floor((c.x - halfW) / kTileSize)));
    r.y0 = std::max(0, static_cast<int>(std::floor((c.y - halfH) / kTileSize)));
    r.x1 = std::min(n - 1, static_cast<int>(std::floor((c.x + halfW) / kTileSize)));
    r.y1 = std::min(n - 1, static_cast<int>(std::floor((c.y + halfH) / kTileSize)));
    return r;
}

ScreenRect tileScreenRect(const MapView& v, const TileId& t)
{
    const double scale = std::pow(2.0, v.zoom - t.z);
    const WorldPoint c = centreAt(v, t.z);
    auto sx = [&](int tx) { return static_cast<float>(std::round(v.originX + v.widthPx / 2 + (tx * kTileSize - c.x) * scale)); };
    auto sy = [&](int ty) { return static_cast<float>(std::round(v.originY + v.heightPx / 2 + (ty * kTileSize - c.y) * scale)); };
    return ScreenRect{sx(t.x), sy(t.y), sx(t.x + 1), sy(t.y + 1)};
}

TileRange tilesForBox(const std::array<double, 4>& box, int z)
{
    const WorldPoint nw = project(box[3], box[0], z), se = project(box[1], box[2], z);
    const int n = 1 << z;
    TileRange r;
    r.z = z;
    r.x0 = std::clamp(static_cast<int>(std::floor(nw.x / kTileSize)), 0, n - 1);
    r.y0 = std::clamp(static_cast<int>(std::floor(nw.y / kTileSize)), 0, n - 1);
    r.x1 = std::clamp(static_cast<int>(std::floor(se.x / kTileSize)), 0, n - 1);
    r.y1 = std::clamp(static_cast<int>(std::floor(se.y / kTileSize)), 0, n - 1);
    return r;
}

std::uint64_t countTilesForBox(const std::array<double, 4>& box, int zMin, int zMax)
{
    std::uint64_t n = 0;
    for (int z = zMin; z <= zMax; ++z)
        n += tilesForBox(box, z).count();
    return n;
}

double tileDistance2(const MapView& v, const TileId& t)
{
    const WorldPoint c = centreAt(v, t.z);
    const double dx = (t.x + 0.5) - c.x / kTileSize, dy = (t.y + 0.5) - c.y / kTileSize;
    return dx * dx + dy * dy;
}

}  // namespace mint::map
