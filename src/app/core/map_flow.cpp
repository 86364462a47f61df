// The map screen's part of the session; see map_flow.hpp.
#include "map_flow.hpp"

#include <algorithm>

namespace mint::app
{

map::MapLimits mapLimits(const config::KioskConfig& config, const catalog::Catalog* catalog)
{
    map::MapLimits l;
    l.minZoom = config.map.minZoom;
    l.maxZoom = config.map.maxZoom;
    if (catalog)
        l.bbox = catalog->region.bbox;
    // The kiosk's own place, else the region's centre.
    if (config.kiosk.lat && config.kiosk.lon)
        l.start = std::array<double, 2>{*config.kiosk.lat, *config.kiosk.lon};
    else if (l.bbox)
        l.start = std::array<double, 2>{((*l.bbox)[1] + (*l.bbox)[3]) / 2, ((*l.bbox)[0] + (*l.bbox)[2]) / 2};
    l.startZoom = kMapStartZoom;
    return l;
}

std::vector<map::MarkerPoint> markerPoints(const catalog::Catalog& catalog, const catalog::QueryResult& results)
{
    std::vector<map::MarkerPoint> points;
    points.reserve(results.items.size());
    for (const auto& item : results.items)
        if (item.offer < catalog.offers.size())
            if (const catalog::Place* p = catalog.placeOf(catalog.offers[item.offer]); p && p->geo)
                points.push_back(map::MarkerPoint{p->geo->lat, p->geo->lon, item.offer});
    return points;
}

void openMap(VisitorSession& s, const config::KioskConfig& config, const catalog::Catalog* catalog, const catalog::QueryResult& results,
             const std::string& offerId, float fontPx, double now)
{
    const map::MapLimits limits = mapLimits(config, catalog);
    s.map.open(limits, offerId);
    s.mapListScroller.setOffset(0);
    const catalog::Offer* o = catalog && !offerId.empty() ? catalog->findOffer(offerId) : nullptr;
    const catalog::Place* p = o ? catalog->placeOf(*o) : nullptr;
    if (!p || !p->geo)
        return;
    // Close enough that the offer's marker stands alone among the markers shown.
    std::vector<map::MarkerPoint> points = markerPoints(*catalog, results);
    const auto self = static_cast<std::uint32_t>(o - catalog->offers.data());
    if (std::none_of(points.begin(), points.end(), [&](const map::MarkerPoint& m) { return m.id == self; }))
        points.push_back(map::MarkerPoint{p->geo->lat, p->geo->lon, self});
    const int maxZoom = static_cast<int>(limits.maxZoom);
    const int zoom = map::standAloneZoom(points, self, std::min(12, maxZoom), maxZoom, markerRadiusPx(fontPx));
    s.map.flyTo(p->geo->lat, p->geo->lon, zoom, 1.0, now);
}

void stepMap(VisitorSession& s, const map::MapFinger& finger, const ui::ScreenLayout& layout, const config::KioskConfig& config,
             const catalog::Catalog& catalog, const catalog::QueryResult& results, double now)
{
    const ui::MapScreenLayout ml = ui::mapScreenLayout(layout, s.a11y.lowReach, s.map.listed.size());
    const map::PixelRect area{0, ml.top, static_cast<double>(layout.width), ml.bottom};
    map::PixelRect list;  // a gesture that starts on the open list scrolls the list
    if (!s.map.listed.empty())
        list = map::PixelRect{ml.panelX0, ml.panelY0, ml.panelX1, ml.panelY1};
    s.map.frame(finger, area, list, mapLimits(config, &catalog), now);
    s.map.placeMarkers(markerPoints(catalog, results), markerRadiusPx(layout.fontPx));
}

}  // namespace mint::app
