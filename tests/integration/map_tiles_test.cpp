// Map tiles from real files and a real tile server on 127.0.0.1: an MBTiles package made
// by the test (TMS rows, metadata, damaged files), the loader's workers, and the online
// source with its disk cache (200/304/404/500, slow, garbage, offline).
#include "app/map_package_sync.hpp"
#include "map/mbtiles.hpp"
#include "map/package_update.hpp"
#include "map/tile_cache.hpp"
#include "map/tile_loader.hpp"
#include "map/tile_source.hpp"
#include "media/image_decode.hpp"
#include "net/http_client.hpp"
#include "support/sync_fixture.hpp"
#include "support/test_servers.hpp"
#include "sync/sync_engine.hpp"
#include "synthetic_tiles.hpp"
#include "trust/minisign.hpp"
#include "util/sha256.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

using namespace mint;
using namespace mint::test;
using map::FetchStatus;
using map::TileId;

namespace
{

std::string makePackage(const std::string& dir, const std::string& format = "png", int maxZoom = 10)
{
    tools::SyntheticPackage p;
    p.path = dir + "/map.mbtiles";
    p.minZoom = 8;
    p.maxZoom = maxZoom;
    p.format = format;
    std::string error;
    REQUIRE_MESSAGE(tools::makeSyntheticPackage(p, error), error);
    return p.path;
}

void writeFile(const std::string& path, const std::string& bytes)
{
    std::ofstream(path, std::ios::binary) << bytes;
}

/// Waits (at most 5 s) until the loader has delivered `n` tiles.
std::vector<map::LoadedTile> takeTiles(map::TileLoader& loader, std::size_t n)
{
    std::vector<map::LoadedTile> got;
    for (int i = 0; i < 1000 && got.size() < n; ++i)
    {
        for (auto& t : loader.take(8))
            got.push_back(std::move(t));
        if (got.size() < n)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return got;
}

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("mbtiles: metadata, XYZ ids read the TMS rows, missing tiles")
{
    const std::string dir = makeTempDir("mbtiles");
    const std::string path = makePackage(dir);
    map::MbtilesReader r;
    std::string error;
    REQUIRE_MESSAGE(r.open(path, error), error);
    CHECK(r.info().format == "png");
    CHECK(r.info().minZoom == 8);
    CHECK(r.info().maxZoom == 10);
    REQUIRE(r.info().bounds.has_value());
    CHECK((*r.info().bounds)[0] == doctest::Approx(6.35));
    CHECK(r.info().attribution.find("keine echte Karte") != std::string::npos);
    // Saarbrücken at zoom 10 in XYZ; the package stores row 2^10 - 1 - y.
    const TileId t{10, 531, 350};
    std::string bytes;
    REQUIRE(r.read(t, bytes, error) == map::TileRead::Found);
    CHECK(bytes == tools::encodeSyntheticTile(t, "png"));  // the tile drawn for exactly this XYZ
    // The unflipped row is some other tile (or none): a reader that forgot the flip fails here.
    std::string other;
    const auto wrong = r.read(TileId{10, 531, map::flipRow(10, 350)}, other, error);
    CHECK((wrong == map::TileRead::Missing || other != bytes));
    CHECK(r.read(TileId{10, 10, 10}, bytes, error) == map::TileRead::Missing);      // outside the region
    CHECK(r.read(TileId{14, 8500, 5600}, bytes, error) == map::TileRead::Missing);  // past max zoom
    CHECK(r.read(TileId{3, 99, 0}, bytes, error) == map::TileRead::Missing);        // not a tile at all
}

TEST_CASE("mbtiles: damaged or wrong packages give a clear error, never a crash")
{
    const std::string dir = makeTempDir("badmbtiles");
    std::string error;
    map::MbtilesReader r;
    CHECK_FALSE(r.open(dir + "/none.mbtiles", error));
    CHECK(error.find("none.mbtiles") != std::string::npos);

    writeFile(dir + "/text.mbtiles", std::string(4096, 'x'));
    error.clear();
    CHECK_FALSE(r.open(dir + "/text.mbtiles", error));
    CHECK(error.find("not an MBTiles package") != std::string::npos);

    // A real package cut short after its first pages.
    const std::string good = readFile(makePackage(dir));
    writeFile(dir + "/cut.mbtiles", good.substr(0, 8192));
    error.clear();
    const bool opened = r.open(dir + "/cut.mbtiles", error);
    if (opened)
    {
        // Whatever opens must fail tile by tile, not crash.
        std::string bytes;
        int errors = 0;
        for (int x = 529; x <= 533; ++x)
            errors += r.read(TileId{10, x, 350}, bytes, error) != map::TileRead::Found;
        CHECK(errors > 0);
    }
    else
        CHECK_FALSE(error.empty());

    // Vector tiles are not for us.
    {
        map::MbtilesWriter w;
        map::MbtilesInfo info;
        info.format = "pbf";
        REQUIRE(w.open(dir + "/vector.mbtiles", info, error));
    }
    error.clear();
    CHECK_FALSE(r.open(dir + "/vector.mbtiles", error));
    CHECK(error.find("'pbf'") != std::string::npos);
    // Garbage in one tile: the loader reports it as failed, the others load.
    {
        map::MbtilesWriter w;
        map::MbtilesInfo info;
        info.minZoom = 10;
        info.maxZoom = 10;
        REQUIRE(w.open(dir + "/garbage.mbtiles", info, error));
        REQUIRE(w.put(TileId{10, 1, 1}, "<html>not a tile</html>", error));
        REQUIRE(w.put(TileId{10, 1, 2}, tools::encodeSyntheticTile(TileId{10, 1, 2}, "png"), error));
    }
    auto pkg = std::make_shared<map::MbtilesReader>();
    REQUIRE(pkg->open(dir + "/garbage.mbtiles", error));
    map::TileSources sources;
    sources.package = pkg;
    map::TileLoader loader(sources, {}, 2);
    loader.want({TileId{10, 1, 1}, TileId{10, 1, 2}, TileId{10, 1, 3}});
    const std::vector<map::LoadedTile> got = takeTiles(loader, 3);
    REQUIRE(got.size() == 3);
    for (const auto& t : got)
    {
        if (t.id == TileId{10, 1, 1})
        {
            CHECK(t.status == FetchStatus::Failed);
            CHECK(t.error.find("10/1/1") != std::string::npos);
        }
        else if (t.id == TileId{10, 1, 2})
            CHECK(t.status == FetchStatus::Ok);
        else
            CHECK(t.status == FetchStatus::Missing);
    }
    CHECK(loader.counters().failed == 1);
}

TEST_CASE("tile loader: decodes in the order asked, drops what is no longer wanted")
{
    const std::string dir = makeTempDir("loader");
    auto pkg = std::make_shared<map::MbtilesReader>();
    std::string error;
    REQUIRE(pkg->open(makePackage(dir, "jpg"), error));
    map::TileSources sources;
    sources.package = pkg;
    sources.minZoom = 8;
    sources.maxZoom = 10;
    std::atomic<int> wakes{0};
    map::TileLoader loader(
        sources, [&] { ++wakes; }, 1);  // one worker: order is observable
    // Ask for a whole view, then change the mind: only the new list (plus what was already
    // being decoded) arrives.
    std::vector<TileId> first, second;
    for (int x = 529; x <= 533; ++x)
        for (int y = 348; y <= 352; ++y)
            first.push_back(TileId{10, x, y});
    second = {TileId{9, 265, 175}, TileId{9, 266, 175}};
    loader.want(first);
    loader.want(second);
    std::vector<map::LoadedTile> got;
    for (int i = 0; i < 1000 && loader.busy(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    for (auto& t : loader.take(100))
        got.push_back(std::move(t));
    CHECK(got.size() <= 3);  // at most one from the first list was already in progress
    int fromSecond = 0;
    for (const auto& t : got)
    {
        CHECK(t.status == FetchStatus::Ok);
        CHECK(t.width == 256);
        CHECK(t.height == 256);
        CHECK(t.rgba.size() == 256u * 256u * 4u);
        fromSecond += t.id.z == 9;
    }
    CHECK(fromSecond == 2);
    CHECK(wakes.load() == static_cast<int>(got.size()));
    // JPEG tiles decode close to what was drawn (lossy, so approximately).
    const auto& t = got.back();
    const auto want = tools::renderSyntheticTile(t.id);
    long diff = 0;
    for (std::size_t i = 0; i < want.size(); i += 97)
        diff += std::abs(int(want[i]) - int(t.rgba[i]));
    CHECK(diff / static_cast<long>(want.size() / 97) < 12);
}

namespace
{

struct TileServer
{
    // Declared before the server, so they outlive its handler threads.
    std::mutex mutex;
    std::string cacheControl = "max-age=0";
    std::atomic<int> delayMs{0};
    std::atomic<int> tileRequests{0};  ///< counted before answering (the server's log runs after the reply)
    std::unique_ptr<HttpTestServer> http = std::make_unique<HttpTestServer>();

    void setCacheControl(const std::string& value)
    {
        std::lock_guard<std::mutex> lock(mutex);
        cacheControl = value;
    }

    TileServer()
    {
        http->server().Get(R"(/tiles/(\d+)/(\d+)/(\d+)\.png)",
                           [this](const httplib::Request& req, httplib::Response& res)
                           {
                               const TileId t{std::stoi(req.matches[1]), std::stoi(req.matches[2]), std::stoi(req.matches[3])};
                               ++tileRequests;
                               if (delayMs > 0)
                                   std::this_thread::sleep_for(std::chrono::milliseconds(delayMs.load()));
                               const std::string etag = "\"" + map::tileName(t) + "\"";
                               if (req.get_header_value("If-None-Match") == etag)
                               {
                                   res.status = 304;
                                   return;
                               }
                               res.set_header("ETag", etag);
                               {
                                   std::lock_guard<std::mutex> lock(mutex);
                                   res.set_header("Cache-Control", cacheControl);
                               }
                               res.set_content(tools::encodeSyntheticTile(t, "png"), "image/png");
                           });
        http->server().Get(R"(/missing/.*)", [](const httplib::Request&, httplib::Response& res) { res.status = 404; });
        http->server().Get(R"(/broken/.*)", [](const httplib::Request&, httplib::Response& res) { res.status = 500; });
        http->server().Get(R"(/portal/.*)", [](const httplib::Request&, httplib::Response& res)
                           { res.set_content("<html><body>Please log in</body></html>", "image/png"); });
    }
    std::string url(const std::string& prefix) const { return http->url(prefix + "/{z}/{x}/{y}.png"); }
};

/// A tile server, an empty disk cache and the options of an online source with a test clock.
struct OnlineFixture
{
    TileServer server;
    std::string dir;
    map::TileDiskCache cache;
    std::int64_t now = 1'800'000'000;
    map::OnlineSourceOptions options;

    explicit OnlineFixture(const std::string& name) : dir(makeTempDir(name))
    {
        net::initHttpGlobal();
        std::string error;
        REQUIRE_MESSAGE(cache.open(dir + "/tiles.sqlite", 1 << 20, error), error);
        options.urlTemplate = server.url("/tiles");
        options.timeoutS = 2;
        options.connectTimeoutS = 2;
    }
    std::function<std::int64_t()> clock()
    {
        return [this] { return now; };
    }
};

}  // namespace

TEST_CASE("online tiles: cached, revalidated with 304, Cache-Control honoured, errors and garbage")
{
    OnlineFixture f("online");
    TileServer& server = f.server;
    map::TileDiskCache& cache = f.cache;
    std::int64_t& now = f.now;
    map::OnlineSourceOptions& o = f.options;
    o.userAgent = "mint-kiosk-test (+kiosk@example.org)";
    map::OnlineTileSource src(o, &cache, f.clock());
    net::HttpClient http;
    const TileId t{10, 531, 350};

    auto first = src.fetch(http, t);
    REQUIRE(first.status == FetchStatus::Ok);
    CHECK(first.fromNetwork);
    CHECK(first.bytes == tools::encodeSyntheticTile(t, "png"));
    CHECK(server.http->lastUserAgent() == o.userAgent);
    CHECK(cache.count() == 1);
    // max-age=0: the next use revalidates and gets a 304, the bytes come from the cache.
    auto again = src.fetch(http, t);
    CHECK(again.status == FetchStatus::Ok);
    CHECK(server.http->lastIfNoneMatch() == "\"10/531/350\"");
    CHECK(again.bytes == first.bytes);
    CHECK(server.tileRequests == 2);

    // max-age=3600: no request within the hour, one after it.
    server.setCacheControl("public, max-age=3600");
    const TileId u{10, 532, 350};
    REQUIRE(src.fetch(http, u).status == FetchStatus::Ok);
    const int before = server.tileRequests;
    now += 1800;
    CHECK(src.fetch(http, u).status == FetchStatus::Ok);
    CHECK(server.tileRequests == before);
    now += 3600;
    CHECK(src.fetch(http, u).status == FetchStatus::Ok);
    CHECK(server.tileRequests == before + 1);

    // no-store: served, not kept.
    server.setCacheControl("no-store");
    const std::size_t stored = cache.count();
    CHECK(src.fetch(http, TileId{10, 533, 350}).status == FetchStatus::Ok);
    CHECK(cache.count() == stored);

    // 404: missing (stand-ins are drawn); 500: failed (tried again later).
    map::OnlineSourceOptions m = o;
    m.urlTemplate = server.url("/missing");
    CHECK(map::OnlineTileSource(m, &cache).fetch(http, TileId{10, 1, 1}).status == FetchStatus::Missing);
    m.urlTemplate = server.url("/broken");
    auto broken = map::OnlineTileSource(m, &cache).fetch(http, TileId{10, 1, 1});
    CHECK(broken.status == FetchStatus::Failed);
    CHECK(broken.error.find("HTTP 500") != std::string::npos);
    // A captive portal's page instead of a picture: failed, and nothing cached.
    m.urlTemplate = server.url("/portal");
    const std::size_t count = cache.count();
    auto portal = map::OnlineTileSource(m, &cache).fetch(http, TileId{10, 2, 2});
    CHECK(portal.status == FetchStatus::Failed);
    CHECK(portal.error.find("not a PNG or JPEG") != std::string::npos);
    CHECK(cache.count() == count);

    // Slow server: given up after the timeout, reported as failed.
    server.delayMs = 3500;
    const auto start = std::chrono::steady_clock::now();
    auto slow = src.fetch(http, TileId{10, 534, 351});
    CHECK(slow.status == FetchStatus::Failed);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(4));
    server.delayMs = 0;
}

TEST_CASE("online tiles offline: the server is gone, cached tiles are still shown")
{
    OnlineFixture f("offline");
    TileServer& server = f.server;
    map::TileDiskCache& cache = f.cache;
    std::int64_t& now = f.now;
    const map::OnlineSourceOptions& o = f.options;
    map::OnlineTileSource src(o, &cache, f.clock());
    net::HttpClient http;
    const TileId seen{10, 531, 350}, unseen{10, 531, 351};
    REQUIRE(src.fetch(http, seen).status == FetchStatus::Ok);
    server.http.reset();    // the network is gone
    now += 30 * 24 * 3600;  // long expired
    auto cached = src.fetch(http, seen);
    CHECK(cached.status == FetchStatus::Ok);
    CHECK(cached.stale);
    CHECK(cached.bytes == tools::encodeSyntheticTile(seen, "png"));
    auto missing = src.fetch(http, unseen);
    CHECK(missing.status == FetchStatus::Failed);
    CHECK_FALSE(missing.error.empty());
    // Through the sources and the loader, like the map does it.
    map::TileSources sources;
    sources.online = std::make_shared<map::OnlineTileSource>(o, &cache, f.clock());
    map::TileLoader loader(sources, {}, 2);
    loader.want({seen, unseen});
    const std::vector<map::LoadedTile> got = takeTiles(loader, 2);
    REQUIRE(got.size() == 2);
    for (const auto& t : got)
        CHECK(t.status == (t.id == seen ? FetchStatus::Ok : FetchStatus::Failed));
}

#ifdef MINT_KIOSK_EXE
#include "support/run_process.hpp"

TEST_CASE("seed-tiles: estimate first, progress, resumes after failures, installs a complete package, refuses OSM")
{
    std::set<std::string> failOnce;  // tiles that answer 500 in the first run
    std::mutex mutex;
    std::atomic<int> flakyRequests{0};
    TileServer server;  // after what its handlers use
    server.http->server().Get(R"(/flaky/(\d+)/(\d+)/(\d+)\.png)",
                              [&](const httplib::Request& req, httplib::Response& res)
                              {
                                  const TileId t{std::stoi(req.matches[1]), std::stoi(req.matches[2]), std::stoi(req.matches[3])};
                                  ++flakyRequests;
                                  {
                                      std::lock_guard<std::mutex> lock(mutex);
                                      if (failOnce.erase(map::tileName(t)))
                                      {
                                          res.status = 500;
                                          return;
                                      }
                                  }
                                  res.set_content(tools::encodeSyntheticTile(t, "png"), "image/png");
                              });
    failOnce = {"10/531/350", "10/532/351"};
    const std::string dir = makeTempDir("seed");
    auto config = [&](const std::string& tileUrl)
    {
        const std::string path = dir + "/kiosk.json";
        std::ofstream(path) << R"({"feed": {"url": ")" << MINT_SOURCE_DIR << R"(/assets/demo/feed.json"}, "cache": {"dir": "cache"},
            "map": {"mbtiles": "region.mbtiles", "tile_url": ")"
                            << tileUrl << R"(", "attribution": "Test tiles", "min_zoom": 8, "max_zoom": 10}})";
        return path;
    };
    const std::string cfg = config(server.url("/flaky"));
    // No catalogue yet: nothing to seed.
    Run none = runProgram(MINT_KIOSK_EXE, {"--config", cfg, "--seed-tiles"});
    CHECK(none.exitCode == 2);
    CHECK(none.err.find("--sync-once") != std::string::npos);
    REQUIRE(runProgram(MINT_KIOSK_EXE, {"--config", cfg, "--sync-once"}).exitCode == 0);

    Run first = runProgram(MINT_KIOSK_EXE, {"--config", cfg, "--seed-tiles"});
    INFO(first.out, first.err);
    CHECK(first.exitCode == 1);                                                // two tiles failed: run again
    CHECK(first.out.find("tiles for zoom 8-10, about") != std::string::npos);  // the estimate comes first
    CHECK(first.out.find("seed: ") < first.out.find("%)"));
    CHECK(first.out.find("2 tiles failed") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir + "/region.mbtiles"));  // nothing half-done is installed
    CHECK(std::filesystem::exists(dir + "/region.mbtiles.seeding"));
    const int afterFirst = flakyRequests;

