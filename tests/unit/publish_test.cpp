// Publishing: encodings, CSV tables, German spreadsheet values, the spreadsheet and calendar imports.
#include "catalog/feed_parser.hpp"
#include "publish/csv_import.hpp"
#include "publish/csv_table.hpp"
#include "publish/german_values.hpp"
#include "publish/ical_import.hpp"
#include "publish/rpde_import.hpp"
#include "publish/text_encoding.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace mint::publish;

TEST_CASE("publish: UTF-8 with and without BOM stays, anything else is read as Windows-1252")
{
    CHECK(toUtf8("Straße").text == "Straße");
    CHECK(toUtf8("Straße").encoding == SourceEncoding::Utf8);
    const auto bom = toUtf8("\xEF\xBB\xBFTitel;Ort");
    CHECK(bom.text == "Titel;Ort");
    CHECK(bom.encoding == SourceEncoding::Utf8WithBom);
    // Excel on German Windows: ä ö ü ß € and the typographic quotes of 1252.
    const auto w = toUtf8("F\xE4\x63her;Stra\xDF\x65;5 \x80;\x84Zitat\x93");
    CHECK(w.encoding == SourceEncoding::Windows1252);
    CHECK(w.text == "Fächer;Straße;5 €;„Zitat“");
}

TEST_CASE("publish: CSV rows keep the line they start on, also after quoted line breaks")
{
    const std::string text = "Titel;Beschreibung;Ort\r\n"
                             "Roboter;\"Zwei\r\nZeilen; mit \"\"Zitat\"\"\";Saarbrücken\r\n"
                             "\r\n"
                             "Sterne;kurz;Homburg\r\n"
                             "Ohne Ende;x;y";
    const CsvTable t = readCsv(text);
    REQUIRE(t.error.empty());
    CHECK(t.separator == ';');
    CHECK(t.header == std::vector<std::string>{"Titel", "Beschreibung", "Ort"});
    REQUIRE(t.rows.size() == 3);
    CHECK(t.rows[0].line == 2);
    CHECK(t.rows[0].cells[1] == "Zwei\r\nZeilen; mit \"Zitat\"");
    CHECK(t.rows[1].line == 5);  // line 4 is blank
    CHECK(t.rows[1].cells[2] == "Homburg");
    CHECK(t.rows[2].line == 6);
    CHECK(t.rows[2].cells[0] == "Ohne Ende");
    CHECK(t.column(" titel ") == 0);
    CHECK(t.column("Fehlt") == -1);

    const CsvTable commas = readCsv("Titel,Ort,Fächer\nA,B,\"Technik, Informatik\"\n");
    CHECK(commas.separator == ',');
    REQUIRE(commas.rows.size() == 1);
    CHECK(commas.rows[0].cells[2] == "Technik, Informatik");
    CHECK_FALSE(readCsv("").error.empty());
}

