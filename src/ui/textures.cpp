// Textures from the picture cache; see textures.hpp.
#include "textures.hpp"

#include "media/image_decode.hpp"
#include "media/image_scale.hpp"
#include "util/fs_util.hpp"

#include <glad/gl.h>

#include <algorithm>
#include <cmath>

namespace mint::ui
{

TextureCache::TextureCache(std::size_t maxTextures, int maxDimension, std::int64_t maxPixels, std::function<void()> wake)
    : m_max(maxTextures), m_maxDimension(maxDimension), m_maxPixels(maxPixels), m_wake(std::move(wake)), m_thread([this] { worker(); })
{
}

TextureCache::~TextureCache()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
        m_cv.notify_all();
    }
    m_thread.join();
    for (auto& [key, t] : m_textures)
        if (t.id)
            glDeleteTextures(1, &t.id);
    if (m_white)
        glDeleteTextures(1, &m_white);
}

void TextureCache::worker()
{
    while (true)
    {
        Request request;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_cv.wait(lock, [&] { return m_stop || !m_requests.empty(); });
            if (m_stop)
                return;
            request = std::move(m_requests.front());
            m_requests.pop_front();
        }
        Decoded d;
        d.key = request.key;
        std::string bytes, error;
        if (util::readWholeFile(request.path, bytes, error))
        {
            media::DecodedImage img = media::decodeImage(bytes, m_maxDimension, m_maxPixels);
            if (img.ok() && request.fitW > 0 && request.fitH > 0)
            {
                // Never larger than the picture itself: an upscaled copy would only cost
                // memory; a smaller one is drawn stretched with the linear filter.
                const double s =
                    std::min({1.0, static_cast<double>(img.width) / request.fitW, static_cast<double>(img.height) / request.fitH});
                const int w = std::max(1, static_cast<int>(std::lround(request.fitW * s)));
                const int h = std::max(1, static_cast<int>(std::lround(request.fitH * s)));
                img = media::coverScale(img, w, h);
                d.exact = w == request.fitW && h == request.fitH;
            }
            if (img.ok())
            {
                d.width = img.width;
                d.height = img.height;
                d.rgba = std::move(img.rgba);
            }
        }
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_ready.push_back(std::move(d));
        }
        if (m_wake)
            m_wake();
    }
}

ImTextureID TextureCache::get(const std::string& path, ImVec2* size, int fitW, int fitH)
{
    if (path.empty())
        return nullptr;
    const bool fit = fitW > 0 && fitH > 0;
    std::string key = fit ? path + '#' + std::to_string(fitW) + 'x' + std::to_string(fitH) : path;
    auto it = m_textures.find(key);
    if (it == m_textures.end())
    {
        Texture t;
        m_lru.push_front(key);
        t.lru = m_lru.begin();
        m_textures.emplace(key, t);
        std::lock_guard<std::mutex> lock(m_mutex);
        m_requests.push_back(Request{std::move(key), path, fit ? fitW : 0, fit ? fitH : 0});
        ++m_pending;
        m_cv.notify_one();
        return nullptr;
    }
    m_lru.splice(m_lru.begin(), m_lru, it->second.lru);
    if (!it->second.id)
        return nullptr;
    if (size)
        *size = ImVec2(static_cast<float>(it->second.width), static_cast<float>(it->second.height));
    return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(it->second.id));
}

int TextureCache::uploadReady(int maxPerFrame)
{
    int uploaded = 0;
    while (uploaded < maxPerFrame)
    {
        Decoded d;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (m_ready.empty())
                break;
            d = std::move(m_ready.front());
            m_ready.pop_front();
            --m_pending;
        }
        auto it = m_textures.find(d.key);
        if (it == m_textures.end())
            continue;
        if (d.rgba.empty())
        {
            it->second.failed = true;  // the card keeps its placeholder
            continue;
        }
        unsigned id = 0;
        glGenTextures(1, &id);
        glBindTexture(GL_TEXTURE_2D, id);
        const GLint filter = d.exact ? GL_NEAREST : GL_LINEAR;
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, d.width, d.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, d.rgba.data());
        it->second.id = id;
        it->second.width = d.width;
        it->second.height = d.height;
        m_bytes += static_cast<std::size_t>(d.width) * static_cast<std::size_t>(d.height) * 4;
        ++uploaded;
    }
    // Bounded: free the least recently used textures beyond the limits (count and bytes).
    while ((m_textures.size() > m_max || m_bytes > m_maxBytes) && m_lru.size() > 1)
    {
        const std::string victim = m_lru.back();
        auto it = m_textures.find(victim);
        if (it != m_textures.end())
        {
            if (it->second.id)
            {
                glDeleteTextures(1, &it->second.id);
                m_bytes -= static_cast<std::size_t>(it->second.width) * static_cast<std::size_t>(it->second.height) * 4;
            }
            m_textures.erase(it);
        }
        m_lru.pop_back();
    }
    return uploaded;
}

ImTextureID TextureCache::white()
{
    if (!m_white)
    {
        const unsigned char px[4] = {255, 255, 255, 255};
        glGenTextures(1, &m_white);
        glBindTexture(GL_TEXTURE_2D, m_white);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, 1, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, px);
    }
    return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(m_white));
}

bool TextureCache::busy() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_pending > 0;
}

}  // namespace mint::ui
