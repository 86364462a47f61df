// Slippy-map tile maths (XYZ scheme, 256-pixel tiles): which tiles a view needs, where a
// tile lands on screen, parents and the part of a parent that stands in for a child, the
// TMS row flip of MBTiles packages, and the tiles of a region for seeding and pinning.
// No GL, no I/O: unit-tested in tests/unit/tiles_test.cpp.
#pragma once

#include "map/mercator.hpp"

#include <array>
#include <cstdint>
#include <string>

namespace mint::map
{

struct TileId
{
    int z = 0, x = 0, y = 0;  ///< XYZ: y = 0 is the northern edge
    bool operator==(const TileId& o) const { return z == o.z && x == o.x && y == o.y; }
    bool operator!=(const TileId& o) const { return !(*this == o); }
};

/// A unique 64-bit key (z < 32, x and y < 2^29).
std::uint64_t tileKey(const TileId& t);
TileId tileFromKey(std::uint64_t key);
/// "z/x/y" for logs and tile URLs.
std::string tileName(const TileId& t);

/// MBTiles stores rows in TMS order (y = 0 is the southern edge): the same flip both ways.
inline int flipRow(int z, int y)
{
    return (1 << z) - 1 - y;
}

/// True when x and y exist at z.
bool validTile(const TileId& t);

/// The ancestor `levels` zoom levels up (levels <= t.z).
TileId parentOf(const TileId& t, int levels = 1);

/// The part of `ancestor`'s texture (0..1 texture coordinates) that covers `t`.
struct UvRect
{
    float u0 = 0, v0 = 0, u1 = 1, v1 = 1;
};
UvRect subRectOf(const TileId& t, const TileId& ancestor);

/// An inclusive block of tiles at one zoom.
struct TileRange
{
    int z = 0, x0 = 0, y0 = 0, x1 = -1, y1 = -1;
    bool empty() const { return x1 < x0 || y1 < y0; }
    std::uint64_t count() const { return empty() ? 0 : static_cast<std::uint64_t>(x1 - x0 + 1) * static_cast<std::uint64_t>(y1 - y0 + 1); }
    bool contains(const TileId& t) const { return t.z == z && t.x >= x0 && t.x <= x1 && t.y >= y0 && t.y <= y1; }
};

/// The zoom level whose tiles a view at a fractional zoom draws (nearest level, within
/// [minZ, maxZ]; past maxZ the maxZ tiles are scaled up).
int tileZoomFor(double viewZoom, int minZ, int maxZ);

/// Tiles at zoom z that intersect the view (clipped to the world).
TileRange visibleTiles(const MapView& v, int z);

/// Screen rectangle of a tile, edges rounded to whole pixels. Neighbours compute their
/// shared edge from the same number, so there is never a seam or an overlap.
struct ScreenRect
{
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};
ScreenRect tileScreenRect(const MapView& v, const TileId& t);

/// Tiles at zoom z that intersect a lon/lat box (min_lon, min_lat, max_lon, max_lat).
TileRange tilesForBox(const std::array<double, 4>& box, int z);
/// How many tiles a box needs from zoom zMin to zMax.
std::uint64_t countTilesForBox(const std::array<double, 4>& box, int zMin, int zMax);

/// Squared distance in tiles from a tile's centre to the view centre at the tile's zoom
/// (the loader serves the nearest first).
double tileDistance2(const MapView& v, const TileId& t);

}  // namespace mint::map
