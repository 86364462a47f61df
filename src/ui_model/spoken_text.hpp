// What read aloud says for an offer, in the visitor's language: the title, when (spoken:
// "Mittwoch, 3. Dezember, 15 Uhr", not "Mi 03.12. 15:00"), where, the price ("9 Euro 50",
// "kostenlos"), the age ("ab 8 Jahren") and the summary — the texts the screen shows, as
// a person would read them. No ImGui; unit-tested.
#pragma once

#include "catalog/model.hpp"

#include <string>
#include <string_view>

namespace mint::ui
{

class Translations;

/// "15 Uhr", "15 Uhr 30" / "3 p m", "3 30 p m".
std::string spokenClock(const Translations& tr, int hour, int minuteOfHour);

/// "Mittwoch, 3. Dezember, 15 Uhr" / "Wednesday, 3 December, 3 p m" in `zone`.
std::string spokenDateTime(const Translations& tr, const date::time_zone* zone, catalog::Timestamp t);

/// "9 Euro 50", "12 Euro"; other currencies as "12,50 CHF".
std::string spokenPrice(const Translations& tr, std::string_view decimal, std::string_view currency, std::string_view lang);

/// The whole offer, sentence by sentence, in `lang` (feed texts fall back per field).
std::string spokenOffer(const Translations& tr, const catalog::Catalog& catalog, const catalog::Offer& offer, std::string_view lang,
                        catalog::Timestamp now);

}  // namespace mint::ui
