// Runs a shell command line (`/bin/sh -c`) with optional standard input and a time limit,
// for the display's power commands (cec-client, ddcutil, wlopm, ...). Blocking: call it from
// a worker, never from the UI thread.
#pragma once

#include <string>

namespace mint::util
{

struct CommandResult
{
    bool started = false;   ///< the shell could be started
    bool timedOut = false;  ///< killed after the time limit
    int exitCode = -1;      ///< the command's exit status (-1: killed by a signal or not run)
    std::string output;     ///< stdout and stderr together, at most the last 2 KiB

    bool ok() const { return started && !timedOut && exitCode == 0; }
    /// "exit 3: no device found", "timed out after 10 s", ... for the log.
    std::string describe(double timeoutS) const;
};

CommandResult runCommand(const std::string& commandLine, const std::string& input = "", double timeoutS = 10.0);

}  // namespace mint::util
