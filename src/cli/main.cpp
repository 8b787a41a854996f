// breakeven: the command-line front end. Parses flags, calls the library, writes what a
// renderer returns, and maps errors to exit codes. No cost logic lives here.

#include "scenario_flags.hpp"

#include <breakeven/analysis.hpp>
#include <breakeven/budget.hpp>
#include <breakeven/catalogue.hpp>
#include <breakeven/compare.hpp>
#include <breakeven/error.hpp>
#include <breakeven/render.hpp>
#include <breakeven/text.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string_view>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

using namespace breakeven;

constexpr int k_exit_ok = 0;
constexpr int k_exit_check_failed = 1;
constexpr int k_exit_bad_input = 2;
constexpr int k_exit_bug = 3;

struct GlobalOptions {
  std::vector<std::string> pricing_files;
  std::string format = "table";
  std::string color = "auto";
};

Format chosen_format(const GlobalOptions& global) {
  if (auto format = parse_format(global.format)) {
    return *format;
  }
  throw Error("--format", "",
              fmt::format("unknown format \"{}\" (one of: table, csv, tsv, json, markdown)", global.format));
}

bool use_color(const GlobalOptions& global) {
  if (global.color == "always") {
    return true;
  }
  if (global.color == "never") {
    return false;
  }
  if (global.color != "auto") {
    throw Error("--color", "", fmt::format("unknown value \"{}\" (one of: auto, always, never)", global.color));
  }
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  bool dumb = term != nullptr && std::string_view(term) == "dumb";
  return (no_color == nullptr || *no_color == '\0') && !dumb && isatty(fileno(stdout)) != 0;
}

Catalogue load_catalogue(const GlobalOptions& global) {
  Catalogue catalogue = Catalogue::bundled();
  for (const auto& file : global.pricing_files) {
    catalogue.add(load_rate_table_file(file));
  }
  catalogue.check_references();
  return catalogue;
}

// What a failed write says: `write failed: No space left on device`.
std::string write_failed(int error) {
  return fmt::format("write failed: {}", std::strerror(error));
}

// Writes all of `data` to `fd`; 0 or the errno of the write that failed.
int write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t written = ::write(fd, data.data(), data.size());
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      return errno;
    }
    data.remove_prefix(static_cast<std::size_t>(written));
  }
  return 0;
}

// Temporary files not yet renamed into place, removed by a handler if a signal ends the run
// first. The handler may only call async-signal-safe functions (unlink, signal, raise), hence
// fixed buffers instead of strings.
class PendingTemporaries {
public:
  static constexpr int k_none = -1;

  // A slot for `path` (k_none if every slot is taken or the path is too long to keep).
  static int add(const std::string& path) {
    install_handlers();
    for (std::size_t slot = 0; slot < k_slots; ++slot) {
      if (s_active[slot] == 0 && path.size() < k_path_bytes) {
        std::memcpy(s_paths[slot].data(), path.c_str(), path.size() + 1);
        s_active[slot] = 1;
        return static_cast<int>(slot);
      }
    }
    return k_none;
  }

  static void remove(int slot) {
    if (slot != k_none) {
      s_active[static_cast<std::size_t>(slot)] = 0;
    }
  }

private:
  static constexpr std::size_t k_slots = 4;
  static constexpr std::size_t k_path_bytes = 4096;
  static inline std::array<std::array<char, k_path_bytes>, k_slots> s_paths{};
  static inline std::array<volatile std::sig_atomic_t, k_slots> s_active{};

  static void unlink_and_reraise(int signal_number) {
    for (std::size_t slot = 0; slot < k_slots; ++slot) {
      if (s_active[slot] != 0) {
        ::unlink(s_paths[slot].data());
      }
    }
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
  }