TEST_CASE("publish: German dates, times, yes/no, lists, ages, weekdays, numbers and prices")
{
    CHECK(parseGermanDate("31.12.2026")->iso() == "2026-12-31");
    CHECK(parseGermanDate("1.2.2027")->iso() == "2027-02-01");
    CHECK(parseGermanDate("2026-12-31")->iso() == "2026-12-31");
    CHECK(parseGermanDate("31.12.26")->iso() == "2026-12-31");
    CHECK(parseGermanDate("29.02.2028"));
    CHECK_FALSE(parseGermanDate("31.02.2027"));
    CHECK_FALSE(parseGermanDate("29.02.2027"));
    CHECK_FALSE(parseGermanDate("morgen"));
    CHECK_FALSE(parseGermanDate("12/31/2026"));
    CHECK(parseGermanDate("31.12.2026")->nextDay().iso() == "2027-01-01");

    CHECK(parseGermanTime("15:00") == 15 * 60);
    CHECK(parseGermanTime("9.30") == 9 * 60 + 30);
    CHECK(parseGermanTime("15 Uhr") == 15 * 60);
    CHECK(parseGermanTime("8:05 Uhr") == 8 * 60 + 5);
    CHECK_FALSE(parseGermanTime("25:00"));
    CHECK_FALSE(parseGermanTime("15:7"));
    CHECK_FALSE(parseGermanTime("nachmittags"));
    CHECK(formatTime(9 * 60 + 5) == "09:05");

    CHECK(parseYesNo("Ja") == true);
    CHECK(parseYesNo(" x ") == true);
    CHECK(parseYesNo("nein") == false);
    CHECK_FALSE(parseYesNo("vielleicht"));

    CHECK(splitList("Technik, Informatik") == std::vector<std::string>{"Technik", "Informatik"});
    CHECK(splitList("Kinder und Jugendliche; Familien") == std::vector<std::string>{"Kinder", "Jugendliche", "Familien"});
    CHECK(splitList("  ").empty());

    auto age = parseAgeSpan("8–12");
    REQUIRE(age);
    CHECK(age->min == 8);
    CHECK(age->max == 12);
    CHECK(parseAgeSpan("ab 10")->min == 10);
    CHECK_FALSE(parseAgeSpan("ab 10")->max);
    CHECK(parseAgeSpan("bis 6 Jahre")->max == 6);
    CHECK(parseAgeSpan("14+")->min == 14);
    CHECK(parseAgeSpan("7")->max == 7);
    CHECK_FALSE(parseAgeSpan("12-8"));
    CHECK_FALSE(parseAgeSpan("jung"));

    CHECK(parseWeekday("Mittwoch") == 2);
    CHECK(parseWeekday("mittwochs") == 2);
    CHECK(parseWeekday("Mi.") == 2);
    CHECK(parseWeekday("So") == 6);
    CHECK(parseWeekday("Sonnabend") == 5);
    CHECK_FALSE(parseWeekday("Feiertag"));
    CHECK(std::string(weekdayCode(2)) == "WE");

    CHECK(parseDecimal("49,2354") == doctest::Approx(49.2354));
    CHECK_FALSE(parseDecimal("49,2,3"));
    CHECK(parsePrice("kostenlos")->free);
    CHECK(parsePrice("0")->free);
    CHECK(parsePrice("5 €")->amount == "5.00");
    CHECK(parsePrice("3,50 EUR")->amount == "3.50");
    CHECK(parsePrice("5,-")->amount == "5.00");
    CHECK_FALSE(parsePrice("auf Anfrage"));

    CHECK(toKey("Künstliche Intelligenz") == "kuenstliche_intelligenz");
    CHECK(toKey(" Technik ") == "technik");
    CHECK(trim("\xC2\xA0Roboter \xC2\xA0") == "Roboter");
}

namespace
{

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

const ImportProblem* problemAt(const ImportResult& r, std::size_t line, const std::string& column)
{
    for (const auto& p : r.problems)
        if (p.line == line && p.column == column)
            return &p;
    return nullptr;
}

}  // namespace

