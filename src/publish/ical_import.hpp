// Offers from calendars (.ics as Nextcloud, Google, Outlook and school calendars export
// them), read with libical (libical-dev): each event (by UID) becomes one offer. A weekly
// series becomes a recurring rule (EXDATE and cancelled instances as except dates); any
// other series, RDATEs or moved instances become course sessions; single events single
// dates; all-day events whole days. CATEGORIES map to subjects (and audiences), LOCATION
// and GEO to the place, the calendar's name (X-WR-CALNAME) to the provider.
#pragma once

#include "import_model.hpp"

#include <string>
#include <string_view>

namespace mint::publish
{

/// `zone` is the region's time zone (the feed's local times are written in it).
ImportResult importIcal(const std::string& fileName, std::string_view bytes, const ImportMapping& mapping,
                        const std::string& zone = "Europe/Berlin");

}  // namespace mint::publish
