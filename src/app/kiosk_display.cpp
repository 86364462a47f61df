// Opening hours in the app: the core's DisplayControl decides, this file carries it out —
// the power state through DisplayPower, no frames while closed (one black frame, or the
// closed notice after a touch), the attract screen with a fresh sync at opening, the
// session's end at closing, staff's override. See kiosk_app.hpp.
#include "kiosk_app.hpp"

#include "ui/draw_layers.hpp"
#include "ui/fonts.hpp"
#include "ui_model/date_text.hpp"
#include "util/log.hpp"

#include <algorithm>

namespace mint::app
{

void KioskApp::setUpDisplay()
{
    if (!m_config.display.scheduled())
        return;
    m_displayZone = ui::regionZone(m_catalog.get());
    m_display = std::make_unique<DisplayControl>(m_config.display, m_displayZone);
    m_power =
        std::make_unique<DisplayPower>(m_config.display, [this](bool on, std::string& error) { return m_platform.setDpms(on, error); });
    // The sync thread asks before heavy downloads (pictures re-checked, map packages):
    // those prefer closed hours.
    m_engine->busyHours = [this] { return m_busyHours.load(); };
    util::logInfo("display", "opening hours set; off means \"" + m_config.display.off + "\"");
}

bool KioskApp::closedForVisitors() const
{
    // Staff at the PIN pad or on the admin screen see their screens; visitors see nothing.
    return m_display && !m_displayOpen && !staffScreen();
}

bool KioskApp::displayDue() const
{
    // Decided again when the core asked to be woken, and while staff are at their screens
    // (each frame keeps the panel on for them). A script decides from its first "clock" on,
    // so a test never depends on the day it runs.
    if (m_scripted && !m_virtualWall)
        return false;
    return m_display && (!m_displayWakeAt || wallNow() >= *m_displayWakeAt || staffScreen() ||
                         ui::regionZone(m_catalog.get()) != m_displayZone);  // a catalogue of another region
}

bool KioskApp::staffScreen() const
{
    return m_session.screen == Screen::Pin || m_session.screen == Screen::Admin;
}

void KioskApp::stepDisplay()
{
    if (!m_display)
        return;
    const catalog::Timestamp t = wallNow();
    if (const date::time_zone* zone = ui::regionZone(m_catalog.get()); zone != m_displayZone)
    {
        m_displayZone = zone;  // a catalogue of another region: its hours are local there
        m_display->setZone(zone);
    }
    if (staffScreen())
        m_display->staffActive(t);
    const bool wasShowingNotice = m_noticeShowing;
    const DisplayControl::Step step = m_display->step(t);
    m_displayWakeAt = step.wakeAt;
    m_noticeShowing = m_display->noticeShowing(t);
    if (step.apply)
        m_power->set(step.on);
    const bool staff = staffScreen();
    if (step.closed)
    {
        util::logInfo("display", "closed: the screen goes off");
        if (!staff)          // staff finish first; leaving the admin screen ends their session
            resetSession();  // nothing of the last visitor stays overnight
    }
    if (step.opened)
    {
        util::logInfo("display", "open: the attract screen with fresh data");
        if (!staff)
            resetSession();
        syncNow();
    }
    if (step.open != m_displayOpen || wasShowingNotice != m_noticeShowing || step.closed || step.opened)
        m_framesToDraw = std::max(m_framesToDraw, 2);  // the change is drawn (black, notice or the attract screen)
    m_displayOpen = step.open;
    m_busyHours = step.open;
}

void KioskApp::drawClosed(const ui::UiContext& c)
{
    // Black, and after a touch the notice: "Geschlossen – wieder ab Montag, 8:00".
    if (!m_noticeShowing)
        return;
    const catalog::Timestamp t = wallNow();
    const std::string text = ui::closedNotice(m_tr, m_displayZone, t, m_display->nextOpening(t));
    const auto& L = c.layout;
    const float W = static_cast<float>(L.width), H = static_cast<float>(L.height);
    // White on black, centred, large enough to read from a few metres: "Geschlossen" big,
    // "wieder ab Montag, 8:00" below it (split at the dash; a language without it: one block).
    const std::string dash = " \xE2\x80\x93 ";
    const std::size_t cut = text.find(dash);
    const std::string head = cut == std::string::npos ? text : text.substr(0, cut);
    const std::string tail = cut == std::string::npos ? std::string() : text.substr(cut + dash.size());
    const ui::FittedLabel big = ui::fitLabel(c.fonts->bold, L.fontPx * 3.0f, head, W - 2 * L.margin, H * 0.3f);
    const ui::FittedLabel small = ui::fitLabel(c.fonts->bold, L.fontPx * 1.6f, tail, W - 2 * L.margin, tail.empty() ? 0.0f : H * 0.3f);
    const float bigLine = big.size * 1.2f, smallLine = small.size * 1.3f;
    const float total =
        bigLine * static_cast<float>(big.lines.size()) + (tail.empty() ? 0.0f : smallLine * static_cast<float>(small.lines.size()));
    float y = (H - total) * 0.5f;
    for (const auto* label : {&big, &small})
    {
        if (label == &small && tail.empty())
            break;
        for (const std::string& line : label->lines)
        {
            const ImVec2 size = ui::textSize(c.fonts->bold, label->size, line);
            ui::drawText(c.dl, c.fonts->bold, label->size, ImVec2((W - size.x) * 0.5f, y), IM_COL32_WHITE, line);
            y += label == &big ? bigLine : smallLine;
        }
    }
}

}  // namespace mint::app
