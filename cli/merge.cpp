// `newsgraph merge GRAPH... -o OUT`: reads RDF files (newsgraph's output or
// any other), unions them and writes one sorted graph. Part of cli/.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/common.hpp"
#include "export/graph.hpp"
#include "ontology/iri.hpp"
#include "ontology/vocab.hpp"

namespace newsgraph::cli {

namespace {

constexpr const char* kMergeUsage = R"(usage: newsgraph merge GRAPH... [options]

Reads RDF files and writes their union as one graph, sorted, each statement
once. GRAPH is a file whose extension names its syntax (.ttl .nt .nq .trig)
unless --input-format says otherwise.

Named graphs (N-Quads, TriG: newsgraph puts each article in a graph named by
the article) are replaced, not unioned: when several inputs hold a graph of
the same name, the one given last wins whole, so
  newsgraph merge corpus.nq reextracted.nq -o corpus.nq
replaces the re-extracted articles' old facts. Triples outside named graphs
(Turtle, N-Triples) are unioned. With inputs whose named graphs are disjoint
(a corpus extracted in parts, e.g. with extract --shard K/N), the order of the
inputs does not matter and the output equals the merge of one extract run over
the whole corpus (extract streams: articles in input order, each sorted).

Identity needs no smushing here: newsgraph mints one IRI per person,
organisation, country and article at extraction time, so the same entity has
the same IRI in every file.

options:
  -o, --output FILE        write to FILE instead of stdout; the syntax follows
                           its extension unless --format is given. FILE is
                           replaced only when the run succeeds (it may also be
                           one of the inputs).
  -f, --format NAME        turtle (default), ntriples, nquads or trig
  -i, --input-format NAME  syntax of every input, whatever its extension
  -q, --quiet              no summary on stderr

exit status:
  0  every input read
  1  some input could not be read or has a syntax error (named with its
     line); it was left out whole and the output holds the others
  2  usage error
  3  the output could not be written (an existing -o FILE is left intact)
)";

struct Options {
  std::vector<std::string> inputs;
  std::string output;
  std::string format;
  std::string input_format;
  bool quiet = false;
};

int merge(const Options& o) {
  const auto started = std::chrono::steady_clock::now();
  rdf::Syntax out_syntax = rdf::Syntax::Turtle;
  if (!o.format.empty()) {
    auto s = rdf::parse_syntax(o.format);
    if (!s) return usage_error(s.status().message());
    out_syntax = s.value();
  } else if (!o.output.empty()) {
    rdf::syntax_from_extension(o.output, out_syntax);
  }
  std::optional<rdf::Syntax> in_syntax;
  if (!o.input_format.empty()) {
    auto s = rdf::parse_syntax(o.input_format);
    if (!s) return usage_error("--input-format: " + s.status().message());
    in_syntax = s.value();
  }
  // Every input's syntax is known before anything is read.
  std::vector<rdf::Syntax> syntaxes;
  for (const auto& path : o.inputs) {
    rdf::Syntax s = rdf::Syntax::Turtle;
    if (in_syntax) s = *in_syntax;
    else if (!rdf::syntax_from_extension(path, s)) {
      return usage_error(path + ": unknown extension (.ttl .nt .nq .trig); give --input-format");
    }
    syntaxes.push_back(s);
  }

  auto minter = ontology::IriMinter::make(ontology::vocab::kDefaultBase);
  rdf::Graph graph(std::move(minter.value()));
  std::size_t read = 0, skipped = 0, statements = 0, replaced = 0;
  for (std::size_t i = 0; i < o.inputs.size(); ++i) {
    rdf::ReadStats st;
    if (auto status = graph.read(o.inputs[i], syntaxes[i], &st); !status) {
      std::fprintf(stderr, "%s: error: %s (input left out)\n",
                   status.pos() ? status.pos()->str().c_str() : o.inputs[i].c_str(), status.message().c_str());
      ++skipped;
      continue;
    }
    ++read;
    statements += st.statements;
    replaced += st.replaced;
  }

  if (auto st = write_output(o.output, [&](std::FILE* f) { return graph.write(out_syntax, f); }); !st) {
    std::fprintf(stderr, "newsgraph: %s\n", st.str().c_str());
    return kExitOutput;
  }
  if (!o.quiet) {
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::fprintf(stderr,
                 "newsgraph merge: %zu inputs read, %zu left out; %zu statements read, %zu named graphs replaced\n"
                 "  quads held: %zu%s%s\n  time: %.2f s\n",
                 read, skipped, statements, replaced, graph.size(), o.output.empty() ? "" : ", written to ",
                 o.output.c_str(), secs);
  }
  return skipped ? kExitSkipped : kExitOk;
}

}  // namespace

int run_merge(const std::vector<std::string>& args) {
  Options o;
  for (Args it(args); it.next();) {
    const std::string& a = it.arg();
    if (a == "-h" || a == "--help") {
      std::fputs(kMergeUsage, stdout);
      return kExitOk;
    } else if (a == "-o" || a == "--output") {
      if (!it.value(o.output)) return usage_error(a + " needs a file");
    } else if (a == "-f" || a == "--format") {
      if (!it.value(o.format)) return usage_error(a + " needs a format");
    } else if (a == "-i" || a == "--input-format") {
      if (!it.value(o.input_format)) return usage_error(a + " needs a format");
    } else if (a == "-q" || a == "--quiet") {
      o.quiet = true;
    } else if (a.size() > 1 && a[0] == '-') {
      return usage_error("unknown option '" + a + "'");
    } else if (a == "-") {
      return usage_error("merge reads files, not stdin");
    } else {
      o.inputs.push_back(a);
    }
  }
  if (o.inputs.empty()) return usage_error("merge needs at least one GRAPH file");
  return merge(o);
}

}  // namespace newsgraph::cli
