// Marker clustering for the map: offers whose markers would overlap on screen at a zoom
// become one cluster with a count. Greedy, deterministic (input order), O(n) with a grid
// index, cheap enough to run on every zoom change of an animation (1,000 markers: ~0.1 ms).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace mint::map
{

struct MarkerPoint
{
    double lat = 0, lon = 0;
    std::uint32_t id = 0;  ///< the caller's (an offer index)
};

struct Cluster
{
    double lat = 0, lon = 0;             ///< mean position of the members
    std::vector<std::uint32_t> members;  ///< ids, in input order
    bool onePlace = true;                ///< every member at the same coordinates: no zoom splits it
};

/// Clusters points that lie within `radiusPx` screen pixels of a cluster's first point at
/// `zoom`.
std::vector<Cluster> buildClusters(const std::vector<MarkerPoint>& points, double zoom, double radiusPx);

/// The first whole zoom above `zoom` (up to `maxZoom`) at which the cluster's members no
/// longer form one cluster; nothing when they never split (one place, or too close even
/// at maxZoom): then the map lists them instead.
std::optional<int> splitZoom(const Cluster& cluster, const std::vector<MarkerPoint>& points, double zoom, int maxZoom, double radiusPx);

/// The first whole zoom from `fromZoom` up to `maxZoom` at which the marker `id` stands
/// alone (a cluster of one): "show on the map" flies there. Offers at the same place never
/// stand alone: then the zoom at which only that place's cluster is left around it (or
/// `maxZoom`).
int standAloneZoom(const std::vector<MarkerPoint>& points, std::uint32_t id, int fromZoom, int maxZoom, double radiusPx);

}  // namespace mint::map
