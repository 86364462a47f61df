// Timestamped log lines; see log.hpp.
#include "log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <mutex>

namespace mint::util
{

namespace
{

std::atomic<int> g_level{[]
                         {
                             const char* env = std::getenv("MINT_LOG");
                             return env && std::strcmp(env, "debug") == 0 ? static_cast<int>(LogLevel::Debug)
                                                                          : static_cast<int>(LogLevel::Info);
                         }()};
std::mutex g_mutex;

const char* levelName(LogLevel level)
{
    switch (level)
    {
    case LogLevel::Debug: return "debug";
    case LogLevel::Info: return "info";
    case LogLevel::Warn: return "warn";
    case LogLevel::Error: return "error";
    }
    return "?";
}

}  // namespace

void setLogLevel(LogLevel level)
{
    g_level = static_cast<int>(level);
}

std::string formatUtc(long long unixSeconds)
{
    const std::time_t t = static_cast<std::time_t>(unixSeconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

void log(LogLevel level, std::string_view component, std::string_view message)
{
    if (static_cast<int>(level) < g_level.load())
        return;
    using namespace std::chrono;
    const auto now = system_clock::now();
    const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count();
    std::string line = formatUtc(ms / 1000);
    char frac[8];
    std::snprintf(frac, sizeof frac, ".%03d", static_cast<int>(ms % 1000));
    line.insert(line.size() - 1, frac);
    line += ' ';
    line += levelName(level);
    line += ' ';
    line.append(component);
    line += ": ";
    line.append(message);
    line += '\n';
    std::lock_guard<std::mutex> lock(g_mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

}  // namespace mint::util
