// The JSON reader: grammar, escapes, UTF-8, limits, error positions.
#include "catalog/json_reader.hpp"

#include <doctest/doctest.h>

using namespace mint::json;

namespace
{

bool parses(std::string text, ParseError* errorOut = nullptr, ParseLimits limits = {})
{
    Tape tape;
    ParseError error;
    const bool ok = parseDocument(text, tape, error, limits);
    if (errorOut)
        *errorOut = error;
    return ok;
}

}  // namespace

TEST_CASE("json: objects, arrays and scalars are read into the tape")
{
    std::string text = R"({"a": 1, "b": [true, false, null, -2.5e1], "c": {"d": "x"}})";
    Tape tape;
    ParseError error;
    REQUIRE(parseDocument(text, tape, error));
    Value root(&tape, 0);
    CHECK(root.isObject());
    CHECK(root.size() == 3);
    CHECK(root["a"].isInteger());
    CHECK(root["a"].number() == 1);
    Value b = root["b"];
    REQUIRE(b.isArray());
    CHECK(b.size() == 4);
    std::vector<Kind> kinds;
    for (auto it = b.begin(); it != b.end(); ++it)
        kinds.push_back(it.value().kind());
    CHECK(kinds == std::vector<Kind>{Kind::Bool, Kind::Bool, Kind::Null, Kind::Number});
    CHECK(root["c"]["d"].str() == "x");
    CHECK_FALSE(root["missing"].valid());
    CHECK_FALSE(root["a"]["not-an-object"].valid());
}

TEST_CASE("json: escapes are decoded in place, including surrogate pairs")
{
    std::string text = R"(["a\"b\\c\/d\n", "\u00e4\u00df", "\ud83d\ude00", "Stra\u00DFe"])";
    Tape tape;
    ParseError error;
    REQUIRE(parseDocument(text, tape, error));
    Value root(&tape, 0);
    std::vector<std::string> values;
    for (auto it = root.begin(); it != root.end(); ++it)
        values.emplace_back(it.value().str());
    CHECK(values[0] == "a\"b\\c/d\n");
    CHECK(values[1] == "äß");
    CHECK(values[2] == "\xF0\x9F\x98\x80");
    CHECK(values[3] == "Straße");
}

TEST_CASE("json: malformed documents fail with line and column")
{
    ParseError error;
    CHECK_FALSE(parses("{\"a\": 1,\n \"b\": }", &error));
    CHECK(error.line == 2);
    CHECK(error.column == 7);
    CHECK_FALSE(parses("{\"a\": 1", &error));
    CHECK(error.message.find("end of document") != std::string::npos);
    CHECK_FALSE(parses("[1, 2,]", &error));
    CHECK_FALSE(parses("{'a': 1}", &error));
    CHECK_FALSE(parses("[01]", &error));
    CHECK_FALSE(parses("[1.]", &error));
    CHECK_FALSE(parses("[tru]", &error));
    CHECK_FALSE(parses("[1] [2]", &error));
    CHECK(error.message.find("after the end") != std::string::npos);
    CHECK_FALSE(parses("", &error));
    CHECK_FALSE(parses("[\"tab\tinside\"]", &error));
    CHECK(error.message.find("control character") != std::string::npos);
    CHECK_FALSE(parses(R"(["\ud800"])", &error));
    CHECK(error.message.find("surrogate") != std::string::npos);
    CHECK_FALSE(parses(R"(["\u0000"])", &error));
    CHECK_FALSE(parses(R"(["\x"])", &error));
}

TEST_CASE("json: invalid UTF-8 is rejected")
{
    ParseError error;
    CHECK_FALSE(parses("[\"\xC3\x28\"]", &error));  // bad continuation
    CHECK(error.message.find("UTF-8") != std::string::npos);
    CHECK_FALSE(parses("[\"\xC0\xAF\"]", &error));             // overlong
    CHECK_FALSE(parses("[\"\xED\xA0\x80\"]", &error));         // encoded surrogate
    CHECK_FALSE(parses("[\"\xF5\x80\x80\x80\"]", &error));     // beyond U+10FFFF
    CHECK_FALSE(parses("[\"abc\xE2\x82\"]", &error));          // truncated
    CHECK(parses("[\"\xE2\x82\xAC \xE1\xBA\x9E\"]", &error));  // € ẞ
    CHECK(isValidUtf8("Löwen „Straße“ – …"));
    CHECK_FALSE(isValidUtf8("\xFF"));
}

