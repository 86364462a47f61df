// Real servers on 127.0.0.1 for integration tests: an HTTP server (cpp-httplib from
// libcpp-httplib-dev) with per-test routes, and a raw TCP server for misbehaviour HTTP
// libraries will not produce (connection resets, lies about Content-Length).
#pragma once

#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mint::test
{

class HttpTestServer
{
public:
    HttpTestServer()
    {
        // Counted before routing, so before the reply: a test that reads the counts right
        // after a response sees that request (the logger would run after the reply).
        m_server.set_pre_routing_handler(
            [this](const httplib::Request& req, httplib::Response&)
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                ++m_requests;
                m_paths.push_back(req.path);
                m_lastIfNoneMatch = req.get_header_value("If-None-Match");
                m_lastIfModifiedSince = req.get_header_value("If-Modified-Since");
                m_lastUserAgent = req.get_header_value("User-Agent");
                m_lastAcceptEncoding = req.get_header_value("Accept-Encoding");
                return httplib::Server::HandlerResponse::Unhandled;
            });
        m_server.set_tcp_nodelay(true);  // no 40 ms Nagle + delayed-ACK stalls
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running())
            std::this_thread::yield();
    }
    ~HttpTestServer()
    {
        m_server.stop();
        m_thread.join();
    }
    httplib::Server& server() { return m_server; }
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(m_port) + path; }
    int port() const { return m_port; }

    int requests() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_requests;
    }
    int requestsFor(const std::string& prefix) const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        int n = 0;
        for (const auto& p : m_paths)
            n += p.rfind(prefix, 0) == 0;
        return n;
    }
    std::string lastIfNoneMatch() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_lastIfNoneMatch;
    }
    std::string lastIfModifiedSince() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_lastIfModifiedSince;
    }
    std::string lastUserAgent() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_lastUserAgent;
    }
    std::string lastAcceptEncoding() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_lastAcceptEncoding;
    }

private:
    httplib::Server m_server;
    std::thread m_thread;
    int m_port = 0;
    mutable std::mutex m_mutex;
    int m_requests = 0;
    std::vector<std::string> m_paths;
    std::string m_lastIfNoneMatch, m_lastIfModifiedSince, m_lastUserAgent, m_lastAcceptEncoding;
};

/// Accepts connections and hands each socket to `handler` (which must close it).
class RawTestServer
{
public:
    explicit RawTestServer(std::function<void(int fd)> handler) : m_handler(std::move(handler))
    {
        m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        ::bind(m_listen, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        socklen_t len = sizeof addr;
        ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&addr), &len);
        m_port = ntohs(addr.sin_port);
        ::listen(m_listen, 16);
        m_thread = std::thread(
            [this]
            {
                while (true)
                {
                    const int fd = ::accept(m_listen, nullptr, nullptr);
                    if (fd < 0 || m_stop)
                    {
                        if (fd >= 0)
                            ::close(fd);
                        return;
                    }
                    m_workers.emplace_back([this, fd] { m_handler(fd); });
                }
            });
    }
    ~RawTestServer()
    {
        m_stop = true;
        ::shutdown(m_listen, SHUT_RDWR);
        ::close(m_listen);
        m_thread.join();
        for (auto& w : m_workers)
            w.join();
    }
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(m_port) + path; }

    /// Reads the request head (up to the blank line).
    static void readRequest(int fd)
    {
        std::string head;
        char c;
        while (head.find("\r\n\r\n") == std::string::npos && ::read(fd, &c, 1) == 1)
            head += c;
    }
    static void send(int fd, const std::string& data) { (void)!::write(fd, data.data(), data.size()); }
    /// Closes with RST instead of FIN.
    static void reset(int fd)
    {
        linger l{1, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
        ::close(fd);
    }

private:
    std::function<void(int)> m_handler;
    int m_listen = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
    std::vector<std::thread> m_workers;
};

}  // namespace mint::test
