// Tile planning; see tile_plan.hpp.
#include "map/tile_plan.hpp"

#include <algorithm>

namespace mint::map
{

TilePlan planTiles(const MapView& view, int minZoom, int maxZoom, const std::function<bool(const TileId&)>& loaded,
                   const std::function<bool(const TileId&)>& askable)
{
    TilePlan plan;
    const int z = tileZoomFor(view.zoom, minZoom, maxZoom);
    plan.zoom = z;
    const TileRange range = visibleTiles(view, z);
    std::vector<std::pair<double, TileId>> wanted;
    for (int y = range.y0; y <= range.y1 && !range.empty(); ++y)
        for (int x = range.x0; x <= range.x1; ++x)
        {
            const TileId t{z, x, y};
            const ScreenRect r = tileScreenRect(view, t);
            ++plan.positions;
            if (loaded(t))
            {
                plan.draws.push_back(TileDraw{t, r, UvRect{}, r.x1 - r.x0 == 256 && r.y1 - r.y0 == 256});
                ++plan.exact;
                continue;
            }
            if (askable(t))
                wanted.emplace_back(tileDistance2(view, t), t);
            bool covered = false;
            for (int up = 1; up <= z - minZoom && !covered; ++up)
            {
                const TileId a = parentOf(t, up);
                if (loaded(a))
                {
                    plan.draws.push_back(TileDraw{a, r, subRectOf(t, a), false});
                    covered = true;
                }
            }
            if (!covered && z < maxZoom)
                for (int c = 0; c < 4; ++c)
                {
                    const TileId child{z + 1, 2 * x + (c & 1), 2 * y + (c >> 1)};
                    if (loaded(child))
                    {
                        plan.draws.push_back(TileDraw{child, tileScreenRect(view, child), UvRect{}, false});
                        covered = true;
                    }
                }
            ++(covered ? plan.standIns : plan.uncovered);
            if (!covered)
                plan.uncoveredRects.push_back(r);
        }
    std::stable_sort(wanted.begin(), wanted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& w : wanted)
        plan.wanted.push_back(w.second);
    return plan;
}

}  // namespace mint::map
