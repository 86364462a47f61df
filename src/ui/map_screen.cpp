// The map screen: raster tiles (offline package or online source) over a fallback map the
// app draws itself (region outline, grid, place names), so it is never a blank rectangle;
// offer markers for the current filters, clustered where they would overlap; "you are
// here"; drag with inertia, double tap, big + and − buttons, animated zoom and fly-to; a
// card for a tapped marker and a list for a cluster that cannot split.
#include "draw_layers.hpp"
#include "screens.hpp"
#include "widgets.hpp"

#include "map/cluster.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

namespace mint::ui
{

namespace
{

void drawPin(ImDrawList* dl, ImVec2 tip, float size, ImU32 fill, ImU32 ring)
{
    const ImVec2 head(tip.x, tip.y - size * 1.25f);
    dl->AddTriangleFilled(ImVec2(tip.x - size * 0.62f, head.y + size * 0.3f), ImVec2(tip.x + size * 0.62f, head.y + size * 0.3f), tip,
                          fill);
    dl->AddCircleFilled(head, size * 0.75f, fill, 24);
    dl->AddCircleFilled(head, size * 0.3f, ring, 16);
}

ImVec2 screenOf(const map::MapView& v, double lat, double lon)
{
    double x = 0, y = 0;
    v.toScreen(lat, lon, x, y);
    return ImVec2(static_cast<float>(x), static_cast<float>(y));
}

/// The app's own map: background, a grid every 0.1° (0.02° when close), the region's
/// outline, and the catalogue's places when there are no tiles to name them.
void drawFallback(const UiContext& c, const map::MapView& view, const Rect& area, const MapScreenView& v, bool places)
{
    const float f = c.layout.fontPx;
    c.dl->AddRectFilled(area.min, area.max, c.highContrast ? IM_COL32(20, 20, 20, 255) : IM_COL32(236, 240, 228, 255));
    const double step = view.zoom >= 12 ? 0.02 : 0.1;
    double lat0 = 0, lon0 = 0, lat1 = 0, lon1 = 0;
    view.toLatLon(area.min.x, area.max.y, lat0, lon0);
    view.toLatLon(area.max.x, area.min.y, lat1, lon1);
    const ImU32 grid = c.highContrast ? IM_COL32(80, 80, 80, 255) : IM_COL32(214, 220, 206, 255);
    for (double lon = std::floor(lon0 / step) * step; lon <= lon1; lon += step)
    {
        const float x = screenOf(view, lat0, lon).x;
        c.dl->AddLine(ImVec2(x, area.min.y), ImVec2(x, area.max.y), grid, 1.0f);
    }
    for (double lat = std::floor(lat0 / step) * step; lat <= lat1; lat += step)
    {
        const float y = screenOf(view, lat, lon0).y;
        c.dl->AddLine(ImVec2(area.min.x, y), ImVec2(area.max.x, y), grid, 1.0f);
    }
    if (v.bbox)
        c.dl->AddRect(screenOf(view, (*v.bbox)[3], (*v.bbox)[0]), screenOf(view, (*v.bbox)[1], (*v.bbox)[2]),
                      c.highContrast ? IM_COL32(255, 255, 0, 255) : IM_COL32(120, 140, 110, 255), 0, 0, 3.0f);
    if (!places)
        return;
    std::vector<Rect> labels;  // a name that would overlap one already drawn is left out
    for (const auto& p : c.catalog->places)
    {
        if (!p.geo)
            continue;
        const ImVec2 at = screenOf(view, p.geo->lat, p.geo->lon);
        if (!area.contains(at))
            continue;
        c.dl->AddCircleFilled(at, f * 0.18f, c.th->textMuted, 12);
        if (view.zoom < 11)
            continue;
        const std::string name = std::string(c.text(p.name)) + (p.address.locality.empty() ? "" : ", " + std::string(p.address.locality));
        const ImVec2 pos(at.x + f * 1.3f, at.y - f * 0.35f);
        const ImVec2 size = textSize(c.fonts->regular, f * 0.6f, name);
        const Rect box{ImVec2(pos.x - f * 0.2f, pos.y - f * 0.1f), ImVec2(pos.x + size.x + f * 0.2f, pos.y + size.y + f * 0.1f)};
        bool free = true;
        for (const Rect& other : labels)
            free = free && (box.max.x < other.min.x || box.min.x > other.max.x || box.max.y < other.min.y || box.min.y > other.max.y);
        if (!free)
            continue;
        labels.push_back(box);
        drawText(c.dl, c.fonts->regular, f * 0.6f, pos, c.th->textMuted, name);
    }
}

}  // namespace

TileDrawStats drawMap(const UiContext& c, const MapScreenView& v)
{
    const auto& L = c.layout;
    const float W = static_cast<float>(L.width);
    const float f = L.fontPx;
    const map::MapInteraction& s = *v.state;
    const map::MapView& view = s.view;
    const MapScreenLayout ml = mapScreenLayout(L, c.lowReach, s.listed.size());
    const float top = ml.top, bottom = ml.bottom, cw = ml.cardWidth;
    const Rect area{ImVec2(0, top), ImVec2(W, bottom)};
    pauseLayers(c.dl);  // tiles, labels, markers and counts overlap in any order: plain drawing order
    // The list of offers at one place: a panel over the map's lower part, its rows scroll.
    const float listRowH = ml.listRowH, listHeadH = ml.listHeadH;
    const Rect panel{ImVec2(ml.panelX0, ml.panelY0), ImVec2(ml.panelX1, ml.panelY1)};
    const Rect listRowsArea{ImVec2(panel.min.x, panel.min.y + listHeadH), ImVec2(panel.max.x, ml.rowsY1)};
    const bool listOpen = !s.listed.empty();
    const TouchInput& t = *c.touch;
    const bool onList = listOpen && panel.contains(t.pressPos());
    if (listOpen)
        handleScroll(c, *v.listScroller, listRowsArea);
    TileDrawStats tiles;

    c.dl->PushClipRect(area.min, area.max, true);
    if (TextRecorder* rec = textRecorder())
        rec->tag = "map";  // place names and labels on the map canvas go under the markers by design
    const bool haveTiles = v.tiles && v.loader && v.loader->sources().any();
    // Without tiles: the app's own map. With tiles: the fallback only where a tile position
    // has nothing to show yet (outside the package, still loading): a software renderer
    // pays for every pixel drawn twice.
    if (!haveTiles)
        drawFallback(c, view, area, v, true);
    else
    {
        tiles = v.tiles->draw(c.dl, view, *v.loader, c.nowS, v.bbox, s.moving());
        for (const map::ScreenRect& r : tiles.uncoveredRects)
        {
            const Rect part{ImVec2(std::max(area.min.x, r.x0), std::max(area.min.y, r.y0)),
                            ImVec2(std::min(area.max.x, r.x1), std::min(area.max.y, r.y1))};
            if (part.width() <= 0 || part.height() <= 0)
                continue;
            c.dl->PushClipRect(part.min, part.max, true);
            drawFallback(c, view, part, v, false);
            c.dl->PopClipRect();
        }
    }

    // You are here: the dot under the markers (an offer at the kiosk's own place stays
    // tappable); its label is drawn after them, where no marker is.
    std::optional<ImVec2> here;
    if (v.kiosk)
    {
        const ImVec2 at = screenOf(view, v.kiosk->lat, v.kiosk->lon);
        c.dl->AddCircleFilled(at, f * 0.75f, IM_COL32(30, 110, 230, 60), 24);
        c.dl->AddCircleFilled(at, f * 0.38f, IM_COL32_WHITE, 20);
        c.dl->AddCircleFilled(at, f * 0.28f, IM_COL32(30, 110, 230, 255), 20);
        here = at;
    }
    std::vector<Rect> markerRects;
    // Offer markers for the current filters, clustered where they would overlap (by the
    // app's map interaction, at the zoom shown).
    const auto& clusters = s.clusters();
    for (std::size_t index = 0; index < clusters.size(); ++index)
    {
        const map::Cluster& cl = clusters[index];
        const ImVec2 at = screenOf(view, cl.lat, cl.lon);
        if (!area.contains(at))
            continue;
        const catalog::Offer& first = c.catalog->offers[cl.members.front()];
        const bool many = cl.members.size() > 1;
        bool selected = false;
        for (std::uint32_t m : cl.members)
            selected = selected || c.catalog->offers[m].id == s.selected;
        const float size = f * (selected ? 1.0f : 0.75f);
        const std::string subject = first.subjects.empty() ? "" : std::string(first.subjects.front());
        const ImVec2 head(at.x, at.y - size * 1.25f);
        if (many)
        {
            // A cluster: a round badge with the count.
            const std::string n = std::to_string(cl.members.size());
            const float r = f * (0.8f + 0.12f * std::min(4.0f, std::log10(static_cast<float>(cl.members.size())) * 2));
            // The ring sets the badge off any map: white, or black and wider with high contrast.
            c.dl->AddCircleFilled(at, r + f * (c.highContrast ? 0.25f : 0.15f), c.highContrast ? IM_COL32_BLACK : IM_COL32_WHITE, 32);
            c.dl->AddCircleFilled(at, r, c.th->accent, 32);
            const ImVec2 ns = textSize(c.fonts->bold, f * 0.75f, n);
            drawText(c.dl, c.fonts->bold, f * 0.75f, ImVec2(at.x - ns.x * 0.5f, at.y - ns.y * 0.5f), c.th->textOnAccent, n);
        }
        else
        {
            if (c.highContrast)  // a dark outline around the pin's head
                c.dl->AddCircleFilled(ImVec2(at.x, at.y - size * 1.25f), size * 0.75f + f * 0.12f, IM_COL32_BLACK, 24);
            drawPin(c.dl, at, size, subjectColor(subject, c.highContrast), subjectInkColor(subject, c.highContrast));
        }
        // A touch target of at least the minimum size.
        const ImVec2 centre = many ? at : head;
        const float half = std::max(L.touchMin * 0.5f, size);
        const Rect hit = c.hitTarget((many ? "cluster." : "marker.") + std::string(first.id),
                                     Rect{ImVec2(centre.x - half, centre.y - half), ImVec2(centre.x + half, centre.y + half)});
        markerRects.push_back(hit);
        if (c.touch->tapped(hit))
        {
            c.touch->consume();
            if (many)
                c.emit(IntentKind::MapTapCluster, static_cast<int>(index));
            else
                c.emit(IntentKind::MapTapMarker, 0, std::string(first.id));
        }
    }
    if (here)
    {
        // Below the dot, else above, right or left of it: the first place no marker covers.
        const std::string label = c.t("map.you_are_here");
        const ImVec2 hs = textSize(c.fonts->bold, f * 0.7f, label);
        const float bw = hs.x + f * 0.6f, bh = hs.y + f * 0.2f;
        const ImVec2 at = *here;
        const float d = std::max(f * 0.6f, L.touchMin * 0.55f);  // clear of a marker's touch target there
        const ImVec2 spots[] = {ImVec2(at.x - bw * 0.5f, at.y + f * 0.6f), ImVec2(at.x - bw * 0.5f, at.y + d),
                                ImVec2(at.x - bw * 0.5f, at.y - d - bh), ImVec2(at.x + d, at.y - bh * 0.5f),
                                ImVec2(at.x - d - bw, at.y - bh * 0.5f)};
        Rect box{spots[0], ImVec2(spots[0].x + bw, spots[0].y + bh)};
        for (const ImVec2& spot : spots)
        {
            const Rect candidate{spot, ImVec2(spot.x + bw, spot.y + bh)};
            const bool free = std::none_of(markerRects.begin(), markerRects.end(),
                                           [&](const Rect& m) {
                                               return candidate.max.x > m.min.x && candidate.min.x < m.max.x && candidate.max.y > m.min.y &&
                                                      candidate.min.y < m.max.y;
                                           });
            if (free)
            {
                box = candidate;
                break;
            }
        }
        c.dl->AddRectFilled(box.min, box.max, c.th->surface, f * 0.25f);
        drawText(c.dl, c.fonts->bold, f * 0.7f, ImVec2(box.min.x + f * 0.3f, box.min.y + f * 0.1f), c.th->text, label);
        c.hits->add("map.you_are_here", box);
    }
    c.dl->PopClipRect();
    if (TextRecorder* rec = textRecorder())
        rec->tag.clear();

    // Attribution: always visible, never covered.
    {
        const std::string att = v.attribution.empty() ? c.t("map.fallback_attribution") : v.attribution;
        const float as = f * 0.55f;
        const std::string text = ellipsize(c.fonts->regular, as, att, W - f);
        const ImVec2 ts = textSize(c.fonts->regular, as, text);
        c.dl->AddRectFilled(ImVec2(W - ts.x - f * 0.8f, bottom - ts.y - f * 0.4f), ImVec2(W, bottom), IM_COL32(255, 255, 255, 220));
        drawText(c.dl, c.fonts->regular, as, ImVec2(W - ts.x - f * 0.4f, bottom - ts.y - f * 0.2f), IM_COL32(40, 40, 40, 255), text);
    }
    // Zoom buttons (animated, around the centre).
    const float bs = std::max(L.touchMin, f * 2.4f);
    const float bx = W - L.margin - bs;
    // In the lower part where hands reach (portrait steles, low reach); the third button
    // brings the map back to where it started (the kiosk's place, else the region).
    const bool low = c.lowReach || L.portrait;
    const float by = low ? bottom - L.margin * 2 - bs * 3 - L.gap * 2 : top + L.margin;
    const double target = s.zoomTarget();
    if (bigButton(c, "map.zoom_in", Rect{ImVec2(bx, by), ImVec2(bx + bs, by + bs)}, "", c.th->surface, c.th->text, Icon::Plus,
                  target < v.maxZoom))
        c.emit(IntentKind::MapZoomIn);
    if (bigButton(c, "map.zoom_out", Rect{ImVec2(bx, by + bs + L.gap), ImVec2(bx + bs, by + 2 * bs + L.gap)}, "", c.th->surface, c.th->text,
                  Icon::Minus, target > v.minZoom))
        c.emit(IntentKind::MapZoomOut);
    if (bigButton(c, "map.start_view", Rect{ImVec2(bx, by + 2 * (bs + L.gap)), ImVec2(bx + bs, by + 3 * bs + 2 * L.gap)}, "", c.th->surface,
                  c.th->text, Icon::Locate))
        c.emit(IntentKind::MapStartView);

    // The card of the selected offer, or the list of a cluster that cannot split.
    if (!s.selected.empty())
        if (const catalog::Offer* o = c.catalog->findOffer(s.selected))
        {
            const float ch = f * 3.6f;
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
                c.emit(IntentKind::OpenOffer, 0, s.selected);
                c.touch->consume();
            }
        }
    if (listOpen)
    {
        c.hits->add("map.list", panel);
        drawShadow(c.dl, panel, f * 0.4f, c.th->shadow);
        c.dl->AddRectFilled(panel.min, panel.max, c.th->surface, f * 0.4f);
        const std::string title = c.tr->format("map.list_title", {{"n", std::to_string(s.listed.size())}});
        drawText(c.dl, c.fonts->bold, f * 0.95f, ImVec2(panel.min.x + f * 0.7f, panel.min.y + f * 0.6f), c.th->text,
                 ellipsize(c.fonts->bold, f * 0.95f, title, cw - f * 7));
        const Rect close{ImVec2(panel.max.x - f * 5.5f, panel.min.y + f * 0.3f),
                         ImVec2(panel.max.x - f * 0.3f, panel.min.y + listHeadH - f * 0.2f)};
        if (bigButton(c, "map.list_close", close, c.t("map.close"), c.th->chip, c.th->chipText))
            c.emit(IntentKind::MapCloseList);
        // Every offer at the place is reachable: the rows scroll (kinetic, like the list of
        // results); only rows in view are drawn and can be tapped.
        const float contentH = listRowH * static_cast<float>(s.listed.size());
        v.listScroller->setRange(std::max(0.0f, contentH - listRowsArea.height()));
        const float offset = v.listScroller->offset();
        c.dl->PushClipRect(listRowsArea.min, listRowsArea.max, true);
        const std::size_t first = static_cast<std::size_t>(std::max(0.0f, offset / listRowH));
        for (std::size_t i = first; i < s.listed.size(); ++i)
        {
            const float y = listRowsArea.min.y + listRowH * static_cast<float>(i) - offset;
            if (y >= listRowsArea.max.y)
                break;
            const catalog::Offer& o = c.catalog->offers[s.listed[i]];
            const Rect row{ImVec2(panel.min.x + f * 0.3f, y), ImVec2(panel.max.x - f * 0.3f, y + listRowH)};
            // Scripts tap the visible part of a row (its target is cut to the list's area).
            const Rect visible{ImVec2(row.min.x, std::max(row.min.y, listRowsArea.min.y)),
                               ImVec2(row.max.x, std::min(row.max.y, listRowsArea.max.y))};
            if (visible.height() < listRowH * 0.5f)
                continue;
            const std::string id = "map.list." + std::string(o.id);
            c.hits->add(id, visible, visible.height() < row.height());
            if (c.touch->pressing(visible) && !v.listScroller->swiping())
                c.dl->AddRectFilled(row.min, row.max, c.th->surfacePressed, f * 0.3f);
            const std::string subject = o.subjects.empty() ? "" : std::string(o.subjects.front());
            c.dl->AddRectFilled(ImVec2(row.min.x + f * 0.3f, row.min.y + f * 0.4f), ImVec2(row.min.x + f * 0.55f, row.max.y - f * 0.4f),
                                subjectColor(subject, c.highContrast), f * 0.1f);
            drawText(c.dl, c.fonts->bold, f * 0.85f, ImVec2(row.min.x + f * 0.9f, row.min.y + (listRowH - f * 0.85f * 1.2f) * 0.5f),
                     c.th->text, ellipsize(c.fonts->bold, f * 0.85f, c.text(o.title), row.width() - f * 2.2f));
            if (c.touch->tapped(visible))
            {
                c.emit(IntentKind::OpenOffer, 0, std::string(o.id));
                c.touch->consume();
            }
        }
        c.dl->PopClipRect();
        drawScrollHint(c, *v.listScroller, listRowsArea, contentH);
        if (onList)
            c.touch->consume();  // a swipe on the list is the list's, not a tap on the map
    }
    // A tap on the map itself (after the buttons, card and list took theirs): closes a card
    // or list; twice quickly zooms in around the finger.
    if (!c.touch->consumed() && c.touch->tapped(area))
    {
        c.intents->push_back(Intent{IntentKind::MapTapEmpty, 0, {}, t.pos().x, t.pos().y});
    }
    drawHeader(c, c.t("map.title"), "", true, true);
    return tiles;
}

}  // namespace mint::ui
