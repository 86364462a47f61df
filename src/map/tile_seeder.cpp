// Tile seeding; see tile_seeder.hpp.
#include "map/tile_seeder.hpp"

#include "map/mbtiles.hpp"
#include "map/tile_source.hpp"
#include "media/image_decode.hpp"
#include "net/http_client.hpp"

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace mint::map
{

namespace
{

std::string mb(double bytes)
{
    char b[32];
    std::snprintf(b, sizeof b, "%.1f MB", bytes / 1e6);
    return b;
}

}  // namespace

bool seedTiles(const SeedOptions& o, SeedReport& report, std::string& error, const std::function<void(const std::string&)>& say)
{
    if (o.urlTemplate.empty())
    {
        error = "map.tile_url is not set: there is no tile server to seed from";
        return false;
    }
    if (isOsmPublicTileServer(o.urlTemplate))
    {
        error = "refusing to seed from the public openstreetmap.org tile servers: their tile usage policy "
                "(https://operations.osmfoundation.org/policies/tiles/) forbids bulk downloading and offline use. "
                "Point map.tile_url at your network's own tile server or a provider that allows it";
        return false;
    }
    if (o.packagePath.empty())
    {
        error = "map.mbtiles is not set: where should the package go?";
        return false;
    }
    if (!(o.bbox[0] < o.bbox[2] && o.bbox[1] < o.bbox[3]))
    {
        error = "no region box to seed (the feed's region.bbox)";
        return false;
    }
    const std::string part = o.packagePath + ".seeding";
    auto writerPtr = std::make_unique<MbtilesWriter>();
    MbtilesWriter& writer = *writerPtr;
    MbtilesInfo info;
    info.name = "MINT Kiosk region";
    info.format = "png";
    info.attribution = o.attribution;
    info.minZoom = o.minZoom;
    info.maxZoom = o.maxZoom;
    info.bounds = o.bbox;
    if (!writer.open(part, info, error))
        return false;

    // What is to do, and what is there already (a resumed run).
    std::vector<TileId> todo;
    report.total = countTilesForBox(o.bbox, o.minZoom, o.maxZoom);
    for (int z = o.minZoom; z <= o.maxZoom; ++z)
    {
        const TileRange r = tilesForBox(o.bbox, z);
        for (int y = r.y0; y <= r.y1; ++y)
            for (int x = r.x0; x <= r.x1; ++x)
            {
                if (writer.has(TileId{z, x, y}))
                    ++report.present;
                else
                    todo.push_back(TileId{z, x, y});
            }
    }
    // The estimate first: a sample of tiles from the deepest level (most of the package).
    net::HttpClient probe;
    net::HttpRequest req;
    req.userAgent = o.userAgent;
    req.timeoutS = o.timeoutS;
    req.maxBytes = 1u << 20;
    double sampleBytes = 0;
    int sampled = 0;
    const TileRange deep = tilesForBox(o.bbox, o.maxZoom);
    for (int i = 0; i < 6 && !deep.empty(); ++i)
    {
        const TileId t{o.maxZoom, deep.x0 + static_cast<int>((deep.x1 - deep.x0) * i / 5),
                       deep.y0 + static_cast<int>((deep.y1 - deep.y0) * (5 - i) / 5)};
        req.url = tileUrl(o.urlTemplate, t);
        const net::HttpResponse res = probe.get(req);
        if (res.ok() && res.status == 200)
        {
            sampleBytes += static_cast<double>(res.body.size());
            ++sampled;
        }
    }
    const double perTile = sampled ? sampleBytes / sampled : 20000.0;
    report.estimateMb = perTile * static_cast<double>(report.total) / 1e6;
    say("seed: " + std::to_string(report.total) + " tiles for zoom " + std::to_string(o.minZoom) + "-" + std::to_string(o.maxZoom) +
        ", about " + mb(perTile * static_cast<double>(report.total)) + " (" + std::to_string(report.present) + " already there, " +
        std::to_string(todo.size()) + " to fetch)");

    std::mutex mutex;
    std::atomic<std::size_t> next{0};
    std::uint64_t done = 0, lastPercent = 101;
    std::string writeError;
    auto worker = [&]
    {
        net::HttpClient http;
        net::HttpRequest r = req;
        for (std::size_t i = next++; i < todo.size(); i = next++)
        {
            r.url = tileUrl(o.urlTemplate, todo[i]);
            const net::HttpResponse res = http.get(r);
            const bool good = res.ok() && res.status == 200 && media::probeImage(res.body, 1024).ok;
            std::lock_guard<std::mutex> lock(mutex);
            if (good)
            {
                if (writer.put(todo[i], res.body, writeError))
                {
                    ++report.fetched;
                    report.bytes += res.body.size();
                }
                else
                    ++report.failed;
            }
            else if (res.ok() && (res.status == 404 || res.status == 204))
                ++report.missing;
            else
                ++report.failed;
            ++done;
            const std::uint64_t percent = done * 100 / todo.size();
            if (percent != lastPercent && (percent % 5 == 0 || done == todo.size()))
            {
                lastPercent = percent;
                say("seed: " + std::to_string(report.present + done) + " / " + std::to_string(report.total) + " tiles (" +
                    std::to_string(percent) + " %), " + mb(static_cast<double>(report.bytes)));
            }
        }
    };
    std::vector<std::thread> threads;
    for (int i = 0; i < std::max(1, std::min(o.connections, 2)); ++i)
        threads.emplace_back(worker);
    for (auto& t : threads)
        t.join();
    if (!writer.commit(error))
        return false;
    writerPtr.reset();  // closed before it is renamed
    if (report.failed > 0)
    {
        say("seed: " + std::to_string(report.failed) + " tiles failed" + (writeError.empty() ? "" : " (" + writeError + ")") +
            "; run --seed-tiles again to fetch the rest (what is there is kept)");
        return true;
    }
    // Complete: it becomes the installed package; the old one stays as .previous.
    std::error_code ec;
    if (std::filesystem::exists(o.packagePath, ec))
        std::filesystem::rename(o.packagePath, o.packagePath + ".previous", ec);
    std::filesystem::rename(part, o.packagePath, ec);
    if (ec)
    {
        error = "cannot install " + o.packagePath + ": " + ec.message();
        return false;
    }
    report.installed = true;
    say("seed: done, " + std::to_string(report.fetched) + " tiles fetched (" + mb(static_cast<double>(report.bytes)) + "), " +
        std::to_string(report.missing) + " not on the server; installed " + o.packagePath);
    return true;
}

}  // namespace mint::map
