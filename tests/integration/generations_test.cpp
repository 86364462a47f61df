// Two good generations through any failure: a commit killed (SIGKILL, in a child process)
// right after each of its steps leaves two intact, different generations on disk, and the
// newest complete one is what loads.
#include "support/sync_fixture.hpp"
#include "support/test_servers.hpp"
#include "unit/feed_builder.hpp"
#include "util/sha256.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <set>
#include <sys/wait.h>
#include <unistd.h>

using namespace mint;
using namespace mint::test;

namespace
{

int g_killAtStep = 0;

void killHere(int step)
{
    if (step == g_killAtStep)
        ::raise(SIGKILL);
}

sync::GenerationMeta metaFor(const std::string& feed, std::int64_t sequence)
{
    sync::GenerationMeta m;
    m.sequence = sequence;
    m.sha256 = util::Sha256::hex(feed);
    m.bytes = feed.size();
    return m;
}

/// Sequences of the intact generation files on disk.
std::set<std::int64_t> intactSequences(const sync::CacheStore& store)
{
    std::set<std::int64_t> out;
    for (const char* name : {"/current.gen", "/previous.gen", "/next.gen"})
    {
        std::string text, error;
        if (!util::readWholeFile(store.catalogDir() + name, text, error))
            continue;
        const auto nl = text.find('\n');
        const auto meta = sync::decodeMeta(text.substr(0, nl));
        if (meta && util::Sha256::hex(text.substr(nl + 1)) == meta->sha256)
            out.insert(meta->sequence);
    }
    return out;
}

}  // namespace

TEST_CASE("generations: a commit killed after any of its steps keeps two good generations, the newest complete one loads")
{
    for (int step = 1; step <= 3; ++step)
    {
        CAPTURE(step);
        sync::CacheStore store(makeTempDir("generations"));
        std::string error;
        REQUIRE(store.prepare(error));
        REQUIRE(store.commit(metaFor("feed-1", 1), "feed-1", error));
        REQUIRE(store.commit(metaFor("feed-2", 2), "feed-2", error));
        const pid_t child = ::fork();
        if (child == 0)
        {
            g_killAtStep = step;
            sync::CacheStore::commitStepHook = killHere;
            std::string e;
            store.commit(metaFor("feed-3", 3), "feed-3", e);
            ::_exit(0);  // not reached for steps 1-3
        }
        int status = 0;
        ::waitpid(child, &status, 0);
        REQUIRE(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == SIGKILL);
        const auto on = intactSequences(store);
        CHECK(on.size() >= 2);  // never fewer than two good generations
        auto latest = store.loadLatest();
        REQUIRE(latest);
        CHECK(latest->meta.sequence == 3);  // the new one is complete from step 1 on
        // The next commit cleans up and two generations remain.
        REQUIRE(store.commit(metaFor("feed-4", 4), "feed-4", error));
        CHECK(store.loadLatest()->meta.sequence == 4);
        CHECK(intactSequences(store).size() >= 2);
    }
}

