// Fuzz target: the whole extract path, article bytes to RDF, in all four
// syntaxes; each output must parse back with serd.
#include <cstddef>
#include <cstdint>
#include <string>

#include "extract/reader.hpp"
#include "fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace newsgraph;
  std::vector<extract::Diagnostic> diags;
  auto article = extract::parse_text_article(std::string(reinterpret_cast<const char*>(data), size), "fuzz.txt", diags);
  auto x = fuzz::pipeline().run(std::move(article));
  rdf::Graph graph(ontology::IriMinter::make(ontology::vocab::kDefaultBase).value());
  if (!graph.add(x).is_ok()) __builtin_trap();
  fuzz::check_rdf(graph, rdf::Syntax::NTriples, SERD_NTRIPLES);
  fuzz::check_rdf(graph, rdf::Syntax::NQuads, SERD_NQUADS);
  fuzz::check_rdf(graph, rdf::Syntax::Turtle, SERD_TURTLE);
  fuzz::check_rdf(graph, rdf::Syntax::TriG, SERD_TRIG);
  return 0;
}
