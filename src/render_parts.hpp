// Pieces the renderers share, private to the library: the text table and the scenario and
// assumption lines every report for people starts with.
#pragma once

#include <breakeven/cost_model.hpp>
#include <breakeven/scenario.hpp>
#include <breakeven/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace breakeven::detail {

inline constexpr std::string_view k_bold = "\x1b[1m";
inline constexpr std::string_view k_green = "\x1b[32m";
inline constexpr std::string_view k_dim = "\x1b[2m";
inline constexpr std::string_view k_reset = "\x1b[0m";

// Columns a cell takes on a terminal: one per code point (cells are valid UTF-8 once escaped).
inline std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// A table for people: columns sized to their widest cell, optional ANSI styling per row. Every
// cell is shown with its control characters escaped (escape_controls), so data cannot move the
// cursor or break a row. Cells are kept back to back in one string, so a table of a million
// rows costs about its own text in memory, not a string and a vector per cell.
class TextTable {
public:
  TextTable(std::vector<std::string> headers, std::vector<bool> right_aligned)
      : m_right(std::move(right_aligned)), m_widths(headers.size()) {
    for (auto& header : headers) {
      header = escape_controls(header);
      m_widths[m_headers.size()] = display_width(header);
      m_headers.push_back(std::move(header));
    }
  }

  void add(const std::vector<std::string>& cells, std::string_view style = {}) {
    for (const auto& text : cells) {
      cell(text);
    }
    end_row(style);
  }

  // Appends a cell to the row being built.
  void cell(std::string_view text) {
    std::size_t column = m_lengths.size() % m_headers.size();
    std::size_t before = m_cells.size();
    m_cells += escape_controls(text);
    std::string_view added = std::string_view(m_cells).substr(before);
    m_widths[column] = std::max(m_widths[column], display_width(added));
    m_lengths.push_back(static_cast<std::uint32_t>(added.size()));
  }

  // Ends the row being built; it must have one cell per column.
  void end_row(std::string_view style = {}) {
    if (m_lengths.size() != (m_styles.size() + 1) * m_headers.size()) {
      throw std::logic_error("TextTable: a row needs one cell per column");
    }
    auto known = std::find(m_style_names.begin(), m_style_names.end(), style);
    if (known == m_style_names.end()) {
      m_style_names.emplace_back(style);
      known = m_style_names.end() - 1;
    }
    m_styles.push_back(static_cast<std::uint8_t>(known - m_style_names.begin()));
  }

  /// Each column's width so far: its widest cell or header.
  const std::vector<std::size_t>& widths() const noexcept { return m_widths; }

  /// Makes each column at least as wide as `widths` says (for a long table written in parts).
  void widen(const std::vector<std::size_t>& widths) {
    for (std::size_t i = 0; i < m_widths.size() && i < widths.size(); ++i) {
      m_widths[i] = std::max(m_widths[i], widths[i]);
    }
  }

  /// Drops the rows, keeping the widths.
  void clear_rows() {
    m_cells.clear();
    m_lengths.clear();
    m_styles.clear();
  }

  std::string render(bool color, std::string_view indent = "") const {
    std::string out;
    render_to(out, color, indent);
    return out;
  }

  // Appends the table to `out`, which grows once; without `header`, only its rows.
  void render_to(std::string& out, bool color, std::string_view indent = "", bool header = true) const {
    std::size_t line_width = indent.size() + 1 + 2 * m_headers.size();
    for (std::size_t width : m_widths) {
      line_width += width;
    }
    out.reserve(out.size() + (m_styles.size() + 1) * (line_width + 16));
    auto line = [&](auto cell_at, std::string_view style) {
      out += indent;
      bool styled = color && !style.empty();
      if (styled) {
        out += style;
      }
      std::size_t start = out.size();
      for (std::size_t i = 0; i < m_headers.size(); ++i) {
        std::string_view text = cell_at(i);
        bool last = i + 1 == m_headers.size();
        std::size_t padding = m_widths[i] - display_width(text);
        if (m_right[i]) {
          out.append(padding, ' ');
          out += text;
        } else {
          out += text;
          if (!last) {
            out.append(padding, ' ');
          }
        }
        if (!last) {
          out += "  ";
        }
      }
      while (out.size() > start && out.back() == ' ') {
        out.pop_back();
      }
      if (styled) {
        out += k_reset;
      }
      out += '\n';
    };
    if (header) {
      line([this](std::size_t i) { return std::string_view(m_headers[i]); }, color ? k_bold : std::string_view{});
    }
    std::size_t offset = 0;
    std::size_t next_cell = 0;
    for (std::uint8_t style : m_styles) {
      line(
          [&](std::size_t) {
            std::string_view text = std::string_view(m_cells).substr(offset, m_lengths[next_cell]);
            offset += m_lengths[next_cell++];
            return text;
          },
          m_style_names[style]);
    }
  }

private:
  std::vector<std::string> m_headers;
  std::vector<bool> m_right;
  std::vector<std::size_t> m_widths;
  std::string m_cells;                  // every row's cells, back to back
  std::vector<std::uint32_t> m_lengths; // each cell's length in m_cells, row after row
  std::vector<std::uint8_t> m_styles;   // each row's style, an index into m_style_names
  std::vector<std::string> m_style_names;
};

// A text's box in an SVG chart, in pixels, and whether two overlap.
struct SvgBox {
  double x0 = 0;
  double y0 = 0;
  double x1 = 0;
  double y1 = 0;
  bool intersects(const SvgBox& other) const {
    return x0 < other.x1 && other.x0 < x1 && y0 < other.y1 && other.y0 < y1;
  }
};
// A width no narrower than `text` takes in the chart's sans-serif at `font_size` pixels.
double svg_text_width(std::string_view text, double font_size);

// A number for programs as JSON, CSV and TSV write it: twelve significant digits, -0 as 0.
double clean_number(double value);
// 19 req/s, 0.0034 req/s: a rate as tables and Markdown show it.
std::string rate_text(double rps);

// "api: 3M requests/month (1.14 req/s average), 120 ms per request, ...", escaped.
std::string scenario_summary(const Scenario& s);
// One line per assumption, not yet escaped; offerings named when not every one in `shown`.
std::vector<std::string> assumption_lines(const std::vector<Assumption>& assumptions,
                                          const std::vector<std::string>& shown);
// The assumption lines of a table, escaped like the summary above them.
std::string assumptions_text(const std::vector<Assumption>& assumptions, const std::vector<std::string>& shown);
// Appends a figure as a CSV or TSV curve row writes it: "{:.12g}" (what clean_number rounds
// to), nothing for infinity or NaN, 0 for -0.
void append_figure(fmt::memory_buffer& out, double value);
// Appends one CSV (RFC 4180) or TSV field to `out`, quoted as delimited_field quotes it.
void append_delimited_field(std::string& out, std::string_view text, char separator);

} // namespace breakeven::detail
