// Tile textures and drawing; see tile_layer.hpp.
#include "tile_layer.hpp"

#include "map/tile_plan.hpp"

#include <glad/gl.h>

#include <algorithm>
#include <cstring>

namespace mint::ui
{

namespace
{

constexpr int kCell = 258;  // a 256-pixel tile with a 1-pixel border (copies of its edge)
constexpr int kCellsPerRow = 8;
constexpr int kAtlas = kCell * kCellsPerRow;  // 2064 x 2064
constexpr int kCellsPerAtlas = kCellsPerRow * kCellsPerRow;

}  // namespace

TileLayer::TileLayer(std::size_t maxSlots) : m_pool(std::max<std::size_t>(16, maxSlots))
{
}

TileLayer::~TileLayer()
{
    for (const Atlas& a : m_atlases)
        glDeleteTextures(1, &a.texture);
}

std::size_t TileLayer::textureBytes() const
{
    return m_atlases.size() * static_cast<std::size_t>(kAtlas) * kAtlas * 4;
}

int TileLayer::slotFor(std::uint64_t key)
{
    // A free slot while the pool grows (a new atlas texture every 64 tiles), else the least
    // recently used one not drawn in this frame and not pinned. None: no upload this frame
    // (the stand-ins stay).
    const int slot = m_pool.acquire(key, m_frame);
    if (slot >= 0 && static_cast<std::size_t>(slot / kCellsPerAtlas) >= m_atlases.size())
    {
        Atlas a;
        glGenTextures(1, &a.texture);
        glBindTexture(GL_TEXTURE_2D, a.texture);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, kAtlas, kAtlas, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        m_atlases.push_back(a);
    }
    return slot;
}

int TileLayer::upload(map::TileLoader& loader, int maxPerFrame, double now)
{
    int n = 0;
    for (map::LoadedTile& t : loader.take(static_cast<std::size_t>(std::max(0, maxPerFrame))))
    {
        const std::uint64_t key = map::tileKey(t.id);
        if (t.status != map::FetchStatus::Ok || t.rgba.size() != 256u * 256u * 4u)
        {
            // Missing tiles are not asked for again for a while; failed ones sooner.
            m_unavailable[key] = now + (t.status == map::FetchStatus::Missing ? 600.0 : 20.0);
            continue;
        }
        if (m_pool.find(key) >= 0)
            continue;
        const int slot = slotFor(key);
        if (slot < 0)
            continue;
        // The tile with a border that repeats its edge pixels: scaled drawing (linear
        // filter) never blends in a neighbouring cell. One buffer for the layer's life (this
        // runs every frame; no allocation when nothing arrives).
        std::vector<std::uint8_t>& cell = m_cellBuffer;
        cell.resize(static_cast<std::size_t>(kCell) * kCell * 4);
        for (int y = 0; y < kCell; ++y)
        {
            const int sy = std::clamp(y - 1, 0, 255);
            std::uint8_t* row = &cell[static_cast<std::size_t>(y) * kCell * 4];
            std::memcpy(row + 4, &t.rgba[static_cast<std::size_t>(sy) * 256 * 4], 256 * 4);
            std::memcpy(row, row + 4, 4);
            std::memcpy(row + 257 * 4, row + 256 * 4, 4);
        }
        const int c = slot % kCellsPerAtlas;
        glBindTexture(GL_TEXTURE_2D, m_atlases[static_cast<std::size_t>(slot / kCellsPerAtlas)].texture);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexSubImage2D(GL_TEXTURE_2D, 0, (c % kCellsPerRow) * kCell, (c / kCellsPerRow) * kCell, kCell, kCell, GL_RGBA, GL_UNSIGNED_BYTE,
                        cell.data());
        m_unavailable.erase(key);
        ++n;
    }
    // Bounded over months of panning: forget the retry times that have passed.
    if (m_unavailable.size() > 4096)
        for (auto it = m_unavailable.begin(); it != m_unavailable.end();)
            it = it->second <= now ? m_unavailable.erase(it) : std::next(it);
    return n;
}

TileDrawStats TileLayer::draw(ImDrawList* dl, const map::MapView& view, map::TileLoader& loader, double now,
                              const std::optional<std::array<double, 4>>& region, bool moving)
{
    ++m_frame;
    const map::TileSources& src = loader.sources();
    auto find = [&](const map::TileId& t) { return m_pool.find(map::tileKey(t)); };
    auto available = [&](const map::TileId& t)
    {
        auto it = m_unavailable.find(map::tileKey(t));
        return it == m_unavailable.end() || it->second <= now;
    };
    const map::TilePlan plan = map::planTiles(
        view, src.minZoom, src.maxZoom, [&](const map::TileId& t) { return find(t) >= 0; }, available);

    // Grouped by atlas: consecutive images from one texture are one draw call. Tiles never
    // overlap, so their order does not matter.
    std::vector<std::pair<int, const map::TileDraw*>> draws;
    draws.reserve(plan.draws.size());
    for (const map::TileDraw& d : plan.draws)
        draws.emplace_back(find(d.texture), &d);
    std::stable_sort(draws.begin(), draws.end(),
                     [](const auto& a, const auto& b) { return a.first / kCellsPerAtlas < b.first / kCellsPerAtlas; });
    // Nearest filter when every tile from an atlas is drawn 1:1 (panning at a whole zoom
    // level) or while the map moves (a zoom animation: nobody sees the difference in
    // motion): a software renderer does much less work. Linear for a still, scaled view.
    std::vector<char> linear(m_atlases.size(), 0);
    for (const auto& [slot, d] : draws)
        linear[static_cast<std::size_t>(slot / kCellsPerAtlas)] |= d->exact || moving ? 0 : 1;
    for (std::size_t a = 0; a < m_atlases.size(); ++a)
        if (m_atlases[a].linear != (linear[a] != 0))
        {
            glBindTexture(GL_TEXTURE_2D, m_atlases[a].texture);
            const GLint f = linear[a] ? GL_LINEAR : GL_NEAREST;
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, f);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, f);
            m_atlases[a].linear = linear[a] != 0;
        }
    // Tiles are opaque: drawn without blending (no read-back of every pixel); ImGui's reset
    // callback restores its state afterwards.
    if (!draws.empty())
        dl->AddCallback([](const ImDrawList*, const ImDrawCmd*) { glDisable(GL_BLEND); }, nullptr);
    for (const auto& [slot, d] : draws)
    {
        m_pool.touch(slot, m_frame);
        const int c = slot % kCellsPerAtlas;
        const float x0 = static_cast<float>((c % kCellsPerRow) * kCell + 1), y0 = static_cast<float>((c / kCellsPerRow) * kCell + 1);
        const float k = 1.0f / kAtlas;
        const ImVec2 uv0((x0 + d->uv.u0 * 256) * k, (y0 + d->uv.v0 * 256) * k), uv1((x0 + d->uv.u1 * 256) * k, (y0 + d->uv.v1 * 256) * k);
        const ImTextureID tex =
            reinterpret_cast<ImTextureID>(static_cast<intptr_t>(m_atlases[static_cast<std::size_t>(slot / kCellsPerAtlas)].texture));
        dl->AddImage(tex, ImVec2(d->rect.x0, d->rect.y0), ImVec2(d->rect.x1, d->rect.y1), uv0, uv1);
    }
    if (!draws.empty())
        dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
    TileDrawStats stats{plan.positions, plan.exact, plan.standIns, plan.uncovered, plan.uncoveredRects};

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
                        m_pool.pin(slot);
                    else if (available(t) && std::find(order.begin(), order.end(), t) == order.end())
                        order.push_back(t);
                }
        }
    // Asked again when the loader has gone idle with tiles still wanted: a decoded tile can
    // be dropped (the ready pile is bounded during a long fly-to), and a view that no longer
    // changes would otherwise keep a coarser stand-in at an edge for good.
    if (order != m_lastWanted || (!plan.wanted.empty() && !loader.busy()))
    {
        loader.want(order);
        m_lastWanted = order;
    }
    return stats;
}

}  // namespace mint::ui
