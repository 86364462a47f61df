// Release pictures; see pictures.hpp.
#include "pictures.hpp"

#include "media/image_decode.hpp"
#include "media/image_encode.hpp"
#include "media/image_scale.hpp"
#include "util/fs_util.hpp"
#include "util/sha256.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace mint::publish
{

namespace
{

/// Longest edge at most maxEdge, aspect kept.
void fitSize(int w, int h, int maxEdge, int& outW, int& outH)
{
    const double scale = std::min(1.0, static_cast<double>(maxEdge) / std::max(w, h));
    outW = std::max(1, static_cast<int>(std::lround(w * scale)));
    outH = std::max(1, static_cast<int>(std::lround(h * scale)));
}

bool hasTransparency(const media::DecodedImage& image)
{
    for (std::size_t i = 3; i < image.rgba.size(); i += 4)
        if (image.rgba[i] != 255)
            return true;
    return false;
}

}  // namespace

void processPictures(ImportResult& part, const std::string& sourceDir, const PictureOptions& options, const PageFetcher& fetch,
                     std::map<std::string, std::string>& cache, PictureStats& stats)
{
    for (auto& offer : part.offers)
    {
        if (!offer.contains("images") || !offer["images"].is_array())
            continue;
        nlohmann::ordered_json kept = nlohmann::ordered_json::array();
        for (auto image : offer["images"])
        {
            const std::string ref = image.value("url", "");
            const bool remote = ref.rfind("http://", 0) == 0 || ref.rfind("https://", 0) == 0;
            const std::string where = remote || ref.empty() || ref[0] == '/' ? ref : (std::filesystem::path(sourceDir) / ref).string();
            auto problem = [&](const std::string& message)
            {
                part.problems.push_back({part.source, 0, "", ref,
                                         "Angebot '" + offer.value("title", std::string()) + "', Bild '" + ref + "': " + message, false});
                ++stats.failed;
            };
            std::string stored;
            if (auto it = cache.find(where); it != cache.end())
                stored = it->second;
            else
            {
                std::string bytes, error;
                if (ref.empty() || !(remote ? fetch(where, bytes, error) : util::readWholeFile(where, bytes, error)))
                {
                    problem("nicht lesbar" + (error.empty() ? std::string() : " (" + error + ")") + "; das Bild wird weggelassen");
                    cache[where] = "";
                    continue;
                }
                const media::DecodedImage decoded = media::decodeImage(bytes, 8192, 8192LL * 8192);
                if (!decoded.ok())
                {
                    problem("kein brauchbares Bild (" + decoded.error + "); es wird weggelassen");
                    cache[where] = "";
                    continue;
                }
                int w = 0, h = 0;
                fitSize(decoded.width, decoded.height, options.maxEdge, w, h);
                const media::DecodedImage scaled = media::coverScale(decoded, w, h);
                std::string encoded, ext;
                if (hasTransparency(scaled))
                {
                    encoded = media::encodePng(scaled.rgba.data(), scaled.width, scaled.height, 4);
                    ext = ".png";
                }
                else
                {
                    std::vector<std::uint8_t> rgb(static_cast<std::size_t>(scaled.width) * scaled.height * 3);
                    for (std::size_t i = 0, j = 0; i < scaled.rgba.size(); i += 4, j += 3)
                    {
                        rgb[j] = scaled.rgba[i];
                        rgb[j + 1] = scaled.rgba[i + 1];
                        rgb[j + 2] = scaled.rgba[i + 2];
                    }
                    encoded = media::encodeJpeg(rgb.data(), scaled.width, scaled.height, 85);
                    ext = ".jpg";
                }
                stored = "images/" + util::Sha256::hex(encoded) + ext;
                if (options.write)
                {
                    const std::string path = (std::filesystem::path(options.outDir) / stored).string();
                    std::error_code ec;
                    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
                    if (!std::filesystem::exists(path) && !util::writeFileAtomic(path, encoded, error, false))
                    {
                        problem("kann nicht gespeichert werden (" + error + ")");
                        cache[where] = "";
                        continue;
                    }
                }
                ++stats.stored;
                cache[where] = stored;
            }
            if (stored.empty())
                continue;  // failed before, reported then
            image["url"] = stored;
            kept.push_back(image);
            ++stats.pictures;
        }
        if (kept.empty())
            offer.erase("images");
        else
            offer["images"] = kept;
    }
}

}  // namespace mint::publish
