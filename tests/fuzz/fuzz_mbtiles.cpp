// Fuzz target: an MBTiles map package (a SQLite file delivered like the feed): opening it,
// its metadata, and reading tiles.
#include "map/mbtiles.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    // In memory-backed /dev/shm when there is one: the target is about the bytes, not the disk.
    static const std::string path = std::string(::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp") + "/mint-fuzz-mbtiles-" +
                                    std::to_string(::getpid()) + ".mbtiles";
    if (std::FILE* f = std::fopen(path.c_str(), "wb"))
    {
        std::fwrite(data, 1, size, f);
        std::fclose(f);
    }
    mint::map::MbtilesReader reader;
    std::string error, bytes;
    if (reader.open(path, error))
        for (int z = reader.info().minZoom; z <= std::min(reader.info().maxZoom, reader.info().minZoom + 2); ++z)
            (void)reader.read(mint::map::TileId{z, 0, 0}, bytes, error);
    std::remove(path.c_str());
    return 0;
}
