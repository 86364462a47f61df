// systemd's notify protocol; see service_notify.hpp.
#include "service_notify.hpp"

#include "util/log.hpp"

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace mint::app
{

ServiceNotifier::ServiceNotifier(std::string socket, std::uint64_t watchdogUsec, pid_t watchdogPid) : m_socket(std::move(socket))
{
    if (!m_socket.empty() && (m_socket.size() >= sizeof(sockaddr_un::sun_path) || (m_socket[0] != '/' && m_socket[0] != '@')))
    {
        util::logWarn("systemd", "NOTIFY_SOCKET is not a unix socket path; not notifying");
        m_socket.clear();
    }
    if (watchdogUsec > 0 && !m_socket.empty())
    {
        m_intervalS = static_cast<double>(watchdogUsec) / 2e6;
        if (watchdogPid > 0 && watchdogPid != ::getpid())
            util::logInfo("systemd", "WATCHDOG_PID " + std::to_string(watchdogPid) +
                                         " is another process (the compositor); the kiosk pings the watchdog for the service");
    }
}

ServiceNotifier ServiceNotifier::fromEnvironment()
{
    const char* socket = std::getenv("NOTIFY_SOCKET");
    const char* usec = std::getenv("WATCHDOG_USEC");
    const char* pid = std::getenv("WATCHDOG_PID");
    return ServiceNotifier(socket ? socket : "", usec ? std::strtoull(usec, nullptr, 10) : 0,
                           pid ? static_cast<pid_t>(std::strtol(pid, nullptr, 10)) : 0);
}

bool ServiceNotifier::send(const std::string& message) const
{
    if (m_socket.empty())
        return false;
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, m_socket.data(), m_socket.size());
    if (addr.sun_path[0] == '@')
        addr.sun_path[0] = '\0';  // an abstract socket
    const socklen_t len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + m_socket.size());
    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    const ssize_t n =
        ::sendto(fd, message.data(), message.size(), MSG_DONTWAIT | MSG_NOSIGNAL, reinterpret_cast<const sockaddr*>(&addr), len);
    ::close(fd);
    return n == static_cast<ssize_t>(message.size());
}

void ServiceNotifier::status(const std::string& text)
{
    if (text == m_status || !enabled())
        return;
    m_status = text;
    send("STATUS=" + text);
}

void ServiceNotifier::tick(double nowS)
{
    if (m_intervalS <= 0 || nowS < nextPingS())
        return;
    if (send("WATCHDOG=1"))
        ++m_pings;
    m_lastPingS = nowS;
}

}  // namespace mint::app
