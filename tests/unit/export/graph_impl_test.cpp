// Differential test of rdf::measure_node_text (export/graph_impl.hpp), the
// word-at-a-time count ArticleGraph makes of every node, against the
// serd_strlen() that sord and serd_node_from_string use: the same bytes,
// characters and flags on many generated strings.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "export/graph_impl.hpp"
#include "ontology/vocab.hpp"

using namespace newsgraph;

namespace {

// Pieces that exercise every branch: ASCII runs longer and shorter than a
// word, 2-, 3- and 4-byte characters, lone continuation and lead bytes
// (invalid UTF-8 is counted, not rejected), NUL, newline, CR and quotes.
std::string generate(std::mt19937& rng) {
  static const std::string kPieces[] = {
      "a", "https://w3id.org/newsgraph/id/person/", "é", "中国", "\xF0\x9F\x98\x80", "\x80", "\xBF\xBF",
      "\xC3", "\n", "\r", "\"", "'", "\t", std::string(1, '\0'), " ", "0123456789abcdef", "\x7F", "\xFF",
  };
  std::uniform_int_distribution<std::size_t> count(0, 12), piece(0, std::size(kPieces) - 1);
  std::string s;
  for (std::size_t i = count(rng); i > 0; --i) s += kPieces[piece(rng)];
  return s;
}

}  // namespace

TEST_CASE("measure_node_text counts as serd_strlen does", "[export]") {
  std::mt19937 rng(3);
  for (int i = 0; i < 20000; ++i) {
    const std::string s = generate(rng);
    CAPTURE(s);
    std::size_t n_bytes = 0;
    SerdNodeFlags flags = 0;
    const std::size_t n_chars = serd_strlen(reinterpret_cast<const uint8_t*>(s.c_str()), &n_bytes, &flags);
    const rdf::NodeText t = rdf::measure_node_text(s);
    REQUIRE(t.n_bytes == n_bytes);
    REQUIRE(t.n_chars == n_chars);
    REQUIRE(t.flags == flags);
    // Without characters counted (n_chars is n_bytes), and without flags
    // (0): short strings take another path.
    const rdf::NodeText bytes = rdf::measure_node_text(s, true, false);
    REQUIRE(bytes.n_bytes == n_bytes);
    REQUIRE(bytes.n_chars == n_bytes);
    REQUIRE(bytes.flags == flags);
    const rdf::NodeText bare = rdf::measure_node_text(s, false, false);
    REQUIRE(bare.n_bytes == n_bytes);
    REQUIRE(bare.n_chars == n_bytes);
    REQUIRE(bare.flags == 0);
  }
}

TEST_CASE("measure_node_text: edge cases", "[export]") {
  CHECK(rdf::measure_node_text("").n_bytes == 0);
  CHECK(rdf::measure_node_text("").n_chars == 0);
  // Up to the first NUL only, as sord keeps it.
  const auto nul = rdf::measure_node_text(std::string("ab\0\"\n", 5));
  CHECK(nul.n_bytes == 2);
  CHECK(nul.n_chars == 2);
  CHECK(nul.flags == 0);
  // A word of 8 bytes holding two 3-byte characters and two ASCII bytes.
  const auto cjk = rdf::measure_node_text("a中国b");
  CHECK(cjk.n_bytes == 8);
  CHECK(cjk.n_chars == 4);
  CHECK(rdf::measure_node_text("say \"hi\"\r\n").flags == (SERD_HAS_NEWLINE | SERD_HAS_QUOTE));
}

