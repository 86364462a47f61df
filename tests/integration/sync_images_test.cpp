// Picture sync against a real HTTP server: good, broken, huge, mislabelled and missing
// pictures; the content-addressed cache, pruning, revalidation and resuming.
#include "media/image_decode.hpp"
#include "support/sync_fixture.hpp"
#include "support/test_images.hpp"
#include "support/test_servers.hpp"
#include "sync/image_cache.hpp"
#include "sync/sync_service.hpp"
#include "unit/feed_builder.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

using namespace mint;
using namespace mint::test;
using sync::SyncResult;

namespace
{

struct PictureServer
{
    HttpTestServer http;
    std::map<std::string, std::pair<std::string, std::string>> files;  // path -> (bytes, content type)
    int sequence = 5;
    std::vector<std::string> imagePaths;

    PictureServer()
    {
        files["/img/good.png"] = {makePng(64, 40, 1), "image/png"};
        files["/img/good.jpg"] = {makeJpeg(64, 40), "image/jpeg"};
        files["/img/mislabelled"] = {makePng(32, 32, 2), "text/html"};
        files["/img/rel.png"] = {makePng(16, 16, 3), "image/png"};
        const std::string good = makePng(64, 64, 4);
        files["/img/broken.png"] = {good.substr(0, good.size() / 2), "image/png"};
        files["/img/huge.png"] = {pngClaiming(20000, 20000), "image/png"};
        files["/img/page.png"] = {"<html><body>Login</body></html>", "image/png"};
        files["/img/toolarge.png"] = {makePng(400, 400, 5, true), "image/png"};
        imagePaths = {"/img/good.png", "/img/good.jpg", "/img/mislabelled",  "img/rel.png",     "/img/broken.png",
                      "/img/huge.png", "/img/page.png", "/img/toolarge.png", "/img/missing.png"};
        http.server().Get("/feed.json",
                          [this](const httplib::Request&, httplib::Response& res) { res.set_content(feed(), "application/json"); });
        http.server().Get(R"(/img/.*)",
                          [this](const httplib::Request& req, httplib::Response& res)
                          {
                              auto it = files.find(req.path);
                              if (it == files.end())
                              {
                                  res.status = 404;
                                  return;
                              }
                              const std::string etag = "\"" + std::to_string(it->second.first.size()) + "\"";
                              if (req.get_header_value("If-None-Match") == etag)
                              {
                                  res.status = 304;
                                  return;
                              }
                              res.set_header("ETag", etag);
                              res.set_content(it->second.first, it->second.second);
                          });
    }

    std::string feed() const
    {
        Json offers = Json::array();
        int i = 0;
        for (const auto& p : imagePaths)
        {
            Json o = sampleOffer("o-" + std::to_string(i++));
            const std::string url = p[0] == '/' ? http.url(p) : p;  // "img/rel.png" stays relative
            o["images"] = Json::array({{{"url", url}, {"alt", "Bild"}}});
            offers.push_back(o);
        }
        Json f = sampleFeed(offers);
        f["sequence"] = sequence;
        return f.dump();
    }
};

std::size_t countFiles(const std::string& dir)
{
    std::size_t n = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
        n += e.is_regular_file() && e.path().extension() != ".json" && e.path().extension() != ".log";
    return n;
}

}  // namespace

TEST_CASE("images: good ones are cached by content, bad ones are reported and skipped")
{
    PictureServer server;
    const std::string cache = makeTempDir("images");
    auto cfg = testConfig(server.http.url("/feed.json"), cache);
    sync::CacheStore store(cache);
    sync::SyncEngine engine(cfg, store);
    auto s = engine.runOnce();
    REQUIRE(s.result == SyncResult::Updated);
    CHECK(s.offers == 9);  // a broken picture never blocks the catalogue
    CHECK(s.imagesCached == 4);
    CHECK(s.imagesMissing == 5);
    std::string problems;
    for (const auto& p : s.imageProblems)
        problems += p + "\n";
    INFO(problems);
    CHECK(problems.find("broken.png: damaged png") != std::string::npos);
    CHECK(problems.find("huge.png: picture is 20000x20000 pixels") != std::string::npos);
    CHECK(problems.find("page.png: not a PNG or JPEG picture") != std::string::npos);
    CHECK(problems.find("toolarge.png: too_large") != std::string::npos);
    CHECK(problems.find("missing.png: HTTP 404") != std::string::npos);

    // Content-addressed files that decode; the relative path was resolved against the feed.
    sync::ImageCache images(store.imagesDir());
    images.load();
    sync::ImageEntry rel;
    REQUIRE(images.find(server.http.url("/img/rel.png"), rel));
    CHECK(rel.width == 16);
    std::string bytes, error;
    REQUIRE(util::readWholeFile(images.pathOf(rel), bytes, error));
    CHECK(bytes == server.files["/img/rel.png"].first);
    CHECK(rel.file.find(rel.sha256) != std::string::npos);
    CHECK(media::decodeImage(bytes, 1024).ok());
    CHECK(countFiles(store.imagesDir()) == 4);

    // Not modified: exactly one request (failed pictures are not retried within the hour).
    const int before = server.http.requests();
    auto again = engine.runOnce();
    CHECK(again.result == SyncResult::NotModified);
    CHECK(again.requests == 1);
    CHECK(server.http.requests() - before == 1);
    CHECK(again.imagesCached == 4);
    CHECK(again.imagesMissing == 5);
}

