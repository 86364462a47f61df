// How the map moves by itself: a fling after a drag (inertia) and animated view changes
// (zoom buttons, double tap, "show on map" fly-to). Both are functions of elapsed time, so
// they look the same at any frame rate and run instantly under a script's virtual clock.
#pragma once

#include "map/mercator.hpp"

#include <deque>

namespace mint::map
{

/// Finger drag -> release velocity -> exponentially decaying glide.
class PanInertia
{
public:
    /// Time constant of the decay (s): the glide covers velocity * tau in total.
    PanInertia() = default;
    explicit PanInertia(double tau) : m_tau(tau) {}

    void press(double x, double y, double t);
    void move(double x, double y, double t);
    void release(double t);
    void stop()
    {
        m_vx = m_vy = 0;
        m_samples.clear();
    }
    bool moving() const { return m_vx != 0 || m_vy != 0; }
    /// The pan (screen pixels) for the next `dt` seconds; stops below 10 px/s.
    void step(double dt, double& dx, double& dy);
    double vx() const { return m_vx; }
    double vy() const { return m_vy; }

private:
    struct Sample
    {
        double x, y, t;
    };
    double m_tau = 0.325;
    double m_vx = 0, m_vy = 0;
    std::deque<Sample> m_samples;  ///< the last 100 ms of the drag
};

/// An animated change of view. Anchored (zoom around a screen point: the point under the
/// finger stays put) or a fly-to (centre and zoom glide together, eased in and out).
class ViewAnimation
{
public:
    void zoomAround(const MapView& from, double targetZoom, double sx, double sy, double seconds, double now);
    void flyTo(const MapView& from, double lat, double lon, double targetZoom, double seconds, double now);
    bool active() const { return m_active; }
    void cancel() { m_active = false; }
    /// Sets `view` (centre, zoom) for time `now`; ends the animation at its last frame.
    void apply(MapView& view, double now);
    double targetZoom() const { return m_to.zoom; }

private:
    bool m_active = false;
    bool m_anchored = false;
    MapView m_from, m_to;
    double m_sx = 0, m_sy = 0;
    double m_start = 0, m_seconds = 0.3;
};

/// 0..1 -> 0..1, slow at both ends.
double easeInOut(double t);

}  // namespace mint::map
