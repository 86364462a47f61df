// Fuzz target: the online tile cache's metadata. The first line is a tile server's
// Cache-Control header (parsed, turned into an expiry); the rest is the cache's SQLite file
// as a damaged disk could leave it: opened (replaced when unusable), read, written, trimmed.
#include "map/tile_cache.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string input(reinterpret_cast<const char*>(data), size);
    const std::size_t newline = input.find('\n');
    const std::string header = input.substr(0, newline);
    const std::string file = newline == std::string::npos ? std::string() : input.substr(newline + 1);

    const std::int64_t now = 1795000000;
    const mint::map::CachePolicy policy = mint::map::parseCacheControl(header);
    const std::int64_t expires = mint::map::tileExpiry(policy, now, 86400);
    if (expires < now || expires > now + mint::map::kMaxTileAgeS)
        __builtin_trap();

    // In memory-backed /dev/shm when there is one: the target is about the bytes, not the disk.
    static const std::string path = std::string(::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp") + "/mint-fuzz-tilecache-" +
                                    std::to_string(::getpid()) + ".sqlite";
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::remove((path + suffix).c_str());
    if (std::FILE* f = std::fopen(path.c_str(), "wb"))
    {
        std::fwrite(file.data(), 1, file.size(), f);
        std::fclose(f);
    }
    {
        mint::map::TileDiskCache cache;
        std::string error;
        if (cache.open(path, 4096, error))
        {
            for (int z = 0; z < 3; ++z)
                (void)cache.get(mint::map::TileId{z, 0, 0}, now);
            cache.put(mint::map::TileId{1, 1, 1}, mint::map::CachedTile{std::string(3000, 'x'), header, header, expires}, now);
            cache.put(mint::map::TileId{2, 1, 1}, mint::map::CachedTile{std::string(3000, 'y'), "", "", expires}, now);
            cache.refresh(mint::map::TileId{0, 0, 0}, expires, now);
            (void)cache.bytes();
        }
    }
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::remove((path + suffix).c_str());
    return 0;
}
