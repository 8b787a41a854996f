#pragma once
// What the CLI says about its own use: the help sections CLI11 does not write (the global options
// a command takes, the offerings it compares by default) and, when a command line does not parse,
// one line naming what is wrong, with a did-you-mean for a mistyped command or option.

#include <CLI/CLI.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace breakeven::cli {

/// How a command uses the global options, for the "Global options" section of its --help.
struct GlobalOptionsHelp {
  std::string_view pricing{}; ///< what --pricing does here; empty when it does not apply
  std::string_view formats{}; ///< the --format values it writes; empty when --format does not apply
  bool color = true;          ///< whether it colours a table (--color)
  std::string_view note{};    ///< a line after the options (what does not apply, and why), or empty
};

/// The "Global options" section of a command's --help, lines aligned as CLI11 aligns options.
/// Example: `global_options_help({.pricing = "...", .formats = "table (default), json"})`.
std::string global_options_help(const GlobalOptionsHelp& use);

/// The section saying which offerings a command prices when none are named: the ids the bundled
/// tables mark default, as `breakeven pricing list` shows them, read from the compiled-in index.
/// `when` says when the default applies ("without --offering").
std::string default_offerings_help(std::string_view when);

/// The name `typed` most likely meant among `names`: the closest plausible typo (closest_match),
/// else the one name that begins with `typed` (two characters or more), or nothing.
/// Example: `suggest_name("duraton-ms", names) == "duration-ms"`; `suggest_name("cross", ...)`
/// gives "crossover".
std::optional<std::string> suggest_name(std::string_view typed, std::span<const std::string> names);

/// Why the command line did not parse, read from the arguments and the commands and options
/// `root` knows: an unknown command or option (with a did-you-mean, or the commands that take
/// the option), an unexpected argument, a missing command or argument.
struct UsageError {
  std::string command;                ///< the command reached ("pricing list"; empty: the program)
  std::optional<std::string> message; ///< what is wrong; none when nothing found (CLI11's stands)
};
/// `arguments` are the command line after the program name. Call it once CLI11 has failed: it
/// only explains, and finds nothing wrong in what CLI11 rejects for other reasons (a bad value).
UsageError explain_usage_error(const CLI::App& root, std::span<char* const> arguments);

} // namespace breakeven::cli
