// Sync pieces without a network: retry policy, status JSON, the cache store's commit and
// fallback, URL resolution, picture checks, mint-kiosk arguments.
#include "app/kiosk_args.hpp"
#include "app/script.hpp"
#include "feed_builder.hpp"
#include "media/image_decode.hpp"
#include "net/http_client.hpp"
#include "sync/cache_store.hpp"
#include "sync/sync_engine.hpp"
#include "sync/sync_status.hpp"
#include "util/fs_util.hpp"
#include "util/sha256.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace mint;
using namespace mint::sync;
using namespace mint::net;

namespace
{

std::string tempDir(const char* name)
{
    static int n = 0;
    const auto dir =
        std::filesystem::temp_directory_path() / ("mint-unit-" + std::to_string(::getpid()) + "-" + std::to_string(n++) + "-" + name);
    std::filesystem::remove_all(dir);
    return dir.string();
}

GenerationMeta metaFor(const std::string& feed, std::int64_t sequence)
{
    GenerationMeta m;
    m.sequence = sequence;
    m.sha256 = util::Sha256::hex(feed);
    m.bytes = feed.size();
    return m;
}

}  // namespace

TEST_CASE("retry: success waits the interval plus up to 10 % jitter")
{
    std::mt19937_64 rng(1);
    SyncStatus ok;
    ok.result = SyncResult::Updated;
    for (int i = 0; i < 100; ++i)
    {
        const auto d = nextDelayS(ok, 0, std::nullopt, 900, RetryPolicy{}, rng);
        CHECK(d >= 900);
        CHECK(d <= 990);
    }
}

TEST_CASE("retry: failures back off with full jitter up to the cap")
{
    std::mt19937_64 rng(2);
    SyncStatus failed;
    failed.result = SyncResult::Failed;
    failed.failure = FailureKind::Network;
    for (int n = 1; n <= 12; ++n)
    {
        std::int64_t lo = INT64_MAX, hi = 0;
        for (int i = 0; i < 200; ++i)
        {
            const auto d = nextDelayS(failed, n, std::nullopt, 900, RetryPolicy{}, rng);
            lo = std::min(lo, d);
            hi = std::max(hi, d);
        }
        CAPTURE(n);
        CHECK(lo >= 30);
        CHECK(hi <= std::min<std::int64_t>(3600, 30LL << (n - 1)));
        if (n >= 4)  // the range really grows, up to the cap
            CHECK(hi > std::min<std::int64_t>(3600, 30LL << (n - 2)) / 2);
    }
    failed.failure = FailureKind::NotFound;
    CHECK(nextDelayS(failed, 1, std::nullopt, 900, RetryPolicy{}, rng) == 3600);
    failed.failure = FailureKind::RateLimited;
    CHECK(nextDelayS(failed, 1, 5L, 900, RetryPolicy{}, rng) == 30);
    CHECK(nextDelayS(failed, 1, 600L, 900, RetryPolicy{}, rng) == 600);
    CHECK(nextDelayS(failed, 1, 999999L, 900, RetryPolicy{}, rng) == 6 * 3600);
}

TEST_CASE("status: JSON carries the contract's fields and round-trips")
{
    SyncStatus s;
    s.result = SyncResult::Failed;
    s.failure = FailureKind::Invalid;
    s.httpStatus = 200;
    s.error = failureText(FailureKind::Invalid);
    s.sequence = 41;
    s.offers = 60;
    s.imagesCached = 18;
    s.imagesMissing = 2;
    const auto j = nlohmann::json::parse(statusToJson(s));
    for (const char* key : {"result", "http_status", "error", "sequence", "offers", "images_cached", "images_missing"})
        CHECK(j.contains(key));
    CHECK(j["result"] == "failed");
    CHECK(j["error"].get<std::string>().find("not a valid catalogue") != std::string::npos);
    auto back = statusFromJson(statusToJson(s));
    REQUIRE(back);
    CHECK(back->failure == FailureKind::Invalid);
    CHECK(back->offers == 60);
    CHECK(back->imagesMissing == 2);
    CHECK(statusLine(s).find("failed (invalid, HTTP 200)") == 0);
    s.result = SyncResult::Updated;
    s.error.clear();
    CHECK(nlohmann::json::parse(statusToJson(s))["error"].is_null());
}

