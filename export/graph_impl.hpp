// The inside of rdf::Graph, shared by the files that build, read and write
// it (graph.cpp: add and write; merge.cpp: read). Part of newsgraph::rdf
// (export/); not for use outside export/.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

#include "export/graph.hpp"
#include "export/handles.hpp"
#include "ontology/vocab.hpp"

namespace newsgraph::rdf {

/// What serd_strlen() says of a node's string: its bytes up to the first NUL
/// (as sord_new_literal and serd_node_from_string take it), its characters
/// (bytes that are not UTF-8 continuation bytes) and the newline and quote
/// flags. Computed 8 bytes at a time and with memchr: serd_strlen looks at
/// one byte at a time (~10 instructions a byte), and ArticleGraph measures
/// every node it makes. Without `flags` (for IRIs, which sord makes with
/// none) they are left 0; without `chars`, n_chars is n_bytes.
struct NodeText {
  std::size_t n_bytes = 0;
  std::size_t n_chars = 0;
  SerdNodeFlags flags = 0;
};
NodeText measure_node_text(std::string_view s, bool flags = true, bool chars = true);

/// What serd_uri_string_has_scheme() says of the NUL-terminated `s`: it
/// starts with a letter, then letters, digits, '+', '-' or '.' up to a ':'
/// (RFC 3986's scheme). Inline, as ArticleGraph asks it of every IRI it
/// makes (sord_new_uri refuses one without), where Serd's is a call through
/// the PLT that looks at each byte of "https:" in a switch.
inline bool uri_has_scheme(const char* s) {
  auto alpha = [](unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; };
  if (!alpha(static_cast<unsigned char>(*s))) return false;
  for (unsigned char c; (c = static_cast<unsigned char>(*++s)) != '\0';) {
    if (c == ':') return true;
    if (!alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return false;
  }
  return false;
}

/// What snprintf(buf, 16, "%.3f", x) writes (a fact's ng:confidence).
std::string decimal_3(double x);

/// The prefixed name ("ng:Person") that a Turtle or TriG Serd writer with
/// SERD_STYLE_CURIED and `env` writes for the IRI `iri` (as serd_env_qualify
/// finds it, when prefix and local name are both names to Serd: letters and
/// digits), or "" when it writes something else: the IRI whole, "()" for
/// rdf:nil, and "a" for rdf:type as a `predicate`. A SERD_CURIE node of it
/// is written as the same bytes, also by a writer without SERD_STYLE_CURIED,
/// which then writes every SERD_URI node as the IRI without trying each
/// prefix on it (ArticleGraph's writers: every name is found once, here).
std::string serd_curie(const SerdEnv* env, std::string_view iri, bool predicate = true);

struct Graph::Impl {
  explicit Impl(ontology::IriMinter m)
      : minter(std::move(m)),
        world(sord_world_new()),
        model(sord_new(world.get(), SORD_SPO | SORD_OPS, true)) {}

  ontology::IriMinter minter;
  WorldPtr world;
  ModelPtr model;
  std::set<std::string> graphs;  // named graphs (article IRIs), sorted
  // Triples of the default graph (read from Turtle or N-Triples) are held in
  // a graph of this name: sord matches a null graph with any graph, so
  // quads with one could not sit beside the same triple in a named graph.
  std::string default_graph{ontology::vocab::kDefaultGraph};
  // Prefixes declared by files read (name -> IRIs), written after
  // vocab::kPrefixes; a name bound to several IRIs gets the smallest, so the
  // output does not depend on the order of the inputs.
  std::map<std::string, std::set<std::string>> read_prefixes;

  Node uri(const std::string& s) const {
    return Node(world.get(), sord_new_uri(world.get(), reinterpret_cast<const uint8_t*>(s.c_str())));
  }
  Node uri(const ontology::vocab::Term& t) const { return uri(ontology::Iri::term(t).str()); }
  // (Literals come as views, so that ArticleGraph copies their bytes once;
  // sord takes a NUL-terminated string.)
  Node literal(std::string_view s) const {
    const std::string text(s);
    return Node(world.get(), sord_new_literal(world.get(), nullptr, reinterpret_cast<const uint8_t*>(text.c_str()), nullptr));
  }
  Node lang(std::string_view s, const char* tag) const {
    const std::string text(s);
    return Node(world.get(), sord_new_literal(world.get(), nullptr, reinterpret_cast<const uint8_t*>(text.c_str()), tag));
  }
  Node typed(std::string_view s, const ontology::vocab::Term& datatype) const {
    const Node dt = uri(datatype);
    const std::string text(s);
    return Node(world.get(), sord_new_literal(world.get(), dt.get(), reinterpret_cast<const uint8_t*>(text.c_str()), nullptr));
  }
  /// typed() of a string with no NUL, newline or quote (a number, a date).
  Node typed_plain(std::string_view s, const ontology::vocab::Term& datatype) const { return typed(s, datatype); }
  /// The node of a name in `graphs`: an IRI, or "_:label" for a blank node
  /// (TriG allows blank graph names in files read).
  Node graph_node(const std::string& name) const {
    if (name.rfind("_:", 0) == 0) {
      return Node(world.get(), sord_new_blank(world.get(), reinterpret_cast<const uint8_t*>(name.c_str() + 2)));
    }
    return uri(name);
  }
  void name_graph(const std::string& name) { graphs.insert(name); }
  void add(const Node& g, const Node& s, const Node& p, const Node& o) const {
    SordQuad q{s.get(), p.get(), o.get(), g.get()};
    sord_add(model.get(), q);
  }
};

}  // namespace newsgraph::rdf