    Run second = runProgram(MINT_KIOSK_EXE, {"--config", cfg, "--seed-tiles"});
    INFO(second.out, second.err);
    CHECK(second.exitCode == 0);
    CHECK(second.out.find("2 to fetch") != std::string::npos);  // resumed: only the two
    CHECK(flakyRequests - afterFirst <= 2 + 6);                 // + the estimate's samples
    REQUIRE(std::filesystem::exists(dir + "/region.mbtiles"));
    map::MbtilesReader r;
    std::string error, bytes;
    REQUIRE(r.open(dir + "/region.mbtiles", error));
    CHECK(r.info().attribution == "Test tiles");
    CHECK(r.info().maxZoom == 10);
    REQUIRE(r.read(TileId{10, 531, 350}, bytes, error) == map::TileRead::Found);
    CHECK(bytes == tools::encodeSyntheticTile(TileId{10, 531, 350}, "png"));

    // The public OSM servers: refused with the reason, nothing fetched or written.
    const std::string osm = config("https://tile.openstreetmap.org/{z}/{x}/{y}.png");
    std::filesystem::remove(dir + "/region.mbtiles.seeding");
    Run refused = runProgram(MINT_KIOSK_EXE, {"--config", osm, "--seed-tiles"});
    CHECK(refused.exitCode == 2);
    CHECK(refused.err.find("tile usage policy") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir + "/region.mbtiles.seeding"));
}
#endif

