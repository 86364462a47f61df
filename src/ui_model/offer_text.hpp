// How an offer's facts read on screen, without ImGui: prices in the visitor's language
// ("9,00 €", "€9.00"), time ranges with end times ("10–12 Uhr"), feed texts as sentences.
// The detail page and the cards draw what these return; unit-tested in ui_model_test.
#pragma once

#include "catalog/model.hpp"

#include <string>
#include <string_view>

namespace mint::ui
{

/// The address the QR code takes home: the registration page, else the offer's page, else
/// the release's phone page for it (the feed's `phone_pages`); empty when there is none.
std::string takeHomeUrl(const catalog::Catalog& catalog, const catalog::Offer& offer);

/// "9,00 €" (de), "€9.00" (en); other currencies by code ("12,50 CHF"). A malformed
/// decimal is shown as given.
std::string formatPrice(std::string_view decimal, std::string_view currency, std::string_view lang);

/// A clock time from minutes after midnight: "10 Uhr" / "10:30 Uhr" (de), "10:00" (en).
/// `withUnit` false leaves out " Uhr" (for the start of a range).
std::string formatClock(int minutes, std::string_view lang, bool withUnit = true);

/// "10–12 Uhr", "10:30–12 Uhr" (de), "10:00–12:00" (en); without an end just the start.
std::string formatClockRange(int startMinutes, int endMinutes, std::string_view lang);

/// The first letter upper case (ASCII and the German umlauts), the rest as given: feed
/// texts such as "rollstuhlgerecht. aufzug vorhanden." start like a sentence.
std::string sentenceCase(std::string_view text);

}  // namespace mint::ui
