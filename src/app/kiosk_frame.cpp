// One frame of the kiosk: input, the staff corner, workers' results, the screen of the
// session and its overlays, render; then the frame's intents. See kiosk_app.hpp.
#include "kiosk_app.hpp"

#include "app/core/map_flow.hpp"
#include "app/core/staff.hpp"
#include "app/startup_trace.hpp"
#include "ui/draw_layers.hpp"
#include "ui_model/date_text.hpp"
#include "util/log.hpp"

#include <imgui.h>

#include <algorithm>
#include <chrono>

namespace mint::app
{

namespace
{

constexpr double kFeatureSeconds = 8.0;

map::MapFinger fingerOf(const ui::TouchInput& t)
{
    map::MapFinger f;
    f.pressed = t.pressedThisFrame();
    f.down = t.down();
    f.released = t.releasedThisFrame();
    f.swiped = t.swiped();
    f.x = t.pos().x;
    f.y = t.pos().y;
    f.pressX = t.pressPos().x;
    f.pressY = t.pressPos().y;
    return f;
}

}  // namespace

double KioskApp::featureSeconds()
{
    return kFeatureSeconds;
}

void KioskApp::frame()
{
    const auto frameStart = std::chrono::steady_clock::now();
    takeQueryAnswer();
    const double t = now();
    std::optional<Platform::Pointer> pointer;
    if (m_scripted && m_realtimeBase < 0)  // a script's "realtime" takes the real pointer
        pointer = Platform::Pointer{m_pointer.x, m_pointer.y, m_pointerDown, std::max(1e-3, t - m_lastFrameTime)};
    m_lastFrameTime = t;
    m_platform.beginFrame(pointer);

    int w = 0, h = 0;
    m_platform.framebufferSize(w, h);
    VisitorSession& s = m_session;
    ui::UiContext c;
    c.layout = ui::computeLayout(w, h, s.a11y.largeText ? 1.25f : 1.0f);
    m_layout = c.layout;
    m_touch.update(c.layout.fontPx * 0.5f, t);
    // The accessibility profile gives twice the time before "Bist du noch da?" and for the
    // answer (WCAG 2.2.1); while something is read aloud, the visitor is listening.
    m_idle.setTimeScale(s.a11y.any() ? 2.0 : 1.0);
    if (m_speaker && m_speaker->speaking() && m_idle.phase() == ui::IdlePhase::Active)
        m_idle.touch(t);
    if (m_touch.pressedThisFrame() || m_touch.down())
    {
        m_idle.touch(t);
        m_lastTouchS = t;
    }
    // Staff: press and hold the configured corner to reach the PIN pad.
    if (m_touch.pressedThisFrame())
    {
        m_pressStartS = t;
        m_holdFired = false;
    }
    if (m_touch.down() && !m_touch.swiped() && !m_holdFired &&
        inAdminCorner(c.layout, m_config.admin.corner, m_touch.pressPos().x, m_touch.pressPos().y) &&
        t - m_pressStartS >= m_config.admin.holdS && s.screen != Screen::Pin && s.screen != Screen::Admin &&
        !m_config.admin.pinHash.empty())
    {
        m_holdFired = true;
        openPinPad(s);
    }
    if (m_cacheSizeJob.valid() && m_cacheSizeJob.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
        m_cacheBytes = m_cacheSizeJob.get();
    if (m_pinCheck.valid() && m_pinCheck.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
        if (pinAnswered(s, m_pinGuard, m_pinCheck.get(), t, m_tr))
            openAdmin();
    const bool closed = closedForVisitors();
    if (closed)
    {
        // Closed: black, and a touch shows "Geschlossen – wieder ab ..." for a few seconds
        // (the screens are not drawn, so the touch reaches nothing behind it).
        if (m_touch.pressedThisFrame())
        {
            if (m_display->touchWhileClosed(wallNow()))
                stepDisplay();
            else
                m_power->set(false);  // no notice: an X server wakes a DPMS-off monitor on input; off again
        }
        m_hits.beginFrame();
        m_textRecorder.texts.clear();
        ui::textRecorder() = nullptr;
        c.dl = ImGui::GetBackgroundDrawList();
        ui::beginLayers(c.dl, m_textures->white());
        c.fonts = &m_fonts;
        c.th = &ui::theme(true);
        c.tr = &m_tr;
        drawClosed(c);
    }
    else
    {
        m_hits.beginFrame();
        // Scripted runs (the UI tests) record where every text went, for the layout check;
        // never while measuring frame times.
        m_textRecorder.texts.clear();
        m_textRecorder.tag.clear();
        ui::textRecorder() = m_scripted && !m_measuring ? &m_textRecorder : nullptr;
        if (m_textures->uploadReady(4) == 4)
            m_framesToDraw = std::max(m_framesToDraw, 2);  // more pictures may be waiting
        // Tiles are uploaded a few per frame; frames go on while decoded ones wait (however
        // many of the taken ones turned out missing), so none is left waiting for a wake-up.
        if (m_tileLayer && m_tileLoader)
        {
            m_tileLayer->upload(*m_tileLoader, 4, t);
            if (m_tileLoader->readyCount() > 0)
                m_framesToDraw = std::max(m_framesToDraw, 2);
        }

        c.dl = ImGui::GetBackgroundDrawList();
        ui::beginLayers(c.dl, m_textures->white());
        c.fonts = &m_fonts;
        c.th = &ui::theme(s.a11y.highContrast);
        c.tr = &m_tr;
        c.touch = &m_touch;
        c.hits = &m_hits;
        c.textures = m_textures.get();
        c.catalog = m_catalog.get();
        c.lang = m_tr.language();
        c.highContrast = s.a11y.highContrast;
        c.lowReach = s.a11y.lowReach;
        c.speech = m_speaker && m_speaker->available();
        c.speaking = m_speaker && m_speaker->speaking();
        m_speakingShown = c.speaking;
        c.nowS = t;
        c.wallNow = wallNow();
        c.imagePath = [this](const std::string& url) { return imagePathFor(url); };
        c.intents = &m_intents;

        // The scrollers move between frames by the real (or virtual) time elapsed.
        const double dt = std::clamp(t - m_lastScrollS, 0.0, 0.1);
        for (ui::KineticScroller* k : {&s.scroller, &s.detailScroller, &s.filterScroller, &s.mapListScroller})
            k->update(dt);
        m_lastScrollS = t;

        if (!m_catalog)
        {
            std::string next;
            if (m_status.nextAttempt > 0)
                next = ui::clockTime(ui::regionZone(nullptr), m_status.nextAttempt);  // no catalogue yet: the default zone
            ui::drawLoading(c, next);
        }
        else
        {
            if (m_resultsDirty && needsResults(s.screen))
                refreshResults();
            drawScreen(c, t);
            const std::string dataDate = ui::germanDate(ui::regionZone(m_catalog.get()), m_catalog->generatedAt);
            const std::int64_t staleS = static_cast<std::int64_t>(m_config.feed.staleAfterH) * 3600;
            // Old data, or a catalogue past its valid_until ("now" never before its generated_at).
            const bool expired = m_catalog->validUntil && std::max(c.wallNow, m_catalog->generatedAt) > *m_catalog->validUntil;
            m_staleShown =
                ((m_status.lastSuccess > 0 && c.wallNow - m_status.lastSuccess > staleS) || expired) && s.screen != Screen::Attract;
            ui::closeLayer(c.dl);  // notices and overlays cover the screen's text too
            if (m_staleShown)
            {
                m_textRecorder.tag = "overlay";  // covers the screen's corner by design
                ui::drawStaleNotice(c, dataDate);
                m_textRecorder.tag.clear();
            }
            if (m_idle.phase() == ui::IdlePhase::Countdown && s.screen != Screen::Attract)
            {
                ui::closeLayer(c.dl);
                m_textRecorder.tag = "overlay";
                ui::drawIdleOverlay(c, m_idle.countdownLeft(t));
                m_textRecorder.tag.clear();
            }
        }
    }
    ui::endLayers(c.dl);
    ImGui::Render();
    const auto buildEnd = std::chrono::steady_clock::now();
    const ImVec4 bg = closed ? ImVec4(0, 0, 0, 1) : ImGui::ColorConvertU32ToFloat4(c.th->background);
    m_platform.render(bg.x, bg.y, bg.z);
    if (!m_screenshotPath.empty())
    {
        std::string error;
        if (!writeScreenshot(m_screenshotPath, error))
            util::logWarn("script", error);
        m_screenshotPath.clear();
    }
    m_platform.present();
    ++m_framesDrawn;
    m_lastFrameAt = wallNow();
    m_frameTimes.add(Platform::time(), std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frameStart).count());
    if (m_measuring)
    {
        m_frameMs.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frameStart).count());
        m_buildMs.push_back(std::chrono::duration<double, std::milli>(buildEnd - frameStart).count());
    }
    if (!m_readySent)
    {
        // The first frame is up (the catalogue, or the loading screen when there is none
        // yet): the service has started.
        m_readySent = true;
        m_notifier.status(serviceStatus());
        m_notifier.ready();
    }
    if (!m_firstContentLogged && m_catalog && !m_scripted)
    {
        m_firstContentLogged = true;
        StartupTrace::get().mark("first frame");
        util::logInfo("app", "first frame with content " + std::to_string(static_cast<int>(Platform::time() * 1000)) + " ms after start");
        util::logInfo("app", "start-up: " + StartupTrace::get().summary());
    }
    if (closed)
        m_intents.clear();
    applyIntents();
}