namespace {

// Every term vocab.hpp declares, as an IRI: read from the header itself (as
// tests/e2e/ontology.py does), so a term added later is tested too.
std::vector<std::string> vocabulary_iris() {
  std::ifstream in(std::string(NEWSGRAPH_SOURCE_DATA_DIR) + "/ontology/vocab.hpp");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  std::map<std::string, std::string> ns;
  const std::regex ns_re(R"re(std::string_view (k\w+) =\s*"([^"]*)")re");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), ns_re); it != std::sregex_iterator(); ++it) {
    ns[(*it)[1]] = (*it)[2];
  }
  std::vector<std::string> iris;
  const std::regex term_re(R"re(Term (k\w+)\{(k\w+), "([^"]+)"\})re");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), term_re); it != std::sregex_iterator(); ++it) {
    iris.push_back(ns.at((*it)[2]) + std::string((*it)[3]));
  }
  return iris;
}

SerdNode uri_node(const std::string& s) { return serd_node_from_string(SERD_URI, reinterpret_cast<const uint8_t*>(s.c_str())); }

// What a Turtle or TriG writer writes of statements that use `iri` as
// subject, predicate, object and graph, beside other nodes, so that Serd
// abbreviates repeated subjects and predicates: a writer with
// SERD_STYLE_CURIED given the IRI as a SERD_URI node (as Writer makes
// it), or, with `curie`, one without (as ArticleGraph::render makes it)
// given a SERD_CURIE node of the name serd_curie() gives for its place,
// when it gives one.
std::string written(SerdSyntax syntax, SerdEnv* env, const std::string& iri, bool curie) {
  std::string out;
  const auto style = curie ? SERD_STYLE_ABBREVIATED | SERD_STYLE_BULK
                           : SERD_STYLE_ABBREVIATED | SERD_STYLE_CURIED | SERD_STYLE_BULK;
  SerdWriter* w = serd_writer_new(syntax, static_cast<SerdStyle>(style), env, nullptr,
                                  [](const void* buf, size_t len, void* stream) {
                                    static_cast<std::string*>(stream)->append(static_cast<const char*>(buf), len);
                                    return len;
                                  },
                                  &out);
  // The names, kept for the nodes that point into them.
  std::vector<std::string> names;
  names.reserve(6);
  auto node = [&](const std::string& s, bool predicate) {
    names.push_back(curie ? rdf::serd_curie(env, s, predicate) : std::string());
    return names.back().empty() ? uri_node(s)
                                : serd_node_from_string(SERD_CURIE, reinterpret_cast<const uint8_t*>(names.back().c_str()));
  };
  const SerdNode term = node(iri, false), term_p = node(iri, true);
  const std::string other_s = std::string(ontology::vocab::kDefaultBase) + "article/a", other_p = std::string(ontology::vocab::kNg) + "p";
  const SerdNode s2 = node(other_s, false), p2 = node(other_p, true);
  const SerdNode lit = serd_node_from_string(SERD_LITERAL, reinterpret_cast<const uint8_t*>("x"));
  const SerdNode* g = syntax == SERD_TRIG ? &s2 : nullptr;
  struct St {
    const SerdNode *s, *p, *o;
  };
  const St statements[] = {{&s2, &p2, &term}, {&s2, &term_p, &term}, {&s2, &term_p, &lit}, {&term, &term_p, &term},
                           {&term, &term_p, &s2}, {&term, &p2, &term}, {&term, &p2, &lit}, {&s2, &p2, &lit}};
  for (const auto& st : statements) {
    REQUIRE(serd_writer_write_statement(w, 0, g, st.s, st.p, st.o, nullptr, nullptr) == SERD_SUCCESS);
  }
  // And as the graph.
  if (syntax == SERD_TRIG) REQUIRE(serd_writer_write_statement(w, 0, &term, &s2, &p2, &lit, nullptr, nullptr) == SERD_SUCCESS);
  REQUIRE(serd_writer_finish(w) == SERD_SUCCESS);
  serd_writer_free(w);
  return out;
}

}  // namespace

TEST_CASE("serd_curie: a term written as its prefixed name is written as its IRI is", "[export]") {
  std::vector<std::string> iris = vocabulary_iris();
  REQUIRE(iris.size() > 90);
  // Local names Serd does not write as a name, or escapes, under every
  // prefix; IRIs no prefix abbreviates; the IRIs Serd writes specially.
  const std::vector<std::string> locals{"", "a-b", "a.b", "a_b", "\xC3\xA9", "1", "a/b", "a#b", "%20", "A~", "Q42", "x:y", "a b"};
  for (const auto& p : ontology::vocab::kPrefixes) {
    for (const auto& l : locals) iris.push_back(std::string(p.iri) + l);
  }
  const std::string rdf_ns(ontology::vocab::kRdf);
  for (const std::string& iri : {std::string("https://example.org/x"), std::string("https://example.org/ns#Thing"),
                                 std::string("https://example.org/my#T"), std::string("urn:x:y"), rdf_ns + "type",
                                 rdf_ns + "nil", rdf_ns + "first", std::string(ontology::vocab::kDefaultBase) + "person/ana",
                                 std::string("no-scheme")}) {
    iris.push_back(iri);
  }
  // The vocabulary's prefixes, then two read from files: one a name, one not.
  SerdEnv* env = serd_env_new(nullptr);
  std::vector<std::pair<std::string, std::string>> prefixes;
  for (const auto& p : ontology::vocab::kPrefixes) prefixes.emplace_back(p.name, p.iri);
  prefixes.emplace_back("ex", "https://example.org/ns#");
  prefixes.emplace_back("my-x", "https://example.org/my#");
  for (const auto& [name, iri] : prefixes) {
    serd_env_set_prefix_from_strings(env, reinterpret_cast<const uint8_t*>(name.c_str()),
                                     reinterpret_cast<const uint8_t*>(iri.c_str()));
  }
  std::size_t named = 0;
  for (const auto& iri : iris) {
    CAPTURE(iri);
    if (!rdf::serd_curie(env, iri).empty()) ++named;
    for (const SerdSyntax syntax : {SERD_TURTLE, SERD_TRIG}) {
      CHECK(written(syntax, env, iri, true) == written(syntax, env, iri, false));
    }
  }
  // Every term but rdf:type has a name; the check above compared them.
  CHECK(named >= iris.size() / 2);
  CHECK(rdf::serd_curie(env, std::string(ontology::vocab::kSchema) + "Person") == "schema:Person");
  CHECK(rdf::serd_curie(env, "https://example.org/ns#Thing") == "ex:Thing");
  CHECK(rdf::serd_curie(env, rdf_ns + "type").empty());
  CHECK(rdf::serd_curie(env, rdf_ns + "type", false) == "rdf:type");
  CHECK(rdf::serd_curie(env, rdf_ns + "nil", false).empty());
  CHECK(rdf::serd_curie(env, std::string(ontology::vocab::kNg) + "a-b").empty());
  serd_env_free(env);
}

TEST_CASE("decimal_3 writes what snprintf's %.3f writes into 16 bytes", "[export]") {
  auto printf_3f = [](double x) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.3f", x);
    return std::string(buf);
  };
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> unit(0.0, 1.0), wide(-1e13, 1e13);
  std::uniform_int_distribution<int> thousandths(0, 2000);
  std::vector<double> xs = {0.0, -0.0, 0.0005, 0.0015, 0.0025, 0.9995, 1.0, 0.125, 0.3125, 1e11, 99999999999.9996,
                            1e12, -1e11, 1e300, -1e300, std::numeric_limits<double>::infinity(),
                            -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN(),
                            std::numeric_limits<double>::denorm_min()};
  for (int i = 0; i < 50000; ++i) {
    xs.push_back(unit(rng));
    xs.push_back(wide(rng));
    // Halves of a thousandth, and the doubles either side of them.
    const double h = (thousandths(rng) + 0.5) / 1000.0;
    xs.push_back(h);
    xs.push_back(std::nextafter(h, 0.0));
    xs.push_back(std::nextafter(h, 2.0));
    xs.push_back(thousandths(rng) / 1000.0);
  }
  for (const double x : xs) {
    CAPTURE(x);
    CHECK(rdf::decimal_3(x) == printf_3f(x));
  }
}

