// The fast JSON parser (src/json_parse.hpp) against nlohmann::json::parse: whatever it takes it
// reads exactly as nlohmann does, value and type, and whatever nlohmann refuses it refuses, so
// that nlohmann still words every error.

#include "../src/json_parse.hpp"

#include <breakeven/error.hpp>
#include <breakeven/rate_table.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using breakeven::detail::parse_json_fast;

namespace {

// Same type at every depth (dump() alone does not tell unsigned 1 from signed 1).
bool same_types(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.type() != b.type() || a.size() != b.size()) {
    return false;
  }
  if (a.is_array()) {
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!same_types(a[i], b[i])) {
        return false;
      }
    }
  } else if (a.is_object()) {
    for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j) {
      if (i.key() != j.key() || !same_types(*i, *j)) {
        return false;
      }
    }
  }
  return true;
}

// The fast parser takes `text` and gives what nlohmann gives.
void check_same(const std::string& text) {
  INFO(text);
  auto fast = parse_json_fast(text);
  REQUIRE(fast);
  auto expected = nlohmann::json::parse(text);
  CHECK(same_types(*fast, expected));
  CHECK(fast->dump() == expected.dump());
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST_CASE("the fast JSON parser reads values exactly as nlohmann does") {
  const char* const inputs[] = {
      // integers: unsigned without a minus, signed with one, a double once out of 64 bits
      "0", "-0", "1", "-1", "42", "18446744073709551615", "18446744073709551616", "9223372036854775807",
      "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "123456789012345678901234567890",
      "-123456789012345678901234567890",
      // doubles: fractions and exponents, the extremes, halfway cases, negative zero
      "0.0", "-0.0", "-0e0", "0e999", "1.5", "-2.25", "0.1", "1e308", "1.7976931348623157e308", "5e-324", "4.9e-324",
      "2.2250738585072014e-308", "2.2250738585072011e-308", "1E5", "1e+5", "1e-5", "1.5E-2", "9007199254740993",
      "9007199254740993.0", "1.00000000000000011102230246251565404236316680908203125", "0.30000000000000004",
      "123456789012345678901234567890.5e-10",
      // literals and strings with every short escape
      "true", "false", "null", R"("")", R"("plain")", R"("q\" b\\ s\/ \b\f\n\r\t end")", R"("\\\\")",
      // containers, empty and nested
      "[]", "{}", "[[]]", "[{}]", R"({"a":{}})", "[[[[[]]]]]", R"({"a":[{"b":[[],{}]}]})",
      R"([1, "x", true, false, null, {"k": -0.0}, [0.5]])",
      // a key given twice keeps the last value, whatever the types
      R"({"a":1,"a":2})", R"({"a":[1,2],"b":0,"a":{"c":null}})", R"({"a":{"x":1},"a":"s"})",
      // keys out of order come back sorted, as nlohmann stores them
      R"({"b":1,"a":2,"c":3})",
      // JSON's four whitespace characters anywhere between tokens
      " \t\r\n[ 1 ,\t2\r,\n3 ] \n", "{ \"a\" : 1 , \"b\" :\n[ ] }", "\n\n7\n"};
  for (const char* input : inputs) {
    check_same(input);
  }
}

TEST_CASE("the fast JSON parser refuses whatever nlohmann refuses") {
  // (A float out of range is an out_of_range error, the others parse errors.)
  const char* const inputs[] = {// nothing, numbers JSON does not allow, floats out of range
                                "", " ", "\n\t", "01", "-01", "00", "-", "+1", "1.", ".5", "1e", "1e+", "1.e5", "-.5",
                                "0x10", "1e309", "-1e309", "1e999", "NaN", "Infinity", "-Infinity",
                                // misspelt literals, bad strings
                                "tru", "truex", "nul", "True", "'single'", "\"abc", "\"\\\"", "\"a\\x\"", "\"\\u12\"",
                                "\"\\uD800\"", "\"\\uDC00\"", "\"tab\there\"", "\"nl\nhere\"",
                                // broken containers, text after the value, comments, whitespace JSON does not have
                                "1 2", "[1,]", "[,1]", "[1 2]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{\"a\"}", "{1:2}",
                                "[", "]", "{", "}", "[1", "{\"a\":1", "[1]x", "[1] ]", "[1]//", "/* c */ 1", "\f1",
                                "1\v"};
  for (const char* input : inputs) {
    INFO(input);
    CHECK_THROWS_AS(nlohmann::json::parse(input), nlohmann::json::exception);
    CHECK_FALSE(parse_json_fast(input));
  }
  // Invalid UTF-8 and stray NULs.
  for (std::string input : {std::string("\"\xff\""), std::string("\"\xc3\""), std::string("\"a\0b\"", 5),
                            std::string("\"\xed\xa0\x80\""), std::string("\xef\xbb[]")}) {
    INFO(input);
    CHECK_THROWS_AS(nlohmann::json::parse(input), nlohmann::json::exception);
    CHECK_FALSE(parse_json_fast(input));
  }
}

TEST_CASE("the fast JSON parser leaves to nlohmann what it is unsure of") {
  // Valid JSON that nlohmann takes and the fast parser hands back to it: UTF-8 (nlohmann checks
  // it), \u escapes (surrogate pairs), doubles that underflow to 0, a byte order mark, and text
  // after a NUL (nlohmann stops reading there).
  for (std::string input :
       {std::string("\"caf\xc3\xa9\""), std::string(R"("\u00e9")"), std::string(R"("\ud83d\ude00")"),
        std::string(R"("\u0000")"), std::string("1e-400"), std::string("-1e-400"),
        std::string("2.4703282292062327e-324"), std::string("\xef\xbb\xbf[1]"), std::string("[1]\0garbage", 11)}) {
    INFO(input);
    CHECK_NOTHROW(nlohmann::json::parse(input));
    CHECK_FALSE(parse_json_fast(input));
  }
}

TEST_CASE("the fast JSON parser reads every bundled table and example file as nlohmann does") {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(BREAKEVEN_SOURCE_DIR) / "pricing")) {
    if (entry.path().extension() == ".json") {
      files.push_back(entry.path());
    }
  }
  REQUIRE(files.size() >= 7);
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(BREAKEVEN_SOURCE_DIR) / "examples")) {
    if (entry.path().extension() == ".json") {
      files.push_back(entry.path());
    }
  }
  for (const auto& file : files) {
    INFO(file.string());
    check_same(read_file(file));
  }
}

TEST_CASE("a malformed file still gets nlohmann's message, located") {
  using breakeven::parse_rate_table;
  REQUIRE_THROWS_WITH(
      parse_rate_table("{\"schema_version\": 1,}", "acme.json"),
      "acme.json: line 1, column 22: malformed JSON: syntax error while parsing object key - unexpected "
      "'}'; expected string literal");
  REQUIRE_THROWS_WITH(parse_rate_table("{\"schema_version\": 01}", "acme.json"),
                      "acme.json: line 1, column 21: malformed JSON: syntax error while parsing object - unexpected "
                      "number literal; expected '}'");
  REQUIRE_THROWS_WITH(parse_rate_table("{\"schema_version\": 1e999}", "acme.json"),
                      "acme.json: malformed JSON: number overflow parsing '1e999'");
  REQUIRE_THROWS_WITH(parse_rate_table("{\"provider\": \"\\uDC00\"}", "acme.json"),
                      "acme.json: line 1, column 20: malformed JSON: syntax error while parsing value - invalid "
                      "string: surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF; last read: '\"\\uDC00'");
}
