// The idle state machine; see idle.hpp.
#include "idle.hpp"

#include <algorithm>

namespace mint::ui
{

void IdleMachine::touch(double nowS)
{
    m_lastTouchS = nowS;
    m_phase = IdlePhase::Active;
}

bool IdleMachine::tick(double nowS)
{
    if (m_phase == IdlePhase::Attract)
        return false;
    const double idle = nowS - m_lastTouchS;
    if (idle >= idleS() + countdownS())
    {
        m_phase = IdlePhase::Attract;
        return true;
    }
    m_phase = idle >= idleS() ? IdlePhase::Countdown : IdlePhase::Active;
    return false;
}

double IdleMachine::countdownLeft(double nowS) const
{
    if (m_phase != IdlePhase::Countdown)
        return 0;
    return std::max(0.0, m_lastTouchS + idleS() + countdownS() - nowS);
}

double IdleMachine::nextDeadline() const
{
    switch (m_phase)
    {
    case IdlePhase::Attract: return -1;
    case IdlePhase::Active: return m_lastTouchS + idleS();
    case IdlePhase::Countdown: return m_lastTouchS + idleS() + countdownS();
    }
    return -1;
}

}  // namespace mint::ui