TEST_CASE("cache store: commit keeps the previous generation, damage falls back")
{
    CacheStore store(tempDir("store"));
    std::string error;
    CHECK_FALSE(store.loadLatest());
    REQUIRE(store.commit(metaFor("feed-one", 1), "feed-one", error));
    REQUIRE(store.commit(metaFor("feed-two", 2), "feed-two", error));
    auto latest = store.loadLatest();
    REQUIRE(latest);
    CHECK(latest->feed == "feed-two");
    CHECK(latest->meta.sequence == 2);

    // Damage current (a flipped byte): previous is used and the problem is named.
    const std::string current = store.catalogDir() + "/current.gen";
    std::string bytes;
    REQUIRE(util::readWholeFile(current, bytes, error));
    bytes.back() ^= 1;
    std::ofstream(current, std::ios::binary | std::ios::trunc) << bytes;
    std::string problem;
    latest = store.loadLatest(&problem);
    REQUIRE(latest);
    CHECK(latest->feed == "feed-one");
    CHECK(problem.find("checksum mismatch") != std::string::npos);

    // Both damaged: nothing, never garbage.
    std::ofstream(store.catalogDir() + "/previous.gen", std::ios::trunc) << "garbage";
    CHECK_FALSE(store.loadLatest());
}

TEST_CASE("start-up: the newest catalogue is parsed while its checksum is checked, a damaged one gives way to the previous")
{
    const std::string dir = tempDir("startup-check");
    CacheStore store(dir);
    std::string error;
    REQUIRE(store.prepare(error));
    test::Json one = test::sampleFeed(), two = test::sampleFeed();
    one["sequence"] = 1;
    two["sequence"] = 2;
    const std::string f1 = one.dump(), f2 = two.dump();
    REQUIRE(store.commit(metaFor(f1, 1), f1, error));
    REQUIRE(store.commit(metaFor(f2, 2), f2, error));
    config::KioskConfig cfg;
    cfg.feed.url = "https://example.org/feed.json";
    cfg.cache.dir = dir;
    {
        SyncEngine engine(cfg, store);
        std::string problem;
        auto cat = engine.loadInstalled(&problem);
        REQUIRE(cat);
        CHECK(cat->sequence == 2);
        CHECK(problem.empty());
    }
    // A flipped letter inside a title: still valid JSON, but not what was fetched.
    const std::string current = store.catalogDir() + "/current.gen";
    std::string bytes;
    REQUIRE(util::readWholeFile(current, bytes, error));
    const auto at = bytes.find("Einsteiger");
    REQUIRE(at != std::string::npos);
    bytes[at] = 'X';
    std::ofstream(current, std::ios::binary | std::ios::trunc) << bytes;
    SyncEngine engine(cfg, store);
    std::string problem;
    auto cat = engine.loadInstalled(&problem);
    REQUIRE(cat);
    CHECK(cat->sequence == 1);
    CHECK(problem.find("checksum mismatch") != std::string::npos);
}

TEST_CASE("cache store: one sync at a time")
{
    CacheStore store(tempDir("lock"));
    std::string error;
    auto first = store.tryLock(error);
    CHECK(first.held());
    auto second = store.tryLock(error);
    CHECK_FALSE(second.held());
    CHECK(error.find("another sync") != std::string::npos);
    first = CacheStore::Lock();
    CHECK(store.tryLock(error).held());
}