  // Only over the default action: a signal the user chose to ignore (nohup, `trap '' PIPE`)
  // stays ignored.
  static void install_handlers() {
    static bool installed = false;
    if (installed) {
      return;
    }
    installed = true;
    for (int signal_number : {SIGHUP, SIGINT, SIGTERM, SIGPIPE}) {
      struct sigaction current {};
      if (sigaction(signal_number, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
        struct sigaction handler {};
        handler.sa_handler = unlink_and_reraise;
        sigemptyset(&handler.sa_mask);
        sigaction(signal_number, &handler, nullptr);
      }
    }
  }
};

// `path` with the symbolic links at its end followed, link by link, to the file they name
// (which need not exist yet), so that replacing it keeps the links.
std::string follow_links(const std::string& path) {
  constexpr int k_max_links = 40; // as the kernel's own limit (ELOOP)
  std::filesystem::path current = path;
  for (int links = 0; links < k_max_links; ++links) {
    struct stat info {};
    if (::lstat(current.c_str(), &info) != 0 || !S_ISLNK(info.st_mode)) {
      return current.string();
    }
    std::error_code error;
    std::filesystem::path target = std::filesystem::read_symlink(current, error);
    if (error) {
      throw Error(path, "", fmt::format("cannot read the symbolic link {}: {}", current.string(), error.message()));
    }
    current = target.is_absolute() ? target : current.parent_path() / target;
  }
  throw Error(path, "", std::strerror(ELOOP));
}

// True when `info` is the file open as descriptor `fd`.
bool is_open_as(const struct stat& info, int fd) {
  struct stat opened {};
  return ::fstat(fd, &opened) == 0 && opened.st_dev == info.st_dev && opened.st_ino == info.st_ino;
}

// Where a command's output goes, written in two steps (write and finish, then commit) so that
// several outputs can appear together or not at all:
// - standard output (an empty path), written as it comes;
// - a file that exists and is not a regular file (a device, a FIFO, our own stdout or stderr),
//   written in place as the shell's `>` would, never replaced;
// - a regular file, new or not, reached through any symbolic links: written to a fresh temporary
//   file beside it (mkstemp: a new name, O_EXCL) with the old file's mode and owner, renamed over
//   it on commit, and removed on every other path, so that the file appears whole or not at all.
class OutputSink {
public:
  explicit OutputSink(std::string path) : m_path(std::move(path)) {
    if (m_path.empty()) {
      return;
    }
    struct stat info {};
    if (::stat(m_path.c_str(), &info) == 0) {
      if (S_ISDIR(info.st_mode)) {
        throw Error(m_path, "", "is a directory; give a file name");
      }
      for (int fd : {STDOUT_FILENO, STDERR_FILENO}) {
        if (is_open_as(info, fd)) { // `--output /dev/stdout`, or the file stdout appends to
          m_fd = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
          if (m_fd < 0) {
            throw Error(m_path, "", fmt::format("cannot write here: {}", std::strerror(errno)));
          }
          return;
        }
      }
      if (!S_ISREG(info.st_mode)) {
        open_in_place(info);
        return;
      }
      open_temporary(info.st_mode, &info);
      return;
    }
    if (errno != ENOENT) {
      throw Error(m_path, "", fmt::format("cannot write here: {}", std::strerror(errno)));
    }
    if (m_path.back() == '/') {
      throw Error(m_path, "", "is not a file name (it ends with /)");
    }
    mode_t umask_bits = ::umask(0);
    ::umask(umask_bits);
    open_temporary(0666 & ~umask_bits, nullptr);
  }
  OutputSink(const OutputSink&) = delete;
  OutputSink& operator=(const OutputSink&) = delete;
  ~OutputSink() {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
    if (!m_temporary.empty()) {
      ::unlink(m_temporary.c_str());
      PendingTemporaries::remove(m_pending);
    }
  }

  void write(std::string_view text) {
    if (m_path.empty()) {
      if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size()) {
        throw Error("<stdout>", "", write_failed(errno));
      }
      return;
    }
    if (m_buffer.size() + text.size() <= k_buffer_bytes) {
      m_buffer.append(text);
      return;
    }
    flush_buffer();
    if (text.size() <= k_buffer_bytes) {
      m_buffer.append(text);
    } else if (int error = write_all(m_fd, text); error != 0) {
      throw Error(m_path, "", write_failed(error));
    }
  }

  /// True while what was written can still be taken back (a temporary file not yet renamed).
  bool revocable() const { return !m_temporary.empty(); }

