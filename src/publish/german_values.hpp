// Values as people type them into German spreadsheets: dates 31.12.2026 or 2026-12-31,
// times 15:00 / 15.00 / 15 Uhr, ja/nein, lists "Technik, Informatik", ages "8–12" /
// "ab 10" / "bis 12", weekdays "Mittwoch" / "Mi", numbers with a decimal comma, prices
// "5 €" / "5,50" / "kostenlos". Each parser says nothing (nullopt) when it cannot read a
// value; the importer turns that into a message with file, line and column.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mint::publish
{

struct CalendarDate
{
    int year = 0, month = 0, day = 0;
    std::string iso() const;  ///< "2026-12-31"
    CalendarDate nextDay() const;
};

std::optional<CalendarDate> parseGermanDate(std::string_view text);
/// Minutes after midnight.
std::optional<int> parseGermanTime(std::string_view text);
std::string formatTime(int minutes);  ///< "15:00"
std::optional<bool> parseYesNo(std::string_view text);
/// Cells with several values: split at commas, semicolons, slashes and " und ", trimmed,
/// empty parts dropped.
std::vector<std::string> splitList(std::string_view text);

struct AgeSpan
{
    std::optional<int> min, max;
};
std::optional<AgeSpan> parseAgeSpan(std::string_view text);

/// 0 = Monday … 6 = Sunday; "Mittwoch", "mittwochs", "Mi", "Mi." and English "Wed".
std::optional<int> parseWeekday(std::string_view text);
/// The feed's day code ("MO", …).
const char* weekdayCode(int day);

/// "49,2354" or "49.2354".
std::optional<double> parseDecimal(std::string_view text);

struct Price
{
    bool free = false;
    std::string amount;  ///< decimal string "5.50" (the feed's form); empty when free
};
std::optional<Price> parsePrice(std::string_view text);

/// "Technik" -> "technik", "Künstliche Intelligenz" -> "kuenstliche_intelligenz": the feed's
/// lower-case key form.
std::string toKey(std::string_view text);

std::string trim(std::string_view text);

/// An id part from any text: toKey() with '-' for '_', at most `max` bytes (cut at a word
/// boundary in the second half when there is one): "Roboter-AG 2027" -> "roboter-ag-2027".
std::string slugOf(std::string_view text, std::size_t max = 48);

}  // namespace mint::publish
