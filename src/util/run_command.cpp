// Shell commands with a time limit; see run_command.hpp.
#include "run_command.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

namespace mint::util
{

std::string CommandResult::describe(double timeoutS) const
{
    std::string s;
    if (!started)
        s = "could not start /bin/sh";
    else if (timedOut)
        s = "timed out after " + std::to_string(static_cast<int>(timeoutS)) + " s";
    else if (exitCode < 0)
        s = "killed by a signal";
    else
        s = "exit " + std::to_string(exitCode);
    std::string out = output;
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r' || out.back() == ' '))
        out.pop_back();
    const auto nl = out.rfind('\n');
    if (nl != std::string::npos)
        out = out.substr(nl + 1);  // the last line says most
    return out.empty() ? s : s + ": " + out;
}

CommandResult runCommand(const std::string& commandLine, const std::string& input, double timeoutS)
{
    CommandResult r;
    int inPipe[2], outPipe[2];
    if (pipe2(inPipe, O_CLOEXEC) != 0)
        return r;
    if (pipe2(outPipe, O_CLOEXEC) != 0)
    {
        close(inPipe[0]);
        close(inPipe[1]);
        return r;
    }
    const pid_t pid = fork();
    if (pid < 0)
    {
        for (int fd : {inPipe[0], inPipe[1], outPipe[0], outPipe[1]})
            close(fd);
        return r;
    }
    if (pid == 0)
    {
        // The child: its own process group (so a time-out kills the whole pipeline).
        setpgid(0, 0);
        dup2(inPipe[0], 0);
        dup2(outPipe[1], 1);
        dup2(outPipe[1], 2);
        execl("/bin/sh", "sh", "-c", commandLine.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    setpgid(pid, pid);
    r.started = true;
    close(inPipe[0]);
    close(outPipe[1]);
    // Standard input is small (a cec-client command): written at once, then closed.
    signal(SIGPIPE, SIG_IGN);
    if (!input.empty())
    {
        const ssize_t n = write(inPipe[1], input.data(), input.size());
        (void)n;
    }
    close(inPipe[1]);

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeoutS);
    bool open = true;
    while (open)
    {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0)
        {
            r.timedOut = true;
            kill(-pid, SIGKILL);
            break;
        }
        pollfd p{outPipe[0], POLLIN, 0};
        const int ready = poll(&p, 1, static_cast<int>(left));
        if (ready < 0 && errno != EINTR)
            break;
        if (ready <= 0)
            continue;
        char buf[512];
        const ssize_t n = read(outPipe[0], buf, sizeof buf);
        if (n <= 0)
            open = false;
        else
        {
            r.output.append(buf, static_cast<std::size_t>(n));
            if (r.output.size() > 2048)
                r.output.erase(0, r.output.size() - 2048);
        }
    }
    close(outPipe[0]);
    int status = 0;
    // The output closed: the command is ending. One that lives on (a daemon with its output
    // elsewhere) is still bound by the deadline; a time-out killed the whole group.
    for (;;)
    {
        const pid_t done = waitpid(pid, &status, r.timedOut ? 0 : WNOHANG);
        if (done == pid || (done < 0 && errno != EINTR))
            break;
        if (done == 0 && std::chrono::steady_clock::now() >= deadline)
        {
            r.timedOut = true;
            kill(-pid, SIGKILL);
            continue;
        }
        if (done == 0)
            usleep(10000);
    }
    if (!r.timedOut)
        r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

}  // namespace mint::util
