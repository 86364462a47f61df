// mint-catalog report: three kiosks' exports (CSV from --export-stats named after the kiosk,
// a JSON report, a server's log of reports) merged per month and in total; the SVG read by an
// XML parser; a bad file is named with its line and nothing is written.
#include "support/run_process.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace mint::test;

TEST_CASE("mint-catalog report: kiosks' CSV and JSON merged per month and in total, with a chart, bad files refused")
{
    const fs::path dir = processScratch() / "report";
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "foyer-gymnasium.csv") << "date,metric,detail,count\n"
                                                  "2026-10-30,sessions,,12\n2026-10-30,detail_views,,5\n2026-10-30,qr_shown,,2\n"
                                                  "2026-10-30,nothing_found,group=companies;age=6,1\n"
                                                  "2026-11-02,sessions,,20\n2026-11-02,detail_views,,8\n";
    std::ofstream(dir / "bibliothek.json") << R"({"kiosk": "Stadtbibliothek", "version": "0.1.0", "days": [
        {"date": "2026-11-02", "sessions": 7, "detail_views": 3, "qr_shown": 1, "nothing_found": 0},
        {"date": "2026-11-03", "sessions": 4, "detail_views": 1, "qr_shown": 0, "nothing_found": 2}]})";
    std::ofstream(dir / "received.jsonl")
        << "{\"kiosk\": \"Werkstatt\", \"days\": [{\"date\": \"2026-10-31\", \"sessions\": 3, \"detail_views\": 1, \"qr_shown\": 1, "
           "\"nothing_found\": 0}]}\n"
           "{\"kiosk\": \"Werkstatt\", \"days\": [{\"date\": \"2026-11-01\", \"sessions\": 2, \"detail_views\": 0, \"qr_shown\": 0, "
           "\"nothing_found\": 1}]}\n";
    Run r = runProgram(MINT_CATALOG_EXE, {"report", (dir / "foyer-gymnasium.csv").string(), (dir / "bibliothek.json").string(),
                                          (dir / "received.jsonl").string(), "--svg", (dir / "chart.svg").string()});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(r.out == "month,kiosk,sessions,detail_views,qr_shown,nothing_found\n"
                   "2026-10,Werkstatt,3,1,1,0\n"
                   "2026-10,foyer-gymnasium,12,5,2,1\n"
                   "2026-10,total,15,6,3,1\n"
                   "2026-11,Stadtbibliothek,11,4,1,2\n"
                   "2026-11,Werkstatt,2,0,0,1\n"
                   "2026-11,foyer-gymnasium,20,8,0,0\n"
                   "2026-11,total,33,12,1,3\n");
    CHECK(r.err.find("3 kiosks, 6 kiosk days, 2 months") != std::string::npos);
    // The chart: well-formed SVG with a bar per kiosk and month and the totals.
    const Run xml = runProgram("python3", {"-c", R"(
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
ns = "{http://www.w3.org/2000/svg}"
print(len([r for r in root.iter(ns + "rect") if r.find(ns + "title") is not None]))
print(" ".join(t.text for t in root.iter(ns + "text")))
)",
                                           (dir / "chart.svg").string()});
    INFO(xml.err);
    REQUIRE(xml.exitCode == 0);
    CHECK(xml.out.rfind("5\n", 0) == 0);  // 2 kiosks in October, 3 in November
    CHECK(xml.out.find(" 15 2026-10 33 2026-11 ") != std::string::npos);
    CHECK(xml.out.find("Stadtbibliothek") != std::string::npos);

    // --out writes the table to a file.
    r = runProgram(MINT_CATALOG_EXE, {"report", (dir / "foyer-gymnasium.csv").string(), "--out", (dir / "table.csv").string()});
    REQUIRE(r.exitCode == 0);
    CHECK(slurp(dir / "table.csv").find("2026-11,foyer-gymnasium,20,8,0,0\n") != std::string::npos);

    // A file that is not usage counts: named, with its line; exit 1 and nothing written.
    std::ofstream(dir / "broken.csv") << "date,metric,detail,count\n2026-11-02,sessions,,zwanzig\n";
    r = runProgram(MINT_CATALOG_EXE, {"report", (dir / "broken.csv").string(), "--out", (dir / "none.csv").string()});
    CHECK(r.exitCode == 1);
    CHECK(r.err.find("broken.csv: line 2: count must be a whole number") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "none.csv"));
    r = runProgram(MINT_CATALOG_EXE, {"report"});
    CHECK(r.exitCode == 2);
    r = runProgram(MINT_CATALOG_EXE, {"report", (dir / "missing.csv").string()});
    CHECK(r.exitCode == 2);
}
