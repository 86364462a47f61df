// Kinetic scrolling for touch lists: follows the finger, keeps the release velocity and
// slows down exponentially (frame-rate independent), stops at the ends. It also decides
// tap vs swipe: a finger that moved more than `slopPx` never triggers what is under it.
#pragma once

namespace mint::ui
{

class KineticScroller
{
public:
    KineticScroller() = default;
    explicit KineticScroller(float slopPx, float decayPerS = 4.0f) : m_slopPx(slopPx), m_decayPerS(decayPerS) {}

    void setRange(float maxOffset);  ///< content height minus view height (>= 0)
    void press(float y, double tS);
    void move(float y, double tS);
    /// Returns true when the gesture was a tap (no swipe).
    bool release(double tS);
    /// Advances the fling by dt seconds; returns true while it still moves.
    bool update(double dtS);

    float offset() const { return m_offset; }
    void setOffset(float offset);
    bool dragging() const { return m_pressed; }
    bool swiping() const { return m_swipe; }
    bool moving() const { return m_velocity != 0.0f; }
    float velocity() const { return m_velocity; }

private:
    float m_slopPx = 12.0f;
    float m_decayPerS = 4.0f;
    float m_max = 0;
    float m_offset = 0;
    float m_velocity = 0;  ///< px/s, positive scrolls down the content
    bool m_pressed = false;
    bool m_swipe = false;
    float m_pressY = 0;
    float m_lastY = 0;
    double m_lastT = 0;
    float m_pressOffset = 0;
};

}  // namespace mint::ui
