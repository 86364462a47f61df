// Regression tests for input that once crashed or stalled the kiosk (found by fuzzing and by
// misbehaving servers): invalid UTF-8 reaching JSON dumps, hostile configs, huge or damaged
// pictures, clock steps. Each case is an input from outside that must give a clear error
// and never an abort.
#include "config/kiosk_config.hpp"
#include "media/image_decode.hpp"
#include "media/image_encode.hpp"
#include "sync/sync_status.hpp"
#include "unit/feed_builder.hpp"
#include "util/json_text.hpp"
#include "util/utf8.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>
#include <vector>

using namespace mint;
using namespace mint::test;

namespace
{

std::string repeat(const std::string& s, int n)
{
    std::string out;
    for (int i = 0; i < n; ++i)
        out += s;
    return out;
}

std::string tempPath(const std::string& name)
{
    return (std::filesystem::temp_directory_path() / ("mint-hostile-" + std::to_string(::getpid()) + "-" + name)).string();
}

std::string writeTemp(const std::string& name, const std::string& text)
{
    const std::string path = tempPath(name);
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

const std::string kMinimalConfig = R"({"feed": {"url": "https://example.org/feed.json"}})";

std::string smallPng(int w, int h)
{
    std::vector<std::uint8_t> px(static_cast<std::size_t>(w * h * 3), 200);
    for (std::size_t i = 0; i < px.size(); i += 7)
        px[i] = static_cast<std::uint8_t>(i);
    return media::encodePng(px.data(), w, h, 3);
}

}  // namespace

// ---------------------------------------------------------------------------------------
// UTF-8 hygiene

TEST_CASE("utf8: invalid bytes become U+FFFD and cuts never split a character")
{
    CHECK(util::isValidUtf8("Löten"));
    CHECK_FALSE(util::isValidUtf8("\xFF\xFE"));
    CHECK_FALSE(util::isValidUtf8("\xC3"));              // cut off
    CHECK_FALSE(util::isValidUtf8("\xC0\xAF"));          // overlong '/'
    CHECK_FALSE(util::isValidUtf8("\xED\xA0\x80"));      // UTF-16 surrogate
    CHECK_FALSE(util::isValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    CHECK(util::validUtf8("a\xFF"
                          "b") == "a\xEF\xBF\xBD"
                                  "b");
    // 30 x "Ä" is 60 bytes: a cut at 40 bytes keeps 20 whole characters and marks the cut.
    const std::string cut = util::validUtf8(repeat("Ä", 30), 40);
    CHECK(cut == repeat("Ä", 20) + "…");
    CHECK(util::validUtf8("x" + repeat("Ä", 30), 40) == "x" + repeat("Ä", 19) + "…");
    CHECK(util::isValidUtf8(util::validUtf8("x" + repeat("Ä", 30), 40)));
}

TEST_CASE("utf8: a JSON dump of invalid UTF-8 never throws")
{
    nlohmann::json j{{"etag", "\xFF\xFE"}, {"error", "x\xC3"}};
    std::string text;
    CHECK_NOTHROW(text = util::dumpJson(j));
    CHECK(util::isValidUtf8(text));
    CHECK(text.find("\xEF\xBF\xBD") != std::string::npos);
}

// ---------------------------------------------------------------------------------------
// Feeds whose error messages once carried invalid UTF-8

TEST_CASE("hostile feed: a value cut at byte 40 inside a character gives a valid message and status")
{
    Json feed = sampleFeed();
    feed["sequence"] = "x" + repeat("Ä", 30);
    const auto r = load(feed);
    REQUIRE_FALSE(r.accepted());
    REQUIRE_FALSE(r.issues.empty());
    for (const auto& issue : r.issues)
    {
        CHECK(util::isValidUtf8(issue.message));
        CHECK(util::isValidUtf8(issue.toString()));
    }
    CHECK(issuesText(r).find("x" + repeat("Ä", 19)) != std::string::npos);
    // What --sync-once --json and status.json print from it.
    sync::SyncStatus s;
    s.result = sync::SyncResult::Failed;
    s.detail = r.issues[0].toString();
    std::string json;
    CHECK_NOTHROW(json = sync::statusToJson(s));
    CHECK(sync::statusFromJson(json).has_value());
}

TEST_CASE("hostile feed: a backslash before a raw non-ASCII byte is named in hex")
{
    std::string text = sampleFeed().dump();
    const auto at = text.find("Test-Netzwerk");
    REQUIRE(at != std::string::npos);
    text.replace(at, 4, "Te\\\xC3\xA4");
    const auto r = catalog::loadCatalog(text);
    REQUIRE_FALSE(r.accepted());
    REQUIRE(r.issues.size() == 1);
    CHECK(r.issues[0].message.find("invalid escape '\\0xC3'") != std::string::npos);
    CHECK(util::isValidUtf8(r.issues[0].message));
    CHECK_NOTHROW(util::dumpJson(nlohmann::json(r.issues[0].toString())));
}

TEST_CASE("hostile feed: a version past the int range is reported as written, not wrapped")
{
    for (const std::string version : {"4294967296", "2147483648", "-1", "99999999999999"})
    {
        std::string text = sampleFeed().dump();
        const auto at = text.find("\"version\":1");
        REQUIRE(at != std::string::npos);
        text.replace(at, 11, "\"version\":" + version);
        const auto r = catalog::loadCatalog(text);
        REQUIRE_FALSE(r.accepted());
        CHECK(hasIssue(r, "/version", "unsupported version " + version, catalog::Severity::Fatal));
    }
}

// ---------------------------------------------------------------------------------------
// Hostile configurations: exit 2 with one clear line, quickly

TEST_CASE("hostile config: numbers out of range, deep nesting and duplicate keys are one clear error")
{
    std::string error;
    CHECK_FALSE(config::parseConfig(R"({"feed": {"url": "https://example.org/f.json", "timeout_s": 1e400}})", "k.json", error));
    CHECK(error.rfind("k.json: not valid JSON: ", 0) == 0);
    CHECK(error.find("1e400") != std::string::npos);

    const std::string deep = repeat("[", 100000) + repeat("]", 100000);
    CHECK_FALSE(config::parseConfig(deep, "k.json", error));
    CHECK(error == "k.json: (document): nested deeper than 16 levels");

    CHECK_FALSE(config::parseConfig(R"({"feed": {"url": "https://a.example/f.json"}, "feed": {"url": "https://b.example/f.json"}})",
                                    "k.json", error));
    CHECK(error == "k.json: feed: given twice in the same object (remove one)");
    CHECK_FALSE(
        config::parseConfig(R"({"feed": {"url": "https://a.example/f.json", "url": "https://b.example/f.json"}})", "k.json", error));
    CHECK(error == "k.json: url: given twice in the same object (remove one)");
    // The same key in two different objects is fine.
    CHECK(config::parseConfig(R"({"feed": {"url": "https://a.example/f.json"}, "map": {"min_zoom": 8}, "cache": {"dir": "/tmp/x"}})",
                              "k.json", error));

    CHECK_FALSE(config::parseConfig(std::string(2u << 20, ' ') + kMinimalConfig, "k.json", error));
    CHECK(error.find("more than the limit of 1048576") != std::string::npos);
}

TEST_CASE("hostile config: devices, FIFOs and folders are refused without reading or waiting")
{
    std::string error;
    CHECK_FALSE(config::loadConfig("/dev/zero", error));
    CHECK(error == "/dev/zero: cannot read the config file (not a regular file)");

    const std::string fifo = tempPath("fifo.json");
    ::unlink(fifo.c_str());
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK_FALSE(config::loadConfig(fifo, error));  // no writer: would block forever without O_NONBLOCK
    CHECK(error == fifo + ": cannot read the config file (not a regular file)");
    ::unlink(fifo.c_str());

    CHECK_FALSE(config::loadConfig("/tmp", error));
    CHECK(error == "/tmp: cannot read the config file (not a regular file)");

    const std::string big = writeTemp("big.json", std::string((1u << 20) + 1, ' '));
    CHECK_FALSE(config::loadConfig(big, error));
    CHECK(error == big + ": cannot read the config file (1048577 bytes, more than the limit of 1048576)");
    std::remove(big.c_str());

    const std::string good = writeTemp("good.json", kMinimalConfig);
    CHECK(config::loadConfig(good, error));
    std::remove(good.c_str());
}

TEST_CASE("hostile config: a PIN hash with absurd iterations is refused instead of stalling every start")
{
    const std::string salt(32, 'a'), hash(64, 'b');
    std::string error;
    const auto slow = config::parseConfig(
        R"({"feed": {"url": "https://example.org/f.json"}, "admin": {"pin_hash": "pbkdf2-sha256$99999999$)" + salt + "$" + hash + "\"}}",
        "k.json", error);
    CHECK_FALSE(slow);
    CHECK(error.rfind("k.json: admin.pin_hash: ", 0) == 0);
    CHECK_FALSE(config::isPinHash("pbkdf2-sha256$1000001$" + salt + "$" + hash));
    CHECK(config::isPinHash("pbkdf2-sha256$1000000$" + salt + "$" + hash));
    // verifyPin refuses such a hash at once (no 150 s of PBKDF2).
    const auto started = std::chrono::steady_clock::now();
    CHECK_FALSE(config::verifyPin("1234", "pbkdf2-sha256$99999999$" + salt + "$" + hash));
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
}

// ---------------------------------------------------------------------------------------
// Pictures: bounded by area and by a process-wide decode budget; damaged PNGs refused

TEST_CASE("hostile picture: a PNG with a broken CRC is refused, the intact one decodes")
{
    const std::string good = smallPng(40, 30);
    REQUIRE(media::probeImage(good, 1024).ok);
    REQUIRE(media::decodeImage(good, 1024).ok());

    // Flip one pixel-data byte inside IDAT: the chunk's CRC no longer matches.
    std::string bad = good;
    const auto idat = bad.find("IDAT");
    REQUIRE(idat != std::string::npos);
    bad[idat + 6] = static_cast<char>(bad[idat + 6] ^ 0x01);
    const auto info = media::probeImage(bad, 1024);
    CHECK_FALSE(info.ok);
    CHECK(info.error == "damaged png: checksum (CRC) of a chunk is wrong");
    CHECK_FALSE(media::decodeImage(bad, 1024).ok());

    // Cut before IEND.
    const auto cut = media::probeImage(good.substr(0, good.size() - 12), 1024);
    CHECK_FALSE(cut.ok);
    CHECK(cut.error == "damaged png: cut off (no IEND chunk)");
}

TEST_CASE("hostile picture: a huge area is refused from the header, before any pixel is decoded")
{
    // 16384 x 16384 within max_dimension 16384, but 268 megapixels: refused by area.
    std::string png = smallPng(8, 8);
    auto put32 = [&](std::size_t at, std::uint32_t v)
    {
        for (int i = 0; i < 4; ++i)
            png[at + static_cast<std::size_t>(i)] = static_cast<char>((v >> (24 - 8 * i)) & 0xFF);
    };
    put32(16, 16384);
    put32(20, 16384);
    const auto started = std::chrono::steady_clock::now();
    const auto img = media::decodeImage(png, 16384);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
    CHECK_FALSE(img.ok());
    CHECK(img.error == "picture is 16384x16384 pixels (268 megapixels), more than the limit of 16777216 pixels");
    CHECK(media::probeImage(smallPng(300, 200), 1024, 300 * 200).ok);
    CHECK_FALSE(media::probeImage(smallPng(300, 200), 1024, 300 * 200 - 1).ok);
}

TEST_CASE("hostile picture: decodes on many threads at once stay within the process-wide pixel budget")
{
    // Eight threads decoding 2048 x 2048 pictures (4 megapixels each) at the same time: never
    // more than kMaxPixelsInFlight (16.7 megapixels) being decoded at once.
    const std::string png = smallPng(2048, 2048);
    std::atomic<int> decoded{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back(
            [&]
            {
                for (int i = 0; i < 2; ++i)
                    if (media::decodeImage(png, 4096).ok())
                        ++decoded;
            });
    for (auto& t : threads)
        t.join();
    CHECK(decoded == 16);
    CHECK(media::peakPixelsInFlight() <= media::kMaxPixelsInFlight);
    CHECK(media::peakPixelsInFlight() >= 2048 * 2048);
    CHECK(media::pixelsInFlight() == 0);
}

// ---------------------------------------------------------------------------------------
// Clock steps

TEST_CASE("clock: the wait after a run depends on the chosen delay, not on where the wall clock stands")
{
    sync::SyncStatus s;
    s.lastAttempt = 1795000000;
    s.nextAttempt = s.lastAttempt + 60;
    CHECK(sync::waitAfterRunS(s) == 60);
    // Stepped back five years between runs: still one minute (a wait until the wall-clock
    // time would have lasted five years).
    s.lastAttempt -= 5LL * 365 * 86400;
    s.nextAttempt = s.lastAttempt + 60;
    CHECK(sync::waitAfterRunS(s) == 60);
    s.nextAttempt = s.lastAttempt - 10;  // nonsense from a broken status: run again soon
    CHECK(sync::waitAfterRunS(s) == 1);
    s.nextAttempt = s.lastAttempt + 10LL * 365 * 86400;
    CHECK(sync::waitAfterRunS(s) == 24 * 3600);
}

TEST_CASE("hostile picture: JPEGs that broke Debian's stb_image are refused with a clear error (found by fuzzing)")
{
    // Huffman tables with more than 256 codes: stb wrote past its size list. (CI's fuzzing
    // also found stb's bit reader shifting by a negative amount on damaged entropy data.)
    // libjpeg-turbo now reads every JPEG and refuses these with its own message.
    for (const std::string name : {"regression-jpeg-huffman-in-header.jpg", "regression-jpeg-huffman-overflow.jpg"})
    {
        CAPTURE(name);
        std::ifstream in(std::string(MINT_SOURCE_DIR) + "/tests/fuzz/corpus/image/" + name, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        REQUIRE(bytes.size() > 50);
        const auto decoded = media::decodeImage(bytes, 4096);
        CHECK_FALSE(decoded.ok());
        CHECK(decoded.error.rfind("damaged jpeg: ", 0) == 0);
        CHECK(decoded.error.size() > std::string("damaged jpeg: ").size());
    }
    // A real JPEG still decodes, to the right size and colours.
    std::ifstream in(std::string(MINT_SOURCE_DIR) + "/tests/fuzz/corpus/image/tile.jpg", std::ios::binary);
    const std::string jpeg((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto tile = media::decodeImage(jpeg, 4096);
    REQUIRE(tile.ok());
    CHECK(tile.width > 0);
    CHECK(tile.rgba.size() == static_cast<std::size_t>(tile.width) * tile.height * 4);
    CHECK(tile.rgba[3] == 255);  // opaque alpha filled in
    // Cut in half, the same JPEG is refused (a warning is an error), not shown half grey.
    CHECK_FALSE(media::decodeImage(jpeg.substr(0, jpeg.size() / 2), 4096).ok());
}
