// Tiles are read and decoded on worker threads. The map says which tiles it needs now,
// most urgent (nearest the view centre) first; that list replaces the queue, so requests
// for a view the visitor has already left are dropped before they cost anything. Decoded
// tiles wait in a small queue until the UI thread uploads a few per frame.
#pragma once

#include "map/tile_source.hpp"
#include "media/image_decode.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_set>
#include <vector>

namespace mint::map
{

struct LoadedTile
{
    TileId id;
    FetchStatus status = FetchStatus::Missing;
    int width = 0, height = 0;  ///< 256 x 256 (larger tiles are scaled down)
    media::PixelBuffer rgba;    ///< 256 * 256 * 4 bytes when Ok
    std::string error;
};

struct LoaderCounters
{
    std::size_t loaded = 0, missing = 0, failed = 0;
    double decodeSeconds = 0;  ///< summed over all workers
    std::string lastError;
};

class TileLoader
{
public:
    /// `wake` runs on a worker after a tile is ready (glfwPostEmptyEvent).
    TileLoader(TileSources sources, std::function<void()> wake, int threads = 2);
    ~TileLoader();
    TileLoader(const TileLoader&) = delete;
    TileLoader& operator=(const TileLoader&) = delete;

    /// The tiles needed now, most urgent first (replaces what is queued; tiles already
    /// being fetched finish).
    void want(const std::vector<TileId>& tiles);
    /// Finished tiles (at most `max`).
    std::vector<LoadedTile> take(std::size_t max);
    /// Queued, in progress, or finished and not yet taken.
    bool busy() const;
    /// Finished and not yet taken (the UI draws frames until it has taken them all).
    std::size_t readyCount() const;
    LoaderCounters counters() const;
    const TileSources& sources() const { return m_sources; }

private:
    void worker();

    TileSources m_sources;
    std::function<void()> m_wake;
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<TileId> m_queue;
    std::unordered_set<std::uint64_t> m_inFlight;
    std::deque<LoadedTile> m_ready;
    LoaderCounters m_counters;
    bool m_stop = false;
    std::vector<std::thread> m_threads;
};

/// Decodes tile bytes to 256 x 256 RGBA (PNG or JPEG, dimensions checked first).
bool decodeTile(const std::string& bytes, LoadedTile& out);

}  // namespace mint::map
