// The map screen's behaviour without a window: what a finger, a tap on a marker, a
// cluster or the map itself, and the zoom buttons do to the view. The app feeds it the
// same touch input the other screens use (one `MapFinger` a frame) and the intents the
// map screen emits; the screen only draws it. Unit-tested like the kinetic scroller.
#pragma once

#include "map/cluster.hpp"
#include "map/map_gestures.hpp"
#include "map/map_motion.hpp"
#include "map/mercator.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mint::map
{

/// A rectangle on the screen in pixels (x0, y0 inclusive; x1, y1 exclusive).
struct PixelRect
{
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool contains(double x, double y) const { return x >= x0 && y >= y0 && x < x1 && y < y1; }
    bool empty() const { return x1 <= x0 || y1 <= y0; }
};

/// Where the map may go.
struct MapLimits
{
    double minZoom = 8, maxZoom = 17;
    std::optional<std::array<double, 4>> bbox;   ///< the region: min_lon, min_lat, max_lon, max_lat
    std::optional<std::array<double, 2>> start;  ///< lat, lon the map opens at (kiosk, else region centre)
    double startZoom = 10;                       ///< and its zoom ("back to the start" returns here)
};

/// One frame's finger, as the touch layer reports it.
struct MapFinger
{
    bool pressed = false;   ///< went down this frame
    bool down = false;      ///< is down
    bool released = false;  ///< went up this frame
    bool swiped = false;    ///< moved past the slop since it went down: a drag, not a tap
    double x = 0, y = 0;
    double pressX = -1, pressY = -1;  ///< where it went down
};

constexpr double kZoomSeconds = 0.3;  ///< zoom buttons and double tap

class MapInteraction
{
public:
    MapView view;
    std::string selected;               ///< offer id with its card open
    std::vector<std::uint32_t> listed;  ///< offers of a cluster that cannot split (a list opens)

    /// The map opens: at its start, no motion; `selectedId` (from a detail page) has its card open.
    void open(const MapLimits& limits, const std::string& selectedId);
    /// One frame, before drawing: the map fills `area`; a running animation or glide steps
    /// by the time since the last frame; the finger pans the map (not when its gesture began
    /// on `exclude`, the open list); the view stays inside its limits.
    void frame(const MapFinger& finger, const PixelRect& area, const PixelRect& exclude, const MapLimits& limits, double now);
    /// The offers shown as markers, grouped where they would overlap (`radiusPx` apart) at the zoom shown.
    void placeMarkers(std::vector<MarkerPoint> points, double radiusPx);
    const std::vector<MarkerPoint>& points() const { return m_points; }
    const std::vector<Cluster>& clusters() const { return m_clusters; }

    void tapMarker(const std::string& offerId);
    /// A cluster badge: the map flies in until it splits; one that never splits (one place)
    /// lists its offers instead. Returns true when a list opened.
    bool tapCluster(std::size_t index, const MapLimits& limits, double now);
    /// A tap on the map itself: the second of a double tap zooms in around the finger;
    /// a single one closes the card or list.
    void tapEmpty(double x, double y, double touchMinPx, const MapLimits& limits, double now);
    /// The zoom buttons: one whole level in (+1) or out (-1) around the centre.
    void zoomStep(int direction, const MapLimits& limits, double now);
    /// "Back to the start": the card and list close, the map flies to its start.
    void goToStart(const MapLimits& limits, double now);
    void flyTo(double lat, double lon, double zoom, double seconds, double now) { m_animation.flyTo(view, lat, lon, zoom, seconds, now); }

    /// The zoom the map is going to (an animation's target, else the zoom shown).
    double zoomTarget() const { return m_animation.active() ? m_animation.targetZoom() : view.zoom; }
    bool moving() const { return m_inertia.moving() || m_animation.active(); }
    bool dragging() const { return m_drag.active(); }

private:
    PanInertia m_inertia;
    ViewAnimation m_animation;
    DragTracker m_drag;
    DoubleTap m_doubleTap;
    std::vector<MarkerPoint> m_points;
    std::vector<Cluster> m_clusters;
    double m_radiusPx = 0;
    double m_lastFrameS = -1;
};

}  // namespace mint::map
