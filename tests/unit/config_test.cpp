// Kiosk configuration: defaults, relative paths, and one clear error per bad value.
#include "config/kiosk_config.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace mint::config;

namespace
{

std::optional<KioskConfig> parse(const std::string& text, std::string* errorOut = nullptr)
{
    std::string error;
    auto c = parseConfig(text, "/etc/mint/kiosk.json", error);
    if (errorOut)
        *errorOut = error;
    return c;
}

}  // namespace

TEST_CASE("config: the documented minimal example loads with defaults")
{
    auto c = parse(R"({"kiosk": {"name": "Stadtbibliothek Musterstadt", "location": {"lat": 49.2354, "lon": 6.9969},
                                 "languages": ["de", "en"], "idle_timeout_s": 90},
                      "feed": {"url": "https://mint.example.org/feed.json", "sync_interval_min": 15,
                               "max_bytes": 52428800, "timeout_s": 60},
                      "cache": {"dir": "/var/cache/mint-kiosk"},
                      "admin": {"pin_hash": "pbkdf2-sha256$1000$00112233445566778899aabbccddeeff$0000000000000000000000000000000000000000000000000000000000000000"}})");
    REQUIRE(c);
    CHECK(c->kiosk.name == "Stadtbibliothek Musterstadt");
    CHECK(*c->kiosk.lat == doctest::Approx(49.2354));
    CHECK(c->feed.syncIntervalMin == 15);
    CHECK(c->feed.maxBytes == 52428800u);
    CHECK(c->feed.connectTimeoutS == 15);  // default
    CHECK(c->images.parallel == 4);        // default
    CHECK(c->cache.dir == "/var/cache/mint-kiosk");
    CHECK(c->feedLimits().maxDocumentBytes == 52428800u);
}

TEST_CASE("config: relative paths resolve against the config file's folder")
{
    auto c = parse(R"({"feed": {"url": "../assets/demo/feed.json"}, "cache": {"dir": "cache"},
                      "map": {"mbtiles": "tiles/region.mbtiles"}})");
    REQUIRE(c);
    CHECK(c->feed.url == "file:///etc/assets/demo/feed.json");
    CHECK(c->cache.dir == "/etc/mint/cache");
    CHECK(c->map.mbtiles == "/etc/mint/tiles/region.mbtiles");
}

