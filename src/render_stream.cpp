// Output written a piece at a time: curves whose costs are computed as each row is written, and
// crossover reports as each scenario's comes. The text is the one render_curves and
// render_crossovers give for the whole, byte for byte (tests/test_render_stream.cpp): what comes
// before and after the rows is taken from those renderers, given the report without its rows.

#include "render_parts.hpp"

#include <breakeven/error.hpp>
#include <breakeven/money.hpp>
#include <breakeven/render.hpp>
#include <breakeven/text.hpp>
#include <breakeven/threads.hpp>

#include <fmt/compile.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <deque>
#include <future>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace breakeven {
namespace {

using detail::TextTable;

constexpr std::size_t k_piece_bytes = 64 * 1024;
// Rows of a table formatted at once: enough to amortise the table's bookkeeping, few enough to
// stay small.
constexpr std::size_t k_table_rows = 256;
// JSON nests each report of several this deep (in `"reports": [`).
constexpr std::string_view k_report_indent = "    ";

// Text on its way to the sink, handed over in pieces of about k_piece_bytes.
class Pieces {
public:
  explicit Pieces(const TextSink& sink) : m_sink(sink) {}
  Pieces(const Pieces&) = delete;
  Pieces& operator=(const Pieces&) = delete;

  fmt::memory_buffer& buffer() { return m_buffer; }
  // Appends `text`, handing over a piece each time there is a piece's worth.
  void append(std::string_view text) {
    if (m_buffer.size() < k_piece_bytes && m_buffer.size() + text.size() > k_piece_bytes) {
      if (m_buffer.size() > 0) {
        std::size_t room = k_piece_bytes - m_buffer.size();
        m_buffer.append(text.data(), text.data() + room);
        text.remove_prefix(room);
        flush();
      }
      for (; text.size() > k_piece_bytes; text.remove_prefix(k_piece_bytes)) {
        m_sink(text.substr(0, k_piece_bytes)); // a whole piece, handed over where it is
      }
    }
    m_buffer.append(text.data(), text.data() + text.size());
  }
  // Hands the text over once there is a piece's worth.
  void maybe_flush() {
    if (m_buffer.size() >= k_piece_bytes) {
      flush();
    }
  }
  void flush() {
    if (m_buffer.size() > 0) {
      m_sink(std::string_view(m_buffer.data(), m_buffer.size()));
      m_buffer.clear();
    }
  }

private:
  const TextSink& m_sink;
  fmt::memory_buffer m_buffer;
};

// `text` with `indent` after every newline: a JSON document nested in another, as nlohmann's
// writer indents it. Strings in JSON text hold no raw newline, so every newline is between lines.
template <typename Out>
void append_indented(Out& out, std::string_view text, std::string_view indent) {
  while (!text.empty()) {
    std::size_t newline = text.find('\n');
    if (newline == std::string_view::npos) {
      out.append(text);
      return;
    }
    out.append(text.substr(0, newline + 1));
    out.append(indent);
    text.remove_prefix(newline + 1);
  }
}

// One column of figures, each written by `write`; a value the same as the one before is copied
// rather than formatted again (a staircase holds its cost for many rows, a function is free for
// the whole of its free tier). The text is kept beside the value (a few bytes: a column each,
// where a cost repeats down its own column, not along a row); one longer is not kept.
template <typename Write>
class RepeatingColumn {
public:
  explicit RepeatingColumn(Write write) : m_write(write) {}

