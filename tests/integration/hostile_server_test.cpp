// Servers and clocks that once took the kiosk down or stopped it syncing: validators that are
// not UTF-8, feeds whose error messages carry cut characters, a busy cache, restarts while
// offline, a wall clock stepped back, and a sync run that throws. For each: no abort, an
// honest status, and the next run still happens.
#include "support/sync_fixture.hpp"
#include "support/test_images.hpp"
#include "support/test_servers.hpp"
#include "sync/image_cache.hpp"
#include "sync/sync_service.hpp"
#include "unit/feed_builder.hpp"
#include "util/utf8.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

using namespace mint;
using namespace mint::test;
using sync::FailureKind;
using sync::SyncResult;

namespace
{

constexpr std::int64_t kT0 = 1795000000;  // 2026-11-19, a fixed "now" for the virtual clock

std::string repeat(const std::string& s, int n)
{
    std::string out;
    for (int i = 0; i < n; ++i)
        out += s;
    return out;
}

/// A feed with one offer and, optionally, one picture at `pictureUrl`.
std::string feedWith(std::int64_t sequence, const std::string& pictureUrl = "")
{
    Json o = sampleOffer("o-1");
    if (pictureUrl.empty())
        o.erase("images");
    else
        o["images"] = Json::array({{{"url", pictureUrl}, {"alt", "Bild"}}});
    Json f = sampleFeed(Json::array({o}));
    f["sequence"] = sequence;
    return f.dump();
}

/// An HTTP/1.1 response with raw header bytes, as a misbehaving server or proxy sends it.
std::string rawResponse(const std::string& body, const std::string& extraHeaders, const std::string& type)
{
    return "HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n" +
           extraHeaders + "\r\n" + body;
}

/// A local feed server and a prepared cache: the common set-up of these tests.
struct FeedAndCache
{
    HttpTestServer http;
    std::string body;
    std::string cache;
    sync::CacheStore store;

    FeedAndCache(const std::string& name, std::string feed) : body(std::move(feed)), cache(makeTempDir(name)), store(cache)
    {
        http.server().Get("/feed.json",
                          [this](const httplib::Request&, httplib::Response& res) { res.set_content(body, "application/json"); });
        std::string error;
        REQUIRE(store.prepare(error));
    }
    std::string url() const { return http.url("/feed.json"); }
};

}  // namespace

TEST_CASE("hostile server: ETag and Last-Modified bytes that are not UTF-8 neither abort nor poison the cache")
{
    const std::string picture = makePng(48, 32, 7);
    std::atomic<int> feedRequests{0}, pictureRequests{0};
    std::string feedBody;
    const std::string lying = "ETag: \"\xFF\xFE\"\r\nLast-Modified: \xFF\xFE Tue\r\n";
    RawTestServer raw(
        [&](int fd)
        {
            std::string head;
            char c;
            while (head.find("\r\n\r\n") == std::string::npos && ::read(fd, &c, 1) == 1)
                head += c;
            CHECK(head.find("If-None-Match") == std::string::npos);  // nothing stored, nothing sent back
            if (head.rfind("GET /feed.json", 0) == 0)
            {
                ++feedRequests;
                RawTestServer::send(fd, rawResponse(feedBody, lying, "application/json"));
            }
            else
            {
                ++pictureRequests;
                RawTestServer::send(fd, rawResponse(picture, lying, "image/png"));
            }
            ::close(fd);
        });
    feedBody = feedWith(5, raw.url("/img/a.png"));
    const std::string cache = makeTempDir("hostile-etag");
    auto cfg = testConfig(raw.url("/feed.json"), cache);
    cfg.images.revalidateH = 0;  // every run re-checks the picture
    sync::CacheStore store(cache);
    std::string error;
    REQUIRE(store.prepare(error));
    sync::SyncEngine engine(cfg, store);

    const auto first = engine.runOnce();
    REQUIRE(first.result == SyncResult::Updated);
    CHECK(first.imagesCached == 1);
    const std::string json = sync::statusToJson(first);
    CHECK(util::isValidUtf8(json));
    // status.json and the cache's metadata are readable again.
    const auto status = store.readStatus();
    REQUIRE(status);
    CHECK(sync::statusFromJson(*status).has_value());

    // The next run cannot be conditional (no validator kept), so it fetches in full and the
    // picture is fetched again: counts prove both runs reached the server.
    const auto second = engine.runOnce();
    CHECK(second.result != SyncResult::Failed);
    CHECK(feedRequests == 2);
    CHECK(pictureRequests == 2);

    // A restarted kiosk reads the picture journal back.
    sync::SyncEngine restarted(cfg, store);
    REQUIRE(restarted.loadInstalled());
    sync::ImageCache images(store.imagesDir());
    images.load();
    sync::ImageEntry entry;
    CHECK(images.find(raw.url("/img/a.png"), entry));
    CHECK(entry.etag.empty());
}

