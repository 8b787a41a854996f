#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace breakeven {

/// Parses a count written the way people write traffic: `3M`, `2.5B`, `750k`, `1e9`,
/// `1_000_000`, `42`. Suffixes k/K, M, B/G (10^3, 10^6, 10^9) and T (10^12).
/// Returns nothing when the text is not such a count (negative counts are returned as they
/// are, for the caller to reject with its own context).
/// Example: `parse_count("2.5B") == 2.5e9`.
std::optional<double> parse_count(std::string_view text);

/// Writes a count compactly for people: 50000000 -> "50M", 2500000000 -> "2.5B", 950 -> "950";
/// from 10^15 in exponent form as a flag takes it ("1e30"); "n/a" for infinity or NaN.
std::string format_count(double count);

/// Writes a number as a user would type it back: the shortest text that reads as the same
/// double, its exponent without a plus sign: 0.7 -> "0.7", 1e20 -> "1e20", 3000000 -> "3000000".
std::string format_number(double value);

/// Writes a share as a percentage for people, to three significant digits and whole percents
/// from 100%: 0.437 -> "43.7%", 0.00437 -> "0.437%", 12.5 -> "1,250%"; "n/a" for infinity or NaN.
std::string format_percent(double share);

/// Digits grouped in threes for people: `group_digits("1234567") == "1,234,567"`.
std::string group_digits(std::string_view digits);

/// Writes a duration for people: 120 -> "120 ms", 1500 -> "1.5 s", 1200000 -> "20 min".
std::string format_duration_ms(double ms);

/// Room format_figure needs: a sign, twelve digits, a point, and an exponent ("e-308").
inline constexpr std::size_t k_figure_chars = 24;

/// Writes a finite number to twelve significant digits exactly as fmt's `{:.12g}` (and printf's
/// `%.12g`) writes it, rounding the binary value half to even, and returns the end of the text.
/// For the numbers of long CSV curves: about five times fmt's speed from 10^-21 to 10^12 (the
/// digits come from one 128-bit product), fmt itself elsewhere.
/// Example: `format_figure(260.33639963812, out)` writes "260.336399638".
char* format_figure(double value, char* out);

/// The most decimals format_fixed writes itself (fmt beyond).
inline constexpr int k_max_fixed_decimals = 24;

/// A number with `decimals` digits after the point exactly as fmt's `{:.Nf}` (and printf's
/// `%.Nf`) writes it, rounding the binary value half to even: from one 128-bit product below
/// 2^63 and up to k_max_fixed_decimals, fmt itself for the rest, zero, subnormals, infinities
/// and NaN. For the figures people read (rates, percents, whole counts) without fmt's general
/// float formatting, a fifth of a crossover's text.
/// Example: `format_fixed(2.675, 2) == "2.67"` (the double is just below 2.675).
std::string format_fixed(double value, int decimals);

/// Edit distance between two strings, counting an insertion, a deletion, a substitution or two
/// neighbours swapped as one edit (optimal string alignment), for did-you-mean suggestions.
/// Example: `edit_distance("comapre", "compare") == 1`.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `name` when it is close enough to be a plausible typo.
std::optional<std::string> closest_match(std::string_view name, std::span<const std::string> candidates);

/// Shell-style glob match supporting `*` (any run, including dots) and `?` (one character).
/// Example: `glob_match("aws.*", "aws.lambda.arm")`.
bool glob_match(std::string_view pattern, std::string_view text);

/// `text` safe inside XML text and attribute values (`&`, `<`, `>`, `"` escaped). Characters
/// XML 1.0 cannot hold (C0 controls other than tab, LF and CR; bytes that are not UTF-8)
/// become U+FFFD.
std::string xml_escape(std::string_view text);

/// `text` safe to show on a terminal or in Markdown: control characters are written as visible
/// escapes, so a name cannot move the cursor, change colours or break a row. C0 (tab and newline
/// included) and DEL become `\x1b`-style escapes, C1 (U+0080 to U+009F) `\u009b`-style ones,
/// and bytes that are not UTF-8 `\xff`-style ones; all else, backslashes included, is kept.
/// Example: `escape_controls("a\x1b[31mb") == "a\\x1b[31mb"`.
std::string escape_controls(std::string_view text);

/// True when every byte of `text` is printable ASCII (0x20 to 0x7E): text escape_controls
/// keeps as it is, a column a byte.
bool is_printable_ascii(std::string_view text);

/// The parts of `text` between each `separator`, empty ones included: "a,,b" is a, "" and b;
/// "" is one empty part. Views into `text`.
std::vector<std::string_view> split(std::string_view text, char separator);

/// True when `text` contains a glob metacharacter.
bool is_glob(std::string_view text);

} // namespace breakeven
