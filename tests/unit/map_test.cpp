// Map model: tile maths, TMS flip, clustering, inertia and animations, the tile cache's
// size accounting and Cache-Control parsing. No window, no network.
#include "map/cluster.hpp"
#include "map/map_gestures.hpp"
#include "map/map_motion.hpp"
#include "map/slot_pool.hpp"
#include "map/tile_cache.hpp"
#include "map/tile_plan.hpp"
#include "map/tile_source.hpp"
#include "map/tiles.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <unistd.h>

using namespace mint::map;

TEST_CASE("tiles: keys round-trip, names, TMS rows flip both ways")
{
    const TileId t{14, 8560, 5617};
    CHECK(tileFromKey(tileKey(t)) == t);
    CHECK(tileKey(TileId{1, 0, 1}) != tileKey(TileId{1, 1, 0}));
    CHECK(tileName(t) == "14/8560/5617");
    CHECK(flipRow(0, 0) == 0);
    CHECK(flipRow(1, 0) == 1);
    CHECK(flipRow(3, 2) == 5);
    CHECK(flipRow(14, flipRow(14, 5617)) == 5617);
    CHECK(validTile(TileId{2, 3, 3}));
    CHECK_FALSE(validTile(TileId{2, 4, 0}));
    CHECK_FALSE(validTile(TileId{2, 0, -1}));
}

TEST_CASE("tiles: parents and the part of a parent that stands in for a child")
{
    const TileId t{10, 533, 351};
    CHECK(parentOf(t) == TileId{9, 266, 175});
    CHECK(parentOf(t, 2) == TileId{8, 133, 87});
    CHECK(parentOf(t, 20) == TileId{0, 0, 0});
    // 533 = 2*266 + 1 (right half), 351 = 2*175 + 1 (bottom half).
    const UvRect uv = subRectOf(t, parentOf(t));
    CHECK(uv.u0 == doctest::Approx(0.5));
    CHECK(uv.u1 == doctest::Approx(1.0));
    CHECK(uv.v0 == doctest::Approx(0.5));
    CHECK(uv.v1 == doctest::Approx(1.0));
    // Two levels: 533 - 4*133 = 1, 351 - 4*87 = 3 -> u 0.25..0.5, v 0.75..1.
    const UvRect uv2 = subRectOf(t, parentOf(t, 2));
    CHECK(uv2.u0 == doctest::Approx(0.25));
    CHECK(uv2.u1 == doctest::Approx(0.5));
    CHECK(uv2.v0 == doctest::Approx(0.75));
    CHECK(uv2.v1 == doctest::Approx(1.0));
}

TEST_CASE("tiles: the view's tiles, their screen rectangles share edges (no seams)")
{
    MapView v;
    v.centerLat = 49.2354;
    v.centerLon = 6.9969;
    v.widthPx = 1920;
    v.heightPx = 1000;
    v.originY = 80;
    for (double zoom : {11.0, 11.3, 11.49, 12.7})
    {
        v.zoom = zoom;
        const int z = tileZoomFor(zoom, 8, 12);
        CHECK(z == std::min(12, static_cast<int>(std::floor(zoom + 0.5))));
        const TileRange r = visibleTiles(v, z);
        REQUIRE_FALSE(r.empty());
        // The tiles cover the whole view...
        const ScreenRect first = tileScreenRect(v, TileId{z, r.x0, r.y0});
        const ScreenRect last = tileScreenRect(v, TileId{z, r.x1, r.y1});
        CHECK(first.x0 <= 0);
        CHECK(first.y0 <= 80);
        CHECK(last.x1 >= 1920);
        CHECK(last.y1 >= 1080);
        // ...and neighbours meet exactly, at every fractional zoom.
        for (int x = r.x0; x < r.x1; ++x)
            CHECK(tileScreenRect(v, TileId{z, x, r.y0}).x1 == tileScreenRect(v, TileId{z, x + 1, r.y0}).x0);
        for (int y = r.y0; y < r.y1; ++y)
            CHECK(tileScreenRect(v, TileId{z, r.x0, y}).y1 == tileScreenRect(v, TileId{z, r.x0, y + 1}).y0);
        // A tile's size is 256 * 2^(zoom - z), give or take the rounding.
        const ScreenRect one = tileScreenRect(v, TileId{z, r.x0 + 1, r.y0 + 1});
        CHECK(one.x1 - one.x0 == doctest::Approx(256 * std::pow(2.0, zoom - z)).epsilon(0.01));
    }
    // At a whole zoom level a tile is exactly 256 pixels (drawn 1:1).
    v.zoom = 12;
    const TileRange r = visibleTiles(v, 12);
    const ScreenRect s = tileScreenRect(v, TileId{12, r.x0 + 1, r.y0 + 1});
    CHECK(s.x1 - s.x0 == 256);
    CHECK(s.y1 - s.y0 == 256);
    // Over-zoom: past the package's last level its tiles are scaled.
    CHECK(tileZoomFor(17.2, 8, 14) == 14);
    CHECK(tileZoomFor(3, 8, 14) == 8);
}

