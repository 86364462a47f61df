// JSON reader: simdjson On-Demand into tapes; see json_reader.hpp.
#include "json_reader.hpp"

#include "feed_parser.hpp"
#include "util/utf8.hpp"

#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wold-style-cast"
#if !defined(__clang__)
#pragma GCC diagnostic ignored "-Wuseless-cast"
#endif
#pragma GCC diagnostic ignored "-Wpedantic"
#endif
#include <simdjson.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>

namespace mint::json
{

const char* kindName(Kind kind)
{
    switch (kind)
    {
    case Kind::Null: return "null";
    case Kind::Bool: return "a boolean";
    case Kind::Number: return "a number";
    case Kind::String: return "a string";
    case Kind::Array: return "an array";
    case Kind::Object: return "an object";
    }
    return "?";
}

// ---------------------------------------------------------------------------------------
// Value

Value Value::operator[](std::string_view key) const
{
    if (!is(Kind::Object))
        return {};
    // The decoder asks every object for each field it knows: length and first byte decide
    // most mismatches before a full compare.
    const Node* nodes = m_tape->nodes.data();
    const char* base = m_tape->base;
    for (std::uint32_t i = m_index + 1, end = node().end; i < end; i = nodes[i + 1].end)
    {
        const Node& k = nodes[i];
        if (k.text.length != key.size())
            continue;
        const char* text = base + k.text.offset;
        if (key.empty() || (text[0] == key[0] && std::memcmp(text, key.data(), key.size()) == 0))
            return {m_tape, i + 1};
    }
    return {};
}

Value::Iterator& Value::Iterator::operator++()
{
    m_index = m_object ? m_tape->nodes[m_index + 1].end : m_tape->nodes[m_index].end;
    return *this;
}

std::string_view Value::Iterator::key() const
{
    if (!m_object)
        return {};
    const Node& n = m_tape->nodes[m_index];
    return {m_tape->base + n.text.offset, n.text.length};
}

Value::Iterator Value::begin() const
{
    if (!valid() || (kind() != Kind::Array && kind() != Kind::Object))
        return {m_tape, 0, false};
    return {m_tape, m_index + 1, kind() == Kind::Object};
}

Value::Iterator Value::end() const
{
    if (!valid() || (kind() != Kind::Array && kind() != Kind::Object))
        return {m_tape, 0, false};
    return {m_tape, node().end, kind() == Kind::Object};
}

std::string Value::describe() const
{
    if (!valid())
        return "nothing";
    switch (kind())
    {
    case Kind::Null: return "null";
    case Kind::Bool: return boolean() ? "true" : "false";
    case Kind::Number:
    {
        char buf[32];
        auto res = std::to_chars(buf, buf + sizeof buf, number());
        return std::string(buf, res.ptr);
    }
    case Kind::String:
    {
        std::string_view s = str();
        std::string out = "\"";
        out += util::validUtf8(s, 40);  // never cut inside a character
        out += '"';
        return out;
    }
    case Kind::Array: return "an array";
    case Kind::Object: return "an object";
    }
    return "?";
}

std::string ParseError::toString() const
{
    return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + message;
}

// ---------------------------------------------------------------------------------------
// Reader

namespace ondemand = simdjson::ondemand;
static_assert(catalog::kReadPadding >= simdjson::SIMDJSON_PADDING, "files are read with the padding simdjson needs");

namespace
{

/// Staff-readable words for simdjson's errors (its own messages name its internals).
std::string describeError(simdjson::error_code code)
{
    switch (code)
    {
    case simdjson::UTF8_ERROR: return "invalid UTF-8 in the text";
    case simdjson::UNCLOSED_STRING: return "unterminated string";
    case simdjson::UNESCAPED_CHARS: return "a control character (tab, line break) inside a string must be escaped";
    case simdjson::STRING_ERROR: return "invalid escape in a string (like \\x or a lone surrogate \\ud800)";
    case simdjson::NUMBER_ERROR: return "invalid number (leading zero, missing digits or out of range)";
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR: return "invalid literal (expected true, false or null)";
    case simdjson::EMPTY: return "unexpected end of document, expected a value (the document is empty)";
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT: return "unexpected end of document inside an array or object";
    case simdjson::DEPTH_ERROR: return "nesting too deep";
    case simdjson::CAPACITY: return "the document is too large";
    case simdjson::MEMALLOC: return "out of memory while reading the document";
    case simdjson::TAPE_ERROR:
    case simdjson::INCORRECT_TYPE: return "unexpected character: not valid JSON here";
    default: return simdjson::error_message(code);
    }
}

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/// Names the first bad escape in a string's raw bytes (simdjson only says that one is bad).
std::string describeBadEscape(const char* raw, std::size_t length)
{
    for (std::size_t i = 0; i + 1 < length; ++i)
    {
        if (raw[i] != '\\')
            continue;
        const char c = raw[i + 1];
        if (c != '\0' && std::strchr("\"\\/bfnrt", c))
        {
            ++i;
            continue;
        }
        if (c != 'u')
        {
            const auto byte = static_cast<unsigned char>(c);
            char name[8];
            if (byte < 0x20 || byte >= 0x7F)
                std::snprintf(name, sizeof name, "\\0x%02X", byte);
            else
                std::snprintf(name, sizeof name, "\\%c", c);
            return std::string("invalid escape '") + name + "' in a string";
        }
        i += 1;
    }
    return describeError(simdjson::STRING_ERROR);
}

/// The raw text of the value about to be read (the document's version can fail).
std::string_view tokenOf(ondemand::value& v)
{
    return v.raw_json_token();
}

std::string_view tokenOf(ondemand::document& d)
{
    std::string_view token;
    return d.raw_json_token().get(token) == simdjson::SUCCESS ? token : std::string_view();
}

}  // namespace

struct Reader::Impl
{
    std::string& buffer;
    ParseLimits limits;
    ondemand::parser parser;
    ondemand::document doc;
    const char* position = nullptr;  ///< the last token looked at, for error positions
    bool iterating = false;          ///< doc is valid (iterate succeeded)

