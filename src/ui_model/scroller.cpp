// Kinetic scrolling; see scroller.hpp.
#include "scroller.hpp"

#include <algorithm>
#include <cmath>

namespace mint::ui
{

void KineticScroller::setRange(float maxOffset)
{
    m_max = std::max(0.0f, maxOffset);
    m_offset = std::clamp(m_offset, 0.0f, m_max);
}

void KineticScroller::setOffset(float offset)
{
    m_offset = std::clamp(offset, 0.0f, m_max);
    m_velocity = 0;
}

void KineticScroller::press(float y, double tS)
{
    m_pressed = true;
    m_swipe = false;
    m_pressY = m_lastY = y;
    m_lastT = tS;
    m_pressOffset = m_offset;
    m_velocity = 0;  // a finger on a moving list stops it
}

void KineticScroller::move(float y, double tS)
{
    if (!m_pressed)
        return;
    if (!m_swipe && std::fabs(y - m_pressY) > m_slopPx)
        m_swipe = true;
    if (m_swipe)
    {
        const double dt = tS - m_lastT;
        if (dt > 1e-4)
        {
            // Smoothed finger velocity (content moves opposite to the finger).
            const float instant = static_cast<float>((m_lastY - y) / dt);
            m_velocity = 0.6f * instant + 0.4f * m_velocity;
        }
        m_offset = std::clamp(m_pressOffset + (m_pressY - y), 0.0f, m_max);
    }
    m_lastY = y;
    m_lastT = tS;
}

bool KineticScroller::release(double tS)
{
    if (!m_pressed)
        return false;
    m_pressed = false;
    // A pause before lifting the finger means no fling.
    if (tS - m_lastT > 0.1)
        m_velocity = 0;
    if (!m_swipe)
        m_velocity = 0;
    return !m_swipe;
}

bool KineticScroller::update(double dtS)
{
    if (m_pressed || m_velocity == 0.0f)
        return false;
    // v(t) = v0 e^{-kt}; distance over dt = v0 (1 - e^{-k dt}) / k: exact for any frame rate.
    const double k = m_decayPerS;
    const double decay = std::exp(-k * dtS);
    m_offset += static_cast<float>(m_velocity * (1.0 - decay) / k);
    m_velocity = static_cast<float>(m_velocity * decay);
    if (m_offset <= 0 || m_offset >= m_max)
    {
        m_offset = std::clamp(m_offset, 0.0f, m_max);
        m_velocity = 0;
    }
    if (std::fabs(m_velocity) < 5.0f)  // px/s: stopped
        m_velocity = 0;
    return m_velocity != 0.0f;
}

}  // namespace mint::ui
