// The display's opening hours (config `display`): weekly hours (several ranges a day),
// exceptions by date (closed, or other hours), what "off" means and what a touch does while
// closed. The hours are local wall times of the region's zone, so 08:00 is 08:00 in summer
// and winter; OpeningHours answers "open now?" and "when does that change?" for any instant.
#pragma once

#include "catalog/model.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace date
{
class time_zone;
}

namespace mint::config
{

struct HoursRange
{
    std::uint8_t days = 0x7F;  ///< bit 0 = Monday … bit 6 = Sunday (exceptions: unused)
    int openMinute = 0;        ///< local minutes after midnight
    int closeMinute = 0;       ///< after openMinute; 1440 = midnight
};

struct HoursException
{
    catalog::DayNumber date = 0;
    std::vector<HoursRange> hours;  ///< empty: closed all day
};

struct DisplaySection
{
    std::vector<HoursRange> hours;  ///< empty: always open (no schedule)
    std::vector<HoursException> exceptions;
    std::string off = "blank";  ///< blank | dpms | cec | command
    std::string offCommand, onCommand;
    std::string touchWhenClosed = "message";  ///< message | nothing

    bool scheduled() const { return !hours.empty() || !exceptions.empty(); }
};

/// Reads the `display` object; false with the key ("display.hours[1].close") and a message.
bool parseDisplaySection(const nlohmann::json& obj, DisplaySection& out, std::string& key, std::string& message);

class OpeningHours
{
public:
    OpeningHours(const DisplaySection& display, const date::time_zone* zone);

    /// Open at `t`? Always true without a schedule.
    bool isOpen(catalog::Timestamp t) const;
    /// The first instant after `t` at which isOpen changes (within 32 days), if any.
    std::optional<catalog::Timestamp> nextChange(catalog::Timestamp t) const;
    /// The next opening after `t` (`t` itself when open), if any within 32 days.
    std::optional<catalog::Timestamp> nextOpening(catalog::Timestamp t) const;

private:
    /// The ranges of one local day (an exception's, else the weekday's).
    std::vector<HoursRange> rangesOn(catalog::DayNumber day) const;

    const DisplaySection* m_display;
    const date::time_zone* m_zone;
};

}  // namespace mint::config
