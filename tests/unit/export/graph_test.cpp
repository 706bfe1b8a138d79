// Tests of graph building and serialisation: every syntax re-reads with
// serd, hostile names are escaped, output is byte-identical run to run.
#include <catch2/catch.hpp>
#include <serd/serd.h>

#include <cstdio>
#include <string>

#include "export/graph.hpp"

using namespace newsgraph;
using namespace newsgraph::extract;

namespace {

// An extraction built in code: one sentence, a meeting and a position whose
// names hold every character that needs escaping.
Extraction fixture(const std::string& name) {
  Extraction x;
  x.article.id = "test-1";
  x.article.title = "A \"quoted\" title";
  x.article.date = Date{2024, 6, 29};
  x.article.file = "t.txt";
  x.article.text = "Ángel met " + name + " on Friday.";
  Sentence s;
  s.begin = 0;
  s.end = static_cast<std::uint32_t>(x.article.text.size());
  x.sentences.push_back(s);
  x.entities.push_back({EntityKind::Person, "Ángel Campos", {"Campos"}, "", -1, {}});
  x.entities.push_back({EntityKind::Person, name, {}, "", -1, {}});
  x.entities.push_back({EntityKind::Country, "Peru", {}, "PE", -1, {}});
  Fact meeting;
  meeting.kind = FactKind::Meeting;
  meeting.person = 0;
  meeting.person2 = 1;
  meeting.date = DateExpr{DateExpr::Kind::Weekday, 0, 0, 0, 4, "Friday"};
  meeting.resolved = Date{2024, 6, 28};
  meeting.found_by = "met-with";
  x.facts.push_back(meeting);
  Fact post;
  post.kind = FactKind::Position;
  post.person = 1;
  post.role = "minister of \"things\"";
  post.org = 2;
  post.found_by = "title-before-name";
  x.facts.push_back(post);
  return x;
}

std::string write(const rdf::Graph& g, rdf::Syntax syntax) {
  std::FILE* f = std::tmpfile();
  REQUIRE(f);
  REQUIRE(g.write(syntax, f).is_ok());
  std::string out(static_cast<std::size_t>(std::ftell(f)), '\0');
  std::rewind(f);
  REQUIRE(std::fread(out.data(), 1, out.size(), f) == out.size());
  std::fclose(f);
  return out;
}

struct Counter {
  long n = 0;
  std::vector<std::string> literals;  // every literal object, as read back
};

// Parses `text` with serd and returns the number of statements, or -1 on error.
long count_statements(const std::string& text, SerdSyntax syntax, Counter* out = nullptr) {
  Counter counter;
  auto on_statement = [](void* h, SerdStatementFlags, const SerdNode*, const SerdNode*, const SerdNode*,
                         const SerdNode* o, const SerdNode*, const SerdNode*) -> SerdStatus {
    auto* c = static_cast<Counter*>(h);
    ++c->n;
    if (o->type == SERD_LITERAL) c->literals.emplace_back(reinterpret_cast<const char*>(o->buf), o->n_bytes);
    return SERD_SUCCESS;
  };
  SerdReader* r = serd_reader_new(syntax, &counter, nullptr, nullptr, nullptr, on_statement, nullptr);
  serd_reader_set_strict(r, true);
  auto quiet = [](void*, const SerdError*) -> SerdStatus { return SERD_SUCCESS; };
  serd_reader_set_error_sink(r, quiet, nullptr);
  const SerdStatus st = serd_reader_read_string(r, reinterpret_cast<const uint8_t*>(text.c_str()));
  serd_reader_free(r);
  if (out) *out = counter;
  return st == SERD_SUCCESS ? counter.n : -1;
}

rdf::Graph graph_of(const Extraction& x) {
  rdf::Graph g(ontology::IriMinter::make("https://example.org/kg/").value());
  REQUIRE(g.add(x).is_ok());
  return g;
}

}  // namespace

TEST_CASE("every syntax parses back with every statement", "[export]") {
  const auto g = graph_of(fixture("Ana \"La\" Díaz"));
  const long triples = count_statements(write(g, rdf::Syntax::NTriples), SERD_NTRIPLES);
  CHECK(triples == static_cast<long>(g.size()));  // one article: no triple in two graphs
  CHECK(count_statements(write(g, rdf::Syntax::Turtle), SERD_TURTLE) == triples);
  CHECK(count_statements(write(g, rdf::Syntax::NQuads), SERD_NQUADS) == triples);
  CHECK(count_statements(write(g, rdf::Syntax::TriG), SERD_TRIG) == triples);
}

TEST_CASE("names with quotes, backslashes, brackets, newlines and controls are escaped", "[export]") {
  const std::string nasty = "Bob \"\\\" <x> {y}\nline2\ttab\x01";
  const auto g = graph_of(fixture(nasty));
  for (auto [syntax, serd] : {std::pair{rdf::Syntax::Turtle, SERD_TURTLE}, std::pair{rdf::Syntax::NTriples, SERD_NTRIPLES},
                              std::pair{rdf::Syntax::NQuads, SERD_NQUADS}, std::pair{rdf::Syntax::TriG, SERD_TRIG}}) {
    const auto text = write(g, syntax);
    INFO(text);
    Counter read;
    CHECK(count_statements(text, serd, &read) == static_cast<long>(g.size()));
    // The name reads back exactly as it was.
    CHECK(std::find(read.literals.begin(), read.literals.end(), nasty) != read.literals.end());
  }
  // The IRI of the person is a slug, whatever the name.
  const auto nt = write(g, rdf::Syntax::NTriples);
  CHECK(nt.find("<https://example.org/kg/person/bob-x-y-line2-tab>") != std::string::npos);
}