TEST_CASE("images: pictures no longer referenced are removed after a commit")
{
    PictureServer server;
    server.imagePaths = {"/img/good.png", "/img/good.jpg", "/img/rel.png"};
    const std::string cache = makeTempDir("prune");
    auto cfg = testConfig(server.http.url("/feed.json"), cache);
    sync::CacheStore store(cache);
    sync::SyncEngine engine(cfg, store);
    REQUIRE(engine.runOnce().imagesCached == 3);
    CHECK(countFiles(store.imagesDir()) == 3);

    server.imagePaths = {"/img/good.png", "/img/rel.png", "/img/mislabelled"};
    server.sequence = 6;
    const int imageRequestsBefore = server.http.requestsFor("/img/");
    auto s = engine.runOnce();
    REQUIRE(s.result == SyncResult::Updated);
    CHECK(s.imagesCached == 3);
    CHECK(server.http.requestsFor("/img/") - imageRequestsBefore == 1);  // only the new one
    CHECK(countFiles(store.imagesDir()) == 3);
    sync::ImageCache images(store.imagesDir());
    images.load();
    sync::ImageEntry e;
    CHECK_FALSE(images.find(server.http.url("/img/good.jpg"), e));
    CHECK(images.find(server.http.url("/img/mislabelled"), e));
}

TEST_CASE("images: a restarted kiosk reuses its pictures, stale ones are revalidated with 304")
{
    PictureServer server;
    server.imagePaths = {"/img/good.png", "/img/good.jpg"};
    const std::string cache = makeTempDir("revalidate");
    sync::CacheStore store(cache);
    {
        sync::SyncEngine engine(testConfig(server.http.url("/feed.json"), cache), store);
        REQUIRE(engine.runOnce().imagesCached == 2);
    }
    // Restart with a new feed sequence: the pictures are fresh, no picture request.
    server.sequence = 6;
    {
        sync::SyncEngine engine(testConfig(server.http.url("/feed.json"), cache), store);
        engine.loadInstalled();
        const int before = server.http.requestsFor("/img/");
        auto s = engine.runOnce();
        CHECK(s.result == SyncResult::Updated);
        CHECK(s.imagesCached == 2);
        CHECK(server.http.requestsFor("/img/") == before);
    }
    // revalidate_h 0: every run re-checks conditionally and gets 304s.
    {
        sync::SyncEngine engine(testConfig(server.http.url("/feed.json"), cache, R"(, "admin": {})"), store);
        auto cfg = testConfig(server.http.url("/feed.json"), cache);
        cfg.images.revalidateH = 0;
        sync::SyncEngine revalidating(cfg, store);
        revalidating.loadInstalled();
        const int before = server.http.requestsFor("/img/");
        auto s = revalidating.runOnce();
        CHECK(s.result == SyncResult::NotModified);
        CHECK(s.imagesCached == 2);
        CHECK(server.http.requestsFor("/img/") - before == 2);
        CHECK(s.requests == 3);
    }
}

