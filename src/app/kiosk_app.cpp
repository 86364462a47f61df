// The kiosk application; see kiosk_app.hpp.
//
// Index of this file
// [SECTION] Set-up and shutdown (GLFW, glad, ImGui; the order of ImGui's own example)
// [SECTION] The event-driven loop
// [SECTION] One frame
// [SECTION] Intents and session state
// [SECTION] Scripted scenarios (virtual time, injected touches, screenshots, state dumps)
#include "kiosk_app.hpp"

#include "app/map_package_sync.hpp"
#include "map/cluster.hpp"
#include "map/package_update.hpp"
#include "ui/draw_layers.hpp"
#include "ui_model/date_text.hpp"
#include "ui_model/offer_text.hpp"
#include "util/json_text.hpp"

#include "catalog/time_util.hpp"
#include "media/image_encode.hpp"
#include "util/fs_util.hpp"
#include "util/log.hpp"

// glad before GLFW: GLFW must not pull in the system's GL header first.
#include <glad/gl.h>

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <functional>
#include <sys/resource.h>
#include <thread>

namespace mint::app
{

const char* screenName(Screen s)
{
    switch (s)
    {
    case Screen::Attract: return "attract";
    case Screen::Home: return "home";
    case Screen::Results: return "results";
    case Screen::Detail: return "detail";
    case Screen::Search: return "search";
    case Screen::Pin: return "pin";
    case Screen::Admin: return "admin";
    case Screen::Map: return "map";
    }
    return "?";
}

namespace
{

constexpr double kMapStartZoom = 10;  ///< the map opens here, and "back to the start" returns here

constexpr double kCountdownS = 15.0;
constexpr double kFeatureSeconds = 8.0;

KioskApp* g_app = nullptr;  // for GLFW callbacks
std::atomic<bool>* g_dirty = nullptr;

void markDirty(GLFWwindow*)
{
    if (g_dirty)
        *g_dirty = true;
}

}  // namespace

KioskApp::KioskApp(config::KioskConfig config, KioskArgs args)
    : m_config(std::move(config)), m_args(std::move(args)), m_idle(m_config.kiosk.idleTimeoutS, kCountdownS), m_store(m_config.cache.dir)
{
    g_app = this;
    g_dirty = &m_wake;
}

KioskApp::~KioskApp()
{
    shutdown();
    g_app = nullptr;
    g_dirty = nullptr;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Set-up and shutdown

bool KioskApp::init(std::string& error)
{
    if (!m_tr.load(std::string(MINT_ASSETS_DIR) + "/i18n", m_config.kiosk.languages, error))
        return false;
    if (!m_store.prepare(error))
        return false;
    net::initHttpGlobal();
    m_engine = std::make_unique<sync::SyncEngine>(m_config, m_store);
    app::attachMapPackageUpdate(*m_engine, m_config, &m_mapPackageInstalled);
    std::string problem;
    if (auto cat = m_engine->loadInstalled(&problem))
        installCatalog(cat);
    if (!problem.empty())
        util::logInfo("cache", problem);
    {
        std::string usage, ignored;
        if (util::readWholeFile(m_config.cache.dir + "/usage.json", usage, ignored))
            m_usage.fromJson(usage);
    }
    if (auto status = m_store.readStatus())
        if (auto s = sync::statusFromJson(*status))
            m_status = *s;

    glfwSetErrorCallback([](int code, const char* text) { util::logError("glfw", std::to_string(code) + ": " + text); });
    if (!glfwInit())
    {
        error = "cannot start GLFW (no display?)";
        return false;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    if (m_args.windowed)
    {
        glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
        m_window = glfwCreateWindow(m_args.windowed->first, m_args.windowed->second, "MINT Kiosk", nullptr, nullptr);
    }
    else
    {
        // Full screen in the monitor's native mode, undecorated.
        GLFWmonitor* monitor = glfwGetPrimaryMonitor();
        const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
        glfwWindowHint(GLFW_DECORATED, GLFW_FALSE);
        if (mode)
        {
            glfwWindowHint(GLFW_REFRESH_RATE, mode->refreshRate);
            m_window = glfwCreateWindow(mode->width, mode->height, "MINT Kiosk", monitor, nullptr);
        }
    }
    if (!m_window)
    {
        error = "cannot open an OpenGL 3.3 window";
        return false;
    }
    glfwMakeContextCurrent(m_window);
    glfwSwapInterval(1);
    if (!gladLoadGL(glfwGetProcAddress))
    {
        error = "cannot load OpenGL functions";
        return false;
    }
    if (m_config.kiosk.hideCursor && !m_args.windowed)
        glfwSetInputMode(m_window, GLFW_CURSOR, GLFW_CURSOR_HIDDEN);
    // No way out for the public: closing the window (Alt+F4, the window manager) does nothing.
    glfwSetWindowCloseCallback(m_window, [](GLFWwindow* w) { glfwSetWindowShouldClose(w, GLFW_FALSE); });
    // Our callbacks first; ImGui's backend chains to them (install_callbacks = true).
    glfwSetCursorPosCallback(m_window, [](GLFWwindow* w, double, double) { markDirty(w); });
    glfwSetMouseButtonCallback(m_window, [](GLFWwindow* w, int, int, int) { markDirty(w); });
    glfwSetWindowRefreshCallback(m_window, markDirty);
    glfwSetFramebufferSizeCallback(m_window, [](GLFWwindow* w, int, int) { markDirty(w); });

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // nothing of a visitor is written to disk
    io.LogFilename = nullptr;
    ImGui_ImplGlfw_InitForOpenGL(m_window, true);
    ImGui_ImplOpenGL3_Init("#version 330");

    int w = 0, h = 0;
    glfwGetFramebufferSize(m_window, &w, &h);
    const ui::ScreenLayout large = ui::computeLayout(w, h, 1.3f);
    std::string fontError;
    if (!ui::loadFonts(m_fonts, std::round(large.fontPx * 1.2f), fontError, m_config.kiosk.font, m_config.kiosk.fontBold))
        util::logWarn("fonts", fontError);

    m_textures = std::make_unique<ui::TextureCache>(256, m_config.images.maxDimension, m_config.images.maxPixels,
                                                    [this]
                                                    {
                                                        m_workerWake = true;
                                                        glfwPostEmptyEvent();
                                                    });
    m_queries = std::make_unique<QueryWorker>(
        [this]
        {
            m_workerWake = true;
            glfwPostEmptyEvent();
        });
    setUpMap();
    return true;
}

void KioskApp::shutdown()
{
    if (m_window)
        saveUsage();
    if (m_usageSave.valid())
        m_usageSave.wait();
    if (m_cacheSizeJob.valid())
        m_cacheSizeJob.wait();
    if (m_service)
        m_service->stop();
    m_service.reset();
    if (!m_window)
        return;
    m_queries.reset();
    m_textures.reset();  // GL textures go before the context
    m_tileLoader.reset();
    m_tileLayer.reset();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(m_window);
    glfwTerminate();
    m_window = nullptr;
}

// ---------------------------------------------------------------------------------------
// [SECTION] The event-driven loop

double KioskApp::now() const
{
    if (m_scripted && m_realtimeBase >= 0)
        return m_realtimeVirtual + (glfwGetTime() - m_realtimeBase);
    return m_scripted ? m_virtualNow : glfwGetTime();
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
    return m_touch.down() || m_scroller.moving() || m_scroller.dragging() || m_detailScroller.moving() || m_filterScroller.moving() ||
           !m_catalog || m_pinCheck.valid() || (m_screen == Screen::Map && m_map.moving());
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

ui::Rect KioskApp::adminCorner(const ui::ScreenLayout& l) const
{
    const float s = l.touchMin;
    const float W = static_cast<float>(l.width), H = static_cast<float>(l.height);
    const std::string& c = m_config.admin.corner;
    const float x = c == "top_right" || c == "bottom_right" ? W - s : 0;
    const float y = c == "bottom_left" || c == "bottom_right" ? H - s : 0;
    return ui::Rect{ImVec2(x, y), ImVec2(x + s, y + s)};
}

void KioskApp::openAdmin()
{
    m_screen = Screen::Admin;
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
                                        glfwPostEmptyEvent();
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
                                                         glfwPostEmptyEvent();
                                                     });
    m_tileLayer = std::make_unique<ui::TileLayer>();
}

std::string KioskApp::pinMessageShown(double t) const
{
    if (m_pinGuard.locked(t))
        return m_tr.format("admin.wait", {{"n", std::to_string(m_pinGuard.secondsShown(t))}});
    return m_pinMessage;
}

ui::AdminInfo KioskApp::adminInfo() const
{
    ui::AdminInfo info;
    info.kioskName = m_config.kiosk.name;
    const date::time_zone* zone = ui::regionZone(m_catalog.get());
    auto when = [&](std::int64_t t)
    {
        // German form with the year: staff compare it with a calendar at 7 am.
        return t <= 0 ? std::string("—") : ui::germanDateTime(zone, t);
    };
    const std::string result = m_tr.tr(std::string("admin.result.") + sync::syncResultKey(m_status.result));
    info.syncLines.push_back(
        m_tr.format("admin.result_line",
                    {{"result", result}, {"http", m_status.httpStatus ? " (HTTP " + std::to_string(m_status.httpStatus) + ")" : ""}}));
    info.syncLines.push_back(
        m_tr.format("admin.attempt_line", {{"last", when(m_status.lastAttempt)}, {"success", when(m_status.lastSuccess)}}));
    info.syncLines.push_back(m_tr.format("admin.next_line", {{"next", when(m_status.nextAttempt)}}));
    info.quitArmed = m_quitArmed;
    if (m_syncRequestedAt > 0)
    {
        const bool done = m_status.lastAttempt >= m_syncRequestedAt;
        info.syncNotice = done ? m_tr.format("admin.sync_done", {{"result", result}}) : m_tr.tr("admin.sync_running");
        info.syncRunning = !done;
    }
    if (m_status.result == sync::SyncResult::Failed)
        info.syncError = m_tr.tr(std::string("sync_error.") + sync::failureKey(m_status.failure)) +
                         (m_status.detail.empty() ? "" : " [" + m_status.detail + "]");
    if (m_catalog)
    {
        info.catalogLines.push_back(m_tr.format("admin.catalog_line", {{"seq", std::to_string(m_catalog->sequence)},
                                                                       {"offers", std::to_string(m_catalog->offers.size())},
                                                                       {"date", ui::germanDate(zone, m_catalog->generatedAt)}}));
        info.catalogLines.push_back(m_tr.format(
            "admin.images_line", {{"cached", std::to_string(m_status.imagesCached)}, {"missing", std::to_string(m_status.imagesMissing)}}));
    }
    // The map: where its tiles come from and what went wrong.
    if (m_tileLoader && m_tileLoader->sources().package)
        info.catalogLines.push_back(
            m_tr.format("admin.map_package", {{"path", m_config.map.mbtiles},
                                              {"min", std::to_string(m_tileLoader->sources().package->info().minZoom)},
                                              {"max", std::to_string(m_tileLoader->sources().package->info().maxZoom)}}));
    else if (m_tileLoader && m_tileLoader->sources().online)
        info.catalogLines.push_back(m_tr.format("admin.map_online", {{"mib", std::to_string(m_tileCache ? m_tileCache->bytes() >> 20 : 0)},
                                                                     {"max", std::to_string(m_config.map.cacheMaxMb)}}));
    else
        info.catalogLines.push_back(m_tr.tr("admin.map_none"));
    if (m_tileLoader)
    {
        const map::LoaderCounters n = m_tileLoader->counters();
        info.catalogLines.push_back(m_tr.format("admin.map_tiles_line", {{"loaded", std::to_string(n.loaded)},
                                                                         {"failed", std::to_string(n.failed)},
                                                                         {"last", n.lastError.empty() ? "" : " (" + n.lastError + ")"}}));
    }
    if (!m_mapProblem.empty())
        info.catalogLines.push_back(m_tr.format("admin.map_problem", {{"problem", m_mapProblem}}));
    info.catalogLines.push_back(
        m_tr.format("admin.cache_line",
                    {{"kib", m_cacheSizeJob.valid() ? "\xE2\x80\xA6" : std::to_string(m_cacheBytes / 1024)}, {"dir", m_config.cache.dir}}));
    const auto it = m_usage.days().find(today());
    const ui::DayUsage day = it == m_usage.days().end() ? ui::DayUsage{} : it->second;
    auto usageLine = [&](const char* key, const ui::DayUsage& d)
    {
        int nothing = 0;
        for (const auto& [combo, n] : d.nothingFound)
            nothing += n;
        return m_tr.format(key, {{"sessions", std::to_string(d.sessions)},
                                 {"details", std::to_string(d.detailViews)},
                                 {"qr", std::to_string(d.qrShown)},
                                 {"nothing", std::to_string(nothing)}});
    };
    info.usageLines.push_back(usageLine("admin.usage_today", day));
    info.usageLines.push_back(usageLine("admin.usage_all", m_usage.total()));
    const long uptime = static_cast<long>(now() - m_startS);
    info.systemLines.push_back(m_tr.format(
        "admin.version_line", {{"version", MINT_VERSION}, {"h", std::to_string(uptime / 3600)}, {"m", std::to_string(uptime / 60 % 60)}}));
    return info;
}

int KioskApp::run()
{
    m_startS = 0;
    std::string error;
    if (!init(error))
    {
        util::logError("app", error);
        return kKioskConfigError;
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
            glfwPostEmptyEvent();
        },
        [this](const sync::SyncStatus&)
        {
            m_workerWake = true;
            glfwPostEmptyEvent();
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
    if (animating() || m_framesToDraw > 0)
        timeout = 0;
    else
    {
        const double t = now();
        if (m_idle.nextDeadline() > 0)
            timeout = std::min(timeout, std::max(0.0, m_idle.nextDeadline() - t));
        if (m_idle.phase() == ui::IdlePhase::Countdown)
            timeout = std::min(timeout, 1.0 - std::fmod(t, 1.0));  // the countdown's seconds
        if (m_screen == Screen::Attract)
            timeout = std::min(timeout, std::max(0.0, m_featuredSince + kFeatureSeconds - t));
    }
    if (timeout > 0)
        glfwWaitEventsTimeout(timeout);
    else
        glfwPollEvents();
    if (m_wake.exchange(false))
        m_framesToDraw = std::max(m_framesToDraw, 3);  // let ImGui see press and release
    if (m_workerWake.exchange(false))
        m_framesToDraw = std::max(m_framesToDraw, 1);
    takePendingCatalog();
    if (m_idle.tick(now()))
        resetSession();
    if (!animating() && m_framesToDraw <= 0 && m_idle.phase() != ui::IdlePhase::Countdown &&
        !(m_screen == Screen::Attract && now() >= m_featuredSince + kFeatureSeconds))
        return;
    frame();
    m_framesToDraw = std::max(0, m_framesToDraw - 1);
}

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
    if (m_mapPackageInstalled.exchange(false) && m_window)
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
    // An offer shown in detail may be gone from the new catalogue.
    if (m_screen == Screen::Detail && (!m_catalog->findOffer(m_detailId)))
        m_screen = Screen::Home;
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
// [SECTION] One frame

void KioskApp::frame()
{
    const auto frameStart = std::chrono::steady_clock::now();
    takeQueryAnswer();
    const double t = now();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    if (m_scripted)
    {
        io.MousePos = m_pointer;
        io.MouseDown[0] = m_pointerDown;
        io.DeltaTime = static_cast<float>(std::max(1e-3, t - m_lastFrameTime));
    }
    m_lastFrameTime = t;
    ImGui::NewFrame();

    int w = 0, h = 0;
    glfwGetFramebufferSize(m_window, &w, &h);
    ui::UiContext c;
    c.layout = ui::computeLayout(w, h, m_a11y.largeText ? 1.25f : 1.0f);
    m_layout = c.layout;
    m_touch.update(c.layout.fontPx * 0.5f);
    if (m_touch.pressedThisFrame() || m_touch.down())
        m_idle.touch(t);
    // Staff: press and hold the configured corner to reach the PIN pad.
    if (m_touch.pressedThisFrame())
    {
        m_pressStartS = t;
        m_holdFired = false;
    }
    if (m_touch.down() && !m_touch.swiped() && !m_holdFired && adminCorner(c.layout).contains(m_touch.pressPos()) &&
        t - m_pressStartS >= m_config.admin.holdS && m_screen != Screen::Pin && m_screen != Screen::Admin &&
        !m_config.admin.pinHash.empty())
    {
        m_holdFired = true;
        m_backStack.push_back(m_screen);
        m_screen = Screen::Pin;
        m_pinDigits.clear();
        m_pinMessage.clear();
    }
    if (m_cacheSizeJob.valid() && m_cacheSizeJob.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
        m_cacheBytes = m_cacheSizeJob.get();
    if (m_pinCheck.valid() && m_pinCheck.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
    {
        if (m_pinCheck.get())
        {
            m_pinGuard.succeeded();
            openAdmin();
        }
        else
        {
            m_pinGuard.failed(t);
            m_pinMessage = m_tr.tr("admin.wrong_pin");
        }
        m_pinDigits.clear();
    }
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
    c.th = &ui::theme(m_a11y.highContrast);
    c.tr = &m_tr;
    c.touch = &m_touch;
    c.hits = &m_hits;
    c.textures = m_textures.get();
    c.catalog = m_catalog.get();
    c.lang = m_tr.language();
    c.highContrast = m_a11y.highContrast;
    c.lowReach = m_a11y.lowReach;
    c.nowS = t;
    c.wallNow = wallNow();
    c.imagePath = [this](const std::string& url) { return imagePathFor(url); };
    c.intents = &m_intents;

    // The scroller moves between frames by the real (or virtual) time elapsed.
    m_scroller.update(std::clamp(t - m_lastScrollS, 0.0, 0.1));
    m_detailScroller.update(std::clamp(t - m_lastScrollS, 0.0, 0.1));
    m_filterScroller.update(std::clamp(t - m_lastScrollS, 0.0, 0.1));
    m_lastScrollS = t;

    auto prettyDate = [&]() -> std::string
    {
        if (!m_catalog)
            return "";
        return ui::germanDate(ui::regionZone(m_catalog.get()), m_catalog->generatedAt);
    };
    if (!m_catalog)
    {
        std::string next;
        if (m_status.nextAttempt > 0)
        {
            next = ui::clockTime(ui::regionZone(nullptr), m_status.nextAttempt);  // no catalogue yet: the default zone
        }
        ui::drawLoading(c, next);
    }
    else
    {
        if (m_resultsDirty && needsResults())
            refreshResults();
        switch (m_screen)
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
            ui::drawAttract(c, offer, story, prettyDate(), more);
            break;
        }
        case Screen::Home: ui::drawHome(c, m_a11y, m_allTotal, m_soon); break;
        case Screen::Results:
        {
            ui::ResultsView v;
            v.result = &m_results;
            v.browse = &m_browse;
            v.scroller = &m_scroller;
            v.kioskHasLocation = m_config.kiosk.lat.has_value();
            v.chipCounts = &m_chipCounts;
            v.filtersOpen = m_filtersOpen;
            v.filterScroller = &m_filterScroller;
            ui::drawResults(c, v);
            break;
        }
        case Screen::Search: ui::drawSearch(c, m_browse.text, m_results); break;
        case Screen::Pin: ui::drawPinPad(c, m_pinDigits.size(), pinMessageShown(t)); break;
        case Screen::Admin: ui::drawAdmin(c, adminInfo()); break;
        case Screen::Map:
        {
            ui::MapScreenView mv;
            mv.state = &m_map;
            mv.result = &m_results;
            if (m_config.kiosk.lat && m_config.kiosk.lon)
                mv.kiosk = catalog::GeoPoint{*m_config.kiosk.lat, *m_config.kiosk.lon};
            mv.bbox = m_catalog->region.bbox;
            mv.attribution = m_mapAttribution;
            mv.minZoom = m_config.map.minZoom;
            mv.maxZoom = m_config.map.maxZoom;
            mv.startZoom = kMapStartZoom;
            mv.tiles = m_tileLayer.get();
            mv.loader = m_tileLoader.get();
            ui::drawMap(c, mv);
            break;
        }
        case Screen::Detail:
        {
            // installCatalog leaves the detail screen when its offer is gone.
            if (const catalog::Offer* o = m_catalog->findOffer(m_detailId))
                ui::drawDetail(c, *o, m_detailScroller);
            break;
        }
        }
        const std::int64_t staleS = static_cast<std::int64_t>(m_config.feed.staleAfterH) * 3600;
        m_staleShown = m_status.lastSuccess > 0 && c.wallNow - m_status.lastSuccess > staleS && m_screen != Screen::Attract;
        ui::closeLayer(c.dl);  // notices and overlays cover the screen's text too
        if (m_staleShown)
        {
            m_textRecorder.tag = "overlay";  // covers the screen's corner by design
            ui::drawStaleNotice(c, prettyDate());
            m_textRecorder.tag.clear();
        }
        if (m_idle.phase() == ui::IdlePhase::Countdown && m_screen != Screen::Attract)
        {
            ui::closeLayer(c.dl);
            m_textRecorder.tag = "overlay";
            ui::drawIdleOverlay(c, m_idle.countdownLeft(t));
            m_textRecorder.tag.clear();
        }
    }

    ui::endLayers(c.dl);
    ImGui::Render();
    const auto buildEnd = std::chrono::steady_clock::now();
    glViewport(0, 0, w, h);
    const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(c.th->background);
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (!m_screenshotPath.empty())
    {
        std::string error;
        if (!writeScreenshot(m_screenshotPath, error))
            util::logWarn("script", error);
        m_screenshotPath.clear();
    }
    glfwSwapBuffers(m_window);
    ++m_framesDrawn;
    if (m_measuring)
    {
        m_frameMs.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frameStart).count());
        m_buildMs.push_back(std::chrono::duration<double, std::milli>(buildEnd - frameStart).count());
    }
    if (!m_firstContentLogged && m_catalog && !m_scripted)
    {
        m_firstContentLogged = true;
        util::logInfo("app", "first frame with content " + std::to_string(static_cast<int>(glfwGetTime() * 1000)) + " ms after start");
    }
    applyIntents();
}

// ---------------------------------------------------------------------------------------
// [SECTION] Intents and session state

void KioskApp::refreshResults()
{
    // The query runs on the worker; the screen keeps the previous results until it answers.
    QueryRequest r;
    r.catalog = m_catalog;
    r.browse = m_browse;
    r.now = wallNow();
    if (m_config.kiosk.lat && m_config.kiosk.lon)
        r.kiosk = catalog::GeoPoint{*m_config.kiosk.lat, *m_config.kiosk.lon};
    r.chipCounts = m_screen == Screen::Results;
    r.countAll = m_screen == Screen::Home;
    r.generation = ++m_queryGeneration;
    m_queries->submit(std::move(r));
    m_resultsDirty = false;
}

bool KioskApp::needsResults() const
{
    return m_screen == Screen::Home || m_screen == Screen::Results || m_screen == Screen::Detail || m_screen == Screen::Search ||
           m_screen == Screen::Map;
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
    if (m_results.total == 0 && m_browse.anyFilter() && m_screen == Screen::Results)
    {
        const std::string combo = ui::filterCombination(m_browse);
        if (combo != m_lastNothingFound)
            m_usage.nothingFound(today(), combo);
        m_lastNothingFound = combo;
    }
}

void KioskApp::resetSession()
{
    // Nothing of the previous visitor remains.
    saveUsage();
    m_lastNothingFound.clear();
    m_pinDigits.clear();
    m_browse.reset();
    m_a11y = ui::Accessibility{};
    m_tr.setLanguage(m_config.kiosk.languages.front());
    m_scroller.setOffset(0);
    m_detailScroller.setOffset(0);
    m_filtersOpen = false;
    m_quitArmed = false;
    m_syncRequestedAt = 0;
    m_backStack.clear();
    m_detailId.clear();
    m_map = ui::MapState{};
    m_screen = Screen::Attract;
    m_featuredSince = now();
    m_resultsDirty = true;
    m_framesToDraw = std::max(m_framesToDraw, 2);
}

void KioskApp::applyIntents()
{
    if (m_intents.empty())
        return;
    std::vector<ui::Intent> intents;
    intents.swap(m_intents);
    auto go = [&](Screen s)
    {
        if (s != m_screen)
            m_backStack.push_back(m_screen);
        m_screen = s;
    };
    auto showResults = [&]()
    {
        m_resultsDirty = true;
        m_scroller.setOffset(0);
        if (m_screen != Screen::Results)
            go(Screen::Results);
    };
    for (const auto& i : intents)
    {
        switch (i.kind)
        {
        case ui::IntentKind::Start:
            m_screen = Screen::Home;
            m_usage.session(today());
            break;
        case ui::IntentKind::GoHome:
            m_filtersOpen = false;
            m_browse.reset();
            m_backStack.clear();
            m_screen = Screen::Home;
            break;
        case ui::IntentKind::Back:
            if (m_screen == Screen::Results && m_filtersOpen)
                m_filtersOpen = false;  // "back" first closes the panel
            else if (!m_backStack.empty())
            {
                m_screen = m_backStack.back();
                m_backStack.pop_back();
            }
            else
                m_screen = Screen::Home;
            break;
        case ui::IntentKind::ChooseGroup:
            m_browse.setGroup(i.value < 0 ? std::nullopt : std::optional<ui::VisitorGroup>(static_cast<ui::VisitorGroup>(i.value)));
            showResults();
            break;
        case ui::IntentKind::ChooseSubject:
            m_browse.setSubject(i.text);
            showResults();
            break;
        case ui::IntentKind::ChooseAge:
            m_browse.setAge(i.value < 0 ? std::nullopt : std::optional<int>(i.value));
            showResults();
            break;
        case ui::IntentKind::ChooseWhen:
            m_browse.setWhen(static_cast<ui::WhenChoice>(i.value));
            showResults();
            break;
        case ui::IntentKind::ToggleFree:
            m_browse.setFree(!m_browse.freeOnly);
            showResults();
            break;
        case ui::IntentKind::ChooseDistance:
            m_browse.setDistance(static_cast<ui::DistanceChoice>(i.value));
            showResults();
            break;
        case ui::IntentKind::ToggleSort:
            m_browse.sort = m_browse.sort == catalog::SortOrder::Distance ? catalog::SortOrder::Next : catalog::SortOrder::Distance;
            showResults();
            break;
        case ui::IntentKind::ShowResults: showResults(); break;
        case ui::IntentKind::LoosenLast:
            m_browse.loosenLast();
            showResults();
            break;
        case ui::IntentKind::OpenOffer:
            m_filtersOpen = false;
            m_detailId = i.text;
            m_detailScroller.setOffset(0);
            go(Screen::Detail);
            m_usage.detailView(today());
            if (const catalog::Offer* o = m_catalog ? m_catalog->findOffer(m_detailId) : nullptr;
                o && (!o->url.empty() || !o->registration.url.empty()))
                m_usage.qrShown(today());
            break;
        case ui::IntentKind::PinDigit:
            if (!m_pinGuard.locked(now()) && m_pinDigits.size() < 8 && !m_pinCheck.valid())
                m_pinDigits += static_cast<char>('0' + i.value);
            m_pinMessage.clear();
            break;
        case ui::IntentKind::PinDelete:
            if (!m_pinDigits.empty())
                m_pinDigits.pop_back();
            break;
        case ui::IntentKind::PinOk:
            // PBKDF2 takes a moment: check on a worker so the frame loop keeps drawing.
            if (!m_pinGuard.locked(now()) && !m_pinCheck.valid())
                m_pinCheck = std::async(std::launch::async, config::verifyPin, m_pinDigits, m_config.admin.pinHash);
            break;
        case ui::IntentKind::AdminSyncNow:
            // Staff see that it works, then the result (the admin screen compares the next
            // status's attempt time with this moment).
            m_syncRequestedAt = wallNow();
            m_quitArmed = false;
            if (m_service)
                m_service->syncNow();
            else
            {
                m_status = m_engine->runOnce();
                if (auto cat = m_engine->catalog(); cat && cat != m_catalog)
                    installCatalog(cat);
            }
            break;
        case ui::IntentKind::OpenMap:
        {
            // The region around the kiosk (or the region's centre); from a detail page the
            // map then flies to the offer's place.
            const bool fromDetail = !i.text.empty();
            m_map.selected = i.text;
            m_map.listed.clear();
            m_map.inertia.stop();
            m_map.animation.cancel();
            if (m_config.kiosk.lat && m_config.kiosk.lon)
            {
                m_map.view.centerLat = *m_config.kiosk.lat;
                m_map.view.centerLon = *m_config.kiosk.lon;
            }
            else if (m_catalog && m_catalog->region.bbox)
            {
                const auto& b = *m_catalog->region.bbox;
                m_map.view.centerLat = (b[1] + b[3]) / 2;
                m_map.view.centerLon = (b[0] + b[2]) / 2;
            }
            m_map.view.zoom = std::clamp<double>(kMapStartZoom, m_config.map.minZoom, m_config.map.maxZoom);
            const catalog::Offer* o = m_catalog && fromDetail ? m_catalog->findOffer(i.text) : nullptr;
            const catalog::Place* p = o ? m_catalog->placeOf(*o) : nullptr;
            if (p && p->geo)
            {
                // Close enough that the offer's marker stands alone among the markers shown
                // (the radius is the map screen's: about two badges).
                std::vector<map::MarkerPoint> points;
                std::uint32_t self = 0;
                for (const auto& item : m_results.items)
                    if (const catalog::Place* q = m_catalog->placeOf(m_catalog->offers[item.offer]); q && q->geo)
                        points.push_back(map::MarkerPoint{q->geo->lat, q->geo->lon, item.offer});
                self = static_cast<std::uint32_t>(o - m_catalog->offers.data());
                if (std::none_of(points.begin(), points.end(), [&](const map::MarkerPoint& m) { return m.id == self; }))
                    points.push_back(map::MarkerPoint{p->geo->lat, p->geo->lon, self});
                const int maxZoom = static_cast<int>(m_config.map.maxZoom);
                const int zoom = map::standAloneZoom(points, self, std::min(12, maxZoom), maxZoom, m_layout.fontPx * 2.0);
                m_map.animation.flyTo(m_map.view, p->geo->lat, p->geo->lon, zoom, 1.0, now());
            }
            m_resultsDirty = true;
            go(Screen::Map);
            break;
        }
        case ui::IntentKind::AdminReturn: resetSession(); break;
        case ui::IntentKind::AdminQuit:
            // Asks once: the first tap arms the button ("Wirklich beenden?"), the second quits.
            if (!m_quitArmed)
                m_quitArmed = true;
            else
            {
                util::logInfo("admin", "staff quit the kiosk from the admin screen");
                m_quit = true;
            }
            break;
        case ui::IntentKind::ToggleLanguage:
        {
            const auto& langs = m_config.kiosk.languages;
            auto it = std::find(langs.begin(), langs.end(), m_tr.language());
            m_tr.setLanguage(it == langs.end() || it + 1 == langs.end() ? langs.front() : *(it + 1));
            break;
        }
        case ui::IntentKind::ToggleLargeText: m_a11y.largeText = !m_a11y.largeText; break;
        case ui::IntentKind::ToggleContrast: m_a11y.highContrast = !m_a11y.highContrast; break;
        case ui::IntentKind::ToggleLowReach: m_a11y.lowReach = !m_a11y.lowReach; break;
        case ui::IntentKind::StillHere: m_idle.touch(now()); break;
        case ui::IntentKind::OpenSearch:
            m_resultsDirty = true;
            go(Screen::Search);
            break;
        case ui::IntentKind::TypeText:
            if (m_browse.text.size() < 40)
                m_browse.setText(m_browse.text + i.text);
            m_resultsDirty = true;
            break;
        case ui::IntentKind::Backspace:
        {
            std::string t = m_browse.text;
            while (!t.empty() && (static_cast<unsigned char>(t.back()) & 0xC0) == 0x80)
                t.pop_back();  // continuation bytes of a UTF-8 character
            if (!t.empty())
                t.pop_back();
            m_browse.setText(t);
            m_resultsDirty = true;
            break;
        }
        case ui::IntentKind::OpenFilters:
            m_filtersOpen = true;
            m_filterScroller.setOffset(0);
            break;
        case ui::IntentKind::CloseFilters: m_filtersOpen = false; break;
        case ui::IntentKind::ClearFilters:
        {
            const catalog::SortOrder sort = m_browse.sort;
            m_browse.reset();
            m_browse.sort = sort;
            showResults();
            break;
        }
        case ui::IntentKind::ClearText:
            m_browse.setText("");
            m_resultsDirty = true;
            break;
        }
    }
    m_framesToDraw = std::max(m_framesToDraw, 2);
}

// ---------------------------------------------------------------------------------------
// [SECTION] Scripted scenarios

bool KioskApp::writeScreenshot(const std::string& path, std::string& error)
{
    int w = 0, h = 0;
    glfwGetFramebufferSize(m_window, &w, &h);
    std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    return media::writePng(path, pixels.data(), w, h, 4, /*bottomUp=*/true, error);
}

std::string KioskApp::dumpState() const
{
    nlohmann::ordered_json j;
    j["screen"] = screenName(m_screen);
    j["language"] = m_tr.language();
    j["idle"] = m_idle.phase() == ui::IdlePhase::Attract ? "attract" : m_idle.phase() == ui::IdlePhase::Active ? "active" : "countdown";
    j["catalog"] = m_catalog ? nlohmann::ordered_json{{"sequence", m_catalog->sequence}, {"offers", m_catalog->offers.size()}}
                             : nlohmann::ordered_json();
    nlohmann::ordered_json filters;
    filters["group"] = m_browse.group ? static_cast<int>(*m_browse.group) : -1;
    filters["subject"] = m_browse.subject;
    filters["age"] = m_browse.age ? *m_browse.age : -1;
    filters["when"] = static_cast<int>(m_browse.when);
    filters["free"] = m_browse.freeOnly;
    filters["distance"] = static_cast<int>(m_browse.distance);
    filters["text"] = m_browse.text;
    j["filters"] = filters;
    j["results_total"] = m_results.total;
    j["home_total"] = m_allTotal ? nlohmann::ordered_json(*m_allTotal) : nlohmann::ordered_json();
    j["chip_counts"] = m_chipCounts;
    j["stale_notice"] = m_staleShown;
    j["sync"] = {{"result", sync::syncResultKey(m_status.result)},
                 {"error_kind", sync::failureKey(m_status.failure)},
                 {"last_attempt", m_status.lastAttempt},
                 {"last_success", m_status.lastSuccess}};
    if (m_screen == Screen::Admin)
    {
        const ui::AdminInfo info = adminInfo();
        nlohmann::ordered_json lines = nlohmann::ordered_json::array();
        for (const auto* group : {&info.syncLines, &info.catalogLines, &info.usageLines, &info.systemLines})
            for (const auto& line : *group)
                lines.push_back(line);
        if (!info.syncError.empty())
            lines.push_back(info.syncError);
        j["admin_lines"] = lines;
        j["admin_notice"] = info.syncNotice;
        j["quit_armed"] = info.quitArmed;
    }
    {
        nlohmann::ordered_json listed = nlohmann::ordered_json::array();
        for (std::uint32_t idx : m_map.listed)
            if (m_catalog && idx < m_catalog->offers.size())
                listed.push_back(std::string(m_catalog->offers[idx].id));
        j["map"] = {{"lat", m_map.view.centerLat},
                    {"lon", m_map.view.centerLon},
                    {"zoom", m_map.view.zoom},
                    {"selected", m_map.selected},
                    {"listed", listed},
                    {"moving", m_map.moving()},
                    {"tiles",
                     {{"visible", m_map.lastTiles.tiles},
                      {"exact", m_map.lastTiles.exact},
                      {"stand_ins", m_map.lastTiles.standIns},
                      {"uncovered", m_map.lastTiles.uncovered}}},
                    {"tile_source", m_tileLoader ? (m_tileLoader->sources().package ? "mbtiles" : "online") : "none"},
                    {"tile_textures_mb", m_tileLayer ? m_tileLayer->textureBytes() / 1048576.0 : 0.0},
                    {"attribution", m_mapAttribution},
                    {"problem", m_mapProblem}};
    }
    j["detail"] = m_detailId;
    {
        // What the detail page's QR code encodes (the tests compare it with the feed).
        const catalog::Offer* o = m_catalog && m_screen == Screen::Detail ? m_catalog->findOffer(m_detailId) : nullptr;
        j["detail_qr"] = o ? std::string(ui::takeHomeUrl(*o)) : std::string();
    }
    j["accessibility"] = {{"large_text", m_a11y.largeText}, {"high_contrast", m_a11y.highContrast}, {"low_reach", m_a11y.lowReach}};
    j["scroll"] = m_scroller.offset();
    j["detail_scroll"] = m_detailScroller.offset();
    j["filters_open"] = m_filtersOpen;
    int w = 0, h = 0;
    glfwGetFramebufferSize(m_window, &w, &h);
    nlohmann::ordered_json visible = nlohmann::ordered_json::array(), targets = nlohmann::ordered_json::array();
    nlohmann::ordered_json centers = nlohmann::ordered_json::object();
    for (const auto& [id, r] : m_hits.all())
    {
        targets.push_back(id);
        centers[id] = {static_cast<int>(r.center().x), static_cast<int>(r.center().y)};
        if (id.rfind("card.", 0) == 0 && r.max.y > 0 && r.min.y < static_cast<float>(h))
            visible.push_back(id.substr(5));
    }
    j["visible_offers"] = visible;
    {
        // For the layout check: every text drawn in the last frame and every target's rectangle.
        nlohmann::ordered_json texts = nlohmann::ordered_json::array(), rects = nlohmann::ordered_json::object();
        for (const auto& t : m_textRecorder.texts)
            texts.push_back({t.text, t.x0, t.y0, t.x1, t.y1, t.cx0, t.cy0, t.cx1, t.cy1, t.tag});
        for (const auto& [id, r] : m_hits.all())
            rects[id] = {r.min.x, r.min.y, r.max.x, r.max.y, m_hits.clipped(id)};
        j["layout"] = {{"touch_min_px", m_layout.touchMin}, {"texts", texts}, {"targets", rects}};
    }
    j["targets"] = targets;
    j["target_centers"] = centers;
    j["textures"] = m_textures ? m_textures->count() : 0;
    j["pin_failures"] = m_pinGuard.failures();
    j["pin_digits"] = m_pinDigits.size();
    j["pin_message"] = pinMessageShown(now());
    const ui::DayUsage all = m_usage.total();
    j["usage"] = {
        {"sessions", all.sessions}, {"detail_views", all.detailViews}, {"qr_shown", all.qrShown}, {"nothing_found", all.nothingFound}};
    j["quit"] = m_quit;
    j["cache_bytes"] = m_cacheSizeJob.valid() ? nlohmann::ordered_json() : nlohmann::ordered_json(m_cacheBytes);  // null while it is walked
    j["window"] = {w, h};
    return util::dumpJson(j, 2);
}

int KioskApp::runScript(const std::vector<ScriptCommand>& script)
{
    m_scripted = true;
    // Syncs in a script run on this thread and see the script's wall clock.
    m_engine->clock = [this] { return wallNow(); };
    m_virtualNow = 1000;  // virtual seconds
    m_startS = m_virtualNow;
    const std::string outDir = m_args.scriptOut.empty() ? "." : m_args.scriptOut;
    std::string error;
    util::makeDirectories(outDir, error);
    auto step = [&](double dt)
    {
        // Scripts wait for the query worker, so every frame shows the current results.
        if (m_catalog && m_resultsDirty && needsResults())
            refreshResults();
        if (m_queries)
            m_queries->waitIdle();
        m_virtualNow += dt;
        takePendingCatalog();
        if (m_idle.tick(now()))
            resetSession();
        frame();
    };
    // Let pictures that are being decoded arrive (real time: the decoder is a real thread).
    // A finger down and up at one point, a frame each.
    auto tapAt = [&](ImVec2 p)
    {
        m_pointer = p;
        m_pointerDown = true;
        step(0.05);
        m_pointerDown = false;
        step(0.05);
    };
    auto settle = [&]()
    {
        for (int i = 0; i < 400 && (m_textures->busy() || (m_tileLoader && m_screen == Screen::Map && m_tileLoader->busy())); ++i)
        {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            step(0.0);
        }
        step(1.0 / 60);
    };
    step(1.0 / 60);
    for (const auto& cmd : script)
    {
        if (m_quit)
            break;  // the admin screen's "quit"
        // A pending PIN check finishes before the next command (it runs on a worker).
        while (m_pinCheck.valid() || m_cacheSizeJob.valid())
        {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            step(0.0);
        }
        using K = ScriptCommand::Kind;
        switch (cmd.kind)
        {
        case K::Clock:
        {
            auto t = catalog::timeutil::parseDateTime(cmd.text, false);
            if (!t)
            {
                util::logError("script", "line " + std::to_string(cmd.line) + ": bad clock " + cmd.text);
                return kKioskScriptFailed;
            }
            m_virtualWall = t->seconds - static_cast<catalog::Timestamp>(m_virtualNow);
            m_resultsDirty = true;
            break;
        }
        case K::Sync:
        {
            const auto status = m_engine->runOnce();
            m_status = status;
            if (auto cat = m_engine->catalog(); cat && cat != m_catalog)
                installCatalog(cat);
            step(1.0 / 60);  // draw it, so its targets exist for the next command
            break;
        }
        case K::Tap:
        case K::TapAt:
        {
            ImVec2 p;
            if (cmd.kind == K::TapAt)
                p = ImVec2(cmd.numbers[0], cmd.numbers[1]);
            else
            {
                const ui::Rect* r = m_hits.find(cmd.text);
                if (!r)
                {
                    util::logError("script",
                                   "line " + std::to_string(cmd.line) + ": no target '" + cmd.text + "' on screen " + screenName(m_screen));
                    return kKioskScriptFailed;
                }
                p = r->center();
            }
            tapAt(p);
            step(1.0 / 60);  // the new screen draws and registers its targets
            break;
        }
        case K::Hold:
        {
            m_pointer = ImVec2(cmd.numbers[0], cmd.numbers[1]);
            m_pointerDown = true;
            step(1.0 / 60);
            for (double held = 0; held < cmd.numbers[2]; held += 0.25)
                step(0.25);
            m_pointerDown = false;
            step(1.0 / 60);
            step(1.0 / 60);
            break;
        }
        case K::Swipe:
        {
            std::vector<float> n = cmd.numbers;
            if (!cmd.text.empty())
            {
                const ui::Rect* r = m_hits.find(cmd.text);
                if (!r)
                {
                    util::logError("script",
                                   "line " + std::to_string(cmd.line) + ": no target '" + cmd.text + "' on screen " + screenName(m_screen));
                    return kKioskScriptFailed;
                }
                n = {r->center().x, r->center().y, r->center().x + n[2], r->center().y + n[3], n[4]};
            }
            const int frames = std::max(4, static_cast<int>(n[4] * 60));
            m_pointer = ImVec2(n[0], n[1]);
            m_pointerDown = true;
            step(1.0 / 60);
            for (int i = 1; i <= frames; ++i)
            {
                const float a = static_cast<float>(i) / static_cast<float>(frames);
                m_pointer = ImVec2(n[0] + (n[2] - n[0]) * a, n[1] + (n[3] - n[1]) * a);
                step(n[4] / frames);
            }
            m_pointerDown = false;
            step(1.0 / 60);
            break;
        }
        case K::Wait:
        {
            double left = cmd.numbers[0];
            while (left > 1e-9)
            {
                // Animations step at 60 Hz; otherwise jump to the next deadline.
                double dt = 1.0 / 60;
                if (!(m_scroller.moving() || m_detailScroller.moving() || m_idle.phase() == ui::IdlePhase::Countdown ||
                      (m_screen == Screen::Map && m_map.moving())))
                {
                    const double deadline = m_idle.nextDeadline();
                    dt = deadline > now() ? std::max(1.0 / 60, deadline - now()) : 0.5;
                }
                else if (m_idle.phase() == ui::IdlePhase::Countdown)
                    dt = 1.0;
                dt = std::min(dt, left);
                left -= dt;
                step(dt);
            }
            break;
        }
        case K::Measure:
        {
            auto cpuSeconds = []()
            {
                timespec ts{};
                clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
                return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
            };
            if (cmd.text == "start")
            {
                m_measuring = true;
                m_frameMs.clear();
                m_buildMs.clear();
                m_framesDrawn = 0;
                m_measureCpuS = cpuSeconds();
                m_measureWallS = glfwGetTime();
                break;
            }
            // "stop NAME": frame times and CPU use as NAME.json
            m_measuring = false;
            const double cpu = cpuSeconds() - m_measureCpuS, wall = glfwGetTime() - m_measureWallS;
            std::vector<double> ms = m_frameMs, build = m_buildMs;
            std::sort(ms.begin(), ms.end());
            std::sort(build.begin(), build.end());
            auto pctOf = [](const std::vector<double>& v, double p)
            { return v.empty() ? 0.0 : v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))]; };
            auto pct = [&](double p) { return pctOf(ms, p); };
            nlohmann::ordered_json j{{"frames", m_framesDrawn},
                                     {"wall_s", wall},
                                     {"cpu_s", cpu},
                                     {"cpu_percent_of_one_core", wall > 0 ? 100.0 * cpu / wall : 0.0},
                                     {"frame_ms_p50", pct(0.50)},
                                     {"frame_ms_p95", pct(0.95)},
                                     {"frame_ms_p99", pct(0.99)},
                                     {"frame_ms_max", ms.empty() ? 0.0 : ms.back()},
                                     {"build_ms_p50", pctOf(build, 0.50)},
                                     {"build_ms_p95", pctOf(build, 0.95)},
                                     {"peak_rss_mb",
                                      []
                                      {
                                          rusage u{};
                                          getrusage(RUSAGE_SELF, &u);
                                          return u.ru_maxrss / 1024;
                                      }()},
                                     {"textures", m_textures->count()},
                                     {"texture_mb", m_textures->bytes() / 1048576.0}};
            const std::string name = cmd.text.substr(cmd.text.find(' ') + 1);
            util::writeFileAtomic(outDir + "/" + name + ".json", util::dumpJson(j, 2), error, false);
            break;
        }
        case K::Realtime:
        {
            // The real event loop for some seconds (for idle CPU measurements).
            m_realtimeVirtual = m_virtualNow;
            m_realtimeBase = glfwGetTime();
            const double end = m_realtimeBase + cmd.numbers[0];
            while (glfwGetTime() < end && !m_quit)
                loopOnce(end - glfwGetTime());
            m_virtualNow = now();
            m_realtimeBase = -1;
            break;
        }
        case K::Type:
        {
            // Taps the on-screen keys one character at a time.
            for (std::size_t pos = 0; pos < cmd.text.size();)
            {
                std::size_t len = 1;
                const unsigned char ch = static_cast<unsigned char>(cmd.text[pos]);
                len = ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : ch >= 0xC0 ? 2 : 1;
                const std::string key = cmd.text.substr(pos, len);
                pos += len;
                const ui::Rect* r = m_hits.find(key == " " ? "key.space" : "key." + key);
                if (!r)
                {
                    util::logError("script",
                                   "line " + std::to_string(cmd.line) + ": no key '" + key + "' on screen " + screenName(m_screen));
                    return kKioskScriptFailed;
                }
                tapAt(r->center());
            }
            step(1.0 / 60);
            break;
        }
        case K::Screenshot:
            settle();
            m_screenshotPath = outDir + "/" + cmd.text + ".png";
            step(0.0);
            break;
        case K::Dump:
        {
            settle();
            if (!util::writeFileAtomic(outDir + "/" + cmd.text + ".json", dumpState(), error, false))
            {
                util::logError("script", error);
                return kKioskScriptFailed;
            }
            break;
        }
        }
    }
    return kKioskOk;
}

}  // namespace mint::app
