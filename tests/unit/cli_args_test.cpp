// mint-catalog argument parsing: every bad argument is a one-line error.
#include "cli/cli_args.hpp"

#include <doctest/doctest.h>

using namespace mint::cli;

namespace
{

std::optional<Arguments> parse(std::vector<std::string> args, std::string* errorOut = nullptr)
{
    std::string error;
    auto r = parseArguments(args, error);
    if (errorOut)
        *errorOut = error;
    return r;
}

}  // namespace

TEST_CASE("cli args: a full query parses")
{
    auto a = parse({"query",      "feed.json", "--audience",       "children,youth", "--subject", "robotik", "--age",      "9",
                    "--free",     "--near",    "49.2354,6.9969",   "--radius-km",    "15",        "--from",  "2026-11-28", "--to",
                    "2026-11-29", "--at",      "2026-11-26T15:00", "--text",         "Löwen",     "--sort",  "distance",   "--limit",
                    "5",          "--json"});
    REQUIRE(a);
    CHECK(a->command == "query");
    CHECK(a->feed == "feed.json");
    CHECK(a->json);
    CHECK(a->query.audiences == std::vector<std::string>{"children", "youth"});
    CHECK(a->query.subjects == std::vector<std::string>{"robotik"});
    CHECK(a->query.age == 9);
    CHECK(a->query.freeOnly);
    REQUIRE(a->query.near);
    CHECK(a->query.near->lat == doctest::Approx(49.2354));
    CHECK(a->query.radiusKm == 15.0);
    CHECK(a->query.from == "2026-11-28");
    CHECK(a->query.text == "Löwen");
    CHECK(a->query.sort == "distance");
    CHECK(a->query.limit == 5);
}

TEST_CASE("cli args: bad arguments give one-line errors")
{
    struct Case
    {
        std::vector<std::string> args;
        const char* message;
    };
    const std::vector<Case> cases = {
        {{}, "missing command"},
        {{"explode", "f.json"}, "unknown command 'explode'"},
        {{"validate"}, "needs a FEED"},
        {{"query", "f.json", "--age"}, "--age needs a value"},
        {{"query", "f.json", "--age", "nine"}, "--age expects a whole number"},
        {{"query", "f.json", "--audience", "aliens"}, "unknown audience 'aliens'"},
        {{"query", "f.json", "--near", "49.2"}, "--near expects LAT,LON"},
        {{"query", "f.json", "--near", "91,7"}, "--near expects LAT,LON"},
        {{"query", "f.json", "--radius-km", "5"}, "--radius-km needs --near"},
        {{"query", "f.json", "--radius-km", "-5", "--near", "49,7"}, "positive number"},
        {{"query", "f.json", "--sort", "random"}, "--sort expects next, distance or title"},
        {{"query", "f.json", "--limit", "0"}, "--limit expects a positive"},
        {{"query", "f.json", "--when", "someday"}, "--when expects"},
        {{"query", "f.json", "--when", "today", "--from", "2026-01-01"}, "cannot be combined"},
        {{"query", "f.json", "--mode", "hybrid"}, "--mode expects"},
        {{"query", "f.json", "--bogus"}, "unknown option --bogus"},
        {{"query", "a.json", "b.json"}, "one FEED only"},
        {{"validate", "f.json", "--age", "9"}, "only for the query command"},
    };
    for (const auto& c : cases)
    {
        std::string error;
        CAPTURE(c.message);
        CHECK_FALSE(parse(c.args, &error));
        CHECK(error.find(c.message) != std::string::npos);
        CHECK(error.find('\n') == std::string::npos);
    }
}

TEST_CASE("cli args: help and version")
{
    CHECK(parse({"--help"})->command == "help");
    CHECK(parse({"query", "f.json", "--help"})->command == "help");
    CHECK(parse({"--version"})->command == "version");
}
