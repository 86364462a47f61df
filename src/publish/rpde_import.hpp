// Offers from OpenActive RPDE feeds (Realtime Paged Data Exchange), for providers that
// publish them: every page is followed through `next` until a page has no items and
// `next` is the page itself; of each item (by kind and id) the newest state wins, and
// deleted items are gone. A SessionSeries feed and a ScheduledSession feed given together
// join by `superEvent`: each series becomes one offer with its sessions as dates.
#pragma once

#include "import_model.hpp"

#include <functional>
#include <string>
#include <vector>

namespace mint::publish
{

/// Fetches one page (a URL or a file path); false with `error` in words.
using PageFetcher = std::function<bool(const std::string& where, std::string& body, std::string& error)>;

/// True when the bytes look like an RPDE page (a JSON object with "items" and "next").
bool looksLikeRpde(const std::string& bytes);

/// Reads every feed starting at `starts` (URLs or files) and joins them into offers.
ImportResult importRpde(const std::vector<std::string>& starts, const PageFetcher& fetch, const ImportMapping& mapping,
                        const std::string& zone = "Europe/Berlin");

}  // namespace mint::publish
