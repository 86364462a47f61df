// mint-kiosk without a window: --sync-once exit codes and JSON, config errors, PIN hashes.
#include "support/run_process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;
using Json = nlohmann::json;
using namespace mint::test;

namespace
{

Run kiosk(const std::vector<std::string>& args, const std::string& input = "", const std::string& cwd = "")
{
    return runProgram(MINT_KIOSK_EXE, args, input, cwd);
}

/// A config like config/demo.json with its own cache folder.
std::string demoConfig(const std::string& name, const std::string& feedUrl = "")
{
    const fs::path dir = processScratch() / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string feed = feedUrl.empty() ? std::string(MINT_SOURCE_DIR) + "/assets/demo/feed.json" : feedUrl;
    return writeScratch(name + "/kiosk.json", R"({"feed": {"url": ")" + feed + R"("}, "cache": {"dir": "cache"}})");
}

}  // namespace

TEST_CASE("kiosk --sync-once: the demo feed installs (exit 0), then is not modified")
{
    const std::string cfg = demoConfig("sync-once");
    Run first = kiosk({"--config", cfg, "--sync-once", "--json"});
    REQUIRE(first.exitCode == 0);
    const Json j = Json::parse(first.out);
    CHECK(j["result"] == "updated");
    CHECK(j["http_status"] == 0);  // file://
    CHECK(j["error"].is_null());
    CHECK(j["sequence"] == 1);
    CHECK(j["offers"] == 60);
    CHECK(j["images_cached"] == 20);
    CHECK(j["images_missing"] == 0);
    CHECK(first.err.find("info sync: updated") != std::string::npos);  // timestamped log on stderr

    Run second = kiosk({"--config", cfg, "--sync-once"});
    CHECK(second.exitCode == 0);
    CHECK(second.out.rfind("not_modified: sequence 1, 60 offers, 20 images (0 missing)", 0) == 0);
}

TEST_CASE("kiosk --sync-once: a failed sync exits 1 and keeps the last good catalogue")
{
    const std::string cfg = demoConfig("sync-fail");
    REQUIRE(kiosk({"--config", cfg, "--sync-once"}).exitCode == 0);
    // Same cache, a feed that is not there any more.
    const fs::path dir = fs::path(cfg).parent_path();
    writeScratch("sync-fail/kiosk.json", R"({"feed": {"url": ")" + (dir / "gone.json").string() + R"("}, "cache": {"dir": "cache"}})");
    Run failed = kiosk({"--config", cfg, "--sync-once", "--json"});
    CHECK(failed.exitCode == 1);
    const Json j = Json::parse(failed.out);
    CHECK(j["result"] == "failed");
    CHECK(j["error"].get<std::string>().find("feed.url") != std::string::npos);
    CHECK(j["offers"] == 60);  // the installed catalogue is still there
    CHECK(j["sequence"] == 1);
}

TEST_CASE("kiosk: a bad config stops with one line and exit 2, the cache untouched")
{
    const fs::path dir = processScratch() / "bad-config";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string cfg = writeScratch(
        "bad-config/kiosk.json", R"({"feed": {"url": "https://e.org/f.json", "sync_interval_min": "soon"}, "cache": {"dir": "cache"}})");
    Run r = kiosk({"--config", cfg, "--sync-once"});
    CHECK(r.exitCode == 2);
    CHECK(r.err == "mint-kiosk: " + cfg + ": feed.sync_interval_min: expected a whole number from 1 to 1440, got \"soon\"\n");
    CHECK_FALSE(fs::exists(dir / "cache"));
    Run missing = kiosk({"--config", (dir / "nope.json").string(), "--sync-once"});
    CHECK(missing.exitCode == 2);
    Run usage = kiosk({"--sync-once", "--bogus"});
    CHECK(usage.exitCode == 2);
}

TEST_CASE("kiosk --check-config: config/demo.json works from any folder")
{
    Run r = kiosk({"--config", std::string(MINT_SOURCE_DIR) + "/config/demo.json", "--check-config"}, "", "/");
    CHECK(r.exitCode == 0);
    CHECK(r.out.find("feed file://" + std::string(MINT_SOURCE_DIR) + "/assets/demo/feed.json") != std::string::npos);
    Run shipped = kiosk({"--config", std::string(MINT_SOURCE_DIR) + "/config/kiosk.json", "--check-config"});
    CHECK(shipped.exitCode == 0);
}

TEST_CASE("kiosk --hash-pin: a salted hash from standard input")
{
    Run r = kiosk({"--hash-pin"}, "2468\n");
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0) == 0);
    CHECK(r.out.find("2468") == std::string::npos);
    CHECK(kiosk({"--hash-pin"}, "12\n").exitCode == 2);
    CHECK(kiosk({"--hash-pin"}, "abcd\n").exitCode == 2);
}