void KioskApp::drawScreen(const ui::UiContext& c, double t)
{
    VisitorSession& s = m_session;
    switch (s.screen)
    {
    case Screen::Attract:
    {
        if (t >= m_featuredSince + kFeatureSeconds)
        {
            ++m_featured;
            m_featuredSince = t;
        }
        const std::size_t slots = m_catalog->offers.size() + m_catalog->stories.size();
        const std::size_t i = slots ? m_featured % slots : 0;
        const catalog::Story* story = i < m_catalog->stories.size() ? &m_catalog->stories[i] : nullptr;
        const catalog::Offer* offer =
            !story && !m_catalog->offers.empty() ? &m_catalog->offers[(i * 7) % m_catalog->offers.size()] : nullptr;
        // The next offers of the rotation (portrait shows two under the big card).
        std::vector<const catalog::Offer*> more;
        for (std::size_t k = 1; k <= 2 && !m_catalog->offers.empty(); ++k)
            more.push_back(&m_catalog->offers[((i + k) * 7) % m_catalog->offers.size()]);
        ui::drawAttract(c, offer, story, ui::germanDate(ui::regionZone(m_catalog.get()), m_catalog->generatedAt), more);
        break;
    }
    case Screen::Home: ui::drawHome(c, s.a11y, m_allTotal, m_soon); break;
    case Screen::Results:
    {
        ui::ResultsView v;
        v.result = &m_results;
        v.browse = &s.browse;
        v.scroller = &s.scroller;
        v.kioskHasLocation = m_config.kiosk.lat.has_value();
        v.chipCounts = &m_chipCounts;
        v.filtersOpen = s.filtersOpen;
        v.filterScroller = &s.filterScroller;
        ui::drawResults(c, v);
        break;
    }
    case Screen::Search: ui::drawSearch(c, s.browse.text, m_results); break;
    case Screen::Pin: ui::drawPinPad(c, s.staff.pinDigits.size(), pinMessageShown(s.staff, m_pinGuard, t, m_tr)); break;
    case Screen::Admin: ui::drawAdmin(c, adminInfo()); break;
    case Screen::Map:
    {
        // The map's logic steps first (motion, the finger, markers); the screen draws it.
        stepMap(s, fingerOf(m_touch), c.layout, m_config, *m_catalog, m_results, t);
        ui::MapScreenView mv;
        mv.state = &s.map;
        mv.listScroller = &s.mapListScroller;
        if (m_config.kiosk.lat && m_config.kiosk.lon)
            mv.kiosk = catalog::GeoPoint{*m_config.kiosk.lat, *m_config.kiosk.lon};
        mv.bbox = m_catalog->region.bbox;
        mv.attribution = m_mapAttribution;
        mv.minZoom = m_config.map.minZoom;
        mv.maxZoom = m_config.map.maxZoom;
        mv.tiles = m_tileLayer.get();
        mv.loader = m_tileLoader.get();
        m_mapTiles = ui::drawMap(c, mv);
        break;
    }
    case Screen::Detail:
        // installCatalog leaves the detail screen when its offer is gone.
        if (const catalog::Offer* o = m_catalog->findOffer(s.detailId))
            ui::drawDetail(c, *o, s.detailScroller);
        break;
    }
}

}  // namespace mint::app