TEST_CASE("publish: the shipped example spreadsheet imports into a valid feed with every kind of date")
{
    const std::string bytes = readFile(std::string(MINT_SOURCE_DIR) + "/assets/templates/angebote-beispiel.csv");
    REQUIRE_FALSE(bytes.empty());
    const ImportResult r = importCsv("angebote-beispiel.csv", bytes, {});
    CHECK(r.encoding == "UTF-8 (BOM)");
    CHECK(r.rowsRead == 4);
    CHECK(r.rowsLeftOut == 0);
    for (const auto& p : r.problems)
        CHECK_MESSAGE(!p.error, p.toString());
    REQUIRE(r.offers.size() == 4);
    const auto& robo = r.offers[0];
    CHECK(robo["id"] == "mint-werkstatt-saarbruecken-robo-ag");
    CHECK(robo["type"] == "course");
    CHECK(robo["schedule"]["kind"] == "recurring");
    CHECK(robo["schedule"]["rules"][0]["by_day"][0] == "WE");
    CHECK(robo["schedule"]["rules"][0]["start_time"] == "15:00");
    CHECK(robo["schedule"]["rules"][0]["end_date"] == "2027-06-24");
    CHECK(robo["subjects"] == nlohmann::ordered_json({"technik", "informatik", "robotik"}));
    CHECK(robo["audiences"] == nlohmann::ordered_json({"children", "youth"}));
    CHECK(robo["age_range"]["min"] == 10);
    CHECK(robo["is_free"] == true);
    CHECK(robo["location"]["geo"]["lat"].get<double>() == doctest::Approx(49.2364));
    CHECK(robo["description"].get<std::string>().find('\n') != std::string::npos);
    CHECK(r.offers[1]["schedule"]["kind"] == "single");
    CHECK(r.offers[1]["schedule"]["start"] == "2027-01-15T19:30");
    CHECK(r.offers[1]["offers"][0]["price"] == "3.50");
    CHECK(r.offers[1]["url"] == "https://www.example.org/sterne");
    CHECK(r.offers[2]["type"] == "camp");
    CHECK(r.offers[2]["schedule"]["kind"] == "course");
    CHECK(r.offers[2]["schedule"]["sessions"].size() == 4);
    CHECK(r.offers[2]["schedule"]["sessions"][3]["end"] == "2027-04-09T14:00");
    CHECK(r.offers[3]["schedule"]["kind"] == "on_request");
    CHECK(r.offers[3]["type"] == "visit");

    // As a kiosk reads it: valid, every offer kept, providers made from the names.
    const auto feed = feedDocument({r}, "CC-BY-4.0", "2026-11-29T12:00:00Z");
    const auto loaded = mint::catalog::loadCatalog(feed.dump());
    REQUIRE(loaded.accepted());
    CHECK(loaded.count(mint::catalog::Severity::Error) == 0);
    CHECK(loaded.catalog->offers.size() == 4);
    CHECK(loaded.catalog->providers.size() == 4);
    CHECK(loaded.catalog->license == "CC-BY-4.0");
}

TEST_CASE("publish: broken rows are left out and named by file, line and column, the rest is imported")
{
    // Windows-1252, ';', no BOM, as Excel writes it on German Windows.
    const std::string csv = "Titel;Datum;Beginn;Ende;Wochentag;Alter;Kosten;Breitengrad;L\xE4ngengrad;Zielgruppe;Sonstiges\r\n"
                            "Gut;31.12.2026;15:00;17:00;;8-12;5;49,2;7,0;Kinder;x\r\n"
                            "Kein Datum;31.02.2027;15:00;17:00;;;;;;;\r\n"
                            ";01.03.2027;15:00;17:00;;;;;;;\r\n"
                            "Zeit falsch;01.03.2027;15 Uhr;14:00;;;;;;;\r\n"
                            "W\xF6\x63hentlich ohne Zeit;01.03.2027;;;Mi;;;;;;\r\n"
                            "Alter falsch;01.03.2027;10:00;11:00;;alt;;;;;\r\n"
                            "Preis falsch;01.03.2027;10:00;11:00;;;teuer;;;;\r\n"
                            "Ort falsch;01.03.2027;10:00;11:00;;;;99;7;;\r\n"
                            "Gut;31.12.2026;15:00;17:00;;;;;;Aliens;\r\n";
    ImportMapping mapping;
    mapping.providerName = "Schülerlabor";
    const ImportResult r = importCsv("angebote.csv", csv, mapping);
    CHECK(r.encoding == "Windows-1252");
    CHECK(r.rowsRead == 9);
    CHECK(r.offers.size() == 1);
    CHECK(r.rowsLeftOut == 8);
    const auto* date = problemAt(r, 3, "Datum");
    REQUIRE(date);
    CHECK(date->toString() == "angebote.csv, Zeile 3, Spalte Datum: '31.02.2027' ist kein Datum (so geht es: 31.12.2026 oder 2026-12-31)");
    CHECK(problemAt(r, 4, "Titel"));
    CHECK(problemAt(r, 5, "Ende"));
    CHECK(problemAt(r, 6, "Beginn"));
    CHECK(problemAt(r, 7, "Alter"));
    CHECK(problemAt(r, 8, "Kosten"));
    CHECK(problemAt(r, 9, "Breitengrad"));
    // The same title and date twice: the second is left out, named.
    CHECK(problemAt(r, 10, "Titel"));
    // Warnings do not leave a row out: an unknown audience, an unknown column.
    const auto* audience = problemAt(r, 10, "Zielgruppe");
    REQUIRE(audience);
    CHECK_FALSE(audience->error);
    const auto* unknown = problemAt(r, 1, "Sonstiges");
    REQUIRE(unknown);
    CHECK_FALSE(unknown->error);
    CHECK(r.offers[0]["provider"] == "p-schuelerlabor");
    CHECK(r.providers.size() == 1);
    CHECK(problemAt(r, 3, "Datum")->toJson()["value"] == "31.02.2027");

    // Without a title column nothing can be imported, and it says why.
    const ImportResult none = importCsv("leer.csv", "Name der Sache;Ort\nA;B\n", {});
    CHECK(none.offers.empty());
    REQUIRE_FALSE(none.problems.empty());
    CHECK(none.problems.back().message.find("Titel") != std::string::npos);
}

