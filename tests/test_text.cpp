#include <breakeven/text.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

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

TEST_CASE("format_percent, shares for people") {
  CHECK(format_percent(0.437) == "43.7%");
  CHECK(format_percent(0.0437) == "4.37%");
  CHECK(format_percent(0.00437) == "0.437%");
  CHECK(format_percent(0.0000123) == "0.00123%");
  CHECK(format_percent(0.0996) == "9.96%");
  CHECK(format_percent(0.09996) == "10.0%");
  CHECK(format_percent(0.00996) == "0.996%");
  CHECK(format_percent(0.99949) == "99.9%");
  CHECK(format_percent(0.9996) == "100%");
  CHECK(format_percent(1) == "100%");
  CHECK(format_percent(12.5) == "1,250%");
  CHECK(format_percent(0) == "0%");
  CHECK(format_percent(std::numeric_limits<double>::quiet_NaN()) == "n/a");
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
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("abc", "") == 3);
}

TEST_CASE("edit_distance, two neighbours swapped are one edit") {
  CHECK(edit_distance("comapre", "compare") == 1);
  CHECK(edit_distance("duraiton-ms", "duration-ms") == 1);
  CHECK(edit_distance("ab", "ba") == 1);
  CHECK(edit_distance("abc", "ca") == 3); // optimal string alignment: no edit inside a swapped pair
  CHECK(edit_distance("compare", "compare") == 0);
}

TEST_CASE("xml_escape, for SVG and JUnit") {
  CHECK(xml_escape("a < b & \"c\" > d") == "a &lt; b &amp; &quot;c&quot; &gt; d");
  CHECK(xml_escape("plain") == "plain");
}

TEST_CASE("parse_count, zero and overflow") {
  CHECK(parse_count("-0") == 0);
  CHECK_FALSE(std::signbit(*parse_count("-0"))); // "-0" is zero, never printed as "-0"
  CHECK_FALSE(parse_count("1e308T"));            // finite digits, infinite count
}

TEST_CASE("format_count, extremes") {
  CHECK(format_count(-0.0) == "0");
  CHECK(format_count(1e13) == "10T");
  CHECK(format_count(1e30) == "1e30"); // as --requests takes it
  CHECK(format_count(2.5e15) == "2.5e15");
  CHECK(format_count(std::numeric_limits<double>::infinity()) == "n/a");
  CHECK(format_count(std::nan("")) == "n/a");
}

TEST_CASE("format_number, a number as the user would type it back") {
  CHECK(format_number(1e20) == "1e20");
  CHECK(format_number(0.7) == "0.7");
  CHECK(format_number(3000000) == "3000000");
  CHECK(format_number(1.5e-7) == "1.5e-07");
  CHECK(parse_count(format_number(1e20)) == 1e20);
}

TEST_CASE("is_printable_ascii: the text escape_controls keeps as it is") {
  CHECK(is_printable_ascii(""));
  CHECK(is_printable_ascii("aws.lambda.arm $1,234.50 ~"));
  using namespace std::string_view_literals;
  for (std::string_view other : {"tab\t"sv, "del\x7f"sv, "esc\x1b[31m"sv, "caf\xc3\xa9"sv, "\x9b"sv, "nul\0x"sv}) {
    CHECK_FALSE(is_printable_ascii(other));
  }
}

TEST_CASE("split: every part between separators, empty ones too") {
  using Parts = std::vector<std::string_view>;
  CHECK(split("4h@500,20h@5", ',') == Parts{"4h@500", "20h@5"});
  CHECK(split("a,,b,", ',') == Parts{"a", "", "b", ""});
  CHECK(split("", ',') == Parts{""});
  CHECK(split("one", ',') == Parts{"one"});
}

TEST_CASE("escape_controls, what reaches a terminal") {
  CHECK(escape_controls("aws.lambda.arm") == "aws.lambda.arm");
  CHECK(escape_controls("evil\x1b[31mred") == "evil\\x1b[31mred");
  CHECK(escape_controls("a\tb\nc\rd\x7f") == "a\\x09b\\x0ac\\x0dd\\x7f");
  CHECK(escape_controls("\xc2\x9b"
                        "2J") == "\\u009b2J");        // C1 CSI, UTF-8 encoded
  CHECK(escape_controls("\xff\x9b") == "\\xff\\x9b"); // not UTF-8
  CHECK(escape_controls("caf\xc3\xa9 \xe2\x9c\x85 back\\slash") == "caf\xc3\xa9 \xe2\x9c\x85 back\\slash");
  CHECK(escape_controls("\xe2\x9c") == "\\xe2\\x9c"); // cut off
}

