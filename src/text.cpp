#include <breakeven/text.hpp>

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

namespace breakeven {

std::optional<double> parse_count(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c != '_') {
      digits += c;
    }
  }
  if (digits.empty() || text.front() == '_' || text.back() == '_') {
    return std::nullopt;
  }
  double multiplier = 1;
  switch (digits.back()) {
  case 'k':
  case 'K':
    multiplier = 1e3;
    break;
  case 'M':
    multiplier = 1e6;
    break;
  case 'B':
  case 'G':
    multiplier = 1e9;
    break;
  case 'T':
    multiplier = 1e12;
    break;
  default:
    break;
  }
  if (multiplier != 1) {
    digits.pop_back();
  }
  double value = 0;
  const char* first = digits.data();
  const char* last = digits.data() + digits.size();
  if (first != last && *first == '+') {
    ++first;
  }
  auto [end, error] = std::from_chars(first, last, value);
  if (error != std::errc{} || end != last || first == last || !std::isfinite(value * multiplier)) {
    return std::nullopt;
  }
  double count = value * multiplier;
  return count == 0 ? 0.0 : count; // "-0" is zero, not a negative count
}

namespace {
// "1e+20" as a flag would take it: "1e20".
std::string without_exponent_plus(std::string text) {
  if (auto plus = text.find("e+"); plus != std::string::npos) {
    text.erase(plus + 1, 1);
  }
  return text;
}
} // namespace

std::string format_number(double value) {
  return without_exponent_plus(fmt::format(FMT_COMPILE("{}"), value));
}

namespace {

__extension__ using Uint128 = unsigned __int128;

// 5^p for p up to 32: with a 53-bit significand the product stays below 2^128.
constexpr int k_max_figure_power = 32;
constexpr std::array<Uint128, k_max_figure_power + 1> k_powers_of_five = [] {
  std::array<Uint128, k_max_figure_power + 1> powers{};
  Uint128 power = 1;
  for (auto& p : powers) {
    p = power;
    power *= 5;
  }
  return powers;
}();

// "00" to "99", for writing digits two at a time.
constexpr std::array<char, 200> k_digit_pairs = [] {
  std::array<char, 200> pairs{};
  for (std::size_t i = 0; i < 100; ++i) {
    pairs[2 * i] = static_cast<char>('0' + i / 10);
    pairs[2 * i + 1] = static_cast<char>('0' + i % 10);
  }
  return pairs;
}();

// scaled x 2^shift (shift above -128): its whole part, and whether what is left is above half
// or exactly half, for rounding half to even as fmt and printf round.
struct Split {
  Uint128 whole = 0;
  bool above_half = false;
  bool half = false;

