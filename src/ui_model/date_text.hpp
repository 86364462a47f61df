// Dates and times as the kiosk shows them, always in the region's time zone (the
// catalogue's `region.timezone`; Europe/Berlin before there is one, as the feed format's
// default): "26.11.2026", "26.11.2026 15:00", "15:00". One place for it, so no screen cuts
// dates out of RFC 3339 strings or assumes a zone. Unit-tested across the DST change.
#pragma once

#include "catalog/model.hpp"

#include <optional>
#include <string>

namespace mint::ui
{

/// A moment as local calendar parts in `zone`.
struct LocalParts
{
    int year = 0, month = 0, day = 0;  ///< 1-based month and day
    int hour = 0, minute = 0;
    int weekday = 0;  ///< 0 = Monday ... 6 = Sunday
};
LocalParts localParts(const date::time_zone* zone, catalog::Timestamp t);

/// The catalogue's zone, else the feed format's default (Europe/Berlin).
const date::time_zone* regionZone(const catalog::Catalog* catalog);

std::string germanDate(const date::time_zone* zone, catalog::Timestamp t);      ///< "26.11.2026"
std::string germanDateTime(const date::time_zone* zone, catalog::Timestamp t);  ///< "26.11.2026 15:00"
std::string clockTime(const date::time_zone* zone, catalog::Timestamp t);       ///< "15:00"

class Translations;
/// The notice a touch shows while the kiosk is closed: "Geschlossen – wieder ab Montag, 8:00"
/// ("heute" / "morgen" when it is; the date too when it is a week or more away; just
/// "Geschlossen" when no opening is in sight).
std::string closedNotice(const Translations& tr, const date::time_zone* zone, catalog::Timestamp now,
                         std::optional<catalog::Timestamp> opening);

}  // namespace mint::ui
