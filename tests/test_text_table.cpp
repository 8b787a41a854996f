// TextTable's one-pass rows (printable ASCII that wraps nowhere) against a table laid out by
// hand: each cell padded to its column's widest, two spaces between, trailing spaces dropped.

#include "../src/render_parts.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

using breakeven::detail::TextTable;

namespace {

// The line a row is, by the definition: right-aligned cells padded on the left, left-aligned
// on the right, joined by two spaces, then every trailing space dropped.
std::string line_of(const std::vector<std::string>& cells, const std::vector<std::size_t>& widths,
                    const std::vector<bool>& right) {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    std::string padding(widths[i] - cells[i].size(), ' ');
    line += right[i] ? padding + cells[i] : cells[i] + padding;
    if (i + 1 < cells.size()) {
      line += "  ";
    }
  }
  while (!line.empty() && line.back() == ' ') {
    line.pop_back();
  }
  return line;
}

} // namespace

TEST_CASE("a plain text table lays out its rows as padding by hand does") {
  std::mt19937 random(7);
  auto pick = [&random](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random); };
  // Empty cells, cells ending in spaces, a last column either way, long and short.
  const std::vector<std::string> words{"",
                                       " ",
                                       "a",
                                       "$1,234.56",
                                       "ends in a space ",
                                       "  lead",
                                       "x y z",
                                       "n/a",
                                       "a much longer cell than the others in its column"};
  for (int round = 0; round < 300; ++round) {
    std::size_t columns = 1 + pick(6);
    std::vector<bool> right(columns);
    std::vector<std::string> headers(columns);
    for (std::size_t i = 0; i < columns; ++i) {
      right[i] = pick(2) == 1;
      headers[i] = std::string("H") + std::to_string(i) + (pick(3) == 0 ? " " : "");
    }
    std::vector<std::vector<std::string>> rows(pick(5));
    std::vector<std::string> styles;
    for (auto& row : rows) {
      for (std::size_t i = 0; i < columns; ++i) {
        row.push_back(words[pick(words.size())]);
      }
      styles.emplace_back(pick(3) == 0 ? breakeven::detail::k_green : std::string_view{});
    }
    std::vector<std::size_t> widths(columns);
    for (std::size_t i = 0; i < columns; ++i) {
      widths[i] = headers[i].size();
      for (const auto& row : rows) {
        widths[i] = std::max(widths[i], row[i].size());
      }
    }
    bool color = pick(2) == 1;
    std::string indent = pick(2) == 1 ? "    " : "";
    std::string expected = indent + (color ? std::string(breakeven::detail::k_bold) : "") +
                           line_of(headers, widths, right) + (color ? std::string(breakeven::detail::k_reset) : "") +
                           "\n";
    TextTable table(headers, right);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      table.add(rows[r], styles[r]);
      bool styled = color && !styles[r].empty();
      expected += indent + (styled ? styles[r] : "") + line_of(rows[r], widths, right) +
                  (styled ? std::string(breakeven::detail::k_reset) : "") + "\n";
    }
    INFO("round " << round << ", " << columns << " columns, " << rows.size() << " rows");
    CHECK(table.render(color, indent) == expected);
  }
}
