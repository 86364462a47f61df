// OpenActive RPDE import; see rpde_import.hpp.
#include "rpde_import.hpp"

#include "german_values.hpp"
#include "vocabulary.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

namespace mint::publish
{

namespace
{

using Json = nlohmann::ordered_json;

constexpr std::size_t kMaxPages = 2000;

struct Item
{
    std::string kind, id, state;
    long long modified = 0;
    Json data;
};

std::string str(const Json& j, const char* key)
{
    if (!j.is_object() || !j.contains(key))
        return {};
    const Json& v = j[key];
    if (v.is_string())
        return trim(v.get<std::string>());
    if (v.is_number_integer())
        return std::to_string(v.get<long long>());
    return {};
}

/// The `@id` of a value that is either a reference (a string) or an object with `@id`/`id`.
std::string idOf(const Json& v)
{
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_object())
        return !str(v, "@id").empty() ? str(v, "@id") : str(v, "id");
    return {};
}

std::string typeOf(const Item& item)
{
    const std::string t = str(item.data, "@type");
    return !t.empty() ? t : item.kind;
}

/// "2027-01-13T15:00:00+01:00" as the feed writes it (RFC 3339 with zone stays as it is).
bool validDateTime(const std::string& s)
{
    return s.size() >= 16 && s[4] == '-' && s[7] == '-' && s[10] == 'T';
}

std::optional<double> number(const Json& j, const char* key)
{
    if (!j.is_object() || !j.contains(key))
        return std::nullopt;
    if (j[key].is_number())
        return j[key].get<double>();
    if (j[key].is_string())
        return parseDecimal(j[key].get<std::string>());
    return std::nullopt;
}

}  // namespace

bool looksLikeRpde(const std::string& bytes)
{
    const auto j = Json::parse(bytes, nullptr, false);
    return j.is_object() && j.contains("items") && j["items"].is_array() && j.contains("next");
}

