// The kiosk application: carries out what the GL-free core decides. The visitor session
// and the intent rules are in app/core (unit-tested); the window, GL and ImGui set-up in
// platform.hpp. This class owns the parts (sync, pictures, tiles, queries), draws a frame
// from the session, applies the intents the screens emit through the core and carries out
// the effects. Its members live in several files:
//   kiosk_app.cpp     set-up, shutdown, catalogue install, intents -> effects
//   kiosk_frame.cpp   one frame: input, screens, overlays, render
//   kiosk_loop.cpp    the event-driven loop (sleeps when nothing moves)
//   script_driver.cpp scripted scenarios (virtual time, injected touches, screenshots)
//   state_dump.cpp    the state dump scripts write for the tests
//   kiosk_display.cpp opening hours: power, no frames while closed, opening and closing
// Workers (sync, picture decoding, queries) post results and wake the loop.
#pragma once

#include "app/core/display_control.hpp"
#include "app/core/display_power.hpp"
#include "app/core/intents.hpp"
#include "app/core/session.hpp"
#include "app/kiosk_args.hpp"
#include "app/monitor.hpp"
#include "app/platform.hpp"
#include "app/query_worker.hpp"
#include "app/script.hpp"
#include "app/service_notify.hpp"
#include "config/kiosk_config.hpp"
#include "map/tile_cache.hpp"
#include "map/tile_loader.hpp"
#include "speech/speaker.hpp"
#include "sync/image_cache.hpp"
#include "sync/sync_engine.hpp"
#include "sync/sync_service.hpp"
#include "ui/screens.hpp"
#include "ui_model/idle.hpp"
#include "ui_model/pin_guard.hpp"
#include "ui_model/usage_stats.hpp"

