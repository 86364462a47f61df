// Test helper: a unix datagram socket that plays systemd's side of the notify protocol,
// recording each message with the time it arrived.
#pragma once

#include <atomic>
#include <chrono>
#include <cstring>
#include <mutex>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace mint::test
{

class NotifySocket
{
public:
    struct Message
    {
        double atS;  ///< seconds since the socket opened
        std::string text;
    };
    /// `name`: a path, or "@name" for an abstract socket.
    explicit NotifySocket(std::string name) : m_name(std::move(name)), m_start(std::chrono::steady_clock::now())
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::memcpy(addr.sun_path, m_name.data(), m_name.size());
        if (m_name[0] == '@')
            addr.sun_path[0] = '\0';
        else
            ::unlink(m_name.c_str());
        const auto len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + m_name.size());
        m_ok = m_fd >= 0 && ::bind(m_fd, reinterpret_cast<sockaddr*>(&addr), len) == 0;
        timeval tv{0, 100000};
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        m_thread = std::thread([this] { receive(); });
    }
    ~NotifySocket()
    {
        m_stop = true;
        m_thread.join();
        ::close(m_fd);
        if (m_name[0] != '@')
            ::unlink(m_name.c_str());
    }
    bool ok() const { return m_ok; }
    const std::string& name() const { return m_name; }
    std::vector<Message> messages() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_messages;
    }

private:
    void receive()
    {
        char buf[4096];
        while (!m_stop)
        {
            const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
            if (n <= 0)
                continue;
            const double at = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
            std::lock_guard<std::mutex> lock(m_mutex);
            m_messages.push_back(Message{at, std::string(buf, static_cast<std::size_t>(n))});
        }
    }
    std::string m_name;
    std::chrono::steady_clock::time_point m_start;
    int m_fd = -1;
    bool m_ok = false;
    std::atomic<bool> m_stop{false};
    mutable std::mutex m_mutex;
    std::vector<Message> m_messages;
    std::thread m_thread;
};

}  // namespace mint::test
