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

TEST_CASE("format_count, compact counts for people") {
  CHECK(format_count(50e6) == "50M");
  CHECK(format_count(2.5e9) == "2.5B");
  CHECK(format_count(6e9) == "6B");
  CHECK(format_count(950) == "950");
  CHECK(format_count(1500) == "1.5k");
}

TEST_CASE("glob_match, offering selection patterns") {
  CHECK(glob_match("aws.*", "aws.lambda.arm"));
  CHECK(glob_match("*.lambda.*", "aws.lambda.x86"));
  CHECK(glob_match("aws.ec2.m7?.large", "aws.ec2.m7g.large"));
  CHECK_FALSE(glob_match("aws.*", "gcp.cloudrun"));
  CHECK_FALSE(glob_match("*.lambda", "aws.lambda.arm"));
  CHECK(glob_match("*", ""));
}

TEST_CASE("closest_match, did-you-mean for typos only") {
  std::vector<std::string> ids{"aws.lambda.arm", "aws.lambda.x86", "gcp.cloudrun"};
  CHECK(closest_match("aws.lamda.arm", ids) == "aws.lambda.arm");
  CHECK(closest_match("gcp.cloudrum", ids) == "gcp.cloudrun");
  CHECK_FALSE(closest_match("azure.vm.b2s", ids));
  CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("xml_escape, for SVG and JUnit") {
  CHECK(xml_escape("a < b & \"c\" > d") == "a &lt; b &amp; &quot;c&quot; &gt; d");
  CHECK(xml_escape("plain") == "plain");
}
