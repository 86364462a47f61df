// Releases; see release.hpp.
#include "release.hpp"

#include <map>
#include <set>

namespace mint::publish
{

nlohmann::ordered_json makeRelease(const std::vector<ImportResult>& parts, const nlohmann::ordered_json& previous,
                                   const std::string& license, const std::string& generatedAt, ReleaseSummary& summary,
                                   std::vector<ImportProblem>& problems)
{
    using Json = nlohmann::ordered_json;
    Json feed = feedDocument(parts, license, generatedAt);

    // The same id from two sources: the first one stays.
    Json offers = Json::array();
    std::set<std::string> ids;
    for (auto& o : feed["offers"])
    {
        const std::string id = o["id"].get<std::string>();
        if (!ids.insert(id).second)
        {
            problems.push_back({"", 0, "", id, "das Angebot '" + id + "' kommt in zwei Quellen vor; das zweite wird weggelassen", true});
            continue;
        }
        offers.push_back(o);
    }
    feed["offers"] = offers;

    std::map<std::string, Json> before;
    summary.sequence = 1;
    Json tombstones = Json::array();
    if (previous.is_object())
    {
        if (previous.contains("sequence") && previous["sequence"].is_number_integer())
            summary.sequence = previous["sequence"].get<long long>() + 1;
        if (previous.contains("offers") && previous["offers"].is_array())
            for (const auto& o : previous["offers"])
                if (o.is_object() && o.contains("id") && o["id"].is_string())
                    before[o["id"].get<std::string>()] = o;
        if (previous.contains("tombstones") && previous["tombstones"].is_array())
            for (const auto& t : previous["tombstones"])
                if (t.is_object() && t.contains("id") && t["id"].is_string() && !ids.count(t["id"].get<std::string>()))
                    tombstones.push_back(t);  // an offer that came back is no longer deleted
    }
    for (const auto& [id, old] : before)
        if (!ids.count(id))
        {
            tombstones.push_back({{"id", id}, {"deleted_at", generatedAt}, {"reason", "nicht mehr in den Quellen"}});
            ++summary.removed;
        }
    for (const auto& o : feed["offers"])
    {
        const auto it = before.find(o["id"].get<std::string>());
        if (it == before.end())
            ++summary.added;
        else if (it->second != o)
            ++summary.changed;
    }
    summary.offers = feed["offers"].size();
    feed["sequence"] = summary.sequence;
    if (!tombstones.empty())
        feed["tombstones"] = tombstones;
    return feed;
}

}  // namespace mint::publish
