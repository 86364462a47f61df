// The kiosk's screens. Each draws one frame from data and emits intents.
//   attract  — rotating featured offers, "touch to start", the data date
//   home     — "who are you?", subjects, today / weekend / all, accessibility, language
//   results  — filter chips with counts, a grid (landscape) or list (portrait) of cards
//   detail   — everything about one offer, with a QR code to take it home
//   search   — an on-screen QWERTZ keyboard, results as you type
//   pin/admin — staff only: PIN pad, sync status, counts, sync now / return / quit
//   loading  — no catalogue yet: a friendly message and the next try
//   overlays — the idle countdown, the stale-data notice
#pragma once

#include "map/map_interaction.hpp"
#include "tile_layer.hpp"
#include "ui_context.hpp"
#include "ui_model/accessibility.hpp"
#include "ui_model/admin_info.hpp"
#include "ui_model/scroller.hpp"

#include <map>
#include <optional>

namespace mint::ui
{

/// `more`: further offers of the rotation; a portrait screen shows two of them under the big card.
void drawAttract(const UiContext& c, const catalog::Offer* featured, const catalog::Story* story, const std::string& dataDate,
                 const std::vector<const catalog::Offer*>& more = {});
/// `offerCount`: what "all offers" lists right now (nothing shown until it is known).
/// `soon`: the next offers of the coming week, shown as cards where the screen has room.
void drawHome(const UiContext& c, const Accessibility& a11y, std::optional<std::size_t> offerCount,
              const std::vector<catalog::ResultItem>& soon);

struct ResultsView
{
    const catalog::QueryResult* result = nullptr;
    const BrowseState* browse = nullptr;
    KineticScroller* scroller = nullptr;
    bool kioskHasLocation = false;
    /// Results each age / when / distance chip would give with the other filters kept
    /// (keys like "filter.age.10", "filter.when.today", "filter.distance.15").
    const std::map<std::string, int>* chipCounts = nullptr;
    bool filtersOpen = false;                   ///< the filter panel covers the cards
    KineticScroller* filterScroller = nullptr;  ///< the panel's own
};
void drawResults(const UiContext& c, const ResultsView& view);

void drawPinPad(const UiContext& c, std::size_t digits, const std::string& message);
void drawAdmin(const UiContext& c, const AdminInfo& info);

struct MapScreenView
{
    const map::MapInteraction* state = nullptr;  ///< view, markers and clusters, selection (the app steps it)
    KineticScroller* listScroller = nullptr;     ///< the list of offers at one place
    std::optional<catalog::GeoPoint> kiosk;      ///< "you are here"
    std::optional<std::array<double, 4>> bbox;   ///< region: min_lon, min_lat, max_lon, max_lat
    std::string attribution;                     ///< config, else the package's; never hidden
    double minZoom = 8, maxZoom = 17;
    TileLayer* tiles = nullptr;  ///< null or no sources: the fallback map only
    map::TileLoader* loader = nullptr;
};
/// Draws the map and emits the Map* intents; returns what the tiles drew.
TileDrawStats drawMap(const UiContext& c, const MapScreenView& v);

void drawSearch(const UiContext& c, const std::string& text, const catalog::QueryResult& result);
/// The detail page; `scroller` is the page's own (reset when another offer opens).
void drawDetail(const UiContext& c, const catalog::Offer& offer, KineticScroller& scroller);
void drawLoading(const UiContext& c, const std::string& nextTry);
void drawIdleOverlay(const UiContext& c, double secondsLeft);
void drawStaleNotice(const UiContext& c, const std::string& dataDate);

/// Height of the bottom navigation bar used with "low reach".
float navBarHeight(const UiContext& c);

/// The header bar with title, optional back/home buttons (at the bottom with "low
/// reach"); returns the header's height.
float drawHeader(const UiContext& c, std::string_view title, std::string_view subtitle, bool backButton, bool homeButton);

}  // namespace mint::ui
