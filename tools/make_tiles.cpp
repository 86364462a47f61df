// mint-make-tiles: writes a synthetic MBTiles package (tests, benchmarks, the demo).
//
//   mint-make-tiles --out FILE [--bbox MINLON,MINLAT,MAXLON,MAXLAT] [--zoom MIN-MAX] [--format png|jpg]
#include "synthetic_tiles.hpp"

#include <cstdio>
#include <cstring>
#include <iostream>

int main(int argc, char** argv)
{
    mint::tools::SyntheticPackage p;
    for (int i = 1; i < argc; ++i)
    {
        const std::string a = argv[i];
        const char* v = i + 1 < argc ? argv[i + 1] : nullptr;
        if (a == "--out" && v)
            p.path = argv[++i];
        else if (a == "--bbox" && v && std::sscanf(argv[++i], "%lf,%lf,%lf,%lf", &p.bbox[0], &p.bbox[1], &p.bbox[2], &p.bbox[3]) == 4)
            ;
        else if (a == "--zoom" && v && std::sscanf(argv[++i], "%d-%d", &p.minZoom, &p.maxZoom) == 2)
            ;
        else if (a == "--format" && v && (std::strcmp(v, "png") == 0 || std::strcmp(v, "jpg") == 0))
            p.format = argv[++i];
        else
        {
            std::cerr << "usage: mint-make-tiles --out FILE [--bbox MINLON,MINLAT,MAXLON,MAXLAT] [--zoom MIN-MAX] [--format png|jpg]\n";
            return 2;
        }
    }
    if (p.path.empty() || p.minZoom < 0 || p.maxZoom > 18 || p.minZoom > p.maxZoom)
    {
        std::cerr << "mint-make-tiles: --out is required; zoom within 0-18\n";
        return 2;
    }
    std::string error;
    const bool ok = mint::tools::makeSyntheticPackage(
        p, error,
        [](std::uint64_t done, std::uint64_t total)
        { std::fprintf(stderr, "\rtiles %llu / %llu", static_cast<unsigned long long>(done), static_cast<unsigned long long>(total)); });
    std::fprintf(stderr, "\n");
    if (!ok)
    {
        std::cerr << "mint-make-tiles: " << error << "\n";
        return 1;
    }
    return 0;
}
