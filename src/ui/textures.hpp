// Pictures as GL textures. Files are read and decoded on a worker thread; the UI thread
// uploads at most a few finished ones per frame. The cache is bounded (least recently
// used textures are freed), so memory stays flat however long the kiosk runs.
#pragma once

#include "media/image_decode.hpp"

#include <imgui.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <list>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mint::ui
{

class TextureCache
{
public:
    /// `wake` is called from the worker when a picture is ready (glfwPostEmptyEvent). The
    /// cache holds at most `maxTextures` textures and 40 MiB of pixels.
    TextureCache(std::size_t maxTextures, int maxDimension, std::int64_t maxPixels, std::function<void()> wake);
    ~TextureCache();

    /// The texture for a file, or 0 while it loads (or when it cannot be shown). With a fit
    /// size, the worker crops and scales the picture to exactly fitW x fitH pixels (one
    /// texture per file and size), and the texture samples with the nearest filter: drawn
    /// 1:1 it looks the same as a filtered one and costs a software renderer much less.
    ImTextureID get(const std::string& path, ImVec2* size = nullptr, int fitW = 0, int fitH = 0);
    /// A 1x1 white texture with the nearest filter, for solid shapes (see draw_layers.hpp).
    ImTextureID white();
    /// Uploads finished pictures; call once per frame on the UI thread. Returns how many.
    int uploadReady(int maxPerFrame = 4);
    /// True while pictures are still being decoded (the loop keeps drawing).
    bool busy() const;
    std::size_t count() const { return m_textures.size(); }
    std::size_t bytes() const { return m_bytes; }

private:
    struct Texture
    {
        unsigned id = 0;
        int width = 0, height = 0;
        bool failed = false;
        std::list<std::string>::iterator lru;
    };
    struct Request
    {
        std::string key, path;
        int fitW = 0, fitH = 0;
    };
    struct Decoded
    {
        std::string key;
        int width = 0, height = 0;
        bool exact = false;  ///< scaled to exactly the asked size: nearest filter
        media::PixelBuffer rgba;
    };
    void worker();

    std::size_t m_max;
    std::size_t m_maxBytes = 40u << 20;  ///< texture memory the pictures may hold
    int m_maxDimension;
    std::int64_t m_maxPixels;
    std::function<void()> m_wake;
    std::map<std::string, Texture> m_textures;
    std::list<std::string> m_lru;  ///< front = most recently used
    std::size_t m_bytes = 0;
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<Request> m_requests;
    std::deque<Decoded> m_ready;
    std::size_t m_pending = 0;
    unsigned m_white = 0;
    bool m_stop = false;
    std::thread m_thread;
};

}  // namespace mint::ui
