#pragma once
// compare and crossover over a stream of scenarios on standard input (`--scenario -`).

#include "io.hpp"

#include <breakeven/error.hpp>
#include <breakeven/scenario.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <istream>
#include <iterator>
#include <optional>
#include <string>
#include <unistd.h>

namespace breakeven::cli {

// Appends the writer's text for `report` to `out`: in place where the writer can, so a stream
// reuses one buffer rather than making a string per record.
template <typename Writer, typename Report>
void append_report(Writer& writer, const Report& report, std::string& out) {
  if constexpr (requires { writer.add(report, out); }) {
    writer.add(report, out);
  } else {
    out += writer.add(report);
  }
}

// Reads scenarios from standard input (one object or JSON Lines) and writes a report for each
// as it comes, so memory stays flat however many lines arrive: `check` completes and checks a
// record (naming it), `price` makes its report (and may move the record into it), `make_writer` the writer that formats
// reports. Returns true when every record was written, false when --keep-going skipped one.
//
// Without --keep-going a bad record must stop the run before anything is written, so the input
// is read once, each record checked and priced as it comes, and the output held back in an
// OutputSpool (64 KiB of memory, the rest in an anonymous temporary file) until the last record
// is known good; only then is the output opened and the spool copied to it. What fails and in
// which order is as if every record were checked first: a bad record, then no scenario at all
// (`require_one`), then a writer that cannot be made (a format the command does not write), then
// the output; a record that fails to price stops the pricing, the rest are still checked, and
// the reports before it are written before its error is raised.
//
// With it, a bad record is named on stderr and skipped, each report is written as it comes, and
// the run ends with exit code 2.
template <typename Check, typename MakeWriter, typename Price>
bool stream_reports(const std::string& output, bool keep_going, bool require_one, Check check, MakeWriter make_writer,
                    Price price) {
  auto none = [] { return Error("<stdin>", "", "no scenario on standard input"); };
  DescriptorInput input_buffer(STDIN_FILENO);
  std::istream input(&input_buffer);
  ScenarioStream stream(input, "<stdin>");
  std::string where_text; // "<stdin> record 7", its storage kept from record to record
  auto where = [&stream, &where_text]() -> const std::string& {
    where_text.assign("<stdin> record ");
    where_text += fmt::format_int(stream.records()).c_str(); // format_to's parse costs a record 3%
    return where_text;
  };

  if (!keep_going) {
    OutputSpool spool;
    std::optional<decltype(make_writer())> writer;
    std::exception_ptr writer_error;
    try {
      writer.emplace(make_writer());
    } catch (const Error&) {
      writer_error = std::current_exception();
    }
    std::exception_ptr price_error;
    std::string text; // a record's output, its buffer kept from record to record
    while (auto scenario = stream.next()) {
      check(*scenario, where());
      if (writer_error || price_error) {
        continue; // nothing more is written; the remaining records are only checked
      }
      text.clear();
      try {
        append_report(*writer, price(*scenario), text);
      } catch (const Error&) {
        price_error = std::current_exception();
        continue;
      }
      spool.write(text);
    }
    if (require_one && stream.records() == 0) {
      throw none();
    }
    if (writer_error) {
      std::rethrow_exception(writer_error);
    }
    OutputSink sink(output);
    spool.copy_to(sink);
    if (price_error) {
      std::rethrow_exception(price_error);
    }
    sink.write(writer->finish());
    sink.finish();
    sink.commit();
    return true;
  }

  auto writer = make_writer();
  OutputSink sink(output);
  bool skipped = false;
  while (true) {
    std::optional<decltype(price(std::declval<Scenario&>()))> report; // a bad record is skipped, never a failed write
    try {
      auto scenario = stream.next();
      if (!scenario) {
        break;
      }
      check(*scenario, where());
      report = price(*scenario);
    } catch (const Error& e) {
      std::fprintf(stderr, "breakeven: error: %s (skipped)\n", e.what());
      skipped = true;
    }
    if (report) {
      sink.write(writer.add(*report));
    }
  }
  if (require_one && stream.records() == 0) {
    throw none();
  }
  sink.write(writer.finish());
  sink.finish();
  sink.commit();
  return !skipped;
}

} // namespace breakeven::cli
