// Sync benchmark against a local HTTP server (cpp-httplib on 127.0.0.1): a full sync of a
// generated feed with many pictures into an empty cache, then a not-modified sync.
// Prints wall time, bytes, requests and peak RSS; asserts nothing.
//
//   bench_sync [--offers 10000] [--images 2000]
//
// The feed comes from tools/gen_catalog.py (python3), the pictures are drawn here.
#include "config/kiosk_config.hpp"
#include "sync/cache_store.hpp"
#include "sync/sync_engine.hpp"
#include "util/fs_util.hpp"
#include "util/log.hpp"

#include <httplib.h>

#include "media/image_encode.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

using namespace mint;

namespace
{

long peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

std::string picture(int n)
{
    const int w = 320, h = 200;
    std::vector<unsigned char> px(static_cast<std::size_t>(w) * h * 3);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
        {
            unsigned char* p = &px[(static_cast<std::size_t>(y) * w + x) * 3];
            p[0] = static_cast<unsigned char>((x + n * 7) & 0xFF);
            p[1] = static_cast<unsigned char>((y * 3 + n) & 0xFF);
            p[2] = static_cast<unsigned char>((n * 13) & 0xFF);
        }
    return media::encodePng(px.data(), w, h, 3);
}

}  // namespace

int main(int argc, char** argv)
{
    int offers = 10000, images = 2000;
    for (int i = 1; i + 1 < argc; i += 2)
    {
        if (std::strcmp(argv[i], "--offers") == 0)
            offers = std::atoi(argv[i + 1]);
        else if (std::strcmp(argv[i], "--images") == 0)
            images = std::atoi(argv[i + 1]);
    }
    util::setLogLevel(util::LogLevel::Warn);

    httplib::Server server;
    server.set_tcp_nodelay(true);  // without it, Nagle + delayed ACK add 40 ms to every response
    const int port = server.bind_to_any_port("127.0.0.1");
    const std::string base = "http://127.0.0.1:" + std::to_string(port);
    const auto dir = std::filesystem::temp_directory_path() / ("mint-bench-sync-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string feedPath = (dir / "feed.json").string();
    const std::string gen = std::string("python3 ") + MINT_SOURCE_DIR + "/tools/gen_catalog.py --offers " + std::to_string(offers) +
                            " --seed 7 --images " + std::to_string(images) + " --image-base " + base + "/img/ --out " + feedPath;
    if (std::system(gen.c_str()) != 0)
    {
        std::fprintf(stderr, "generator failed\n");
        return 1;
    }
    std::string feed, error;
    util::readWholeFile(feedPath, feed, error);
    std::vector<std::string> pictures(static_cast<std::size_t>(images));
    std::size_t pictureBytes = 0;
    for (int i = 0; i < images; ++i)
    {
        pictures[static_cast<std::size_t>(i)] = picture(i);
        pictureBytes += pictures[static_cast<std::size_t>(i)].size();
    }
    std::atomic<int> requests{0};
    server.Get("/feed.json",
               [&](const httplib::Request& req, httplib::Response& res)
               {
                   ++requests;
                   if (req.get_header_value("If-None-Match") == "\"feed-1\"")
                   {
                       res.status = 304;
                       return;
                   }
                   res.set_header("ETag", "\"feed-1\"");
                   res.set_content(feed, "application/json");
               });
    server.Get(R"(/img/(\d+)\.png)",
               [&](const httplib::Request& req, httplib::Response& res)
               {
                   ++requests;
                   const auto n = static_cast<std::size_t>(std::stoul(req.matches[1]));
                   if (n >= pictures.size())
                   {
                       res.status = 404;
                       return;
                   }
                   res.set_header("ETag", "\"img-" + std::to_string(n) + "\"");
                   res.set_content(pictures[n], "image/png");
               });
    std::thread serverThread([&] { server.listen_after_bind(); });
    while (!server.is_running())
        std::this_thread::yield();

    const std::string configText = R"({"feed": {"url": ")" + base + R"(/feed.json", "max_bytes": 268435456},
        "images": {"parallel": 4}, "cache": {"dir": ")" +
                                   (dir / "cache").string() + "\"}}";
    auto cfg = config::parseConfig(configText, (dir / "kiosk.json").string(), error);
    if (!cfg)
    {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    net::initHttpGlobal();
    sync::CacheStore store(cfg->cache.dir);
    store.prepare(error);
    sync::SyncEngine engine(*cfg, store);

    std::printf("feed: %d offers, %.1f MiB; %d pictures, %.1f MiB in all\n", offers, feed.size() / 1048576.0, images,
                pictureBytes / 1048576.0);
    auto t0 = std::chrono::steady_clock::now();
    const int before = requests;
    auto full = engine.runOnce();
    const double fullS = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("full sync:         %-12s %7.2f s, %5d requests, %6.1f MiB received, %zu pictures cached, %zu missing, peak RSS %ld MiB\n",
                sync::syncResultKey(full.result), fullS, requests - before, (full.bytes + pictureBytes) / 1048576.0, full.imagesCached,
                full.imagesMissing, peakRssMb());

    t0 = std::chrono::steady_clock::now();
    const int before2 = requests;
    auto again = engine.runOnce();
    const double againS = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("not-modified sync: %-12s %7.3f s, %5d requests (counted by the server)\n", sync::syncResultKey(again.result), againS,
                requests - before2);

    server.stop();
    serverThread.join();
    std::filesystem::remove_all(dir);
    return 0;
}
