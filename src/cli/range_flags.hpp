#pragma once
// The flags of ranged scenarios: how compare samples them (--samples, --seed, --distribution)
// and which end of a band check holds to a budget (--at). Parsing only: the library decides
// what is valid.

#include <breakeven/error.hpp>
#include <breakeven/ranges.hpp>
#include <breakeven/text.hpp>

#include "scenario_flags.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <string>

namespace breakeven::cli {

// --samples, --seed and --distribution: how compare samples a scenario's ranges.
struct SamplingFlags {
  std::string samples;
  std::string seed;
  std::string distribution;
  CLI::Option* samples_option = nullptr;
  CLI::Option* seed_option = nullptr;
  CLI::Option* distribution_option = nullptr;

  /// Sets up the flags `wanted` says are on the command line.
  void add_to(CLI::App& command, const OnCommandLine& wanted) {
    WantedOptions options(command, wanted);
    samples_option =
        options.option("--samples", samples, "With ranges: scenarios sampled for P(CHEAPEST) (default 10000)", "N");
    seed_option =
        options.option("--seed", seed, "With ranges: the sampling seed (default 1; same seed, same output)", "S");
    distribution_option = options.option("--distribution", distribution,
                                         "With ranges: how a field is sampled, triangular (default) or uniform", "D");
  }

  /// The first of --samples, --seed and --distribution given, or nullptr.
  const char* given() const {
    if (cli::given(samples_option)) {
      return "--samples";
    }
    if (cli::given(seed_option)) {
      return "--seed";
    }
    return cli::given(distribution_option) ? "--distribution" : nullptr;
  }

  /// The sampling the flags ask for, on `threads` threads.
  SamplingOptions options(unsigned threads) const {
    SamplingOptions options;
    options.threads = static_cast<int>(threads);
    if (cli::given(samples_option)) {
      auto value = parse_count(samples);
      if (!value) {
        throw Error("--samples", "", fmt::format("\"{}\" is not a number (examples: 10000, 100k)", samples));
      }
      check_samples(*value, "--samples");
      options.samples = static_cast<int>(*value);
    }
    if (cli::given(seed_option)) {
      auto value = parse_count(seed);
      if (!value || *value < 0 || *value > 9007199254740992.0 || *value != std::floor(*value)) {
        throw Error("--seed", "", fmt::format("\"{}\" is not a whole number from 0 to 2^53", seed));
      }
      options.seed = static_cast<std::uint64_t>(*value);
    }
    if (cli::given(distribution_option)) {
      auto parsed = parse_distribution(distribution);
      if (!parsed) {
        throw Error("--distribution", "", fmt::format("\"{}\" is not triangular or uniform", distribution));
      }
      options.distribution = *parsed;
    }
    return options;
  }
};

// "low", "expected" or "high" (check --at).
inline RangeEnd parse_range_end(const std::string& text, const char* flag) {
  if (text == "low") {
    return RangeEnd::low;
  }
  if (text == "expected") {
    return RangeEnd::expected;
  }
  if (text == "high") {
    return RangeEnd::high;
  }
  throw Error(flag, "", fmt::format("\"{}\" is not low, expected or high", text));
}

} // namespace breakeven::cli
