// The map screen's behaviour; see map_interaction.hpp.
#include "map_interaction.hpp"

#include <algorithm>
#include <cmath>

namespace mint::map
{

void MapInteraction::open(const MapLimits& limits, const std::string& selectedId)
{
    selected = selectedId;
    listed.clear();
    m_inertia.stop();
    m_animation.cancel();
    m_drag.release();
    if (limits.start)
    {
        view.centerLat = (*limits.start)[0];
        view.centerLon = (*limits.start)[1];
    }
    view.zoom = std::clamp(limits.startZoom, limits.minZoom, limits.maxZoom);
}

void MapInteraction::frame(const MapFinger& finger, const PixelRect& area, const PixelRect& exclude, const MapLimits& limits, double now)
{
    view.originX = area.x0;
    view.originY = area.y0;
    view.widthPx = area.x1 - area.x0;
    view.heightPx = area.y1 - area.y0;
    const double dt = m_lastFrameS < 0 ? 0.0 : std::clamp(now - m_lastFrameS, 0.0, 0.1);
    m_lastFrameS = now;

    // Motion: a running animation, else the glide after a fling.
    m_animation.apply(view, now);
    if (m_inertia.moving())
    {
        double dx = 0, dy = 0;
        m_inertia.step(dt, dx, dy);
        view.panBy(dx, dy);
    }
    // Drag to pan (a swipe; a tap selects a marker). A new touch stops any motion. A
    // gesture that starts on the open list scrolls the list, not the map.
    const bool mine = area.contains(finger.pressX, finger.pressY) && !(!exclude.empty() && exclude.contains(finger.pressX, finger.pressY));
    if (finger.pressed && mine)
    {
        m_animation.cancel();
        m_inertia.press(finger.x, finger.y, now);
        m_drag.press(finger.x, finger.y);
    }
    if (finger.down && finger.swiped && mine)
    {
        double dx = 0, dy = 0;
        m_drag.move(finger.x, finger.y, dx, dy);
        view.panBy(dx, dy);
        m_inertia.move(finger.x, finger.y, now);
    }
    if (finger.released)
    {
        m_drag.release();
        if (finger.swiped && mine)
            m_inertia.release(now);
    }
    view.zoom = std::clamp(view.zoom, limits.minZoom, limits.maxZoom);
    if (limits.bbox)
        view.clampCenter((*limits.bbox)[0], (*limits.bbox)[1], (*limits.bbox)[2], (*limits.bbox)[3]);
}

void MapInteraction::placeMarkers(std::vector<MarkerPoint> points, double radiusPx)
{
    m_points = std::move(points);
    m_radiusPx = radiusPx;
    m_clusters = buildClusters(m_points, view.zoom, radiusPx);
}

void MapInteraction::tapMarker(const std::string& offerId)
{
    selected = offerId;
    listed.clear();
}

bool MapInteraction::tapCluster(std::size_t index, const MapLimits& limits, double now)
{
    if (index >= m_clusters.size())
        return false;  // the markers changed since the tap was seen
    const Cluster& cl = m_clusters[index];
    if (auto z = splitZoom(cl, m_points, view.zoom, static_cast<int>(limits.maxZoom), m_radiusPx))
    {
        m_animation.flyTo(view, cl.lat, cl.lon, std::min<double>(*z, limits.maxZoom), 0.5, now);
        return false;
    }
    listed = cl.members;  // one place (or too close to split): list them
    selected.clear();
    return true;
}

void MapInteraction::tapEmpty(double x, double y, double touchMinPx, const MapLimits& limits, double now)
{
    if (m_doubleTap.tap(x, y, now, touchMinPx))
        m_animation.zoomAround(view, std::min(limits.maxZoom, std::floor(view.zoom + 1e-6) + 1), x, y, kZoomSeconds, now);
    else
    {
        selected.clear();
        listed.clear();
    }
}

void MapInteraction::zoomStep(int direction, const MapLimits& limits, double now)
{
    const double target = zoomTarget();
    const double z = direction > 0 ? std::floor(target + 1e-6) + 1 : std::ceil(target - 1e-6) - 1;
    m_inertia.stop();
    m_animation.zoomAround(view, std::clamp(z, limits.minZoom, limits.maxZoom), view.originX + view.widthPx / 2,
                           view.originY + view.heightPx / 2, kZoomSeconds, now);
}

void MapInteraction::goToStart(const MapLimits& limits, double now)
{
    const double lat = limits.start ? (*limits.start)[0] : view.centerLat;
    const double lon = limits.start ? (*limits.start)[1] : view.centerLon;
    selected.clear();
    listed.clear();
    m_animation.flyTo(view, lat, lon, std::clamp(limits.startZoom, limits.minZoom, limits.maxZoom), 0.8, now);
}

}  // namespace mint::map
