// A release of a network's feed (mint-catalog build): the imported offers of all sources
// merged into one feed v1 that continues the previous release in the same folder —
// `sequence` one higher, offers keep their ids (made from provider + source id), offers
// that disappeared become tombstones (older tombstones are kept).
#pragma once

#include "import_model.hpp"

#include <string>
#include <vector>

namespace mint::publish
{

struct ReleaseSummary
{
    long long sequence = 1;
    std::size_t offers = 0;
    std::size_t added = 0;    ///< ids not in the previous release
    std::size_t removed = 0;  ///< new tombstones
    std::size_t changed = 0;  ///< same id, different content
};

/// `previous` is the folder's last feed.json (null when there is none).
nlohmann::ordered_json makeRelease(const std::vector<ImportResult>& parts, const nlohmann::ordered_json& previous,
                                   const std::string& license, const std::string& generatedAt, ReleaseSummary& summary,
                                   std::vector<ImportProblem>& problems);

}  // namespace mint::publish