TEST_CASE("publish: a mapping names the provider, the place, subjects, audiences and renamed columns")
{
    ImportMapping m;
    std::string error;
    REQUIRE(parseMapping(R"({"provider": {"id": "p-uni", "name": "Schülerlabor Uni", "url": "https://uni.example"},
        "place": {"name": "Gebäude C4", "geo": {"lat": 49.25, "lon": 7.04}}, "subjects": ["Chemie"],
        "audiences": "Schulklassen", "license": "CC0-1.0", "type": "workshop",
        "columns": {"Veranstaltung": "Titel", "Termin": "Datum", "Uhrzeit von": "Beginn", "Uhrzeit bis": "Ende"}})",
                         m, error));
    const ImportResult r = importCsv("uni.csv", "Veranstaltung;Termin;Uhrzeit von;Uhrzeit bis\nMolekülküche;12.03.2027;10:00;12:00\n", m);
    REQUIRE(r.offers.size() == 1);
    const auto& o = r.offers[0];
    CHECK(o["title"] == "Molekülküche");
    CHECK(o["schedule"]["start"] == "2027-03-12T10:00");
    CHECK(o["provider"] == "p-uni");
    CHECK(o["location"]["name"] == "Gebäude C4");
    CHECK(o["subjects"] == nlohmann::ordered_json({"chemie"}));
    CHECK(o["audiences"] == nlohmann::ordered_json({"school_classes"}));
    CHECK(r.providers[0]["url"] == "https://uni.example");

    CHECK_FALSE(parseMapping("[1]", m, error));
    CHECK_FALSE(parseMapping(R"({"place": "Halle"})", m, error));
    CHECK(error.find("place") != std::string::npos);
}

// ---------------------------------------------------------------------------------------
// Calendars

namespace
{

const nlohmann::ordered_json* offerTitled(const ImportResult& r, const std::string& title)
{
    for (const auto& o : r.offers)
        if (o["title"] == title)
            return &o;
    return nullptr;
}

}  // namespace

