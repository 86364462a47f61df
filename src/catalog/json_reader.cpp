// JSON reader: grammar, UTF-8 and limits checked in one pass; see json_reader.hpp.
#include "json_reader.hpp"

#include "util/utf8.hpp"

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
    for (auto it = begin(); it != end(); ++it)
        if (it.key() == key)
            return it.value();
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
// Parser

Parser::Parser(char* data, std::size_t size, ParseLimits limits) : m_begin(data), m_pos(data), m_end(data + size), m_limits(limits)
{
}

bool Parser::fail(std::string message)
{
    if (failed())
        return false;
    m_error.message = std::move(message);
    m_error.offset = offset();
    m_error.line = 1;
    const char* lineStart = m_begin;
    for (const char* p = m_begin; p < m_pos; ++p)
        if (*p == '\n')
        {
            ++m_error.line;
            lineStart = p + 1;
        }
    m_error.column = static_cast<std::size_t>(m_pos - lineStart) + 1;
    return false;
}

void Parser::skipWhitespace()
{
    while (m_pos < m_end && (*m_pos == ' ' || *m_pos == '\n' || *m_pos == '\r' || *m_pos == '\t'))
        ++m_pos;
}

char Parser::peek()
{
    skipWhitespace();
    return m_pos < m_end ? *m_pos : '\0';
}

bool Parser::expect(char c)
{
    if (peek() == c && m_pos < m_end)
    {
        ++m_pos;
        return true;
    }
    if (m_pos >= m_end)
        return fail(std::string("unexpected end of document, expected '") + c + "'");
    return fail(std::string("expected '") + c + "'");
}

bool Parser::accept(char c)
{
    if (m_pos < m_end && peek() == c)
    {
        ++m_pos;
        return true;
    }
    return false;
}

bool Parser::atEnd()
{
    skipWhitespace();
    return m_pos >= m_end;
}

bool Parser::parseString(std::string_view& out)
{
    if (peek() != '"')
        return fail("expected a string");
    std::uint32_t offset = 0, length = 0;
    if (!parseStringRaw(offset, length))
        return false;
    out = std::string_view(m_begin + offset, length);
    return true;
}

bool Parser::parseValue(Tape& tape)
{
    tape.clear();
    tape.base = m_begin;
    skipWhitespace();
    return parseInto(tape, 0);
}