TEST_CASE("tiles: a region box and its tile counts")
{
    const std::array<double, 4> saarland{6.35, 49.1, 7.4, 49.65};
    const TileRange r8 = tilesForBox(saarland, 8);
    CHECK(r8.x0 == 132);
    CHECK(r8.x1 == 133);
    CHECK(r8.y0 == 87);  // the whole region lies in one row of zoom-8 tiles
    CHECK(r8.y1 == 87);
    CHECK(r8.count() == 2);
    std::uint64_t sum = 0;
    for (int z = 8; z <= 12; ++z)
        sum += tilesForBox(saarland, z).count();
    CHECK(countTilesForBox(saarland, 8, 12) == sum);
    CHECK(countTilesForBox(saarland, 8, 8) == 2);
    CHECK(tilesForBox(saarland, 12).contains(TileId{12, 2127, 1402}));  // Saarbrücken
    CHECK_FALSE(tilesForBox(saarland, 12).contains(TileId{12, 2150, 1402}));
}

TEST_CASE("cluster: overlapping markers merge, distant ones stay apart, one place never splits")
{
    std::vector<MarkerPoint> pts = {
        {49.2354, 6.9969, 0}, {49.2355, 6.9970, 1},  // Saarbrücken, two offers a few metres apart
        {49.2354, 6.9969, 2},                        // the same place as 0
        {49.3170, 6.7490, 3},                        // Saarlouis, ~20 km away
        {49.3200, 7.3380, 4},                        // Homburg
    };
    const auto low = buildClusters(pts, 8, 40);
    // At zoom 8 (~600 m per pixel) Saarbrücken and Saarlouis are ~33 px apart: one cluster.
    std::size_t members = 0;
    for (const auto& c : low)
        members += c.members.size();
    CHECK(members == pts.size());
    CHECK(low.size() < pts.size());
    const auto high = buildClusters(pts, 14, 40);
    REQUIRE(high.size() == 3);  // Saarbrücken (0, 1, 2), Saarlouis, Homburg
    CHECK(high[0].members == std::vector<std::uint32_t>{0, 1, 2});
    CHECK_FALSE(high[0].onePlace);
    CHECK(high[0].lat == doctest::Approx((49.2354 * 2 + 49.2355) / 3));
    // 0, 1 and 2 split when a few metres become 40 px: zoom 19 (0.3 m/px) at the latest.
    const auto z = splitZoom(high[0], pts, 14, 20, 40);
    REQUIRE(z.has_value());
    CHECK(*z > 14);
    CHECK(buildClusters({pts[0], pts[1], pts[2]}, *z, 40).size() > 1);
    CHECK(buildClusters({pts[0], pts[1], pts[2]}, *z - 1, 40).size() == 1);
    // Not within the map's zoom range: listed instead.
    CHECK_FALSE(splitZoom(high[0], pts, 14, 15, 40).has_value());
    // Same coordinates: never splits.
    const auto same = buildClusters({pts[0], pts[2]}, 14, 40);
    REQUIRE(same.size() == 1);
    CHECK(same[0].onePlace);
    CHECK_FALSE(splitZoom(same[0], pts, 14, 22, 40).has_value());
    CHECK(buildClusters({}, 10, 40).empty());
}

TEST_CASE("map motion: a fling glides the same distance at any frame rate and stops")
{
    auto glide = [](double fps)
    {
        PanInertia in;
        in.press(100, 500, 0.0);
        for (int i = 1; i <= 5; ++i)
            in.move(100 + i * 20, 500, i * 0.02);  // 1000 px/s to the right
        in.release(0.1);
        double total = 0, t = 0;
        while (in.moving() && t < 10)
        {
            double dx = 0, dy = 0;
            in.step(1.0 / fps, dx, dy);
            total += dx;
            CHECK(dy == 0);
            t += 1.0 / fps;
        }
        CHECK_FALSE(in.moving());
        return total;
    };
    const double at60 = glide(60), at20 = glide(20);
    CHECK(at60 == doctest::Approx(1000 * 0.325).epsilon(0.03));
    CHECK(at20 == doctest::Approx(at60).epsilon(0.02));
    // A finger that rests before lifting does not fling.
    PanInertia rest;
    rest.press(0, 0, 0);
    rest.move(50, 0, 0.05);
    rest.release(0.5);
    CHECK_FALSE(rest.moving());
}