TEST_CASE("xml_escape, characters XML cannot hold") {
  CHECK(xml_escape("a\x1b[31m") == "a\xef\xbf\xbd[31m");
  CHECK(xml_escape("tab\tline\n") == "tab\tline\n");
  CHECK(xml_escape("\xff") == "\xef\xbf\xbd");
  CHECK(xml_escape("caf\xc3\xa9") == "caf\xc3\xa9");
}

namespace {
std::string figure(double value) {
  char text[k_figure_chars];
  return {text, format_figure(value, text)};
}
} // namespace

TEST_CASE("format_fixed, the same text as fmt's {:.Nf}") {
  auto same = [](double value, int decimals) {
    INFO(fmt::format("{:.17g} to {} decimals", value, decimals));
    REQUIRE(format_fixed(value, decimals) == fmt::format("{:.{}f}", value, decimals));
  };
  SECTION("written out") {
    CHECK(format_fixed(2.675, 2) == "2.67"); // the double is just below 2.675
    CHECK(format_fixed(0.125, 2) == "0.12"); // a tie: half to even
    CHECK(format_fixed(0.375, 2) == "0.38");
    CHECK(format_fixed(2.5, 0) == "2");
    CHECK(format_fixed(3.5, 0) == "4");
    CHECK(format_fixed(-0.001, 2) == "-0.00");
    CHECK(format_fixed(1234.5678, 0) == "1235");
    CHECK(format_fixed(0.000123, 6) == "0.000123");
    CHECK(format_fixed(9.9999, 2) == "10.00");
  }
  SECTION("halves, powers of ten and their neighbours, every decimals from 0 to 30") {
    for (int decimals = 0; decimals <= 30; ++decimals) {
      for (int e = -30; e <= 25; ++e) {
        double power = std::pow(10.0, e);
        for (double digits : {1.0, 1.5, 2.5, 9.5, 9.995, 9.9949999, 1.005, 1.23456789012345, 5.0}) {
          for (double v : {digits * power, -digits * power}) {
            same(v, decimals);
            same(std::nextafter(v, 0.0), decimals);
            same(std::nextafter(v, 1e300), decimals);
          }
        }
      }
      for (int e = -80; e <= 70; ++e) {
        same(std::ldexp(1.0, e), decimals);
        same(std::ldexp(3.0, e), decimals);
        same(std::ldexp(12345.0, e), decimals);
      }
    }
  }
  SECTION("zero, extremes and random doubles") {
    for (int decimals : {0, 1, 2, 3, 6, 11}) {
      same(0.0, decimals);
      same(-0.0, decimals);
      same(std::numeric_limits<double>::denorm_min(), decimals);
      same(std::numeric_limits<double>::max(), decimals);
      same(9223372036854775807.0, decimals);
      same(9223372036854774784.0, decimals); // the last double below 2^63
    }
    std::mt19937_64 random(27);
    std::uniform_real_distribution<double> exponent(-12, 16);
    std::uniform_real_distribution<double> unit(0, 1);
    std::uniform_int_distribution<int> decimals(0, 12);
    for (int i = 0; i < 300000; ++i) {
      same(std::pow(10.0, exponent(random)), decimals(random));
      same(-std::pow(10.0, exponent(random)) * unit(random), decimals(random));
      same(std::round(unit(random) * 1e6) / 1e4, decimals(random)); // cents and fractions of them
      same(std::bit_cast<double>(random() >> 2), decimals(random)); // any positive bit pattern
    }
  }
}