TEST_CASE("kiosk --export-stats: usage counts as CSV, no personal data")
{
    const std::string cfg = demoConfig("stats");
    const fs::path cache = fs::path(cfg).parent_path() / "cache";
    fs::create_directories(cache);
    writeScratch("stats/cache/usage.json",
                 R"({"days": {"2026-11-26": {"sessions": 12, "detail_views": 30, "qr_shown": 9,
                                             "nothing_found": {"group=companies;age=6": 2}}}})");
    Run r = kiosk({"--config", cfg, "--export-stats"});
    CHECK(r.exitCode == 0);
    CHECK(r.out == "date,metric,detail,count\n"
                   "2026-11-26,sessions,,12\n"
                   "2026-11-26,detail_views,,30\n"
                   "2026-11-26,qr_shown,,9\n"
                   "2026-11-26,nothing_found,group=companies;age=6,2\n");
    fs::remove(cache / "usage.json");
    CHECK(kiosk({"--config", cfg, "--export-stats"}).out == "date,metric,detail,count\n");
}

TEST_CASE("kiosk: hostile configs exit 2 with one line, never abort or hang")
{
    const std::string salt(32, 'a'), hash(64, 'b');
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"feed": {"url": "https://example.org/f.json", "timeout_s": 1e400}})", "not valid JSON"},
        {std::string(100000, '[') + std::string(100000, ']'), "nested deeper than 16 levels"},
        {R"({"feed": {"url": "https://a.example/f.json"}, "feed": {"url": "https://b.example/f.json"}})",
         "feed: given twice in the same object"},
        {R"({"feed": {"url": "https://example.org/f.json"}, "admin": {"pin_hash": "pbkdf2-sha256$99999999$)" + salt + "$" + hash + "\"}}",
         "admin.pin_hash"},
    };
    int i = 0;
    for (const auto& [text, expected] : cases)
    {
        CAPTURE(expected);
        const std::string cfg = writeScratch("hostile-" + std::to_string(i++) + ".json", text);
        Run r = kiosk({"--config", cfg, "--check-config"});
        CHECK(r.exitCode == 2);
        CHECK(r.err.find(expected) != std::string::npos);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    }
    Run zero = kiosk({"--config", "/dev/zero", "--check-config"});
    CHECK(zero.exitCode == 2);
    CHECK(zero.err == "mint-kiosk: /dev/zero: cannot read the config file (not a regular file)\n");
}

TEST_CASE("kiosk --sync-once: a feed error quoting a cut character exits 1 with valid JSON, not 134")
{
    // "sequence": "x" + 30 x "Ä": the message quotes 40 bytes, which once ended inside a
    // character and made the JSON dump abort the process.
    std::string ae;
    for (int i = 0; i < 30; ++i)
        ae += "Ä";
    Json feed = Json::parse(slurp(std::string(MINT_SOURCE_DIR) + "/assets/demo/feed.json"));
    feed["sequence"] = "x" + ae;
    fs::create_directories(processScratch() / "cut-utf8");
    const std::string feedPath = writeScratch("cut-utf8/feed.json", feed.dump());
    const std::string cfg = writeScratch("cut-utf8/kiosk.json", R"({"feed": {"url": ")" + feedPath + R"("}, "cache": {"dir": "cache"}})");
    Run r = kiosk({"--config", cfg, "--sync-once", "--json"});
    CHECK(r.exitCode == 1);
    const Json j = Json::parse(r.out);
    CHECK(j["error_kind"] == "invalid");
    CHECK(j["detail"].get<std::string>().find("/sequence") != std::string::npos);
}