TEST_CASE("images: while the kiosk is open, re-checks of cached pictures wait for closed hours, new pictures come at once")
{
    PictureServer server;
    server.imagePaths = {"/img/good.png"};
    const std::string cache = makeTempDir("busy-hours");
    sync::CacheStore store(cache);
    auto cfg = testConfig(server.http.url("/feed.json"), cache);
    cfg.images.revalidateH = 0;  // every run would re-check
    sync::SyncEngine engine(cfg, store);
    bool open = true;
    engine.busyHours = [&] { return open; };
    REQUIRE(engine.runOnce().imagesCached == 1);  // missing: fetched although open
    // A new picture in the feed: fetched at once; the cached one is not re-checked.
    server.imagePaths = {"/img/good.png", "/img/good.jpg"};
    server.sequence = 6;
    int before = server.http.requestsFor("/img/");
    auto s = engine.runOnce();
    CHECK(s.imagesCached == 2);
    CHECK(s.imagesDeferred == 1);
    CHECK(server.http.requestsFor("/img/") - before == 1);
    CHECK(Json::parse(sync::statusToJson(s))["images_deferred"] == 1);
    // Closed: both are re-checked (304s), nothing deferred.
    open = false;
    before = server.http.requestsFor("/img/");
    s = engine.runOnce();
    CHECK(s.imagesDeferred == 0);
    CHECK(s.imagesCached == 2);
    CHECK(server.http.requestsFor("/img/") - before == 2);
}

TEST_CASE("images: the journal lets an interrupted run resume")
{
    const std::string dir = makeTempDir("journal");
    {
        sync::ImageCache images(dir);
        sync::ImageEntry e;
        e.url = "http://example.org/a.png";
        std::string error;
        REQUIRE(images.store(e, makePng(8, 8, 1), ".png", error));
        e.url = "http://example.org/b.png";
        REQUIRE(images.store(e, makePng(8, 8, 2), ".png", error));
        // No compact(): as if the process died here. A torn line follows.
        std::ofstream(dir + "/journal.log", std::ios::app) << "{\"url\": \"http://exa";
    }
    sync::ImageCache reloaded(dir);
    reloaded.load();
    sync::ImageEntry e;
    CHECK(reloaded.find("http://example.org/a.png", e));
    CHECK(reloaded.find("http://example.org/b.png", e));
    CHECK(reloaded.size() == 2);
    std::string error;
    REQUIRE(reloaded.compact(error));
    sync::ImageCache compacted(dir);
    compacted.load();
    CHECK(compacted.size() == 2);
}

TEST_CASE("sync service: pictures that arrive with an unchanged feed are handed over with the same catalogue")
{
    PictureServer server;
    server.imagePaths = {"/img/good.png", "/img/later.png"};  // later.png: 404 at first
    const std::string cache = makeTempDir("later");
    sync::CacheStore store(cache);
    sync::SyncEngine engine(testConfig(server.http.url("/feed.json"), cache), store);
    std::atomic<std::int64_t> fakeNow{1'800'000'000};
    engine.clock = [&] { return fakeNow.load(); };
    std::mutex mutex;
    std::condition_variable arrived;
    std::vector<sync::CatalogPtr> handed;
    std::vector<std::size_t> cached;
    sync::SyncService service(
        engine,
        [&](sync::CatalogPtr cat)
        {
            // What the kiosk does here: read the picture index on this thread.
            sync::ImageCache images(store.imagesDir());
            images.load();
            sync::ImageEntry e;
            std::lock_guard<std::mutex> lock(mutex);
            handed.push_back(cat);
            cached.push_back(images.find(server.http.url("/img/later.png"), e) ? 1 : 0);
            arrived.notify_all();
        },
        [&](const sync::SyncStatus&) { arrived.notify_all(); });
    service.start(0);
    {
        std::unique_lock<std::mutex> lock(mutex);
        REQUIRE(arrived.wait_for(lock, std::chrono::seconds(5), [&] { return handed.size() == 1; }));
        CHECK(cached[0] == 0);
    }
    CHECK(service.status().imagesCached == 1);
    CHECK(service.status().imagesMissing == 1);

    // The picture appears on the server; the feed is unchanged.
    {
        std::lock_guard<std::mutex> lock(mutex);
        server.files["/img/later.png"] = {makePng(20, 20, 9), "image/png"};
    }
    fakeNow += 2 * 3600;  // a failed picture is tried again after an hour
    service.syncNow();
    {
        std::unique_lock<std::mutex> lock(mutex);
        REQUIRE(arrived.wait_for(lock, std::chrono::seconds(5), [&] { return handed.size() == 2; }));
        CHECK(handed[1] == handed[0]);  // the same catalogue, only the pictures changed
        CHECK(cached[1] == 1);
    }
    CHECK(service.status().result == SyncResult::NotModified);
    CHECK(service.status().imagesCached == 2);

    // Nothing changed: a status, but no hand-over.
    const int before = server.http.requestsFor("/feed.json");
    service.syncNow();
    for (int i = 0; i < 500 && server.http.requestsFor("/feed.json") == before; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    service.stop();
    std::lock_guard<std::mutex> lock(mutex);
    CHECK(handed.size() == 2);
}
