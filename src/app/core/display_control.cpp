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
    s.open = wantOn(now);
    s.on = s.open || noticeShowing(now) || staffPresent(now);
    const bool changed = !m_applied || *m_applied != s.on;
    // An opening by the hours (also when staff had it on already): the attract screen with
    // fresh data. A closing: the visitor's session ends.
    const bool hoursOpen = m_hours.isOpen(now);
    s.opened = m_hoursWereOpen && !*m_hoursWereOpen && hoursOpen;
    s.closed = m_wasOpen && *m_wasOpen && !s.open;
    m_hoursWereOpen = hoursOpen;
    m_wasOpen = s.open;
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
        for (const auto& until : {m_noticeUntil, m_staffUntil, m_forcedUntil})
            if (until && now < *until)
                wake = std::min(wake, *until);
        s.wakeAt = std::max(wake, now + 1);
    }
    return s;
}

void DisplayControl::staffActive(Timestamp now)
{
    m_staffUntil = now + kStaffS;
}

void DisplayControl::forceOn(Timestamp now)
{
    // Until the schedule itself opens next (pressed while open: the opening after the coming
    // closing, e.g. an evening event); with no opening in sight, for a day.
    const auto from = m_hours.isOpen(now) ? m_hours.nextChange(now) : std::optional<Timestamp>(now);
    const auto opening = from ? m_hours.nextOpening(*from) : std::nullopt;
    m_forcedUntil = opening.value_or(now + 86400);
}

std::optional<Timestamp> DisplayControl::touchWhileClosed(Timestamp now)
{
    if (wantOn(now) || m_display.touchWhenClosed != "message")
        return std::nullopt;
    m_noticeUntil = now + kNoticeS;
    return m_noticeUntil;
}

}  // namespace mint::app
