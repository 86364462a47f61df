// Log lines with timestamps to stderr (systemd's journal picks them up). Thread-safe.
//   mint::util::log(LogLevel::Warn, "sync", "feed refused: " + reason);
#pragma once

#include <string>
#include <string_view>

namespace mint::util
{

enum class LogLevel
{
    Debug,
    Info,
    Warn,
    Error
};

void log(LogLevel level, std::string_view component, std::string_view message);
inline void logInfo(std::string_view component, std::string_view message)
{
    log(LogLevel::Info, component, message);
}
inline void logWarn(std::string_view component, std::string_view message)
{
    log(LogLevel::Warn, component, message);
}
inline void logError(std::string_view component, std::string_view message)
{
    log(LogLevel::Error, component, message);
}

/// Lines below this level are dropped (default Info; MINT_LOG=debug shows everything).
void setLogLevel(LogLevel level);

/// "2026-11-26T15:04:02Z" for a Unix time in seconds.
std::string formatUtc(long long unixSeconds);

}  // namespace mint::util