TEST_CASE("the graph holds the facts, provenance and article", "[export]") {
  const auto g = graph_of(fixture("Ana Díaz"));
  const auto nt = write(g, rdf::Syntax::NTriples);
  const std::string art = "<https://example.org/kg/article/test-1>";
  CHECK(nt.find(art + " <http://schema.org/datePublished> \"2024-06-29\"^^<http://www.w3.org/2001/XMLSchema#date>") != std::string::npos);
  CHECK(nt.find("<https://example.org/kg/article/test-1/meeting/1> <https://w3id.org/newsgraph/ns#date> \"2024-06-28\"^^<http://www.w3.org/2001/XMLSchema#date>") != std::string::npos);
  CHECK(nt.find("<https://example.org/kg/article/test-1/meeting/1> <http://www.w3.org/ns/prov#wasDerivedFrom> <https://example.org/kg/article/test-1#char=0,29>") != std::string::npos);
  CHECK(nt.find("<https://example.org/kg/person/angel-campos> <https://w3id.org/newsgraph/ns#metWith> <https://example.org/kg/person/ana-diaz>") != std::string::npos);
  CHECK(nt.find("<https://example.org/kg/article/test-1/position/1> <https://w3id.org/newsgraph/ns#organization> <https://example.org/kg/country/pe>") != std::string::npos);
  // Character offsets count code points: "Ángel met Ana Díaz on Friday." is 29.
  CHECK(nt.find("\"29\"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>") != std::string::npos);
  const auto nq = write(g, rdf::Syntax::NQuads);
  CHECK(nq.find(" " + art + " .\n") != std::string::npos);  // quads in the article's graph
}

TEST_CASE("output is byte-identical whatever the order facts were added", "[export]") {
  auto x = fixture("Ana Díaz");
  const auto a = write(graph_of(x), rdf::Syntax::Turtle);
  CHECK(write(graph_of(x), rdf::Syntax::Turtle) == a);
  std::reverse(x.facts.begin(), x.facts.end());
  std::reverse(x.entities.begin(), x.entities.end());
  for (auto& f : x.facts) {
    auto flip = [](std::int32_t& i) { if (i >= 0) i = 2 - i; };
    flip(f.person);
    flip(f.person2);
    flip(f.org);
  }
  // Fact numbering follows the text order of facts, so reversing them renumbers;
  // entities and their order change nothing.
  const auto b = write(graph_of(x), rdf::Syntax::Turtle);
  CHECK(b.size() == a.size());
  CHECK(a.rfind("@prefix ng: <https://w3id.org/newsgraph/ns#> .", 0) == 0);
}

TEST_CASE("syntax names and file extensions", "[export]") {
  CHECK(rdf::parse_syntax("trig").value() == rdf::Syntax::TriG);
  CHECK_FALSE(rdf::parse_syntax("rdfxml").is_ok());
  rdf::Syntax s = rdf::Syntax::Turtle;
  CHECK(rdf::syntax_from_extension("out.nq", s));
  CHECK(s == rdf::Syntax::NQuads);
  CHECK_FALSE(rdf::syntax_from_extension("out.txt", s));
}

namespace {

// Streams `xs` as extract does: a Writer, each article's graph rendered
// alone (as a worker thread would) and appended in order.
std::string stream(const std::vector<Extraction>& xs, rdf::Syntax syntax) {
  std::FILE* f = std::tmpfile();
  REQUIRE(f);
  auto w = rdf::Writer::open(syntax, f);
  REQUIRE(w.is_ok());
  std::size_t statements = 0;
  for (const auto& x : xs) {
    const auto piece = rdf::Writer::render(graph_of(x), syntax);
    REQUIRE(piece.is_ok());
    statements += piece->statements;
    REQUIRE(w->write(piece.value()).is_ok());
  }
  REQUIRE(w->finish().is_ok());
  CHECK(w->statements() == statements);
  std::string out(static_cast<std::size_t>(std::ftell(f)), '\0');
  std::rewind(f);
  REQUIRE(std::fread(out.data(), 1, out.size(), f) == out.size());
  std::fclose(f);
  return out;
}

}  // namespace

TEST_CASE("streamed articles: one graph written alone is what Graph::write writes", "[export]") {
  const auto a = fixture("Wang Yi");
  auto b = fixture("Li Qiang");
  b.article.id = "test-2";
  for (const auto syntax : {rdf::Syntax::Turtle, rdf::Syntax::NTriples, rdf::Syntax::NQuads, rdf::Syntax::TriG}) {
    CAPTURE(static_cast<int>(syntax));
    // One article: the same bytes as the whole-graph writer.
    CHECK(stream({a}, syntax) == write(graph_of(a), syntax));
    // Two articles: both articles' statements, each article's own in order,
    // and a triple both state (Ángel Campos's name) once per article in
    // Turtle and N-Triples, once per article graph in N-Quads and TriG.
    const auto two = stream({a, b}, syntax);
    static constexpr SerdSyntax kSerd[] = {SERD_TURTLE, SERD_NTRIPLES, SERD_NQUADS, SERD_TRIG};
    const long n = count_statements(two, kSerd[static_cast<int>(syntax)]);
    CHECK(n == count_statements(write(graph_of(a), syntax), kSerd[static_cast<int>(syntax)]) +
                   count_statements(write(graph_of(b), syntax), kSerd[static_cast<int>(syntax)]));
    CHECK(two.find("Wang Yi") < two.find("Li Qiang"));
  }
}