  unsigned long long rounded() const {
    auto digits = static_cast<unsigned long long>(whole);
    return above_half || (half && (digits & 1) != 0) ? digits + 1 : digits;
  }
};

Split split_at(Uint128 scaled, int shift) {
  if (shift >= 0) {
    return {scaled << shift};
  }
  Split split{scaled >> -shift};
  Uint128 rest = scaled - (split.whole << -shift);
  Uint128 halfway = static_cast<Uint128>(1) << (-shift - 1);
  split.above_half = rest > halfway;
  split.half = rest == halfway;
  return split;
}

// `value` to `Digits` significant digits as fmt's {:.Ng} (and printf's %.Ng) writes it: the
// digits from one 128-bit product, rounded half to even; fmt itself for zero, subnormals,
// infinities and NaN, and where 5^p would not fit.
template <int Digits>
char* write_significant(double value, char* out) {
  static_assert(Digits >= 1 && Digits <= 12);
  constexpr int k_digits = Digits;
  constexpr unsigned long long k_lowest = [] {
    unsigned long long lowest = 1;
    for (int i = 1; i < Digits; ++i) {
      lowest *= 10;
    }
    return lowest;
  }(); // 10^(Digits - 1)
  auto bits = std::bit_cast<unsigned long long>(value);
  int biased = static_cast<int>((bits >> 52) & 0x7ff);
  // Zero, subnormals and non-finite numbers are fmt's (zero written as it writes it).
  if (biased == 0 || biased == 0x7ff) {
    return fmt::format_to(out, "{:.{}g}", value, Digits);
  }
  unsigned long long significand = (bits & ((1ULL << 52) - 1)) | (1ULL << 52);
  int binary_exponent = biased - 1075; // value = significand x 2^binary_exponent
  // The decimal exponent e (10^e <= |value| < 10^(e+1)) is floor(log10(2) x (binary_exponent
  // + 52)) or one more. Scaled by 10^(11 - e) the value has twelve digits before the point:
  // significand x 5^p x 2^(binary_exponent + p), exact in 128 bits while 0 <= p <= 32.
  int exponent = (((binary_exponent + 52) * 78913) >> 18) + 1;
  unsigned long long digits = 0;
  for (;; --exponent) {
    int power = k_digits - 1 - exponent;
    if (power < 0 || power > k_max_figure_power) {
      return fmt::format_to(out, "{:.{}g}", value, Digits);
    }
    Uint128 scaled = static_cast<Uint128>(significand) * k_powers_of_five[static_cast<std::size_t>(power)];
    int shift = binary_exponent + power;
    // Shifted left, below 10^Digits x 2 here: no overflow.
    Split split = shift > -128 ? split_at(scaled, shift) : Split{};
    if (split.whole < k_lowest) {
      continue; // e was one too high
    }
    digits = split.rounded();
    break;
  }
  if (digits == 10 * k_lowest) {
    digits = k_lowest; // rounded up to the next power of ten
    ++exponent;
  }
  if (value < 0) {
    *out++ = '-';
  }
  std::array<char, k_digits> text{};
  if constexpr (k_digits == 12) {
    // Two halves of six digits, each in 32 bits, written two digits at a time.
    auto put_half = [&text](std::uint32_t half, std::size_t at) {
      for (std::size_t i = at + 4;; i -= 2) {
        std::size_t pair = 2 * static_cast<std::size_t>(half % 100);
        half /= 100;
        text[i] = k_digit_pairs[pair];
        text[i + 1] = k_digit_pairs[pair + 1];
        if (i == at) {
          break;
        }
      }
    };
    put_half(static_cast<std::uint32_t>(digits / 1'000'000), 0);
    put_half(static_cast<std::uint32_t>(digits % 1'000'000), 6);
  } else {
    for (std::size_t i = k_digits; i-- > 0;) {
      text[i] = static_cast<char>('0' + digits % 10);
      digits /= 10;
    }
  }
  int significant = k_digits;
  while (significant > 1 && text[static_cast<std::size_t>(significant - 1)] == '0') {
    --significant;
  }
  auto copy = [&out, &text](int from, int to) {
    for (int i = from; i < to; ++i) {
      *out++ = text[static_cast<std::size_t>(i)];
    }
  };
  if (exponent < -4 || exponent >= k_digits) {
    // d.ddde+XX, as %g writes an exponent: a sign and at least two digits.
    copy(0, 1);
    if (significant > 1) {
      *out++ = '.';
      copy(1, significant);
    }
    *out++ = 'e';
    *out++ = exponent < 0 ? '-' : '+';
    int magnitude = exponent < 0 ? -exponent : exponent;
    if (magnitude >= 100) {
      *out++ = static_cast<char>('0' + magnitude / 100);
    }
    *out++ = static_cast<char>('0' + magnitude / 10 % 10);
    *out++ = static_cast<char>('0' + magnitude % 10);
    return out;
  }
  if (exponent >= 0) {
    copy(0, exponent + 1);
    if (significant > exponent + 1) {
      *out++ = '.';
      copy(exponent + 1, significant);
    }
    return out;
  }
  *out++ = '0';
  *out++ = '.';
  for (int i = -1; i > exponent; --i) {
    *out++ = '0';
  }
  copy(0, significant);
  return out;
}

// write_significant as a string.
template <int Digits>
std::string significant(double value) {
  std::array<char, k_figure_chars> text{};
  return {text.data(), write_significant<Digits>(value, text.data())};
}

} // namespace

