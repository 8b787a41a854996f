#include "json_parse.hpp"

#include "json_reader.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <system_error>
#include <utility>

namespace breakeven::detail {

namespace {

using Json = nlohmann::json;

// The characters a string holds as they are: printable ASCII and DEL, but not `"` or `\`.
constexpr std::array<bool, 256> k_plain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c <= 0x7F; ++c) {
    plain[c] = c != '"' && c != '\\';
  }
  return plain;
}();

// Whether any of the eight characters at `at` is not plain, tested all at once ("Bit Twiddling
// Hacks", hasless): when every byte is from 0x20 to 0x7F, subtracting 0x20 from each borrows
// nothing and sets no top bit, and a byte below 0x20 sets the top bit of the lowest such byte.
// `"` and `\` are the bytes that xor to 0, below 1; a byte above 0x7F has its own top bit.
bool any_special(const char* at) {
  std::uint64_t word = 0;
  std::memcpy(&word, at, sizeof word);
  constexpr std::uint64_t k_ones = 0x0101010101010101;
  std::uint64_t quote = word ^ (k_ones * '"');
  std::uint64_t backslash = word ^ (k_ones * '\\');
  return (((word - k_ones * 0x20) | (quote - k_ones) | (backslash - k_ones) | word) & (k_ones * 0x80)) != 0;
}

// Recursive descent over the text, each value built in place in the document. Every step
// returns false on input it does not take, and the whole parse then gives up: there are no
// error messages here, since nlohmann re-reads a refused text and words its own. The rules are
// nlohmann's lexer's (nlohmann/detail/input/lexer.hpp), narrowed where that keeps this short.
class Parser {
public:
  explicit Parser(std::string_view text) : m_at(text.data()), m_end(text.data() + text.size()) {}

  // One value and nothing after it but whitespace. (nlohmann also skips a UTF-8 byte order mark
  // and stops at a NUL byte; both give up here, on a byte above 0x7F or as trailing text.)
  bool document(Json& out) {
    if (!value(out, 0)) {
      return false;
    }
    skip_whitespace();
    return m_at == m_end;
  }

private:
  const char* m_at;
  const char* m_end;

  // JSON's whitespace, and only that: no form feed or vertical tab.
  // (The loops here step a local pointer: stepping m_at itself stores it on every character.)
  void skip_whitespace() {
    const char* at = m_at;
    while (at != m_end && (*at == ' ' || *at == '\n' || *at == '\r' || *at == '\t')) {
      ++at;
    }
    m_at = at;
  }

  // Takes `c` if it is the next character (whitespace not skipped).
  bool accept(char c) {
    if (m_at != m_end && *m_at == c) {
      ++m_at;
      return true;
    }
    return false;
  }

  // Takes `c` if it is the next character after any whitespace.
  bool token(char c) {
    skip_whitespace();
    return accept(c);
  }

  // `depth` counts the arrays and objects around the value.
  bool value(Json& out, int depth) {
    skip_whitespace();
    if (m_at == m_end) {
      return false;
    }
    switch (*m_at) {
    case '[':
      return array(out, depth + 1);
    case '{':
      return object(out, depth + 1);
    case '"': {
      ++m_at;
      std::string text;
      if (!string(text)) {
        return false;
      }
      out = std::move(text);
      return true;
    }
    case 't':
      out = true;
      return literal("true");
    case 'f':
      out = false;
      return literal("false");
    case 'n':
      out = nullptr;
      return literal("null");
    default:
      return number(out);
    }
  }

  // Takes `word` (true, false or null) if the text goes on with it.
  bool literal(std::string_view word) {
    if (!std::string_view(m_at, static_cast<std::size_t>(m_end - m_at)).starts_with(word)) {
      return false;
    }
    m_at += word.size();
    return true;
  }

