// Synthetic tiles; see synthetic_tiles.hpp.
#include "synthetic_tiles.hpp"

#include "media/image_encode.hpp"

#include <cmath>

namespace mint::tools
{

namespace
{

/// Smooth value noise in [0, 1] from world coordinates (degrees).
double hash(long long x, long long y)
{
    std::uint64_t h = static_cast<std::uint64_t>(x) * 0x9E3779B97F4A7C15ull ^ static_cast<std::uint64_t>(y) * 0xC2B2AE3D27D4EB4Full;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 32;
    return static_cast<double>(h & 0xFFFFFF) / static_cast<double>(0xFFFFFF);
}

double noise(double x, double y)
{
    const double fx = std::floor(x), fy = std::floor(y);
    const double tx = x - fx, ty = y - fy;
    const double sx = tx * tx * (3 - 2 * tx), sy = ty * ty * (3 - 2 * ty);
    const long long ix = static_cast<long long>(fx), iy = static_cast<long long>(fy);
    const double a = hash(ix, iy), b = hash(ix + 1, iy), c = hash(ix, iy + 1), d = hash(ix + 1, iy + 1);
    return (a + (b - a) * sx) + ((c + (d - c) * sx) - (a + (b - a) * sx)) * sy;
}

}  // namespace

std::vector<std::uint8_t> renderSyntheticTile(const map::TileId& t)
{
    std::vector<std::uint8_t> px(256 * 256 * 4);
    const double metresPerPx = map::metresPerPixel(49.3, t.z);
    // Mercator is separable: longitude depends on the column only, latitude on the row only.
    double lats[256], lons[256];
    for (int i = 0; i < 256; ++i)
    {
        double ignored = 0;
        map::unproject(map::WorldPoint{t.x * 256.0 + i + 0.5, t.y * 256.0 + i + 0.5}, t.z, lats[i], ignored);
        map::unproject(map::WorldPoint{t.x * 256.0 + i + 0.5, t.y * 256.0 + i + 0.5}, t.z, ignored, lons[i]);
    }
    for (int y = 0; y < 256; ++y)
        for (int x = 0; x < 256; ++x)
        {
            const double lat = lats[y], lon = lons[x];
            // Fields and woods: patches of about 2 km.
            const double n = noise(lon * 40, lat * 60) * 0.65 + noise(lon * 160, lat * 240) * 0.35;
            double r = 226, g = 234, b = 206;  // meadow
            if (n > 0.62)
                r = 190, g = 214, b = 170;  // wood
            else if (n < 0.3)
                r = 240, g = 236, b = 214;  // field
            // A river meandering west to east.
            const double riverLat = 49.30 + 0.06 * std::sin(lon * 9.0) + 0.02 * std::sin(lon * 31.0);
            const double riverM = std::fabs(lat - riverLat) * 111000;
            if (riverM < std::max(60.0, metresPerPx * 1.5))
                r = 150, g = 190, b = 225;
            // Roads every 0.1° (about 7-11 km), a few pixels wide at every zoom.
            const double dLon = std::fabs(lon * 10 - std::round(lon * 10)) / 10 * 72000;
            const double dLat = std::fabs(lat * 10 - std::round(lat * 10)) / 10 * 111000;
            const double roadHalf = std::max(12.0, metresPerPx * 1.2);
            if (dLon < roadHalf || dLat < roadHalf)
                r = 255, g = 248, b = 214;
            if (dLon < roadHalf * 0.5 || dLat < roadHalf * 0.5)
                r = 250, g = 200, b = 110;
            std::uint8_t* p = &px[static_cast<std::size_t>((y * 256 + x) * 4)];
            p[0] = static_cast<std::uint8_t>(r);
            p[1] = static_cast<std::uint8_t>(g);
            p[2] = static_cast<std::uint8_t>(b);
            p[3] = 255;
        }
    return px;
}

std::string encodeSyntheticTile(const map::TileId& t, const std::string& format)
{
    const auto px = renderSyntheticTile(t);
    if (format == "jpg")
    {
        std::vector<std::uint8_t> rgb(256 * 256 * 3);
        for (std::size_t i = 0; i < 256 * 256; ++i)
            for (int c = 0; c < 3; ++c)
                rgb[i * 3 + static_cast<std::size_t>(c)] = px[i * 4 + static_cast<std::size_t>(c)];
        return media::encodeJpeg(rgb.data(), 256, 256, 85);
    }
    return media::encodePng(px.data(), 256, 256, 4);
}

bool makeSyntheticPackage(const SyntheticPackage& p, std::string& error, const std::function<void(std::uint64_t, std::uint64_t)>& progress)
{
    map::MbtilesWriter w;
    map::MbtilesInfo info;
    info.name = "MINT Kiosk synthetic tiles";
    info.format = p.format;
    info.attribution = p.attribution;
    info.minZoom = p.minZoom;
    info.maxZoom = p.maxZoom;
    info.bounds = p.bbox;
    if (!w.open(p.path, info, error))
        return false;
    const std::uint64_t total = map::countTilesForBox(p.bbox, p.minZoom, p.maxZoom);
    std::uint64_t done = 0;
    for (int z = p.minZoom; z <= p.maxZoom; ++z)
    {
        const map::TileRange r = map::tilesForBox(p.bbox, z);
        for (int y = r.y0; y <= r.y1; ++y)
            for (int x = r.x0; x <= r.x1; ++x)
            {
                const map::TileId t{z, x, y};
                if (!w.has(t) && !w.put(t, encodeSyntheticTile(t, p.format), error))
                    return false;
                if (progress && (++done % 50 == 0 || done == total))
                    progress(done, total);
            }
    }
    return w.commit(error);
}

}  // namespace mint::tools
