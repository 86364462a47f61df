// Web Mercator maths for the slippy map (EPSG:3857 with 256-pixel tiles): degrees <->
// world pixels at a (fractional) zoom, and a view that maps world pixels to the screen.
#pragma once

#include <cmath>

namespace mint::map
{

constexpr double kTileSize = 256.0;
constexpr double kMaxLatitude = 85.05112878;

struct WorldPoint
{
    double x = 0;  ///< pixels at the given zoom, 0 at 180° W
    double y = 0;  ///< pixels at the given zoom, 0 at 85.05° N
};

/// Degrees -> world pixels at `zoom` (latitude clamped to the Mercator limit).
WorldPoint project(double lat, double lon, double zoom);
/// World pixels at `zoom` -> degrees.
void unproject(const WorldPoint& p, double zoom, double& lat, double& lon);

/// What the map shows: a centre and a zoom; converts between degrees and screen pixels.
struct MapView
{
    double centerLat = 49.3;
    double centerLon = 7.0;
    double zoom = 10;
    double widthPx = 800;
    double heightPx = 600;
    double originX = 0;  ///< screen position of the view's top-left corner
    double originY = 0;

    void toScreen(double lat, double lon, double& sx, double& sy) const;
    void toLatLon(double sx, double sy, double& lat, double& lon) const;
    /// Moves the map by a finger drag of (dx, dy) screen pixels.
    void panBy(double dx, double dy);
    /// Zooms by `steps` (±1) keeping the screen point (sx, sy) fixed; clamped to [minZoom, maxZoom].
    void zoomAround(double steps, double sx, double sy, double minZoom, double maxZoom);
    /// Keeps the centre inside a lon/lat box.
    void clampCenter(double minLon, double minLat, double maxLon, double maxLat);
};

/// Distance in metres covered by one screen pixel at a latitude and zoom.
double metresPerPixel(double lat, double zoom);

}  // namespace mint::map