TEST_CASE("json: nesting depth and string length limits")
{
    ParseLimits limits;
    limits.maxDepth = 4;
    ParseError error;
    CHECK(parses("[[[[1]]]]", &error, limits));
    CHECK_FALSE(parses("[[[[[1]]]]]", &error, limits));
    CHECK(error.message.find("nesting deeper than the limit of 4") != std::string::npos);
    // A hostile document with deep nesting must not overflow the stack.
    CHECK_FALSE(parses(std::string(100000, '[') + std::string(100000, ']'), &error));

    limits.maxStringBytes = 5;
    CHECK(parses(R"(["12345"])", &error, limits));
    CHECK_FALSE(parses(R"(["123456"])", &error, limits));
    CHECK(error.message.find("longer than the limit of 5") != std::string::npos);
}

TEST_CASE("json: numbers keep integer-ness and reject overflow")
{
    std::string text = "[42, 4.2, 1e3, -0, 123456789012]";
    Tape tape;
    ParseError error;
    REQUIRE(parseDocument(text, tape, error));
    Value root(&tape, 0);
    std::vector<bool> integers;
    for (auto it = root.begin(); it != root.end(); ++it)
        integers.push_back(it.value().isInteger());
    CHECK(integers == std::vector<bool>{true, false, false, true, true});
    CHECK_FALSE(parses("[1e999]", &error));
}

TEST_CASE("json: escaped member names are unescaped in place and found by name")
{
    std::string text = R"({"Stra\u00dfe": 1, "a\"b": {"x\/y": "z\tq"}, "plain": "no escapes"})";
    Tape tape;
    ParseError error;
    REQUIRE(parseDocument(text, tape, error));
    Value root(&tape, 0);
    CHECK(root["Straße"].number() == 1);
    CHECK(root["a\"b"]["x/y"].str() == "z\tq");
    CHECK(root["plain"].str() == "no escapes");
    // Every string is a view into the document's own buffer, none into a copy.
    for (std::string_view s : {root["plain"].str(), root["a\"b"]["x/y"].str()})
    {
        CHECK(s.data() >= text.data());
        CHECK(s.data() + s.size() <= text.data() + text.size());
    }
}

TEST_CASE("json: a document is read member by member and an array element by element")
{
    std::string text = "{\"name\": \"feed\",\n \"items\": [{\"n\": 1}, {\"n\": 2}, {\"n\": 3}],\n \"after\": true}";
    Reader reader(text);
    Tape tape;
    std::vector<std::string> keys;
    std::vector<double> numbers;
    // Each element of an array into the tape, its "n" into `numbers`.
    auto readItems = [&](Pending& array)
    {
        return array.elements(
            [&](Pending& item)
            {
                if (!item.read(tape))
                    return false;
                numbers.push_back(Value(&tape, 0)["n"].number());
                return true;
            });
    };
    const bool ok = reader.readObject(
        [&](std::string_view key, Pending& value)
        {
            keys.emplace_back(key);
            if (key == "items")
            {
                CHECK(value.peekKind() == Kind::Array);
                return readItems(value);
            }
            return value.read(tape);
        });
    REQUIRE(ok);
    CHECK(keys == std::vector<std::string>{"name", "items", "after"});
    CHECK(numbers == std::vector<double>{1, 2, 3});

    // A broken element stops the stream with its line; the elements before were read.
    std::string broken = "{\"items\": [{\"n\": 1},\n {\"n\": 2},\n {\"n\": tru}]}";
    Reader bad(broken);
    numbers.clear();
    CHECK_FALSE(bad.readObject([&](std::string_view, Pending& value) { return readItems(value); }));
    CHECK(numbers == std::vector<double>{1, 2});
    CHECK(bad.error().line == 3);
    CHECK(bad.error().message.find("not valid JSON") != std::string::npos);
    CHECK(bad.error().column == 8);

    // Not an object at the top: refused.
    std::string array = "[1, 2]";
    Reader notObject(array);
    CHECK_FALSE(notObject.readObject([](std::string_view, Pending&) { return true; }));
    CHECK(notObject.failed());
}

TEST_CASE("json: a NUL character and content after the document are refused by name")
{
    ParseError error;
    CHECK_FALSE(parses(R"({"a": "x\u0000y"})", &error));
    CHECK(error.message.find("NUL") != std::string::npos);
    CHECK_FALSE(parses("{\"a\": 1} {\"b\": 2}", &error));
    CHECK(error.message.find("after the end of the document") != std::string::npos);
    CHECK(error.column == 10);
    CHECK_FALSE(parses("{\"a\": 1} x", &error));
    CHECK(parses("  {\"a\": 1}  \n", &error));
}
