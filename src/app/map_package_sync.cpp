// The map package step of a sync run; see map_package_sync.hpp.
#include "map_package_sync.hpp"

#include "map/package_update.hpp"
#include "net/http_client.hpp"

#include <filesystem>

namespace mint::app
{

void attachMapPackageUpdate(sync::SyncEngine& engine, const config::KioskConfig& config, std::atomic<bool>* installed)
{
    if (config.map.packageUrl.empty())
        return;
    const config::MapSection map = config.map;
    const std::string ua = net::userAgent(config.feed.userAgentContact);
    const std::vector<std::string> keys = config.feed.publicKeys;
    sync::SyncEngine* e = &engine;
    engine.extraStep = [map, ua, keys, installed, e](sync::SyncStatus& status, net::HttpClient& http)
    {
        // A package in place waits for closed hours (config `display`): a download of many
        // megabytes must not slow the screen visitors use. Without one it comes at once.
        std::error_code ec;
        if (e->busyNow() && !map.mbtiles.empty() && std::filesystem::exists(map.mbtiles, ec))
        {
            status.mapPackage = "deferred to closed hours";
            return;
        }
        const map::PackageResult r = map::updateMapPackage(map, ua, http, keys);
        status.mapPackage = r.message;
        if (r.kind == map::PackageResult::Installed && installed)
            *installed = true;
    };
}

}  // namespace mint::app
