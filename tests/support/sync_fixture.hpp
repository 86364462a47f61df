// A sync set-up for integration tests: a temporary cache folder, a config pointing at a
// test server, and helpers to read the cache back byte for byte.
#pragma once

#include "config/kiosk_config.hpp"
#include "sync/cache_store.hpp"
#include "sync/sync_engine.hpp"
#include "util/fs_util.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <filesystem>
#include <string>

namespace mint::test
{

inline std::string makeTempDir(const std::string& name)
{
    static int counter = 0;
    const auto dir =
        std::filesystem::temp_directory_path() / ("mint-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir.string();
}

inline config::KioskConfig testConfig(const std::string& feedUrl, const std::string& cacheDir, const std::string& extra = "")
{
    const std::string text = R"({"feed": {"url": ")" + feedUrl +
                             R"(", "timeout_s": 5, "connect_timeout_s": 2, "low_speed_limit_bytes_per_s": 2000,
        "low_speed_time_s": 1, "max_bytes": 1048576, "user_agent_contact": "test@example.org"},
        "images": {"parallel": 3, "max_bytes": 200000, "max_dimension": 1024},
        "cache": {"dir": ")" +
                             cacheDir + "\"}" + extra + "}";
    std::string error;
    auto cfg = config::parseConfig(text, cacheDir + "/kiosk.json", error);
    REQUIRE_MESSAGE(cfg, error);
    return *cfg;
}

/// Every byte of the cached catalogue files, to prove a failed sync changed nothing.
inline std::string cacheSnapshot(const std::string& cacheDir)
{
    std::string out, content, error;
    for (const char* name : {"/catalog/current.gen", "/catalog/previous.gen"})
        if (util::readWholeFile(cacheDir + name, content, error))
            out += std::string(name) + "\n" + content + "\n";
    return out;
}

}  // namespace mint::test
