// Display decisions; see display_control.hpp.
#include "display_control.hpp"

#include <algorithm>

namespace mint::app
{

using catalog::Timestamp;

DisplayControl::DisplayControl(const config::DisplaySection& display, const date::time_zone* zone)
    : m_display(display), m_hours(display, zone)
{
}

bool DisplayControl::wantOn(Timestamp now) const
{
    return forcedOn(now) || m_hours.isOpen(now);
}

DisplayControl::Step DisplayControl::step(Timestamp now)
{
    Step s;
    s.on = wantOn(now) || noticeShowing(now);
    const bool changed = !m_applied || *m_applied != s.on;
    s.opened = changed && m_applied && s.on && !noticeShowing(now);
    // Re-sent while it should hold (a panel switched by hand comes back to the schedule);
    // without a schedule there is nothing to send.
    s.apply = scheduled() && (changed || now - m_appliedAt >= kReapplyS);
    if (s.apply || changed)
    {
        m_applied = s.on;
        m_appliedAt = now;
    }
    if (m_forcedUntil && now >= *m_forcedUntil)
        m_forcedUntil.reset();
    if (scheduled())
    {
        Timestamp wake = m_appliedAt + kReapplyS;
        if (auto change = m_hours.nextChange(now))
            wake = std::min(wake, *change);
        if (m_noticeUntil && now < *m_noticeUntil)
            wake = std::min(wake, *m_noticeUntil);
        if (m_forcedUntil)
            wake = std::min(wake, *m_forcedUntil);
        s.wakeAt = std::max(wake, now + 1);
    }
    return s;
}

void DisplayControl::forceOn(Timestamp now)
{
    // Until the schedule itself opens (or, with no opening in sight, for a day).
    const auto change = m_hours.isOpen(now) ? std::nullopt : m_hours.nextOpening(now);
    m_forcedUntil = change.value_or(now + 86400);
}

std::optional<Timestamp> DisplayControl::touchWhileClosed(Timestamp now)
{
    if (wantOn(now) || m_display.touchWhenClosed != "message")
        return std::nullopt;
    m_noticeUntil = now + kNoticeS;
    return m_noticeUntil;
}

}  // namespace mint::app
