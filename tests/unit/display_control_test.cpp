// The display's decisions under the virtual clock: off at closing, re-applied while closed,
// on at opening (on the attract screen), a touch while closed shows the notice for a few
// seconds, staff can switch it on until the next opening.
#include "app/core/display_control.hpp"
#include "catalog/time_util.hpp"
#include "config/kiosk_config.hpp"

#include <doctest/doctest.h>

using namespace mint;

namespace
{

catalog::Timestamp at(const char* rfc3339)
{
    const auto spec = catalog::timeutil::parseDateTime(rfc3339, false);
    REQUIRE(spec);
    return spec->seconds;
}

config::DisplaySection weekdays8to18(const std::string& touch = "message")
{
    std::string error;
    const auto cfg =
        config::parseConfig(R"({"feed": {"url": "file:///tmp/f.json"}, "display": {"hours": [{"days": ["MO", "TU", "WE", "TH", "FR"],
        "open": "08:00", "close": "18:00"}], "off": "dpms", "touch_when_closed": ")" +
                                touch + "\"}}",
                            "/tmp/kiosk.json", error);
    REQUIRE_MESSAGE(cfg, error);
    return cfg->display;
}

}  // namespace

TEST_CASE("display control: off at closing and re-applied, on at opening, woken exactly then")
{
    const auto display = weekdays8to18();
    app::DisplayControl d(display, catalog::timeutil::findZone("Europe/Berlin"));
    auto s = d.step(at("2027-03-22T17:00:00+01:00"));  // Monday afternoon: open
    CHECK(s.on);
    CHECK(s.apply);  // the first decision is sent
    CHECK_FALSE(s.opened);
    REQUIRE(s.wakeAt);
    CHECK(*s.wakeAt == at("2027-03-22T17:10:00+01:00"));  // re-apply before closing at 18:00

    s = d.step(at("2027-03-22T17:59:59+01:00"));
    CHECK(s.on);
    CHECK(*s.wakeAt == at("2027-03-22T18:00:00+01:00"));
    s = d.step(at("2027-03-22T18:00:00+01:00"));
    CHECK_FALSE(s.on);
    CHECK(s.apply);
    s = d.step(at("2027-03-22T18:05:00+01:00"));  // nothing new within the re-apply time
    CHECK_FALSE(s.on);
    CHECK_FALSE(s.apply);
    CHECK(*s.wakeAt == at("2027-03-22T18:10:00+01:00"));
    s = d.step(at("2027-03-22T18:10:00+01:00"));  // someone may have switched the panel on: off again
    CHECK(s.apply);
    CHECK_FALSE(s.on);

    // Tuesday 08:00: on, and it is an opening (the attract screen with fresh data).
    s = d.step(at("2027-03-23T07:55:00+01:00"));
    CHECK(*s.wakeAt == at("2027-03-23T08:00:00+01:00"));
    s = d.step(at("2027-03-23T08:00:00+01:00"));
    CHECK(s.on);
    CHECK(s.apply);
    CHECK(s.opened);
}

TEST_CASE("display control: a touch while closed shows the notice, staff switch it on until the next opening")
{
    const auto display = weekdays8to18();
    app::DisplayControl d(display, catalog::timeutil::findZone("Europe/Berlin"));
    const auto friday = at("2027-03-26T20:00:00+01:00");
    CHECK_FALSE(d.step(friday).on);
    // A touch: the screen comes on for the notice, then goes off again; not an opening.
    const auto until = d.touchWhileClosed(friday + 10);
    REQUIRE(until);
    CHECK(*until == friday + 15);
    auto s = d.step(friday + 10);
    CHECK(s.on);
    CHECK_FALSE(s.opened);
    CHECK(*s.wakeAt == friday + 15);
    CHECK(d.nextOpening(friday + 10) == at("2027-03-29T08:00:00+02:00"));  // Monday, after the change to summer time
    s = d.step(friday + 15);
    CHECK_FALSE(s.on);
    CHECK(s.apply);

    // Staff: on now, until the schedule opens on Monday; then it follows the schedule again.
    d.forceOn(friday + 60);
    s = d.step(friday + 60);
    CHECK(s.on);
    CHECK(d.forcedOn(at("2027-03-28T12:00:00+02:00")));
    CHECK_FALSE(d.touchWhileClosed(friday + 70));  // it is on: no notice
    s = d.step(at("2027-03-29T18:00:00+02:00"));   // Monday evening: closes as scheduled
    CHECK_FALSE(s.on);
    CHECK_FALSE(d.forcedOn(at("2027-03-29T18:00:00+02:00")));
    d.forceOn(at("2027-03-29T19:00:00+02:00"));
    d.followSchedule();
    CHECK_FALSE(d.step(at("2027-03-29T19:00:01+02:00")).on);

    // touch_when_closed = nothing: no notice.
    const auto quiet = weekdays8to18("nothing");
    app::DisplayControl q(quiet, catalog::timeutil::findZone("Europe/Berlin"));
    CHECK_FALSE(q.touchWhileClosed(friday));

    // Without hours: always on, nothing to send, nothing to wake for.
    const config::DisplaySection none;
    app::DisplayControl always(none, catalog::timeutil::findZone("Europe/Berlin"));
    s = always.step(friday);
    CHECK(s.on);
    CHECK_FALSE(s.apply);
    CHECK_FALSE(s.wakeAt);
}

TEST_CASE("display control: closing ends the session, staff keep the panel on while closed, 'on now' while open lasts past closing")
{
    const auto display = weekdays8to18();
    app::DisplayControl d(display, catalog::timeutil::findZone("Europe/Berlin"));
    auto s = d.step(at("2027-03-22T17:59:00+01:00"));
    CHECK(s.open);
    CHECK_FALSE(s.closed);
    s = d.step(at("2027-03-22T18:00:00+01:00"));
    CHECK(s.closed);  // the app resets the session
    CHECK_FALSE(s.open);
    CHECK_FALSE(d.step(at("2027-03-22T18:00:30+01:00")).closed);  // once

    // Staff at the PIN pad: on (not open for visitors), for two minutes after their last touch.
    const auto evening = at("2027-03-22T19:00:00+01:00");
    d.staffActive(evening);
    s = d.step(evening);
    CHECK(s.on);
    CHECK_FALSE(s.open);
    CHECK_FALSE(s.opened);
    CHECK(*s.wakeAt <= evening + app::DisplayControl::kStaffS);
    CHECK_FALSE(d.step(evening + app::DisplayControl::kStaffS).on);

    // "On now" pressed while open (an evening event): on past 18:00 until Tuesday's opening,
    // and Tuesday 08:00 still counts as an opening (attract screen, fresh data).
    app::DisplayControl e(display, catalog::timeutil::findZone("Europe/Berlin"));
    e.step(at("2027-03-22T16:00:00+01:00"));
    e.forceOn(at("2027-03-22T16:00:00+01:00"));
    REQUIRE(e.forcedUntil());
    CHECK(*e.forcedUntil() == at("2027-03-23T08:00:00+01:00"));
    s = e.step(at("2027-03-22T18:00:00+01:00"));
    CHECK(s.on);
    CHECK_FALSE(s.closed);
    s = e.step(at("2027-03-23T08:00:00+01:00"));
    CHECK(s.on);
    CHECK(s.opened);
}