TEST_CASE("urls: relative picture paths resolve against the feed")
{
    CHECK(resolveUrl("https://e.org/feeds/feed.json?x=1", "images/a.png") == "https://e.org/feeds/images/a.png");
    CHECK(resolveUrl("file:///srv/demo/feed.json", "images/a.png") == "file:///srv/demo/images/a.png");
    CHECK(resolveUrl("https://e.org/feed.json", "https://cdn.org/a.png") == "https://cdn.org/a.png");
    CHECK(userAgent("ops@example.org").find("(+ops@example.org)") != std::string::npos);
}

TEST_CASE("pictures: only PNG and JPEG by their magic bytes")
{
    CHECK(media::sniffImageType("\x89PNG\r\n\x1a\nrest") == media::ImageType::Png);
    CHECK(media::sniffImageType("\xFF\xD8\xFF\xE0") == media::ImageType::Jpeg);
    CHECK(media::sniffImageType("GIF89a") == media::ImageType::Unknown);
    CHECK(media::sniffImageType("<html>") == media::ImageType::Unknown);
    auto gif = media::probeImage("GIF89a\x01\x00\x01\x00", 100);
    CHECK_FALSE(gif.ok);
    CHECK(gif.error == "not a PNG or JPEG picture");
    auto truncated = media::probeImage(std::string("\x89PNG\r\n\x1a\n", 8), 100);
    CHECK_FALSE(truncated.ok);
    CHECK_FALSE(media::decodeImage("", 100).ok());
}

TEST_CASE("mint-kiosk arguments")
{
    std::string error;
    auto a = app::parseKioskArgs({"--config", "c.json", "--sync-once", "--json"}, error);
    REQUIRE(a);
    CHECK(a->configPath == "c.json");
    CHECK(a->syncOnce);
    CHECK(a->json);
    auto w = app::parseKioskArgs({"--windowed", "1080x1920"}, error);
    REQUIRE(w);
    CHECK(w->windowed == std::make_pair(1080, 1920));
    CHECK_FALSE(app::parseKioskArgs({"--windowed", "big"}, error));
    CHECK_FALSE(app::parseKioskArgs({"--json"}, error));
    CHECK(error == "--json goes with --sync-once");
    CHECK_FALSE(app::parseKioskArgs({"--config"}, error));
    CHECK_FALSE(app::parseKioskArgs({"--fullscreen-please"}, error));
    CHECK(error.find("unknown argument") == 0);
}

TEST_CASE("scripts: every command parses, mistakes name their line")
{
    std::string error;
    auto s = app::parseScript("# comment\nclock 2026-11-26T15:00:00+01:00\nsync\ntap home.all\ntap 10 20\nhold 5 5 5.5\n"
                              "swipe 1 2 3 4\nwait 1.5\ntype löt\nscreenshot shot\ndump state\nmeasure start\nmeasure stop scroll\n"
                              "realtime 2\n",
                              error);
    REQUIRE_MESSAGE(s, error);
    REQUIRE(s->size() == 13);
    using K = app::ScriptCommand::Kind;
    CHECK((*s)[2].kind == K::Tap);
    CHECK((*s)[2].text == "home.all");
    CHECK((*s)[3].kind == K::TapAt);
    CHECK((*s)[4].kind == K::Hold);
    CHECK((*s)[5].numbers.size() == 5);  // default duration added
    CHECK((*s)[7].text == "löt");
    CHECK((*s)[9].line == 11);
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"tap", "line 1: tap needs"},
        {"swipe 1 2 3", "line 1: swipe needs"},
        {"wait soon", "line 1: wait needs"},
        {"sync\nscreenshot a/b", "line 2: screenshot needs a plain NAME"},
        {"dance", "line 1: unknown command 'dance'"},
        {"measure now", "line 1: measure start"},
    };
    for (const auto& [text, message] : bad)
    {
        CAPTURE(text);
        CHECK_FALSE(app::parseScript(text, error));
        CHECK(error.rfind(message, 0) == 0);
    }
}