  void append(fmt::memory_buffer& out, double value) {
    if (m_size > 0 && value == m_value) {
      out.append(m_text.data(), m_text.data() + m_size);
      return;
    }
    std::size_t before = out.size();
    m_write(out, value);
    std::size_t size = out.size() - before;
    m_size = size <= m_text.size() ? static_cast<std::uint8_t>(size) : 0; // 0: not kept
    if (m_size > 0) {
      std::memcpy(m_text.data(), out.data() + before, size);
      m_value = value;
    }
  }

private:
  Write m_write;
  std::array<char, 31> m_text{}; // "$" and 30 characters (10^21 dollars), any JSON number
  std::uint8_t m_size = 0;
  double m_value = 0;
};

// A count of requests as CSV and TSV write it ("{}": 1000000, not 1e+06) at `out`, which has
// room for k_count_chars; returns the end.
constexpr std::size_t k_count_chars = 32; // the longest shortest form of a double is 24
char* put_requests_delimited(char* out, double value) {
  if (value >= 1 && value < 1e15 && value == std::floor(value)) {
    fmt::format_int digits(static_cast<unsigned long long>(value));
    std::memcpy(out, digits.data(), digits.size());
    return out + digits.size();
  }
  return fmt::format_to(out, FMT_COMPILE("{}"), value);
}

// A cost column of a CSV or TSV curve: the text of a cost kept for the rows after it while the
// cost stays the same (RepeatingColumn for a figure, copied at a fixed size).
class FigureColumn {
public:
  // Writes `value` at `out`, which has room for k_figure_chars, and returns the end.
  char* put(char* out, double value) {
    if (!m_known || value != m_value) {
      m_size = static_cast<std::size_t>(detail::put_figure(m_text.data(), value) - m_text.data());
      m_value = value;
      m_known = true;
    }
    std::memcpy(out, m_text.data(), m_text.size()); // all of it: one fixed-size copy
    return out + m_size;
  }

private:
  std::array<char, k_figure_chars> m_text{};
  std::size_t m_size = 0;
  double m_value = 0;
  bool m_known = false;
};

// A number as nlohmann's writer writes it (its own shortest round-trip form, 1000000.0 for a
// whole number, null when not finite), so that a streamed document is the one dump() writes.
void write_json_number(fmt::memory_buffer& out, double value) {
  if (!std::isfinite(value)) {
    out.append(std::string_view("null"));
    return;
  }
  std::array<char, 64> text{};
  char* end = nlohmann::detail::to_chars(text.data(), text.data() + text.size(), value);
  out.append(text.data(), end);
}

void write_json_cost(fmt::memory_buffer& out, double value) {
  write_json_number(out, detail::clean_number(value));
}

using WriteNumber = void (*)(fmt::memory_buffer&, double);

RepeatingColumn<WriteNumber> repeating(WriteNumber write) {
  return RepeatingColumn<WriteNumber>(write);
}

// The threads options ask for: default_thread_count() for 0.
unsigned threads_for(const RenderOptions& options) {
  return options.threads > 0 ? options.threads : default_thread_count();
}

// Rows of a curve computed at once, and handed on to be written.
constexpr std::size_t k_block_rows = 2048;

// Runs produce(k, buffer) for the `ahead` blocks after the one being written, each on a thread
// of its own and into a buffer of its own, while consume(k, buffer) writes block k here, in
// order. Each block is the same whichever thread makes it, so the output does not change. With
// none ahead (one thread), or one block (nothing to overlap with: a thread's start would cost
// more), each block is made here, then written.
template <typename Buffer, typename Produce, typename Consume>
void pipelined(std::size_t blocks, unsigned ahead, Produce produce, Consume consume) {
  if (ahead == 0 || blocks == 1) {
    Buffer made;
    for (std::size_t k = 0; k < blocks; ++k) {
      produce(k, made);
      consume(k, made);
    }
    return;
  }
  std::size_t buffers = ahead + 1; // the one being written and those ahead
  std::vector<Buffer> made(buffers);
  std::deque<std::future<void>> running; // each waits in its destructor, should consume throw
  auto start = [&](std::size_t k) {
    running.push_back(std::async(std::launch::async | std::launch::deferred,
                                 [&produce, &made, buffers, k] { produce(k, made[k % buffers]); }));
  };
  for (std::size_t k = 0; k < std::min(blocks, buffers); ++k) {
    start(k);
  }
  for (std::size_t k = 0; k < blocks; ++k) {
    running.front().get();
    running.pop_front();
    consume(k, made[k % buffers]);
    if (k + buffers < blocks) {
      start(k + buffers); // into the buffer just written
    }
  }
}

// How many blocks are made ahead of the one written, `most` at most: none when the run has one
// thread (pipelined then makes each block on the calling thread).
unsigned blocks_ahead(const RenderOptions& options, unsigned most) {
  return threads_for(options) > 1 ? most : 0;
}

// Calls row(i, requests, costs) for each row of the curve in order, `costs` one per series.
template <typename Row>
void for_each_row(const CurveSamples& samples, const RenderOptions& options, Row row) {
  std::size_t width = samples.report().series.size() + 1; // the request count, then the costs
  std::size_t blocks = (samples.size() + k_block_rows - 1) / k_block_rows;
  auto produce = [&samples, width](std::size_t k, std::vector<double>& block) {
    std::size_t first = k * k_block_rows;
    std::size_t last = std::min(samples.size(), first + k_block_rows);
    block.resize((last - first) * width);
    for (std::size_t i = first; i < last; ++i) {
      double* cells = block.data() + (i - first) * width;
      cells[0] = samples.requests(i);
      samples.monthly_costs(i, std::span<double>(cells + 1, width - 1));
    }
  };
  pipelined<std::vector<double>>(blocks, blocks_ahead(options, 1), produce,
                                 [&](std::size_t k, const std::vector<double>& block) {
                                   for (std::size_t offset = 0; offset < block.size(); offset += width) {
                                     row(k * k_block_rows + offset / width, block[offset],
                                         std::span<const double>(block.data() + offset + 1, width - 1));
                                   }
                                 });
}

// Calls cost(i, value) for each row's cost of one series, in order.
template <typename Cost>
void for_each_cost(const CurveSamples& samples, const RenderOptions& options, std::size_t series, Cost cost) {
  std::size_t blocks = (samples.size() + k_block_rows - 1) / k_block_rows;
  auto produce = [&samples, series](std::size_t k, std::vector<double>& block) {
    std::size_t first = k * k_block_rows;
    std::size_t last = std::min(samples.size(), first + k_block_rows);
    block.resize(last - first);
    for (std::size_t i = first; i < last; ++i) {
      block[i - first] = samples.monthly_cost(series, i);
    }
  };
  pipelined<std::vector<double>>(blocks, blocks_ahead(options, 1), produce,
                                 [&](std::size_t k, const std::vector<double>& block) {
                                   for (std::size_t i = 0; i < block.size(); ++i) {
                                     cost(k * k_block_rows + i, block[i]);
                                   }
                                 });
}

// The curve's report with no rows, for the renderers to write what surrounds them.
CurveReport without_rows(const CurveSamples& samples) {
  return samples.report();
}

void write_delimited(const CurveSamples& samples, Format format, const RenderOptions& options, Pieces& out) {
  out.append(render_curve(without_rows(samples), format, options)); // the header line
  char separator = format == Format::csv ? ',' : '\t';
  std::string_view newline = format == Format::csv ? "\r\n" : "\n";
  double seconds = samples.report().scenario.running_hours() * 3600.0;
  // Blocks of rows computed and formatted on every core, written in order: a block's first row
  // formats its costs afresh, the same text the row before would have lent it.
  std::size_t blocks = (samples.size() + k_block_rows - 1) / k_block_rows;
  std::size_t series = samples.report().series.size();
  // Room for a row: the count, then the rate and each cost after a separator, then the newline.
  std::size_t row_room = k_count_chars + (series + 1) * (k_figure_chars + 1) + newline.size();
  auto produce = [&](std::size_t k, fmt::memory_buffer& text) {
    std::vector<FigureColumn> costs(series);
    std::vector<double> row(series);
    std::size_t first = k * k_block_rows;
    std::size_t last = std::min(samples.size(), first + k_block_rows);
    text.resize((last - first) * row_room);
    char* at = text.data();
    for (std::size_t i = first; i < last; ++i) {
      double r = samples.requests(i);
      samples.monthly_costs(i, row);
      at = put_requests_delimited(at, r); // a new count and rate on every row
      *at++ = separator;
      at = detail::put_figure(at, r / seconds);
      for (std::size_t s = 0; s < series; ++s) {
        *at++ = separator;
        at = costs[s].put(at, row[s]);
      }
      at = std::copy(newline.begin(), newline.end(), at);
    }
    text.resize(static_cast<std::size_t>(at - text.data()));
  };
  pipelined<fmt::memory_buffer>(blocks, blocks_ahead(options, threads_for(options)), produce, // one a thread
                                [&out](std::size_t, const fmt::memory_buffer& text) {
                                  out.append(std::string_view(text.data(), text.size()));
                                  out.maybe_flush();
                                });
}

// A non-empty array where the document has `[]`, as nlohmann's writer lays it out with the key at
// `depth` spaces (and the whole document `indent` further in); each(write) calls write(i, value)
// for every number in order.
template <typename Each>
void write_json_array(Pieces& out, std::size_t depth, std::string_view indent, WriteNumber number, Each each) {
  std::string item_indent = fmt::format("\n{}{:{}}", indent, "", depth + 2);
  auto column = repeating(number);
  each([&](std::size_t i, double value) {
    out.append(i == 0 ? "[" : ",");
    out.append(item_indent);
    column.append(out.buffer(), value);
    out.maybe_flush();
  });
  out.append(fmt::format("\n{}{:{}}]", indent, "", depth));
}

// The document with its arrays of rows streamed in where render_curve writes them empty:
// `requests_per_month` (a key of the root, two spaces in) and each series' `monthly_costs` (six).
void write_json(const CurveSamples& samples, const RenderOptions& options, std::string_view indent, Pieces& out) {
  std::string document = render_curve(without_rows(samples), Format::json, options);
  if (!indent.empty()) {
    document.pop_back(); // the newline after the document: the enclosing one writes its own
    out.append(indent);
  }
  constexpr std::string_view k_requests = "\n  \"requests_per_month\": []";
  constexpr std::string_view k_costs = "\n      \"monthly_costs\": []";
  std::string_view text = document;
  std::size_t at = text.find(k_requests);
  if (at == std::string_view::npos) {
    throw std::logic_error("write_curves: no requests_per_month in the curve document");
  }
  append_indented(out, text.substr(0, at + k_requests.size() - 2), indent);
  text.remove_prefix(at + k_requests.size());
  write_json_array(out, 2, indent, write_json_number, [&](auto write) {
    for (std::size_t i = 0; i < samples.size(); ++i) {
      write(i, samples.requests(i));
    }
  });
  for (std::size_t s = 0; s < samples.report().series.size(); ++s) {
    at = text.find(k_costs);
    if (at == std::string_view::npos) {
      throw std::logic_error("write_curves: a series without monthly_costs in the curve document");
    }
    append_indented(out, text.substr(0, at + k_costs.size() - 2), indent);
    text.remove_prefix(at + k_costs.size());
    write_json_array(out, 6, indent, write_json_cost, [&](auto write) { for_each_cost(samples, options, s, write); });
  }
  append_indented(out, text, indent);
}

void write_markdown(const CurveSamples& samples, const RenderOptions& options, Pieces& out) {
  out.append(render_curve(without_rows(samples), Format::markdown, options)); // up to the table's rows
  double seconds = samples.report().scenario.running_hours() * 3600.0;
  // A cache a column: an offering's cost repeats down its own column (a staircase, a free tier).
  std::vector<RepeatingColumn<WriteNumber>> money(samples.report().series.size(), repeating(detail::append_money));
  // Cells are counts, rates and dollars: nothing a Markdown cell would need to escape.
  for_each_row(samples, options, [&](std::size_t, double r, std::span<const double> row) {
    fmt::format_to(fmt::appender(out.buffer()), "| {} | {} |", format_count(r), detail::rate_text(r / seconds));
    for (std::size_t i = 0; i < row.size(); ++i) {
      out.append(" ");
      money[i].append(out.buffer(), row[i]);
      out.append(" |");
    }
    out.append("\n");
    out.maybe_flush();
  });
}

// A table's columns fit their widest cell, so the rows of a long table are formatted twice: once
// to measure every cell, once to write them, a chunk at a time. A table of one chunk is formatted
// once and written whole. The text before and after the rows is render_curve's.
void write_table(const CurveSamples& samples, const RenderOptions& options, Pieces& out) {
  const CurveReport& report = samples.report();
  auto [before, after] = detail::curve_table_text(report, options);
  std::vector<std::string> headers{"REQUESTS/MONTH", "REQ/S"};
  for (const auto& series : report.series) {
    headers.push_back(series.offering);
  }
  TextTable rows(headers, std::vector<bool>(headers.size(), true));
  double seconds = report.scenario.running_hours() * 3600.0;
  // A cache a column: an offering's cost repeats down its own column (a staircase, a free tier).
  std::vector<RepeatingColumn<WriteNumber>> money(report.series.size(), repeating(detail::append_money));
  fmt::memory_buffer cell;
  auto add_row = [&](double r, std::span<const double> row) {
    rows.cell(format_count(r));
    rows.cell(detail::rate_text(r / seconds));
    for (std::size_t i = 0; i < row.size(); ++i) {
      cell.clear();
      money[i].append(cell, row[i]);
      rows.cell(std::string_view(cell.data(), cell.size()));
    }
    rows.end_row();
  };
  std::string text = std::move(before);
  if (samples.size() <= k_table_rows) {
    for_each_row(samples, options, [&](std::size_t, double r, std::span<const double> row) { add_row(r, row); });
    rows.render_to(text, options.color); // the header line and every row
    out.append(text);
    out.append(after);
    return;
  }
  // Rows go into `rows` a chunk at a time; `done` takes each full chunk, then the last.
  auto each_chunk = [&](auto done) {
    rows.clear_rows();
    std::size_t in_chunk = 0;
    for_each_row(samples, options, [&](std::size_t, double r, std::span<const double> row) {
      add_row(r, row);
      if (++in_chunk == k_table_rows) {
        done();
        rows.clear_rows();
        in_chunk = 0;
      }
    });
    if (in_chunk > 0) {
      done();
    }
    rows.clear_rows();
  };
  std::vector<std::size_t> widths = rows.widths();
  each_chunk([&] {
    for (std::size_t i = 0; i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], rows.widths()[i]);
    }
  });
  rows.widen(widths);
  rows.render_to(text, options.color); // the header line alone
  out.append(text);
  each_chunk([&] {
    text.clear();
    rows.render_to(text, options.color, "", false);
    out.append(text);
    out.maybe_flush();
  });
  out.append(after);
}

} // namespace