ImportResult importRpde(const std::vector<std::string>& starts, const PageFetcher& fetch, const ImportMapping& mapping, const std::string&)
{
    ImportResult result;
    result.encoding = "UTF-8";
    std::map<std::string, Item> items;  // kind|id -> newest state
    std::string license = mapping.license;
    for (const std::string& start : starts)
    {
        std::string where = start;
        std::set<std::string> seenEmpty;
        for (std::size_t page = 1;; ++page)
        {
            auto problem = [&](const std::string& message, bool error = true) {
                result.problems.push_back({where, 0, "", "", "Seite " + std::to_string(page) + ": " + message, error});
            };
            if (page > kMaxPages)
            {
                problem("mehr als " + std::to_string(kMaxPages) + " Seiten; der Rest wird nicht gelesen");
                break;
            }
            std::string body, error;
            if (!fetch(where, body, error))
            {
                problem("nicht lesbar: " + error);
                break;
            }
            const auto j = Json::parse(body, nullptr, false);
            if (j.is_discarded() || !j.is_object() || !j.contains("items") || !j["items"].is_array())
            {
                problem("keine RPDE-Seite (ein JSON-Objekt mit \"items\" und \"next\")");
                break;
            }
            if (license.empty())
                license = str(j, "license");
            for (const auto& raw : j["items"])
            {
                Item item;
                item.kind = str(raw, "kind");
                item.id = str(raw, "id");
                item.state = str(raw, "state");
                // `modified` orders the items: an integer; a huge float (1e300, found by
                // fuzzing) would overflow the conversion, so only integers count.
                item.modified = raw.is_object() && raw.contains("modified") && raw["modified"].is_number_integer()
                                    ? raw["modified"].get<long long>()
                                    : 0;
                if (raw.is_object() && raw.contains("data"))
                    item.data = raw["data"];
                if (item.id.empty() || (item.state != "updated" && item.state != "deleted"))
                {
                    problem("ein Eintrag ohne id oder mit unbekanntem state wird übersprungen", false);
                    continue;
                }
                Item& slot = items[item.kind + "|" + item.id];
                if (slot.id.empty() || item.modified >= slot.modified)
                    slot = std::move(item);
            }
            const std::string next = str(j, "next");
            if (next.empty())
            {
                problem("die Seite hat kein \"next\"; hier endet der Feed", false);
                break;
            }
            // The end: a page without items whose next is the page itself.
            if (j["items"].empty() && (next == where || seenEmpty.count(next)))
                break;
            if (j["items"].empty())
                seenEmpty.insert(where);
            where = next;
        }
    }

    // Series and their sessions.
    std::map<std::string, std::vector<const Item*>> sessionsOf;  // series @id or item id -> sessions
    std::vector<const Item*> series;
    for (const auto& [key, item] : items)
    {
        if (item.state == "deleted")
            continue;
        const std::string type = typeOf(item);
        if (type == "ScheduledSession" || type == "Slot")
            sessionsOf[idOf(item.data.is_object() && item.data.contains("superEvent") ? item.data["superEvent"] : Json())].push_back(&item);
        else
            series.push_back(&item);
    }
    std::map<std::string, std::string> providerIds;
    result.rowsRead = series.size();
    for (const Item* s : series)
    {
        const Json& d = s->data;
        const std::string title = str(d, "name");
        auto problem = [&](const std::string& message, bool error = true)
        {
            result.problems.push_back(
                {s->kind.empty() ? "RPDE" : s->kind, 0, "", s->id, "Eintrag " + s->id + " ('" + title + "'): " + message, error});
        };
        if (title.empty())
        {
            problem("der Name (name) fehlt");
            ++result.rowsLeftOut;
            continue;
        }
        // Sessions: by the series' @id, its item id, or embedded subEvents.
        std::vector<Json> dates;
        for (const std::string& key : {idOf(d), s->id})
            if (auto it = sessionsOf.find(key); it != sessionsOf.end() && !key.empty())
                for (const Item* session : it->second)
                    dates.push_back(session->data);
        if (dates.empty() && d.contains("subEvent") && d["subEvent"].is_array())
            for (const auto& sub : d["subEvent"])
                dates.push_back(sub);
        if (dates.empty() && !str(d, "startDate").empty())
            dates.push_back(d);
        Json sessions = Json::array();
        std::set<std::string> starts;
        for (const auto& session : dates)
        {
            const std::string start = str(session, "startDate"), end = str(session, "endDate");
            if (!validDateTime(start) || !starts.insert(start).second)
                continue;
            Json x;
            x["start"] = start;
            if (validDateTime(end))
                x["end"] = end;
            if (str(session, "eventStatus").find("Cancelled") != std::string::npos)
                x["status"] = "cancelled";
            sessions.push_back(x);
        }
        std::sort(sessions.begin(), sessions.end(), [](const Json& a, const Json& b) { return a["start"] < b["start"]; });
        if (sessions.empty())
        {
            problem("hat keine Termine (keine ScheduledSession mit startDate); es wird ausgelassen", false);
            ++result.rowsLeftOut;
            continue;
        }

        Json o;
        std::string providerName = mapping.providerName;
        if (d.contains("organizer") && !str(d["organizer"], "name").empty())
            providerName = str(d["organizer"], "name");
        if (providerName.empty())
            providerName = "OpenActive";
        std::string providerId =
            providerName == mapping.providerName && !mapping.providerId.empty() ? mapping.providerId : "p-" + slugOf(providerName, 40);
        if (!providerIds.count(providerName))
        {
            Json p;
            p["id"] = providerId;
            p["name"] = providerName;
            const std::string url = d.contains("organizer") ? str(d["organizer"], "url") : std::string();
            if (url.rfind("http", 0) == 0)
                p["url"] = url;
            else if (!mapping.providerUrl.empty() && providerName == mapping.providerName)
                p["url"] = mapping.providerUrl;
            result.providers.push_back(p);
            providerIds[providerName] = providerId;
        }
        o["id"] = slugOf(providerName, 32) + "-" + slugOf(s->id, 40);
        o["type"] = mapping.type.empty() ? (sessions.size() > 1 ? "course" : "event") : mapping.type;
        o["title"] = title;
        if (auto t = str(d, "description"); !t.empty())
            o["description"] = t;
        if (auto u = str(d, "url"); u.rfind("http", 0) == 0)
            o["url"] = u;
        o["provider"] = providerIds[providerName];
        std::vector<std::string> subjects = mapping.subjects;
        if (d.contains("activity") && d["activity"].is_array())
            for (const auto& a : d["activity"])
                if (auto label = a.is_string() ? a.get<std::string>() : str(a, "prefLabel"); !label.empty())
                    subjects.push_back(label);
        std::set<std::string> seen;
        for (const auto& subject : subjects)
            if (const std::string k = subjectKey(subject); !k.empty() && seen.insert(k).second)
                o["subjects"].push_back(k);
        for (const auto& a : mapping.audiences)
            o["audiences"].push_back(audienceKey(a).value_or(toKey(a)));
        if (d.contains("ageRange") && d["ageRange"].is_object())
        {
            Json range = Json::object();
            if (auto v = number(d["ageRange"], "minValue"); v && *v >= 0 && *v <= 120)
                range["min"] = static_cast<int>(*v);
            if (auto v = number(d["ageRange"], "maxValue"); v && *v >= 0 && *v <= 120)
                range["max"] = static_cast<int>(*v);
            if (!range.empty())
                o["age_range"] = range;
        }
        o["schedule"] = {{"kind", "course"}, {"sessions", sessions}};
        if (str(d, "eventStatus").find("Cancelled") != std::string::npos)
            o["status"] = "cancelled";
        if (d.contains("location") && d["location"].is_object())
        {
            const Json& l = d["location"];
            Json place;
            place["name"] = !str(l, "name").empty() ? str(l, "name") : "Treffpunkt";
            if (l.contains("address") && l["address"].is_object())
            {
                Json a = Json::object();
                if (auto v = str(l["address"], "streetAddress"); !v.empty())
                    a["street"] = v;
                if (auto v = str(l["address"], "postalCode"); !v.empty())
                    a["postal_code"] = v;
                if (auto v = str(l["address"], "addressLocality"); !v.empty())
                    a["locality"] = v;
                if (!a.empty())
                    place["address"] = a;
            }
            if (l.contains("geo"))
            {
                auto lat = number(l["geo"], "latitude"), lon = number(l["geo"], "longitude");
                if (lat && lon && *lat >= -90 && *lat <= 90 && *lon >= -180 && *lon <= 180)
                    place["geo"] = {{"lat", *lat}, {"lon", *lon}};
            }
            o["location"] = place;
        }
        else if (!mapping.place.is_null())
            o["location"] = mapping.place;
        if (d.contains("offers") && d["offers"].is_array() && !d["offers"].empty())
        {
            Json prices = Json::array();
            bool allFree = true;
            for (const auto& offer : d["offers"])
            {
                auto price = number(offer, "price");
                if (!price || *price < 0)
                    continue;
                allFree = allFree && *price == 0;
                char buf[32];
                std::snprintf(buf, sizeof buf, "%.2f", *price);
                Json p{{"price", buf}, {"currency", str(offer, "priceCurrency").empty() ? "EUR" : str(offer, "priceCurrency")}};
                if (auto n = str(offer, "name"); !n.empty())
                    p["name"] = n;
                prices.push_back(p);
            }
            if (!prices.empty())
            {
                if (allFree)
                    o["is_free"] = true;
                else
                    o["offers"] = prices;
            }
        }
        result.offers.push_back(std::move(o));
    }
    result.license = license;
    return result;
}

}  // namespace mint::publish
