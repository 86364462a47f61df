// JSON for catalogue feeds: simdjson's On-Demand API reads the document (libsimdjson-dev,
// fuzzed upstream; grammar, UTF-8, escapes and numbers are its job), and this layer turns
// one value at a time into a flat "tape" of 16-byte nodes whose strings are views into
// the caller's buffer: a string without escapes is used where it stands, an escaped one
// is unescaped by simdjson and written back over its own bytes (never longer). So a feed
// is read offer by offer with one reused scratch tape and no copy of its text, and errors
// keep byte offset, line and column.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mint::json
{

enum class Kind : std::uint8_t
{
    Null,
    Bool,
    Number,
    String,
    Array,
    Object
};

const char* kindName(Kind kind);

struct Node
{
    Kind kind = Kind::Null;
    bool flag = false;      ///< Bool: the value; Number: true when written as an integer
    std::uint32_t end = 0;  ///< tape index one past this node's subtree
    union
    {
        struct
        {
            std::uint32_t offset;  ///< String: byte offset into the buffer
            std::uint32_t length;  ///< String: length in bytes (after unescaping)
        } text;
        std::uint32_t count;  ///< Array: elements, Object: members
        double number;
    };
    Node() : text{0, 0} {}
};
static_assert(sizeof(Node) == 16, "tape nodes stay small");

/// The nodes of one parsed value. Strings point into the parser's buffer.
struct Tape
{
    std::vector<Node> nodes;
    const char* base = nullptr;
    void clear() { nodes.clear(); }
};

/// A cheap handle to one node of a tape; an invalid Value stands for "absent".
class Value
{
public:
    Value() = default;
    Value(const Tape* tape, std::uint32_t index) : m_tape(tape), m_index(index) {}

    bool valid() const { return m_tape != nullptr; }
    explicit operator bool() const { return valid(); }
    Kind kind() const { return node().kind; }
    bool is(Kind k) const { return valid() && node().kind == k; }
    bool isNull() const { return is(Kind::Null); }
    bool isString() const { return is(Kind::String); }
    bool isNumber() const { return is(Kind::Number); }
    bool isInteger() const { return is(Kind::Number) && node().flag; }
    bool isBool() const { return is(Kind::Bool); }
    bool isArray() const { return is(Kind::Array); }
    bool isObject() const { return is(Kind::Object); }

    std::string_view str() const
    {
        const Node& n = node();
        return {m_tape->base + n.text.offset, n.text.length};
    }
    double number() const { return node().number; }
    bool boolean() const { return node().flag; }
    std::uint32_t size() const { return node().count; }  ///< array elements / object members

    /// Object member by key, or an invalid Value.
    Value operator[](std::string_view key) const;

    /// Iterates children: for arrays each element, for objects each value (with key()).
    class Iterator
    {
    public:
        Iterator(const Tape* tape, std::uint32_t index, bool object) : m_tape(tape), m_index(index), m_object(object) {}
        bool operator!=(const Iterator& other) const { return m_index != other.m_index; }
        Iterator& operator++();
        /// For objects: the member key; for arrays: empty.
        std::string_view key() const;
        Value value() const { return {m_tape, m_object ? m_index + 1 : m_index}; }
        Iterator& operator*() { return *this; }

    private:
        const Tape* m_tape;
        std::uint32_t m_index;
        bool m_object;
    };
    Iterator begin() const;
    Iterator end() const;

    /// A short rendering for error messages: `"49,2"`, `42`, `an object`.
    std::string describe() const;

private:
    const Node& node() const { return m_tape->nodes[m_index]; }
    const Tape* m_tape = nullptr;
    std::uint32_t m_index = 0;
};

struct ParseLimits
{
    std::size_t maxDepth = 64;              ///< nesting of arrays/objects
    std::size_t maxStringBytes = 1u << 20;  ///< one string, after unescaping
};

struct ParseError
{
    std::string message;
    std::size_t offset = 0;  ///< byte offset into the document
    std::size_t line = 0;    ///< 1-based
    std::size_t column = 0;  ///< 1-based, in bytes
    std::string toString() const;
};

class Reader;

/// A value in the document that has not been read yet: read it whole into a tape, or, when
/// it is an array, element by element (how a feed's offers are read).
class Pending
{
public:
    /// The value's kind, from its first byte (nothing is consumed).
    Kind peekKind();
    /// Reads the whole value into `tape` (cleared first). False on error (see Reader).
    bool read(Tape& tape);
    /// For an array: calls `each` with every element in turn; false on error or when
    /// `each` returns false.
    bool elements(const std::function<bool(Pending& element)>& each);

private:
    friend class Reader;
    Pending(Reader& reader, void* value) : m_reader(reader), m_value(value) {}
    Reader& m_reader;
    void* m_value;  ///< the simdjson value (kept out of this header)
};

/// One JSON document in a mutable buffer. Strings are unescaped in place, so the buffer
/// must outlive every tape filled from it. The buffer gets simdjson's padding as spare
/// capacity (reserved here when the caller did not).
class Reader
{
public:
    Reader(std::string& buffer, ParseLimits limits = {});
    ~Reader();
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;

    /// The whole document as one value; fails on anything after it.
    bool readDocument(Tape& tape);
    /// A document that must be an object, member by member; fails on anything after it.
    bool readObject(const std::function<bool(std::string_view key, Pending& value)>& member);

    bool failed() const { return !m_error.message.empty(); }
    const ParseError& error() const { return m_error; }
    /// Records an error at the reader's position (first error wins); returns false.
    bool fail(std::string message);

private:
    friend class Pending;
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    ParseError m_error;
};

/// Parses a whole document (exactly one value) into `tape`; for small inputs and tests.
bool parseDocument(std::string& buffer, Tape& tape, ParseError& error, ParseLimits limits = {});

/// True when `text` is well-formed UTF-8 (no overlongs, no surrogates).
bool isValidUtf8(std::string_view text);

}  // namespace mint::json
