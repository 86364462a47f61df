// The words coordinators use for offer types, subjects and audiences, and the feed's keys
// for them ("Ferienprogramm" -> camp, "Mathe" -> mathematik, "Schulklassen" -> school_classes).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mint::publish
{

/// The feed's type for a German (or English) word; an unknown word becomes its key form.
std::string offerTypeKey(std::string_view word);
/// The feed's subject key; an unknown word becomes its key form ("Schach" -> schach).
std::string subjectKey(std::string_view word);
/// The feed's audience, or nothing for a word that is not one.
std::optional<std::string> audienceKey(std::string_view word);

}  // namespace mint::publish