TEST_CASE("publish: a Nextcloud calendar: weekly series with EXDATE and a cancelled instance, a moved instance, all-day days, UTC times")
{
    const std::string bytes = readFile(std::string(MINT_SOURCE_DIR) + "/tests/data/ics/nextcloud.ics");
    REQUIRE_FALSE(bytes.empty());
    const ImportResult r = importIcal("werkstatt.ics", bytes, {});
    for (const auto& p : r.problems)
        CHECK_MESSAGE(!p.error, p.toString());
    REQUIRE(r.offers.size() == 4);
    REQUIRE(r.providers.size() == 1);
    CHECK(r.providers[0]["name"] == "MINT-Werkstatt Saarbrücken");  // X-WR-CALNAME

    const auto* robo = offerTitled(r, "Roboter-AG");
    REQUIRE(robo);
    CHECK((*robo)["id"] == "mint-werkstatt-saarbruecken-robo-ag-2027");
    const auto& rule = (*robo)["schedule"]["rules"][0];
    CHECK((*robo)["schedule"]["kind"] == "recurring");
    CHECK(rule["by_day"] == nlohmann::ordered_json({"WE"}));
    CHECK(rule["start_date"] == "2027-01-13");
    CHECK(rule["end_date"] == "2027-04-07");  // UNTIL in UTC, the last Wednesday
    CHECK(rule["start_time"] == "15:00");
    CHECK(rule["end_time"] == "17:00");
    CHECK(rule["except_dates"] == nlohmann::ordered_json({"2027-02-10", "2027-03-03"}));  // EXDATE + STATUS:CANCELLED instance
    CHECK((*robo)["subjects"] == nlohmann::ordered_json({"technik", "robotik"}));
    CHECK((*robo)["audiences"] == nlohmann::ordered_json({"children"}));  // a category that is an audience
    CHECK((*robo)["location"]["name"] == "MINT-Werkstatt");
    CHECK((*robo)["location"]["address"]["street"] == "Bahnhofstraße 12");
    CHECK((*robo)["location"]["address"]["postal_code"] == "66111");
    CHECK((*robo)["location"]["geo"]["lat"].get<double>() == doctest::Approx(49.2364));
    CHECK((*robo)["description"].get<std::string>().find("keine.") != std::string::npos);  // folded line joined
    CHECK((*robo)["url"] == "https://werkstatt.example/robo");

    // COUNT=4 with one instance moved from Tuesday to Thursday: four sessions, not a rule.
    const auto* kurs = offerTitled(r, "Elektronik für Einsteiger");
    REQUIRE(kurs);
    CHECK((*kurs)["schedule"]["kind"] == "course");
    const auto& sessions = (*kurs)["schedule"]["sessions"];
    REQUIRE(sessions.size() == 4);
    CHECK(sessions[2]["start"] == "2027-03-18T17:00");
    CHECK(sessions[3]["start"] == "2027-03-23T17:00");

    // All-day over four days (DTEND is the day after): one whole day each.
    const auto* labor = offerTitled(r, "Ferienlabor");
    REQUIRE(labor);
    REQUIRE((*labor)["schedule"]["sessions"].size() == 4);
    CHECK((*labor)["schedule"]["sessions"][3]["start"] == "2027-04-09T00:00");
    CHECK((*labor)["schedule"]["sessions"][3]["end"] == "2027-04-09T23:59");

    // UTC in the file, local (summer time) in the feed.
    const auto* tag = offerTitled(r, "Tag der offenen Tür");
    REQUIRE(tag);
    CHECK((*tag)["schedule"]["start"] == "2027-05-01T10:00");
    CHECK((*tag)["schedule"]["end"] == "2027-05-01T16:00");

    // As a kiosk reads it: valid, and the rule's dates are right.
    const auto loaded = mint::catalog::loadCatalog(feedDocument({r}, "", "2026-11-29T12:00:00Z").dump());
    REQUIRE(loaded.accepted());
    CHECK(loaded.count(mint::catalog::Severity::Error) == 0);
    CHECK(loaded.catalog->offers.size() == 4);
}