TEST_CASE("hostile server: a feed whose error quotes a cut character fails cleanly and keeps the catalogue")
{
    FeedAndCache k("hostile-utf8", feedWith(5));
    sync::SyncEngine engine(testConfig(k.url(), k.cache), k.store);
    REQUIRE(engine.runOnce().result == SyncResult::Updated);
    const std::string before = cacheSnapshot(k.cache);

    Json bad = Json::parse(feedWith(6));
    bad["sequence"] = "x" + repeat("Ä", 30);
    k.body = bad.dump();
    const auto status = engine.runOnce();
    CHECK(status.result == SyncResult::Failed);
    CHECK(status.failure == FailureKind::Invalid);
    CHECK(util::isValidUtf8(status.detail));
    CHECK(status.detail.find("x" + repeat("Ä", 19)) != std::string::npos);
    CHECK(status.sequence == 5);
    CHECK(cacheSnapshot(k.cache) == before);
    const auto text = k.store.readStatus();
    REQUIRE(text);
    const auto back = sync::statusFromJson(*text);
    REQUIRE(back);
    CHECK(back->detail == status.detail);
}

TEST_CASE("hostile server: a busy cache reports the installed catalogue, not sequence 0")
{
    FeedAndCache k("hostile-busy", feedWith(9));
    sync::SyncEngine engine(testConfig(k.url(), k.cache), k.store);
    REQUIRE(engine.runOnce().result == SyncResult::Updated);

    sync::CacheStore other(k.cache);  // another process syncing the same cache
    std::string error;
    const auto held = other.tryLock(error);
    REQUIRE(held.held());
    const auto status = engine.runOnce();
    CHECK(status.result == SyncResult::Failed);
    CHECK(status.failure == FailureKind::Busy);
    CHECK(status.sequence == 9);
    CHECK(status.offers == 1);
}

TEST_CASE("hostile server: the last success survives a restart while offline")
{
    FeedAndCache k("hostile-restart", feedWith(5));
    std::int64_t now = kT0;
    {
        sync::SyncEngine engine(testConfig(k.url(), k.cache), k.store);
        engine.clock = [&] { return now; };
        REQUIRE(engine.runOnce().result == SyncResult::Updated);
    }
    // Restart 72 h later with the server gone (a port nobody listens on).
    now = kT0 + 72 * 3600;
    sync::SyncEngine engine(testConfig("http://127.0.0.1:9/feed.json", k.cache), k.store);
    engine.clock = [&] { return now; };
    REQUIRE(engine.loadInstalled());
    CHECK(engine.lastStatus().lastSuccess == kT0);
    const auto status = engine.runOnce();
    CHECK(status.result == SyncResult::Failed);
    CHECK(status.lastAttempt == now);
    CHECK(status.lastSuccess == kT0);
    const auto text = k.store.readStatus();
    REQUIRE(text);
    CHECK(sync::statusFromJson(*text)->lastSuccess == kT0);

    // Without status.json (deleted by hand) the installed generation's fetch time stands in.
    std::filesystem::remove(k.cache + "/status.json");
    sync::SyncEngine again(testConfig("http://127.0.0.1:9/feed.json", k.cache), k.store);
    REQUIRE(again.loadInstalled());
    CHECK(again.lastStatus().lastSuccess == kT0);
}

