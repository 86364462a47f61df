// Feed sync against a real HTTP server on 127.0.0.1: conditional requests, every way a
// server or network can fail, refused feeds. For every failure: no crash, the cached
// catalogue unchanged byte for byte, the status names the problem.
#include "support/gzip.hpp"
#include "support/sync_fixture.hpp"
#include "support/test_servers.hpp"
#include "sync/sync_service.hpp"
#include "unit/feed_builder.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <thread>

using namespace mint;
using namespace mint::test;
using sync::FailureKind;
using sync::SyncResult;

namespace
{

std::string feedText(std::int64_t sequence, int offers = 3)
{
    return feedWithOffers(sequence, offers);
}

struct FeedServer
{
    HttpTestServer http;
    std::string body = feedText(5);
    std::string etag = "\"v5\"";
    std::string lastModified = "Tue, 24 Nov 2026 05:00:00 GMT";

    FeedServer()
    {
        http.server().Get("/feed.json",
                          [this](const httplib::Request& req, httplib::Response& res)
                          {
                              if (req.get_header_value("If-None-Match") == etag)
                              {
                                  res.status = 304;
                                  return;
                              }
                              res.set_header("ETag", etag);
                              res.set_header("Last-Modified", lastModified);
                              res.set_content(body, "application/json");
                          });
    }
};

/// Installs a first good catalogue (sequence 5, 3 offers) and returns the engine.
struct Installed
{
    FeedServer feed;
    std::string cache = makeTempDir("sync");
    config::KioskConfig cfg;
    sync::CacheStore store{cache};
    std::unique_ptr<sync::SyncEngine> engine;

    explicit Installed(const std::string& url = "")
    {
        cfg = testConfig(url.empty() ? feed.http.url("/feed.json") : url, cache);
        engine = std::make_unique<sync::SyncEngine>(cfg, store);
    }

    void installFirst()
    {
        auto first = engine->runOnce();
        REQUIRE(first.result == SyncResult::Updated);
    }

    /// Points the engine at another URL of a (possibly misbehaving) server, keeping the cache.
    void switchTo(const std::string& url)
    {
        cfg.feed.url = url;
        engine = std::make_unique<sync::SyncEngine>(cfg, store);
        engine->loadInstalled();
    }
};

}  // namespace

TEST_CASE("sync: first sync installs, then a conditional request costs one 304")
{
    Installed k;
    auto first = k.engine->runOnce();
    REQUIRE(first.result == SyncResult::Updated);
    CHECK(first.httpStatus == 200);
    CHECK(first.sequence == 5);
    CHECK(first.offers == 3);
    CHECK(k.feed.http.lastUserAgent().rfind("MINT-Kiosk/", 0) == 0);
    CHECK(k.feed.http.lastUserAgent().find("test@example.org") != std::string::npos);
    CHECK(k.feed.http.lastAcceptEncoding().find("gzip") != std::string::npos);
    const std::string snapshot = cacheSnapshot(k.cache);
    CHECK_FALSE(snapshot.empty());

    const int before = k.feed.http.requests();
    auto second = k.engine->runOnce();
    CHECK(second.result == SyncResult::NotModified);
    CHECK(second.httpStatus == 304);
    CHECK(second.requests == 1);
    CHECK(k.feed.http.requests() - before == 1);
    CHECK(k.feed.http.lastIfNoneMatch() == "\"v5\"");
    CHECK(k.feed.http.lastIfModifiedSince() == "Tue, 24 Nov 2026 05:00:00 GMT");
    CHECK(cacheSnapshot(k.cache) == snapshot);

    // A restarted kiosk (new engine, same cache) also asks conditionally.
    sync::SyncEngine restarted(k.cfg, k.store);
    REQUIRE(restarted.loadInstalled());
    CHECK(restarted.runOnce().result == SyncResult::NotModified);
}