TEST_CASE("map motion: zoom around a point keeps it fixed, fly-to ends on the target")
{
    MapView v;
    v.centerLat = 49.25;
    v.centerLon = 7.0;
    v.zoom = 10;
    v.widthPx = 1000;
    v.heightPx = 800;
    double lat0 = 0, lon0 = 0;
    v.toLatLon(300, 200, lat0, lon0);
    ViewAnimation a;
    a.zoomAround(v, 11, 300, 200, 0.3, 5.0);
    for (double t : {5.1, 5.2, 5.31})
    {
        a.apply(v, t);
        double sx = 0, sy = 0;
        v.toScreen(lat0, lon0, sx, sy);
        CHECK(sx == doctest::Approx(300).epsilon(1e-6));
        CHECK(sy == doctest::Approx(200).epsilon(1e-6));
    }
    CHECK_FALSE(a.active());
    CHECK(v.zoom == 11);

    a.flyTo(v, 49.45, 6.6, 14, 0.9, 10.0);
    a.apply(v, 10.45);
    CHECK(a.active());
    CHECK(v.zoom > 11);
    CHECK(v.zoom < 14);
    a.apply(v, 11.0);
    CHECK_FALSE(a.active());
    CHECK(v.centerLat == doctest::Approx(49.45));
    CHECK(v.centerLon == doctest::Approx(6.6));
    CHECK(v.zoom == 14);
    CHECK(easeInOut(0) == 0);
    CHECK(easeInOut(1) == 1);
    CHECK(easeInOut(0.5) == doctest::Approx(0.5));
}

