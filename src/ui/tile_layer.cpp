// Tile textures and drawing; see tile_layer.hpp.
#include "tile_layer.hpp"

#include "map/tile_plan.hpp"

#include <glad/gl.h>

#include <algorithm>

namespace mint::ui {

TileLayer::TileLayer(std::size_t maxSlots) : m_maxSlots(std::max<std::size_t>(16, maxSlots)) {}

TileLayer::~TileLayer()
{
    if (!m_textures.empty())
        glDeleteTextures(static_cast<GLsizei>(m_textures.size()), m_textures.data());
}

int TileLayer::slotFor(std::uint64_t key)
{
    // A free slot while the pool grows, else the least recently used one not drawn in
    // this frame and not pinned. None: no upload this frame (the stand-ins stay).
    if (m_slots.size() < m_maxSlots)
    {
        unsigned tex = 0;
        glGenTextures(1, &tex);
        glBindTexture(GL_TEXTURE_2D, tex);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, 256, 256, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        m_textures.push_back(tex);
        m_slots.push_back(Slot{tex, key, m_frame, false, true});
        return static_cast<int>(m_slots.size()) - 1;
    }
    int victim = -1;
    for (int i = 0; i < static_cast<int>(m_slots.size()); ++i)
    {
        const Slot& s = m_slots[static_cast<std::size_t>(i)];
        if (s.pinned || s.lastUsed >= m_frame)
            continue;
        if (victim < 0 || s.lastUsed < m_slots[static_cast<std::size_t>(victim)].lastUsed)
            victim = i;
    }
    if (victim >= 0)
    {
        m_bySlot.erase(m_slots[static_cast<std::size_t>(victim)].key);
        m_slots[static_cast<std::size_t>(victim)].key = key;
        m_slots[static_cast<std::size_t>(victim)].lastUsed = m_frame;
    }
    return victim;
}

int TileLayer::upload(map::TileLoader& loader, int maxPerFrame, double now)
{
    int n = 0;
    for (map::LoadedTile& t : loader.take(static_cast<std::size_t>(std::max(0, maxPerFrame))))
    {
        const std::uint64_t key = map::tileKey(t.id);
        if (t.status != map::FetchStatus::Ok || t.rgba.empty())
        {
            // Missing tiles are not asked for again for a while; failed ones sooner.
            m_unavailable[key] = now + (t.status == map::FetchStatus::Missing ? 600.0 : 20.0);
            continue;
        }
        if (m_bySlot.count(key))
            continue;
        const int slot = slotFor(key);
        if (slot < 0)
            continue;
        Slot& s = m_slots[static_cast<std::size_t>(slot)];
        glBindTexture(GL_TEXTURE_2D, s.texture);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, 256, 256, GL_RGBA, GL_UNSIGNED_BYTE, t.rgba.data());
        s.pinned = false;
        m_bySlot[key] = slot;
        m_unavailable.erase(key);
        ++n;
    }
    // Bounded over months of panning: forget the retry times that have passed.
    if (m_unavailable.size() > 4096)
        for (auto it = m_unavailable.begin(); it != m_unavailable.end();)
            it = it->second <= now ? m_unavailable.erase(it) : std::next(it);
    return n;
}

ImTextureID TileLayer::texture(int slot, bool exactPixels)
{
    Slot& s = m_slots[static_cast<std::size_t>(slot)];
    s.lastUsed = m_frame;
    // Drawn 1:1 the nearest filter gives the same picture for much less work in a software
    // renderer; scaled (zoom animation, stand-ins, over-zoom) it needs the linear one.
    const bool linear = !exactPixels;
    if (s.linear != linear)
    {
        glBindTexture(GL_TEXTURE_2D, s.texture);
        const GLint f = linear ? GL_LINEAR : GL_NEAREST;
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, f);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, f);
        s.linear = linear;
    }
    return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(s.texture));
}

TileDrawStats TileLayer::draw(ImDrawList* dl, const map::MapView& view, map::TileLoader& loader, double now,
                              const std::optional<std::array<double, 4>>& region)
{
    ++m_frame;
    const map::TileSources& src = loader.sources();
    auto find = [&](const map::TileId& t) -> int {
        auto it = m_bySlot.find(map::tileKey(t));
        return it == m_bySlot.end() ? -1 : it->second;
    };
    auto available = [&](const map::TileId& t) {
        auto it = m_unavailable.find(map::tileKey(t));
        return it == m_unavailable.end() || it->second <= now;
    };
    const map::TilePlan plan = map::planTiles(view, src.minZoom, src.maxZoom, [&](const map::TileId& t) { return find(t) >= 0; }, available);
    for (const map::TileDraw& d : plan.draws)
        dl->AddImage(texture(find(d.texture), d.exact), ImVec2(d.rect.x0, d.rect.y0), ImVec2(d.rect.x1, d.rect.y1), ImVec2(d.uv.u0, d.uv.v0),
                     ImVec2(d.uv.u1, d.uv.v1));
    TileDrawStats stats{plan.positions, plan.exact, plan.standIns, plan.uncovered};
    std::vector<map::TileId> order = plan.wanted;
    // The region's two lowest levels: stand-ins for everything, pinned once loaded.
    if (region)
        for (int lz = src.minZoom; lz <= std::min(src.minZoom + 1, src.maxZoom); ++lz)
        {
            const map::TileRange rr = map::tilesForBox(*region, lz);
            if (rr.count() > 64)
                break;
            for (int y = rr.y0; y <= rr.y1; ++y)
                for (int x = rr.x0; x <= rr.x1; ++x)
                {
                    const map::TileId t{lz, x, y};
                    if (const int slot = find(t); slot >= 0)
                        m_slots[static_cast<std::size_t>(slot)].pinned = true;
                    else if (available(t) && std::find(order.begin(), order.end(), t) == order.end())
                        order.push_back(t);
                }
        }
    if (order != m_lastWanted)
    {
        loader.want(order);
        m_lastWanted = order;
    }
    return stats;
}

}  // namespace mint::ui
