// Scripted scenarios for the UI tests and benches: virtual time, injected touches,
// screenshots, state dumps and frame measurements (scripts are described in script.hpp).
// See kiosk_app.hpp.
#include "kiosk_app.hpp"

#include "catalog/time_util.hpp"
#include "media/image_encode.hpp"
#include "util/fs_util.hpp"
#include "util/json_text.hpp"
#include "util/log.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <sys/resource.h>
#include <thread>

namespace mint::app
{

bool KioskApp::writeScreenshot(const std::string& path, std::string& error)
{
    int w = 0, h = 0;
    std::vector<unsigned char> pixels;
    m_platform.readPixels(pixels, w, h);
    return media::writePng(path, pixels.data(), w, h, 4, /*bottomUp=*/true, error);
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
        if (m_catalog && m_resultsDirty && needsResults(m_session.screen))
            refreshResults();
        if (m_queries)
            m_queries->waitIdle();
        m_virtualNow += dt;
        takePendingCatalog();
        if (displayDue())
            stepDisplay();
        feedMonitor();
        if (m_idle.tick(now()))
            resetSession();
        if (m_power)
            m_power->waitIdle();  // the power command of this step has run (the tests read its record)
        // Closed: no frames, as in the real loop (a touch, the notice and a screenshot draw one).
        if (closedForVisitors() && !m_pointerDown && !m_touch.down() && m_framesToDraw <= 0 && m_screenshotPath.empty())
            return;
        frame();
        m_framesToDraw = std::max(0, m_framesToDraw - 1);
        if (m_power)
            m_power->waitIdle();  // ... also one a touch in this frame asked for
        if (m_speaker)
            m_speaker->waitIdle();  // its start-up check, and what a tap asked it to read
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
        for (int i = 0; i < 400 && (m_textures->busy() || (m_tileLoader && m_session.screen == Screen::Map && m_tileLoader->busy())); ++i)
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
                    util::logError("script", "line " + std::to_string(cmd.line) + ": no target '" + cmd.text + "' on screen " +
                                                 screenName(m_session.screen));
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
                    util::logError("script", "line " + std::to_string(cmd.line) + ": no target '" + cmd.text + "' on screen " +
                                                 screenName(m_session.screen));
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
                if (!(m_session.moving() || m_idle.phase() == ui::IdlePhase::Countdown))
                {
                    const double deadline = m_idle.nextDeadline();
                    dt = deadline > now() ? std::max(1.0 / 60, deadline - now()) : 0.5;
                }
                else if (m_idle.phase() == ui::IdlePhase::Countdown)
                    dt = 1.0;
                if (m_displayWakeAt)  // the display's next decision happens on time
                    dt = std::min(dt, std::max(1.0 / 60, static_cast<double>(*m_displayWakeAt - wallNow())));
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
                m_measureWallS = Platform::time();
                break;
            }
            // "stop NAME": frame times and CPU use as NAME.json
            m_measuring = false;
            const double cpu = cpuSeconds() - m_measureCpuS, wall = Platform::time() - m_measureWallS;
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
            m_realtimeBase = Platform::time();
            const double end = m_realtimeBase + cmd.numbers[0];
            while (Platform::time() < end && !m_quit)
                loopOnce(end - Platform::time());
            m_virtualNow = now();
            m_realtimeBase = -1;
            break;
        }
        case K::Freeze:
            // A hung UI thread (a deadlock, a GPU that stops returning): nothing is drawn
            // and the watchdog hears nothing.
            std::this_thread::sleep_for(std::chrono::duration<double>(cmd.numbers[0]));
            break;
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
                                   "line " + std::to_string(cmd.line) + ": no key '" + key + "' on screen " + screenName(m_session.screen));
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
