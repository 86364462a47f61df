// mint-catalog build: a release folder (feed plain and gzip, signature, pictures by content,
// phone pages and calendar files, index), the next release continuing it (sequence + 1,
// tombstones, ids kept), --check, and the phone pages read by an HTML parser.
#include "media/image_decode.hpp"
#include "support/run_process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
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

void write(const fs::path& path, const std::string& text)
{
    std::ofstream(path, std::ios::binary) << text;
}

nlohmann::json readJson(const fs::path& path)
{
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

const std::string kHeader = "ID;Titel;Kurzbeschreibung;Anbieter;Datum;Beginn;Ende;Ort;Stadt;Breitengrad;Längengrad;Bild;Bildnachweis\n";
const std::string kRobo =
    "robo;Roboter-AG;Wir bauen Roboter.;Werkstatt;13.01.2027;15:00;17:00;Werkstatt;Saarbrücken;49,23;6,99;bild.png;Foto: A. Muster\n";
const std::string kSterne =
    "sterne;Sternenabend;Mit dem Teleskop.;Sternwarte;15.01.2027;19:30;21:30;Sternwarte;Saarbrücken;49,25;7,04;bild.png;\n";
const std::string kLabor = "labor;Ferienlabor;Eine Woche forschen.;Uni;06.04.2027;9:00;14:00;Labor;Saarbrücken;49,26;7,04;;\n";

/// An HTML check with Python's parser: every element closed in order, the things a phone
/// page needs present. Prints "ok" or the first problem.
const char* const kHtmlCheck = R"(
import sys
from html.parser import HTMLParser
VOID = {"meta", "link", "br", "hr", "img", "input"}
class P(HTMLParser):
    def __init__(s):
        super().__init__(); s.stack = []; s.seen = set(); s.problem = None; s.langs = set()
    def handle_starttag(s, tag, attrs):
        s.seen.add(tag); a = dict(attrs)
        if "lang" in a: s.langs.add(a["lang"])
        if tag == "meta" and a.get("name") == "viewport": s.seen.add("viewport")
        if tag not in VOID: s.stack.append(tag)
    def handle_endtag(s, tag):
        if not s.stack or s.stack[-1] != tag:
            s.problem = s.problem or f"</{tag}> closes <{s.stack[-1] if s.stack else None}>"
        else: s.stack.pop()
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read())
need = {"html", "head", "title", "body", "h1", "viewport"} - p.seen
if p.problem: print(p.problem)
elif p.stack: print("unclosed", p.stack)
elif need: print("missing", sorted(need))
elif not {"de", "en"} <= p.langs: print("languages", sorted(p.langs))
else: print("ok")
)";

}  // namespace