TEST_CASE("map package: delivered like the feed: downloaded to disk, sha256 checked, previous kept")
{
    net::initHttpGlobal();
    const std::string dir = makeTempDir("package");
    const std::string v1 = readFile(makePackage(dir + "", "png", 8));
    std::filesystem::rename(dir + "/map.mbtiles", dir + "/v1.mbtiles");
    const std::string v2 = readFile(makePackage(dir, "jpg", 9));
    std::filesystem::remove(dir + "/map.mbtiles");
    HttpTestServer server;
    std::string served = v1;
    std::atomic<int> downloads{0};  // counted before answering (the server's log runs after the reply)
    server.server().Get("/map.mbtiles",
                        [&](const httplib::Request&, httplib::Response& res)
                        {
                            ++downloads;
                            res.set_content(served, "application/x-sqlite3");
                        });
    const std::string cache = makeTempDir("package-cache");
    auto cfgFor = [&](const std::string& sha)
    {
        return testConfig("file://" + std::string(MINT_SOURCE_DIR) + "/assets/demo/feed.json", cache,
                          R"(, "map": {"mbtiles": ")" + dir + R"(/region.mbtiles", "package_url": ")" + server.url("/map.mbtiles") +
                              R"(", "package_sha256": ")" + sha + R"("})");
    };
    const std::string sha1 = util::Sha256::hex(v1), sha2 = util::Sha256::hex(v2);
    sync::CacheStore store(cache);
    {
        auto cfg = cfgFor(sha1);
        sync::SyncEngine engine(cfg, store);
        std::atomic<bool> installed{false};
        app::attachMapPackageUpdate(engine, cfg, &installed);
        auto s = engine.runOnce();
        CHECK(s.mapPackage == "installed");
        CHECK(installed.load());
        CHECK(readFile(dir + "/region.mbtiles") == v1);
        CHECK_FALSE(std::filesystem::exists(dir + "/region.mbtiles.download"));
        // Nothing changed: no request, no hashing of the package.
        const int before = downloads;
        installed = false;
        CHECK(engine.runOnce().mapPackage == "current");
        CHECK(downloads == before);
        CHECK_FALSE(installed.load());
    }
    {
        // A new package announced, but the server still has the old one: refused, v1 stays.
        auto cfg = cfgFor(sha2);
        sync::SyncEngine engine(cfg, store);
        app::attachMapPackageUpdate(engine, cfg, nullptr);
        auto s = engine.runOnce();
        CHECK(s.mapPackage.find("does not match map.package_sha256") != std::string::npos);
        CHECK(readFile(dir + "/region.mbtiles") == v1);
        CHECK_FALSE(std::filesystem::exists(dir + "/region.mbtiles.download"));
        // Now the server has it — but the kiosk is open (opening hours): a package in place
        // waits for closed hours, no download.
        served = v2;
        bool open = true;
        engine.busyHours = [&] { return open; };
        const int before = downloads;
        CHECK(engine.runOnce().mapPackage == "deferred to closed hours");
        CHECK(downloads == before);
        CHECK(readFile(dir + "/region.mbtiles") == v1);
        // Closed: installed, v1 kept as .previous.
        open = false;
        CHECK(engine.runOnce().mapPackage == "installed");
        CHECK(readFile(dir + "/region.mbtiles") == v2);
        CHECK(readFile(dir + "/region.mbtiles.previous") == v1);
        map::MbtilesReader r;
        std::string error;
        REQUIRE(r.open(dir + "/region.mbtiles", error));
        CHECK(r.info().format == "jpg");
    }
    {
        // Right checksum, but not a tile package: refused.
        const std::string junk(50000, 'j');
        served = junk;
        auto cfg = cfgFor(util::Sha256::hex(junk));
        sync::SyncEngine engine(cfg, store);
        app::attachMapPackageUpdate(engine, cfg, nullptr);
        CHECK(engine.runOnce().mapPackage.find("not an MBTiles package") != std::string::npos);
        CHECK(readFile(dir + "/region.mbtiles") == v2);
    }
}

