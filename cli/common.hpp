// Shared by the commands of the newsgraph program: exit statuses, usage
// errors, where the data files are, and writing an output file atomically.
// Part of cli/; nothing here is used by the library modules.
#pragma once

#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.hpp"
#include "export/graph.hpp"

namespace newsgraph::cli {

// Exit statuses, also in --help and the README.
inline constexpr int kExitOk = 0;       // every input read
inline constexpr int kExitSkipped = 1;  // some input could not be read and was skipped
inline constexpr int kExitUsage = 2;    // bad command line, rules or data files
inline constexpr int kExitOutput = 3;   // the output could not be written

/// Prints "newsgraph: MSG" and a hint to stderr; returns kExitUsage.
int usage_error(const std::string& msg);

/// $NEWSGRAPH_DATA, else share/newsgraph beside the program, else the source tree.
std::string default_data_dir();

/// Calls `write` on stdout when `path` is empty, else on a temporary file
/// beside `path` that is renamed over it only when everything succeeded, so a
/// failed run never leaves a half-written file in place of the old one.
Status write_output(const std::string& path, const std::function<Status(std::FILE*)>& write);

/// Writes `text` to `path` (stdout when empty) as write_output does; on
/// failure prints "newsgraph: ..." and returns kExitOutput, else kExitOk.
int write_text(const std::string& path, const std::string& text);

/// Walks a command's arguments: `for (Args it(args); it.next();)`, then
/// `it.arg()` is the current one and `it.value(out)` takes the one after it
/// as an option's value (false when there is none).
class Args {
 public:
  explicit Args(const std::vector<std::string>& args) : args_(args) {}
  bool next() { return ++i_ < args_.size(); }
  [[nodiscard]] const std::string& arg() const { return args_[i_]; }
  bool value(std::string& out) {
    if (i_ + 1 >= args_.size()) return false;
    out = args_[++i_];
    return true;
  }

 private:
  const std::vector<std::string>& args_;
  std::size_t i_ = static_cast<std::size_t>(-1);
};

/// One command of the program: `newsgraph NAME ARGS...`.
struct Command {
  const char* name;
  const char* summary;  // one line for `newsgraph --help`
  int (*run)(const std::vector<std::string>& args);
};

/// The syntax of the input graph file `path`: `forced` (from --format) when
/// given, else its extension (.ttl .nt .nq .trig). When neither says, prints
/// "PATH: error: ...; skipped" on stderr and returns nothing.
std::optional<rdf::Syntax> input_syntax(const std::string& path, const std::optional<rdf::Syntax>& forced);

int run_extract(const std::vector<std::string>& args);
int run_load(const std::vector<std::string>& args);
int run_merge(const std::vector<std::string>& args);
int run_query(const std::vector<std::string>& args);
int run_dot(const std::vector<std::string>& args);
int run_ontology(const std::vector<std::string>& args);

/// Path of the vocabulary (ontology/newsgraph.ttl) under `data_dir`, or under
/// default_data_dir() when it is empty.
std::string ontology_file(const std::string& data_dir);

}  // namespace newsgraph::cli
