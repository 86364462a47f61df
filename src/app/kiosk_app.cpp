// The kiosk application: set-up, shutdown, catalogue install, intents -> effects; see
// kiosk_app.hpp for where its other members live.
#include "kiosk_app.hpp"

#include "app/core/map_flow.hpp"
#include "app/core/staff.hpp"
#include "app/install_paths.hpp"
#include "app/map_package_sync.hpp"
#include "app/startup_trace.hpp"
#include "catalog/time_util.hpp"
#include "map/package_update.hpp"
#include "trust/minisign.hpp"
#include "ui_model/date_text.hpp"
#include "ui_model/spoken_text.hpp"
#include "util/fs_util.hpp"
#include "util/log.hpp"

#include <imgui.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>

namespace mint::app
{

namespace
{

constexpr double kCountdownS = 15.0;

}  // namespace

KioskApp::KioskApp(config::KioskConfig config, KioskArgs args)
    : m_config(std::move(config)), m_args(std::move(args)), m_idle(m_config.kiosk.idleTimeoutS, kCountdownS), m_store(m_config.cache.dir)
{
}

KioskApp::~KioskApp()
{
    shutdown();
}

// ---------------------------------------------------------------------------------------
// Set-up and shutdown

bool KioskApp::init(std::string& error)
{
    if (!m_tr.load(dataDir() + "/i18n", m_config.kiosk.languages, error))
        return false;
    m_tr.setLanguage(sessionLanguage(m_session, m_config));
    if (!m_store.prepare(error))
        return false;
    net::initHttpGlobal();
    m_engine = std::make_unique<sync::SyncEngine>(m_config, m_store);
    app::attachMapPackageUpdate(*m_engine, m_config, &m_mapPackageInstalled);
    StartupTrace::get().mark("translations and cache");
    // The cached catalogue and its picture index load on a worker while the window and the
    // GL context are made (the two longest steps of start-up run side by side).
    struct Installed
    {
        sync::CatalogPtr catalog;
        std::unique_ptr<sync::ImageCache> images;
        std::string problem;
    };
    std::future<Installed> installed = std::async(std::launch::async,
                                                  [this]
                                                  {
                                                      Installed r;
                                                      r.catalog = m_engine->loadInstalled(&r.problem);
                                                      if (r.catalog)
                                                      {
                                                          r.images = std::make_unique<sync::ImageCache>(m_store.imagesDir());
                                                          r.images->load();
                                                      }
                                                      return r;
                                                  });
    {
        std::string usage, ignored;
        if (util::readWholeFile(m_config.cache.dir + "/usage.json", usage, ignored))
            m_usage.fromJson(usage);
    }
    if (auto status = m_store.readStatus())
        if (auto s = sync::statusFromJson(*status))
            m_status = *s;

    Platform::Options options;
    options.windowed = m_args.windowed;
    options.hideCursor = m_config.kiosk.hideCursor;
    options.glRung = m_args.glRung;
    const bool opened = m_platform.open(options, &m_wake, error, &m_noOpenGl);
    StartupTrace::get().mark("window and GL");
    if (!opened)
        return false;  // (the worker's future waits for it on the way out)
    int w = 0, h = 0;
    m_platform.framebufferSize(w, h);
    const ui::ScreenLayout large = ui::computeLayout(w, h, 1.3f);
    std::string fontError;
    if (!ui::loadFonts(m_fonts, std::round(large.fontPx * 1.2f), fontError, m_config.kiosk.font, m_config.kiosk.fontBold))
        util::logWarn("fonts", fontError);
    m_platform.prepareRenderer();  // the font atlas and the shaders, while the catalogue still loads
    StartupTrace::get().mark("fonts and renderer");

    auto workerDone = [this]
    {
        m_workerWake = true;
        Platform::wake();
    };
    m_textures = std::make_unique<ui::TextureCache>(256, m_config.images.maxDimension, m_config.images.maxPixels, workerDone);
    m_queries = std::make_unique<QueryWorker>(workerDone);
    setUpMap();
    StartupTrace::get().mark("workers and map");
    Installed cached = installed.get();  // the only thing start-up waits for
    if (cached.catalog)
        installCatalog(cached.catalog, std::move(cached.images));
    setUpDisplay();  // in the catalogue's zone
    if (m_config.speech.enabled)
    {
        // espeak-ng and the sound device are checked on the speaker's own thread.
        speech::Speaker::Options o;
        o.device = m_config.speech.device;
        o.volume = m_config.speech.volume;
        std::string saved, ignored;
        if (util::readWholeFile(m_config.cache.dir + "/speech.json", saved, ignored))
        {
            const auto j = nlohmann::json::parse(saved, nullptr, false);
            if (j.is_object() && j.contains("volume") && j["volume"].is_number_integer())
                o.volume = std::clamp(j["volume"].get<int>(), 0, 100);  // staff's last choice
        }
        o.onChange = workerDone;
        m_speaker = std::make_unique<speech::Speaker>(o);
    }
    if (Monitor::wanted(m_config.monitoring))
    {
        Monitor::Options o;
        o.config = m_config.monitoring;
        o.cacheDir = m_config.cache.dir;
        o.userAgent = net::userAgent(m_config.feed.userAgentContact);
        o.caFile = m_config.feed.caFile;
        m_monitor = std::make_unique<Monitor>(o);
    }
    if (!cached.problem.empty())
        util::logInfo("cache", cached.problem);
    StartupTrace::get().mark("the rest of the catalogue");
    return true;
}

void KioskApp::shutdown()
{
    if (m_platform.isOpen())
        saveUsage();
    if (m_usageSave.valid())
        m_usageSave.wait();
    if (m_cacheSizeJob.valid())
        m_cacheSizeJob.wait();
    if (m_service)
        m_service->stop();
    m_service.reset();
    m_monitor.reset();
    m_speaker.reset();
    if (m_speechSave.valid())
        m_speechSave.wait();
    if (!m_platform.isOpen())
        return;
    m_queries.reset();
    m_power.reset();     // a running power command finishes (it has a time limit)
    m_textures.reset();  // GL textures go before the context
    m_tileLoader.reset();
    m_tileLayer.reset();
    m_platform.close();
}

double KioskApp::now() const
{
    if (m_scripted && m_realtimeBase >= 0)
        return m_realtimeVirtual + (Platform::time() - m_realtimeBase);
    return m_scripted ? m_virtualNow : Platform::time();
}

catalog::Timestamp KioskApp::wallNow() const
{
    if (m_scripted && m_virtualWall)
        return m_virtualWall + static_cast<catalog::Timestamp>(m_virtualNow);
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

bool KioskApp::animating() const
{
    // Pictures being decoded do not count: the decoder wakes the loop when one is ready.
    // Closed: only a finger on the glass (staff holding the corner) keeps frames going.
    if (closedForVisitors())
        return m_touch.down() || m_pinCheck.valid();
    return m_touch.down() || m_session.moving() || !m_catalog || m_pinCheck.valid();
}

std::string KioskApp::today() const
{
    const date::time_zone* zone = ui::regionZone(m_catalog.get());
    return catalog::timeutil::formatDate(catalog::timeutil::localDay(zone, wallNow()));
}

void KioskApp::saveUsage()
{
    // Written on a worker (a slow SD card must not stall a frame); one write at a time, so
    // an older state never lands after a newer one.
    if (m_usageSave.valid())
        m_usageSave.wait();
    m_usageSave = std::async(std::launch::async,
                             [path = m_config.cache.dir + "/usage.json", json = m_usage.toJson()]
                             {
                                 std::string error;
                                 if (!util::writeFileAtomic(path, json, error, false))
                                     util::logWarn("usage", error);
                             });
}

void KioskApp::openAdmin()
{
    saveUsage();
    // Thousands of picture files: walked on a worker; the admin screen shows the size when known.
    if (!m_cacheSizeJob.valid())
        m_cacheSizeJob = std::async(std::launch::async,
                                    [this, dir = m_config.cache.dir]
                                    {
                                        std::uintmax_t bytes = 0;
                                        std::error_code ec;
                                        for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
                                             it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
                                            if (it->is_regular_file(ec))
                                                bytes += it->file_size(ec);
                                        m_workerWake = true;
                                        Platform::wake();
                                        return bytes;
                                    });
}

void KioskApp::setUpMap()
{
    // Tiles: the offline package first, then the online source through its disk cache.
    // Neither (or a damaged package and no online source): the app's own fallback map.
    map::TileSources sources;
    sources.minZoom = m_config.map.minZoom;
    sources.maxZoom = m_config.map.maxZoom;
    std::string packageAttribution;
    if (!m_config.map.mbtiles.empty())
    {
        auto package = std::make_shared<map::MbtilesReader>();
        std::string error;
        if (package->open(m_config.map.mbtiles, error))
        {
            const map::MbtilesInfo& info = package->info();
            sources.minZoom = std::max(m_config.map.minZoom, std::min(info.minZoom, m_config.map.maxZoom));
            sources.maxZoom = info.maxZoom;  // past it, the last level is scaled up
            packageAttribution = info.attribution;
            sources.package = std::move(package);
            util::logInfo("map", "tile package " + m_config.map.mbtiles + ": zoom " + std::to_string(info.minZoom) + "-" +
                                     std::to_string(info.maxZoom) + ", " + info.format);
        }
        else
        {
            m_mapProblem = error;
            util::logError("map", error + " (the map is drawn without tiles)");
        }
    }
    if (!m_config.map.tileUrl.empty())
    {
        m_tileCache = std::make_unique<map::TileDiskCache>();
        std::string error;
        if (!m_tileCache->open(m_config.cache.dir + "/tiles.sqlite", static_cast<std::uint64_t>(m_config.map.cacheMaxMb) << 20, error))
            util::logWarn("map", error + " (online tiles without a disk cache)");
        map::OnlineSourceOptions o;
        o.urlTemplate = m_config.map.tileUrl;
        o.userAgent = net::userAgent(m_config.feed.userAgentContact);
        sources.online = std::make_shared<map::OnlineTileSource>(o, m_tileCache.get());
        if (!sources.package)
        {
            sources.minZoom = m_config.map.minZoom;
            sources.maxZoom = m_config.map.maxZoom;
        }
        else
            sources.maxZoom = std::max(sources.maxZoom, m_config.map.maxZoom);
    }
    m_mapAttribution = !m_config.map.attribution.empty() ? m_config.map.attribution : packageAttribution;
    if (!sources.any())
        return;
    m_tileLoader = std::make_unique<map::TileLoader>(std::move(sources),
                                                     [this]
                                                     {
                                                         m_workerWake = true;
                                                         Platform::wake();
                                                     });
    m_tileLayer = std::make_unique<ui::TileLayer>();
}

ui::AdminInfo KioskApp::adminInfo() const
{
    AdminFacts f;
    f.kioskName = m_config.kiosk.name;
    f.status = m_status;
    f.catalog = m_catalog.get();
    f.syncRequestedAt = m_session.staff.syncRequestedAt;
    f.quitArmed = m_session.staff.quitArmed;
    if (m_tileLoader && m_tileLoader->sources().package)
    {
        f.mapSource = AdminFacts::MapSource::Package;
        f.packagePath = m_config.map.mbtiles;
        f.packageMinZoom = m_tileLoader->sources().package->info().minZoom;
        f.packageMaxZoom = m_tileLoader->sources().package->info().maxZoom;
    }
    else if (m_tileLoader && m_tileLoader->sources().online)
    {
        f.mapSource = AdminFacts::MapSource::Online;
        f.onlineCacheBytes = m_tileCache ? m_tileCache->bytes() : 0;
        f.onlineCacheMaxMb = m_config.map.cacheMaxMb;
    }
    if (m_tileLoader)
        f.tiles = m_tileLoader->counters();
    f.mapProblem = m_mapProblem;
    f.wallNow = wallNow();
    for (const std::string& line : m_config.feed.publicKeys)
    {
        std::string error;
        if (auto key = trust::parsePublicKey(line, error))
            f.feedKeyIds.push_back(key->idHex());
    }
    if (!m_cacheSizeJob.valid())
        f.cacheBytes = m_cacheBytes;
    f.cacheDir = m_config.cache.dir;
    f.usage = &m_usage;
    f.today = today();
    f.uptimeS = static_cast<long>(now() - m_startS);
    if (m_speaker && m_speaker->available())
        f.speechVolume = m_speaker->volume();
    if (m_monitor)
    {
        const Monitor::State ms = m_monitor->state();
        auto& m = f.monitoring;
        m.heartbeat = !m_config.monitoring.heartbeatUrl.empty();
        m.textfile = !m_config.monitoring.textfileDir.empty();
        m.stats = !m_config.monitoring.statsUrl.empty();
        m.lastHeartbeatAt = ms.lastHeartbeatAt;
        m.heartbeatError = ms.heartbeatError;
        m.textfilePath = m_config.monitoring.textfileDir + "/mint_kiosk.prom";
        m.textfileError = ms.textfileError;
        m.statsSentUntil = ms.statsSentUntil;
        m.statsError = ms.reportError;
    }
    if (m_display)
    {
        const config::OpeningHours hours(m_config.display, m_displayZone);
        f.display.scheduled = true;
        f.display.open = hours.isOpen(f.wallNow);
        f.display.nextChange = hours.nextChange(f.wallNow);
        f.display.forcedUntil = m_display->forcedUntil();
        f.display.offMode = m_config.display.off;
        f.display.problem = m_power ? m_power->problem() : std::string();
    }
    return app::adminInfo(f, m_tr);
}

HealthFigures KioskApp::healthFigures() const
{
    HealthFigures f;
    f.kiosk = m_config.kiosk.name;
    f.version = MINT_VERSION;
    f.uptimeS = now() - m_startS;
    f.now = wallNow();
    if (m_catalog)
    {
        f.sequence = m_catalog->sequence;
        f.generatedAt = m_catalog->generatedAt;
        f.offers = m_catalog->offers.size();
    }
    f.picturesMissing = m_status.imagesMissing;
    if (m_status.lastAttempt > 0)
    {
        f.lastSyncResult = sync::syncResultKey(m_status.result);
        if (m_status.result == sync::SyncResult::Failed)
            f.lastSyncError = sync::failureKey(m_status.failure);
    }
    f.lastSyncAt = m_status.lastAttempt;
    f.lastSuccessAt = m_status.lastSuccess;
    f.syncs = m_syncs;
    f.syncFailures = m_syncFailures;
    f.mapStatus = !m_mapProblem.empty() ? "problem" : m_tileLoader ? (m_tileLoader->sources().package ? "package" : "online") : "none";
    f.displayScheduled = m_display != nullptr;
    f.display = !m_display ? "on" : m_displayOpen ? "on" : m_noticeShowing ? "notice" : "off";
    if (m_lastTouchS >= 0)
        f.minutesSinceTouch = (now() - m_lastTouchS) / 60.0;
    f.lastFrameAt = m_lastFrameAt;
    f.frameMsP95 = m_frameTimes.p95(Platform::time());
    f.glRenderer = m_platform.gl().renderer;
    const auto day = m_usage.days().find(today());
    f.sessionsToday = day != m_usage.days().end() ? day->second.sessions : 0;
    const ui::DayUsage all = m_usage.total();
    f.sessionsTotal = static_cast<std::uint64_t>(all.sessions);
    f.detailViewsTotal = static_cast<std::uint64_t>(all.detailViews);
    f.qrShownTotal = static_cast<std::uint64_t>(all.qrShown);
    for (const auto& [combo, n] : all.nothingFound)
        f.nothingFoundTotal += static_cast<std::uint64_t>(n);
    return f;
}

void KioskApp::feedMonitor(bool force)
{
    constexpr double kEveryS = 30;
    if (!m_monitor || (!force && Platform::time() < m_nextHealthS))
        return;
    m_nextHealthS = Platform::time() + kEveryS;
    m_monitor->update(healthFigures(), m_usage, today());
}

// ---------------------------------------------------------------------------------------
// The catalogue

void KioskApp::takePendingCatalog()
{
    sync::CatalogPtr cat;
    std::unique_ptr<sync::ImageCache> images;
    {
        std::lock_guard<std::mutex> lock(m_pendingMutex);
        cat = std::move(m_pendingCatalog);
        images = std::move(m_pendingImages);
    }
    if (cat)
        installCatalog(cat, std::move(images));
    if (m_mapPackageInstalled.exchange(false) && m_platform.isOpen())
    {
        // A new map package is in place: reopen it (rare; the old loader's workers finish first).
        m_tileLoader.reset();
        m_tileLayer.reset();
        m_tileCache.reset();
        m_mapProblem.clear();
        setUpMap();
        m_framesToDraw = std::max(m_framesToDraw, 2);
    }
    if (m_service)
        m_status = m_service->status();
    if (m_status.lastAttempt > 0 && m_status.lastAttempt != m_countedAttempt)
    {
        // Counted once per run, for the monitor's counters.
        m_countedAttempt = m_status.lastAttempt;
        ++m_syncs;
        if (m_status.result == sync::SyncResult::Failed)
            ++m_syncFailures;
    }
}

void KioskApp::installCatalog(sync::CatalogPtr cat, std::unique_ptr<sync::ImageCache> images)
{
    m_soon.clear();  // offer indices into the catalogue being replaced
    if (!images)
    {
        images = std::make_unique<sync::ImageCache>(m_store.imagesDir());
        images->load();
    }
    m_images = std::move(images);
    m_imagePaths.clear();
    m_framesToDraw = std::max(m_framesToDraw, 2);
    if (cat == m_catalog)
        return;  // the same catalogue with new pictures (a not-modified sync fetched some)
    m_catalog = std::move(cat);
    m_results = catalog::QueryResult{};  // indices of the old catalogue must not be drawn
    m_chipCounts.clear();
    m_resultsDirty = true;
    m_session.map.listed.clear();  // offer indices of the old catalogue
    // An offer shown in detail may be gone from the new catalogue.
    if (m_session.screen == Screen::Detail && (!m_catalog->findOffer(m_session.detailId)))
        m_session.screen = Screen::Home;
}

std::string KioskApp::imagePathFor(const std::string& url) const
{
    if (!m_images)
        return {};
    // Remembered per catalogue: ImageCache::find checks the file on disk, and cards ask
    // for their picture every frame.
    auto it = m_imagePaths.find(url);
    if (it != m_imagePaths.end())
        return it->second;
    sync::ImageEntry e;
    std::string path;
    if (m_images->find(net::resolveUrl(m_catalog && !m_catalog->sourceUrl.empty() ? m_catalog->sourceUrl : m_config.feed.url, url), e))
        path = m_images->pathOf(e);
    return m_imagePaths.emplace(url, path).first->second;
}

// ---------------------------------------------------------------------------------------
// Queries, session, intents and their effects

void KioskApp::refreshResults()
{
    // The query runs on the worker; the screen keeps the previous results until it answers.
    QueryRequest r;
    r.catalog = m_catalog;
    r.browse = m_session.browse;
    r.now = wallNow();
    if (m_config.kiosk.lat && m_config.kiosk.lon)
        r.kiosk = catalog::GeoPoint{*m_config.kiosk.lat, *m_config.kiosk.lon};
    r.chipCounts = m_session.screen == Screen::Results;
    r.countAll = m_session.screen == Screen::Home;
    r.generation = ++m_queryGeneration;
    m_queries->submit(std::move(r));
    m_resultsDirty = false;
}

void KioskApp::takeQueryAnswer()
{
    auto answer = m_queries ? m_queries->take() : std::nullopt;
    if (!answer || answer->generation != m_queryGeneration || answer->catalog != m_catalog)
        return;  // an older question, or one about a catalogue that has been replaced
    m_results = std::move(answer->result);
    m_chipCounts = std::move(answer->chipCounts);
    if (answer->allTotal)
    {
        m_allTotal = *answer->allTotal;
        m_soon = std::move(answer->soon);
    }
    m_framesToDraw = std::max(m_framesToDraw, 1);
    // A demand signal for the network: which filter combinations found nothing.
    const ui::BrowseState& browse = m_session.browse;
    if (m_results.total == 0 && browse.anyFilter() && m_session.screen == Screen::Results)
    {
        const std::string combo = ui::filterCombination(browse);
        if (combo != m_session.lastNothingFound)
            m_usage.nothingFound(today(), combo);
        m_session.lastNothingFound = combo;
    }
}

void KioskApp::resetSession()
{
    // Nothing of the previous visitor remains: the session is replaced whole.
    saveUsage();
    m_session = VisitorSession{};
    if (m_speaker)
        m_speaker->stop();
    m_tr.setLanguage(sessionLanguage(m_session, m_config));
    m_featuredSince = now();
    m_resultsDirty = true;
    m_framesToDraw = std::max(m_framesToDraw, 2);
}

IntentContext KioskApp::intentContext() const
{
    IntentContext ctx;
    ctx.config = &m_config;
    ctx.catalog = m_catalog.get();
    ctx.results = &m_results;
    ctx.nowS = now();
    ctx.wallNow = wallNow();
    ctx.fontPx = m_layout.fontPx > 0 ? m_layout.fontPx : 30;
    ctx.touchMinPx = m_layout.touchMin > 0 ? m_layout.touchMin : 80;
    ctx.pinLocked = m_pinGuard.locked(ctx.nowS);
    ctx.pinChecking = m_pinCheck.valid();
    return ctx;
}

void KioskApp::applyIntents()
{
    if (m_intents.empty())
        return;
    std::vector<ui::Intent> intents;
    intents.swap(m_intents);
    carryOut(app::applyIntents(m_session, intents, intentContext()));
    m_framesToDraw = std::max(m_framesToDraw, 2);
}

void KioskApp::syncNow()
{
    if (m_service)
        m_service->syncNow();
    else
    {
        // Scripts: on this thread, with the script's clock.
        m_status = m_engine->runOnce();
        if (auto cat = m_engine->catalog(); cat && cat != m_catalog)
            installCatalog(cat);
        takePendingCatalog();  // counts the run for the monitor
    }
}

void KioskApp::carryOut(const Effects& fx)
{
    if (m_tr.language() != sessionLanguage(m_session, m_config))
        m_tr.setLanguage(sessionLanguage(m_session, m_config));
    if (fx.query)
        m_resultsDirty = true;
    if (fx.sessionStarted)
        m_usage.session(today());
    if (fx.detailViewed)
        m_usage.detailView(today());
    if (fx.qrShown)
        m_usage.qrShown(today());
    if (fx.stillHere)
        m_idle.touch(now());
    if (fx.checkPin)
        // PBKDF2 takes a moment: check on a worker so the frame loop keeps drawing.
        m_pinCheck = std::async(std::launch::async, config::verifyPin, m_session.staff.pinDigits, m_config.admin.pinHash);
    if (fx.syncNow)
        syncNow();
    if (m_display && (fx.displayOn || fx.displaySchedule))
    {
        if (fx.displayOn)
            m_display->forceOn(wallNow());
        else
            m_display->followSchedule();
        util::logInfo("admin", fx.displayOn ? "staff switched the screen on until the next opening"
                                            : "staff: the screen follows the opening hours again");
        stepDisplay();
    }
    if (fx.quit)
    {
        util::logInfo("admin", "staff quit the kiosk from the admin screen");
        m_quit = true;
    }
    if (fx.resetSession)
        resetSession();
    if (m_speaker)
    {
        if (!fx.readAloud.empty() && m_catalog)
            if (const catalog::Offer* o = m_catalog->findOffer(fx.readAloud))
                m_speaker->say(ui::spokenOffer(m_tr, *m_catalog, *o, m_tr.language(), wallNow()), m_tr.language());
        // Stopped by its button, and whenever the page it reads is left.
        if (fx.stopReading || (m_session.screen != Screen::Detail && m_speaker->speaking()))
            m_speaker->stop();
        if (fx.volumeStep)
            setVolume(m_speaker->volume() + 10 * fx.volumeStep);
    }
}

void KioskApp::setVolume(int volume)
{
    m_speaker->setVolume(volume);
    util::logInfo("admin", "read-aloud volume " + std::to_string(m_speaker->volume()) + " %");
    // Kept for the next start, written off the UI thread.
    if (m_speechSave.valid())
        m_speechSave.wait();
    m_speechSave = std::async(std::launch::async,
                              [path = m_config.cache.dir + "/speech.json", v = m_speaker->volume()]
                              {
                                  std::string error;
                                  if (!util::writeFileAtomic(path, "{\"volume\": " + std::to_string(v) + "}\n", error, false))
                                      util::logWarn("speech", error);
                              });
}

}  // namespace mint::app
