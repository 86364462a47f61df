// Catalogue benchmark: load (parse + validate + index) time and peak RSS for one feed,
// then query latency p50/p95 for typical filter mixes and text searches.
//
//   bench_catalog FEED [--queries N]
//
// Run bench/run_catalog_bench.sh for the 1k/10k/100k table in docs/performance.md.
// Prints numbers; asserts nothing (goals live in docs, not in timed tests).
#include "catalog/feed_parser.hpp"
#include "catalog/query.hpp"
#include "catalog/time_util.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

using namespace mint::catalog;
using Clock = std::chrono::steady_clock;

namespace
{

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

long peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

struct Mix
{
    const char* name;
    std::function<void(Query&)> setup;
};

}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2)
    {
        std::fprintf(stderr, "usage: bench_catalog FEED [--queries N]\n");
        return 2;
    }
    int repetitions = 200;
    if (argc >= 4 && std::strcmp(argv[2], "--queries") == 0)
        repetitions = std::max(1, std::atoi(argv[3]));

    std::string bytes, error;
    if (readFile(argv[1], bytes, error) != ReadStatus::Ok)
    {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 2;
    }
    const double mb = static_cast<double>(bytes.size()) / (1024.0 * 1024.0);
    const auto start = Clock::now();
    FeedLimits limits;
    limits.maxDocumentBytes = bytes.size() + 1;
    LoadResult loaded = loadCatalog(std::move(bytes), limits);
    const double loadMs = msSince(start);
    if (!loaded.accepted())
    {
        std::fprintf(stderr, "feed rejected: %s\n", loaded.issues.empty() ? "?" : loaded.issues[0].toString().c_str());
        return 1;
    }
    const Catalog& cat = *loaded.catalog;
    std::printf("feed: %s\n", argv[1]);
    std::printf("offers: %zu, size: %.1f MiB, issues: %zu\n", cat.offers.size(), mb, loaded.issues.size());
    std::printf("load (parse+validate+index): %.0f ms, peak RSS after load: %ld MiB\n", loadMs, peakRssMb());
    std::printf("  read+check fields %.0f ms, duplicates+references %.0f ms, index %.0f ms\n", loaded.timing.decodeMs,
                loaded.timing.checkMs, loaded.timing.indexMs);

    const Timestamp now = timeutil::parseDateTime("2027-03-10T15:00:00+01:00", false)->seconds;
    const GeoPoint kiosk{49.2354, 6.9969};
    const std::vector<Mix> mixes = {
        {"all (sort next)", [](Query&) {}},
        {"audience children + age 9",
         [](Query& q)
         {
             q.audienceMask = 1u << static_cast<unsigned>(Audience::Children);
             q.age = 9;
         }},
        {"subject technik + free + 15 km",
         [&](Query& q)
         {
             q.subjects = {"technik"};
             q.freeOnly = true;
             q.near = kiosk;
             q.radiusKm = 15;
         }},
        {"weekend + age 9 + sort distance",
         [&](Query& q)
         {
             q.window = windowFor(cat.zone, now, WhenPreset::Weekend);
             q.age = 9;
             q.near = kiosk;
             q.sort = SortOrder::Distance;
         }},
        {"next 7 days + subject robotik",
         [&](Query& q)
         {
             q.window = windowFor(cat.zone, now, WhenPreset::Next7Days);
             q.subjects = {"robotik"};
         }},
        {"sort title, limit 50",
         [](Query& q)
         {
             q.sort = SortOrder::Title;
             q.limit = 50;
         }},
        {"text \"roboter\"", [](Query& q) { q.text = "roboter"; }},
        {"text \"lo\" (short prefix)", [](Query& q) { q.text = "lo"; }},
        {"text \"loewen strasse\"", [](Query& q) { q.text = "loewen strasse"; }},
        {"text \"sterne\" + children + free",
         [](Query& q)
         {
             q.text = "sterne";
             q.audienceMask = 1u << static_cast<unsigned>(Audience::Children);
             q.freeOnly = true;
         }},
    };
    std::printf("%-36s %8s %8s %8s %8s\n", "query mix", "results", "p50 ms", "p95 ms", "max ms");
    const char* only = std::getenv("BENCH_ONLY");  // substring of a mix name, for profiling
    for (const auto& mix : mixes)
    {
        if (only && !std::strstr(mix.name, only))
            continue;
        std::vector<double> times;
        std::size_t results = 0;
        for (int i = 0; i < repetitions; ++i)
        {
            Query q;
            q.now = now;
            mix.setup(q);
            const auto t0 = Clock::now();
            QueryResult r = runQuery(cat, q);
            times.push_back(msSince(t0));
            results = r.total;
        }
        std::sort(times.begin(), times.end());
        auto pct = [&](double p) { return times[std::min(times.size() - 1, static_cast<std::size_t>(p * times.size()))]; };
        std::printf("%-36s %8zu %8.2f %8.2f %8.2f\n", mix.name, results, pct(0.50), pct(0.95), times.back());
    }
    std::printf("peak RSS: %ld MiB\n", peakRssMb());
    return 0;
}
