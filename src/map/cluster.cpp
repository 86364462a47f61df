// Marker clustering; see cluster.hpp.
#include "map/cluster.hpp"

#include "map/mercator.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace mint::map
{

std::vector<Cluster> buildClusters(const std::vector<MarkerPoint>& points, double zoom, double radiusPx)
{
    std::vector<Cluster> out;
    if (points.empty())
        return out;
    radiusPx = std::max(1.0, radiusPx);
    std::vector<WorldPoint> world(points.size());
    // Grid index with cells of the radius: neighbours are in the 3x3 cells around.
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> grid;
    auto cellKey = [](long long cx, long long cy)
    { return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(cx)) << 32) | static_cast<std::uint32_t>(cy); };
    for (std::size_t i = 0; i < points.size(); ++i)
    {
        world[i] = project(points[i].lat, points[i].lon, zoom);
        grid[cellKey(static_cast<long long>(std::floor(world[i].x / radiusPx)), static_cast<long long>(std::floor(world[i].y / radiusPx)))]
            .push_back(static_cast<std::uint32_t>(i));
    }
    std::vector<char> taken(points.size(), 0);
    const double r2 = radiusPx * radiusPx;
    for (std::size_t i = 0; i < points.size(); ++i)
    {
        if (taken[i])
            continue;
        Cluster c;
        const long long cx = static_cast<long long>(std::floor(world[i].x / radiusPx));
        const long long cy = static_cast<long long>(std::floor(world[i].y / radiusPx));
        std::vector<std::uint32_t> idx;
        for (long long dx = -1; dx <= 1; ++dx)
            for (long long dy = -1; dy <= 1; ++dy)
            {
                auto it = grid.find(cellKey(cx + dx, cy + dy));
                if (it == grid.end())
                    continue;
                for (std::uint32_t j : it->second)
                {
                    if (taken[j])
                        continue;
                    const double ex = world[j].x - world[i].x, ey = world[j].y - world[i].y;
                    if (ex * ex + ey * ey <= r2)
                        idx.push_back(j);
                }
            }
        std::sort(idx.begin(), idx.end());  // input order, whatever the cell order
        double sumLat = 0, sumLon = 0;
        for (std::uint32_t j : idx)
        {
            taken[j] = 1;
            c.members.push_back(points[j].id);
            sumLat += points[j].lat;
            sumLon += points[j].lon;
            c.onePlace = c.onePlace && points[j].lat == points[i].lat && points[j].lon == points[i].lon;
        }
        c.lat = sumLat / static_cast<double>(idx.size());
        c.lon = sumLon / static_cast<double>(idx.size());
        out.push_back(std::move(c));
    }
    return out;
}

std::optional<int> splitZoom(const Cluster& cluster, const std::vector<MarkerPoint>& points, double zoom, int maxZoom, double radiusPx)
{
    if (cluster.members.size() < 2 || cluster.onePlace)
        return std::nullopt;
    std::vector<MarkerPoint> mine;
    for (const auto& p : points)
        if (std::find(cluster.members.begin(), cluster.members.end(), p.id) != cluster.members.end())
            mine.push_back(p);
    for (int z = static_cast<int>(std::floor(zoom)) + 1; z <= maxZoom; ++z)
        if (buildClusters(mine, z, radiusPx).size() > 1)
            return z;
    return std::nullopt;
}

int standAloneZoom(const std::vector<MarkerPoint>& points, std::uint32_t id, int fromZoom, int maxZoom, double radiusPx)
{
    const MarkerPoint* self = nullptr;
    for (const auto& p : points)
        if (p.id == id)
            self = &p;
    if (!self)
        return fromZoom;
    for (int z = fromZoom; z <= maxZoom; ++z)
    {
        for (const Cluster& c : buildClusters(points, z, radiusPx))
        {
            if (std::find(c.members.begin(), c.members.end(), id) == c.members.end())
                continue;
            // Alone, or only with offers at the very same place (no zoom separates those).
            const bool samePlaceOnly = std::all_of(c.members.begin(), c.members.end(),
                                                   [&](std::uint32_t m)
                                                   {
                                                       for (const auto& p : points)
                                                           if (p.id == m)
                                                               return p.lat == self->lat && p.lon == self->lon;
                                                       return false;
                                                   });
            if (c.members.size() == 1 || samePlaceOnly)
                return z;
            break;
        }
    }
    return maxZoom;
}

}  // namespace mint::map
