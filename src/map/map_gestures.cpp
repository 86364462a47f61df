// Map gestures; see map_gestures.hpp.
#include "map_gestures.hpp"

#include <cmath>

namespace mint::map
{

void DragTracker::move(double x, double y, double& dx, double& dy)
{
    dx = m_active ? x - m_x : 0;
    dy = m_active ? y - m_y : 0;
    m_x = x;
    m_y = y;
}

bool DoubleTap::tap(double x, double y, double t, double maxDistancePx)
{
    const bool isDouble = t - m_lastT < m_maxGapS && std::hypot(x - m_lastX, y - m_lastY) < maxDistancePx;
    if (isDouble)
    {
        reset();
        return true;
    }
    m_lastT = t;
    m_lastX = x;
    m_lastY = y;
    return false;
}

}  // namespace mint::map
