// systemd's notify protocol, without libsystemd: one datagram per message to the unix
// socket in $NOTIFY_SOCKET (a leading '@' names an abstract socket). READY=1 when the first
// frame is up, STATUS= lines for `systemctl status`, and WATCHDOG=1 every half
// $WATCHDOG_USEC from the frame loop itself, so a hung UI thread stops the pings and
// systemd restarts the kiosk. Never blocks (MSG_DONTWAIT); a missing socket is not an error.
#pragma once

#include <cstdint>
#include <string>
#include <sys/types.h>

namespace mint::app
{

class ServiceNotifier
{
public:
    ServiceNotifier() = default;
    /// `socket`: $NOTIFY_SOCKET ("" = not under systemd); `watchdogUsec`: $WATCHDOG_USEC (0 = none);
    /// `watchdogPid`: $WATCHDOG_PID (0 = not set).
    ServiceNotifier(std::string socket, std::uint64_t watchdogUsec, pid_t watchdogPid);
    /// Reads NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID. Under cage the kiosk is not the
    /// service's main process: a WATCHDOG_PID that names another process (the compositor)
    /// does not switch the pings off (the unit accepts them with NotifyAccess=all); it is logged.
    static ServiceNotifier fromEnvironment();

    bool enabled() const { return !m_socket.empty(); }
    /// Seconds between WATCHDOG=1 pings (half of WATCHDOG_USEC); 0 without a watchdog.
    double pingIntervalS() const { return m_intervalS; }

    /// One datagram; false (and nothing else) when it cannot be sent.
    bool send(const std::string& message) const;
    void ready() const { send("READY=1"); }
    /// STATUS=text, sent only when it changed.
    void status(const std::string& text);
    /// From the loop: a ping when one is due at `nowS` (monotonic seconds).
    void tick(double nowS);
    /// When the next ping is due (monotonic seconds); a large number without a watchdog.
    double nextPingS() const { return m_intervalS > 0 ? m_lastPingS + m_intervalS : 1e18; }
    std::uint64_t pingsSent() const { return m_pings; }

private:
    std::string m_socket;
    double m_intervalS = 0;
    double m_lastPingS = -1e18;
    std::uint64_t m_pings = 0;
    std::string m_status;
};

}  // namespace mint::app
