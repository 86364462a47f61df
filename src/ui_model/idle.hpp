// The idle state machine: after `idleTimeoutS` without a touch a countdown appears
// ("Bist du noch da?"); a touch during it keeps the session, its end resets everything
// and returns to the attract screen. Time comes in from outside (virtual in tests).
#pragma once

namespace mint::ui
{

enum class IdlePhase
{
    Attract,
    Active,
    Countdown
};

class IdleMachine
{
public:
    IdleMachine(double idleTimeoutS, double countdownS) : m_idleTimeoutS(idleTimeoutS), m_countdownS(countdownS) {}

    /// More time (WCAG 2.2.1, timing adjustable): the timeout and the countdown times
    /// `factor` (the accessibility profile doubles them).
    void setTimeScale(double factor) { m_scale = factor > 0 ? factor : 1.0; }
    double timeScale() const { return m_scale; }

    /// A touch at time `nowS`: starts a session from the attract screen, or keeps it.
    void touch(double nowS);
    /// Advances time; returns true exactly once when the session must be reset.
    bool tick(double nowS);

    IdlePhase phase() const { return m_phase; }
    /// Seconds left in the countdown (0 outside it).
    double countdownLeft(double nowS) const;
    /// When the next change happens without a touch (for the event loop's sleep), or a
    /// negative value when nothing is pending.
    double nextDeadline() const;

private:
    double m_idleTimeoutS;
    double m_countdownS;
    double m_scale = 1.0;
    double idleS() const { return m_idleTimeoutS * m_scale; }
    double countdownS() const { return m_countdownS * m_scale; }
    IdlePhase m_phase = IdlePhase::Attract;
    double m_lastTouchS = 0;
};

}  // namespace mint::ui
