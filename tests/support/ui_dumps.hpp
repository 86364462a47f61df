// What the UI tests read from a scripted run of the real app: the state dumps ("dump NAME"
// writes NAME.json), their targets, and the demo configuration's admin PIN hash (PIN 1234).
#pragma once

#include "support/run_process.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>

namespace mint::test
{

/// The admin PIN hash of config/demo.json (PIN 1234).
inline std::string demoPinHash()
{
    return nlohmann::json::parse(slurp(std::string(MINT_SOURCE_DIR) + "/config/demo.json"))["admin"]["pin_hash"].get<std::string>();
}

/// The state dump NAME.json a script wrote into `out`.
inline nlohmann::json dump(const std::filesystem::path& out, const std::string& name)
{
    return nlohmann::json::parse(slurp(out / (name + ".json")));
}

/// Whether a JSON array (a dump's "targets", "visible_offers", ...) holds `value`.
inline bool contains(const nlohmann::json& array, const std::string& value)
{
    return std::find(array.begin(), array.end(), value) != array.end();
}

}  // namespace mint::test
