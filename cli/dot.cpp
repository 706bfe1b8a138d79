// `newsgraph dot GRAPH... [-o FILE]`: the network of officials in graph files
// as a Graphviz graph. Part of cli/.
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "cli/common.hpp"
#include "export/graph_files.hpp"
#include "export/network.hpp"

namespace newsgraph::cli {

namespace {

constexpr const char* kDotUsage = R"(usage: newsgraph dot GRAPH... [-o FILE]

Draws the network of officials in graph files (written by newsgraph extract,
any syntax) for Graphviz: persons who met (solid lines, labelled with the
dates), their visits (dashed arrows to the place) and the countries they are
of (dotted). Planned meetings and visits are left out. The same files always
give the same text.

  newsgraph dot graph.nq -o network.dot && dot -Tsvg network.dot -o network.svg

options:
  -o, --output FILE   write to FILE instead of stdout
  -f, --format NAME   syntax of the files (default: from each extension)

exit status:
  0  every file was read
  1  some file could not be read (error above); the others were drawn
  2  usage error
  3  the output could not be written
)";

}  // namespace

int run_dot(const std::vector<std::string>& args) {
  std::vector<std::string> inputs;
  std::string output, format;
  for (Args it(args); it.next();) {
    const std::string& a = it.arg();
    if (a == "-h" || a == "--help") {
      std::fputs(kDotUsage, stdout);
      return kExitOk;
    } else if (a == "-o" || a == "--output") {
      if (!it.value(output)) return usage_error(a + " needs a file");
    } else if (a == "-f" || a == "--format") {
      if (!it.value(format)) return usage_error(a + " needs a format");
    } else if (a.size() > 1 && a[0] == '-') {
      return usage_error("unknown option '" + a + "'");
    } else {
      inputs.push_back(a);
    }
  }
  if (inputs.empty()) return usage_error("dot needs at least one GRAPH file");
  std::optional<rdf::Syntax> forced;
  if (!format.empty()) {
    auto s = rdf::parse_syntax(format);
    if (!s) return usage_error(s.status().message());
    forced = s.value();
  }
  int status = kExitOk;
  std::vector<rdf::Triple> triples;
  for (const auto& path : inputs) {
    const auto syntax = input_syntax(path, forced);
    if (!syntax) {
      status = kExitSkipped;
      continue;
    }
    auto read = rdf::read_triples(path, *syntax);
    if (!read) {
      std::fprintf(stderr, "%s; skipped\n", read.status().str().c_str());
      status = kExitSkipped;
      continue;
    }
    triples.insert(triples.end(), read.value().begin(), read.value().end());
  }
  const std::string text = rdf::network_dot(triples);
  if (const int written = write_text(output, text); written != kExitOk) return written;
  return status;
}

}  // namespace newsgraph::cli