  /// The file a commit replaces, for telling two outputs apart (empty unless revocable).
  const std::string& target() const { return m_target; }

  // Everything written is on its way: flushed, and for a temporary file synced and closed.
  void finish() {
    if (m_path.empty()) {
      if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
        throw Error("<stdout>", "", write_failed(errno));
      }
      return;
    }
    flush_buffer();
    if (revocable() && ::fsync(m_fd) != 0) {
      throw Error(m_path, "", write_failed(errno));
    }
    int fd = std::exchange(m_fd, -1);
    if (::close(fd) != 0 && errno != EINTR) {
      throw Error(m_path, "", write_failed(errno));
    }
  }

  // Renames the finished temporary file into place; nothing to do for the others.
  void commit() {
    if (!revocable()) {
      return;
    }
    if (::rename(m_temporary.c_str(), m_target.c_str()) != 0) {
      throw Error(m_path, "", fmt::format("cannot replace: {}", std::strerror(errno)));
    }
    m_temporary.clear();
    PendingTemporaries::remove(m_pending);
  }

private:
  static constexpr std::size_t k_buffer_bytes = 64 * 1024;

  std::string m_path;      // as given, for messages
  std::string m_target;    // the file a commit replaces, links followed
  std::string m_temporary; // the file being written, until the commit renames it
  int m_pending = PendingTemporaries::k_none;
  int m_fd = -1;
  std::string m_buffer;

  void open_in_place(const struct stat& info) {
    m_fd = ::open(m_path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (m_fd < 0) {
      throw Error(m_path, "", fmt::format("cannot write here: {}", std::strerror(errno)));
    }
    struct stat opened {};
    if (::fstat(m_fd, &opened) != 0 || opened.st_dev != info.st_dev || opened.st_ino != info.st_ino) {
      throw Error(m_path, "", "changed while it was being opened; try again");
    }
  }

  // `mode`, and with `existing` its owner, go to the temporary file (fchown before fchmod, which
  // the kernel would otherwise undo for set-id bits). Only root may give a file away; others
  // end up owning the new file, as with any editor that replaces a file.
  void open_temporary(mode_t mode, const struct stat* existing) {
    m_target = follow_links(m_path);
    if (existing != nullptr) {
      struct stat followed {};
      if (::stat(m_target.c_str(), &followed) != 0 || followed.st_dev != existing->st_dev ||
          followed.st_ino != existing->st_ino) {
        throw Error(m_path, "", "cannot be replaced: its links do not lead to a file by name");
      }
    }
    std::filesystem::path target = m_target;
    constexpr std::size_t k_max_name_chars = 200; // a temporary's name must fit NAME_MAX too
    std::string name = "." + target.filename().string().substr(0, k_max_name_chars) + ".XXXXXX";
    std::string pattern = (target.parent_path() / name).string();
    m_fd = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (m_fd < 0) {
      throw Error(m_path, "", fmt::format("cannot create a file here: {}", std::strerror(errno)));
    }
    m_temporary = pattern;
    m_pending = PendingTemporaries::add(m_temporary);
    if (existing != nullptr && ::fchown(m_fd, existing->st_uid, existing->st_gid) != 0 && errno != EPERM) {
      throw Error(m_path, "", fmt::format("cannot keep its owner: {}", std::strerror(errno)));
    }
    if (::fchmod(m_fd, mode & 07777) != 0) {
      throw Error(m_path, "", fmt::format("cannot keep its mode: {}", std::strerror(errno)));
    }
  }

  void flush_buffer() {
    if (int error = write_all(m_fd, m_buffer); error != 0) {
      throw Error(m_path, "", write_failed(error));
    }
    m_buffer.clear();
  }
};

// One output of a command and the text that goes to it.
struct Emission {
  OutputSink& sink;
  std::string_view text;
};

