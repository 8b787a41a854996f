#pragma once
// Setting up a subcommand's options only when they are on the command line (why, and what
// happens when a parse needs the others: Setup in main.cpp).

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <utility>

namespace breakeven::cli {

/// Says whether a flag is on the command line; empty: set every flag up.
using OnCommandLine = std::function<bool(std::string_view flag)>;

/// Whether an option was given; an option not set up (nullptr: not on the command line) was not.
inline bool given(const CLI::Option* option) {
  return option != nullptr && option->count() > 0;
}

/// Adds options and flags to a subcommand, each only when `on_command_line` says it is there (or
/// every one when that is empty), each in `group` when one is named: the name is written once.
/// Each returns the option, or nullptr when it is not set up, which given() reads as not given.
/// The texts are C strings, so that an option not set up costs no string.
class WantedOptions {
public:
  WantedOptions(CLI::App& command, OnCommandLine on_command_line, std::string group = {})
      : m_command(command), m_on_command_line(std::move(on_command_line)), m_group(std::move(group)) {}

  /// `--name VALUE`, its value shown in help as `type_name`.
  template <class T>
  CLI::Option* option(const char* name, T& value, const char* help, const char* type_name) {
    return wanted(name) ? grouped(m_command.add_option(name, value, help)->type_name(type_name)) : nullptr;
  }

  /// `--name`, with no value.
  CLI::Option* flag(const char* name, bool& value, const char* help) {
    return wanted(name) ? grouped(m_command.add_flag(name, value, help)) : nullptr;
  }

private:
  bool wanted(std::string_view name) const { return !m_on_command_line || m_on_command_line(name); }
  CLI::Option* grouped(CLI::Option* option) const { return m_group.empty() ? option : option->group(m_group); }

  CLI::App& m_command;
  OnCommandLine m_on_command_line;
  std::string m_group;
};

} // namespace breakeven::cli
