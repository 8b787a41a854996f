#include <breakeven/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
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
  if (error != std::errc{} || end != last || first == last || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value * multiplier;
}

std::string format_count(double count) {
  struct Unit {
    double size;
    const char* suffix;
  };
  static constexpr Unit k_units[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}};
  for (const auto& unit : k_units) {
    if (std::fabs(count) >= unit.size) {
      std::string text = fmt::format("{:.4g}", count / unit.size);
      return text + unit.suffix;
    }
  }
  return fmt::format("{:.4g}", count);
}

std::string format_duration_ms(double ms) {
  if (ms >= 60'000) {
    return fmt::format("{:.4g} min", ms / 60'000);
  }
  if (ms >= 1'000) {
    return fmt::format("{:.4g} s", ms / 1'000);
  }
  return fmt::format("{:.4g} ms", ms);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
      diagonal = above;
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

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
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
      out += c;
    }
  }
  return out;
}

bool is_glob(std::string_view text) {
  return text.find_first_of("*?") != std::string_view::npos;
}

} // namespace breakeven