    Impl(std::string& b, ParseLimits l) : buffer(b), limits(l), parser(std::max<std::size_t>(b.size(), 1)) {}

    template <typename V>
    bool string(Reader& r, V& v, Node& node);
    template <typename V>
    bool value(Reader& r, V& v, Tape& tape, std::size_t depth);
    bool key(Reader& r, ondemand::field& field, Node& node);
    bool place(Reader& r, const char* raw, std::size_t rawLength, std::string_view unescaped, Node& node);
    bool fromSimdjson(Reader& r, simdjson::error_code code);
    bool atEnd();
    simdjson::error_code iterate();
};

bool Reader::Impl::fromSimdjson(Reader& r, simdjson::error_code code)
{
    if (code == simdjson::UTF8_ERROR)
    {
        // simdjson checks the whole text up front without saying where: find the place.
        for (std::size_t i = 0; i < buffer.size();)
        {
            const std::size_t n = util::utf8SequenceLength(buffer, i);
            if (n == 0)
            {
                position = buffer.data() + i;
                break;
            }
            i += n;
        }
    }
    else
    {
        const char* here = nullptr;
        if (iterating && doc.current_location().get(here) == simdjson::SUCCESS && here)
            position = std::max(position, here);
        else if (code == simdjson::INCOMPLETE_ARRAY_OR_OBJECT || code == simdjson::EMPTY)
            position = buffer.data() + buffer.size();
    }
    return r.fail(describeError(code));
}

bool Reader::Impl::place(Reader& r, const char* raw, std::size_t rawLength, std::string_view unescaped, Node& node)
{
    if (unescaped.size() > limits.maxStringBytes)
        return r.fail("string longer than the limit of " + std::to_string(limits.maxStringBytes) + " bytes");
    if (std::memchr(unescaped.data(), '\0', unescaped.size()))
        return r.fail("a string contains a NUL character (\\u0000)");
    char* target = const_cast<char*>(raw);  // our own buffer; simdjson is past these bytes
    if (unescaped.data() != raw)
    {
        if (unescaped.size() > rawLength)
            return r.fail("internal: an unescaped string grew");
        std::memcpy(target, unescaped.data(), unescaped.size());
    }
    node.kind = Kind::String;
    node.text.offset = static_cast<std::uint32_t>(target - buffer.data());
    node.text.length = static_cast<std::uint32_t>(unescaped.size());
    return true;
}

template <typename V>
bool Reader::Impl::string(Reader& r, V& v, Node& node)
{
    const std::string_view token = tokenOf(v);
    if (!token.empty())
        position = token.data();
    std::size_t end = token.size();
    while (end > 0 && isJsonSpace(token[end - 1]))
        --end;
    if (end < 2 || token[0] != '"' || token[end - 1] != '"')
        return r.fail("unterminated string");
    const char* raw = token.data() + 1;
    const std::size_t rawLength = end - 2;
    if (!std::memchr(raw, '\\', rawLength))
    {
        // No escapes: the bytes stand as they are (UTF-8 and control characters were checked
        // by simdjson for the whole text).
        ondemand::raw_json_string unused;
        if (auto e = v.get_raw_json_string().get(unused))
            return fromSimdjson(r, e);
        return place(r, raw, rawLength, std::string_view(raw, rawLength), node);
    }
    std::string_view unescaped;
    if (auto e = v.get_string().get(unescaped))
        return e == simdjson::STRING_ERROR ? r.fail(describeBadEscape(raw, rawLength)) : fromSimdjson(r, e);
    return place(r, raw, rawLength, unescaped, node);
}

bool Reader::Impl::key(Reader& r, ondemand::field& field, Node& node)
{
    const char* raw = reinterpret_cast<const char*>(field.key().raw());
    position = raw;
    // The key's closing quote: the first '"' not escaped by an odd run of backslashes.
    const char* end = raw;
    const char* limit = buffer.data() + buffer.size();
    bool escaped = false;
    while (end < limit && *end != '"')
    {
        escaped = escaped || *end == '\\';
        end += *end == '\\' ? 2 : 1;
    }
    if (end >= limit)
        return r.fail("unterminated string");
    const std::size_t rawLength = static_cast<std::size_t>(end - raw);
    if (!escaped)
        return place(r, raw, rawLength, std::string_view(raw, rawLength), node);
    std::string_view unescaped;
    if (auto e = field.unescaped_key().get(unescaped))
        return e == simdjson::STRING_ERROR ? r.fail(describeBadEscape(raw, rawLength)) : fromSimdjson(r, e);
    return place(r, raw, rawLength, unescaped, node);
}

template <typename V>
bool Reader::Impl::value(Reader& r, V& v, Tape& tape, std::size_t depth)
{
    const std::uint32_t index = static_cast<std::uint32_t>(tape.nodes.size());
    tape.nodes.emplace_back();
    ondemand::json_type type;
    if (auto e = v.type().get(type))
        return fromSimdjson(r, e);
    const std::string_view token = tokenOf(v);
    if (!token.empty())
        position = token.data();
    switch (type)
    {
    case ondemand::json_type::object:
    case ondemand::json_type::array:
    {
        if (depth + 1 > limits.maxDepth)
            return r.fail("nesting deeper than the limit of " + std::to_string(limits.maxDepth));
        std::uint32_t count = 0;
        if (type == ondemand::json_type::object)
        {
            ondemand::object object;
            if (auto e = v.get_object().get(object))
                return fromSimdjson(r, e);
            for (auto member : object)
            {
                ondemand::field field;
                if (auto e = std::move(member).get(field))
                    return fromSimdjson(r, e);
                Node keyNode;
                if (!key(r, field, keyNode))
                    return false;
                keyNode.end = static_cast<std::uint32_t>(tape.nodes.size() + 1);
                tape.nodes.push_back(keyNode);
                if (!value(r, field.value(), tape, depth + 1))
                    return false;
                ++count;
            }
        }
        else
        {
            ondemand::array array;
            if (auto e = v.get_array().get(array))
                return fromSimdjson(r, e);
            for (auto element : array)
            {
                ondemand::value item;
                if (auto e = std::move(element).get(item))
                    return fromSimdjson(r, e);
                if (!value(r, item, tape, depth + 1))
                    return false;
                ++count;
            }
        }
        Node& node = tape.nodes[index];
        node.kind = type == ondemand::json_type::object ? Kind::Object : Kind::Array;
        node.count = count;
        break;
    }
    case ondemand::json_type::string:
    {
        Node node;
        if (!string(r, v, node))
            return false;
        tape.nodes[index] = node;
        break;
    }
    case ondemand::json_type::number:
    {
        double number = 0;
        if (auto e = v.get_double().get(number))
            return fromSimdjson(r, e);
        Node& node = tape.nodes[index];
        node.kind = Kind::Number;
        node.number = number;
        node.flag = token.find_first_of(".eE") == std::string_view::npos;
        break;
    }
    case ondemand::json_type::boolean:
    {
        bool flag = false;
        if (auto e = v.get_bool().get(flag))
            return fromSimdjson(r, e);
        tape.nodes[index].kind = Kind::Bool;
        tape.nodes[index].flag = flag;
        break;
    }
    case ondemand::json_type::null:
    {
        bool isNull = false;
        if (auto e = v.is_null().get(isNull))
            return fromSimdjson(r, e);
        if (!isNull)
            return fromSimdjson(r, simdjson::N_ATOM_ERROR);
        tape.nodes[index].kind = Kind::Null;
        break;
    }
    }
    tape.nodes[index].end = static_cast<std::uint32_t>(tape.nodes.size());
    return true;
}

bool Reader::Impl::atEnd()
{
    // simdjson 3.0's document has no at_end(): a location inside the text means that
    // another token follows the root value.
    const char* here = nullptr;
    if (doc.current_location().get(here) != simdjson::SUCCESS || !here)
        return true;
    position = here;
    return false;
}

Reader::Reader(std::string& buffer, ParseLimits limits) : m_impl(std::make_unique<Impl>(buffer, limits))
{
    if (buffer.capacity() < buffer.size() + simdjson::SIMDJSON_PADDING)
        buffer.reserve(buffer.size() + simdjson::SIMDJSON_PADDING);
}

Reader::~Reader() = default;

bool Reader::fail(std::string message)
{
    if (failed())
        return false;
    const std::string& text = m_impl->buffer;
    const char* at = m_impl->position ? m_impl->position : text.data();
    at = std::clamp(at, text.data(), text.data() + text.size());
    m_error.message = std::move(message);
    m_error.offset = static_cast<std::size_t>(at - text.data());
    m_error.line = 1;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i < m_error.offset; ++i)
        if (text[i] == '\n')
        {
            ++m_error.line;
            lineStart = i + 1;
        }
    m_error.column = m_error.offset - lineStart + 1;
    return false;
}

