// Release pictures; see pictures.hpp.
#include "pictures.hpp"

#include "media/image_decode.hpp"
#include "media/image_encode.hpp"
#include "media/image_scale.hpp"
#include "util/fs_util.hpp"
#include "util/sha256.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <thread>

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

namespace
{

struct Job
{
    std::string where;  ///< resolved path or URL
    bool remote = false;
    std::string stored;    ///< result: "images/<sha>.jpg", or empty
    std::string error;     ///< why not
    std::string indexKey;  ///< source bytes + size limit, for the folder's picture index
};

/// Reads, checks, scales, encodes and stores one picture. Thread-safe (distinct files).
void runJob(Job& job, const PictureOptions& options, const PageFetcher& fetch, std::mutex& fetchMutex,
            const std::map<std::string, std::string>& known)
{
    std::string bytes, error;
    bool read = false;
    if (job.remote)
    {
        std::lock_guard<std::mutex> lock(fetchMutex);  // one HTTP client, one request at a time
        read = fetch(job.where, bytes, error);
    }
    else
        read = util::readWholeFile(job.where, bytes, error);
    if (!read)
    {
        job.error = "nicht lesbar" + (error.empty() ? std::string() : " (" + error + ")") + "; das Bild wird weggelassen";
        return;
    }
    // A picture this folder already holds (same bytes, same size limit) is not decoded again.
    const std::string key = util::Sha256::hex(bytes) + ":" + std::to_string(options.maxEdge);
    if (auto it = known.find(key); it != known.end() && std::filesystem::exists(std::filesystem::path(options.outDir) / it->second))
    {
        job.stored = it->second;
        return;
    }
    const media::DecodedImage decoded = media::decodeImage(bytes, 8192, 8192LL * 8192);
    if (!decoded.ok())
    {
        job.error = "kein brauchbares Bild (" + decoded.error + "); es wird weggelassen";
        return;
    }
    int w = 0, h = 0;
    fitSize(decoded.width, decoded.height, options.maxEdge, w, h);
    const media::DecodedImage scaled = w == decoded.width && h == decoded.height ? media::DecodedImage{} : media::coverScale(decoded, w, h);
    const media::DecodedImage& image = scaled.ok() ? scaled : decoded;
    std::string encoded, ext;
    if (hasTransparency(image))
    {
        encoded = media::encodePng(image.rgba.data(), image.width, image.height, 4);
        ext = ".png";
    }
    else
    {
        std::vector<std::uint8_t> rgb(static_cast<std::size_t>(image.width) * image.height * 3);
        for (std::size_t i = 0, j = 0; i < image.rgba.size(); i += 4, j += 3)
        {
            rgb[j] = image.rgba[i];
            rgb[j + 1] = image.rgba[i + 1];
            rgb[j + 2] = image.rgba[i + 2];
        }
        encoded = media::encodeJpeg(rgb.data(), image.width, image.height, 85);
        ext = ".jpg";
    }
    job.stored = "images/" + util::Sha256::hex(encoded) + ext;
    job.indexKey = key;
    if (options.write)
    {
        const std::string path = (std::filesystem::path(options.outDir) / job.stored).string();
        if (!std::filesystem::exists(path) && !util::writeFileAtomic(path, encoded, error, false))
        {
            job.stored.clear();
            job.error = "kann nicht gespeichert werden (" + error + ")";
        }
    }
}

}  // namespace

void processPictures(ImportResult& part, const std::string& sourceDir, const PictureOptions& options, const PageFetcher& fetch,
                     std::map<std::string, std::string>& cache, PictureStats& stats)
{
    auto resolve = [&](const std::string& ref)
    {
        const bool remote = ref.rfind("http://", 0) == 0 || ref.rfind("https://", 0) == 0;
        return std::make_pair(remote || ref.empty() || ref[0] == '/' ? ref : (std::filesystem::path(sourceDir) / ref).string(), remote);
    };
    // The folder's index of pictures it holds: source bytes + size limit -> stored name.
    const std::string indexPath = (std::filesystem::path(options.outDir) / "images" / "index.json").string();
    std::map<std::string, std::string> known;
    {
        std::string text, error;
        if (util::readWholeFile(indexPath, text, error))
        {
            const auto j = nlohmann::json::parse(text, nullptr, false);
            if (j.is_object())
                for (const auto& [k, v] : j.items())
                    if (v.is_string())
                        known[k] = v.get<std::string>();
        }
    }
    // Every distinct picture once, on all cores.
    std::vector<Job> jobs;
    std::map<std::string, std::size_t> jobOf;
    for (const auto& offer : part.offers)
        if (offer.contains("images") && offer["images"].is_array())
            for (const auto& image : offer["images"])
            {
                const auto [where, remote] = resolve(image.value("url", ""));
                if (!where.empty() && !cache.count(where) && !jobOf.count(where))
                {
                    jobOf[where] = jobs.size();
                    jobs.push_back({where, remote, {}, {}, {}});
                }
            }
    if (options.write && !jobs.empty())
    {
        std::error_code ec;
        std::filesystem::create_directories(std::filesystem::path(options.outDir) / "images", ec);
    }
    std::atomic<std::size_t> next{0};
    std::mutex fetchMutex;
    const unsigned threads = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads && t < jobs.size(); ++t)
        workers.emplace_back(
            [&]
            {
                for (std::size_t i = next++; i < jobs.size(); i = next++)
                    runJob(jobs[i], options, fetch, fetchMutex, known);
            });
    for (auto& w : workers)
        w.join();
    bool indexChanged = false;
    for (const auto& job : jobs)
    {
        cache[job.where] = job.stored;
        if (!job.stored.empty())
        {
            ++stats.stored;
            if (!job.indexKey.empty() && known[job.indexKey] != job.stored)  // a new index entry
            {
                known[job.indexKey] = job.stored;
                indexChanged = true;
            }
        }
    }
    if (indexChanged && options.write)
    {
        nlohmann::json j = nlohmann::json::object();
        for (const auto& [k, v] : known)
            j[k] = v;
        std::string error;
        (void)util::writeFileAtomic(indexPath, j.dump(), error, false);
    }

    for (auto& offer : part.offers)
    {
        if (!offer.contains("images") || !offer["images"].is_array())
            continue;
        nlohmann::ordered_json kept = nlohmann::ordered_json::array();
        for (auto image : offer["images"])
        {
            const std::string ref = image.value("url", "");
            const std::string where = resolve(ref).first;
            const std::string stored = where.empty() ? std::string() : cache[where];
            if (stored.empty())
            {
                // Reported once per picture (the first offer that names it).
                std::string why = "nicht lesbar; das Bild wird weggelassen";
                if (auto it = jobOf.find(where); it != jobOf.end())
                {
                    why = jobs[it->second].error;
                    jobOf.erase(it);
                    part.problems.push_back({part.source, 0, "", ref,
                                             "Angebot '" + offer.value("title", std::string()) + "', Bild '" + ref + "': " + why, false});
                    ++stats.failed;
                }
                continue;
            }
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
