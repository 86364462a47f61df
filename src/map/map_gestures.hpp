// A finger on the map, without a window: drags become pans that follow the finger exactly
// (from positions, not from the pointer's per-frame delta, so the slop a finger moves
// before a touch counts as a drag is not lost), and two taps close in time and place become
// a double tap. Inertia and animations are in map_motion.hpp. Unit-tested.
#pragma once

namespace mint::map
{

class DragTracker
{
public:
    /// The finger went down at (x, y) pixels.
    void press(double x, double y)
    {
        m_x = x;
        m_y = y;
        m_active = true;
    }
    /// The finger is at (x, y): how far the map moves with it since the last call.
    void move(double x, double y, double& dx, double& dy);
    void release() { m_active = false; }
    bool active() const { return m_active; }

private:
    double m_x = 0, m_y = 0;
    bool m_active = false;
};

class DoubleTap
{
public:
    DoubleTap() = default;
    explicit DoubleTap(double maxGapS) : m_maxGapS(maxGapS) {}
    /// A tap at (x, y) pixels at time t seconds: true when it completes a double tap (two
    /// taps within maxGapS and maxDistancePx of each other); a double tap starts afresh.
    bool tap(double x, double y, double t, double maxDistancePx);
    void reset() { m_lastT = -1e9; }

private:
    double m_maxGapS = 0.35;  ///< seconds between the taps
    double m_lastT = -1e9;
    double m_lastX = 0, m_lastY = 0;
};

}  // namespace mint::map
