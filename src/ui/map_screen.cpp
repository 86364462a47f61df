// The map screen (first version, without tiles): the app draws a clean fallback map —
// region outline and grid, place names, offer markers for the current filters (grouped
// where they overlap), "you are here" — with drag to pan, big + and − buttons, and a card
// for a tapped marker. Tiles, inertia and fly-to come with the map issue.
#include "draw_layers.hpp"
#include "screens.hpp"
#include "widgets.hpp"

#include <cmath>
#include <cstdio>

namespace mint::ui {

namespace {

void drawPin(ImDrawList* dl, ImVec2 tip, float size, ImU32 fill, ImU32 ring)
{
    const ImVec2 head(tip.x, tip.y - size * 1.25f);
    dl->AddTriangleFilled(ImVec2(tip.x - size * 0.62f, head.y + size * 0.3f), ImVec2(tip.x + size * 0.62f, head.y + size * 0.3f), tip, fill);
    dl->AddCircleFilled(head, size * 0.75f, fill, 24);
    dl->AddCircleFilled(head, size * 0.3f, ring, 16);
}

}  // namespace

void drawMap(const UiContext& c, const MapScreenView& v)
{
    const auto& L = c.layout;
    const float W = static_cast<float>(L.width), H = static_cast<float>(L.height);
    const float f = L.fontPx;
    map::MapView& view = *v.view;
    const float top = L.headerHeight;
    const float bottom = c.lowReach ? H - navBarHeight(c) : H;
    view.originX = 0;
    view.originY = top;
    view.widthPx = W;
    view.heightPx = bottom - top;
    const Rect area{ImVec2(0, top), ImVec2(W, bottom)};
    pauseLayers(c.dl);  // labels, markers and counts overlap in any order: plain drawing order

    // Drag to pan (a swipe; a tap selects a marker).
    const TouchInput& t = *c.touch;
    if (t.down() && t.swiped() && area.contains(t.pressPos()))
    {
        const ImVec2 d = ImGui::GetIO().MouseDelta;
        view.panBy(d.x, d.y);
    }
    if (v.bbox)
        view.clampCenter((*v.bbox)[0], (*v.bbox)[1], (*v.bbox)[2], (*v.bbox)[3]);

    c.dl->PushClipRect(area.min, area.max, true);
    c.dl->AddRectFilled(area.min, area.max, c.highContrast ? IM_COL32(20, 20, 20, 255) : IM_COL32(236, 240, 228, 255));
    // Grid every 0.1° (0.02° when close): orientation without tiles.
    const double step = view.zoom >= 12 ? 0.02 : 0.1;
    double lat0 = 0, lon0 = 0, lat1 = 0, lon1 = 0;
    view.toLatLon(area.min.x, area.max.y, lat0, lon0);
    view.toLatLon(area.max.x, area.min.y, lat1, lon1);
    const ImU32 grid = c.highContrast ? IM_COL32(80, 80, 80, 255) : IM_COL32(214, 220, 206, 255);
    for (double lon = std::floor(lon0 / step) * step; lon <= lon1; lon += step)
    {
        double x = 0, y = 0;
        view.toScreen(lat0, lon, x, y);
        c.dl->AddLine(ImVec2(static_cast<float>(x), area.min.y), ImVec2(static_cast<float>(x), area.max.y), grid, 1.0f);
    }
    for (double lat = std::floor(lat0 / step) * step; lat <= lat1; lat += step)
    {
        double x = 0, y = 0;
        view.toScreen(lat, lon0, x, y);
        c.dl->AddLine(ImVec2(area.min.x, static_cast<float>(y)), ImVec2(area.max.x, static_cast<float>(y)), grid, 1.0f);
    }
    if (v.bbox)
    {
        double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        view.toScreen((*v.bbox)[3], (*v.bbox)[0], x0, y0);
        view.toScreen((*v.bbox)[1], (*v.bbox)[2], x1, y1);
        c.dl->AddRect(ImVec2(static_cast<float>(x0), static_cast<float>(y0)), ImVec2(static_cast<float>(x1), static_cast<float>(y1)),
                      c.highContrast ? IM_COL32(255, 255, 0, 255) : IM_COL32(120, 140, 110, 255), 0, 0, 3.0f);
    }
    // Places: a dot, and the name when there is room.
    for (const auto& p : c.catalog->places)
    {
        if (!p.geo)
            continue;
        double x = 0, y = 0;
        view.toScreen(p.geo->lat, p.geo->lon, x, y);
        const ImVec2 at(static_cast<float>(x), static_cast<float>(y));
        if (!area.contains(at))
            continue;
        c.dl->AddCircleFilled(at, f * 0.18f, c.th->textMuted, 12);
        if (view.zoom >= 11)
            drawText(c.dl, c.fonts->regular, f * 0.6f, ImVec2(at.x + f * 0.3f, at.y - f * 0.35f), c.th->textMuted,
                     std::string(c.text(p.name)) + (p.address.locality.empty() ? "" : ", " + std::string(p.address.locality)));
    }

    // Offer markers, grouped where they would overlap on screen.
    struct Group
    {
        ImVec2 at;
        std::vector<std::uint32_t> offers;
        bool selected = false;
    };
    std::vector<Group> groups;
    const float radius = f * 1.1f;
    for (const auto& item : v.result->items)
    {
        const catalog::Offer& o = c.catalog->offers[item.offer];
        const catalog::Place* p = c.catalog->placeOf(o);
        if (!p || !p->geo)
            continue;
        double x = 0, y = 0;
        view.toScreen(p->geo->lat, p->geo->lon, x, y);
        const ImVec2 at(static_cast<float>(x), static_cast<float>(y));
        Group* g = nullptr;
        for (auto& existing : groups)
            if (std::fabs(existing.at.x - at.x) < radius && std::fabs(existing.at.y - at.y) < radius)
                g = &existing;
        if (!g)
        {
            groups.push_back(Group{at, {}, false});
            g = &groups.back();
        }
        g->offers.push_back(item.offer);
        g->selected = g->selected || o.id == v.selected;
    }
    for (const auto& g : groups)
    {
        if (!area.contains(g.at))
            continue;
        const catalog::Offer& first = c.catalog->offers[g.offers.front()];
        const std::string subject = first.subjects.empty() ? "" : std::string(first.subjects.front());
        const float size = f * (g.selected ? 1.0f : 0.7f);
        drawPin(c.dl, g.at, size, g.offers.size() > 1 ? c.th->accent : subjectColor(subject, c.highContrast), IM_COL32_WHITE);
        const ImVec2 head(g.at.x, g.at.y - size * 1.25f);
        if (g.offers.size() > 1)
        {
            const std::string n = std::to_string(g.offers.size());
            const ImVec2 ns = textSize(c.fonts->bold, f * 0.55f, n);
            c.dl->AddCircleFilled(head, size * 0.55f, IM_COL32_WHITE, 16);
            drawText(c.dl, c.fonts->bold, f * 0.55f, ImVec2(head.x - ns.x * 0.5f, head.y - ns.y * 0.5f), c.th->text, n);
        }
        // A touch target of at least the minimum size around the pin.
        const float half = std::max(L.touchMin * 0.5f, size);
        const Rect hit{ImVec2(head.x - half, head.y - half), ImVec2(head.x + half, head.y + half)};
        c.hits->add("marker." + std::string(first.id), hit);
        if (c.touch->tapped(hit))
        {
            if (g.offers.size() > 1 && view.zoom < v.maxZoom)
                c.emit(IntentKind::MapZoomAt, 2, std::to_string(static_cast<int>(g.at.x)) + " " + std::to_string(static_cast<int>(g.at.y)));
            else
                c.emit(IntentKind::MapSelect, 0, std::string(first.id));
            c.touch->consume();
        }
    }
    // You are here.
    if (v.kiosk)
    {
        double x = 0, y = 0;
        view.toScreen(v.kiosk->lat, v.kiosk->lon, x, y);
        const ImVec2 at(static_cast<float>(x), static_cast<float>(y));
        c.dl->AddCircleFilled(at, f * 0.75f, IM_COL32(30, 110, 230, 60), 24);
        c.dl->AddCircleFilled(at, f * 0.38f, IM_COL32_WHITE, 20);
        c.dl->AddCircleFilled(at, f * 0.28f, IM_COL32(30, 110, 230, 255), 20);
        const std::string here = c.t("map.you_are_here");
        const ImVec2 hs = textSize(c.fonts->bold, f * 0.7f, here);
        c.dl->AddRectFilled(ImVec2(at.x - hs.x * 0.5f - f * 0.3f, at.y + f * 0.6f), ImVec2(at.x + hs.x * 0.5f + f * 0.3f, at.y + f * 0.8f + hs.y),
                            c.th->surface, f * 0.25f);
        drawText(c.dl, c.fonts->bold, f * 0.7f, ImVec2(at.x - hs.x * 0.5f, at.y + f * 0.7f), c.th->text, here);
    }
    c.dl->PopClipRect();

    // Attribution: always visible.
    {
        const std::string att = v.attribution.empty() ? c.t("map.fallback_attribution") : v.attribution;
        const ImVec2 as = textSize(c.fonts->regular, f * 0.55f, att);
        c.dl->AddRectFilled(ImVec2(W - as.x - f * 0.8f, bottom - as.y - f * 0.4f), ImVec2(W, bottom), IM_COL32(255, 255, 255, 220));
        drawText(c.dl, c.fonts->regular, f * 0.55f, ImVec2(W - as.x - f * 0.4f, bottom - as.y - f * 0.2f), IM_COL32(40, 40, 40, 255), att);
    }
    // Zoom buttons.
    const float bs = std::max(L.touchMin, f * 2.4f);
    const float bx = W - L.margin - bs;
    const float by = c.lowReach ? bottom - L.margin * 2 - bs * 2 - L.gap : top + L.margin;
    if (bigButton(c, "map.zoom_in", Rect{ImVec2(bx, by), ImVec2(bx + bs, by + bs)}, "+", c.th->surface, c.th->text, Icon::None, view.zoom < v.maxZoom))
        c.emit(IntentKind::MapZoomAt, 1, std::to_string(static_cast<int>(W / 2)) + " " + std::to_string(static_cast<int>((top + bottom) / 2)));
    if (bigButton(c, "map.zoom_out", Rect{ImVec2(bx, by + bs + L.gap), ImVec2(bx + bs, by + 2 * bs + L.gap)}, "\xE2\x80\x93", c.th->surface,
                  c.th->text, Icon::None, view.zoom > v.minZoom))
        c.emit(IntentKind::MapZoomAt, -1, std::to_string(static_cast<int>(W / 2)) + " " + std::to_string(static_cast<int>((top + bottom) / 2)));

    // The card of the selected offer.
    if (!v.selected.empty())
        if (const catalog::Offer* o = c.catalog->findOffer(v.selected))
        {
            const float ch = f * 3.6f;
            const float cw = std::min(W - 2 * L.margin, f * 26);
            const Rect card{ImVec2((W - cw) * 0.5f, bottom - L.margin * 2.2f - ch), ImVec2((W + cw) * 0.5f, bottom - L.margin * 2.2f)};
            c.hits->add("map.popup", card);
            drawShadow(c.dl, card, f * 0.4f, c.th->shadow);
            c.dl->AddRectFilled(card.min, card.max, c.touch->pressing(card) ? c.th->surfacePressed : c.th->surface, f * 0.4f);
            drawText(c.dl, c.fonts->bold, f * 0.95f, ImVec2(card.min.x + f * 0.7f, card.min.y + f * 0.5f), c.th->text,
                     ellipsize(c.fonts->bold, f * 0.95f, c.text(o->title), cw - f * 1.4f));
            std::string where;
            if (const catalog::Place* p = c.catalog->placeOf(*o))
                where = std::string(c.text(p->name));
            drawText(c.dl, c.fonts->regular, f * 0.75f, ImVec2(card.min.x + f * 0.7f, card.min.y + f * 1.9f), c.th->textMuted,
                     ellipsize(c.fonts->regular, f * 0.75f, where, cw - f * 1.4f));
            if (c.touch->tapped(card))
            {
                c.emit(IntentKind::OpenOffer, 0, v.selected);
                c.touch->consume();
            }
        }
    drawHeader(c, c.t("map.title"), "", true, true);
}

}  // namespace mint::ui