void write_curves(std::span<const CurveSamples> curves, Format format, const RenderOptions& options,
                  const TextSink& sink) {
  if (curves.size() > 1 && format != Format::table && format != Format::json && format != Format::markdown) {
    throw Error("--format", "",
                "curve over several scenarios writes table, json or markdown; csv, tsv, svg and html take one "
                "scenario");
  }
  if (format == Format::jsonl) {
    throw Error("--format", "", "curve writes table, csv, tsv, json, markdown, svg or html");
  }
  if (format == Format::svg || format == Format::html) {
    throw std::logic_error("write_curves: a chart or a page is drawn from the whole report (render_curves)");
  }
  Pieces out(sink);
  bool many = curves.size() > 1;
  if (many && format == Format::json) {
    out.append(fmt::format("{{\n  \"schema_version\": {},\n  \"command\": \"curve\",\n  \"reports\": [\n",
                           k_output_schema_version));
  }
  for (std::size_t c = 0; c < curves.size(); ++c) {
    if (c > 0) {
      out.append(format == Format::json ? ",\n" : "\n");
    }
    switch (format) {
    case Format::csv:
    case Format::tsv:
      write_delimited(curves[c], format, options, out);
      break;
    case Format::json:
      write_json(curves[c], options, many ? k_report_indent : "", out);
      break;
    case Format::markdown:
      write_markdown(curves[c], options, out);
      break;
    default:
      write_table(curves[c], options, out);
      break;
    }
  }
  if (many && format == Format::json) {
    out.append("\n  ]\n}\n");
  }
  out.flush();
}