char* format_figure(double value, char* out) {
  return write_significant<12>(value, out);
}

std::string format_fixed(double value, int decimals) {
  auto by_fmt = [&] { return fmt::format("{:.{}f}", value, decimals); };
  auto bits = std::bit_cast<unsigned long long>(value);
  int biased = static_cast<int>((bits >> 52) & 0x7ff);
  if (biased == 0 || biased == 0x7ff || decimals < 0 || decimals > k_max_fixed_decimals) {
    return by_fmt();
  }
  // value x 10^decimals = significand x 5^decimals x 2^(binary_exponent + decimals), exact in
  // 128 bits; its whole part and the rest below it, rounded half to even as fmt rounds.
  unsigned long long significand = (bits & ((1ULL << 52) - 1)) | (1ULL << 52);
  int shift = biased - 1075 + decimals;
  Uint128 scaled = static_cast<Uint128>(significand) * k_powers_of_five[static_cast<std::size_t>(decimals)];
  if (shift > 10 || (shift >= 0 && (scaled >> (63 - shift)) != 0)) {
    return by_fmt(); // 2^63 or more: beyond 64 bits
  }
  if (-shift > 120) {
    return by_fmt(); // far below one unit of the last decimal
  }
  Split split = split_at(scaled, shift);
  if ((split.whole >> 63) != 0) {
    return by_fmt();
  }
  unsigned long long digits = split.rounded();
  // The text from its end: the decimals (zeros kept), the point, the whole part, the sign
  // (room for nineteen digits, a point and k_max_fixed_decimals).
  std::array<char, 48> text{};
  std::size_t at = text.size();
  for (int i = 0; i < decimals; ++i) {
    text[--at] = static_cast<char>('0' + digits % 10);
    digits /= 10;
  }
  if (decimals > 0) {
    text[--at] = '.';
  }
  do {
    text[--at] = static_cast<char>('0' + digits % 10);
    digits /= 10;
  } while (digits != 0);
  if (value < 0) {
    text[--at] = '-';
  }
  return {text.data() + at, text.size() - at};
}

std::string format_count(double count) {
  if (!std::isfinite(count)) {
    return "n/a";
  }
  if (count == 0) {
    return "0"; // also for -0
  }
  if (std::fabs(count) >= 1e15) {
    return without_exponent_plus(significant<4>(count)); // 1e15, not 1000T
  }
  struct Unit {
    double size;
    const char* suffix;
  };
  static constexpr Unit k_units[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}};
  for (const auto& unit : k_units) {
    if (std::fabs(count) >= unit.size) {
      std::string text = significant<4>(count / unit.size);
      text += unit.suffix;
      return text;
    }
  }
  return significant<4>(count);
}

std::string format_percent(double share) {
  double percent = share * 100.0;
  if (!std::isfinite(percent)) {
    return "n/a";
  }
  if (percent == 0) {
    return "0%"; // also for -0
  }
  double magnitude = std::fabs(percent);
  if (magnitude >= 1e15 || magnitude < 1e-6) {
    return fmt::format(FMT_COMPILE("{:.2g}%"), percent);
  }
  if (magnitude >= 99.95) { // 99.96% is "100%", not "100.0%"
    std::string text = percent < 0 ? "-" : "";
    text += group_digits(format_fixed(magnitude, 0));
    text += '%';
    return text;
  }
  // Three significant digits, written out: 0.00123%, not 1.23e-03%.
  std::string digits = significant<3>(percent);
  double rounded = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), rounded); // the nearest double, as stod reads it
  int decimals = std::max(0, 2 - static_cast<int>(std::floor(std::log10(std::fabs(rounded)))));
  std::string text = format_fixed(rounded, decimals);
  text += '%';
  return text;
}