namespace
{

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char* appendUtf8(char* out, std::uint32_t cp)
{
    if (cp < 0x80)
        *out++ = static_cast<char>(cp);
    else if (cp < 0x800)
    {
        *out++ = static_cast<char>(0xC0 | (cp >> 6));
        *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    }
    else if (cp < 0x10000)
    {
        *out++ = static_cast<char>(0xE0 | (cp >> 12));
        *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    }
    else
    {
        *out++ = static_cast<char>(0xF0 | (cp >> 18));
        *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

/// Length of the UTF-8 sequence at p (1..4), or 0 when it is not well-formed.
int utf8SequenceLength(const unsigned char* p, const unsigned char* end)
{
    const unsigned char c = p[0];
    if (c < 0x80)
        return 1;
    auto cont = [&](int i) { return p + i < end && (p[i] & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF)
        return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF)
    {
        if (!cont(1) || !cont(2))
            return 0;
        if (c == 0xE0 && p[1] < 0xA0)
            return 0;  // overlong
        if (c == 0xED && p[1] >= 0xA0)
            return 0;  // surrogate
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4)
    {
        if (!cont(1) || !cont(2) || !cont(3))
            return 0;
        if (c == 0xF0 && p[1] < 0x90)
            return 0;  // overlong
        if (c == 0xF4 && p[1] >= 0x90)
            return 0;  // above U+10FFFF
        return 4;
    }
    return 0;
}

}  // namespace

bool isValidUtf8(std::string_view text)
{
    auto p = reinterpret_cast<const unsigned char*>(text.data());
    auto end = p + text.size();
    while (p < end)
    {
        int n = utf8SequenceLength(p, end);
        if (n == 0)
            return false;
        p += n;
    }
    return true;
}

bool Parser::parseStringRaw(std::uint32_t& offset, std::uint32_t& length)
{
    ++m_pos;  // opening quote
    char* out = m_pos;
    const char* start = m_pos;
    offset = static_cast<std::uint32_t>(m_pos - m_begin);
    while (true)
    {
        // Fast path: plain ASCII runs without escapes.
        char* in = m_pos;
        while (in < m_end)
        {
            const unsigned char c = static_cast<unsigned char>(*in);
            if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80)
                break;
            ++in;
        }
        const std::size_t run = static_cast<std::size_t>(in - m_pos);
        if (out != m_pos && run)
            std::memmove(out, m_pos, run);
        out += run;
        m_pos = in;
        if (m_pos >= m_end)
            return fail("unterminated string");
        const unsigned char c = static_cast<unsigned char>(*m_pos);
        if (c == '"')
        {
            ++m_pos;
            break;
        }
        if (c < 0x20)
            return fail("control character in string (must be escaped)");
        if (c >= 0x80)
        {
            int n = utf8SequenceLength(reinterpret_cast<const unsigned char*>(m_pos), reinterpret_cast<const unsigned char*>(m_end));
            if (n == 0)
                return fail("invalid UTF-8 in string");
            if (out != m_pos)
                std::memmove(out, m_pos, static_cast<std::size_t>(n));
            out += n;
            m_pos += n;
            continue;
        }
        // Escape sequence.
        if (m_pos + 1 >= m_end)
            return fail("unterminated escape sequence");
        const char e = m_pos[1];
        m_pos += 2;
        switch (e)
        {
        case '"': *out++ = '"'; break;
        case '\\': *out++ = '\\'; break;
        case '/': *out++ = '/'; break;
        case 'b': *out++ = '\b'; break;
        case 'f': *out++ = '\f'; break;
        case 'n': *out++ = '\n'; break;
        case 'r': *out++ = '\r'; break;
        case 't': *out++ = '\t'; break;
        case 'u':
        {
            auto readHex4 = [&](std::uint32_t& cp)
            {
                if (m_end - m_pos < 4)
                    return false;
                cp = 0;
                for (int i = 0; i < 4; ++i)
                {
                    int h = hexValue(m_pos[i]);
                    if (h < 0)
                        return false;
                    cp = cp * 16 + static_cast<std::uint32_t>(h);
                }
                m_pos += 4;
                return true;
            };
            std::uint32_t cp = 0;
            if (!readHex4(cp))
                return fail("invalid \\u escape");
            if (cp >= 0xD800 && cp <= 0xDBFF)
            {
                std::uint32_t low = 0;
                if (m_end - m_pos < 2 || m_pos[0] != '\\' || m_pos[1] != 'u')
                    return fail("unpaired UTF-16 surrogate in \\u escape");
                m_pos += 2;
                if (!readHex4(low) || low < 0xDC00 || low > 0xDFFF)
                    return fail("unpaired UTF-16 surrogate in \\u escape");
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            }
            else if (cp >= 0xDC00 && cp <= 0xDFFF)
                return fail("unpaired UTF-16 surrogate in \\u escape");
            if (cp == 0)
                return fail("NUL character (\\u0000) in string");
            out = appendUtf8(out, cp);
            break;
        }
        default:
        {
            const auto b = static_cast<unsigned char>(e);
            char shown[8];
            std::snprintf(shown, sizeof shown, b >= 0x20 && b < 0x7F ? "%c" : "0x%02X", b);
            return fail(std::string("invalid escape '\\") + shown + "'");
        }
        }
    }
    length = static_cast<std::uint32_t>(out - start);
    if (length > m_limits.maxStringBytes)
    {
        return fail("string of " + std::to_string(length) + " bytes is longer than the limit of " +
                    std::to_string(m_limits.maxStringBytes));
    }
    return true;
}

bool Parser::parseNumber(Node& node)
{
    const char* start = m_pos;
    const char* p = m_pos;
    bool integer = true;
    if (p < m_end && *p == '-')
        ++p;
    if (p >= m_end)
        return fail("invalid number");
    if (*p == '0')
        ++p;
    else if (*p >= '1' && *p <= '9')
        while (p < m_end && *p >= '0' && *p <= '9')
            ++p;
    else
        return fail("invalid number");
    if (p < m_end && *p == '.')
    {
        integer = false;
        ++p;
        if (p >= m_end || *p < '0' || *p > '9')
            return fail("invalid number: digits expected after '.'");
        while (p < m_end && *p >= '0' && *p <= '9')
            ++p;
    }
    if (p < m_end && (*p == 'e' || *p == 'E'))
    {
        integer = false;
        ++p;
        if (p < m_end && (*p == '+' || *p == '-'))
            ++p;
        if (p >= m_end || *p < '0' || *p > '9')
            return fail("invalid number: digits expected in exponent");
        while (p < m_end && *p >= '0' && *p <= '9')
            ++p;
    }
    double value = 0;
    auto res = std::from_chars(start, p, value);
    if (res.ec != std::errc() || res.ptr != p)
        return fail("number out of range");
    node.kind = Kind::Number;
    node.number = value;
    node.flag = integer;
    m_pos = const_cast<char*>(p);
    return true;
}

bool Parser::parseInto(Tape& tape, std::size_t depth)
{
    if (m_pos >= m_end)
        return fail("unexpected end of document, expected a value");
    const std::uint32_t index = static_cast<std::uint32_t>(tape.nodes.size());
    tape.nodes.emplace_back();
    const char c = *m_pos;
    switch (c)
    {
    case '{':
    case '[':
    {
        if (depth + 1 > m_limits.maxDepth)
            return fail("nesting deeper than the limit of " + std::to_string(m_limits.maxDepth));
        const bool object = c == '{';
        ++m_pos;
        std::uint32_t count = 0;
        if (!accept(object ? '}' : ']'))
        {
            do
            {
                skipWhitespace();
                if (object)
                {
                    if (m_pos >= m_end || *m_pos != '"')
                        return fail(m_pos >= m_end ? "unexpected end of document in object" : "expected a member name in quotes");
                    Node key;
                    key.kind = Kind::String;
                    if (!parseStringRaw(key.text.offset, key.text.length))
                        return false;
                    key.end = static_cast<std::uint32_t>(tape.nodes.size() + 1);
                    tape.nodes.push_back(key);
                    if (!expect(':'))
                        return false;
                    skipWhitespace();
                }
                if (!parseInto(tape, depth + 1))
                    return false;
                ++count;
            } while (accept(','));
            if (!expect(object ? '}' : ']'))
                return false;
        }
        Node& node = tape.nodes[index];
        node.kind = object ? Kind::Object : Kind::Array;
        node.count = count;
        break;
    }
    case '"':
    {
        std::uint32_t offset = 0, length = 0;
        if (!parseStringRaw(offset, length))
            return false;
        Node& node = tape.nodes[index];
        node.kind = Kind::String;
        node.text.offset = offset;
        node.text.length = length;
        break;
    }
    case 't':
    case 'f':
    case 'n':
    {
        const char* word = c == 't' ? "true" : c == 'f' ? "false" : "null";
        const std::size_t len = std::strlen(word);
        if (static_cast<std::size_t>(m_end - m_pos) < len || std::memcmp(m_pos, word, len) != 0)
            return fail("invalid literal");
        m_pos += len;
        Node& node = tape.nodes[index];
        node.kind = c == 'n' ? Kind::Null : Kind::Bool;
        node.flag = c == 't';
        break;
    }
    default:
        if (c == '-' || (c >= '0' && c <= '9'))
        {
            Node number;
            if (!parseNumber(number))
                return false;
            tape.nodes[index] = number;
            break;
        }
        return fail(std::string("unexpected character '") +
                    (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x80 ? '?' : c) + "'");
    }
    tape.nodes[index].end = static_cast<std::uint32_t>(tape.nodes.size());
    return true;
}

bool parseDocument(std::string& buffer, Tape& tape, ParseError& error, ParseLimits limits)
{
    Parser parser(buffer.data(), buffer.size(), limits);
    if (!parser.parseValue(tape) || (!parser.atEnd() && !parser.fail("unexpected content after the end of the document")))
    {
        error = parser.error();
        return false;
    }
    return true;
}

}  // namespace mint::json
