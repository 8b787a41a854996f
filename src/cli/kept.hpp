#pragma once
// The CLI's one-shot results (the catalogue, a command's report), kept to the end of the process
// rather than freed: the process ends right after printing them, and taking a catalogue and a
// report apart is thousands of frees for memory the exit returns anyway (6% of the instructions
// of advise over the catalogue). As compilers do with their syntax trees (clang's
// -disable-free). Held from a static pointer, so leak checkers see them as reachable. Never
// for what a stream makes once a record: memory must stay flat there.

#include <memory>
#include <utility>
#include <vector>

namespace breakeven::cli {

template <class T>
T& kept(T value) {
  static auto* held = new std::vector<std::shared_ptr<void>>(); // never freed, by design
  auto owned = std::make_shared<T>(std::move(value));
  held->push_back(owned);
  return *owned;
}

} // namespace breakeven::cli
