// Pieces the renderers share, private to the library: the text table and the scenario and
// assumption lines every report for people starts with.
#pragma once

#include <breakeven/analysis.hpp>
#include <breakeven/cost_model.hpp>
#include <breakeven/render.hpp>
#include <breakeven/scenario.hpp>
#include <breakeven/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
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
// `hanging` spaces (every piece is cut to width - hanging; no wrapping below 20 columns). The
// text ends with a newline when `text` does, so wrapping changes nothing but where lines break.
inline std::string wrap_lines(std::string_view text, std::size_t width, std::size_t hanging) {
  if (width < hanging + 20) {
    return std::string(text);
  }
  bool newline = !text.empty() && text.back() == '\n';
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
  if (!newline && !out.empty()) {
    out.pop_back();
  }
  return out;
}

// Appends `text` wrapped as wrap_lines wraps it: as it is, with no copy, when it does not wrap.
inline void append_wrapped(std::string& out, std::string_view text, std::size_t width, std::size_t hanging) {
  if (width < hanging + 20) {
    out += text;
  } else {
    out += wrap_lines(text, width, hanging);
  }
}

// Appends `text` as escape_controls writes it: as it is, with no copy, when it is printable ASCII.
inline void append_escaped(std::string& out, std::string_view text) {
  if (is_printable_ascii(text)) {
    out += text;
  } else {
    out += escape_controls(text);
  }
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
      m_headers_ascii = m_headers_ascii && is_printable_ascii(header);
      header = escape_controls(header);
      m_widths[m_headers.size()] = display_width(header);
      m_headers.push_back(std::move(header));
    }
    m_ascii = m_headers_ascii;
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
    // Printable ASCII, as almost every cell is, needs no escaping and takes a column a byte.
    if (is_printable_ascii(text)) {
      m_cells += text;
      m_widths[column] = std::max(m_widths[column], text.size());
      m_lengths.push_back(static_cast<std::uint32_t>(text.size()));
      return;
    }
    m_ascii = false;
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

  /// Keeps lines within `columns` (a terminal's width; 0, the default: no limit) by wrapping
  /// left-aligned columns at spaces, continuation lines starting under their column: the last
  /// column, or those `wrap` names. The room the other columns leave is shared among them, the
  /// narrowest first, each getting at least 20 columns; a last column that wraps alone, with
  /// less than 20 left, goes below its row instead, indented 4. So a line is longer than
  /// `columns` only where the other columns alone leave less than 20 for each wrapping one (it
  /// is then at most their width plus 20 each), or where one word is wider than its room.
  void fit(std::size_t columns, std::vector<std::size_t> wrap = {}) {
    m_max_width = columns;
    m_wrap = wrap.empty() ? std::vector<std::size_t>{m_headers.size() - 1} : std::move(wrap);
  }

  /// Drops the rows, keeping the widths.
  void clear_rows() {
    m_cells.clear();
    m_lengths.clear();
    m_styles.clear();
    m_ascii = m_headers_ascii;
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
    // The room each wrapping column has within m_max_width (0: it does not wrap), or, for a last
    // column alone with less than 20 columns, `below` its row, indented 4 (its header left out).
    std::vector<std::size_t> room(m_headers.size(), 0);
    bool below = false;
    std::size_t others = indent.size() + 2 * (m_headers.size() - 1);
    std::size_t wrapping_width = 0;
    std::vector<std::size_t> wrapping;
    for (std::size_t i = 0; i < m_headers.size(); ++i) {
      bool wraps = m_max_width > 0 && !m_right[i] && std::find(m_wrap.begin(), m_wrap.end(), i) != m_wrap.end();
      (wraps ? wrapping_width : others) += m_widths[i];
      if (wraps) {
        wrapping.push_back(i);
      }
    }
    if (!wrapping.empty() && others + wrapping_width > m_max_width) {
      bool last_alone = wrapping.size() == 1 && wrapping.front() + 1 == m_headers.size();
      if (m_max_width < others + 20 * wrapping.size() && last_alone && m_max_width >= indent.size() + 4 + 20) {
        below = true;
        room[wrapping.front()] = m_max_width - indent.size() - 4;
      } else {
        // The narrowest first: each takes its width, at most an equal share of what is left,
        // and at least 20 columns however narrow the terminal.
        std::sort(wrapping.begin(), wrapping.end(), [this](std::size_t a, std::size_t b) {
          return m_widths[a] < m_widths[b] || (m_widths[a] == m_widths[b] && a < b);
        });
        std::size_t left = std::max(m_max_width > others ? m_max_width - others : 0, 20 * wrapping.size());
        for (std::size_t k = 0; k < wrapping.size(); ++k) {
          std::size_t i = wrapping[k];
          room[i] = std::min(m_widths[i], left / (wrapping.size() - k));
          left -= room[i];
        }
      }
    }
    auto width_of = [&](std::size_t i) { return room[i] > 0 && !below ? room[i] : m_widths[i]; };
    // Printable ASCII that wraps nowhere, as most tables are: a line a row, a column a byte.
    bool plain = m_ascii && std::all_of(room.begin(), room.end(), [](std::size_t r) { return r == 0; });
    std::size_t plain_width = 2 * (m_headers.size() - 1); // the cells and the two spaces between
    for (std::size_t width : m_widths) {
      plain_width += width;
    }
    // One line of cells after the indent, in `style` (none: plain), each padded as padding_of
    // says, its trailing spaces dropped.
    // One line after the indent, in `style` (none: plain), its cells written by `cells` (from
    // the end of `out`), its trailing spaces dropped.
    auto framed = [&](std::string_view style, auto cells) {
      out += indent;
      out += style;
      std::size_t start = out.size();
      cells(start);
      while (out.size() > start && out.back() == ' ') {
        out.pop_back();
      }
      if (!style.empty()) {
        out += k_reset;
      }
    };
    std::vector<std::vector<std::string_view>> pieces(m_headers.size()); // each cell's lines
    auto line = [&](auto cell_at, std::string_view style, bool cell_at_is_row) {
      bool styled = color && !style.empty();
      if (plain) {
        // The line at its full width in spaces, each cell copied to its place (a column a byte):
        // one fill and a copy a cell.
        framed(styled ? style : std::string_view{}, [&](std::size_t start) {
          std::size_t last = m_headers.size() - 1;
          out.resize(start + plain_width - (m_right[last] ? 0 : m_widths[last]), ' '); // a left last cell: appended
          std::size_t at = start;
          for (std::size_t i = 0; i < m_headers.size(); ++i) {
            std::string_view text = cell_at(i);
            std::size_t size = std::min(text.size(), m_widths[i]); // widths hold every cell
            if (i == last && !m_right[i]) {
              out.append(text.data(), size);
              break;
            }
            std::size_t padding = m_right[i] ? m_widths[i] - size : 0;
            std::memcpy(out.data() + at + padding, text.data(), size);
            at += m_widths[i] + 2;
          }
        });
        out += '\n';
        return;
      }
      std::size_t lines = 1;
      std::vector<std::string_view> after; // a last column below its row
      for (std::size_t i = 0; i < m_headers.size(); ++i) {
        std::string_view text = cell_at(i);
        pieces[i].clear();
        if (below && room[i] > 0) {
          if (!text.empty() && cell_at_is_row) {
            after = wrap_words(text, room[i]);
          }
          pieces[i].push_back({});
        } else if (room[i] > 0 && display_width(text) > room[i]) {
          pieces[i] = wrap_words(text, room[i]);
        } else {
          pieces[i].push_back(text);
        }
        lines = std::max(lines, pieces[i].size());
      }
      for (std::size_t k = 0; k < lines; ++k) {
        if (k > 0) {
          out += '\n';
        }
        framed(styled ? style : std::string_view{}, [&](std::size_t) {
          for (std::size_t i = 0; i < m_headers.size(); ++i) {
            std::string_view text = k < pieces[i].size() ? pieces[i][k] : std::string_view{};
            std::size_t padding = width_of(i) - std::min(width_of(i), display_width(text));
            if (m_right[i]) {
              out.append(padding, ' ');
            }
            out += text;
            if (i + 1 < m_headers.size()) {
              out.append(m_right[i] ? 2 : padding + 2, ' ');
            }
          }
        });
      }
      for (std::string_view piece : after) {
        out += '\n';
        out += indent;
        if (styled) {
          out += style;
        }
        out.append(4, ' ');
        out += piece;
        if (styled) {
          out += k_reset;
        }
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
  std::vector<std::size_t> m_wrap; // the columns fit() wraps
  // Kept as cells come rather than worked out at render_to: a second pass over every cell cost
  // the catalogue's advise 2% of its instructions.
  bool m_headers_ascii = true; // every header printable ASCII
  bool m_ascii = true;         // and every cell since the last clear_rows
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
// A curve table's text for people: what comes before its table (scenario, assumptions, range,
// cheapest ranges) and after it (skipped and limited offerings), wrapped to options.width.
std::pair<std::string, std::string> curve_table_text(const CurveReport& report, const RenderOptions& options);
// Appends a figure as a CSV or TSV curve row writes it: "{:.12g}" (what clean_number rounds
// to), nothing for infinity or NaN, 0 for -0.
void append_figure(fmt::memory_buffer& out, double value);
// Writes the same figure at `out`, which has room for k_figure_chars, and returns its end.
char* put_figure(char* out, double value);
// Appends one CSV (RFC 4180) or TSV field to `out`, quoted as delimited_field quotes it.
void append_delimited_field(std::string& out, std::string_view text, char separator);

} // namespace breakeven::detail
