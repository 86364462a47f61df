// Tile loading workers; see tile_loader.hpp.
#include "map/tile_loader.hpp"

#include "media/image_decode.hpp"
#include "media/image_scale.hpp"
#include "net/http_client.hpp"

#include <chrono>

namespace mint::map
{

bool decodeTile(const std::string& bytes, LoadedTile& out)
{
    media::DecodedImage img = media::decodeImage(bytes, 1024);
    if (!img.ok())
    {
        out.error = "tile " + tileName(out.id) + ": " + (img.error.empty() ? "cannot decode" : img.error);
        return false;
    }
    if (img.width != 256 || img.height != 256)
        img = media::coverScale(img, 256, 256);  // 512-pixel ("retina") tiles, odd sizes
    if (!img.ok())
    {
        out.error = "tile " + tileName(out.id) + ": cannot scale";
        return false;
    }
    out.width = img.width;
    out.height = img.height;
    out.rgba = std::move(img.rgba);
    return true;
}

TileLoader::TileLoader(TileSources sources, std::function<void()> wake, int threads)
    : m_sources(std::move(sources)), m_wake(std::move(wake))
{
    for (int i = 0; i < std::max(1, threads); ++i)
        m_threads.emplace_back([this] { worker(); });
}

TileLoader::~TileLoader()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
        m_queue.clear();
    }
    m_cv.notify_all();
    for (auto& t : m_threads)
        t.join();
}

void TileLoader::want(const std::vector<TileId>& tiles)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_queue.clear();
    for (const TileId& t : tiles)
        if (validTile(t) && !m_inFlight.count(tileKey(t)))
            m_queue.push_back(t);
    m_cv.notify_all();
}

std::vector<LoadedTile> TileLoader::take(std::size_t max)
{
    std::vector<LoadedTile> out;
    std::lock_guard<std::mutex> lock(m_mutex);
    while (!m_ready.empty() && out.size() < max)
    {
        out.push_back(std::move(m_ready.front()));
        m_ready.pop_front();
    }
    return out;
}

std::size_t TileLoader::readyCount() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_ready.size();
}

bool TileLoader::busy() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return !m_queue.empty() || !m_inFlight.empty() || !m_ready.empty();
}

LoaderCounters TileLoader::counters() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_counters;
}

void TileLoader::worker()
{
    net::HttpClient http;  // this thread's own connection
    while (true)
    {
        TileId t;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_cv.wait(lock, [&] { return m_stop || !m_queue.empty(); });
            if (m_stop)
                return;
            t = m_queue.front();
            m_queue.pop_front();
            m_inFlight.insert(tileKey(t));
        }
        LoadedTile out;
        out.id = t;
        FetchResult f = m_sources.fetch(http, t);
        out.status = f.status;
        out.error = f.error;
        double seconds = 0;
        if (f.status == FetchStatus::Ok)
        {
            const auto start = std::chrono::steady_clock::now();
            if (!decodeTile(f.bytes, out))
                out.status = FetchStatus::Failed;  // garbage in the package or from the server
            seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        }
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_inFlight.erase(tileKey(t));
            m_counters.decodeSeconds += seconds;
            if (out.status == FetchStatus::Ok)
                ++m_counters.loaded;
            else if (out.status == FetchStatus::Missing)
                ++m_counters.missing;
            else
            {
                ++m_counters.failed;
                m_counters.lastError = out.error;
            }
            // Bounded: the UI takes a few per frame; an unbounded pile would only be memory.
            if (m_ready.size() >= 64)
                m_ready.pop_front();
            m_ready.push_back(std::move(out));
        }
        if (m_wake)
            m_wake();
    }
}

}  // namespace mint::map