TEST_CASE("config: keys that begin with // are comments in every object, other unknown keys stay errors")
{
    auto c = parse(R"({"//": "the kiosk in the foyer", "feed": {"//": "our network", "url": "https://e.org/f.json"},
                      "kiosk": {"// note": "two languages", "languages": ["de", "en"]}})");
    REQUIRE(c);
    CHECK(c->feed.url == "https://e.org/f.json");
    CHECK_FALSE(parse(R"({"/": 1, "feed": {"url": "https://e.org/f.json"}})"));
    CHECK_FALSE(parse(R"({"feed": {"url": "https://e.org/f.json", "#": "no"}})"));
}

TEST_CASE("config: the installed example (config/installed/kiosk.json) is valid and starts on the installed demo catalogue")
{
    std::ifstream in(std::string(MINT_SOURCE_DIR) + "/config/installed/kiosk.json");
    std::stringstream text;
    text << in.rdbuf();
    auto c = parse(text.str());
    REQUIRE(c);
    CHECK(c->feed.url == "file:///usr/share/mint-kiosk/demo/feed.json");
    CHECK(c->cache.dir == "/var/cache/mint-kiosk");
    CHECK_FALSE(c->admin.pinHash.empty());
}

TEST_CASE("config: the cache folder defaults to XDG_CACHE_HOME")
{
    ::setenv("XDG_CACHE_HOME", "/tmp/xdg-test", 1);
    auto c = parse(R"({"feed": {"url": "https://example.org/f.json"}})");
    REQUIRE(c);
    CHECK(c->cache.dir == "/tmp/xdg-test/mint-kiosk");
    ::unsetenv("XDG_CACHE_HOME");
}

TEST_CASE("config: every bad value is one line naming the key")
{
    struct Case
    {
        const char* text;
        const char* message;
    };
    const std::vector<Case> cases = {
        {R"({"feed": {"url": "https://e.org/f.json", "sync_intervall_min": 5}})", "feed.sync_intervall_min: unknown key"},
        {R"({"feed": {"url": "https://e.org/f.json"}, "extra": 1})", "extra: unknown key"},
        {R"({"feed": {"url": "https://e.org/f.json", "sync_interval_min": "15"}})",
         "feed.sync_interval_min: expected a whole number from 1 to 1440, got \"15\""},
        {R"({"feed": {"url": "https://e.org/f.json", "sync_interval_min": 0}})", "feed.sync_interval_min: expected a whole number"},
        {R"({"feed": {"url": "https://e.org/f.json", "max_drop_share": 1.5}})", "feed.max_drop_share: expected a number from 0 to 1"},
        {R"({"feed": {"url": "ftp://e.org/f.json"}})", "feed.url: only https://, http:// and file://"},
        {R"({"feed": {"url": "file://relative/f.json"}})", "feed.url: a file:// URL needs an absolute path"},
        {R"({"feed": {}})", "feed.url: is required"},
        {R"({"kiosk": {"name": "x"}})", "feed: is required"},
        {R"({"feed": {"url": "https://e.org/f.json"}, "kiosk": {"location": {"lat": 91, "lon": 7}}})",
         "kiosk.location.lat: expected a number from -90 to 90"},
        {R"({"feed": {"url": "https://e.org/f.json"}, "kiosk": {"location": {"lat": 49}}})", "kiosk.location: needs both lat and lon"},
        {R"({"feed": {"url": "https://e.org/f.json"}, "kiosk": {"languages": ["fr"]}})", "kiosk.languages: supported languages"},
        {R"({"feed": {"url": "https://e.org/f.json"}, "kiosk": {"idle_timeout_s": 5}})",
         "kiosk.idle_timeout_s: expected a whole number from 10"},
        {R"({"feed": {"url": "https://e.org/f.json"}, "kiosk": {"hide_cursor": "yes"}})", "kiosk.hide_cursor: expected true or false"},
        {R"({"feed": {"url": "https://e.org/f.json"}, "admin": {"pin_hash": "1234"}})",
         "admin.pin_hash: expected an Argon2id hash \"$argon2id$"},
        {R"({"feed": {"url": "https://e.org/f.json"}, "images": {"parallel": 100}})",
         "images.parallel: expected a whole number from 1 to 16"},
        {R"({"feed": {"url": "https://e.org/f.json"}, "map": {"min_zoom": 12, "max_zoom": 8}})", "map.min_zoom: is above map.max_zoom"},
        {R"({"feed": {"url": "https://e.org/f.json"}, "map": {"tile_url": "https://t.org/tiles.png"}})",
         "map.tile_url: expected an http(s) template"},
        {R"({"feed": {"url": "https://e.org/f.json"}, "map": {"tile_url": "https://t.org/{z}/{x}/{y}.png"}})",
         "map.attribution: is required with map.tile_url"},
        {R"({"feed": {"url": "https://e.org/f.json"}, "map": {"max_zoom": 23}})", "map.max_zoom: expected a whole number from 0 to 22"},
        {R"({"feed": {"url": "https://e.org/f.json"}, "map": {"cache_max_mb": 0}})", "map.cache_max_mb: expected a whole number"},
        {R"({"feed": {"url": "https://e.org/f.json"}, "map": {"mbtiles": 5}})", "map.mbtiles: expected a string"},
        {R"({"feed": {"url": "https://e.org/f.json"}, "map": {"package_url": "https://e.org/m.mbtiles", "mbtiles": "m.mbtiles"}})",
         "map.package_sha256: goes together with the other one"},
        {R"({"feed": {"url": "https://e.org/f.json"}, "map": {"package_url": "https://e.org/m.mbtiles", "package_sha256": "abc", "mbtiles": "m.mbtiles"}})",
         "map.package_sha256: expected 64 lower-case hex digits"},
        {R"({"feed": {"url": "https://e.org/f.json"}, "map": {"package_url": "ftp://e.org/m", "package_sha256": "0000000000000000000000000000000000000000000000000000000000000000", "mbtiles": "m.mbtiles"}})",
         "map.package_url: expected an http(s) URL"},
        {R"({"feed": {"url": "https://e.org/f.json"}, "map": {"package_url": "https://e.org/m", "package_sha256": "0000000000000000000000000000000000000000000000000000000000000000"}})",
         "map.mbtiles: is required with map.package_url"},
        {R"({"feed": {"url": "https://e.org/f.json"}, "cache": []})", "cache: expected an object"},
        {R"([1, 2])", "(top level): expected an object"},
        {R"({"feed": )", "not valid JSON"},
    };
    for (const auto& c : cases)
    {
        CAPTURE(c.text);
        std::string error;
        CHECK_FALSE(parse(c.text, &error));
        CHECK(error.rfind("/etc/mint/kiosk.json: ", 0) == 0);
        CHECK(error.find(c.message) != std::string::npos);
        CHECK(error.find('\n') == std::string::npos);
    }
}

TEST_CASE("config: a missing file is a clear error")
{
    std::string error;
    CHECK_FALSE(loadConfig("/nonexistent/kiosk.json", error));
    CHECK(error == "/nonexistent/kiosk.json: cannot read the config file (No such file or directory)");
}

TEST_CASE("config: PIN hashes are Argon2id, salted, and verify, the old PBKDF2 format still verifies")
{
    const std::string a = hashPin("4711");
    const std::string b = hashPin("4711");
    CHECK(a.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0) == 0);
    CHECK(isPinHash(a));
    CHECK_FALSE(isLegacyPinHash(a));
    CHECK(a != b);  // different salts
    CHECK(a.find("4711") == std::string::npos);
    CHECK(verifyPin("4711", a));
    CHECK(verifyPin("4711", b));
    CHECK_FALSE(verifyPin("4712", a));
    CHECK_FALSE(verifyPin("4711", "plain"));
    CHECK_FALSE(isPinHash("pbkdf2-sha256$10$00112233445566778899aabbccddeeff$00"));  // too few iterations, short hash
    // The old format: still read (with a warning at start-up), never written.
    const std::string old = legacyPinHash("4711", 2000);
    CHECK(isLegacyPinHash(old));
    CHECK(isPinHash(old));
    CHECK(verifyPin("4711", old));
    CHECK_FALSE(verifyPin("4712", old));
    // Argon2id parameters a config may ask for are bounded (a start must not need gigabytes).
    CHECK_FALSE(isPinHash("$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$" + std::string(43, 'A')));
    CHECK_FALSE(isPinHash("$argon2id$v=19$m=65536,t=100,p=1$c29tZXNhbHRzb21lc2FsdA$" + std::string(43, 'A')));
    CHECK_FALSE(isPinHash("$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$" + std::string(43, 'A')));
    CHECK_FALSE(verifyPin("4711", "$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$" + std::string(43, 'A')));
}
