// Map tiles on screen: a fixed pool of tile slots in a few atlas textures (64 tiles of
// 256x256 each, plus a one-pixel border; bounded memory, least recently used slots reused,
// the region's lowest levels pinned; a screen of tiles is one or two draw calls), at most a
// few uploads per frame,
// and stand-ins while a tile loads: its nearest loaded ancestor (the matching part,
// scaled) or its loaded children. Loading and decoding happen in map::TileLoader.
#pragma once

#include "map/slot_pool.hpp"
#include "map/tile_loader.hpp"

#include <imgui.h>

#include <array>
#include <optional>
#include <unordered_map>
#include <vector>

namespace mint::ui
{

struct TileDrawStats
{
    int tiles = 0;      ///< visible tile positions
    int exact = 0;      ///< drawn from their own texture
    int standIns = 0;   ///< drawn from an ancestor or children
    int uncovered = 0;  ///< nothing yet: the fallback map shows through
    std::vector<map::ScreenRect> uncoveredRects;
};

class TileLayer
{
public:
    explicit TileLayer(std::size_t maxSlots = 192);  ///< 3 atlases of 2064x2064 = 48.7 MiB at most
    ~TileLayer();
    TileLayer(const TileLayer&) = delete;
    TileLayer& operator=(const TileLayer&) = delete;

    /// Uploads finished tiles from the loader (UI thread); returns how many.
    int upload(map::TileLoader& loader, int maxPerFrame = 4, double now = 0);
    /// Draws the view's tiles into `dl` (clipped by the caller), asks the loader for what
    /// is missing, nearest the centre first. `region` tiles at the two lowest levels are
    /// requested too and stay pinned.
    TileDrawStats draw(ImDrawList* dl, const map::MapView& view, map::TileLoader& loader, double now,
                       const std::optional<std::array<double, 4>>& region, bool moving = false);
    std::size_t textureBytes() const;
    std::size_t slotsUsed() const { return m_pool.size(); }
    std::size_t maxSlots() const { return m_pool.maxSlots(); }

private:
    struct Atlas
    {
        unsigned texture = 0;
        bool linear = true;
    };
    int slotFor(std::uint64_t key);

    map::SlotPool m_pool;  ///< slot i: atlas i / 64, cell i % 64
    std::vector<Atlas> m_atlases;
    std::vector<std::uint8_t> m_cellBuffer;                   ///< one padded tile, reused for every upload
    std::unordered_map<std::uint64_t, double> m_unavailable;  ///< tile key -> retry time
    std::uint64_t m_frame = 0;
    std::vector<map::TileId> m_lastWanted;
};

}  // namespace mint::ui
