// What an import produces and reports, whatever the source format: a feed v1 document, and
// every problem at the place a coordinator can fix it ("angebote.csv, Zeile 14, Spalte
// Beginn: '31.02.2027' ist kein Datum").
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace mint::publish
{

struct ImportProblem
{
    std::string file;
    std::size_t line = 0;  ///< 0: the whole file
    std::string column;    ///< empty: the whole row
    std::string value;     ///< the cell as written (cut at 60 bytes)
    std::string message;   ///< German, for the coordinator
    bool error = true;     ///< false: a warning (the row is imported anyway)

    std::string toString() const;
    nlohmann::ordered_json toJson() const;
};

/// Per source: what the file does not say itself (mint-catalog import --mapping FILE).
struct ImportMapping
{
    std::string providerId;    ///< feed id of the provider (default: from the name)
    std::string providerName;  ///< used when a row names no provider
    std::string providerUrl;
    nlohmann::ordered_json place;                ///< default place {name, address, geo} (a row's own place wins)
    std::vector<std::string> subjects;           ///< added to every offer
    std::vector<std::string> audiences;          ///< used when a row names none
    std::string license;                         ///< the data's licence (feed `license`)
    std::string type;                            ///< offer type when a row names none
    std::map<std::string, std::string> columns;  ///< the provider's column name -> ours ("Veranstaltung" -> "Titel")
};

/// Reads a mapping file (JSON); on error returns false with `error` in German.
bool parseMapping(const std::string& text, ImportMapping& mapping, std::string& error);

struct ImportResult
{
    nlohmann::ordered_json providers = nlohmann::ordered_json::array();
    nlohmann::ordered_json offers = nlohmann::ordered_json::array();
    std::vector<ImportProblem> problems;
    std::size_t rowsRead = 0;
    std::size_t rowsLeftOut = 0;
    std::string encoding;   ///< what the file was read as
    std::string license;    ///< the data's licence when the source states one (RPDE pages do)
    std::string sourceDir;  ///< the folder of the source file: pictures named by a relative path are there
    std::string source;     ///< the source's name in messages (file name or feed URL)
};

/// A feed v1 envelope around imported offers (sequence 1, generated_at = now in UTC).
nlohmann::ordered_json feedDocument(const std::vector<ImportResult>& parts, const std::string& license, const std::string& generatedAt);

}  // namespace mint::publish
