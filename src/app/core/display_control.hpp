// What the display should do, decided from the opening hours (config `display`), the staff's
// override and the clock — no window, no commands run here (the app carries the decisions
// out). While closed: screen off, re-applied every few minutes (someone may have switched
// the panel on by hand); a touch shows "Geschlossen – wieder ab Montag, 8:00" for a few
// seconds when configured; staff can switch it on until the next opening.
#pragma once

#include "config/display_hours.hpp"

#include <optional>

namespace mint::app
{

class DisplayControl
{
public:
    /// How often a power state is sent again while it should hold.
    static constexpr catalog::Timestamp kReapplyS = 600;
    /// How long the closed notice stays after a touch.
    static constexpr catalog::Timestamp kNoticeS = 5;
    /// How long the screen stays on after staff last touched the PIN pad or admin screen
    /// while closed.
    static constexpr catalog::Timestamp kStaffS = 120;

    DisplayControl(const config::DisplaySection& display, const date::time_zone* zone);

    struct Step
    {
        bool on = true;                            ///< the panel should be on (visitors, the closed notice or staff)
        bool open = true;                          ///< open for visitors (by the hours, or staff's "on now")
        bool apply = false;                        ///< send the power state now (it changed, or it is time to re-apply)
        bool opened = false;                       ///< the hours just opened: the attract screen with fresh data
        bool closed = false;                       ///< it just closed for visitors: the session ends
        std::optional<catalog::Timestamp> wakeAt;  ///< when to decide again at the latest
    };
    /// The decision at `now`; call it when woken and after every touch.
    Step step(catalog::Timestamp now);

    /// Staff: on now (until the next scheduled opening), or follow the schedule again.
    void forceOn(catalog::Timestamp now);
    void followSchedule() { m_forcedUntil.reset(); }
    bool forcedOn(catalog::Timestamp now) const { return m_forcedUntil && now < *m_forcedUntil; }

    /// A touch while closed: the closed notice shows until the returned time (nothing with
    /// touch_when_closed = "nothing", or while open).
    std::optional<catalog::Timestamp> touchWhileClosed(catalog::Timestamp now);
    bool noticeShowing(catalog::Timestamp now) const { return m_noticeUntil && now < *m_noticeUntil; }
    /// Staff at the PIN pad or on the admin screen while closed: the panel stays on (not open
    /// for visitors) for kStaffS after each call.
    void staffActive(catalog::Timestamp now);
    bool staffPresent(catalog::Timestamp now) const { return m_staffUntil && now < *m_staffUntil; }
    /// When it opens again (for the notice), if within the next weeks.
    std::optional<catalog::Timestamp> nextOpening(catalog::Timestamp now) const { return m_hours.nextOpening(now); }

    bool scheduled() const { return m_display.scheduled(); }
    /// The region's zone changed (a catalogue of another region): the hours are read in it.
    void setZone(const date::time_zone* zone) { m_hours = config::OpeningHours(m_display, zone); }
    /// Staff's override, for the admin screen: until when "on now" holds.
    std::optional<catalog::Timestamp> forcedUntil() const { return m_forcedUntil; }

private:
    bool wantOn(catalog::Timestamp now) const;

    const config::DisplaySection& m_display;
    config::OpeningHours m_hours;
    std::optional<bool> m_applied;  ///< the power state last sent
    catalog::Timestamp m_appliedAt = 0;
    std::optional<catalog::Timestamp> m_forcedUntil;
    std::optional<catalog::Timestamp> m_noticeUntil;
    std::optional<catalog::Timestamp> m_staffUntil;
    std::optional<bool> m_wasOpen;        ///< open for visitors at the last step
    std::optional<bool> m_hoursWereOpen;  ///< open by the hours at the last step
};

}  // namespace mint::app
