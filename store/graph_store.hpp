// A client of the SPARQL 1.1 Graph Store HTTP Protocol (PUT replaces a
// graph), over libcurl, for `newsgraph load`. Part of newsgraph::store
// (store/), the only module that includes curl.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/status.hpp"

namespace newsgraph::store {

/// One Graph Store endpoint, e.g. http://localhost:8890/sparql-graph-crud
/// (Virtuoso), http://localhost:7878/store (Oxigraph server) or
/// http://localhost:3030/ds/data (Fuseki). Not copyable; holds one curl handle
/// reused for every request, so the connection is kept alive.
class GraphStore {
 public:
  /// `endpoint` must be an http or https URL. `user` empty: no authentication;
  /// otherwise basic or digest, whichever the server asks for.
  static Result<GraphStore> make(const std::string& endpoint, const std::string& user = {},
                                 const std::string& password = {});
  GraphStore(GraphStore&&) noexcept;
  GraphStore& operator=(GraphStore&&) noexcept;
  ~GraphStore();

  /// Replaces the graph named `graph` (empty: the default graph) with the
  /// N-Triples `body`. Returns an IoError status whose message holds the
  /// HTTP status and the first line of the store's answer when it says no.
  Status put(const std::string& graph, std::string_view ntriples);

  /// The URL a PUT of `graph` goes to (`?graph=` escaped IRI, or `?default`).
  [[nodiscard]] std::string graph_url(const std::string& graph) const;

 private:
  GraphStore();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsgraph::store