CrossoverStream::CrossoverStream(Format format, RenderOptions options) : m_format(format), m_options(options) {
  if (format != Format::table && format != Format::csv && format != Format::tsv && format != Format::json &&
      format != Format::markdown) {
    throw Error(
        "--format", "",
        format == Format::html
            ? "html is a page for one scenario; a stream (--scenario -) writes table, csv, tsv, json or markdown"
            : "crossover writes table, csv, tsv, json or markdown");
  }
}

std::string CrossoverStream::add(const CrossoverReport& report) {
  std::string text = render_crossover(report, m_format, m_options);
  std::size_t before = m_reports++;
  switch (m_format) {
  case Format::csv:
  case Format::tsv:
    if (before > 0) {
      text.erase(0, text.find('\n') + 1); // one header for the whole output
    }
    return text;
  case Format::json: {
    if (before == 0) {
      m_first_json = std::move(text);
      return {};
    }
    std::string out;
    if (before == 1) {
      out = fmt::format("{{\n  \"schema_version\": {},\n  \"command\": \"crossover\",\n  \"reports\": [\n",
                        k_output_schema_version);
      out += k_report_indent;
      m_first_json.pop_back(); // its newline: the array writes its own
      append_indented(out, m_first_json, k_report_indent);
      m_first_json.clear();
    }
    out += ",\n";
    out += k_report_indent;
    text.pop_back();
    append_indented(out, text, k_report_indent);
    return out;
  }
  default:
    return before > 0 ? "\n" + text : text;
  }
}

std::string CrossoverStream::finish() {
  if (m_format != Format::json) {
    return {};
  }
  if (m_reports == 0) {
    return fmt::format("{{\n  \"schema_version\": {},\n  \"command\": \"crossover\",\n  \"reports\": []\n}}\n",
                       k_output_schema_version);
  }
  if (m_reports == 1) {
    return std::move(m_first_json);
  }
  return "\n  ]\n}\n";
}

} // namespace breakeven