TEST_CASE("generations: a commit that fails keeps both old generations")
{
    sync::CacheStore store(makeTempDir("generations-fail"));
    std::string error;
    REQUIRE(store.prepare(error));
    REQUIRE(store.commit(metaFor("feed-1", 1), "feed-1", error));
    REQUIRE(store.commit(metaFor("feed-2", 2), "feed-2", error));
    // The folder is read-only: writing next.gen fails before anything old is touched.
    if (::geteuid() == 0)
    {
        // root ignores permissions: make next.gen a folder instead, so the rename fails.
        std::filesystem::create_directories(store.catalogDir() + "/next.gen/x");
    }
    else
        std::filesystem::permissions(store.catalogDir(), std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
    CHECK_FALSE(store.commit(metaFor("feed-3", 3), "feed-3", error));
    CHECK_FALSE(error.empty());
    std::filesystem::permissions(store.catalogDir(), std::filesystem::perms::owner_all);
    std::filesystem::remove_all(store.catalogDir() + "/next.gen");
    CHECK(intactSequences(store) == std::set<std::int64_t>{1, 2});
    CHECK(store.loadLatest()->meta.sequence == 2);
}

/// A small tmpfs as a kiosk's cache (mounting needs root; CI runs as root), a local server
/// with a 20-offer feed of sequence 5, and the sync engine for it. `mounted` is false (with
/// a message) where it cannot run.
struct TmpfsKiosk
{
    std::string mountPoint;
    bool mounted = false;
    HttpTestServer http;
    std::string body = feedWithOffers(5, 20);
    std::string cache;
    config::KioskConfig cfg;
    std::unique_ptr<sync::CacheStore> store;
    std::unique_ptr<sync::SyncEngine> engine;

    TmpfsKiosk(const std::string& name, const std::string& size) : mountPoint(makeTempDir(name))
    {
        if (::geteuid() != 0 || std::system(("mount -t tmpfs -o size=" + size + " tmpfs " + mountPoint + " 2>/dev/null").c_str()) != 0)
        {
            MESSAGE("skipped: mounting a tmpfs needs root (CI runs it)");
            return;
        }
        mounted = true;
        http.server().Get("/feed.json",
                          [this](const httplib::Request&, httplib::Response& res) { res.set_content(body, "application/json"); });
        cache = mountPoint + "/cache";
        cfg = testConfig(http.url("/feed.json"), cache);
        store = std::make_unique<sync::CacheStore>(cache);
        engine = std::make_unique<sync::SyncEngine>(cfg, *store);
    }
    ~TmpfsKiosk()
    {
        engine.reset();
        store.reset();
        if (mounted)
            (void)std::system(("mount -o remount,rw " + mountPoint + " 2>/dev/null; umount " + mountPoint).c_str());
    }
    /// A sync that cannot write: a disk failure naming `words`, the last good catalogue
    /// (sequence 5) still shown.
    void syncFailsOnDisk(const std::string& words)
    {
        const auto s = engine->runOnce();
        CHECK(s.result == sync::SyncResult::Failed);
        CHECK(s.failure == sync::FailureKind::Disk);
        CHECK_MESSAGE(s.detail.find(words) != std::string::npos, s.detail);
        CHECK(engine->catalog()->sequence == 5);  // still shown
    }
    TmpfsKiosk(const TmpfsKiosk&) = delete;
    TmpfsKiosk& operator=(const TmpfsKiosk&) = delete;
};

TEST_CASE("disk full during a sync: the last good catalogue stays loadable, the error is clear, the next sync with space recovers")
{
    // A 2 MiB tmpfs as the cache (CI runs as root); without the right to mount, a clear skip.
    TmpfsKiosk k("diskfull", "2m");
    if (!k.mounted)
        return;
    std::string& body = k.body;
    auto feedText = [](int sequence, int offers) { return feedWithOffers(sequence, offers); };
    const std::string& mountPoint = k.mountPoint;
    config::KioskConfig& cfg = k.cfg;
    sync::CacheStore& store = *k.store;
    sync::SyncEngine& engine = *k.engine;
    REQUIRE(engine.runOnce().result == sync::SyncResult::Updated);

    // Fill the file system, then a bigger feed arrives.
    {
        std::FILE* f = std::fopen((mountPoint + "/filler").c_str(), "wb");
        REQUIRE(f);
        const std::string block(4096, 'x');
        while (std::fwrite(block.data(), 1, block.size(), f) == block.size() && std::fflush(f) == 0)
        {
        }
        std::fclose(f);
    }
    body = feedText(6, 200);
    k.syncFailsOnDisk("No space left on device");
    {
        sync::SyncEngine restarted(cfg, store);  // and still there after a restart
        auto cat = restarted.loadInstalled();
        REQUIRE(cat);
        CHECK(cat->sequence == 5);
    }
    // Space again: the next sync installs the new feed.
    std::filesystem::remove(mountPoint + "/filler");
    auto s = engine.runOnce();
    CHECK_MESSAGE(s.result == sync::SyncResult::Updated, s.detail);
    CHECK(engine.catalog()->sequence == 6);
}

TEST_CASE(
    "read-only cache during a sync: the last good catalogue stays loadable, the error is clear, the next sync after a remount recovers")
{
    // A tmpfs as the cache, remounted read-only between two syncs (as a failing SD card is
    // by the kernel); without the right to mount, a clear skip.
    TmpfsKiosk k("readonly", "8m");
    if (!k.mounted)
        return;
    std::string& body = k.body;
    const std::string& mountPoint = k.mountPoint;
    const std::string& cache = k.cache;
    config::KioskConfig& cfg = k.cfg;
    sync::SyncEngine& engine = *k.engine;
    REQUIRE(engine.runOnce().result == sync::SyncResult::Updated);

    REQUIRE(std::system(("mount -o remount,ro " + mountPoint).c_str()) == 0);
    body = feedWithOffers(6, 30);
    k.syncFailsOnDisk("Read-only file system");
    {
        // A kiosk started on the read-only cache prepares it and loads the catalogue.
        sync::CacheStore again(cache);
        std::string error;
        CHECK_MESSAGE(again.prepare(error), error);
        sync::SyncEngine restarted(cfg, again);
        auto cat = restarted.loadInstalled();
        REQUIRE(cat);
        CHECK(cat->sequence == 5);
    }
    REQUIRE(std::system(("mount -o remount,rw " + mountPoint).c_str()) == 0);
    auto s = engine.runOnce();
    CHECK_MESSAGE(s.result == sync::SyncResult::Updated, s.detail);
    CHECK(engine.catalog()->sequence == 6);
}
