// Shared helpers of the commands. Part of cli/.
#include "cli/common.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#ifndef NEWSGRAPH_SOURCE_DATA_DIR
#define NEWSGRAPH_SOURCE_DATA_DIR "."
#endif

namespace newsgraph::cli {

int usage_error(const std::string& msg) {
  std::fprintf(stderr, "newsgraph: %s\nTry 'newsgraph --help'.\n", msg.c_str());
  return kExitUsage;
}

std::string default_data_dir() {
  if (const char* env = std::getenv("NEWSGRAPH_DATA"); env && *env) return env;
  // Installed beside the program (bin/../share/newsgraph) or the source tree.
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto share = exe.parent_path().parent_path() / "share" / "newsgraph";
    if (std::filesystem::exists(share / "extract" / "patterns", ec)) return share.string();
  }
  return NEWSGRAPH_SOURCE_DATA_DIR;
}

std::optional<rdf::Syntax> input_syntax(const std::string& path, const std::optional<rdf::Syntax>& forced) {
  if (forced) return forced;
  rdf::Syntax syntax{};
  if (rdf::syntax_from_extension(path, syntax)) return syntax;
  std::fprintf(stderr, "%s: error: unknown extension (.ttl .nt .nq .trig), or give --format; skipped\n", path.c_str());
  return std::nullopt;
}

Status write_output(const std::string& path, const std::function<Status(std::FILE*)>& write) {
  if (path.empty()) {
    if (auto st = write(stdout); !st) return Status(st.code(), "stdout: " + st.message());
    return Status::ok();
  }
  std::string tmp = path + ".tmp-XXXXXX";
  const int fd = mkstemp(tmp.data());
  std::FILE* f = fd >= 0 ? fdopen(fd, "wb") : nullptr;
  if (!f) {
    const std::string why = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    return Status(Code::IoError, path + ": cannot create: " + why);
  }
  Status st = write(f);
  if (std::fclose(f) != 0 && st) st = Status(Code::IoError, std::strerror(errno));
  if (st && std::rename(tmp.c_str(), path.c_str()) != 0) st = Status(Code::IoError, std::strerror(errno));
  if (!st) {
    std::remove(tmp.c_str());
    return Status(st.code(), path + ": " + st.message());
  }
  return Status::ok();
}

int write_text(const std::string& path, const std::string& text) {
  if (auto st = write_output(path, [&](std::FILE* f) {
        if (std::fwrite(text.data(), 1, text.size(), f) != text.size()) return Status(Code::IoError, "write failed");
        return Status::ok();
      });
      !st) {
    std::fprintf(stderr, "newsgraph: %s\n", st.str().c_str());
    return kExitOutput;
  }
  return kExitOk;
}

}  // namespace newsgraph::cli