simdjson::error_code Reader::Impl::iterate()
{
    const auto e = parser.iterate(simdjson::padded_string_view(buffer.data(), buffer.size(), buffer.capacity())).get(doc);
    iterating = e == simdjson::SUCCESS;
    return e;
}

bool Reader::readDocument(Tape& tape)
{
    tape.clear();
    tape.base = m_impl->buffer.data();
    Impl& in = *m_impl;
    if (auto e = in.iterate())
        return in.fromSimdjson(*this, e);
    if (!in.value(*this, in.doc, tape, 0))
        return false;
    return in.atEnd() || fail("unexpected content after the end of the document");
}

bool Reader::readObject(const std::function<bool(std::string_view key, Pending& value)>& member)
{
    Impl& in = *m_impl;
    if (auto e = in.iterate())
        return in.fromSimdjson(*this, e);
    ondemand::object object;
    if (auto e = in.doc.get_object().get(object))
        return in.fromSimdjson(*this, e);
    for (auto field : object)
    {
        ondemand::field f;
        if (auto e = std::move(field).get(f))
            return in.fromSimdjson(*this, e);
        Node keyNode;
        if (!in.key(*this, f, keyNode))
            return false;
        Pending pending(*this, &f.value());
        if (!member(std::string_view(in.buffer.data() + keyNode.text.offset, keyNode.text.length), pending))
            return false;
    }
    return in.atEnd() || fail("unexpected content after the end of the document");
}

