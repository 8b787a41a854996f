#pragma once
// Where the CLI's output goes and where its input comes from: standard output, or a file that
// appears whole or not at all (devices and FIFOs written in place), output held back in an
// anonymous temporary file until it may be written, and standard input read straight from its
// descriptor. Every write is checked; a failure is an Error naming the file or <stdout>.

#include <breakeven/error.hpp>

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <initializer_list>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace breakeven::cli {

// What a failed write says: `write failed: No space left on device`.
inline std::string write_failed(int error) {
  return fmt::format("write failed: {}", std::strerror(error));
}

// Writes all of `data` to `fd`; 0 or the errno of the write that failed.
inline int write_all(int fd, std::string_view data) {
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
inline std::string follow_links(const std::string& path) {
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
inline bool is_open_as(const struct stat& info, int fd) {
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
inline void emit_together(std::initializer_list<Emission> outputs) {
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
inline void emit(const std::string& text, const std::string& output_path) {
  OutputSink sink(output_path);
  emit_together({{sink, text}});
}

// An anonymous temporary file in TMPDIR (O_TMPFILE, or mkstemp and an immediate unlink), open
// for reading and writing: it has no name to plant a link at, and nothing is left behind however
// the run ends. Throws naming the directory.
inline int anonymous_temporary_file() {
  const char* tmpdir = std::getenv("TMPDIR");
  std::string directory = tmpdir != nullptr && *tmpdir != '\0' ? tmpdir : "/tmp";
  int fd = ::open(directory.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0) { // a kernel or file system without O_TMPFILE
    std::string pattern = (std::filesystem::path(directory) / "breakeven-stdin-XXXXXX").string();
    fd = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (fd < 0) {
      throw Error(
          directory, "",
          fmt::format("cannot create a temporary file for standard input: {} (see TMPDIR)", std::strerror(errno)));
    }
    ::unlink(pattern.c_str());
  }
  return fd;
}

// Text held back until it may be written: the first 64 KiB in memory, the rest in an anonymous
// temporary file (created up front, so a missing TMPDIR is found before any work), so memory
// stays flat however much is held.
class OutputSpool {
public:
  OutputSpool() : m_fd(anonymous_temporary_file()) {}
  OutputSpool(const OutputSpool&) = delete;
  OutputSpool& operator=(const OutputSpool&) = delete;
  ~OutputSpool() { ::close(m_fd); }

  void write(std::string_view text) {
    if (m_buffer.size() + text.size() > k_buffer_bytes) {
      spill(m_buffer);
      m_buffer.clear();
      if (text.size() > k_buffer_bytes) {
        spill(text);
        return;
      }
    }
    m_buffer.append(text);
  }

  // Writes everything held, in order, to `sink`.
  template <typename Sink>
  void copy_to(Sink& sink) {
    if (m_spilled) {
      if (::lseek(m_fd, 0, SEEK_SET) != 0) {
        throw read_back_failed(errno);
      }
      std::string chunk(k_buffer_bytes, '\0');
      while (true) {
        ssize_t got = ::read(m_fd, chunk.data(), chunk.size());
        if (got < 0 && errno == EINTR) {
          continue;
        }
        if (got < 0) {
          throw read_back_failed(errno);
        }
        if (got == 0) {
          break;
        }
        sink.write(std::string_view(chunk.data(), static_cast<std::size_t>(got)));
      }
    }
    sink.write(m_buffer);
  }

private:
  static constexpr std::size_t k_buffer_bytes = 64 * 1024;
  int m_fd;
  bool m_spilled = false;
  std::string m_buffer;

  void spill(std::string_view text) {
    if (int error = write_all(m_fd, text); error != 0) {
      throw Error("<stdin>", "", fmt::format("cannot spool the output: {}", std::strerror(error)));
    }
    m_spilled = m_spilled || !text.empty();
  }
  static Error read_back_failed(int error) {
    return Error("<stdin>", "", fmt::format("cannot read back the spooled output: {}", std::strerror(error)));
  }
};

// A read-only stream buffer over a file descriptor; a read error ends the input, as it does for
// std::cin.
class DescriptorInput : public std::streambuf {
public:
  explicit DescriptorInput(int fd) : m_fd(fd) { setg(m_buffer.data(), m_buffer.data(), m_buffer.data()); }

protected:
  int_type underflow() override {
    ssize_t got = 0;
    do {
      got = ::read(m_fd, m_buffer.data(), m_buffer.size());
    } while (got < 0 && errno == EINTR);
    if (got <= 0) {
      return traits_type::eof();
    }
    setg(m_buffer.data(), m_buffer.data(), m_buffer.data() + got);
    return traits_type::to_int_type(*gptr());
  }

private:
  int m_fd;
  std::array<char, 64 * 1024> m_buffer{};
};

} // namespace breakeven::cli
