// Test helper: a private Xvfb (display number from -displayfd) and programs started on it in
// the background, so a test can act on a running kiosk from outside (xdotool, xwininfo, a
// client that destroys its window) and then wait for it to end.
#pragma once

#include "support/run_process.hpp"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace mint::test
{

/// A program running in the background; killed (SIGKILL) if still running at the end.
class Background
{
public:
    /// `env`: "NAME=value" entries added to the environment; stdout and stderr go to `logPath`.
    Background(const std::vector<std::string>& argv, const std::vector<std::string>& env, const std::string& logPath)
    {
        std::fflush(nullptr);  // nothing buffered is written twice by the child
        m_pid = ::fork();
        if (m_pid == 0)
        {
            for (const auto& e : env)
                ::putenv(const_cast<char*>(e.c_str()));
            if (!logPath.empty())
            {
                FILE* f = std::freopen(logPath.c_str(), "w", stdout);
                (void)f;
                ::dup2(::fileno(stdout), 2);
            }
            std::vector<char*> args;
            for (const auto& a : argv)
                args.push_back(const_cast<char*>(a.c_str()));
            args.push_back(nullptr);
            ::execvp(args[0], args.data());
            ::_exit(127);
        }
    }
    Background(const Background&) = delete;
    Background& operator=(const Background&) = delete;
    ~Background()
    {
        if (m_pid > 0 && m_exit < 0)
        {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
        }
    }
    /// The exit code once it ended within `seconds` (-1: still running; 128+N: killed by signal N).
    int wait(double seconds)
    {
        const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
        while (m_exit < 0 && std::chrono::steady_clock::now() < end)
        {
            int status = 0;
            if (::waitpid(m_pid, &status, WNOHANG) == m_pid)
                m_exit = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            else
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return m_exit;
    }
    pid_t pid() const { return m_pid; }

private:
    pid_t m_pid = -1;
    int m_exit = -1;
};

/// Xvfb on a free display; `display()` is ":N".
class XServer
{
public:
    explicit XServer(const std::string& screen = "1280x800x24")
    {
        int fds[2];
        if (::pipe(fds) != 0)
            return;
        std::fflush(nullptr);
        m_pid = ::fork();
        if (m_pid == 0)
        {
            ::close(fds[0]);
            const std::string fd = std::to_string(fds[1]);
            ::execlp("Xvfb", "Xvfb", "-displayfd", fd.c_str(), "-screen", "0", screen.c_str(), "-nolisten", "tcp", nullptr);
            ::_exit(127);
        }
        ::close(fds[1]);
        char buf[32] = {};
        std::string number;
        ssize_t n = 0;
        while ((n = ::read(fds[0], buf, sizeof buf)) > 0 && number.find('\n') == std::string::npos)
            number.append(buf, static_cast<std::size_t>(n));
        ::close(fds[0]);
        while (!number.empty() && (number.back() == '\n' || number.back() == ' '))
            number.pop_back();
        if (!number.empty())
            m_display = ":" + number;
    }
    ~XServer()
    {
        if (m_pid > 0)
        {
            ::kill(m_pid, SIGTERM);
            ::waitpid(m_pid, nullptr, 0);
        }
    }
    const std::string& display() const { return m_display; }
    /// Runs a command (an X client) on this display; returns its output.
    Run run(const std::string& exe, const std::vector<std::string>& args) const
    {
        std::vector<std::string> all{"DISPLAY=" + m_display, exe};
        all.insert(all.end(), args.begin(), args.end());
        return runProgram("env", all);
    }

private:
    pid_t m_pid = -1;
    std::string m_display;
};

}  // namespace mint::test
