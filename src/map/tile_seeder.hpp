// --seed-tiles: fills an MBTiles package for the region and zoom range from the
// configured online tile source (the network's own tile server). Resumable: tiles go into
// "<package>.seeding" in committed batches and a second run skips what is there; only a
// complete package replaces the installed one (the old one is kept as "<package>.previous").
// The public openstreetmap.org servers are refused: their policy forbids bulk downloads.
#pragma once

#include "map/tiles.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <string>

namespace mint::map
{

struct SeedOptions
{
    std::string urlTemplate;
    std::string userAgent;
    std::string packagePath;  ///< map.mbtiles
    std::array<double, 4> bbox{};
    int minZoom = 8, maxZoom = 14;
    std::string attribution;
    int connections = 2;
    long timeoutS = 30;
};

struct SeedReport
{
    std::uint64_t total = 0;    ///< tiles the region needs
    std::uint64_t present = 0;  ///< already in the package (a resumed run)
    std::uint64_t fetched = 0;
    std::uint64_t missing = 0;  ///< 404 from the server (outside its area)
    std::uint64_t failed = 0;   ///< network, server errors, garbage: run again
    std::uint64_t bytes = 0;    ///< fetched this run
    double estimateMb = 0;      ///< the estimate printed before the download
    bool installed = false;     ///< the package replaced the installed one
};

/// Runs the seeding; `say` gets the lines to print (the estimate, progress, the result).
/// Returns false with `error` for a refusal or a setup problem (nothing fetched).
bool seedTiles(const SeedOptions& options, SeedReport& report, std::string& error, const std::function<void(const std::string&)>& say);

}  // namespace mint::map
