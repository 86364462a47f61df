// mint-kiosk entry point: the touch kiosk (full screen or --windowed, --script for tests),
// or without a window: --sync-once, --check-config, --hash-pin.
#include "app/install_paths.hpp"
#include "app/kiosk_app.hpp"
#include "app/kiosk_args.hpp"
#include "app/map_package_sync.hpp"
#include "app/startup_trace.hpp"
#include "config/kiosk_config.hpp"
#include "map/package_update.hpp"
#include "map/tile_seeder.hpp"
#include "net/http_client.hpp"
#include "sync/sync_engine.hpp"
#include "ui_model/usage_stats.hpp"
#include "util/fs_util.hpp"
#include "util/log.hpp"
#include "util/utf8.hpp"

#include <iostream>
#include <string>
#include <thread>

using namespace mint;

namespace
{

int runKiosk(int argc, char** argv)
{
    std::string error;
    auto args = app::parseKioskArgs(std::vector<std::string>(argv + 1, argv + argc), error);
    if (!args)
    {
        std::cerr << "mint-kiosk: " << error << "\n";
        return app::kKioskConfigError;
    }
    if (args->help)
    {
        std::cout << app::kKioskHelp;
        return app::kKioskOk;
    }
    if (args->version)
    {
        std::cout << "mint-kiosk " << MINT_VERSION << "\n";
        return app::kKioskOk;
    }
    if (args->hashPin)
    {
        std::string pin;
        std::getline(std::cin, pin);
        if (pin.size() < 4 || pin.find_first_not_of("0123456789") != std::string::npos)
        {
            std::cerr << "mint-kiosk: a PIN is 4 or more digits\n";
            return app::kKioskConfigError;
        }
        const std::string hash = config::hashPin(pin);
        if (hash.empty())
        {
            std::cerr << "mint-kiosk: cannot hash the PIN (Argon2id needs 64 MiB of memory)\n";
            return app::kKioskInternalError;
        }
        std::cout << hash << "\n";
        return app::kKioskOk;
    }

    // Nothing touches the cache before the configuration is known to be good.
    auto cfg = config::loadConfig(args->configPath.empty() ? app::defaultConfigPath() : args->configPath, error);
    if (!cfg)
    {
        std::cerr << "mint-kiosk: " << error << "\n";
        return app::kKioskConfigError;
    }
    app::StartupTrace::get().mark("config");
    if (config::isLegacyPinHash(cfg->admin.pinHash))
        util::logWarn("config", "admin.pin_hash uses the old PBKDF2 format; it still works, but make a new (Argon2id) one: "
                                "echo PIN | mint-kiosk --hash-pin");
    // Is the admin PIN still the demo's 1234? Hashing it takes PBKDF2's rounds (~160 ms
    // here, more on a Pi): on a worker, so start-up never waits for it.
    struct Joiner
    {
        std::thread t;
        ~Joiner()
        {
            if (t.joinable())
                t.join();
        }
    } demoPinCheck;
    if (!cfg->admin.pinHash.empty())
        demoPinCheck.t = std::thread(
            [hash = cfg->admin.pinHash]
            {
                if (config::verifyPin("1234", hash))
                    util::logWarn("config", "admin.pin_hash is the demo PIN 1234; set your own with mint-kiosk --hash-pin");
            });
    if (args->checkConfig)
    {
        std::cout << "config ok: " << cfg->path << "\n  feed " << cfg->feed.url << "\n  cache " << cfg->cache.dir << "\n";
        return app::kKioskOk;
    }
    if (args->exportStats)
    {
        ui::UsageStats usage;
        std::string text;
        if (util::readWholeFile(cfg->cache.dir + "/usage.json", text, error) && !usage.fromJson(text))
        {
            std::cerr << "mint-kiosk: " << cfg->cache.dir << "/usage.json is damaged\n";
            return app::kKioskSyncFailed;
        }
        std::cout << usage.toCsv();
        return app::kKioskOk;
    }
    if (args->seedTiles)
    {
        // The region from the installed catalogue (no network for the feed).
        sync::CacheStore store(cfg->cache.dir);
        if (!store.prepare(error))
        {
            std::cerr << "mint-kiosk: " << error << "\n";
            return app::kKioskConfigError;
        }
        sync::SyncEngine engine(*cfg, store);
        const sync::CatalogPtr cat = engine.loadInstalled();
        if (!cat || !cat->region.bbox)
        {
            std::cerr << "mint-kiosk: no catalogue with a region.bbox in the cache yet; run --sync-once first\n";
            return app::kKioskConfigError;
        }
        net::initHttpGlobal();
        map::SeedOptions o;
        o.urlTemplate = cfg->map.tileUrl;
        o.userAgent = net::userAgent(cfg->feed.userAgentContact);
        o.packagePath = cfg->map.mbtiles;
        o.bbox = *cat->region.bbox;
        o.minZoom = cfg->map.minZoom;
        o.maxZoom = cfg->map.maxZoom;
        o.attribution = cfg->map.attribution;
        map::SeedReport report;
        if (!map::seedTiles(o, report, error, [](const std::string& line) { std::cout << line << std::endl; }))
        {
            std::cerr << "mint-kiosk: " << error << "\n";
            return app::kKioskConfigError;
        }
        return report.installed ? app::kKioskOk : app::kKioskSyncFailed;
    }
    if (!args->syncOnce)
    {
        app::KioskApp kiosk(*cfg, *args);
        return kiosk.run();
    }

    net::initHttpGlobal();
    sync::CacheStore store(cfg->cache.dir);
    if (!store.prepare(error))
    {
        std::cerr << "mint-kiosk: " << error << "\n";
        return app::kKioskConfigError;
    }
    sync::SyncEngine engine(*cfg, store);
    app::attachMapPackageUpdate(engine, *cfg, nullptr);
    std::string problem;
    engine.loadInstalled(&problem);
    if (!problem.empty())
        util::logInfo("cache", problem);
    const sync::SyncStatus status = engine.runOnce();
    if (args->json)
        std::cout << sync::statusToJson(status) << "\n";
    else
    {
        std::cout << sync::statusLine(status) << "\n";
        for (const auto& p : status.imageProblems)
            std::cout << "  picture " << p << "\n";
    }
    return status.result == sync::SyncResult::Failed ? app::kKioskSyncFailed : app::kKioskOk;
}

}  // namespace

int main(int argc, char** argv)
{
    app::StartupTrace::get();  // start-up is timed from here
    // The exception boundary of the process: one clear log line and a non-zero exit (the
    // service manager restarts the kiosk), never std::terminate's abort.
    try
    {
        return runKiosk(argc, argv);
    }
    catch (const std::exception& e)
    {
        util::logError("main", std::string("internal error: ") + util::validUtf8(e.what(), 300));
    }
    catch (...)
    {
        util::logError("main", "internal error: unknown exception");
    }
    return app::kKioskInternalError;
}