TEST_CASE("sync: a new sequence is installed and the old one kept as previous")
{
    Installed k;
    k.installFirst();
    k.feed.body = feedText(6, 4);
    k.feed.etag = "\"v6\"";
    auto s = k.engine->runOnce();
    REQUIRE(s.result == SyncResult::Updated);
    CHECK(s.sequence == 6);
    CHECK(k.engine->catalog()->offers.size() == 4);
    std::string text, error;
    REQUIRE(util::readWholeFile(k.cache + "/catalog/previous.gen", text, error));
    CHECK(text.find("\"sequence\":5") != std::string::npos);
}

TEST_CASE("sync: HTTP errors fail with the right kind and keep the cache")
{
    struct Case
    {
        int status;
        FailureKind kind;
        const char* retryAfter;
    };
    for (const Case c :
         {Case{404, FailureKind::NotFound, nullptr}, Case{410, FailureKind::NotFound, nullptr}, Case{500, FailureKind::Server, nullptr},
          Case{503, FailureKind::RateLimited, "120"}, Case{429, FailureKind::RateLimited, "7200"}, Case{429, FailureKind::RateLimited, "1"},
          Case{418, FailureKind::Server, nullptr}})
    {
        CAPTURE(c.status);
        Installed k;
        k.installFirst();
        const std::string snapshot = cacheSnapshot(k.cache);
        k.feed.http.server().Get("/status",
                                 [&](const httplib::Request&, httplib::Response& res)
                                 {
                                     res.status = c.status;
                                     if (c.retryAfter)
                                         res.set_header("Retry-After", c.retryAfter);
                                     res.set_content("<html>error</html>", "text/html");
                                 });
        k.switchTo(k.feed.http.url("/status"));
        auto s = k.engine->runOnce();
        CHECK(s.result == SyncResult::Failed);
        CHECK(s.failure == c.kind);
        CHECK(s.httpStatus == c.status);
        CHECK_FALSE(s.error.empty());
        CHECK(cacheSnapshot(k.cache) == snapshot);
        CHECK(k.engine->catalog()->sequence == 5);
        const std::int64_t wait = s.nextAttempt - s.lastAttempt;
        if (c.kind == FailureKind::NotFound)
            CHECK(wait == 3600);  // a configuration problem is not retried every 30 s
        else if (c.retryAfter)
            CHECK(wait == std::clamp<std::int64_t>(std::stol(c.retryAfter), 30, 6 * 3600));
        else
            CHECK((wait >= 30 && wait <= 60));
    }
}

TEST_CASE("sync: refused feeds keep the installed catalogue")
{
    struct Case
    {
        const char* name;
        std::string body;
        FailureKind kind;
        const char* detail;
    };
    Json wrongFormat = Json::parse(feedText(9));
    wrongFormat["format"] = "something-else";
    const std::vector<Case> cases = {
        {"invalid JSON", "{\"format\": \"mint-catalog\", \"offers\": [", FailureKind::Invalid, "not valid JSON"},
        {"captive portal", "<!DOCTYPE html><html><body>Bitte im WLAN anmelden</body></html>", FailureKind::Invalid, "HTML"},
        {"wrong format", wrongFormat.dump(), FailureKind::Invalid, "/format"},
        {"lower sequence", feedText(4), FailureKind::Rollback, "lower than the installed 5"},
        {"no offers", feedText(9, 0), FailureKind::Empty, "no valid offers"},
        {"too many offers dropped", feedText(9, 1), FailureKind::HeldBack, "from 3 to 1"},
    };
    for (const auto& c : cases)
    {
        CAPTURE(c.name);
        Installed k;
        k.installFirst();
        const std::string snapshot = cacheSnapshot(k.cache);
        k.feed.body = c.body;
        k.feed.etag = "\"other\"";
        auto s = k.engine->runOnce();
        CHECK(s.result == SyncResult::Failed);
        CHECK(s.failure == c.kind);
        CHECK(s.detail.find(c.detail) != std::string::npos);
        CHECK(cacheSnapshot(k.cache) == snapshot);
        CHECK(k.engine->catalog()->sequence == 5);
        CHECK(s.sequence == 5);
        CHECK(s.offers == 3);
    }
}

