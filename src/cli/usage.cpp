#include "usage.hpp"

#include <breakeven/catalogue.hpp>
#include <breakeven/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <sstream>
#include <vector>

namespace breakeven::cli {

namespace {

constexpr std::size_t k_help_column = 30; // where CLI11's help puts an option's description
constexpr std::size_t k_help_width = 100; // lines of ids are wrapped to fit this

// "pricing list" for that subcommand, "" for the program.
std::string command_path(const CLI::App* app) {
  std::string path;
  for (; app != nullptr && app->get_parent() != nullptr; app = app->get_parent()) {
    path = path.empty() ? app->get_name() : app->get_name() + " " + path;
  }
  return path;
}

// "compare: " for a subcommand, "" for the program: how an error names where it is.
std::string where(const CLI::App* app) {
  std::string path = command_path(app);
  return path.empty() ? path : path + ": ";
}

std::string see_help(const CLI::App* app) {
  std::string path = command_path(app);
  return path.empty() ? "see breakeven --help" : fmt::format("see breakeven {} --help", path);
}

// The option `name` ("--format") as `app` reads it: its own, or (fallthrough) a parent's.
const CLI::Option* find_option(const CLI::App* app, const std::string& name) {
  for (; app != nullptr; app = app->get_parent()) {
    if (const CLI::Option* option = app->get_option_no_throw(name); option != nullptr && option->nonpositional()) {
      return option;
    }
  }
  return nullptr;
}

const CLI::App* find_subcommand(const CLI::App* app, std::string_view name) {
  for (const CLI::App* sub : app->get_subcommands({})) {
    if (sub->get_name() == name) {
      return sub;
    }
  }
  return nullptr;
}

// Every long option name `app` reads, its parents' included, without the dashes.
std::vector<std::string> long_option_names(const CLI::App* app) {
  std::vector<std::string> names;
  for (; app != nullptr; app = app->get_parent()) {
    for (const CLI::Option* option : app->get_options({})) {
      names.insert(names.end(), option->get_lnames().begin(), option->get_lnames().end());
    }
  }
  return names;
}

// Every command under `app` (depth first), with its path.
void commands_under(const CLI::App* app, std::vector<const CLI::App*>& out) {
  for (const CLI::App* sub : app->get_subcommands({})) {
    out.push_back(sub);
    commands_under(sub, out);
  }
}

// "compare, curve and check"
std::string listed(const std::vector<std::string>& items, std::string_view last_join) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) {
    text += i == 0 ? "" : (i + 1 == items.size() ? last_join : std::string_view(", "));
    text += items[i];
  }
  return text;
}

std::string unknown_option(const CLI::App* root, const CLI::App* app, const std::string& name) {
  std::string head = fmt::format("{}unknown option \"{}\"", where(app), name);
  if (name.starts_with("--")) {
    std::vector<std::string> names = long_option_names(app);
    if (auto suggestion = suggest_name(std::string_view(name).substr(2), names)) {
      return fmt::format("{} (did you mean --{}?)", head, *suggestion);
    }
  }
  // An option of other commands: say which take it (a scenario flag given to `pricing list`),
  // and, when they are all under this one, that it goes after the command.
  std::vector<const CLI::App*> commands;
  commands_under(root, commands);
  std::vector<std::string> takers;
  bool all_below = true;
  for (const CLI::App* command : commands) {
    if (command->get_option_no_throw(name) != nullptr) {
      takers.push_back(command_path(command));
      const CLI::App* up = command->get_parent();
      while (up != nullptr && up != app) {
        up = up->get_parent();
      }
      all_below = all_below && up == app;
    }
  }
  if (!takers.empty()) {
    return fmt::format("{} (an option of {}{})", head, listed(takers, " and "),
                       all_below ? "; give it after the command" : "");
  }
  return fmt::format("{} ({})", head, see_help(app));
}

std::string unknown_command(const CLI::App* root, const CLI::App* app, const std::string& name) {
  std::string head = fmt::format("{}unknown command \"{}\"", where(app), name);
  std::vector<std::string> names;
  for (const CLI::App* sub : app->get_subcommands({})) {
    names.push_back(sub->get_name());
  }
  if (auto suggestion = suggest_name(name, names)) {
    return fmt::format("{} (did you mean {}?)", head, *suggestion);
  }
  std::vector<const CLI::App*> commands;
  commands_under(root, commands);
  for (const CLI::App* command : commands) {
    if (command->get_name() == name) { // `breakeven list`: a command of a command
      return fmt::format("{} (did you mean {}?)", head, command_path(command));
    }
  }
  return fmt::format("{} (one of: {})", head, listed(names, ", "));
}

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

} // namespace

