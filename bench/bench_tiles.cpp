// Map tile benchmark: decode throughput per core, and how long a full 1920x1080 screen of
// tiles takes from an MBTiles package through the loader's two workers. Prints numbers;
// asserts nothing.
//
//   build/bench/bench_tiles [--format png|jpg]
#include "map/mbtiles.hpp"
#include "map/tile_loader.hpp"
#include "map/tile_plan.hpp"
#include "media/image_encode.hpp"
#include "synthetic_tiles.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <thread>
#include <unistd.h>

using namespace mint;
using Clock = std::chrono::steady_clock;

namespace
{

/// Milliseconds until a fresh loader (2 workers) has decoded all of `tiles`.
double loadAll(const map::TileSources& sources, const std::vector<map::TileId>& tiles)
{
    map::TileLoader loader(sources, {}, 2);
    const auto t0 = Clock::now();
    loader.want(tiles);
    std::size_t got = 0;
    while (got < tiles.size())
    {
        got += loader.take(64).size();
        if (got < tiles.size())
            std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv)
{
    std::string format = "png";
    if (argc == 3 && std::strcmp(argv[1], "--format") == 0)
        format = argv[2];
    const std::string dir = std::filesystem::temp_directory_path() / ("mint-bench-tiles-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    tools::SyntheticPackage p;
    p.path = dir + "/bench.mbtiles";
    p.minZoom = 12;
    p.maxZoom = 13;
    p.format = format;
    std::string error;
    auto t0 = Clock::now();
    if (!tools::makeSyntheticPackage(p, error))
    {
        std::fprintf(stderr, "bench_tiles: %s\n", error.c_str());
        return 1;
    }
    std::printf("package: %llu %s tiles at zoom 12-13, %.1f MB, made in %.1f s\n",
                static_cast<unsigned long long>(map::countTilesForBox(p.bbox, 12, 13)), format.c_str(),
                std::filesystem::file_size(p.path) / 1e6, std::chrono::duration<double>(Clock::now() - t0).count());

    // 1. Decode throughput on one core: every zoom-13 tile, read then decoded.
    auto pkg = std::make_shared<map::MbtilesReader>();
    if (!pkg->open(p.path, error))
    {
        std::fprintf(stderr, "bench_tiles: %s\n", error.c_str());
        return 1;
    }
    const map::TileRange r = map::tilesForBox(p.bbox, 13);
    std::vector<std::string> blobs;
    for (int y = r.y0; y <= r.y1; ++y)
        for (int x = r.x0; x <= r.x1; ++x)
        {
            std::string b;
            if (pkg->read(map::TileId{13, x, y}, b, error) == map::TileRead::Found)
                blobs.push_back(std::move(b));
        }
    t0 = Clock::now();
    std::size_t ok = 0;
    for (const auto& b : blobs)
    {
        map::LoadedTile t;
        ok += map::decodeTile(b, t);
    }
    const double decodeS = std::chrono::duration<double>(Clock::now() - t0).count();
    std::printf("decode, one core: %zu tiles in %.3f s = %.0f tiles/s (%.2f ms per tile)\n", ok, decodeS, ok / decodeS,
                decodeS * 1000 / ok);

    // 2. A full 1920x1080 screen at zoom 13 through the loader (2 workers), cold.
    map::MapView v;
    v.centerLat = 49.2354;
    v.centerLon = 6.9969;
    v.zoom = 13;
    v.widthPx = 1920;
    v.heightPx = 1080;
    const auto plan = map::planTiles(
        v, 12, 13, [](const map::TileId&) { return false; }, [](const map::TileId&) { return true; });
    for (int run = 0; run < 3; ++run)
    {
        map::TileSources sources;
        sources.package = pkg;
        sources.minZoom = 12;
        sources.maxZoom = 13;
        const double ms = loadAll(sources, plan.wanted);
        std::printf("full screen 1920x1080 (%zu tiles) from MBTiles, 2 workers, run %d: %.0f ms (goal < 150 ms)\n", plan.wanted.size(),
                    run + 1, ms);
    }
    // 3. The pessimistic case: tiles with per-pixel noise (PNGs of ~150 KB, far more than a
    //    real map tile's 10-40 KB), decoded on one core and a full screen through the loader.
    {
        map::MbtilesWriter w;
        map::MbtilesInfo info;
        info.minZoom = info.maxZoom = 13;
        const std::string noisyPath = dir + "/noisy.mbtiles";
        if (!w.open(noisyPath, info, error))
            return 1;
        std::uint32_t seed = 12345;
        std::size_t bytes = 0;
        for (const map::TileId& t : plan.wanted)
        {
            auto px = tools::renderSyntheticTile(t);
            for (std::size_t i = 0; i < px.size(); ++i)
                if (i % 4 != 3)
                {
                    seed = seed * 1664525u + 1013904223u;
                    px[i] = static_cast<std::uint8_t>(std::clamp(int(px[i]) + int(seed >> 28) - 8, 0, 255));
                }
            const std::string png = media::encodePng(px.data(), 256, 256, 4);
            bytes += png.size();
            w.put(t, png, error);
        }
        w.commit(error);
        auto noisy = std::make_shared<map::MbtilesReader>();
        if (!noisy->open(noisyPath, error))
            return 1;
        std::vector<std::string> nb;
        for (const map::TileId& t : plan.wanted)
        {
            std::string b;
            if (noisy->read(t, b, error) == map::TileRead::Found)
                nb.push_back(std::move(b));
        }
        t0 = Clock::now();
        for (const auto& b : nb)
        {
            map::LoadedTile lt;
            map::decodeTile(b, lt);
        }
        const double s1 = std::chrono::duration<double>(Clock::now() - t0).count();
        std::printf("noisy tiles (%.0f KB each): decode, one core: %.0f tiles/s (%.2f ms per tile)\n", bytes / 1e3 / nb.size(),
                    nb.size() / s1, s1 * 1000 / nb.size());
        map::TileSources sources;
        sources.package = noisy;
        sources.minZoom = sources.maxZoom = 13;
        std::printf("noisy full screen (%zu tiles), 2 workers: %.0f ms (goal < 150 ms)\n", plan.wanted.size(),
                    loadAll(sources, plan.wanted));
    }
    // 4. Texture memory of the tile pool when full (ui/tile_layer: 3 atlases of 2064x2064 RGBA
    //    holding 192 tiles with their one-pixel borders).
    std::printf("tile texture pool when full: 3 x 2064 x 2064 x 4 bytes = %.1f MiB (goal < 64 MB)\n", 3 * 2064.0 * 2064 * 4 / 1048576);
    std::filesystem::remove_all(dir);
    return 0;
}