TEST_CASE("publish: a Google calendar: COUNT, a monthly series, a cancelled event, an event without a start")
{
    const std::string bytes = readFile(std::string(MINT_SOURCE_DIR) + "/tests/data/ics/google.ics");
    ImportMapping mapping;
    mapping.subjects = {"Astronomie"};
    const ImportResult r = importIcal("sternwarte.ics", bytes, mapping);
    CHECK(r.rowsRead == 4);
    CHECK(r.rowsLeftOut == 1);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].toString() == "sternwarte.ics, Zeile 41: Termin 'Ohne Beginn': der Beginn (DTSTART) fehlt oder ist kein Datum");
    const auto* abend = offerTitled(r, "Sternenabend");
    REQUIRE(abend);
    CHECK((*abend)["id"] == "sternwarte-3k2j4h5g6f7d8s9a0");
    CHECK((*abend)["schedule"]["rules"][0]["end_date"] == "2027-01-19");
    CHECK((*abend)["schedule"]["rules"][0]["start_time"] == "19:00");     // 18:00Z in winter
    CHECK((*abend)["location"]["address"]["locality"] == "Saarbrücken");  // ", Deutschland" dropped
    CHECK((*abend)["subjects"] == nlohmann::ordered_json({"astronomie"}));
    const auto* monthly = offerTitled(r, "Monatlicher Himmelsspaziergang");
    REQUIRE(monthly);
    REQUIRE((*monthly)["schedule"]["sessions"].size() == 3);
    CHECK((*monthly)["schedule"]["sessions"][1]["start"] == "2027-04-01T20:00");  // 18:00Z in summer
    const auto* cancelled = offerTitled(r, "Abgesagter Vortrag");
    REQUIRE(cancelled);
    CHECK((*cancelled)["status"] == "cancelled");

    CHECK_FALSE(importIcal("kaputt.ics", "das ist kein Kalender", {}).problems.empty());
    CHECK(importIcal("leer.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", {}).offers.empty());
}

TEST_CASE("calendar import: a damaged file whose text is broken UTF-8 after libical's unfolding makes a valid feed (fuzz regression)")
{
    // Found by the ical fuzz target on CI: libical handed back a lone 0x80 byte, and writing
    // the feed threw (nlohmann::json refuses invalid UTF-8) — mint-catalog import would have
    // ended with an uncaught exception.
    std::ifstream in(std::string(MINT_SOURCE_DIR) + "/tests/fuzz/corpus/ical/regression-invalid-utf8-after-unfolding.ics",
                     std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    REQUIRE_FALSE(bytes.empty());
    const ImportResult r = importIcal("kaputt.ics", bytes, {});
    REQUIRE_FALSE(r.offers.empty());
    std::string feed;
    CHECK_NOTHROW(feed = feedDocument({r}, "", "2026-11-29T12:00:00Z").dump());
    CHECK_NOTHROW((void)mint::catalog::loadCatalog(feed));
}

// ---------------------------------------------------------------------------------------
// OpenActive RPDE (the HTTP round trip is in tests/integration/rpde_import_test.cpp)

TEST_CASE("publish: RPDE pages that never end, are not RPDE, or cannot be fetched are named, embedded subEvents count")
{
    int fetched = 0;
    const PageFetcher endless = [&](const std::string&, std::string& body, std::string&)
    {
        ++fetched;
        body = R"({"next": "same", "items": [{"state": "updated", "kind": "SessionSeries", "id": "1", "modified": 1,
                  "data": {"@type": "SessionSeries", "name": "Kurs", "subEvent": [{"startDate": "2027-01-01T10:00:00+01:00"}]}}]})";
        return true;
    };
    ImportResult r = importRpde({"same"}, endless, {});
    CHECK(fetched == 2000);
    REQUIRE_FALSE(r.problems.empty());
    CHECK(r.problems.back().message.find("mehr als 2000 Seiten") != std::string::npos);
    REQUIRE(r.offers.size() == 1);  // what was read is kept
    CHECK(r.offers[0]["schedule"]["sessions"][0]["start"] == "2027-01-01T10:00:00+01:00");

    const PageFetcher html = [](const std::string&, std::string& body, std::string&)
    {
        body = "<html>Captive portal</html>";
        return true;
    };
    r = importRpde({"https://example.org/feed"}, html, {});
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].toString() == "https://example.org/feed: Seite 1: keine RPDE-Seite (ein JSON-Objekt mit \"items\" und \"next\")");

    const PageFetcher down = [](const std::string&, std::string&, std::string& error)
    {
        error = "connect";
        return false;
    };
    r = importRpde({"https://example.org/feed"}, down, {});
    CHECK(r.offers.empty());
    CHECK(r.problems[0].message.find("nicht lesbar: connect") != std::string::npos);

    CHECK(looksLikeRpde(R"({"next": "x", "items": []})"));
    CHECK_FALSE(looksLikeRpde(R"({"format": "mint-catalog"})"));
}
