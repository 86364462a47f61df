// The display's power state; see display_power.hpp.
#include "display_power.hpp"

#include "util/log.hpp"
#include "util/run_command.hpp"

namespace mint::app
{

DisplayPower::DisplayPower(const config::DisplaySection& display, DpmsFunction dpms) : m_display(display), m_dpms(std::move(dpms))
{
    if (m_display.off == "cec" || m_display.off == "command")
        m_thread = std::thread([this] { worker(); });
}

DisplayPower::~DisplayPower()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

std::optional<DisplayPower::Command> DisplayPower::commandFor(const config::DisplaySection& display, bool on)
{
    if (display.off == "cec")
        // One command per run (-s), logging only errors (-d 1); device 0 is the TV / panel.
        return Command{"cec-client -s -d 1", on ? "on 0\n" : "standby 0\n"};
    if (display.off == "command")
    {
        const std::string& line = on ? display.onCommand : display.offCommand;
        if (line.empty())
            return std::nullopt;
        return Command{line, ""};
    }
    return std::nullopt;
}

void DisplayPower::record(bool ok, const std::string& what)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (ok)
    {
        ++m_sent;
        if (!m_problem.empty())
            util::logInfo("display", "power commands work again");
        m_problem.clear();
        m_lastLogged.clear();
        return;
    }
    m_problem = what;
    // Re-applied every ten minutes: the same failure is logged once, not all night.
    if (what != m_lastLogged)
        util::logError("display", what + " (the screen stays black instead)");
    m_lastLogged = what;
}

void DisplayPower::set(bool on)
{
    if (m_display.off == "dpms")
    {
        std::string error;
        const bool ok = m_dpms && m_dpms(on, error);
        record(ok, ok ? "" : "DPMS " + std::string(on ? "on" : "off") + ": " + (error.empty() ? "not available" : error));
        return;
    }
    if (!m_thread.joinable())
        return;  // blank: the app's black frame is all there is to do
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_wanted = on;
    }
    m_cv.notify_all();
}

void DisplayPower::waitIdle()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_cv.wait(lock, [this] { return m_stop || (!m_wanted && !m_running); });
}

std::string DisplayPower::problem() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_problem;
}

int DisplayPower::sent() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_sent;
}

void DisplayPower::worker()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;)
    {
        m_cv.wait(lock, [this] { return m_stop || m_wanted; });
        if (m_stop)
            return;
        const bool on = *m_wanted;
        m_wanted.reset();
        m_running = true;
        lock.unlock();
        const auto cmd = commandFor(m_display, on);
        if (cmd)
        {
            const util::CommandResult r = util::runCommand(cmd->line, cmd->input, kCommandTimeoutS);
            if (r.ok())
                util::logInfo("display", std::string("screen ") + (on ? "on" : "off") + " (" + cmd->line + ")");
            record(r.ok(), std::string(on ? "on" : "off") + " command '" + cmd->line + "': " + r.describe(kCommandTimeoutS));
        }
        lock.lock();
        m_running = false;
        m_cv.notify_all();
    }
}

}  // namespace mint::app