TEST_CASE("map package: with feed.public_keys only a package signed by a trusted key is installed")
{
    net::initHttpGlobal();
    REQUIRE(trust::initCrypto());
    const std::string dir = makeTempDir("signed-package");
    const std::string pkg = readFile(makePackage(dir, "png", 8));
    std::filesystem::remove(dir + "/map.mbtiles");
    const trust::KeyPair network = trust::generateKeyPair(), stranger = trust::generateKeyPair();
    std::string error;
    const auto networkKey = trust::parseSecretKey(network.secretText, error),
               strangerKey = trust::parseSecretKey(stranger.secretText, error);
    REQUIRE(networkKey);
    HttpTestServer server;
    std::string signature;  // "" = 404
    server.server().Get("/map.mbtiles",
                        [&](const httplib::Request&, httplib::Response& res) { res.set_content(pkg, "application/x-sqlite3"); });
    server.server().Get("/map.mbtiles.minisig",
                        [&](const httplib::Request&, httplib::Response& res)
                        {
                            if (signature.empty())
                                res.status = 404;
                            else
                                res.set_content(signature, "text/plain");
                        });
    const std::string cache = makeTempDir("signed-package-cache");
    // The feed is signed too (the map step runs after a good feed step).
    const std::string feed = readFile(std::string(MINT_SOURCE_DIR) + "/assets/demo/feed.json");
    REQUIRE(util::writeFileAtomic(dir + "/feed.json", feed, error));
    REQUIRE(util::writeFileAtomic(dir + "/feed.json.minisig", trust::sign(feed, *networkKey, "feed"), error));
    auto cfg = testConfig("file://" + dir + "/feed.json", cache,
                          R"(, "map": {"mbtiles": ")" + dir + R"(/region.mbtiles", "package_url": ")" + server.url("/map.mbtiles") +
                              R"(", "package_sha256": ")" + util::Sha256::hex(pkg) + R"("})");
    cfg.feed.publicKeys = {network.publicText.substr(network.publicText.find('\n') + 1, 56)};
    sync::CacheStore store(cache);
    sync::SyncEngine engine(cfg, store);
    app::attachMapPackageUpdate(engine, cfg, nullptr);
    struct Case
    {
        const char* what;
        std::string signature;
        const char* message;
    };
    const Case refusals[] = {
        {"no signature", "", "no signature at "},
        {"another key", trust::sign(pkg, *strangerKey, "map"), "not trusted here"},
        {"another file", trust::sign(pkg + "x", *networkKey, "map"), "does not match"},
        {"garbage", "<html>login</html>", "not a minisign signature"},
    };
    for (const Case& c : refusals)
    {
        CAPTURE(c.what);
        signature = c.signature;
        const auto s = engine.runOnce();
        CHECK_MESSAGE(s.mapPackage.find(c.message) != std::string::npos, s.mapPackage);
        CHECK_FALSE(std::filesystem::exists(dir + "/region.mbtiles"));
        CHECK_FALSE(std::filesystem::exists(dir + "/region.mbtiles.download"));
    }
    signature = trust::sign(pkg, *networkKey, "map");
    CHECK(engine.runOnce().mapPackage == "installed");
    CHECK(readFile(dir + "/region.mbtiles") == pkg);
}