Kind Pending::peekKind()
{
    auto& v = *static_cast<ondemand::value*>(m_value);
    ondemand::json_type type;
    if (v.type().get(type) != simdjson::SUCCESS)
        return Kind::Null;
    switch (type)
    {
    case ondemand::json_type::object: return Kind::Object;
    case ondemand::json_type::array: return Kind::Array;
    case ondemand::json_type::string: return Kind::String;
    case ondemand::json_type::number: return Kind::Number;
    case ondemand::json_type::boolean: return Kind::Bool;
    case ondemand::json_type::null: break;
    }
    return Kind::Null;
}

bool Pending::read(Tape& tape)
{
    tape.clear();
    tape.base = m_reader.m_impl->buffer.data();
    return m_reader.m_impl->value(m_reader, *static_cast<ondemand::value*>(m_value), tape, 0);
}

bool Pending::elements(const std::function<bool(Pending& element)>& each)
{
    Reader::Impl& in = *m_reader.m_impl;
    ondemand::array array;
    if (auto e = static_cast<ondemand::value*>(m_value)->get_array().get(array))
        return in.fromSimdjson(m_reader, e);
    for (auto element : array)
    {
        ondemand::value item;
        if (auto e = std::move(element).get(item))
            return in.fromSimdjson(m_reader, e);
        const std::string_view token = tokenOf(item);
        if (!token.empty())
            in.position = token.data();
        Pending pending(m_reader, &item);
        if (!each(pending))
            return false;
    }
    return true;
}

bool parseDocument(std::string& buffer, Tape& tape, ParseError& error, ParseLimits limits)
{
    Reader reader(buffer, limits);
    if (!reader.readDocument(tape))
    {
        error = reader.error();
        return false;
    }
    return true;
}

bool isValidUtf8(std::string_view text)
{
    return util::isValidUtf8(text);
}

}  // namespace mint::json
