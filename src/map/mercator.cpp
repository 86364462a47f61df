// Web Mercator maths; see mercator.hpp.
#include "mercator.hpp"

#include <algorithm>

namespace mint::map
{

namespace
{
constexpr double kPi = 3.14159265358979323846;
}

WorldPoint project(double lat, double lon, double zoom)
{
    const double size = kTileSize * std::pow(2.0, zoom);
    const double la = std::clamp(lat, -kMaxLatitude, kMaxLatitude) * kPi / 180.0;
    WorldPoint p;
    p.x = (lon + 180.0) / 360.0 * size;
    p.y = (1.0 - std::log(std::tan(la) + 1.0 / std::cos(la)) / kPi) / 2.0 * size;
    return p;
}

void unproject(const WorldPoint& p, double zoom, double& lat, double& lon)
{
    const double size = kTileSize * std::pow(2.0, zoom);
    lon = p.x / size * 360.0 - 180.0;
    const double n = kPi * (1.0 - 2.0 * p.y / size);
    lat = std::atan(std::sinh(n)) * 180.0 / kPi;
}

void MapView::toScreen(double lat, double lon, double& sx, double& sy) const
{
    const WorldPoint c = project(centerLat, centerLon, zoom);
    const WorldPoint p = project(lat, lon, zoom);
    sx = originX + widthPx / 2 + (p.x - c.x);
    sy = originY + heightPx / 2 + (p.y - c.y);
}

void MapView::toLatLon(double sx, double sy, double& lat, double& lon) const
{
    const WorldPoint c = project(centerLat, centerLon, zoom);
    unproject(WorldPoint{c.x + (sx - originX - widthPx / 2), c.y + (sy - originY - heightPx / 2)}, zoom, lat, lon);
}

void MapView::panBy(double dx, double dy)
{
    const WorldPoint c = project(centerLat, centerLon, zoom);
    unproject(WorldPoint{c.x - dx, c.y - dy}, zoom, centerLat, centerLon);
}

void MapView::zoomAround(double steps, double sx, double sy, double minZoom, double maxZoom)
{
    double lat = 0, lon = 0;
    toLatLon(sx, sy, lat, lon);  // the point under the finger stays put
    const double newZoom = std::clamp(zoom + steps, minZoom, maxZoom);
    if (newZoom == zoom)
        return;
    zoom = newZoom;
    double nx = 0, ny = 0;
    toScreen(lat, lon, nx, ny);
    panBy(sx - nx, sy - ny);
}

void MapView::clampCenter(double minLon, double minLat, double maxLon, double maxLat)
{
    centerLat = std::clamp(centerLat, minLat, maxLat);
    centerLon = std::clamp(centerLon, minLon, maxLon);
}

double metresPerPixel(double lat, double zoom)
{
    return 156543.03392 * std::cos(lat * kPi / 180.0) / std::pow(2.0, zoom);
}

}  // namespace mint::map
