// Carries out the display's power state (config `display.off`): `blank` draws black and
// sends nothing; `dpms` switches the monitor through X11 DPMS (the platform's function, on
// the UI thread: a local call that returns at once); `cec` sends "standby 0" / "on 0" to
// Debian's `cec-client` (HDMI-CEC, the TV-style panels of many steles); `command` runs the
// configured `off_command` / `on_command` (ddcutil, wlopm, vcgencmd, ...). Programs run on
// a worker with a time limit, the newest wish wins, failures are logged (once per kind of
// failure) and kept for the admin screen. The app always draws black as well, so a panel
// that ignores the command still shows nothing.
#pragma once

#include "config/display_hours.hpp"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace mint::app
{

class DisplayPower
{
public:
    /// Switches the monitor through DPMS; false with a reason (no DPMS on this server, ...).
    using DpmsFunction = std::function<bool(bool on, std::string& error)>;
    /// How long a power command may take before it is killed.
    static constexpr double kCommandTimeoutS = 15.0;

    DisplayPower(const config::DisplaySection& display, DpmsFunction dpms);
    ~DisplayPower();
    DisplayPower(const DisplayPower&) = delete;
    DisplayPower& operator=(const DisplayPower&) = delete;

    /// Sends `on` (from the UI thread; programs run on the worker).
    void set(bool on);
    /// Waits until the worker has nothing left to run (scripts and tests).
    void waitIdle();

    /// What went wrong last time ("" when the last attempt worked), for the admin screen.
    std::string problem() const;
    /// Power states sent successfully so far.
    int sent() const;

    /// The command line and standard input for a state (cec and command modes).
    struct Command
    {
        std::string line;
        std::string input;
    };
    static std::optional<Command> commandFor(const config::DisplaySection& display, bool on);

private:
    void worker();
    void record(bool ok, const std::string& what);

    config::DisplaySection m_display;
    DpmsFunction m_dpms;
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::optional<bool> m_wanted;  ///< waiting for the worker
    bool m_running = false;        ///< the worker is running a command
    bool m_stop = false;
    std::string m_problem;
    std::string m_lastLogged;
    int m_sent = 0;
    std::thread m_thread;
};

}  // namespace mint::app