TEST_CASE("sync: network failures (cut short, reset, stall, too large, redirect loop)")
{
    const std::string goodHead = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n";
    struct Case
    {
        const char* name;
        std::function<void(int)> serve;
        FailureKind kind;
        const char* detail;
    };
    const std::vector<Case> cases = {
        {"body cut short",
         [&](int fd)
         {
             RawTestServer::readRequest(fd);
             RawTestServer::send(fd, goodHead + "Content-Length: 5000\r\n\r\n" + feedText(9).substr(0, 100));
             ::close(fd);
         },
         FailureKind::Network, "interrupted"},
        {"connection reset",
         [&](int fd)
         {
             RawTestServer::readRequest(fd);
             RawTestServer::send(fd, goodHead + "Content-Length: 5000\r\n\r\n{\"format\"");
             std::this_thread::sleep_for(std::chrono::milliseconds(50));
             RawTestServer::reset(fd);
         },
         FailureKind::Network, "interrupted"},
        {"empty reply",
         [&](int fd)
         {
             RawTestServer::readRequest(fd);
             ::close(fd);
         },
         FailureKind::Network, "interrupted"},
        {"drip slower than the stall limit",
         [&](int fd)
         {
             RawTestServer::readRequest(fd);
             RawTestServer::send(fd, goodHead + "Content-Length: 100000\r\n\r\n");
             for (int i = 0; i < 40; ++i)
             {
                 if (::write(fd, "          ", 10) < 0)
                     break;
                 std::this_thread::sleep_for(std::chrono::milliseconds(100));
             }
             ::close(fd);
         },
         FailureKind::Network, "stalled"},
        {"too large with Content-Length",
         [&](int fd)
         {
             RawTestServer::readRequest(fd);
             RawTestServer::send(fd, goodHead + "Content-Length: 5000000\r\n\r\n");
             const std::string chunk(65536, ' ');
             for (int i = 0; i < 80; ++i)
                 if (::write(fd, chunk.data(), chunk.size()) < 0)
                     break;
             ::close(fd);
         },
         FailureKind::TooLarge, "too_large"},
        {"too large, chunked without Content-Length",
         [&](int fd)
         {
             RawTestServer::readRequest(fd);
             RawTestServer::send(fd, goodHead + "Transfer-Encoding: chunked\r\n\r\n");
             const std::string chunk = "10000\r\n" + std::string(65536, ' ') + "\r\n";
             for (int i = 0; i < 80; ++i)
                 if (::write(fd, chunk.data(), chunk.size()) < 0)
                     break;
             ::close(fd);
         },
         FailureKind::TooLarge, "too_large"},
        {"redirect loop",
         [&](int fd)
         {
             RawTestServer::readRequest(fd);
             RawTestServer::send(fd, "HTTP/1.1 302 Found\r\nLocation: /again\r\nContent-Length: 0\r\n\r\n");
             ::close(fd);
         },
         FailureKind::Network, "redirects"},
        {"redirect to file://",
         [&](int fd)
         {
             RawTestServer::readRequest(fd);
             RawTestServer::send(fd, "HTTP/1.1 302 Found\r\nLocation: file:///etc/passwd\r\nContent-Length: 0\r\n\r\n");
             ::close(fd);
         },
         FailureKind::Network, "redirects"},
    };
    for (const auto& c : cases)
    {
        CAPTURE(c.name);
        Installed k;
        k.installFirst();
        const std::string snapshot = cacheSnapshot(k.cache);
        RawTestServer raw(c.serve);
        k.switchTo(raw.url("/feed.json"));
        const auto started = std::chrono::steady_clock::now();
        auto s = k.engine->runOnce();
        CAPTURE(s.detail);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        CHECK(s.result == SyncResult::Failed);
        CHECK(s.failure == c.kind);
        CHECK(s.detail.find(c.detail) != std::string::npos);
        CAPTURE(s.detail);
        CHECK(seconds < 5.5);  // every guard fires well before the overall timeout
        CHECK(cacheSnapshot(k.cache) == snapshot);
        CHECK(k.engine->catalog()->sequence == 5);
    }
}

