// The event-driven loop: the kiosk sleeps until an event, a worker's wake-up or the next
// deadline (idle countdown, attract rotation); a static screen is not redrawn. See
// kiosk_app.hpp.
#include "kiosk_app.hpp"

#include "catalog/time_util.hpp"
#include "ui_model/date_text.hpp"
#include "util/fs_util.hpp"
#include "util/log.hpp"

#include <algorithm>
#include <cmath>

namespace mint::app
{

int KioskApp::run()
{
    m_startS = 0;
    std::string error;
    if (!init(error))
    {
        util::logError("app", error);
        return m_noOpenGl ? kKioskNoOpenGl : kKioskConfigError;
    }
    if (!m_args.scriptPath.empty())
    {
        std::string text;
        if (!util::readWholeFile(m_args.scriptPath, text, error))
        {
            util::logError("script", error);
            return kKioskConfigError;
        }
        auto script = parseScript(text, error);
        if (!script)
        {
            util::logError("script", m_args.scriptPath + ": " + error);
            return kKioskConfigError;
        }
        return runScript(*script);
    }
    return runInteractive();
}

int KioskApp::runInteractive()
{
    m_service = std::make_unique<sync::SyncService>(
        *m_engine,
        [this](sync::CatalogPtr cat)
        {
            // On the sync thread: the picture index is read here, not in a frame.
            auto images = std::make_unique<sync::ImageCache>(m_store.imagesDir());
            images->load();
            {
                std::lock_guard<std::mutex> lock(m_pendingMutex);
                m_pendingCatalog = std::move(cat);
                m_pendingImages = std::move(images);
            }
            m_workerWake = true;
            Platform::wake();
        },
        [this](const sync::SyncStatus&)
        {
            m_workerWake = true;
            Platform::wake();
        });
    m_service->start(2000);
    while (!m_quit)
        loopOnce(3600);
    return kKioskOk;
}

void KioskApp::loopOnce(double maxWaitS)
{
    // Sleep until something happens: an event, a worker's wake-up, or the next deadline
    // (idle countdown, attract rotation). A static screen is not redrawn.
    double timeout = maxWaitS;
    const double kFeatureSeconds = featureSeconds();
    if (animating() || m_framesToDraw > 0)
        timeout = 0;
    else
    {
        const double t = now();
        if (!closedForVisitors())  // closed: no countdown, no rotation, nothing drawn
        {
            if (m_idle.nextDeadline() > 0)
                timeout = std::min(timeout, std::max(0.0, m_idle.nextDeadline() - t));
            if (m_idle.phase() == ui::IdlePhase::Countdown)
                timeout = std::min(timeout, 1.0 - std::fmod(t, 1.0));  // the countdown's seconds
            if (m_session.screen == Screen::Attract)
                timeout = std::min(timeout, std::max(0.0, m_featuredSince + kFeatureSeconds - t));
        }
        timeout = std::min(timeout, std::max(0.0, m_notifier.nextPingS() - Platform::time()));  // the watchdog's ping
        if (m_monitor)                                                                          // the monitor's figures, twice a minute
            timeout = std::min(timeout, std::max(0.0, m_nextHealthS - Platform::time()));
        if (m_displayWakeAt)  // opening, closing, re-applying the power state, the notice's end
            timeout = std::min(timeout, std::max(0.0, static_cast<double>(*m_displayWakeAt - wallNow())));
    }
    m_platform.waitEvents(timeout);
    const bool input = m_wake.exchange(false);
    if (input)
        m_framesToDraw = std::max(m_framesToDraw, 3);  // let ImGui see press and release
    if (m_workerWake.exchange(false) && !closedForVisitors())
        m_framesToDraw = std::max(m_framesToDraw, 1);
    m_notifier.tick(Platform::time());  // from the loop itself: a hung UI thread stops the pings
    // After every sleep (an unmap from outside wakes it), and once a second while frames run.
    if (timeout > 0 || Platform::time() - m_windowCheckedS >= 1.0)
    {
        m_windowCheckedS = Platform::time();
        m_platform.keepWindowUp();  // shown again when hidden; a lost window ends the kiosk (exit 5)
    }
    takePendingCatalog();
    m_notifier.status(serviceStatus());
    if (displayDue())
        stepDisplay();
    feedMonitor();
    if (m_idle.tick(now()))
        resetSession();
    if (closedForVisitors() && !animating() && m_framesToDraw <= 0)
        return;  // closed: nothing is drawn until a touch or the next change
    if (!animating() && m_framesToDraw <= 0 && m_idle.phase() != ui::IdlePhase::Countdown &&
        !(m_session.screen == Screen::Attract && now() >= m_featuredSince + kFeatureSeconds))
        return;
    frame();
    m_framesToDraw = std::max(0, m_framesToDraw - 1);
}

std::string KioskApp::serviceStatus() const
{
    std::string s = m_catalog
                        ? "catalogue " + std::to_string(m_catalog->sequence) + ", " + std::to_string(m_catalog->offers.size()) + " offers"
                        : "no catalogue yet";
    s += "; last sync: ";
    s += m_status.lastAttempt > 0 ? std::string(sync::syncResultKey(m_status.result)) + " at " +
                                        catalog::timeutil::formatRfc3339(ui::regionZone(m_catalog.get()), m_status.lastAttempt)
                                  : "none";
    return s;
}

}  // namespace mint::app
