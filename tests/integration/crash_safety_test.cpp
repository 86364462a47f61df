// Crash safety: a syncing mint-kiosk process is killed with SIGKILL at many random moments;
// after every kill the cache must hold a complete catalogue (the old or the new one).
#include "catalog/feed_parser.hpp"
#include "support/sync_fixture.hpp"
#include "support/test_servers.hpp"
#include "unit/feed_builder.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <random>
#include <thread>

using namespace mint;
using namespace mint::test;

TEST_CASE("crash safety: SIGKILL at random moments never leaves a broken or missing catalogue")
{
    // A feed big enough that writing it takes a while (about 4 MB); every request gets a
    // higher sequence, so every run that gets through commits a new generation.
    Json offers = Json::array();
    for (int i = 0; i < 3000; ++i)
        offers.push_back(sampleOffer("o-" + std::to_string(i)));
    Json feed = sampleFeed(offers);
    feed["sequence"] = 999999999;
    const std::string feedTemplate = feed.dump();
    const auto seqAt = feedTemplate.find("999999999");
    REQUIRE(seqAt != std::string::npos);

    HttpTestServer http;
    std::atomic<int> sequence{1};
    http.server().Get("/feed.json",
                      [&](const httplib::Request&, httplib::Response& res)
                      {
                          std::string body = feedTemplate;
                          body.replace(seqAt, 9, std::to_string(100000000 + sequence++));
                          res.set_content(body, "application/json");
                      });

    const std::string dir = makeTempDir("crash");
    const std::string configPath = dir + "/kiosk.json";
    std::ofstream(configPath) << R"({"feed": {"url": ")" << http.url("/feed.json")
                              << R"(", "max_bytes": 52428800}, "cache": {"dir": "cache"}})";
    auto spawn = [&]()
    {
        const pid_t pid = ::fork();
        if (pid == 0)
        {
            const int devnull = ::open("/dev/null", O_WRONLY);
            ::dup2(devnull, 1);
            ::dup2(devnull, 2);
            ::execl(MINT_KIOSK_EXE, MINT_KIOSK_EXE, "--config", configPath.c_str(), "--sync-once", nullptr);
            ::_exit(127);
        }
        return pid;
    };
    auto waitFor = [](pid_t pid)
    {
        int status = 0;
        ::waitpid(pid, &status, 0);
        return status;
    };

    // Two undisturbed runs first: the second (which also loads the installed catalogue,
    // like every later one) gives the duration to aim the kills at.
    REQUIRE(waitFor(spawn()) == 0);
    const auto t0 = std::chrono::steady_clock::now();
    const int secondStatus = waitFor(spawn());
    const auto runMs = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    REQUIRE(WIFEXITED(secondStatus));
    REQUIRE(WEXITSTATUS(secondStatus) == 0);

    sync::CacheStore store(dir + "/cache");
    std::mt19937 rng(20261126);
    std::uniform_int_distribution<long> delayUs(0, std::max<long>(1000, runMs * 1000 * 5 / 4));
    std::int64_t lastSequence = 0;
    int killed = 0, completed = 0;
    for (int round = 0; round < 40; ++round)
    {
        const pid_t pid = spawn();
        std::this_thread::sleep_for(std::chrono::microseconds(delayUs(rng)));
        ::kill(pid, SIGKILL);
        const int status = waitFor(pid);
        (WIFSIGNALED(status) ? killed : completed)++;

        std::string problem;
        auto generation = store.loadLatest(&problem);
        REQUIRE_MESSAGE(generation, "round " << round << ": no intact catalogue; " << problem);
        CHECK_MESSAGE(problem.empty(), "round " << round << ": current damaged: " << problem);
        auto loaded = catalog::loadCatalog(generation->feed);
        REQUIRE(loaded.accepted());
        CHECK(loaded.catalog->offers.size() == 3000);
        CHECK(loaded.catalog->sequence == generation->meta.sequence);
        CHECK(loaded.catalog->sequence >= lastSequence);  // never goes back
        lastSequence = loaded.catalog->sequence;
    }
    INFO("killed " << killed << ", completed " << completed << ", run " << runMs << " ms");
    CHECK(killed >= 10);              // the kills did land in the middle of runs
    CHECK(lastSequence > 100000002);  // and some runs got through to a commit
}
