// From a spreadsheet to a kiosk: mint-catalog build writes a signed release folder, a real
// HTTP server on 127.0.0.1 serves it as it is, the kiosk's sync engine (with the network's
// public key) installs it with its pictures; after the spreadsheet changes, the next build
// installs as sequence + 1 and the removed row is gone from the kiosk.
#include "catalog/model.hpp"
#include "support/run_process.hpp"
#include "support/sync_fixture.hpp"
#include "support/test_servers.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using namespace mint;
using namespace mint::test;
namespace fs = std::filesystem;

TEST_CASE(
    "publish round trip: spreadsheet -> build (signed) -> HTTP -> the kiosk syncs, a changed spreadsheet -> sequence + 1 and a tombstone")
{
    const fs::path work = makeTempDir("publish-roundtrip");
    fs::create_directories(work / "src");
    fs::copy_file(fs::directory_iterator(std::string(MINT_SOURCE_DIR) + "/assets/demo/images")->path(), work / "src" / "bild.png");
    const std::string header = "ID;Titel;Anbieter;Datum;Beginn;Ende;Ort;Stadt;Breitengrad;Längengrad;Bild;Webseite\n";
    const std::string robo = "robo;Roboter-AG;Werkstatt;13.01.2027;15:00;17:00;Werkstatt;Saarbrücken;49,23;6,99;bild.png;\n";
    const std::string sterne =
        "sterne;Sternenabend;Sternwarte;15.01.2027;19:30;21:30;Sternwarte;Saarbrücken;49,25;7,04;;https://sterne.example\n";
    std::ofstream(work / "src" / "angebote.csv") << header << robo << sterne;
    REQUIRE(runProgram(MINT_CATALOG_EXE, {"keygen", "--out", (work / "netz").string()}).exitCode == 0);

    HttpTestServer http;
    const fs::path release = work / "release";
    fs::create_directories(release);
    REQUIRE(http.server().set_mount_point("/saar", release.string()));
    auto build = [&]
    {
        Run r = runProgram(MINT_CATALOG_EXE, {"build", (work / "src" / "angebote.csv").string(), "--out", release.string(), "--key",
                                              (work / "netz.key").string(), "--base-url", http.url("/saar/")});
        INFO(r.out, r.err);
        REQUIRE(r.exitCode == 0);
    };
    build();

    const std::string pub = slurp(work / "netz.pub");
    const std::string keyLine = pub.substr(pub.find('\n') + 1, 56);
    config::KioskConfig cfgWithKey = testConfig(http.url("/saar/feed.json"), (work / "cache").string());
    cfgWithKey.feed.publicKeys = {keyLine};  // the network's key: only its signature installs
    sync::CacheStore store((work / "cache").string());
    std::string error;
    REQUIRE(store.prepare(error));
    sync::SyncEngine engine(cfgWithKey, store);
    auto status = engine.runOnce();
    INFO(status.detail);
    REQUIRE(status.result == sync::SyncResult::Updated);
    auto catalog = engine.catalog();
    REQUIRE(catalog);
    CHECK(catalog->sequence == 1);
    REQUIRE(catalog->offers.size() == 2);
    CHECK(status.imagesMissing == 0);
    const catalog::Offer* r = catalog->findOffer("werkstatt-robo");
    REQUIRE(r);
    // No web page of its own: the QR code leads to the phone page, which the server has.
    const std::string page = catalog::phonePageUrl(*catalog, *r);
    CHECK(page == http.url("/saar/o/werkstatt-robo.html"));
    CHECK(fs::exists(release / "o" / "werkstatt-robo.html"));

#ifdef MINT_KIOSK_EXE
    // The kiosk program itself, with the network's key in its configuration file.
    {
        const fs::path kioskDir = work / "kiosk";
        fs::create_directories(kioskDir);
        std::ofstream(kioskDir / "kiosk.json") << R"({"feed": {"url": ")" << http.url("/saar/feed.json") << R"(", "public_keys": [")"
                                               << keyLine << R"("]}, "cache": {"dir": "cache"}})";
        Run k = runProgram(MINT_KIOSK_EXE, {"--config", (kioskDir / "kiosk.json").string(), "--sync-once", "--json"});
        INFO(k.out, k.err);
        REQUIRE(k.exitCode == 0);
        const auto j = nlohmann::json::parse(k.out);
        CHECK(j["result"] == "updated");
        CHECK(j["offers"] == 2);
        CHECK(j["images_missing"] == 0);
        CHECK(j["requests"] == 3);  // the feed, its signature (checked with the configured key), the picture
    }
#endif

    // The spreadsheet changes: one row gone. The next build installs as sequence 2.
    std::ofstream(work / "src" / "angebote.csv") << header << robo;
    build();
    status = engine.runOnce();
    INFO(status.detail);
    REQUIRE(status.result == sync::SyncResult::Updated);
    catalog = engine.catalog();
    CHECK(catalog->sequence == 2);
    CHECK(catalog->offers.size() == 1);
    CHECK_FALSE(catalog->findOffer("sternwarte-sterne"));
    REQUIRE(catalog->tombstones.size() == 1);
    CHECK(catalog->tombstones[0].id == "sternwarte-sterne");
}
