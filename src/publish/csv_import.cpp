// Spreadsheet import; see csv_import.hpp.
#include "csv_import.hpp"

#include "csv_table.hpp"
#include "german_values.hpp"
#include "text_encoding.hpp"
#include "vocabulary.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace mint::publish
{

namespace
{

using Json = nlohmann::ordered_json;

/// The template's columns and the other names people give them.
const std::vector<std::pair<std::string, std::vector<std::string>>>& columnNames()
{
    static const std::vector<std::pair<std::string, std::vector<std::string>>> names = {
        {"ID", {"Nr", "Nummer", "Kennung"}},
        {"Titel", {"Name", "Angebot", "Veranstaltung", "Bezeichnung"}},
        {"Kurzbeschreibung", {"Zusammenfassung", "Kurztext", "Teaser"}},
        {"Beschreibung", {"Text", "Langtext", "Details"}},
        {"Art", {"Typ", "Format", "Angebotsart"}},
        {"Anbieter", {"Veranstalter", "Organisation", "Träger"}},
        {"Fächer", {"Fach", "Themen", "Thema", "MINT-Bereich"}},
        {"Zielgruppe", {"Zielgruppen", "Für"}},
        {"Alter", {"Altersgruppe", "Alter von-bis"}},
        {"Klassenstufe", {"Klassenstufen", "Klasse", "Jahrgangsstufe"}},
        {"Datum", {"Startdatum", "Erster Termin", "Von Datum", "Beginn Datum", "Tag"}},
        {"Enddatum", {"Bis Datum", "Letzter Termin", "Ende Datum"}},
        {"Wochentag", {"Wochentage", "Jeden", "Tag der Woche"}},
        {"Beginn", {"Uhrzeit", "Von", "Startzeit", "Beginn Uhrzeit"}},
        {"Ende", {"Bis", "Endzeit", "Ende Uhrzeit"}},
        {"Ort", {"Veranstaltungsort", "Raum", "Ort Name"}},
        {"Straße", {"Strasse", "Adresse", "Anschrift"}},
        {"PLZ", {"Postleitzahl"}},
        {"Stadt", {"Gemeinde", "Ortschaft"}},
        {"Breitengrad", {"Lat", "Latitude", "Breite"}},
        {"Längengrad", {"Lon", "Lng", "Longitude", "Länge"}},
        {"Kosten", {"Preis", "Gebühr", "Teilnahmegebühr"}},
        {"Kostenlos", {"Gratis", "Kostenfrei"}},
        {"Anmeldung", {"Anmeldelink", "Anmeldung nötig"}},
        {"Webseite", {"Link", "URL", "Website", "Internet"}},
        {"E-Mail", {"Email", "Mail"}},
        {"Telefon", {"Tel", "Tel.", "Telefonnummer"}},
        {"Bild", {"Foto", "Bilddatei", "Bild-URL"}},
        {"Bildbeschreibung", {"Alt-Text", "Bildtext"}},
        {"Bildnachweis", {"Foto von", "Copyright", "Credit"}},
        {"Barrierefrei", {"Rollstuhlgerecht", "Barrierefreiheit"}},
        {"Abgesagt", {"Fällt aus", "Storniert"}},
    };
    return names;
}

struct RowReader
{
    const std::string& file;
    const CsvTable& table;
    const std::map<std::string, int>& columns;  // canonical name -> index
    const CsvRow& row;
    std::vector<ImportProblem>& problems;
    bool failed = false;

    std::string cell(const std::string& name) const
    {
        const auto it = columns.find(name);
        if (it == columns.end() || static_cast<std::size_t>(it->second) >= row.cells.size())
            return {};
        return trim(row.cells[static_cast<std::size_t>(it->second)]);
    }
    /// The column's name as the file writes it.
    std::string header(const std::string& name) const
    {
        const auto it = columns.find(name);
        return it == columns.end() ? name : table.header[static_cast<std::size_t>(it->second)];
    }
    void problem(const std::string& column, const std::string& message, bool error = true)
    {
        problems.push_back({file, row.line, column.empty() ? "" : header(column), column.empty() ? "" : cell(column), message, error});
        failed = failed || error;
    }
    void bad(const std::string& column, const std::string& what) { problem(column, "'" + cell(column) + "' " + what); }
};

}  // namespace

const std::vector<std::string>& templateColumns()
{
    static const std::vector<std::string> names = []
    {
        std::vector<std::string> n;
        for (const auto& [name, aliases] : columnNames())
            n.push_back(name);
        return n;
    }();
    return names;
}

ImportResult importCsv(const std::string& file, std::string_view bytes, const ImportMapping& mapping)
{
    ImportResult result;
    const DecodedText decoded = toUtf8(bytes);
    result.encoding = encodingName(decoded.encoding);
    const CsvTable table = readCsv(decoded.text);
    if (!table.error.empty())
    {
        result.problems.push_back({file, 0, "", "", table.error, true});
        return result;
    }

    // Columns: the mapping's renames first, then the template's names and their aliases.
    std::map<std::string, int> columns;
    std::set<int> known;
    for (std::size_t i = 0; i < table.header.size(); ++i)
    {
        std::string name = table.header[i];
        for (const auto& [from, to] : mapping.columns)
            if (toKey(from) == toKey(name))
                name = to;
        for (const auto& [canonical, aliases] : columnNames())
        {
            bool match = toKey(canonical) == toKey(name);
            for (const auto& alias : aliases)
                match = match || toKey(alias) == toKey(name);
            if (match && !columns.count(canonical))
            {
                columns[canonical] = static_cast<int>(i);
                known.insert(static_cast<int>(i));
                break;
            }
        }
    }
    for (std::size_t i = 0; i < table.header.size(); ++i)
        if (!known.count(static_cast<int>(i)) && !table.header[i].empty())
            result.problems.push_back({file, 1, table.header[i], "", "unbekannte Spalte, sie wird nicht übernommen", false});
    if (!columns.count("Titel"))
    {
        result.problems.push_back(
            {file, 1, "", "", "es gibt keine Spalte 'Titel' (die Kopfzeile muss die Spaltennamen der Vorlage haben)", true});
        return result;
    }

    // Providers: the mapping's, and one per name the rows give.
    std::map<std::string, std::string> providerIds;  // name -> id
    auto providerFor = [&](const std::string& name) -> std::string
    {
        if (name.empty())
            return {};
        if (auto it = providerIds.find(name); it != providerIds.end())
            return it->second;
        std::string id = name == mapping.providerName && !mapping.providerId.empty() ? mapping.providerId : "p-" + slugOf(name);
        Json p;
        p["id"] = id;
        p["name"] = name;
        if (name == mapping.providerName && !mapping.providerUrl.empty())
            p["url"] = mapping.providerUrl;
        result.providers.push_back(p);
        providerIds[name] = id;
        return id;
    };

    std::set<std::string> ids;
    for (const CsvRow& row : table.rows)
    {
        ++result.rowsRead;
        RowReader r{file, table, columns, row, result.problems};
        Json o;
        const std::string title = r.cell("Titel");
        if (title.empty())
            r.problem("Titel", "der Titel fehlt");
        const std::string providerName = r.cell("Anbieter").empty() ? mapping.providerName : r.cell("Anbieter");

        // Dates first: the id of a row without one is made from its title and first date.
        Json schedule;
        const std::string dateText = r.cell("Datum"), endDateText = r.cell("Enddatum"), dayText = r.cell("Wochentag");
        const std::string startText = r.cell("Beginn"), endText = r.cell("Ende");
        std::optional<CalendarDate> date, endDate;
        std::optional<int> start, end;
        if (!dateText.empty() && !(date = parseGermanDate(dateText)))
            r.bad("Datum", "ist kein Datum (so geht es: 31.12.2026 oder 2026-12-31)");
        if (!endDateText.empty() && !(endDate = parseGermanDate(endDateText)))
            r.bad("Enddatum", "ist kein Datum (so geht es: 31.12.2026 oder 2026-12-31)");
        if (!startText.empty() && !(start = parseGermanTime(startText)))
            r.bad("Beginn", "ist keine Uhrzeit (so geht es: 15:00)");
        if (!endText.empty() && !(end = parseGermanTime(endText)))
            r.bad("Ende", "ist keine Uhrzeit (so geht es: 17:00)");
        if (start && end && *end <= *start)
            r.problem("Ende", "das Ende liegt nicht nach dem Beginn");
        if (date && endDate && endDate->iso() < date->iso())
            r.problem("Enddatum", "das Enddatum liegt vor dem Datum");
        std::vector<int> days;
        for (const auto& d : splitList(dayText))
        {
            if (auto w = parseWeekday(d))
                days.push_back(*w);
            else
                r.problem("Wochentag", "'" + d + "' ist kein Wochentag (so geht es: Mittwoch oder Mi)");
        }
        if (!days.empty())
        {
            if (!date)
                r.problem("Datum", "ein wöchentliches Angebot braucht das Datum des ersten Termins");
            if (!start || !end)
                r.problem(start ? "Ende" : "Beginn", "ein wöchentliches Angebot braucht Beginn und Ende");
            Json rule;
            for (int d : days)
                rule["by_day"].push_back(weekdayCode(d));
            if (date)
                rule["start_date"] = date->iso();
            if (endDate)
                rule["end_date"] = endDate->iso();
            if (start)
                rule["start_time"] = formatTime(*start);
            if (end)
                rule["end_time"] = formatTime(*end);
            schedule = {{"kind", "recurring"}, {"rules", Json::array({rule})}};
        }
        else if (date && endDate && endDate->iso() != date->iso())
        {
            // A camp over several days: one session a day.
            Json sessions = Json::array();
            CalendarDate d = *date;
            for (int n = 0; n < 62 && d.iso() <= endDate->iso(); ++n)
            {
                Json s;
                s["start"] = d.iso() + "T" + formatTime(start.value_or(0));
                s["end"] = d.iso() + "T" + formatTime(end.value_or(start ? std::min(*start + 60, 24 * 60 - 1) : 24 * 60 - 1));
                sessions.push_back(s);
                d = d.nextDay();
            }
            schedule = {{"kind", "course"}, {"sessions", sessions}};
        }
        else if (date)
        {
            schedule = {{"kind", "single"}, {"start", date->iso() + "T" + formatTime(start.value_or(0))}};
            if (end || !start)
                schedule["end"] = date->iso() + "T" + formatTime(end.value_or(24 * 60 - 1));
        }
        else
            schedule = {{"kind", "on_request"}, {"note", "nach Absprache"}};

        // Id: the row's own, else title + first date; with the provider in front.
        std::string own = r.cell("ID");
        std::string id = slugOf(providerName.empty() ? "mint" : providerName, 32) + "-" +
                         (own.empty() ? slugOf(title, 40) + (date ? "-" + date->iso() : "") : slugOf(own, 40));
        if (ids.count(id))
        {
            r.problem(own.empty() ? "Titel" : "ID",
                      own.empty()
                          ? "ein Angebot mit diesem Titel und Datum gibt es schon weiter oben (eine ID-Spalte macht beide eindeutig)"
                          : "diese ID gibt es schon weiter oben");
        }

        o["id"] = id;
        std::string type = mapping.type.empty() ? "workshop" : mapping.type;
        if (const std::string art = r.cell("Art"); !art.empty())
        {
            type = offerTypeKey(art);
        }
        else if (days.empty() && date && endDate && endDate->iso() != date->iso())
            type = mapping.type.empty() ? "camp" : mapping.type;
        o["type"] = type;
        o["title"] = title;
        if (auto s = r.cell("Kurzbeschreibung"); !s.empty())
            o["summary"] = s;
        if (auto s = r.cell("Beschreibung"); !s.empty())
            o["description"] = s;
        if (auto u = r.cell("Webseite"); !u.empty())
        {
            if (u.rfind("http://", 0) != 0 && u.rfind("https://", 0) != 0)
                u = "https://" + u;  // "www.example.org" as people write it
            o["url"] = u;
        }
        if (auto p = providerFor(providerName); !p.empty())
            o["provider"] = p;

        std::vector<std::string> subjects = mapping.subjects;
        for (const auto& s : splitList(r.cell("Fächer")))
        {
            subjects.push_back(subjectKey(s));
        }
        std::set<std::string> seen;
        for (const auto& s : subjects)
            if (!s.empty() && seen.insert(toKey(s)).second)
                o["subjects"].push_back(toKey(s));

        std::vector<std::string> audiences;
        for (const auto& a : splitList(r.cell("Zielgruppe")))
        {
            if (auto key = audienceKey(a))
                audiences.push_back(*key);
            else
                r.problem("Zielgruppe",
                          "'" + a +
                              "' ist keine bekannte Zielgruppe (Kinder, Jugendliche, Eltern, Familien, Schulklassen, Lehrkräfte, "
                              "Unternehmen, Alle); sie wird weggelassen",
                          false);
        }
        if (audiences.empty())
            for (const auto& a : mapping.audiences)
                audiences.push_back(audienceKey(a).value_or(toKey(a)));
        for (const auto& a : audiences)
            o["audiences"].push_back(a);

        auto span = [&](const char* column, const char* field)
        {
            const std::string text = r.cell(column);
            if (text.empty())
                return;
            if (auto a = parseAgeSpan(text))
            {
                Json range = Json::object();
                if (a->min)
                    range["min"] = *a->min;
                if (a->max)
                    range["max"] = *a->max;
                o[field] = range;
            }
            else
                r.bad(column, "ist keine Angabe wie '8-12', 'ab 10' oder 'bis 12'");
        };
        span("Alter", "age_range");
        span("Klassenstufe", "grade_levels");
        o["schedule"] = schedule;
        if (auto a = r.cell("Abgesagt"); !a.empty())
        {
            if (auto yes = parseYesNo(a))
                o["status"] = *yes ? "cancelled" : "scheduled";
            else
                r.bad("Abgesagt", "ist weder 'ja' noch 'nein'");
        }

        // Place: the row's own, else the mapping's.
        std::optional<Json> geo;
        const std::string latText = r.cell("Breitengrad"), lonText = r.cell("Längengrad");
        if (!latText.empty() || !lonText.empty())
        {
            auto lat = parseDecimal(latText), lon = parseDecimal(lonText);
            if (!lat || *lat < -90 || *lat > 90)
                r.bad("Breitengrad", "ist kein Breitengrad (so geht es: 49,2354)");
            else if (!lon || *lon < -180 || *lon > 180)
                r.bad("Längengrad", "ist kein Längengrad (so geht es: 6,9969)");
            else
                geo = Json{{"lat", *lat}, {"lon", *lon}};
        }
        if (!r.cell("Ort").empty() || !r.cell("Straße").empty() || !r.cell("Stadt").empty() || geo)
        {
            Json place;
            place["name"] = !r.cell("Ort").empty()      ? r.cell("Ort")
                            : !r.cell("Straße").empty() ? r.cell("Straße")
                            : !r.cell("Stadt").empty()  ? r.cell("Stadt")
                                                        : "Treffpunkt";
            Json address = Json::object();
            if (auto s = r.cell("Straße"); !s.empty())
                address["street"] = s;
            if (auto s = r.cell("PLZ"); !s.empty())
                address["postal_code"] = s;
            if (auto s = r.cell("Stadt"); !s.empty())
                address["locality"] = s;
            if (!address.empty())
                place["address"] = address;
            if (geo)
                place["geo"] = *geo;
            o["location"] = place;
        }
        else if (!mapping.place.is_null())
        {
            Json place = mapping.place;
            place.erase("id");
            o["location"] = place;
        }

        if (auto free = r.cell("Kostenlos"); !free.empty())
        {
            if (auto yes = parseYesNo(free))
                o["is_free"] = *yes;
            else
                r.bad("Kostenlos", "ist weder 'ja' noch 'nein'");
        }
        if (auto cost = r.cell("Kosten"); !cost.empty())
        {
            if (auto price = parsePrice(cost))
            {
                if (price->free)
                    o["is_free"] = true;
                else
                    o["offers"] = Json::array({{{"price", price->amount}, {"currency", "EUR"}}});
            }
            else
                r.bad("Kosten", "ist kein Preis (so geht es: 5,50 oder kostenlos)");
        }
        if (auto reg = r.cell("Anmeldung"); !reg.empty())
        {
            if (reg.rfind("http://", 0) == 0 || reg.rfind("https://", 0) == 0)
                o["registration"] = {{"mode", "required"}, {"url", reg}};
            else if (auto yes = parseYesNo(reg))
                o["registration"] = {{"mode", *yes ? "required" : "none"}};
            else
                r.bad("Anmeldung", "ist weder ein Link noch 'ja' oder 'nein'");
        }
        Json contact = Json::object();
        if (auto s = r.cell("E-Mail"); !s.empty())
        {
            if (s.find('@') == std::string::npos || s.find(' ') != std::string::npos)
                r.bad("E-Mail", "ist keine E-Mail-Adresse");
            contact["email"] = s;
        }
        if (auto s = r.cell("Telefon"); !s.empty())
            contact["phone"] = s;
        if (!contact.empty())
            o["contact"] = contact;
        if (auto s = r.cell("Bild"); !s.empty())
        {
            Json image;
            image["url"] = s;
            if (auto alt = r.cell("Bildbeschreibung"); !alt.empty())
                image["alt"] = alt;
            if (auto credit = r.cell("Bildnachweis"); !credit.empty())
                image["credit"] = credit;
            o["images"] = Json::array({image});
        }
        if (auto s = r.cell("Barrierefrei"); !s.empty())
        {
            if (auto yes = parseYesNo(s))
                o["accessibility"] = {{"wheelchair", *yes}};
            else
                o["accessibility"] = {{"info", s}};
        }

        if (r.failed)
        {
            ++result.rowsLeftOut;
            continue;
        }
        ids.insert(id);
        result.offers.push_back(std::move(o));
    }
    return result;
}

}  // namespace mint::publish