TEST_CASE("build: a signed release folder, the next release continues it, --check writes nothing")
{
    const fs::path d = processScratch() / "build";
    fs::remove_all(d);
    fs::create_directories(d / "src");
    fs::copy_file(std::string(MINT_SOURCE_DIR) + "/assets/demo/images/" +
                      fs::directory_iterator(std::string(MINT_SOURCE_DIR) + "/assets/demo/images")->path().filename().string(),
                  d / "src" / "bild.png");
    write(d / "src" / "angebote.csv", kHeader + kRobo + kSterne + kLabor);
    REQUIRE(catalog({"keygen", "--out", (d / "netz").string()}).exitCode == 0);
    const fs::path rel = d / "release";
    Run r = catalog({"build", (d / "src" / "angebote.csv").string(), "--out", rel.string(), "--key", (d / "netz.key").string(),
                     "--base-url", "https://mint.example/saar", "--max-edge", "200"});
    INFO(r.out, r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.find("Ausgabe 1: 3 Angebote (3 neu, 0 geändert, 0 entfernt), 2 Bilder in 1 Dateien, 3 Handyseiten") != std::string::npos);
    for (const char* f : {"feed.json", "feed.json.gz", "feed.json.minisig", "index.html", "o/werkstatt-robo.html", "o/werkstatt-robo.ics"})
        CHECK_MESSAGE(fs::exists(rel / f), f);
    CHECK(catalog({"verify", (rel / "feed.json").string(), "--pubkey", (d / "netz.pub").string()}).exitCode == 0);
    CHECK(catalog({"validate", (rel / "feed.json.gz").string()}).exitCode == 0);  // the gzip copy reads the same
    auto feed = readJson(rel / "feed.json");
    CHECK(feed["sequence"] == 1);
    CHECK(feed["phone_pages"] == "https://mint.example/saar/");
    const std::string picture = feed["offers"][0]["images"][0]["url"];
    CHECK(picture.rfind("images/", 0) == 0);
    CHECK(picture.size() == std::string("images/").size() + 64 + 4);  // sha256 + ".jpg"
    CHECK(fs::exists(rel / picture));
    CHECK(feed["offers"][0]["images"][0]["credit"] == "Foto: A. Muster");
    CHECK(feed["offers"][1]["images"][0]["url"] == picture);  // the same picture stored once

    // The phone pages are well-formed HTML with both languages; the calendar file has the date.
    for (const char* page : {"o/werkstatt-robo.html", "index.html"})
    {
        Run html = runProgram("python3", {"-c", kHtmlCheck, (rel / page).string()});
        CHECK_MESSAGE(html.out == "ok\n", page, ": ", html.out, html.err);
    }
    const std::string robo = slurp(rel / "o/werkstatt-robo.html");
    CHECK(robo.find("<h1>Roboter-AG</h1>") != std::string::npos);
    CHECK(robo.find("Mittwoch, 13. Januar 2027, 15:00–17:00 Uhr") != std::string::npos);
    CHECK(robo.find("Wednesday, 13 January 2027, 15:00–17:00") != std::string::npos);
    CHECK(robo.find("href=\"geo:49.230000,6.990000\"") != std::string::npos);
    CHECK(robo.find("<script") == std::string::npos);
    const std::string ics = slurp(rel / "o/werkstatt-robo.ics");
    CHECK(ics.find("DTSTART:20270113T140000Z") != std::string::npos);
    CHECK(ics.find("SUMMARY:Roboter-AG") != std::string::npos);

    // The next release: one row gone, one changed. Ids stay, sequence + 1, a tombstone.
    write(d / "src" / "angebote.csv",
          kHeader + kRobo + "sterne;Sternenabend;Jetzt mit Mond.;Sternwarte;15.01.2027;19:30;21:30;Sternwarte;Saarbrücken;49,25;7,04;;\n");
    r = catalog(
        {"build", (d / "src" / "angebote.csv").string(), "--out", rel.string(), "--key", (d / "netz.key").string(), "--max-edge", "200"});
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.find("Ausgabe 2: 2 Angebote (0 neu, 1 geändert, 1 entfernt)") != std::string::npos);
    feed = readJson(rel / "feed.json");
    CHECK(feed["sequence"] == 2);
    CHECK(feed["offers"][0]["id"] == "werkstatt-robo");
    REQUIRE(feed["tombstones"].size() == 1);
    CHECK(feed["tombstones"][0]["id"] == "uni-labor");

    // --check reports and writes nothing; a source with errors writes nothing either.
    write(d / "src" / "angebote.csv", kHeader + kRobo + "kaputt;Kaputt;;Werkstatt;31.02.2027;15:00;17:00;;;;;;\n");
    r = catalog({"build", (d / "src" / "angebote.csv").string(), "--out", rel.string(), "--check"});
    CHECK(r.exitCode == 1);
    CHECK(r.out.find("Zeile 3, Spalte Datum") != std::string::npos);
    CHECK(r.out.find("nichts geschrieben") != std::string::npos);
    CHECK(readJson(rel / "feed.json")["sequence"] == 2);
    write(d / "src" / "angebote.csv", kHeader + kRobo);
    r = catalog({"build", (d / "src" / "angebote.csv").string(), "--out", rel.string(), "--check", "--json"});
    CHECK(r.exitCode == 0);
    const auto report = nlohmann::json::parse(r.out);
    CHECK(report["written"] == false);
    CHECK(report["sequence"] == 3);
    CHECK(report["removed"] == 1);
    CHECK(readJson(rel / "feed.json")["sequence"] == 2);

    CHECK(catalog({"build", (d / "src" / "angebote.csv").string()}).exitCode == 2);  // no --out
    CHECK(catalog({"build", (d / "src" / "angebote.csv").string(), "--out", rel.string(), "--max-edge", "7"}).exitCode == 2);
    CHECK(catalog({"build", (d / "src" / "angebote.csv").string(), "--out", rel.string(), "--base-url", "ftp://x"}).exitCode == 2);
}

TEST_CASE("build: the phone pages in a real headless browser at phone size (screenshots in ui-screenshots/)")
{
    if (std::system("command -v chromium > /dev/null 2>&1") != 0)
    {
        // scripts/setup installs Debian's chromium; CI has it.
        MESSAGE("skipped: chromium is not installed (apt-get install chromium)");
        return;
    }
    const fs::path d = processScratch() / "build-browser";
    fs::remove_all(d);
    fs::create_directories(d);
    const fs::path rel = d / "release";
    Run r = catalog({"build", std::string(MINT_SOURCE_DIR) + "/assets/templates/angebote-beispiel.csv", "--out", rel.string()});
    REQUIRE_MESSAGE(r.exitCode == 0, r.out);
    fs::create_directories(MINT_UI_OUT_DIR);
    for (const auto& [page, shot] : {std::pair<std::string, std::string>{"o/mint-werkstatt-saarbruecken-robo-ag.html", "phone-page.png"},
                                     {"index.html", "phone-index.png"}})
    {
        const std::string png = std::string(MINT_UI_OUT_DIR) + "/" + shot;
        fs::remove(png);
        Run b = runProgram("chromium", {"--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=390,844",
                                        "--screenshot=" + png, "file://" + (rel / page).string()});
        REQUIRE_MESSAGE(fs::exists(png), b.err);
        const auto image = mint::media::decodeImage(slurp(png), 4096);
        REQUIRE(image.ok());
        CHECK(image.width == 390);
        // The page is drawn, not blank: the header's teal rule (#00607a) and dark text on white.
        std::size_t teal = 0, dark = 0, white = 0;
        for (std::size_t i = 0; i + 3 < image.rgba.size(); i += 4)
        {
            const int R = image.rgba[i], G = image.rgba[i + 1], B = image.rgba[i + 2];
            teal += std::abs(R - 0x00) < 8 && std::abs(G - 0x60) < 8 && std::abs(B - 0x7a) < 8;
            dark += R < 90 && G < 110 && B < 130;  // text: near black, grey notes, teal links
            white += R > 245 && G > 245 && B > 245;
        }
        const std::size_t pixels = static_cast<std::size_t>(image.width) * image.height;
        CHECK_MESSAGE(teal > 390 * 3, shot);  // at least the full-width rule
        CHECK_MESSAGE(dark > pixels / 100, shot);
        CHECK_MESSAGE(white > pixels / 2, shot);
    }
}