TEST_CASE("format_count, format_percent and format_duration_ms write what fmt's formats wrote") {
  // The definitions before format_fixed and the compiled significant digits, as the oracle.
  auto count_by_fmt = [](double count) -> std::string {
    if (count == 0) {
      return "0";
    }
    if (std::fabs(count) >= 1e15) {
      std::string text = fmt::format("{:.4g}", count);
      if (auto plus = text.find("e+"); plus != std::string::npos) {
        text.erase(plus + 1, 1);
      }
      return text;
    }
    for (auto [size, suffix] : {std::pair{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}}) {
      if (std::fabs(count) >= size) {
        return fmt::format("{:.4g}{}", count / size, suffix);
      }
    }
    return fmt::format("{:.4g}", count);
  };
  auto percent_by_fmt = [](double share) -> std::string {
    double percent = share * 100.0;
    double magnitude = std::fabs(percent);
    if (percent == 0) {
      return "0%";
    }
    if (magnitude >= 1e15 || magnitude < 1e-6) {
      return fmt::format("{:.2g}%", percent);
    }
    if (magnitude >= 99.95) {
      return fmt::format("{}{}%", percent < 0 ? "-" : "", group_digits(fmt::format("{:.0f}", magnitude)));
    }
    double rounded = std::stod(fmt::format("{:.3g}", percent));
    int decimals = std::max(0, 2 - static_cast<int>(std::floor(std::log10(std::fabs(rounded)))));
    return fmt::format("{:.{}f}%", rounded, decimals);
  };
  auto duration_by_fmt = [](double ms) -> std::string {
    if (ms >= 60'000) {
      return fmt::format("{:.4g} min", ms / 60'000);
    }
    if (ms >= 1'000) {
      return fmt::format("{:.4g} s", ms / 1'000);
    }
    return fmt::format("{:.4g} ms", ms);
  };
  auto same = [&](double value) {
    INFO(fmt::format("{:.17g}", value));
    REQUIRE(format_count(value) == count_by_fmt(value));
    REQUIRE(format_percent(value) == percent_by_fmt(value));
    REQUIRE(format_duration_ms(value) == duration_by_fmt(value));
  };
  for (int e = -12; e <= 20; ++e) {
    double power = std::pow(10.0, e);
    for (double digits : {1.0, 1.5, 2.5, 9.995, 9.9995, 9.99949999, 1.0005, 1.2345, 1.2355, 5.0, 99.95, 999.95}) {
      for (double v : {digits * power, -digits * power}) {
        same(v);
        same(std::nextafter(v, 0.0));
        same(std::nextafter(v, 1e300));
      }
    }
  }
  std::mt19937_64 random(31);
  std::uniform_real_distribution<double> exponent(-10, 17);
  std::uniform_real_distribution<double> unit(0, 1);
  for (int i = 0; i < 200000; ++i) {
    same(std::pow(10.0, exponent(random)));
    same(-std::pow(10.0, exponent(random)) * unit(random));
    same(std::round(unit(random) * 1e7) / 1e4);
  }
}

TEST_CASE("format_figure, the same text as fmt's {:.12g}") {
  auto same = [](double value) {
    INFO(fmt::format("{:.17g}", value));
    REQUIRE(figure(value) == fmt::format("{:.12g}", value));
  };
  SECTION("written out") {
    CHECK(figure(260.33639963812) == "260.336399638");
    CHECK(figure(0.000380517503805) == "0.000380517503805");
    CHECK(figure(1e-5) == "1e-05");
    CHECK(figure(1e12) == "1e+12");
    CHECK(figure(123456789012.5) == "123456789012"); // a tie: half to even
    CHECK(figure(100000000001.5) == "100000000002");
    CHECK(figure(3.814697265625e-06) == "3.81469726562e-06"); // 2^-18, a tie
    CHECK(figure(999999999999.5) == "1e+12");
    CHECK(figure(-0.0) == "-0");
    CHECK(figure(0.0) == "0");
  }
  SECTION("powers of ten and their neighbours, 10^-30 to 10^30") {
    for (int e = -30; e <= 30; ++e) {
      double power = std::pow(10.0, e);
      same(power);
      same(-power);
      same(std::nextafter(power, 0.0));
      same(std::nextafter(power, 1e300));
      for (double digits : {1.5, 2.5, 9.5, 9.9999999999949, 9.99999999999951, 9.999999999995, 1.00000000000049,
                            1.0000000000005, 1.23456789012345, 5.0}) {
        same(digits * power);
        same(std::nextafter(digits * power, 0.0));
        same(std::nextafter(digits * power, 1e300));
      }
    }
  }
  SECTION("halves: whole numbers and small powers of two") {
    for (double whole = 1e11; whole < 1e11 + 64; whole += 1) {
      same(whole + 0.5);
      same(whole * 9 + 0.5);
    }
    for (int e = -80; e <= 60; ++e) {
      same(std::ldexp(1.0, e));
      same(std::ldexp(3.0, e));
      same(std::ldexp(12345.0, e));
    }
  }
  SECTION("subnormal, extreme and random doubles") {
    same(std::numeric_limits<double>::denorm_min());
    same(std::numeric_limits<double>::min());
    same(std::numeric_limits<double>::max());
    same(std::numeric_limits<double>::lowest());
    std::mt19937_64 random(12);
    std::uniform_real_distribution<double> exponent(-25, 17);
    std::uniform_real_distribution<double> unit(0, 1);
    for (int i = 0; i < 300000; ++i) {
      same(std::pow(10.0, exponent(random)));
      same(-std::pow(10.0, exponent(random)) * unit(random));
      same(std::round(unit(random) * 1e6) / 1e4); // cents and fractions of them
      same(std::bit_cast<double>(random()));      // any finite bit pattern
    }
  }
}
