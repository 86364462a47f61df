// Which textures to draw where, for one frame of the map: every visible tile position
// gets its own tile when loaded, else the matching part of its nearest loaded ancestor,
// else its loaded children. Plus the list of tiles to ask the loader for, nearest the
// centre first. Pure logic (the GL side is ui/tile_layer): unit-tested.
#pragma once

#include "map/tiles.hpp"

#include <functional>
#include <vector>

namespace mint::map
{

struct TileDraw
{
    TileId texture;      ///< the loaded tile whose texture is drawn
    ScreenRect rect;     ///< where
    UvRect uv;           ///< which part of the texture
    bool exact = false;  ///< its own tile at exactly 256 pixels: drawn 1:1
};

struct TilePlan
{
    int zoom = 0;  ///< the tile level drawn
    std::vector<TileDraw> draws;
    std::vector<TileId> wanted;              ///< not loaded, nearest the view centre first
    std::vector<ScreenRect> uncoveredRects;  ///< positions with nothing to draw (the fallback map goes there)
    int positions = 0, exact = 0, standIns = 0, uncovered = 0;
};

/// `loaded(t)`: the tile has a texture. `askable(t)`: it may be requested (not known to be
/// missing, not failed a moment ago).
TilePlan planTiles(const MapView& view, int minZoom, int maxZoom, const std::function<bool(const TileId&)>& loaded,
                   const std::function<bool(const TileId&)>& askable);

}  // namespace mint::map
