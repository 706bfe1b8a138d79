// `newsgraph ontology [-o FILE] [-f FORMAT]`: prints the vocabulary
// (ontology/newsgraph.ttl), read and written again through Serd so that any
// syntax can be asked for. Part of cli/.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/common.hpp"
#include "export/graph.hpp"
#include "ontology/iri.hpp"
#include "ontology/vocab.hpp"

namespace newsgraph::cli {

namespace {

constexpr const char* kOntologyUsage = R"(usage: newsgraph ontology [options]

Prints the newsgraph vocabulary (OWL): every class and property newsgraph
writes, with labels, comments, domains and ranges, and the standard terms
(schema.org, W3C ORG, PROV-O, NIF) it reuses. `newsgraph extract
--with-ontology` adds the same triples to its output.

options:
  -o, --output FILE   write to FILE instead of stdout; the syntax follows its
                      extension (.ttl .nt .nq .trig) unless --format is given
  -f, --format NAME   turtle (default), ntriples, nquads or trig
  --data DIR          where ontology/newsgraph.ttl is (default: $NEWSGRAPH_DATA,
                      else the installed or source tree)

exit status:
  0  printed
  2  usage error, or the vocabulary file cannot be read
  3  the output could not be written
)";

}  // namespace

std::string ontology_file(const std::string& data_dir) {
  return (data_dir.empty() ? default_data_dir() : data_dir) + "/ontology/newsgraph.ttl";
}

int run_ontology(const std::vector<std::string>& args) {
  std::string output, format, data_dir;
  for (Args it(args); it.next();) {
    const std::string& a = it.arg();
    if (a == "-h" || a == "--help") {
      std::fputs(kOntologyUsage, stdout);
      return kExitOk;
    } else if (a == "-o" || a == "--output") {
      if (!it.value(output)) return usage_error(a + " needs a file");
    } else if (a == "-f" || a == "--format") {
      if (!it.value(format)) return usage_error(a + " needs a format");
    } else if (a == "--data") {
      if (!it.value(data_dir)) return usage_error("--data needs a folder");
    } else {
      return usage_error("ontology takes no argument '" + a + "'");
    }
  }
  rdf::Syntax syntax = rdf::Syntax::Turtle;
  if (!format.empty()) {
    auto s = rdf::parse_syntax(format);
    if (!s) return usage_error(s.status().message());
    syntax = s.value();
  } else if (!output.empty()) {
    rdf::syntax_from_extension(output, syntax);
  }
  rdf::Graph graph(std::move(ontology::IriMinter::make(ontology::vocab::kDefaultBase).value()));
  if (auto st = graph.read(ontology_file(data_dir), rdf::Syntax::Turtle); !st) {
    std::fprintf(stderr, "newsgraph: %s\n", st.str().c_str());
    return kExitUsage;
  }
  if (auto st = write_output(output, [&](std::FILE* f) { return graph.write(syntax, f); }); !st) {
    std::fprintf(stderr, "newsgraph: %s\n", st.str().c_str());
    return kExitOutput;
  }
  return kExitOk;
}

}  // namespace newsgraph::cli
