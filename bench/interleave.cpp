// Runs several commands in interleaved rounds and prints each one's median wall and CPU time.
//
// hyperfine runs all of one command, then all of the next: on a VM whose speed drifts by a
// fifth over a minute, and whose idle page cache is reclaimed now and then (a binary then pays
// major faults for a while), a ratio of two sub-millisecond commands measured minutes apart
// reads either way. Here each round runs every command once, in an order shuffled for the
// round, so that all of them meet the same drift; the medians ignore the rounds a neighbour or
// a fault slowed down.
//
// Usage: interleave [--sequential] ROUNDS WARMUP COMMAND...
//   --sequential: all the runs of the first command, then all of the next, as hyperfine does
//   (the same clock and the same medians; only the order differs).
//   Each COMMAND is one argument, split on spaces into the program and its arguments (no shell,
//   so a * reaches the program as it is). Standard output and error go to /dev/null.
// Prints one line a command, tab-separated: the command, its median wall time, the first and
// third quartiles of the wall time, the median CPU time (user + system), in milliseconds, and
// the highest exit status seen.

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <numeric>
#include <random>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace {

struct Command {
  std::string text;
  std::vector<std::string> argv;
  std::vector<double> wall_ms;
  std::vector<double> cpu_ms;
  int worst_status = 0;
};

double now_ms() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double ms_of(const timeval& t) {
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3;
}

// One run: wall from the spawn to the child's exit as wait4 reports it, CPU from its rusage.
bool run_once(Command& command, const posix_spawn_file_actions_t& quiet, bool record) {
  std::vector<char*> argv;
  for (auto& a : command.argv) {
    argv.push_back(a.data());
  }
  argv.push_back(nullptr);
  double start = now_ms();
  pid_t pid = 0;
  if (posix_spawnp(&pid, argv[0], &quiet, nullptr, argv.data(), environ) != 0) {
    std::fprintf(stderr, "interleave: cannot run %s\n", argv[0]);
    return false;
  }
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) != pid) {
    std::fprintf(stderr, "interleave: wait4 failed for %s\n", argv[0]);
    return false;
  }
  double wall = now_ms() - start;
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  command.worst_status = std::max(command.worst_status, code);
  if (record) {
    command.wall_ms.push_back(wall);
    command.cpu_ms.push_back(ms_of(usage.ru_utime) + ms_of(usage.ru_stime));
  }
  return true;
}

// The q-quantile (0 to 1) by linear interpolation between the sorted values.
double quantile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  double at = q * static_cast<double>(values.size() - 1);
  auto low = static_cast<std::size_t>(at);
  std::size_t high = std::min(low + 1, values.size() - 1);
  return values[low] + (values[high] - values[low]) * (at - static_cast<double>(low));
}

} // namespace

int main(int argc, char** argv) {
  bool sequential = argc > 1 && std::string(argv[1]) == "--sequential";
  if (sequential) {
    --argc;
    ++argv;
  }
  if (argc < 4) {
    std::fprintf(stderr, "usage: interleave [--sequential] ROUNDS WARMUP COMMAND...\n");
    return 2;
  }
  int rounds = std::atoi(argv[1]);
  int warmup = std::atoi(argv[2]);
  if (rounds < 1 || warmup < 0) {
    std::fprintf(stderr, "interleave: ROUNDS must be at least 1 and WARMUP at least 0\n");
    return 2;
  }
  std::vector<Command> commands;
  for (int i = 3; i < argc; ++i) {
    Command command;
    command.text = argv[i];
    std::istringstream words(command.text);
    for (std::string word; words >> word;) {
      command.argv.push_back(word);
    }
    if (command.argv.empty()) {
      std::fprintf(stderr, "interleave: an empty command\n");
      return 2;
    }
    commands.push_back(std::move(command));
  }
  posix_spawn_file_actions_t quiet;
  posix_spawn_file_actions_init(&quiet);
  posix_spawn_file_actions_addopen(&quiet, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&quiet, 2, "/dev/null", O_WRONLY, 0);
  std::vector<std::size_t> order(commands.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  if (sequential) {
    for (auto& command : commands) {
      for (int run = 0; run < warmup + rounds; ++run) {
        if (!run_once(command, quiet, run >= warmup)) {
          return 1;
        }
      }
    }
  } else {
    std::mt19937 shuffle(12345); // the same orders every time
    for (int round = 0; round < warmup + rounds; ++round) {
      std::shuffle(order.begin(), order.end(), shuffle);
      for (std::size_t i : order) {
        if (!run_once(commands[i], quiet, round >= warmup)) {
          return 1;
        }
      }
    }
  }
  for (const auto& c : commands) {
    std::printf("%s\t%.4f\t%.4f\t%.4f\t%.4f\t%d\n", c.text.c_str(), quantile(c.wall_ms, 0.5), quantile(c.wall_ms, 0.25),
                quantile(c.wall_ms, 0.75), quantile(c.cpu_ms, 0.5), c.worst_status);
  }
  return 0;
}