TEST_CASE("sync: nothing listening is a network failure with backoff")
{
    Installed k;
    k.installFirst();
    k.switchTo("http://127.0.0.1:1/feed.json");
    auto first = k.engine->runOnce();
    CHECK(first.failure == FailureKind::Network);
    CHECK(first.detail.find("connect") != std::string::npos);
    // Backoff grows (full jitter within [30 s, 30 s * 2^n], capped at 1 h).
    std::int64_t maxWait = 0;
    for (int i = 0; i < 8; ++i)
    {
        auto s = k.engine->runOnce();
        maxWait = std::max(maxWait, s.nextAttempt - s.lastAttempt);
        CHECK(s.nextAttempt - s.lastAttempt <= 3600);
        CHECK(s.nextAttempt - s.lastAttempt >= 30);
    }
    CHECK(maxWait > 60);
}

TEST_CASE("sync: gzip transfer encoding is accepted")
{
    Installed k;
    const std::string body = feedText(5);
    k.feed.http.server().Get("/gz",
                             [&](const httplib::Request&, httplib::Response& res)
                             {
                                 // httplib compresses when the client accepts gzip and it was built with zlib;
                                 // to be independent of that, send a pre-compressed body ourselves.
                                 const std::string gz = gzipCompress(body);
                                 res.set_header("Content-Encoding", "gzip");
                                 res.set_content(gz, "application/json");
                             });
    k.switchTo(k.feed.http.url("/gz"));
    auto s = k.engine->runOnce();
    CHECK(s.result == SyncResult::Updated);
    CHECK(s.offers == 3);
}

TEST_CASE("sync service: runs in the background and hands over new catalogues")
{
    Installed k;
    std::mutex mutex;
    std::condition_variable arrived;
    std::vector<std::int64_t> sequences;
    int statuses = 0;
    sync::SyncService service(
        *k.engine,
        [&](sync::CatalogPtr cat)
        {
            std::lock_guard<std::mutex> lock(mutex);
            sequences.push_back(cat->sequence);
            arrived.notify_all();
        },
        [&](const sync::SyncStatus&)
        {
            std::lock_guard<std::mutex> lock(mutex);
            ++statuses;
            arrived.notify_all();
        });
    service.start(0);
    {
        std::unique_lock<std::mutex> lock(mutex);
        REQUIRE(arrived.wait_for(lock, std::chrono::seconds(5), [&] { return sequences.size() == 1 && statuses == 1; }));
        CHECK(sequences[0] == 5);
    }
    CHECK(service.status().result == SyncResult::Updated);
    // "Sync now" (the admin screen's button) runs at once instead of in 15 minutes.
    k.feed.body = feedText(6);
    k.feed.etag = "\"v6\"";
    service.syncNow();
    {
        std::unique_lock<std::mutex> lock(mutex);
        REQUIRE(arrived.wait_for(lock, std::chrono::seconds(5), [&] { return sequences.size() == 2; }));
        CHECK(sequences[1] == 6);
    }
    // A not-modified run reports a status but hands over no catalogue.
    service.syncNow();
    {
        std::unique_lock<std::mutex> lock(mutex);
        REQUIRE(arrived.wait_for(lock, std::chrono::seconds(5), [&] { return statuses == 3; }));
        CHECK(sequences.size() == 2);
    }
    service.stop();
    CHECK(service.status().result == SyncResult::NotModified);
}
