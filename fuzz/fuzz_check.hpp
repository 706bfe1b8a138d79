// Shared by the fuzz targets: the pipeline loaded once, and the check that
// what newsgraph writes parses as RDF. Part of the fuzz harness (fuzz/).
#pragma once

#include <serd/serd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "export/graph.hpp"
#include "extract/pipeline.hpp"
#include "ontology/vocab.hpp"

namespace newsgraph::fuzz {

inline const extract::Pipeline& pipeline() {
  static const auto p = [] {
    auto r = extract::Pipeline::load({NEWSGRAPH_SOURCE_DATA_DIR, {}});
    if (!r) {
      std::fprintf(stderr, "%s\n", r.status().str().c_str());
      std::abort();
    }
    return std::move(r.value());
  }();
  return *p;
}

/// Writes `graph` in `syntax` to memory and aborts unless serd reads it back
/// with exactly as many statements as the graph holds quads.
inline void check_rdf(const rdf::Graph& graph, rdf::Syntax syntax, SerdSyntax serd_syntax) {
  char* buf = nullptr;
  std::size_t len = 0;
  std::FILE* f = open_memstream(&buf, &len);
  if (!f) std::abort();
  if (!graph.write(syntax, f).is_ok()) std::abort();
  std::fclose(f);
  std::string text(buf, len);
  std::free(buf);
  long n = 0;
  auto on_statement = [](void* h, SerdStatementFlags, const SerdNode*, const SerdNode*, const SerdNode*,
                         const SerdNode*, const SerdNode*, const SerdNode*) -> SerdStatus {
    ++*static_cast<long*>(h);
    return SERD_SUCCESS;
  };
  SerdReader* r = serd_reader_new(serd_syntax, &n, nullptr, nullptr, nullptr, on_statement, nullptr);
  serd_reader_set_strict(r, true);
  auto quiet = [](void*, const SerdError*) -> SerdStatus { return SERD_SUCCESS; };
  serd_reader_set_error_sink(r, quiet, nullptr);
  const SerdStatus st = serd_reader_read_string(r, reinterpret_cast<const uint8_t*>(text.c_str()));
  serd_reader_free(r);
  if (st != SERD_SUCCESS || (syntax != rdf::Syntax::Turtle && n != static_cast<long>(graph.size()))) {
    std::fprintf(stderr, "newsgraph wrote RDF that does not parse back (%ld statements):\n%s\n", n, text.c_str());
    std::abort();
  }
}

}  // namespace newsgraph::fuzz