TEST_CASE("hostile server: a picture checked 'in the future' is re-checked after a clock step back")
{
    HttpTestServer http;
    const std::string picture = makePng(32, 32, 3);
    std::string body;
    http.server().Get("/feed.json", [&](const httplib::Request&, httplib::Response& res) { res.set_content(body, "application/json"); });
    http.server().Get("/img/a.png",
                      [&](const httplib::Request& req, httplib::Response& res)
                      {
                          if (req.get_header_value("If-None-Match") == "\"a\"")
                          {
                              res.status = 304;
                              return;
                          }
                          res.set_header("ETag", "\"a\"");
                          res.set_content(picture, "image/png");
                      });
    body = feedWith(5, http.url("/img/a.png"));
    const std::string cache = makeTempDir("hostile-future");
    sync::CacheStore store(cache);
    std::string error;
    REQUIRE(store.prepare(error));
    std::int64_t now = kT0;
    sync::SyncEngine engine(testConfig(http.url("/feed.json"), cache), store);
    engine.clock = [&] { return now; };
    REQUIRE(engine.runOnce().imagesCached == 1);
    REQUIRE(http.requestsFor("/img/") == 1);

    // NTP steps the clock back five years: the picture's checked_at is now in the future.
    now = kT0 - 5LL * 365 * 86400;
    engine.runOnce();
    CHECK(http.requestsFor("/img/") == 1);  // counts as checked now: no re-check yet
    now += 25 * 3600;                       // revalidate_h (24) later
    engine.runOnce();
    CHECK(http.requestsFor("/img/") == 2);  // re-checked (a 304) instead of never again
}

TEST_CASE("hostile server: a sync run that throws is reported and the sync thread keeps running")
{
    FeedAndCache k("hostile-throw", feedWith(5));
    sync::SyncEngine engine(testConfig(k.url(), k.cache), k.store);
    std::atomic<int> throws{0};
    engine.extraStep = [&](sync::SyncStatus&, net::HttpClient&)
    {
        ++throws;
        throw std::runtime_error("map step failed: \xFF bad byte");
    };
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<sync::SyncStatus> seen;
    sync::SyncService service(
        engine, [](sync::CatalogPtr) {},
        [&](const sync::SyncStatus& s)
        {
            std::lock_guard<std::mutex> lock(mutex);
            seen.push_back(s);
            changed.notify_all();
        });
    service.start(0);
    auto waitFor = [&](std::size_t n)
    {
        std::unique_lock<std::mutex> lock(mutex);
        return changed.wait_for(lock, std::chrono::seconds(20), [&] { return seen.size() >= n; });
    };
    REQUIRE(waitFor(1));
    service.syncNow();
    REQUIRE(waitFor(2));
    service.stop();
    CHECK(throws == 2);
    for (const auto& s : seen)
    {
        CHECK(s.result == SyncResult::Failed);
        CHECK(s.failure == FailureKind::Internal);
        CHECK(s.detail == "map step failed: \xEF\xBF\xBD bad byte");
        CHECK(s.sequence == 5);  // the catalogue was installed before the step threw
        CHECK(s.nextAttempt > s.lastAttempt);
    }
    const auto text = k.store.readStatus();
    REQUIRE(text);
    CHECK(sync::statusFromJson(*text)->failure == FailureKind::Internal);
}

TEST_CASE("hostile server: pictures already on disk stay when feed.url moves to another host serving the same pictures")
{
    const std::string picture = makePng(40, 30, 9);
    auto serve = [&](HttpTestServer& http, std::atomic<int>& conditional)
    {
        http.server().Get("/img/a.png",
                          [&](const httplib::Request& req, httplib::Response& res)
                          {
                              if (req.get_header_value("If-None-Match") == "\"pic-a\"")
                              {
                                  ++conditional;
                                  res.status = 304;
                                  return;
                              }
                              res.set_header("ETag", "\"pic-a\"");
                              res.set_content(picture, "image/png");
                          });
    };
    std::atomic<int> conditionalA{0}, conditionalB{0};
    FeedAndCache a("hostile-moved", "");
    a.body = feedWith(5, a.http.url("/img/a.png"));
    serve(a.http, conditionalA);
    sync::SyncEngine first(testConfig(a.url(), a.cache), a.store);
    REQUIRE(first.runOnce().imagesCached == 1);

    // Host B serves the same feed with its own picture URLs; staff point feed.url at it.
    HttpTestServer b;
    const std::string bodyB = feedWith(6, b.url("/img/a.png"));
    b.server().Get("/feed.json", [&](const httplib::Request&, httplib::Response& res) { res.set_content(bodyB, "application/json"); });
    serve(b, conditionalB);
    sync::SyncEngine moved(testConfig(b.url("/feed.json"), a.cache), a.store);
    REQUIRE(moved.loadInstalled());
    const auto status = moved.runOnce();
    CHECK(status.result == SyncResult::Updated);
    CHECK(status.imagesCached == 1);
    CHECK(status.imagesMissing == 0);
    CHECK(conditionalB == 1);  // re-checked at the new host with the old validators: a 304, no download
    sync::ImageCache images(a.store.imagesDir());
    images.load();
    sync::ImageEntry entry;
    CHECK(images.find(b.url("/img/a.png"), entry));
}
