// The map screen's part of the session: where the map may go for this kiosk and region,
// which offers it marks, how it opens (from a detail page: flying in until the offer's
// marker stands alone) and one frame of finger input. Pure; unit-tested.
#pragma once

#include "app/core/session.hpp"
#include "catalog/query.hpp"
#include "config/kiosk_config.hpp"
#include "map/map_interaction.hpp"
#include "ui_model/layout.hpp"

namespace mint::app
{

constexpr double kMapStartZoom = 10;  ///< the map opens here, and "back to the start" returns here

map::MapLimits mapLimits(const config::KioskConfig& config, const catalog::Catalog* catalog);
/// The listed offers that have a place on the map (marker ids are offer indices).
std::vector<map::MarkerPoint> markerPoints(const catalog::Catalog& catalog, const catalog::QueryResult& results);
/// Markers closer than this (pixels) become one cluster: about two badges.
inline double markerRadiusPx(float fontPx)
{
    return fontPx * 2.0;
}

/// Opens the map at its start; `offerId` (from a detail page) is selected and flown to.
void openMap(VisitorSession& s, const config::KioskConfig& config, const catalog::Catalog* catalog, const catalog::QueryResult& results,
             const std::string& offerId, float fontPx, double now);

/// One frame of the map screen before it is drawn: motion, the finger, the markers.
void stepMap(VisitorSession& s, const map::MapFinger& finger, const ui::ScreenLayout& layout, const config::KioskConfig& config,
             const catalog::Catalog& catalog, const catalog::QueryResult& results, double now);

}  // namespace mint::app
