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

#include "map/map_gestures.hpp"
#include "map/map_motion.hpp"
#include "map/mercator.hpp"
#include "tile_layer.hpp"
#include "ui_context.hpp"
#include "ui_model/scroller.hpp"

#include <map>
#include <optional>

namespace mint::ui
{

struct Accessibility
{
    bool largeText = false;
    bool highContrast = false;
    bool lowReach = false;
};

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

/// What the admin screen shows, prepared by the app as plain lines.
struct AdminInfo
{
    std::string kioskName;
    std::vector<std::string> syncLines;
    std::string syncError;
    std::vector<std::string> catalogLines;
    std::vector<std::string> usageLines;
    std::vector<std::string> systemLines;
    std::string syncNotice;  ///< after "sync now": running, then its result
    bool syncRunning = false;
    bool quitArmed = false;  ///< "Beenden" asks once
};
void drawPinPad(const UiContext& c, std::size_t digits, const std::string& message);
void drawAdmin(const UiContext& c, const AdminInfo& info);

/// What the map remembers between frames (owned by the app, reset on idle).
struct MapState
{
    map::MapView view;
    map::PanInertia inertia;
    map::ViewAnimation animation;
    std::string selected;               // offer id with its card open
    std::vector<std::uint32_t> listed;  // offers of a cluster that cannot split (a list opens)
    KineticScroller listScroller;       // that list's rows
    map::DragTracker drag;              // the finger's pan, from positions
    map::DoubleTap doubleTap;           // two taps close in time and place zoom in
    double lastFrameS = -1;
    TileDrawStats lastTiles;
    bool moving() const { return inertia.moving() || animation.active() || listScroller.moving(); }
};

struct MapScreenView
{
    MapState* state = nullptr;
    const catalog::QueryResult* result = nullptr;  ///< the offers shown as markers
    std::optional<catalog::GeoPoint> kiosk;        ///< "you are here"
    std::optional<std::array<double, 4>> bbox;     ///< region: min_lon, min_lat, max_lon, max_lat
    std::string attribution;                       ///< config, else the package's; never hidden
    double minZoom = 8, maxZoom = 17;
    double startZoom = 10;       ///< where "back to the start" flies (as the map opens)
    TileLayer* tiles = nullptr;  ///< null or no sources: the fallback map only
    map::TileLoader* loader = nullptr;
};
void drawMap(const UiContext& c, const MapScreenView& v);

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