std::string group_digits(std::string_view digits) {
  std::string grouped;
  grouped.reserve(digits.size() + digits.size() / 3);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) {
      grouped += ',';
    }
    grouped += digits[i];
  }
  return grouped;
}

std::string format_duration_ms(double ms) {
  if (ms >= 60'000) {
    return significant<4>(ms / 60'000) + " min";
  }
  if (ms >= 1'000) {
    return significant<4>(ms / 1'000) + " s";
  }
  return significant<4>(ms) + " ms";
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rows of the table: two characters swapped ("comapre") is one edit, as people make it.
  std::vector<std::size_t> before(b.size() + 1);
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::swap(before, previous);
    std::swap(previous, row);
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({previous[j] + 1, row[j - 1] + 1, substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        row[j] = std::min(row[j], before[j - 2] + 1);
      }
    }
  }
  return row[b.size()];
}

std::optional<std::string> closest_match(std::string_view name, std::span<const std::string> candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const auto& candidate : candidates) {
    std::size_t distance = edit_distance(name, candidate);
    // A suggestion helps only when it is a plausible typo or abbreviation: at most a third
    // of the longer of the two strings changed.
    std::size_t allowed = std::max<std::size_t>(2, std::max(name.size(), candidate.size()) / 3);
    if (distance <= allowed && (!best || distance < best_distance)) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

bool glob_match(std::string_view pattern, std::string_view text) {
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = std::string_view::npos;
  std::size_t resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') {
    ++p;
  }
  return p == pattern.size();
}

namespace {

// The length of the valid UTF-8 sequence at the start of `text` (1 to 4), or 0 when its first
// byte does not start one (a stray continuation byte, an overlong form, a surrogate, a cut-off
// sequence or a code point above U+10FFFF).
std::size_t utf8_length(std::string_view text) {
  auto byte = [&text](std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u; };
  auto continuation = [&byte](std::size_t i, unsigned low = 0x80, unsigned high = 0xBF) {
    return byte(i) >= low && byte(i) <= high;
  };
  unsigned lead = byte(0);
  if (lead < 0x80) {
    return 1;
  }
  if (lead >= 0xC2 && lead <= 0xDF) {
    return continuation(1) ? 2 : 0;
  }
  if (lead >= 0xE0 && lead <= 0xEF) {
    unsigned low = lead == 0xE0 ? 0xA0 : 0x80;
    unsigned high = lead == 0xED ? 0x9F : 0xBF;
    return continuation(1, low, high) && continuation(2) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    unsigned low = lead == 0xF0 ? 0x90 : 0x80;
    unsigned high = lead == 0xF4 ? 0x8F : 0xBF;
    return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

} // namespace

bool is_printable_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    auto byte = static_cast<unsigned char>(c);
    return byte >= 0x20 && byte < 0x7F;
  });
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) {
      return parts;
    }
    start = end + 1;
  }
}

std::string escape_controls(std::string_view text) {
  if (is_printable_ascii(text)) {
    return std::string(text);
  }
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = utf8_length(text.substr(i));
    if (length == 0 || byte < 0x20 || byte == 0x7F) {
      out += fmt::format("\\x{:02x}", byte);
      ++i;
    } else if (byte == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      // U+0080 to U+009F: the C1 controls (U+009B is CSI, like ESC [).
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(text[i + 1]));
      i += 2;
    } else {
      out.append(text, i, length);
      i += length;
    }
  }
  return out;
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    std::size_t length = utf8_length(text.substr(i));
    if (length == 0 || (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
      out += "\xEF\xBF\xBD"; // U+FFFD: XML 1.0 cannot hold these at all, not even as &#...;
      ++i;
      continue;
    }
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    default:
      out.append(text, i, length);
    }
    i += length;
  }
  return out;
}

bool is_glob(std::string_view text) {
  return text.find_first_of("*?") != std::string_view::npos;
}

} // namespace breakeven