// Writes each text to its sink, all or nothing as far as the sinks allow: temporary files first
// (they can still be taken back), then standard output and devices (they cannot), and only once
// every one is written are the temporary files renamed into place.
void emit_together(std::initializer_list<Emission> outputs) {
  for (bool revocable : {true, false}) {
    for (const auto& output : outputs) {
      if (output.sink.revocable() == revocable) {
        output.sink.write(output.text);
        output.sink.finish();
      }
    }
  }
  for (const auto& output : outputs) {
    output.sink.commit();
  }
}

// Writes `text` to stdout, or to `output_path` whole or not at all.
void emit(const std::string& text, const std::string& output_path) {
  OutputSink sink(output_path);
  emit_together({{sink, text}});
}

// A read-only stream buffer over a file descriptor that can be rewound; remembers a read error.
class DescriptorInput : public std::streambuf {
public:
  explicit DescriptorInput(int fd) : m_fd(fd) { setg(m_buffer.data(), m_buffer.data(), m_buffer.data()); }

  int error() const { return m_error; }

protected:
  int_type underflow() override {
    ssize_t got = 0;
    do {
      got = ::read(m_fd, m_buffer.data(), m_buffer.size());
    } while (got < 0 && errno == EINTR);
    if (got <= 0) {
      m_error = got < 0 ? errno : m_error;
      return traits_type::eof();
    }
    setg(m_buffer.data(), m_buffer.data(), m_buffer.data() + got);
    return traits_type::to_int_type(*gptr());
  }

  pos_type seekoff(off_type offset, std::ios_base::seekdir direction, std::ios_base::openmode) override {
    if (offset != 0 || direction != std::ios_base::beg || ::lseek(m_fd, 0, SEEK_SET) != 0) {
      return pos_type(off_type(-1)); // rewinding is all a spool needs
    }
    setg(m_buffer.data(), m_buffer.data(), m_buffer.data());
    return pos_type(0);
  }
  pos_type seekpos(pos_type position, std::ios_base::openmode mode) override {
    return seekoff(off_type(position), std::ios_base::beg, mode);
  }

private:
  int m_fd;
  int m_error = 0;
  std::array<char, 64 * 1024> m_buffer{};
};

// Standard input, either read as it comes or first copied to an anonymous temporary file in
// TMPDIR (O_TMPFILE, or mkstemp and an immediate unlink) so that it can be read again. The file
// has no name to plant a link at, and nothing is left behind however the run ends.
class SpooledInput {
public:
  SpooledInput(std::istream& in, bool spool) : m_in(&in) {
    if (!spool) {
      return;
    }
    const char* tmpdir = std::getenv("TMPDIR");
    std::string directory = tmpdir != nullptr && *tmpdir != '\0' ? tmpdir : "/tmp";
    m_fd = ::open(directory.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (m_fd < 0) { // a kernel or file system without O_TMPFILE
      std::string pattern = (std::filesystem::path(directory) / "breakeven-stdin-XXXXXX").string();
      m_fd = ::mkostemp(pattern.data(), O_CLOEXEC);
      if (m_fd < 0) {
        throw Error(
            directory, "",
            fmt::format("cannot create a temporary file for standard input: {} (see TMPDIR)", std::strerror(errno)));
      }
      ::unlink(pattern.c_str());
    }
    std::array<char, 64 * 1024> chunk{};
    while (in.read(chunk.data(), chunk.size()) || in.gcount() > 0) {
      if (int error = write_all(m_fd, {chunk.data(), static_cast<std::size_t>(in.gcount())}); error != 0) {
        throw Error(directory, "", fmt::format("cannot spool standard input: {}", std::strerror(error)));
      }
    }
    m_buffer.emplace(m_fd);
    m_stream.emplace(&*m_buffer);
    m_in = &*m_stream;
    rewind();
  }
  SpooledInput(const SpooledInput&) = delete;
  SpooledInput& operator=(const SpooledInput&) = delete;
  ~SpooledInput() {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
  }

  std::istream& stream() { return *m_in; }
  void rewind() {
    m_in->clear();
    m_in->seekg(0);
  }
  // Throws if reading the spool failed (which would otherwise look like its end).
  void check_read() const {
    if (m_buffer && m_buffer->error() != 0) {
      throw Error("<stdin>", "",
                  fmt::format("cannot read back the spooled input: {}", std::strerror(m_buffer->error())));
    }
  }

private:
  std::istream* m_in;
  int m_fd = -1;
  std::optional<DescriptorInput> m_buffer;
  std::optional<std::istream> m_stream;
};

// What every command that prices a scenario shares: the scenario, the offerings, an output file.
struct ScenarioCommand {
  CLI::App* app = nullptr;
  cli::ScenarioFlags scenario;
  std::vector<std::string> offerings;
  std::string output;

