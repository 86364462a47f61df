// Map inertia and view animations; see map_motion.hpp.
#include "map/map_motion.hpp"

#include <algorithm>
#include <cmath>

namespace mint::map
{

void PanInertia::press(double x, double y, double t)
{
    stop();
    m_samples.push_back(Sample{x, y, t});
}

void PanInertia::move(double x, double y, double t)
{
    m_samples.push_back(Sample{x, y, t});
    while (m_samples.size() > 2 && t - m_samples.front().t > 0.1)
        m_samples.pop_front();
}

void PanInertia::release(double t)
{
    m_vx = m_vy = 0;
    if (m_samples.size() >= 2)
    {
        const Sample& a = m_samples.front();
        const Sample& b = m_samples.back();
        const double dt = b.t - a.t;
        // A finger that rested before lifting (> 80 ms without movement) does not fling.
        if (dt > 1e-3 && t - b.t < 0.08)
        {
            m_vx = (b.x - a.x) / dt;
            m_vy = (b.y - a.y) / dt;
            const double speed = std::hypot(m_vx, m_vy), maxSpeed = 6000;
            if (speed > maxSpeed)
            {
                m_vx *= maxSpeed / speed;
                m_vy *= maxSpeed / speed;
            }
            if (speed < 50)
                m_vx = m_vy = 0;
        }
    }
    m_samples.clear();
}

void PanInertia::step(double dt, double& dx, double& dy)
{
    dx = dy = 0;
    if (!moving() || dt <= 0)
        return;
    // v(t) = v0 e^(-t/tau): the distance over dt is v0 tau (1 - e^(-dt/tau)).
    const double k = std::exp(-dt / m_tau);
    dx = m_vx * m_tau * (1 - k);
    dy = m_vy * m_tau * (1 - k);
    m_vx *= k;
    m_vy *= k;
    if (std::hypot(m_vx, m_vy) < 10)
        m_vx = m_vy = 0;
}

double easeInOut(double t)
{
    t = std::clamp(t, 0.0, 1.0);
    return t * t * (3 - 2 * t);
}

void ViewAnimation::zoomAround(const MapView& from, double targetZoom, double sx, double sy, double seconds, double now)
{
    m_active = true;
    m_anchored = true;
    m_from = from;
    m_to = from;
    m_to.zoomAround(targetZoom - from.zoom, sx, sy, -1, 30);
    m_sx = sx;
    m_sy = sy;
    m_start = now;
    m_seconds = std::max(1e-3, seconds);
}

void ViewAnimation::flyTo(const MapView& from, double lat, double lon, double targetZoom, double seconds, double now)
{
    m_active = true;
    m_anchored = false;
    m_from = from;
    m_to = from;
    m_to.centerLat = lat;
    m_to.centerLon = lon;
    m_to.zoom = targetZoom;
    m_start = now;
    m_seconds = std::max(1e-3, seconds);
}

void ViewAnimation::apply(MapView& view, double now)
{
    if (!m_active)
        return;
    const double raw = (now - m_start) / m_seconds;
    const double e = easeInOut(raw);
    if (raw >= 1)
        m_active = false;
    const double zoom = m_from.zoom + (m_to.zoom - m_from.zoom) * e;
    if (m_anchored)
    {
        MapView v = m_from;
        v.widthPx = view.widthPx;
        v.heightPx = view.heightPx;
        v.originX = view.originX;
        v.originY = view.originY;
        v.zoomAround(zoom - m_from.zoom, m_sx, m_sy, -1, 30);
        view.centerLat = v.centerLat;
        view.centerLon = v.centerLon;
        view.zoom = v.zoom;
    }
    else
    {
        // The centre glides in world coordinates (a straight line on the map).
        const WorldPoint a = project(m_from.centerLat, m_from.centerLon, 20), b = project(m_to.centerLat, m_to.centerLon, 20);
        unproject(WorldPoint{a.x + (b.x - a.x) * e, a.y + (b.y - a.y) * e}, 20, view.centerLat, view.centerLon);
        view.zoom = zoom;
    }
    if (!m_active)
    {
        view.zoom = m_to.zoom;
        if (!m_anchored)
        {
            view.centerLat = m_to.centerLat;
            view.centerLon = m_to.centerLon;
        }
    }
}

}  // namespace mint::map