  // Deeper nesting than the library reads anyway (check_nesting refuses it before this runs)
  // gives up, so that a direct caller's input cannot run the recursion off the stack.
  bool array(Json& out, int depth) {
    ++m_at; // '['
    out = Json::array();
    if (depth > k_max_json_depth) {
      return false;
    }
    auto& items = out.get_ref<Json::array_t&>();
    if (token(']')) {
      return true;
    }
    do {
      if (!value(items.emplace_back(), depth)) {
        return false;
      }
    } while (token(','));
    return token(']');
  }

  // A key given twice keeps its last value, as in nlohmann (each member is `object[key] = value`).
  bool object(Json& out, int depth) {
    ++m_at; // '{'
    out = Json::object();
    if (depth > k_max_json_depth) {
      return false;
    }
    auto& members = out.get_ref<Json::object_t&>();
    if (token('}')) {
      return true;
    }
    do {
      std::string key;
      if (!token('"') || !string(key) || !token(':') || !value(members[std::move(key)], depth)) {
        return false;
      }
    } while (token(','));
    return token('}');
  }

  // A string's contents after the opening quote, up to and past the closing one, each run of
  // plain characters found eight at a time where it can be and appended whole. Only ASCII is taken: a byte above 0x7F
  // (whose UTF-8 nlohmann checks) or a `\u` escape (surrogate pairs) gives up, as does a control character unescaped.
  bool string(std::string& out) {
    const char* at = m_at;
    while (true) {
      const char* run = at;
      while (m_end - at >= 8 && !any_special(at)) {
        at += 8;
      }
      while (at != m_end && k_plain[static_cast<unsigned char>(*at)]) {
        ++at;
      }
      out.append(run, at);
      if (at == m_end) {
        return false; // no closing quote
      }
      if (*at == '"') {
        m_at = at + 1;
        return true;
      }
      if (*at != '\\' || ++at == m_end) {
        return false; // a control character or a byte above 0x7F
      }
      switch (*at) {
      case '"':
      case '\\':
      case '/':
        out += *at;
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      default:
        return false; // `\u` or not an escape
      }
      ++at;
    }
  }

  // `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, typed as nlohmann types it: an
  // integer is unsigned without a minus and signed with one (so -0 is the integer 0), an integer
  // out of 64 bits and anything with a fraction or exponent a double. std::from_chars rounds
  // correctly, as glibc's strtod (nlohmann's) does; a double out of range (overflow, which
  // nlohmann refuses, or underflow, which it reads as 0) gives up.
  bool number(Json& out) {
    const char* start = m_at;
    bool negative = accept('-');
    if (!accept('0') && digits() == 0) {
      return false;
    }
    bool integer = true;
    if (accept('.')) {
      integer = false;
      if (digits() == 0) {
        return false;
      }
    }
    if (accept('e') || accept('E')) {
      integer = false;
      if (!accept('+')) {
        accept('-');
      }
      if (digits() == 0) {
        return false;
      }
    }
    if (integer && negative) {
      std::int64_t whole = 0;
      if (std::from_chars(start, m_at, whole).ec == std::errc{}) {
        out = whole;
        return true;
      }
    } else if (integer) {
      std::uint64_t whole = 0;
      if (std::from_chars(start, m_at, whole).ec == std::errc{}) {
        out = whole;
        return true;
      }
    }
    double real = 0;
    auto [end, error] = std::from_chars(start, m_at, real);
    if (error != std::errc{} || end != m_at) {
      return false;
    }
    out = real;
    return true;
  }

  // Takes a run of decimal digits; returns how many.
  std::size_t digits() {
    const char* at = m_at;
    while (at != m_end && *at >= '0' && *at <= '9') {
      ++at;
    }
    std::size_t count = static_cast<std::size_t>(at - m_at);
    m_at = at;
    return count;
  }
};

} // namespace

std::optional<nlohmann::json> parse_json_fast(std::string_view text) {
  Json document;
  if (!Parser(text).document(document)) {
    return std::nullopt;
  }
  return document;
}

} // namespace breakeven::detail
