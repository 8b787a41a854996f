#include <breakeven/text.hpp>

#include <catch2/catch.hpp>

using namespace breakeven;

TEST_CASE("parse_count, the ways people write traffic") {
  CHECK(parse_count("42") == 42);
  CHECK(parse_count("3M") == 3e6);
  CHECK(parse_count("2.5B") == 2.5e9);
  CHECK(parse_count("750k") == 750e3);
  CHECK(parse_count("1e9") == 1e9);
  CHECK(parse_count("1_000_000") == 1e6);
  CHECK(parse_count("-5") == -5);
  CHECK_FALSE(parse_count("abc"));
  CHECK_FALSE(parse_count(""));
  CHECK_FALSE(parse_count("3MM"));
  CHECK_FALSE(parse_count("_1"));
  CHECK_FALSE(parse_count("nan"));
  CHECK_FALSE(parse_count("inf"));
}
