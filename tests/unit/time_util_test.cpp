// RFC 3339 parsing, zones and formatting.
#include "catalog/time_util.hpp"

#include <doctest/doctest.h>

using namespace mint::catalog;
using namespace mint::catalog::timeutil;

TEST_CASE("time: dates and clock times parse strictly")
{
    CHECK(parseDate("1970-01-02") == 1);
    CHECK(parseDate("2026-11-04").has_value());
    CHECK_FALSE(parseDate("2026-02-30"));
    CHECK_FALSE(parseDate("2026-13-01"));
    CHECK_FALSE(parseDate("26-11-04"));
    CHECK_FALSE(parseDate("2026-11-04T10:00"));
    CHECK(parseClock("15:00") == 900);
    CHECK(parseClock("07:30:15") == 450);
    CHECK(parseClock("24:00") == 1440);
    CHECK_FALSE(parseClock("24:01"));
    CHECK_FALSE(parseClock("7:30"));
    CHECK_FALSE(parseClock("12:60"));
}

TEST_CASE("time: RFC 3339 with offsets, Z, fractions and local times")
{
    auto a = parseDateTime("2026-11-20T08:00:00+01:00", false);
    REQUIRE(a);
    CHECK_FALSE(a->local);
    CHECK(a->seconds == parseDateTime("2026-11-20T07:00:00Z", false)->seconds);
    CHECK(parseDateTime("2026-11-20T07:00:00.250Z", false)->seconds == a->seconds);
    CHECK_FALSE(parseDateTime("2026-11-20T08:00:00", false));  // zone required
    auto local = parseDateTime("2026-11-20T08:00", true);
    REQUIRE(local);
    CHECK(local->local);
    CHECK_FALSE(parseDateTime("2026-11-20 08:00:00+1", false));
    CHECK_FALSE(parseDateTime("2026-11-20T25:00:00Z", false));
    CHECK_FALSE(parseDateTime("yesterday", true));
}

TEST_CASE("time: Europe/Berlin offsets, gap and overlap")
{
    const auto* berlin = findZone("Europe/Berlin");
    REQUIRE(berlin != nullptr);
    CHECK(findZone("Mars/Olympus_Mons") == nullptr);
    auto local = [](const char* text) { return parseDateTime(text, true)->seconds; };
    auto utc = [](const char* text) { return parseDateTime(text, false)->seconds; };
    CHECK(toUtc(berlin, local("2026-07-01T12:00")) == utc("2026-07-01T10:00:00Z"));
    CHECK(toUtc(berlin, local("2026-12-01T12:00")) == utc("2026-12-01T11:00:00Z"));
    // Spring gap (2027-03-28 02:30 does not exist): moves forward to 03:30 CEST.
    CHECK(toUtc(berlin, local("2027-03-28T02:30")) == utc("2027-03-28T01:30:00Z"));
    // Autumn overlap (2026-10-25 02:30 happens twice): the earlier instant.
    CHECK(toUtc(berlin, local("2026-10-25T02:30")) == utc("2026-10-25T00:30:00Z"));
    CHECK(formatRfc3339(berlin, utc("2026-11-28T14:00:00Z")) == "2026-11-28T15:00:00+01:00");
    CHECK(formatRfc3339(berlin, utc("2026-07-01T10:00:00Z")) == "2026-07-01T12:00:00+02:00");
    CHECK(weekdayOf(*parseDate("2026-11-26")) == 3);  // a Thursday
}