  ScenarioCommand(CLI::App& parent, const char* name, const char* description, const char* examples) {
    app = parent.add_subcommand(name, description);
    scenario.add_to(*app);
    app->add_option("--offering", offerings, "Offering id or glob (aws.*, *.lambda.*); repeatable")
        ->type_name("ID|GLOB");
    app->add_option("--output", output, "Write to FILE (whole or not at all) instead of stdout")->type_name("FILE");
    app->footer(examples);
  }

  std::vector<const Offering*> selected(const Catalogue& catalogue) const {
    return offerings.empty() ? catalogue.defaults() : catalogue.select(offerings);
  }
};

// --from/--to as counts (3M, 1e9), parsed here and checked by the library.
struct RangeFlags {
  std::string from;
  std::string to;
  CLI::Option* from_option = nullptr;
  CLI::Option* to_option = nullptr;

  void add_to(CLI::App& command, const char* to_help) {
    from_option =
        command.add_option("--from", from, "Start of the range in requests/month (default 0)")->type_name("N");
    to_option = command.add_option("--to", to, to_help)->type_name("N");
  }

  static std::optional<double> count(const CLI::Option* option, const std::string& text, const char* flag) {
    if (option->count() == 0) {
      return std::nullopt;
    }
    if (auto value = parse_count(text)) {
      return *value;
    }
    throw Error(flag, "", fmt::format("\"{}\" is not a number of requests (examples: 0, 3M, 2.5B, 1e9)", text));
  }
  std::optional<double> from_value() const { return count(from_option, from, "--from"); }
  std::optional<double> to_value() const { return count(to_option, to, "--to"); }
};

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"breakeven: what a deployment really costs as VMs, Kubernetes, serverless containers or "
               "serverless functions, and at what traffic one starts costing more than another.",
               "breakeven"};
  app.set_version_flag("--version", "breakeven " BREAKEVEN_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  app.footer(
      "Examples:\n"
      "  breakeven compare --requests 50M --duration-ms 120 --memory-mb 512\n"
      "  breakeven compare --scenario examples/scenarios/api.json --breakdown\n"
      "  breakeven crossover --duration-ms 120 --cpu-ms 20 --offering aws.lambda.arm --offering aws.ec2.m7g.large\n"
      "  breakeven curve --scenario examples/scenarios/api.json --log --to 10B --plot\n"
      "  breakeven pricing list\n\n"
      "Exit codes: 0 success, 2 bad usage or bad input (one line on stderr).");

  GlobalOptions global;
  app.add_option("--pricing", global.pricing_files, "Extra rate table (JSON); overrides offerings by id; repeatable")
      ->type_name("FILE");
  app.add_option("--format", global.format,
                 "Output format: table, csv, tsv, json, markdown (compare also: jsonl; curve also: svg)")
      ->type_name("F");
  app.add_option("--color", global.color, "Colour tables: auto (default; honours NO_COLOR), always, never")
      ->type_name("WHEN");

  ScenarioCommand compare_cmd(app, "compare", "Monthly cost of each offering at one scenario, cheapest first",
                              "Examples:\n"
                              "  breakeven compare --requests 50M --duration-ms 120 --memory-mb 512\n"
                              "  breakeven compare --rps 200 --offering 'aws.*' --breakdown\n"
                              "  breakeven compare --scenario examples/scenarios/api.json --format json\n"
                              "  cat scenarios.jsonl | breakeven compare --scenario - --format jsonl   # one per line");
  bool breakdown = false;
  bool keep_going = false;
  compare_cmd.app->add_flag("--breakdown", breakdown, "Show every line item");
  compare_cmd.app->add_flag("--keep-going", keep_going,
                            "With --scenario -: report a bad record on stderr and go on (exit 2 at the end)");

  ScenarioCommand curve_cmd(
      app, "curve", "Cost of each offering across a range of monthly requests",
      "Examples:\n"
      "  breakeven curve --duration-ms 120 --offering aws.lambda.arm --offering aws.ec2.m7g.large "
      "--to 200M --plot\n"
      "  breakeven curve --scenario examples/scenarios/api.json --log --from 1M --to 10B --format "
      "svg --output api.svg\n"
      "  breakeven curve --duration-ms 50 --points 1000 --format csv");
  RangeFlags curve_range;
  curve_range.add_to(*curve_cmd.app, "End of the range in requests/month (default 1B)");
  int points = 50;
  bool log_scale = false;
  bool plot = false;
  bool ascii = false;
  curve_cmd.app->add_option("--points", points, "How many request counts to price, 2 to 1000000 (default 50)")->type_name("K");
  curve_cmd.app->add_flag("--log", log_scale, "Space the request counts logarithmically");
  curve_cmd.app->add_flag("--plot", plot, "Draw a chart in the terminal (80 columns) instead of a table");
  curve_cmd.app->add_flag("--ascii", ascii, "With --plot: plain ASCII instead of Unicode");

  ScenarioCommand crossover_cmd(
      app, "crossover", "Where two offerings swap places: every crossing and the break-even threshold",
      "Examples:\n"
      "  breakeven crossover --duration-ms 120 --cpu-ms 20 --offering aws.lambda.arm --offering aws.ec2.m7g.large\n"
      "  breakeven crossover --scenario examples/scenarios/api.json            # every serverless vs provisioned pair\n"
      "  breakeven crossover --duration-ms 120 --offering '*.lambda.*' --offering aws.eks --format json");
  RangeFlags crossover_range;
  crossover_range.add_to(*crossover_cmd.app, "End of the range (default: far enough to show every crossing)");

  ScenarioCommand check_cmd(
      app, "check", "Fail (exit 1) when a deployment's monthly cost breaks its budget: for CI",
      "Examples:\n"
      "  breakeven check --scenario examples/scenarios/api.json --offering aws.lambda.arm --max-monthly-cost 100\n"
      "  breakeven check --budget examples/ci/budget.json --format markdown > comment.md\n"
      "  breakeven check --budget examples/ci/budget.json --baseline previous.json --junit checks.xml\n"
      "  breakeven check --budget examples/ci/budget.json --requests 200M   # every check at 200M requests\n\n"
      "Exit codes: 0 every check holds, 1 a check failed, 2 bad input.");
  std::string max_monthly_cost;
  std::string budget_file;
  std::string baseline_file;
  std::string junit_file;
  auto* max_cost_option =
      check_cmd.app->add_option("--max-monthly-cost", max_monthly_cost, "Budget in USD for each selected offering")
          ->type_name("USD");
  auto* budget_option =
      check_cmd.app->add_option("--budget", budget_file, "Budget file (JSON): named checks with their limits")
          ->type_name("FILE");
  check_cmd.app->add_option("--baseline", baseline_file, "JSON output of an earlier check: show and limit increases")
      ->type_name("FILE");
  check_cmd.app->add_option("--junit", junit_file, "Also write JUnit XML (one test case per check)")->type_name("FILE");

  auto* pricing_cmd = app.add_subcommand("pricing", "List, show and validate rate tables");
  pricing_cmd->require_subcommand(1);
  auto* list_cmd = pricing_cmd->add_subcommand("list", "Every offering: id, kind, provider, region, as_of");
  auto* show_cmd = pricing_cmd->add_subcommand("show", "An offering's charges, tiers, billing rules and limits");
  std::string show_id;
  show_cmd->add_option("id", show_id, "Offering id, e.g. aws.lambda.arm")->required();
  auto* validate_cmd = pricing_cmd->add_subcommand("validate", "Check rate-table files without using them");
  std::vector<std::string> validate_files;
  validate_cmd->add_option("files", validate_files, "Rate-table JSON files")->required();
  pricing_cmd->footer("Examples:\n"
                      "  breakeven pricing list --format csv\n"
                      "  breakeven pricing show aws.lambda.arm\n"
                      "  breakeven pricing validate my-prices.json");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
      int code = app.exit(e); // --help, --version
      std::cout.flush();
      if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0 || !std::cout) {
        std::fprintf(stderr, "breakeven: error: <stdout>: %s\n", write_failed(errno).c_str());
        return k_exit_bad_input;
      }
      return code;
    }
    std::string message = e.what();
    std::fprintf(stderr, "breakeven: error: %s (see breakeven --help)\n", message.c_str());
    return k_exit_bad_input;
  }

  try {
    Format format = chosen_format(global);
    RenderOptions options;
    options.color = use_color(global) && format == Format::table;
    options.breakdown = breakdown;
    if (compare_cmd.app->parsed() && compare_cmd.scenario.reads_stdin()) {
      // A stream of scenarios (one object or JSON Lines): each is priced and written as it
      // comes, so memory stays flat however many lines arrive.
      Catalogue catalogue = load_catalogue(global);
      auto offerings = compare_cmd.selected(catalogue);
      options.color = options.color && compare_cmd.output.empty();
      // Without --keep-going a bad record must stop the run before anything is written, so
      // standard input is spooled to a temporary file (disk, not memory) and read twice: once
      // to check every record, once to price them.
      SpooledInput input(std::cin, !keep_going);
      if (!keep_going) {
        ScenarioStream check(input.stream(), "<stdin>");
        while (auto scenario = check.next()) {
          compare_cmd.scenario.apply(*scenario);
          check_complete(*scenario, fmt::format("<stdin> record {}", check.records()));
        }
        input.check_read();
        input.rewind();
      }
      OutputSink sink(compare_cmd.output);
      CompareStream writer(format, options);
      ScenarioStream stream(input.stream(), "<stdin>");
      bool skipped = false;
      while (true) {
        std::optional<CompareReport> report; // --keep-going skips a bad record, never a failed write
        try {
          auto scenario = stream.next();
          if (!scenario) {
            break;
          }
          compare_cmd.scenario.apply(*scenario);
          check_complete(*scenario, fmt::format("<stdin> record {}", stream.records()));
          report = compare(catalogue, offerings, *scenario);
        } catch (const Error& e) {
          if (!keep_going) {
            throw;
          }
          std::fprintf(stderr, "breakeven: error: %s (skipped)\n", e.what());
          skipped = true;
        }
        if (report) {
          sink.write(writer.add(*report));
        }
      }
      input.check_read();
      sink.write(writer.finish());
      sink.finish();
      sink.commit();
      return skipped ? k_exit_bad_input : k_exit_ok;
    }
    if (compare_cmd.app->parsed()) {
      Catalogue catalogue = load_catalogue(global);
      Scenario scenario = compare_cmd.scenario.resolve();
      auto offerings = compare_cmd.selected(catalogue);
      options.color = options.color && compare_cmd.output.empty();
      emit(render_compare(compare(catalogue, offerings, scenario), format, options), compare_cmd.output);
    } else if (curve_cmd.app->parsed()) {
      Catalogue catalogue = load_catalogue(global);
      auto offerings = curve_cmd.selected(catalogue);
      std::vector<CurveReport> reports;
      for (const auto& scenario : curve_cmd.scenario.scenarios(false)) { // the curve varies the traffic
        reports.push_back(
            curve(catalogue, offerings, scenario, curve_range.from_value(), curve_range.to_value(), points, log_scale));
      }
      if (plot && reports.size() > 1) {
        throw Error("--plot", "", "draws one scenario; give one, or use --format table, json or markdown");
      }
      std::string text = plot ? render_curve_plot(reports.front(), 80, ascii) : render_curves(reports, format, options);
      emit(text, curve_cmd.output);
    } else if (crossover_cmd.app->parsed()) {
      Catalogue catalogue = load_catalogue(global);
      auto offerings = crossover_cmd.selected(catalogue);
      std::vector<CrossoverReport> reports;
      for (const auto& scenario : crossover_cmd.scenario.scenarios(false)) {
        reports.push_back(
            crossover(catalogue, offerings, scenario, crossover_range.from_value(), crossover_range.to_value()));
      }
      emit(render_crossovers(reports, format, options), crossover_cmd.output);
    } else if (check_cmd.app->parsed()) {
      Catalogue catalogue = load_catalogue(global);
      Budget budget;
      if (budget_option->count() > 0) {
        if (max_cost_option->count() > 0) {
          throw Error("--max-monthly-cost", "", "give either --budget FILE or --max-monthly-cost, not both");
        }
        if (!check_cmd.offerings.empty()) {
          throw Error("--offering", "", "a budget file names its own offerings; drop --offering");
        }
        budget = load_budget_file(budget_file);
        for (auto& check : budget.checks) {
          check_cmd.scenario.apply(check.scenario); // flags override every check's scenario
        }
      } else if (max_cost_option->count() > 0) {
        auto limit = parse_count(max_monthly_cost);
        if (!limit || *limit < 0) {
          throw Error("--max-monthly-cost", "",
                      fmt::format("\"{}\" is not an amount of dollars (examples: 500, 1250.50, 2k)", max_monthly_cost));
        }
        // One scenario, or with --scenario - any number of them (JSON Lines): a check for each
        // scenario and selected offering, named "<scenario> / <offering>" when there are several.
        std::vector<Scenario> scenarios = check_cmd.scenario.scenarios();
        for (std::size_t i = 0; i < scenarios.size(); ++i) {
          if (scenarios[i].name.empty()) {
            scenarios[i].name = fmt::format("record {}", i + 1);
          }
        }
        for (const auto& scenario : scenarios) {
          for (const Offering* offering : check_cmd.selected(catalogue)) {
            BudgetCheck check;
            check.name = scenarios.size() == 1 ? offering->id : fmt::format("{} / {}", scenario.name, offering->id);
            check.offering = offering->id;
            check.scenario = scenario;
            check.max_monthly_cost = *limit;
            check.origin = "--offering";
            budget.checks.push_back(std::move(check));
          }
        }
      } else {
        throw Error("check", "", "needs a limit: --max-monthly-cost USD or --budget FILE");
      }
      std::optional<Baseline> baseline;
      if (!baseline_file.empty()) {
        baseline = parse_baseline(read_text_file(baseline_file), baseline_file);
      }
      CheckReport report = run_checks(catalogue, budget, baseline);
      std::string text = render_check(report, format, options);
      // The report and the JUnit file appear together or not at all: neither is in place until
      // both are written.
      OutputSink output(check_cmd.output);
      if (junit_file.empty()) {
        emit_together({{output, text}});
      } else {
        OutputSink junit(junit_file);
        if (junit.revocable() && junit.target() == output.target()) {
          throw Error("--junit", "", "names the same file as --output");
        }
        emit_together({{output, text}, {junit, render_junit(report)}});
      }
      return report.ok ? k_exit_ok : k_exit_check_failed;
    } else if (list_cmd->parsed()) {
      emit(render_pricing_list(load_catalogue(global), format), "");
    } else if (show_cmd->parsed()) {
      Catalogue catalogue = load_catalogue(global);
      emit(render_offering(catalogue, catalogue.get(show_id, "pricing show"), format), "");
    } else if (validate_cmd->parsed()) {
      std::string report;
      for (const auto& file : validate_files) {
        Catalogue catalogue = load_catalogue(global);
        RateTable table = load_rate_table_file(file);
        std::size_t offerings = table.offerings.size();
        std::size_t components = table.components.size();
        catalogue.add(std::move(table));
        catalogue.check_references();
        report += fmt::format("{}: ok ({} offerings, {} components)\n", file, offerings, components);
      }
      emit(report, "");
    }
  } catch (const Error& e) {
    std::fprintf(stderr, "breakeven: error: %s\n", e.what());
    return k_exit_bad_input;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "breakeven: internal error (please report): %s\n", e.what());
    return k_exit_bug;
  }
  return k_exit_ok;
}
