#pragma once

#include <stdexcept>
#include <string>

namespace breakeven {

/// The library's one error type: where the bad input is (a source such as a file name or a
/// command-line flag, and a JSON path inside it) and what is wrong with it.
///
/// `what()` reads `<source>: <path>: <message>` (parts that are empty are left out), which is
/// what the CLI prints after `breakeven: error: `.
/// Example: `Error{"aws.json", "$.offerings[2].charges[0].unit_price", "must not be negative"}`.
class Error : public std::runtime_error {
public:
  Error(std::string source, std::string path, std::string message);

  /// The file name, `<stdin>`, `<bundled>/...` or the command-line flag the bad value came from.
  const std::string& source() const noexcept { return m_source; }
  /// The JSON path of the bad value (`$.offerings[3].kind`), or empty.
  const std::string& path() const noexcept { return m_path; }
  /// What is wrong, with a suggestion where one helps.
  const std::string& message() const noexcept { return m_message; }

private:
  std::string m_source;
  std::string m_path;
  std::string m_message;
};

} // namespace breakeven
