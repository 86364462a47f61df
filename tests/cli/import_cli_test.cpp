// mint-catalog import: a spreadsheet in, a valid feed out, problems as a coordinator reads
// them (text and --json), exit codes.
#include "support/run_process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;
using namespace mint::test;

namespace
{

Run catalog(const std::vector<std::string>& args)
{
    return runProgram(MINT_CATALOG_EXE, args);
}

fs::path workDir(const std::string& name)
{
    const fs::path d = processScratch() / name;
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

void write(const fs::path& path, const std::string& text)
{
    std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("import: the example spreadsheet becomes a feed that validate accepts")
{
    const fs::path d = workDir("import-example");
    const std::string out = (d / "feed.json").string();
    Run r = catalog({"import", std::string(MINT_SOURCE_DIR) + "/assets/templates/angebote-beispiel.csv", "--out", out});
    INFO(r.out, r.err);
    CHECK(r.exitCode == 0);
    CHECK(r.out.find("4 Zeilen gelesen, 4 Angebote übernommen -> " + out) != std::string::npos);
    REQUIRE(fs::exists(out));
    r = catalog({"validate", out});
    CHECK_MESSAGE(r.exitCode == 0, (r.out + r.err));
    r = catalog({"query", out, "--text", "roboter", "--at", "2027-01-01T10:00"});
    CHECK(r.out.find("Roboter-AG") != std::string::npos);

    // The empty template has a header and no rows: nothing to import, no file, exit 2.
    const std::string empty = (d / "empty.json").string();
    r = catalog({"import", std::string(MINT_SOURCE_DIR) + "/assets/templates/angebote.csv", "--out", empty});
    CHECK(r.exitCode == 2);
    CHECK_FALSE(fs::exists(empty));
}

TEST_CASE("import: broken rows are reported with file, line and column, the rest imported, exit 1")
{
    const fs::path d = workDir("import-broken");
    write(d / "angebote.csv", "Titel;Datum;Beginn;Ende\n"
                              "Roboter;12.03.2027;15:00;17:00\n"
                              "Sterne;31.02.2027;19:00;21:00\n");
    const std::string out = (d / "feed.json").string();
    Run r = catalog({"import", (d / "angebote.csv").string(), "--out", out});
    CHECK(r.exitCode == 1);
    CHECK(r.out.find("angebote.csv, Zeile 3, Spalte Datum: '31.02.2027' ist kein Datum") != std::string::npos);
    CHECK(r.out.find("2 Zeilen gelesen, 1 Angebote übernommen, 1 Zeilen ausgelassen") != std::string::npos);
    CHECK(catalog({"validate", out}).exitCode == 0);

    r = catalog({"import", (d / "angebote.csv").string(), "--out", out, "--json"});
    CHECK(r.exitCode == 1);
    const auto report = nlohmann::json::parse(r.out);
    CHECK(report["offers"] == 1);
    CHECK(report["rows_left_out"] == 1);
    REQUIRE(report["problems"].size() == 1);
    CHECK(report["problems"][0]["line"] == 3);
    CHECK(report["problems"][0]["column"] == "Datum");
    CHECK(report["problems"][0]["value"] == "31.02.2027");
    CHECK(report["problems"][0]["severity"] == "error");
}

TEST_CASE("import: a mapping file, usage errors and unreadable files")
{
    const fs::path d = workDir("import-mapping");
    write(d / "uni.csv", "Veranstaltung;Termin\nMolekülküche;12.03.2027\n");
    write(d / "uni.json", R"({"provider": "Schülerlabor Uni", "columns": {"Veranstaltung": "Titel", "Termin": "Datum"}})");
    const std::string out = (d / "feed.json").string();
    Run r = catalog({"import", (d / "uni.csv").string(), "--mapping", (d / "uni.json").string(), "--out", out});
    CHECK_MESSAGE(r.exitCode == 0, (r.out + r.err));
    std::ifstream in(out);
    const auto feed = nlohmann::json::parse(in);
    CHECK(feed["providers"][0]["name"] == "Schülerlabor Uni");
    CHECK(feed["offers"][0]["title"] == "Molekülküche");

    write(d / "bad.json", "{\"place\": 3}");
    r = catalog({"import", (d / "uni.csv").string(), "--mapping", (d / "bad.json").string(), "--out", out});
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("bad.json") != std::string::npos);
    CHECK(catalog({"import", (d / "uni.csv").string()}).exitCode == 2);  // no --out
    CHECK(catalog({"import", (d / "missing.csv").string(), "--out", out}).exitCode == 2);
    CHECK(catalog({"import", "--bogus"}).exitCode == 2);
}

TEST_CASE("import: a calendar and a spreadsheet together make one feed")
{
    const fs::path d = workDir("import-ics");
    const std::string out = (d / "feed.json").string();
    Run r = catalog({"import", std::string(MINT_SOURCE_DIR) + "/tests/data/ics/nextcloud.ics",
                     std::string(MINT_SOURCE_DIR) + "/assets/templates/angebote-beispiel.csv", "--out", out});
    INFO(r.out, r.err);
    CHECK(r.exitCode == 0);
    CHECK(r.out.find("8 Zeilen gelesen, 8 Angebote übernommen") != std::string::npos);
    r = catalog({"validate", out});
    CHECK_MESSAGE(r.exitCode == 0, (r.out + r.err));
    r = catalog({"query", out, "--text", "roboter", "--at", "2027-01-01T10:00"});
    CHECK(r.out.find("Roboter-AG") != std::string::npos);
}

TEST_CASE("import: each provider's file with its own mapping (a --mapping applies to the sources after it)")
{
    const fs::path d = workDir("import-two-mappings");
    write(d / "uni.csv", "Veranstaltung;Termin\nMolekülküche;12.03.2027\n");
    write(d / "uni.json",
          R"({"provider": "Schülerlabor Uni", "columns": {"Veranstaltung": "Titel", "Termin": "Datum"}, "license": "CC0-1.0"})");
    write(d / "werkstatt.csv", "Titel;Datum\nLötkurs;13.03.2027\n");
    write(d / "werkstatt.json", R"({"provider": "MINT-Werkstatt", "subjects": ["Elektronik"]})");
    const std::string out = (d / "feed.json").string();
    Run r = catalog({"import", "--mapping", (d / "uni.json").string(), (d / "uni.csv").string(), "--mapping",
                     (d / "werkstatt.json").string(), (d / "werkstatt.csv").string(), "--out", out});
    CHECK_MESSAGE(r.exitCode == 0, (r.out + r.err));
    std::ifstream in(out);
    const auto feed = nlohmann::json::parse(in);
    REQUIRE(feed["offers"].size() == 2);
    CHECK(feed["offers"][0]["provider"] == "p-schuelerlabor-uni");
    CHECK(feed["offers"][1]["provider"] == "p-mint-werkstatt");
    CHECK(feed["offers"][1]["subjects"] == nlohmann::json({"elektronik"}));
    CHECK_FALSE(feed["offers"][0].contains("subjects"));
    CHECK(feed["license"] == "CC0-1.0");
}

TEST_CASE("import: --help names import and build with their options")
{
    const Run r = catalog({"--help"});
    CHECK(r.exitCode == 0);
    CHECK(r.out.find("mint-catalog import SOURCE... --out FEED.json [--mapping FILE] [--json]") != std::string::npos);
    CHECK(r.out.find("mint-catalog build SOURCE... --out DIR [--key BASE.key]") != std::string::npos);
    CHECK(r.out.find("--base-url URL") != std::string::npos);
}
