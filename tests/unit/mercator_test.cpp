// Web Mercator maths of the map.
#include "map/mercator.hpp"

#include <doctest/doctest.h>

using namespace mint::map;

TEST_CASE("mercator: known points and round trips")
{
    const WorldPoint origin = project(0, 0, 0);
    CHECK(origin.x == doctest::Approx(128));
    CHECK(origin.y == doctest::Approx(128));
    const WorldPoint corner = project(kMaxLatitude, -180, 1);
    CHECK(corner.x == doctest::Approx(0));
    CHECK(corner.y == doctest::Approx(0).epsilon(1e-6));
    // Saarbrücken at zoom 12 lies in tile (2127, 1402) of the standard XYZ scheme.
    const WorldPoint sb = project(49.2354, 6.9969, 12);
    CHECK(static_cast<int>(sb.x / kTileSize) == 2127);
    CHECK(static_cast<int>(sb.y / kTileSize) == 1402);
    double lat = 0, lon = 0;
    unproject(sb, 12, lat, lon);
    CHECK(lat == doctest::Approx(49.2354));
    CHECK(lon == doctest::Approx(6.9969));
    CHECK(project(89.9, 0, 2).y == doctest::Approx(project(kMaxLatitude, 0, 2).y));  // clamped
}

TEST_CASE("mercator: view maps the centre to the middle, pans and zooms around a point")
{
    MapView v;
    v.centerLat = 49.2354;
    v.centerLon = 6.9969;
    v.zoom = 10;
    v.widthPx = 1000;
    v.heightPx = 800;
    v.originY = 100;
    double x = 0, y = 0;
    v.toScreen(49.2354, 6.9969, x, y);
    CHECK(x == doctest::Approx(500));
    CHECK(y == doctest::Approx(500));
    double lat = 0, lon = 0;
    v.toLatLon(700, 300, lat, lon);
    v.toScreen(lat, lon, x, y);
    CHECK(x == doctest::Approx(700));
    CHECK(y == doctest::Approx(300));
    // Dragging the map to the left shows what lies east.
    v.panBy(-200, 0);
    CHECK(v.centerLon > 6.9969);
    // Zoom keeps the point under the finger where it was.
    v.toLatLon(300, 400, lat, lon);
    v.zoomAround(1, 300, 400, 8, 17);
    CHECK(v.zoom == 11);
    v.toScreen(lat, lon, x, y);
    CHECK(x == doctest::Approx(300).epsilon(1e-6));
    CHECK(y == doctest::Approx(400).epsilon(1e-6));
    v.zoomAround(10, 300, 400, 8, 17);
    CHECK(v.zoom == 17);  // clamped
    v.clampCenter(6.35, 49.1, 7.42, 49.65);
    CHECK(v.centerLon <= 7.42);
    CHECK(metresPerPixel(0, 0) == doctest::Approx(156543.03392));
}