std::optional<std::string> suggest_name(std::string_view typed, std::span<const std::string> names) {
  if (auto closest = closest_match(typed, names)) {
    return closest;
  }
  std::optional<std::string> begun;
  for (const auto& name : names) {
    if (typed.size() >= 2 && name.size() > typed.size() && name.starts_with(typed)) {
      if (begun && *begun != name) {
        return std::nullopt; // the beginning of several: no one guess
      }
      begun = name;
    }
  }
  return begun;
}

std::string global_options_help(const GlobalOptionsHelp& use) {
  std::ostringstream out;
  if (!use.pricing.empty() || !use.formats.empty() || use.color) {
    out << "Global options (before or after the command):\n";
  }
  if (!use.pricing.empty()) {
    CLI::detail::format_help(out, "--pricing FILE ...", std::string(use.pricing), k_help_column);
  }
  if (!use.formats.empty()) {
    CLI::detail::format_help(out, "--format F", std::string(use.formats), k_help_column);
  }
  if (use.color) {
    CLI::detail::format_help(out, "--color WHEN", "Colour tables: auto (default; honours NO_COLOR), always, never",
                             k_help_column);
  }
  if (!use.note.empty()) {
    out << (out.tellp() > 0 ? "  " : "") << use.note << '\n';
  }
  return out.str();
}

std::string default_offerings_help(std::string_view when) {
  std::vector<std::string_view> ids;
  for (const auto& offering : bundled_offerings()) {
    if (offering.compare_by_default) {
      ids.push_back(offering.id);
    }
  }
  std::string text = fmt::format("Offerings: {}, the {} the bundled tables mark default (DEFAULT yes in\n"
                                 "`breakeven pricing list`; a --pricing table can change them):\n",
                                 when, ids.size());
  std::string line = " ";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    std::string item = fmt::format(" {}{}", ids[i], i + 1 == ids.size() ? "" : ",");
    if (line.size() + item.size() > k_help_width && line.size() > 1) {
      text += line + "\n";
      line = " ";
    }
    line += item;
  }
  return text + line + "\n";
}

UsageError explain_usage_error(const CLI::App& root, std::span<char* const> arguments) {
  const CLI::App* app = nullptr;
  std::vector<const CLI::Option*> positionals;
  std::size_t positional = 0; // the positional argument the next one fills
  std::size_t filled = 0;     // values it has
  auto enter = [&](const CLI::App* command) {
    app = command;
    positionals = app->get_options([](const CLI::Option* option) { return option->get_positional(); });
    positional = 0;
    filled = 0;
  };
  enter(&root);
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    std::string argument = arguments[i];
    if (argument == "--") {
      break; // positional arguments only from here: CLI11's message stands
    }
    bool is_option = argument.size() > 1 && argument[0] == '-' &&
                     (argument[1] == '-' ? argument.size() > 2 : std::isalpha(static_cast<unsigned char>(argument[1])));
    if (is_option) {
      std::string name = argument.substr(0, argument.find('='));
      const CLI::Option* option = find_option(app, name);
      if (option == nullptr) {
        return {command_path(app), unknown_option(&root, app, name)};
      }
      if (option->get_type_size_max() > 0 && name.size() == argument.size()) {
        ++i;                                  // its value, whatever it looks like (--requests -5)
        if (option->get_expected_max() > 1) { // and more, up to the next option or command
          while (i + 1 < arguments.size() && arguments[i + 1][0] != '-' &&
                 find_subcommand(app, arguments[i + 1]) == nullptr) {
            ++i;
          }
        }
      }
      continue;
    }
    if (const CLI::App* sub = find_subcommand(app, argument)) {
      enter(sub);
      continue;
    }
    while (positional < positionals.size() &&
           filled >= static_cast<std::size_t>(positionals[positional]->get_items_expected_max())) {
      ++positional;
      filled = 0;
    }
    if (positional < positionals.size()) {
      ++filled;
      continue;
    }
    if (!app->get_subcommands({}).empty()) {
      return {command_path(app), unknown_command(&root, app, argument)};
    }
    return {command_path(app), fmt::format("{}unexpected argument \"{}\" ({})", where(app), argument, see_help(app))};
  }
  if (app->get_require_subcommand_min() > 0) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app->get_subcommands({})) {
      names.push_back(sub->get_name());
    }
    return {command_path(app),
            fmt::format("{}a command is required, one of: {} ({})", where(app), listed(names, ", "), see_help(app))};
  }
  for (std::size_t k = positional; k < positionals.size(); ++k) {
    if (positionals[k]->get_required() && (k > positional || filled == 0)) {
      return {command_path(app),
              fmt::format("{}missing {} ({})", where(app), upper(positionals[k]->get_name()), see_help(app))};
    }
  }
  return {command_path(app), std::nullopt};
}

} // namespace breakeven::cli
