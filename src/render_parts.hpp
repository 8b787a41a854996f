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

// `text` cut at spaces into lines of at most `width` columns (a word longer than that stays
// whole on its own line); one line when `width` is 0 or the text fits.
inline std::vector<std::string_view> wrap_words(std::string_view text, std::size_t width) {
  std::vector<std::string_view> lines;
  while (width > 0 && display_width(text) > width) {
    // The last space that leaves at most `width` columns before it, else the first space.
    std::size_t cut = std::string_view::npos;
    std::size_t columns = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) {
        continue;
      }
      if (text[i] == ' ' && i > 0) {
        if (columns <= width || cut == std::string_view::npos) {
          cut = i;
        }
        if (columns > width) {
          break;
        }
      }
      ++columns;
    }
    if (cut == std::string_view::npos) {
      break; // one long word
    }
    lines.push_back(text.substr(0, cut));
    text.remove_prefix(cut);
    while (!text.empty() && text.front() == ' ') {
      text.remove_prefix(1);
    }
  }
  lines.push_back(text);
  return lines;
}

// Lines of text wrapped to `width` columns (0: as they are), each continuation indented by
// `hanging` spaces (every piece is cut to width - hanging; no wrapping below 20 columns).
inline std::string wrap_lines(std::string_view text, std::size_t width, std::size_t hanging) {
  if (width < hanging + 20) {
    return std::string(text);
  }
  std::string out;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    bool first = true;
    for (std::string_view piece : wrap_words(text.substr(0, end), width - hanging)) {
      if (!first) {
        out.append(hanging, ' ');
      }
      out += piece;
      out += '\n';
      first = false;
    }
    if (end == std::string_view::npos) {
      break;
    }
    text.remove_prefix(end + 1);
  }
  return out;
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

  /// Keeps lines within `columns` (a terminal's width; 0, the default: no limit) by wrapping the
  /// last column at spaces, continuation lines starting under it, when it is left-aligned and
  /// at least 20 columns are left for it.
  void fit(std::size_t columns) { m_max_width = columns; }

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
    // Where the last column starts, and the room it has within m_max_width (0: no wrapping).
    std::size_t last_column = 2 * (m_headers.size() - 1);
    for (std::size_t i = 0; i + 1 < m_widths.size(); ++i) {
      last_column += m_widths[i];
    }
    // Too wide for m_max_width, the last column wraps under itself, or, with less than 20
    // columns left for it, goes below its row, indented 4 (its header left out).
    std::size_t wrap_width = 0;
    std::size_t hang = last_column;
    bool below = false;
    if (m_max_width > 0 && !m_right.back() && indent.size() + last_column + m_widths.back() > m_max_width) {
      if (m_max_width >= indent.size() + last_column + 20) {
        wrap_width = m_max_width - indent.size() - last_column;
      } else if (m_max_width >= indent.size() + 4 + 20) {
        below = true;
        hang = 4;
        wrap_width = m_max_width - indent.size() - hang;
      }
    }
    auto line = [&](auto cell_at, std::string_view style, bool cell_at_is_row) {
      out += indent;
      bool styled = color && !style.empty();
      if (styled) {
        out += style;
      }
      std::size_t start = out.size();
      std::vector<std::string_view> more; // the last cell's wrapped lines after its first
      for (std::size_t i = 0; i < m_headers.size(); ++i) {
        std::string_view text = cell_at(i);
        bool last = i + 1 == m_headers.size();
        if (last && below) {
          if (!text.empty() && cell_at_is_row) {
            more = wrap_words(text, wrap_width);
          }
          text = {};
        } else if (last && wrap_width > 0 && display_width(text) > wrap_width) {
          more = wrap_words(text, wrap_width);
          text = more.front();
          more.erase(more.begin());
        }
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
      for (std::string_view piece : more) {
        if (styled) {
          out += k_reset;
        }
        out += '\n';
        out += indent;
        if (styled) {
          out += style;
        }
        out.append(hang, ' ');
        out += piece;
      }
      if (styled) {
        out += k_reset;
      }
      out += '\n';
    };
    if (header) {
      line([this](std::size_t i) { return std::string_view(m_headers[i]); }, color ? k_bold : std::string_view{},
           false);
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
          m_style_names[style], true);
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
  std::size_t m_max_width = 0;
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
// 1,100,000 or 0.0417: a line item's quantity as tables show it.
std::string quantity_text(double value);

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
