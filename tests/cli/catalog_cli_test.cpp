// mint-catalog as a program: exit codes, output lines, --json shapes. Runs the built
// binary on feeds written to a temporary folder.
#include "support/run_process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
using Json = nlohmann::json;
using namespace mint::test;

namespace
{

Run run(const std::vector<std::string>& args)
{
    return runProgram(MINT_CATALOG_EXE, args);
}

std::string write(const std::string& name, const std::string& content)
{
    return writeScratch(name, content);
}

fs::path scratch()
{
    return processScratch();
}

std::string demoFeed()
{
    return std::string(MINT_SOURCE_DIR) + "/assets/demo/feed.json";
}

Json demoJson()
{
    return Json::parse(slurp(demoFeed()));
}

}  // namespace

TEST_CASE("cli validate: the demo feed is valid (exit 0)")
{
    Run r = run({"validate", demoFeed()});
    CHECK(r.exitCode == 0);
    CHECK(r.out.empty());
    CHECK(r.err.find("valid: 60 offers, 0 skipped, 0 errors") != std::string::npos);
}

TEST_CASE("cli validate: a broken offer is an error for the publisher (exit 1)")
{
    Json feed = demoJson();
    feed["offers"][8]["age_range"] = {{"min", 12}, {"max", 8}};  // no story links offers 6 and 9
    feed["offers"][5]["url"] = "ftp://example.org";
    Run r = run({"validate", write("broken-offer.json", feed.dump())});
    CHECK(r.exitCode == 1);
    // One problem per line as "path: message".
    CHECK(r.out == "/offers/5/url: expected an absolute http:// or https:// URL, got \"ftp://example.org\"\n"
                   "/offers/8/age_range/max: max is below min\n");
}

TEST_CASE("cli validate: warnings alone keep exit 0")
{
    Json feed = demoJson();
    feed["offers"][0]["audiences"].push_back("aliens");
    Run r = run({"validate", write("warning.json", feed.dump())});
    CHECK(r.exitCode == 0);
    CHECK(r.out == "/offers/0/audiences/2: warning: unknown audience \"aliens\" ignored\n");
}

TEST_CASE("cli validate: rejected envelopes (exit 1)")
{
    Run html = run({"validate", write("portal.html", "<html><body>WLAN-Anmeldung</body></html>")});
    CHECK(html.exitCode == 1);
    CHECK(html.out.find("/: not JSON: the document looks like an HTML page") == 0);
    Json feed = demoJson();
    feed["version"] = 3;
    Run version = run({"validate", write("v3.json", feed.dump())});
    CHECK(version.exitCode == 1);
    CHECK(version.out == "/version: unsupported version 3 (this kiosk reads version 1)\n");
    Run limit = run({"validate", demoFeed(), "--max-offers", "10"});
    CHECK(limit.exitCode == 1);
    CHECK(limit.out.find("more than 10 offers") != std::string::npos);
    Run size = run({"validate", demoFeed(), "--max-bytes", "1000"});
    CHECK(size.exitCode == 1);
    CHECK(size.out.find("larger than the limit of 1000 bytes") != std::string::npos);
}

TEST_CASE("cli validate --json: machine-readable problems")
{
    Json feed = demoJson();
    feed["offers"][2]["provider"] = "p-unknown";
    Run r = run({"validate", write("json-out.json", feed.dump()), "--json"});
    CHECK(r.exitCode == 1);
    Json j = Json::parse(r.out);
    CHECK(j["valid"] == false);
    CHECK(j["accepted"] == true);
    CHECK(j["offers"] == 59);
    CHECK(j["offers_skipped"] == 1);
    REQUIRE(j["problems"].size() == 1);
    CHECK(j["problems"][0]["severity"] == "error");
    CHECK(j["problems"][0]["path"] == "/offers/2/provider");
    CHECK(j["problems"][0]["message"] == "unknown provider \"p-unknown\"");
}

TEST_CASE("cli: usage and I/O errors exit 2 with one line")
{
    Run missing = run({"validate", (scratch() / "does-not-exist.json").string()});
    CHECK(missing.exitCode == 2);
    CHECK(missing.err.find("mint-catalog: cannot open") == 0);
    Run dir = run({"validate", scratch().string()});
    CHECK(dir.exitCode == 2);
    Run noArgs = run({});
    CHECK(noArgs.exitCode == 2);
    Run badOption = run({"query", demoFeed(), "--radius-km", "5"});
    CHECK(badOption.exitCode == 2);
    CHECK(badOption.err == "mint-catalog: --radius-km needs --near LAT,LON\n");
    Run badAt = run({"query", demoFeed(), "--at", "tomorrow"});
    CHECK(badAt.exitCode == 2);
    CHECK(std::count(badAt.err.begin(), badAt.err.end(), '\n') == 1);
    Run help = run({"--help"});
    CHECK(help.exitCode == 0);
    CHECK(help.out.find("mint-catalog query FEED") != std::string::npos);
}

