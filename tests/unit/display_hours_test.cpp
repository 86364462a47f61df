// The display's opening hours: parsing (every mistake names its key) and "open now?" / "when
// does that change?" across a week with a holiday and the change to summer time.
#include "catalog/time_util.hpp"
#include "config/kiosk_config.hpp"

#include <doctest/doctest.h>

using namespace mint;
using namespace mint::config;

namespace
{

catalog::Timestamp at(const char* rfc3339)
{
    const auto spec = catalog::timeutil::parseDateTime(rfc3339, false);
    REQUIRE(spec);
    return spec->seconds;
}

std::optional<KioskConfig> parse(const std::string& display, std::string& error)
{
    return parseConfig(R"({"feed": {"url": "file:///tmp/feed.json"}, "display": )" + display + "}", "/tmp/kiosk.json", error);
}

}  // namespace

TEST_CASE("display hours: a week with a holiday and the change to summer time")
{
    std::string error;
    const auto cfg = parse(R"({"hours": [{"days": ["MO", "TU", "WE", "TH", "FR"], "open": "08:00", "close": "12:30"},
                                         {"days": ["MO", "TU", "WE", "TH", "FR"], "open": "13:30", "close": "18:00"},
                                         {"days": ["SA"], "open": "10:00", "close": "14:00"}],
                               "exceptions": [{"date": "2027-03-26", "closed": true},
                                              {"date": "2027-03-24", "hours": [{"open": "08:00", "close": "11:00"}]}],
                               "off": "command", "off_command": "wlopm --off '*'", "on_command": "wlopm --on '*'"})",
                           error);
    REQUIRE_MESSAGE(cfg, error);
    const OpeningHours h(cfg->display, catalog::timeutil::findZone("Europe/Berlin"));
    // Monday 22 March 2027 (winter time, UTC+1).
    CHECK_FALSE(h.isOpen(at("2027-03-22T07:59:00+01:00")));
    CHECK(h.isOpen(at("2027-03-22T08:00:00+01:00")));
    CHECK_FALSE(h.isOpen(at("2027-03-22T12:45:00+01:00")));  // lunch break
    CHECK(h.isOpen(at("2027-03-22T17:59:00+01:00")));
    CHECK_FALSE(h.isOpen(at("2027-03-22T18:00:00+01:00")));
    CHECK(*h.nextChange(at("2027-03-22T09:00:00+01:00")) == at("2027-03-22T12:30:00+01:00"));
    CHECK(*h.nextOpening(at("2027-03-22T12:45:00+01:00")) == at("2027-03-22T13:30:00+01:00"));
    // Wednesday: other hours (an exception with hours).
    CHECK(h.isOpen(at("2027-03-24T10:59:00+01:00")));
    CHECK_FALSE(h.isOpen(at("2027-03-24T11:00:00+01:00")));
    CHECK_FALSE(h.isOpen(at("2027-03-24T14:00:00+01:00")));
    // Thursday evening -> Friday is a holiday -> Saturday 10:00.
    CHECK(*h.nextOpening(at("2027-03-25T18:00:00+01:00")) == at("2027-03-27T10:00:00+01:00"));
    CHECK_FALSE(h.isOpen(at("2027-03-26T10:00:00+01:00")));
    // Saturday -> Sunday 28 March, 02:00 the clocks go forward -> Monday 08:00 is UTC+2 now.
    CHECK(*h.nextChange(at("2027-03-27T11:00:00+01:00")) == at("2027-03-27T14:00:00+01:00"));
    CHECK(*h.nextOpening(at("2027-03-27T15:00:00+01:00")) == at("2027-03-29T08:00:00+02:00"));
    CHECK(at("2027-03-29T08:00:00+02:00") - at("2027-03-22T08:00:00+01:00") == 7 * 86400 - 3600);
    CHECK(h.isOpen(at("2027-03-29T08:00:00+02:00")));
    CHECK_FALSE(h.isOpen(at("2027-03-29T07:30:00+02:00")));  // 06:30 in winter time would be 07:30 now: still closed
    CHECK(cfg->display.off == "command");
    CHECK(cfg->display.touchWhenClosed == "message");

    // Without hours the display is always on and nothing ever changes.
    DisplaySection none;
    const OpeningHours always(none, catalog::timeutil::findZone("Europe/Berlin"));
    CHECK(always.isOpen(at("2027-03-28T03:00:00+02:00")));
    CHECK_FALSE(always.nextChange(at("2027-03-28T03:00:00+02:00")));
}

TEST_CASE("display hours: every mistake is named by its key")
{
    std::string error;
    CHECK_FALSE(parse(R"({"hours": [{"days": ["MO"], "open": "18:00", "close": "08:00"}]})", error));
    CHECK(error.find("display.hours[0].close: must be after open") != std::string::npos);
    CHECK_FALSE(parse(R"({"hours": [{"days": ["XX"], "open": "08:00", "close": "18:00"}]})", error));
    CHECK(error.find("display.hours[0].days") != std::string::npos);
    CHECK_FALSE(parse(R"({"hours": [{"days": ["MO"], "open": "8 Uhr", "close": "18:00"}]})", error));
    CHECK(error.find("display.hours[0].open") != std::string::npos);
    CHECK_FALSE(parse(R"({"hours": [{"days": ["MO"], "close": "18:00"}]})", error));
    CHECK_FALSE(parse(R"({"exceptions": [{"date": "2026-13-01", "closed": true}]})", error));
    CHECK(error.find("display.exceptions[0].date") != std::string::npos);
    CHECK_FALSE(parse(R"({"exceptions": [{"date": "2026-12-24"}]})", error));
    CHECK_FALSE(parse(R"({"off": "laser"})", error));
    CHECK(error.find("display.off: expected blank, dpms, cec or command") != std::string::npos);
    CHECK_FALSE(parse(R"({"off": "command", "off_command": "x"})", error));
    CHECK(error.find("display.on_command: is required") != std::string::npos);
    CHECK_FALSE(parse(R"({"touch_when_closed": "beep"})", error));
    CHECK_FALSE(parse(R"({"colour": "blue"})", error));
    CHECK(error.find("display.colour: unknown key") != std::string::npos);
    CHECK_FALSE(parse(R"("always")", error));
    CHECK(parse(R"({"off": "dpms", "// note": "comments are fine"})", error));
}