#include <atomic>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace mint::app
{

class KioskApp
{
public:
    KioskApp(config::KioskConfig config, KioskArgs args);
    ~KioskApp();
    /// Runs until quit (or the script's end); returns the exit code.
    int run();

private:
    bool init(std::string& error);
    void shutdown();
    int runInteractive();
    /// One turn of the event-driven loop: sleep until something happens, then draw if
    /// needed. `maxWaitS` bounds the sleep.
    void loopOnce(double maxWaitS);
    int runScript(const std::vector<ScriptCommand>& script);

    /// One frame: input, screens, render. `pointer` overrides the mouse (scripts).
    void frame();
    /// The screen of the session, drawn into `c`.
    void drawScreen(const ui::UiContext& c, double t);
    /// The intents of the frame through the core's rules, then their effects.
    void applyIntents();
    void carryOut(const Effects& fx);
    /// A sync now: the service's thread, or (scripts) this one.
    void syncNow();
    IntentContext intentContext() const;
    void refreshResults();
    void takeQueryAnswer();
    void resetSession();
    /// `images`: the picture index, read on the sync thread (null: read it here).
    void installCatalog(sync::CatalogPtr cat, std::unique_ptr<sync::ImageCache> images = nullptr);
    void takePendingCatalog();
    double now() const;
    catalog::Timestamp wallNow() const;
    bool animating() const;
    std::string imagePathFor(const std::string& url) const;
    std::string dumpState() const;
    std::string today() const;
    void saveUsage();
    void openAdmin();
    void setUpMap();
    ui::AdminInfo adminInfo() const;
    bool writeScreenshot(const std::string& path, std::string& error);
    // Opening hours (kiosk_display.cpp).
    void setUpDisplay();
    /// Decides the display at the wall clock and carries it out (power, opening, closing).
    void stepDisplay();
    /// Time for stepDisplay (its wake-up time passed, or staff are at the PIN pad or admin screen).
    bool displayDue() const;
    /// Closed and no staff screen: frames are black (or the closed notice).
    bool closedForVisitors() const;
    /// Staff at the PIN pad or on the admin screen.
    bool staffScreen() const;
    void drawClosed(const ui::UiContext& c);
    /// How long the attract screen shows one offer.
    static double featureSeconds();

    config::KioskConfig m_config;
    KioskArgs m_args;
    Platform m_platform;
    ui::Fonts m_fonts;
    ui::Translations m_tr;
    ui::TouchInput m_touch;
    ui::HitRegistry m_hits;
    std::unique_ptr<ui::TextureCache> m_textures;
    ui::IdleMachine m_idle;
    std::optional<std::size_t> m_allTotal;    ///< home's "N Angebote": what "all offers" lists now
    std::vector<catalog::ResultItem> m_soon;  ///< home's cards: the next offers of the week

    sync::CacheStore m_store;
    std::unique_ptr<sync::SyncEngine> m_engine;
    std::unique_ptr<sync::SyncService> m_service;
    std::mutex m_pendingMutex;
    sync::CatalogPtr m_pendingCatalog;
    std::unique_ptr<sync::ImageCache> m_pendingImages;
    std::atomic<bool> m_wake{false};        ///< input arrived: draw a few frames
    std::atomic<bool> m_workerWake{false};  ///< a worker finished: one frame is enough

    sync::CatalogPtr m_catalog;
    std::unique_ptr<sync::ImageCache> m_images;
    mutable std::unordered_map<std::string, std::string> m_imagePaths;  ///< picture URL -> cached file ("" = none)
    sync::SyncStatus m_status;

    // Everything a visitor (or staff) changed: replaced whole on idle.
    VisitorSession m_session;
    ui::TileDrawStats m_mapTiles;  ///< what the map's tiles drew last frame
    std::unique_ptr<map::TileDiskCache> m_tileCache;
    std::unique_ptr<map::TileLoader> m_tileLoader;
    std::unique_ptr<ui::TileLayer> m_tileLayer;
    std::string m_mapAttribution;                    ///< config, else the package's metadata
    std::string m_mapProblem;                        ///< why there are no tiles (damaged package, ...), for staff
    std::atomic<bool> m_mapPackageInstalled{false};  ///< set by the sync thread: reopen the map
    catalog::QueryResult m_results;
    std::map<std::string, int> m_chipCounts;  ///< what each age/when/distance chip would give
    std::unique_ptr<QueryWorker> m_queries;
    std::uint64_t m_queryGeneration = 0;
    bool m_resultsDirty = true;

    std::vector<ui::Intent> m_intents;
    int m_framesToDraw = 2;
    std::size_t m_featured = 0;
    double m_featuredSince = 0;
    bool m_quit = false;
    bool m_staleShown = false;  ///< the "data may be out of date" notice was drawn last frame

    // Opening hours: null without `display.hours`.
    std::unique_ptr<DisplayControl> m_display;
    std::unique_ptr<DisplayPower> m_power;
    const date::time_zone* m_displayZone = nullptr;
    bool m_displayOpen = true;                          ///< open for visitors (hours or staff)
    bool m_noticeShowing = false;                       ///< "Geschlossen – wieder ab ..." after a touch
    std::optional<catalog::Timestamp> m_displayWakeAt;  ///< the next display decision (wall clock)
    std::atomic<bool> m_busyHours{false};               ///< open now: the sync thread defers heavy downloads

    // Monitoring (config `monitoring`): figures handed to the monitor thread twice a minute.
    std::unique_ptr<Monitor> m_monitor;
    FrameTimes m_frameTimes;
    double m_lastTouchS = -1;              ///< monotonic; -1: none since start
    catalog::Timestamp m_lastFrameAt = 0;  ///< wall clock of the last frame drawn
    double m_nextHealthS = 0;              ///< Platform::time() of the next hand-over
    catalog::Timestamp m_countedAttempt = 0;
    std::uint64_t m_syncs = 0, m_syncFailures = 0;
    HealthFigures healthFigures() const;
    /// Hands the figures to the monitor when due (or `force`).
    void feedMonitor(bool force = false);

    // Read aloud (config `speech`): null when switched off.
    std::unique_ptr<speech::Speaker> m_speaker;
    bool m_speakingShown = false;  ///< the button's state last drawn
    std::future<void> m_speechSave;
    void setVolume(int volume);

    // Staff and usage.
    ui::PinGuard m_pinGuard;
    std::future<bool> m_pinCheck;
    double m_pressStartS = 0;
    bool m_holdFired = false;
    ui::UsageStats m_usage;
    std::uintmax_t m_cacheBytes = 0;
    std::future<std::uintmax_t> m_cacheSizeJob;  ///< the cache walk when the admin screen opens
    std::future<void> m_usageSave;               ///< usage.json is written off the UI thread
    double m_startS = 0;

    // Scripts: virtual time and pointer.
    bool m_scripted = false;
    double m_virtualNow = 0;
    catalog::Timestamp m_virtualWall = 0;
    bool m_pointerDown = false;
    ImVec2 m_pointer{-1, -1};
    std::string m_screenshotPath;
    double m_lastFrameTime = 0;
    double m_lastScrollS = 0;  ///< when the scroller last advanced
    bool m_firstContentLogged = false;
    bool m_readySent = false;
    bool m_noOpenGl = false;                                          ///< init failed for want of an OpenGL context (exit code 6)
    double m_windowCheckedS = -1e9;                                   ///< when the loop last made sure the window is up
    ServiceNotifier m_notifier = ServiceNotifier::fromEnvironment();  ///< systemd: READY, STATUS, WATCHDOG
    /// The STATUS= line for systemd: catalogue and last sync.
    std::string serviceStatus() const;
    double m_realtimeBase = -1;    ///< glfwGetTime() when a script's "realtime" began
    double m_realtimeVirtual = 0;  ///< virtual time then

    // "measure": frame times and CPU use between start and stop.
    bool m_measuring = false;
    ui::ScreenLayout m_layout;        ///< the last frame's
    ui::TextRecorder m_textRecorder;  ///< scripted runs: where the last frame's texts went
    std::vector<double> m_frameMs;
    std::vector<double> m_buildMs;  // UI code only (to ImGui::Render), without GL and swap
    double m_measureCpuS = 0, m_measureWallS = 0;
    int m_framesDrawn = 0;
};

}  // namespace mint::app
