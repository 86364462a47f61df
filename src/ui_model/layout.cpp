// Layout maths; see layout.hpp.
#include "layout.hpp"

#include <algorithm>
#include <cmath>

namespace mint::ui
{

ScreenLayout computeLayout(int width, int height, float textScale)
{
    ScreenLayout l;
    l.width = width;
    l.height = height;
    l.portrait = height > width;
    // 1080 px short side -> 30 px body text; clamped for tiny and huge screens.
    const float shortSide = static_cast<float>(std::min(width, height));
    l.fontPx = std::clamp(shortSide / 36.0f, 16.0f, 48.0f) * textScale;
    l.margin = l.fontPx;
    l.gap = l.fontPx * 0.75f;
    l.touchMin = std::max(80.0f * shortSide / 1080.0f, l.fontPx * 2.4f);
    // The header's buttons (Zurück, Start) are at least the minimum touch size.
    l.headerHeight = std::max(l.fontPx * 3.2f, l.touchMin + l.fontPx * 0.8f);
    const float usable = static_cast<float>(width) - 2 * l.margin;
    if (l.portrait)
        l.columns = 1;
    else
        l.columns = std::clamp(static_cast<int>((usable + l.gap) / (l.fontPx * 15.0f + l.gap)), 2, 4);
    l.cardWidth = (usable - l.gap * static_cast<float>(l.columns - 1)) / static_cast<float>(l.columns);
    // Landscape cards: picture on top; portrait list rows: picture on the left.
    l.cardHeight = l.portrait ? l.fontPx * 7.5f : l.cardWidth * 0.42f + l.fontPx * 5.6f;
    return l;
}

float gridContentHeight(const ScreenLayout& l, int count)
{
    const int rows = (count + l.columns - 1) / l.columns;
    return rows <= 0 ? 0.0f : static_cast<float>(rows) * (l.cardHeight + l.gap) - l.gap;
}

MapScreenLayout mapScreenLayout(const ScreenLayout& l, bool lowReach, std::size_t listed)
{
    MapScreenLayout m;
    const float W = static_cast<float>(l.width), H = static_cast<float>(l.height), f = l.fontPx;
    m.top = l.headerHeight;
    m.bottom = lowReach ? H - l.headerHeight : H;  // the navigation bar is as high as the header
    m.cardWidth = std::min(W - 2 * l.margin, f * 26);
    m.listRowH = std::max(l.touchMin, f * 2.6f);
    m.listHeadH = f * 2.4f;
    m.listRows = std::min<std::size_t>(l.portrait ? 6 : 4, listed);
    const float listH = m.listHeadH + m.listRowH * static_cast<float>(m.listRows) + f * 0.6f;
    m.panelX0 = (W - m.cardWidth) * 0.5f;
    m.panelX1 = (W + m.cardWidth) * 0.5f;
    m.panelY1 = m.bottom - l.margin * 2.2f;
    m.panelY0 = m.panelY1 - listH;
    m.rowsY1 = m.panelY0 + m.listHeadH + m.listRowH * static_cast<float>(m.listRows);
    return m;
}

}  // namespace mint::ui
