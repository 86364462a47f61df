// JSON text that never throws: nlohmann::json::dump() throws type_error.316 on invalid
// UTF-8, and one bad byte from a feed or an HTTP header must not end the kiosk. Strings
// are made valid here (invalid bytes become U+FFFD) as a last line of defence; text from
// outside should already have gone through util::validUtf8.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace mint::util
{

/// `j` (nlohmann::json or ordered_json) as text; `indent` < 0 gives one line. Never throws (short of memory exhaustion).
template <class Json>
std::string dumpJson(const Json& j, int indent = -1)
{
    return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace mint::util
