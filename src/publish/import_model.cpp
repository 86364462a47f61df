// Import results; see import_model.hpp.
#include "import_model.hpp"

#include "german_values.hpp"
#include "util/utf8.hpp"

#include <set>

namespace mint::publish
{

std::string ImportProblem::toString() const
{
    std::string s = file;
    if (line)
        s += ", Zeile " + std::to_string(line);
    if (!column.empty())
        s += ", Spalte " + column;
    s += ": ";
    s += error ? "" : "Hinweis: ";
    s += message;
    return s;
}

nlohmann::ordered_json ImportProblem::toJson() const
{
    nlohmann::ordered_json j;
    j["file"] = file;
    j["line"] = line;
    j["column"] = column;
    j["value"] = util::validUtf8(value, 60);
    j["severity"] = error ? "error" : "warning";
    j["message"] = message;
    return j;
}

bool parseMapping(const std::string& text, ImportMapping& m, std::string& error)
{
    const auto j = nlohmann::ordered_json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object())
    {
        error = "die Zuordnungsdatei ist kein JSON-Objekt";
        return false;
    }
    auto str = [&](const char* key, std::string& out)
    {
        if (!j.contains(key))
            return true;
        if (!j[key].is_string())
        {
            error = std::string("\"") + key + "\" muss ein Text sein";
            return false;
        }
        out = j[key].get<std::string>();
        return true;
    };
    auto list = [&](const char* key, std::vector<std::string>& out)
    {
        if (!j.contains(key))
            return true;
        if (j[key].is_string())
        {
            out = splitList(j[key].get<std::string>());
            return true;
        }
        if (!j[key].is_array())
        {
            error = std::string("\"") + key + "\" muss eine Liste sein";
            return false;
        }
        for (const auto& v : j[key])
            if (v.is_string())
                out.push_back(v.get<std::string>());
        return true;
    };
    if (j.contains("provider"))
    {
        const auto& p = j["provider"];
        if (p.is_string())
            m.providerName = p.get<std::string>();
        else if (p.is_object())
        {
            m.providerId = p.value("id", "");
            m.providerName = p.value("name", "");
            m.providerUrl = p.value("url", "");
        }
        else
        {
            error = "\"provider\" muss ein Name oder ein Objekt {id, name, url} sein";
            return false;
        }
    }
    if (j.contains("place"))
    {
        if (!j["place"].is_object() || !j["place"].contains("name"))
        {
            error = "\"place\" muss ein Objekt mit \"name\" sein (wie ein Ort im Feed)";
            return false;
        }
        m.place = j["place"];
    }
    if (!list("subjects", m.subjects) || !list("audiences", m.audiences) || !str("license", m.license) || !str("type", m.type))
        return false;
    if (j.contains("columns"))
    {
        if (!j["columns"].is_object())
        {
            error = "\"columns\" muss ein Objekt {\"Spalte in der Datei\": \"Spalte der Vorlage\"} sein";
            return false;
        }
        for (const auto& [from, to] : j["columns"].items())
            if (to.is_string())
                m.columns[from] = to.get<std::string>();
    }
    return true;
}

nlohmann::ordered_json feedDocument(const std::vector<ImportResult>& parts, const std::string& license, const std::string& generatedAt)
{
    nlohmann::ordered_json feed;
    feed["format"] = "mint-catalog";
    feed["version"] = 1;
    feed["sequence"] = 1;
    feed["generated_at"] = generatedAt;
    if (!license.empty())
        feed["license"] = license;
    feed["providers"] = nlohmann::ordered_json::array();
    feed["offers"] = nlohmann::ordered_json::array();
    std::set<std::string> providerIds;
    for (const auto& part : parts)
    {
        for (const auto& p : part.providers)
            if (providerIds.insert(p["id"].get<std::string>()).second)
                feed["providers"].push_back(p);
        for (const auto& o : part.offers)
            feed["offers"].push_back(o);
    }
    return feed;
}

}  // namespace mint::publish
