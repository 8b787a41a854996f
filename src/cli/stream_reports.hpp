#pragma once
// compare and crossover over a stream of scenarios on standard input (`--scenario -`).

#include "io.hpp"

#include <breakeven/error.hpp>
#include <breakeven/rate_table.hpp>
#include <breakeven/scenario.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <concepts>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <functional>
#include <istream>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <unistd.h>
#include <utility>
#include <vector>

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

// Runs jobs on worker threads, started on the first submit: `work(job, worker)` with the
// worker's index, 0 to workers - 1. The caller owns the jobs and waits for each in turn.
template <typename Job>
class JobPool {
public:
  template <typename Work>
  JobPool(unsigned workers, Work work) : m_workers(workers), m_work(std::move(work)) {}
  JobPool(const JobPool&) = delete;
  JobPool& operator=(const JobPool&) = delete;
  ~JobPool() {
    {
      std::lock_guard lock(m_mutex);
      m_stopping = true;
    }
    m_ready.notify_all();
    for (auto& thread : m_threads) {
      thread.join();
    }
  }

  void submit(Job& job) {
    if (m_threads.empty()) {
      for (unsigned w = 0; w < m_workers; ++w) {
        m_threads.emplace_back([this, w] { run(w); });
      }
    }
    {
      std::lock_guard lock(m_mutex);
      job.done = false;
      m_queue.push_back(&job);
    }
    m_ready.notify_one();
  }

  void wait(Job& job) {
    std::unique_lock lock(m_mutex);
    m_finished.wait(lock, [&job] { return job.done; });
  }

private:
  void run(unsigned worker) {
    while (true) {
      Job* job = nullptr;
      {
        std::unique_lock lock(m_mutex);
        m_ready.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
        if (m_stopping) {
          return;
        }
        job = m_queue.front();
        m_queue.pop_front();
      }
      m_work(*job, worker);
      {
        std::lock_guard lock(m_mutex);
        job->done = true;
      }
      m_finished.notify_all();
    }
  }

  unsigned m_workers;
  std::function<void(Job&, unsigned)> m_work;
  std::mutex m_mutex;
  std::condition_variable m_ready;
  std::condition_variable m_finished;
  std::deque<Job*> m_queue;
  bool m_stopping = false;
  std::vector<std::thread> m_threads;
};

// Reads scenarios from standard input (one object or JSON Lines) and writes a report for each
// as it comes, so memory stays flat however many lines arrive. `check` completes and checks a
// record (naming it); `make_pricer()` makes a pricer, `pricer(scenario, noted)` the record's
// report (it may move the record into it; a reference to a report the pricer keeps and reuses
// is moved from only when it must be held), appending to `noted` the prices it first used;
// `make_writer` the writer that formats reports. The prices every written report used go into
// `used`, each once, in first-use order. Returns true when every record was written, false when
// --keep-going skipped one.
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
// That run uses `threads` threads: the main one reads lines, batches of k_stream_batch records
// are parsed, checked and priced on worker threads, each with its own pricer (`check` and the
// pricers must be safe to run at once), and formatted there too when the writer allows it
// (rows_independent) or else on the main thread, which writes them in input order. A few
// batches are in flight at most, so memory stays flat; an input shorter than one batch, or one
// thread, runs on the main thread alone. The output is the same byte for byte however many
// threads run.
//
// With --keep-going, a bad record is named on stderr and skipped, each report is written as it
// comes (on one thread, so a record's report is out as soon as it is read), and the run ends
// with exit code 2.
inline constexpr std::size_t k_stream_batch = 128;

