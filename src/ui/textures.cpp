// Textures from the picture cache; see textures.hpp.
#include "textures.hpp"

#include "media/image_decode.hpp"
#include "util/fs_util.hpp"

#include <glad/gl.h>

namespace mint::ui {

TextureCache::TextureCache(std::size_t maxTextures, int maxDimension, std::function<void()> wake)
    : m_max(maxTextures), m_maxDimension(maxDimension), m_wake(std::move(wake)), m_thread([this] { worker(); })
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
    for (auto& [path, t] : m_textures)
        if (t.id)
            glDeleteTextures(1, &t.id);
}

void TextureCache::worker()
{
    while (true)
    {
        std::string path;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_cv.wait(lock, [&] { return m_stop || !m_requests.empty(); });
            if (m_stop)
                return;
            path = m_requests.front();
            m_requests.pop_front();
        }
        Decoded d;
        d.path = path;
        std::string bytes, error;
        if (util::readWholeFile(path, bytes, error))
        {
            media::DecodedImage img = media::decodeImage(bytes, m_maxDimension);
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

ImTextureID TextureCache::get(const std::string& path, ImVec2* size)
{
    if (path.empty())
        return nullptr;
    auto it = m_textures.find(path);
    if (it == m_textures.end())
    {
        Texture t;
        m_lru.push_front(path);
        t.lru = m_lru.begin();
        m_textures.emplace(path, t);
        std::lock_guard<std::mutex> lock(m_mutex);
        m_requests.push_back(path);
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
        auto it = m_textures.find(d.path);
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
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
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
    // Bounded: free the least recently used textures beyond the limit.
    while (m_textures.size() > m_max && !m_lru.empty())
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

bool TextureCache::busy() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_pending > 0;
}

}  // namespace mint::ui