// uri_has_scheme is what ArticleGraph asks (for sord_new_uri) instead of
// serd_uri_string_has_scheme: the same answer on strings made of scheme
// characters, the bytes around the letters' and digits' ranges, ':' and
// other bytes, in any order.
TEST_CASE("uri_has_scheme answers as serd_uri_string_has_scheme", "[export]") {
  static const std::string kPieces[] = {
      "a", "Z", "https", "0", "9", ":", "+", "-", ".", "@", "[", "`", "{", "/", "/", "#", " ",
      "\xC3\xA9", "\x80", "\xFF", "_", "~", "%", std::string(1, '\0'), "http:", "urn:x",
  };
  std::mt19937 rng(7);
  std::uniform_int_distribution<std::size_t> count(0, 8), piece(0, std::size(kPieces) - 1);
  std::size_t yes = 0;
  for (int round = 0; round < 200000; ++round) {
    std::string s;
    for (std::size_t i = count(rng); i > 0; --i) s += kPieces[piece(rng)];
    const bool serd = serd_uri_string_has_scheme(reinterpret_cast<const uint8_t*>(s.c_str()));
    yes += serd;
    INFO(s);
    REQUIRE(rdf::uri_has_scheme(s.c_str()) == serd);
  }
  // Both answers are common.
  CHECK(yes > 10000);
  CHECK(yes < 180000);
  // Every single byte first, and after "a".
  for (int c = 1; c < 256; ++c) {
    for (const std::string& s : {std::string(1, static_cast<char>(c)) + ":", "a" + std::string(1, static_cast<char>(c)) + ":"}) {
      INFO(c);
      REQUIRE(rdf::uri_has_scheme(s.c_str()) == serd_uri_string_has_scheme(reinterpret_cast<const uint8_t*>(s.c_str())));
    }
  }
}