template <typename Check, typename MakeWriter, typename MakePricer>
bool stream_reports(const std::string& output, bool keep_going, bool require_one, unsigned threads, Check check,
                    MakeWriter make_writer, MakePricer make_pricer, std::vector<PriceDate>& used) {
  auto none = [] { return Error("<stdin>", "", "no scenario on standard input"); };
  DescriptorInput input_buffer(STDIN_FILENO);
  std::istream input(&input_buffer);
  ScenarioStream stream(input, "<stdin>");
  auto where_of = [](std::size_t record, std::string& text) -> const std::string& {
    text.assign("<stdin> record ");          // its storage kept from record to record
    text += fmt::format_int(record).c_str(); // format_to's parse costs a record 3%
    return text;
  };

  using Writer = decltype(make_writer());
  using Pricer = decltype(make_pricer());
  using Report = std::remove_cvref_t<decltype(std::declval<Pricer&>()(std::declval<Scenario&>(), used))>;

  if (!keep_going) {
    // One record on its way: read on the main thread, parsed, checked and priced (and perhaps
    // formatted) on a worker, written on the main thread.
    enum class Outcome { priced, bad_record, unpriced, failed_price, failed };
    struct Slot {
      ScenarioStream::Record record;
      std::size_t number = 0; // 1 for the first record
      Outcome outcome = Outcome::unpriced;
      std::exception_ptr error;
      std::optional<Report> report; // when the main thread formats it
      std::string text;             // when the worker formatted it
      std::vector<PriceDate> noted;
    };
    struct Job {
      std::vector<Slot> slots;
      std::size_t size = 0; // slots in use (the rest keep their buffers for the next batch)
      bool done = false;
    };
    struct Worker {
      std::optional<Pricer> pricer;
      std::optional<Writer> first; // a copy of the writer for the first record
      std::optional<Writer> rest;  // resumed(), for every other record
      std::string where;
    };

    std::optional<Writer> writer;
    std::exception_ptr writer_error;
    try {
      writer.emplace(make_writer());
    } catch (const Error&) {
      writer_error = std::current_exception();
    }
    // What workers copy to format reports when the writer allows it: the writer as made (for
    // the first record) and resumed() (for the rest); never changed once workers start.
    std::optional<Writer> first_writer;
    std::optional<Writer> rest_writer;
    if constexpr (requires(const Writer& w) {
                    { w.rows_independent() } -> std::same_as<bool>;
                    { w.resumed() } -> std::same_as<Writer>;
                  }) {
      if (writer && writer->rows_independent()) {
        first_writer.emplace(*writer);
        rest_writer.emplace(writer->resumed());
      }
    }
    std::atomic<bool> stop_pricing = writer_error != nullptr; // set by the main thread only

    std::vector<Worker> workers(std::max(1U, threads));
    auto process = [&](Job& job, unsigned w) {
      Worker& worker = workers[w];
      for (std::size_t i = 0; i < job.size; ++i) {
        Slot& slot = job.slots[i];
        slot.outcome = Outcome::unpriced;
        slot.report.reset(); // the last batch's, freed on a worker (freeing on the main thread made memory grow)
        bool checked = false;
        try {
          Scenario scenario;
          stream.parse(slot.record, scenario);
          check(scenario, where_of(slot.number, worker.where));
          checked = true;
          if (stop_pricing.load(std::memory_order_relaxed)) {
            continue;
          }
          if (!worker.pricer) {
            worker.pricer.emplace(make_pricer());
          }
          slot.noted.clear();
          {
            decltype(auto) report = (*worker.pricer)(scenario, slot.noted); // perhaps the pricer's own
            if (rest_writer) {
              std::optional<Writer>& own = slot.number == 1 ? worker.first : worker.rest;
              if (!own) {
                own.emplace(slot.number == 1 ? *first_writer : *rest_writer);
              }
              slot.text.clear();
              append_report(*own, report, slot.text);
              slot.outcome = Outcome::priced;
              continue;
            }
            slot.report.emplace(std::move(report));
            slot.outcome = Outcome::priced;
          }
        } catch (const Error&) {
          slot.outcome = checked ? Outcome::failed_price : Outcome::bad_record;
          slot.error = std::current_exception();
        } catch (...) { // out of memory, say: the run stops with it
          slot.outcome = Outcome::failed;
          slot.error = std::current_exception();
        }
      }
    };

    OutputSpool spool;
    std::exception_ptr price_error;
    std::string text; // a record's output when the main thread formats it, its buffer kept
    auto write = [&](Job& job) {
      for (std::size_t i = 0; i < job.size; ++i) {
        Slot& slot = job.slots[i];
        switch (slot.outcome) {
        case Outcome::bad_record:
        case Outcome::failed:
          std::rethrow_exception(slot.error); // the first bad record, as if every one were checked first
        case Outcome::unpriced:
          break;
        case Outcome::failed_price:
          if (!price_error) {
            price_error = slot.error;
            stop_pricing.store(true, std::memory_order_relaxed);
          }
          break;
        case Outcome::priced:
          if (price_error) {
            break; // nothing after a record that failed to price is written
          }
          add_prices(used, slot.noted);
          if (slot.report) {
            text.clear();
            append_report(*writer, *slot.report, text);
            spool.write(text); // the report is freed by the worker that next fills the slot

          } else {
            spool.write(slot.text);
            if (slot.number == 1) {
              writer.emplace(*rest_writer); // as if it had written the first report itself
            }
          }
          break;
        }
      }
    };

    // Jobs in input order, their slots reused; a job is on the pool's queue or being written.
    std::deque<std::unique_ptr<Job>> pending;
    std::vector<std::unique_ptr<Job>> free_jobs;
    JobPool<Job> pool(threads, process); // after what its workers use, so it stops first
    std::size_t in_flight_limit = 2 * static_cast<std::size_t>(threads) + 1;
    bool pooled = false;
    auto take_job = [&] {
      if (free_jobs.empty()) {
        auto job = std::make_unique<Job>();
        job->slots.resize(k_stream_batch);
        return job;
      }
      auto job = std::move(free_jobs.back());
      free_jobs.pop_back();
      job->size = 0;
      return job;
    };
    auto write_oldest = [&] {
      Job& job = *pending.front();
      pool.wait(job);
      write(job);
      free_jobs.push_back(std::move(pending.front()));
      pending.pop_front();
    };
    auto current = take_job();
    std::exception_ptr read_error; // a line too long: raised after the records before it
    while (true) {
      Slot& slot = current->slots[current->size];
      try {
        if (!stream.next_record(slot.record)) {
          break;
        }
      } catch (const Error&) {
        read_error = std::current_exception();
        break;
      }
      slot.number = stream.records();
      if (++current->size < k_stream_batch) {
        continue;
      }
      if (threads <= 1) {
        process(*current, 0);
        write(*current);
        current->size = 0;
        continue;
      }
      pooled = true;
      pool.submit(*current);
      pending.push_back(std::move(current));
      while (pending.size() >= in_flight_limit) {
        write_oldest();
      }
      current = take_job();
    }
    while (!pending.empty()) {
      write_oldest();
    }
    if (current->size > 0) {
      if (pooled) {
        pool.submit(*current);
        pool.wait(*current);
      } else {
        process(*current, 0);
      }
      write(*current);
    }
    if (read_error) {
      std::rethrow_exception(read_error);
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
  auto pricer = make_pricer();
  std::vector<PriceDate> noted;
  std::string where_text;
  OutputSink sink(output);
  bool skipped = false;
  while (true) {
    std::optional<Report> report; // a bad record is skipped, never a failed write
    try {
      auto scenario = stream.next();
      if (!scenario) {
        break;
      }
      check(*scenario, where_of(stream.records(), where_text));
      noted.clear();
      report.emplace(std::move(pricer(*scenario, noted))); // moved from the pricer's own, if it keeps one
      add_prices(used, noted);
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
