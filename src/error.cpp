#include <breakeven/error.hpp>

#include <breakeven/text.hpp>

namespace breakeven {
namespace {

std::string join_parts(const std::string& source, const std::string& path, const std::string& message) {
  std::string text;
  for (const std::string* part : {&source, &path}) {
    if (!part->empty()) {
      text += *part;
      text += ": ";
    }
  }
  // One line on a terminal, whatever a key, id or file name holds (escaping twice is harmless).
  return escape_controls(text + message);
}

} // namespace

Error::Error(std::string source, std::string path, std::string message)
    : std::runtime_error(join_parts(source, path, message)), m_source(std::move(source)), m_path(std::move(path)),
      m_message(std::move(message)) {}

} // namespace breakeven