TEST_CASE("tile cache: Cache-Control, LRU by size, survives a damaged file")
{
    CHECK(parseCacheControl("max-age=3600").maxAgeS == 3600);
    CHECK(parseCacheControl("public, Max-Age=60 ").maxAgeS == 60);
    CHECK(parseCacheControl("no-cache, max-age=60").maxAgeS == 0);
    CHECK_FALSE(parseCacheControl("no-store").store);
    CHECK_FALSE(parseCacheControl("max-age=abc").maxAgeS.has_value());
    CHECK_FALSE(parseCacheControl("").maxAgeS.has_value());
    // Expiry: max-age or the default, never past a year (a huge max-age would overflow).
    const std::int64_t now = 1795000000;
    CHECK(tileExpiry(parseCacheControl("max-age=3600"), now, 86400) == now + 3600);
    CHECK(tileExpiry(parseCacheControl(""), now, 86400) == now + 86400);
    CHECK(tileExpiry(parseCacheControl("max-age=99999999999999999999"), now, 86400) == now + kMaxTileAgeS);
    CHECK(tileExpiry(parseCacheControl("no-cache"), now, 86400) == now);

    const std::string dir = std::filesystem::temp_directory_path() / ("mint-tilecache-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string path = dir + "/tiles.sqlite";
    {
        TileDiskCache cache;
        std::string error;
        REQUIRE(cache.open(path, 10000, error));
        const std::string kb(1000, 'x');
        for (int i = 0; i < 9; ++i)
            cache.put(TileId{12, i, 0}, CachedTile{kb, "\"e" + std::to_string(i) + "\"", "", 5000}, 1000 + i * 1000);
        CHECK(cache.bytes() == 9000);
        CHECK(cache.count() == 9);
        // Replacing a tile does not count it twice.
        cache.put(TileId{12, 8, 0}, CachedTile{kb, "\"e8b\"", "", 5000}, 9500);
        CHECK(cache.bytes() == 9000);
        // Reading tile 0 late makes it recent: the next trim takes tiles 1, 2, ... first.
        REQUIRE(cache.get(TileId{12, 0, 0}, 20000).has_value());
        CHECK(cache.get(TileId{12, 0, 0}, 20000)->etag == "\"e0\"");
        cache.put(TileId{12, 20, 0}, CachedTile{kb, "", "", 5000}, 21000);
        cache.put(TileId{12, 21, 0}, CachedTile{kb, "", "", 5000}, 22000);  // 11,000 > 10,000: trim to 9,000
        CHECK(cache.bytes() <= 9000);
        CHECK(cache.get(TileId{12, 0, 0}, 23000).has_value());
        CHECK_FALSE(cache.get(TileId{12, 1, 0}, 23000).has_value());
        CHECK_FALSE(cache.get(TileId{12, 2, 0}, 23000).has_value());
        CHECK(cache.get(TileId{12, 21, 0}, 23000).has_value());
        cache.refresh(TileId{12, 21, 0}, 99999, 23000);
        CHECK(cache.get(TileId{12, 21, 0}, 23000)->expires == 99999);
    }
    {
        // Reopened: the total is read back.
        TileDiskCache cache;
        std::string error;
        REQUIRE(cache.open(path, 10000, error));
        CHECK(cache.bytes() <= 9000);
        CHECK(cache.bytes() > 0);
    }
    {
        // Garbage instead of a database: replaced by an empty cache, no crash.
        std::filesystem::remove(path + "-wal");
        std::filesystem::remove(path + "-shm");
        FILE* f = std::fopen(path.c_str(), "wb");
        std::fputs("this is not a database, just some text that is long enough to look like a header.........", f);
        std::fclose(f);
        TileDiskCache cache;
        std::string error;
        CHECK(cache.open(path, 10000, error));
        CHECK(cache.count() == 0);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("tile urls and the public OSM servers")
{
    CHECK(tileUrl("https://t.example.org/{z}/{x}/{y}.png", TileId{12, 2120, 1400}) == "https://t.example.org/12/2120/1400.png");
    CHECK(tileUrl("http://h/{z}-{x}-{y}-{z}", TileId{1, 0, 1}) == "http://h/1-0-1-1");
    CHECK(isOsmPublicTileServer("https://tile.openstreetmap.org/{z}/{x}/{y}.png"));
    CHECK(isOsmPublicTileServer("https://a.tile.openstreetmap.org/{z}/{x}/{y}.png"));
    CHECK(isOsmPublicTileServer("HTTPS://B.Tile.OpenStreetMap.org:443/{z}/{x}/{y}.png"));
    CHECK(isOsmPublicTileServer("https://tile.osm.org/{z}/{x}/{y}.png"));
    CHECK_FALSE(isOsmPublicTileServer("https://tiles.mint-saar.example/{z}/{x}/{y}.png"));
    CHECK_FALSE(isOsmPublicTileServer("https://notatile.openstreetmap.org.evil.example/{z}/{x}/{y}.png"));
    CHECK_FALSE(isOsmPublicTileServer("https://mytile.openstreetmap.org.example/{z}/{x}/{y}.png"));
}

TEST_CASE("tile plan: own tiles, ancestors' parts, children, over-zoom, nearest first")
{
    MapView v;
    v.centerLat = 49.2354;
    v.centerLon = 6.9969;
    v.zoom = 11;
    v.widthPx = 1000;
    v.heightPx = 700;
    auto none = [](const TileId&) { return false; };
    auto all = [](const TileId&) { return true; };

    // Nothing loaded: every position uncovered and wanted, the centre's tile first.
    const TilePlan empty = planTiles(v, 8, 12, none, all);
    CHECK(empty.zoom == 11);
    CHECK(empty.positions > 4);
    CHECK(empty.uncovered == empty.positions);
    CHECK(empty.draws.empty());
    REQUIRE(empty.wanted.size() == static_cast<std::size_t>(empty.positions));
    const WorldPoint c = project(v.centerLat, v.centerLon, 11);
    CHECK(empty.wanted.front() == TileId{11, static_cast<int>(c.x / 256), static_cast<int>(c.y / 256)});

    // Everything loaded at the right level: drawn 1:1, nothing wanted.
    const TilePlan full = planTiles(v, 8, 12, all, all);
    CHECK(full.exact == full.positions);
    CHECK(full.wanted.empty());
    for (const auto& d : full.draws)
        CHECK(d.exact);

    // Only zoom 9 loaded: the grandparents' quarters stand in.
    const TilePlan up = planTiles(
        v, 8, 12, [](const TileId& t) { return t.z == 9; }, all);
    CHECK(up.standIns == up.positions);
    CHECK(up.uncovered == 0);
    for (const auto& d : up.draws)
    {
        CHECK(d.texture.z == 9);
        CHECK(d.uv.u1 - d.uv.u0 == doctest::Approx(0.25));
        CHECK_FALSE(d.exact);
    }

    // Zooming out: the level below is loaded, four children fill each position.
    const TilePlan down = planTiles(
        v, 8, 12, [](const TileId& t) { return t.z == 12; }, all);
    CHECK(down.standIns == down.positions);
    CHECK(down.draws.size() == static_cast<std::size_t>(down.positions) * 4);

    // Not askable (known missing, failed a moment ago): not requested again.
    const TilePlan quiet = planTiles(v, 8, 12, none, none);
    CHECK(quiet.wanted.empty());
    CHECK(quiet.uncovered == quiet.positions);

    // Past the package's last level the last level is scaled: 4x at zoom 14 over 12.
    v.zoom = 14;
    const TilePlan over = planTiles(v, 8, 12, all, all);
    CHECK(over.zoom == 12);
    REQUIRE_FALSE(over.draws.empty());
    CHECK(over.draws[0].rect.x1 - over.draws[0].rect.x0 == doctest::Approx(1024).epsilon(0.01));
    CHECK_FALSE(over.draws[0].exact);
}

TEST_CASE("slot pool: grows to its size, then reuses the least recently used, pinned and in-use slots stay")
{
    SlotPool pool(3);
    CHECK(pool.acquire(10, 1) == 0);
    CHECK(pool.acquire(11, 2) == 1);
    CHECK(pool.acquire(12, 3) == 2);
    CHECK(pool.size() == 3);
    CHECK(pool.find(11) == 1);
    CHECK(pool.find(99) == -1);
    CHECK(pool.acquire(11, 4) == 1);  // already there: the same slot, now recent
    // Full: the least recently used (10, frame 1) goes.
    std::uint64_t evicted = 0;
    CHECK(pool.acquire(13, 5, &evicted) == 0);
    CHECK(evicted == 10);
    CHECK(pool.find(10) == -1);
    CHECK(pool.find(13) == 0);
    CHECK(pool.evictions() == 1);
    // Pinned (12) is never taken; the next oldest (11, frame 4) is.
    pool.pin(2);
    CHECK(pool.acquire(14, 6, &evicted) == 1);
    CHECK(evicted == 11);
    // Everything not pinned was drawn in this frame: no slot; nothing lost.
    pool.touch(0, 7);
    pool.touch(1, 7);
    CHECK(pool.acquire(15, 7, &evicted) == -1);
    CHECK(evicted == 0);
    CHECK(pool.find(13) == 0);
    CHECK(pool.find(14) == 1);
    CHECK(pool.find(12) == 2);
    CHECK(pool.size() == 3);  // never more than its size
}

TEST_CASE("cluster: 'show on the map' zooms until the offer stands alone")
{
    using namespace mint::map;
    // Three offers a few hundred metres apart and one far away; two more at the first place.
    std::vector<MarkerPoint> points = {
        {49.2354, 6.9969, 1}, {49.2380, 6.9990, 2}, {49.2330, 6.9940, 3}, {49.40, 7.30, 4}, {49.2354, 6.9969, 5}};
    const double radius = 60;
    const int z = standAloneZoom(points, 2, 10, 17, radius);
    CHECK(z > 10);
    CHECK(z <= 17);
    // At that zoom offer 2 is alone, one zoom less it is not.
    auto aloneAt = [&](int zoom, std::uint32_t id)
    {
        for (const auto& c : buildClusters(points, zoom, radius))
            if (std::find(c.members.begin(), c.members.end(), id) != c.members.end())
                return c.members.size() == 1;
        return false;
    };
    CHECK(aloneAt(z, 2));
    CHECK_FALSE(aloneAt(z - 1, 2));
    CHECK(standAloneZoom(points, 4, 10, 17, radius) == 10);  // far away: alone at once
    // Offers 1 and 5 share a place: the zoom where nothing else is in their cluster.
    const int shared = standAloneZoom(points, 1, 10, 17, radius);
    CHECK(shared < 17);
    CHECK(shared >= z - 1);
}

TEST_CASE("map gestures: a drag follows the finger from where it went down, a double tap is two taps close by")
{
    using namespace mint::map;
    DragTracker drag;
    double dx = 0, dy = 0;
    drag.move(10, 10, dx, dy);
    CHECK(dx == 0);  // no finger down: no pan
    drag.press(100, 200);
    // The first movement reported once the touch counts as a drag includes the slop the
    // finger moved before (a per-frame pointer delta would have lost it).
    drag.move(114, 190, dx, dy);
    CHECK(dx == 14);
    CHECK(dy == -10);
    drag.move(120, 190, dx, dy);
    CHECK(dx == 6);
    CHECK(dy == 0);
    drag.release();
    drag.move(200, 190, dx, dy);
    CHECK(dx == 0);

    DoubleTap taps(0.35);
    CHECK_FALSE(taps.tap(500, 500, 10.0, 80));
    CHECK(taps.tap(510, 505, 10.2, 80));        // close in time and place
    CHECK_FALSE(taps.tap(510, 505, 10.4, 80));  // a third tap starts afresh
    CHECK_FALSE(taps.tap(700, 505, 10.5, 80));  // too far away
    CHECK_FALSE(taps.tap(700, 505, 11.0, 80));  // too late
}
