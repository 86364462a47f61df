// Delivery of the offline map like the feed: when map.package_sha256 differs from the
// installed package's, the package is downloaded from map.package_url to
// "<map.mbtiles>.download" (on disk, never in memory), its sha256 is checked, it must open
// as a raster MBTiles package, the installed one is kept as "<map.mbtiles>.previous" and
// the new one renamed into place. "<map.mbtiles>.sha256" remembers what is installed, so a
// run without a change costs no request and no hashing.
#pragma once

#include "config/kiosk_config.hpp"
#include "net/http_client.hpp"

#include <string>
#include <vector>

namespace mint::map
{

struct PackageResult
{
    enum Kind
    {
        NotConfigured,
        Current,
        Installed,
        Failed
    } kind = NotConfigured;
    std::string message;  ///< for the log, the status and the admin screen
};

/// `publicKeys`: feed.public_keys — set, the package is installed only with a good
/// "<map.package_url>.minisig" by one of them (the network signs its map like its feed).
PackageResult updateMapPackage(const config::MapSection& map, const std::string& userAgent, net::HttpClient& http,
                               const std::vector<std::string>& publicKeys = {});

}  // namespace mint::map