TEST_CASE("cli query --json: the issue's example question on the demo feed")
{
    Run r = run({"query", demoFeed(), "--subject", "robotik", "--age", "9", "--free", "--near", "49.2354,6.9969", "--radius-km", "15",
                 "--when", "weekend", "--at", "2026-11-26T15:00", "--json"});
    REQUIRE(r.exitCode == 0);
    Json j = Json::parse(r.out);
    CHECK(j["total"] == 1);
    REQUIRE(j["results"].size() == 1);
    const Json& first = j["results"][0];
    CHECK(first["id"] == "demo-0002");
    CHECK(first["title"] == "Roboter-AG: Lego-Roboter programmieren");
    CHECK(first["next_start"] == "2026-11-28T14:00:00+01:00");
    CHECK(first["distance_km"].get<double>() < 15.0);
    CHECK(j["facets"]["audiences"].contains("children"));
    CHECK(j["facets"]["subjects"].contains("robotik"));
    // Exactly the contract's keys on each result.
    CHECK(first.size() == 4);
}

TEST_CASE("cli query: filters, date range, sort and limit")
{
    Run all = run({"query", demoFeed(), "--at", "2026-11-26T15:00", "--json"});
    REQUIRE(all.exitCode == 0);
    const Json everything = Json::parse(all.out);
    Run teachers = run({"query", demoFeed(), "--audience", "teachers", "--at", "2026-11-26T15:00", "--json"});
    const Json t = Json::parse(teachers.out);
    CHECK(t["total"].get<int>() >= 3);
    CHECK(t["total"].get<int>() < everything["total"].get<int>());
    CHECK(t["facets"]["audiences"]["teachers"] == t["total"]);

    Run range = run({"query", demoFeed(), "--from", "2026-12-24", "--to", "2026-12-26", "--at", "2026-11-26T15:00", "--json"});
    const Json ranged = Json::parse(range.out);
    CHECK(ranged["total"].get<int>() >= 1);
    for (const auto& item : ranged["results"])
        if (!item["next_start"].is_null())
        {
            const std::string start = item["next_start"];
            CHECK(start >= "2026-12-24");
            CHECK(start < "2026-12-27");
        }

    Run byTitle = run({"query", demoFeed(), "--sort", "title", "--limit", "3", "--at", "2026-11-26T15:00", "--json"});
    const Json bt = Json::parse(byTitle.out);
    CHECK(bt["results"].size() == 3);
    CHECK(bt["total"] == everything["total"]);
    CHECK(bt["results"][0]["title"].get<std::string>() <= bt["results"][1]["title"].get<std::string>());

    Run text = run({"query", demoFeed(), "--text", "Sternwarte", "--at", "2026-11-26T15:00", "--json"});
    const Json tx = Json::parse(text.out);
    REQUIRE(tx["total"].get<int>() >= 1);
    CHECK(tx["results"][0]["title"] == "Offene Sternwarte");  // title hits first

    Run english = run({"query", demoFeed(), "--text", "roboter", "--lang", "en", "--limit", "1", "--at", "2026-11-26T15:00", "--json"});
    CHECK(Json::parse(english.out)["results"][0]["title"].get<std::string>().find("obot") != std::string::npos);
}

TEST_CASE("cli query: plain output is one line per offer")
{
    Run r = run({"query", demoFeed(), "--audience", "companies", "--at", "2026-11-26T15:00"});
    REQUIRE(r.exitCode == 0);
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 3);
    CHECK(r.err == "3 offers\n");
}

TEST_CASE("cli stats: counts per audience, subject, provider, schedule kind")
{
    Run r = run({"stats", demoFeed(), "--json"});
    REQUIRE(r.exitCode == 0);
    Json j = Json::parse(r.out);
    CHECK(j["offers"] == 60);
    CHECK(j["audiences"]["children"].get<int>() > 10);
    CHECK(j["schedule_kinds"].size() == 5);
    CHECK(j["providers"].size() == 8);
    CHECK(j["first_date"].get<std::string>() < j["last_date"].get<std::string>());
    Run plain = run({"stats", demoFeed()});
    CHECK(plain.out.find("schedule_kinds:") != std::string::npos);
    Run broken = run({"stats", write("broken-stats.json", "{\"format\": 1}")});
    CHECK(broken.exitCode == 1);
}

TEST_CASE("cli: generated catalogues validate")
{
    const std::string out = (scratch() / "gen-500.json").string();
    const std::string cmd =
        "python3 " + shellQuote(std::string(MINT_SOURCE_DIR) + "/tools/gen_catalog.py") + " --offers 500 --seed 3 --out " + shellQuote(out);
    REQUIRE(std::system(cmd.c_str()) == 0);
    Run r = run({"validate", out, "--json"});
    CHECK(r.exitCode == 0);
    CHECK(Json::parse(r.out)["offers"] == 500);
}
