// Splitting an RDF file by graph into N-Triples with Serd. Part of newsgraph::rdf.
#include "export/graph_files.hpp"

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>

#include "export/handles.hpp"

namespace newsgraph::rdf {

namespace {

struct NodeDeleter {
  void operator()(SerdNode* n) const {
    serd_node_free(n);
    delete n;
  }
};

// One graph being written: its N-Triples text and the writer filling it.
struct Out {
  std::string text;
  std::size_t triples = 0;
  WriterPtr writer;
};

size_t string_sink(const void* buf, size_t len, void* stream) {
  static_cast<std::string*>(stream)->append(static_cast<const char*>(buf), len);
  return len;
}

SerdStatus on_error(void* handle, const SerdError* e);

struct ReadState {
  std::string file;
  EnvPtr env;
  std::map<std::string, std::unique_ptr<Out>> graphs;
  Status status;

  Out& out(const std::string& graph) {
    auto& o = graphs[graph];
    if (!o) {
      o = std::make_unique<Out>();
      o->writer.reset(serd_writer_new(SERD_NTRIPLES, SERD_STYLE_RESOLVED, env.get(), nullptr, string_sink, &o->text));
      // The writer finds undefined prefixes (the reader does not); it knows no line.
      serd_writer_set_error_sink(o->writer.get(), on_error, this);
    }
    return *o;
  }
};

const char* str(const SerdNode* n) { return reinterpret_cast<const char*>(n->buf); }

SerdStatus on_base(void* handle, const SerdNode* uri) {
  return serd_env_set_base_uri(static_cast<ReadState*>(handle)->env.get(), uri);
}

SerdStatus on_prefix(void* handle, const SerdNode* name, const SerdNode* uri) {
  return serd_env_set_prefix(static_cast<ReadState*>(handle)->env.get(), name, uri);
}

SerdStatus on_statement(void* handle, SerdStatementFlags, const SerdNode* graph, const SerdNode* subject,
                        const SerdNode* predicate, const SerdNode* object, const SerdNode* datatype,
                        const SerdNode* lang) {
  auto& st = *static_cast<ReadState*>(handle);
  std::string key;
  if (graph && graph->type == SERD_BLANK) {
    if (st.status) st.status = Status(Code::BadInput, "graph _:" + std::string(str(graph)) +
                                                          " is a blank node, which a store cannot address",
                                      SourcePos{st.file, 0, 0});
    return SERD_ERR_BAD_ARG;
  }
  if (graph) {
    SerdNode expanded = serd_env_expand_node(st.env.get(), graph);
    if (!expanded.buf) {
      if (st.status) st.status = Status(Code::BadInput, "graph name '" + std::string(str(graph)) + "' cannot be expanded",
                                        SourcePos{st.file, 0, 0});
      return SERD_ERR_BAD_CURIE;
    }
    key = str(&expanded);
    serd_node_free(&expanded);
  }
  Out& o = st.out(key);
  // Flags are for Turtle's abbreviations; N-Triples has none.
  const SerdStatus s = serd_writer_write_statement(o.writer.get(), 0, nullptr, subject, predicate, object, datatype, lang);
  if (s == SERD_SUCCESS) ++o.triples;
  return s;
}

SerdStatus on_error(void* handle, const SerdError* e) {
  auto& st = *static_cast<ReadState*>(handle);
  if (!st.status) return SERD_SUCCESS;  // keep the first error
  char msg[512];
  va_list args;
  va_copy(args, *e->args);
  std::vsnprintf(msg, sizeof msg, e->fmt, args);
  va_end(args);
  std::string m = msg;
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  st.status = Status(Code::BadSyntax, m, SourcePos{st.file, e->line, e->col});
  return SERD_SUCCESS;
}

}  // namespace

Result<std::vector<GraphText>> read_graphs(const std::string& path, Syntax syntax) {
  static constexpr SerdSyntax kSerd[] = {SERD_TURTLE, SERD_NTRIPLES, SERD_NQUADS, SERD_TRIG};
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Status(Code::IoError, std::string("cannot read: ") + std::strerror(errno), SourcePos{path, 0, 0});
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(f, std::fclose);

  ReadState st;
  st.file = path;
  // Relative IRIs resolve against the file's own location, as rapper and serdi do.
  std::unique_ptr<SerdNode, NodeDeleter> base(new SerdNode(serd_node_new_file_uri(
      reinterpret_cast<const uint8_t*>(path.c_str()), nullptr, nullptr, true)));
  st.env.reset(serd_env_new(base.get()));
  ReaderPtr reader(serd_reader_new(kSerd[static_cast<int>(syntax)], &st, nullptr, on_base, on_prefix, on_statement, nullptr));
  serd_reader_set_strict(reader.get(), true);
  serd_reader_set_error_sink(reader.get(), on_error, &st);
  const SerdStatus s = serd_reader_read_file_handle(reader.get(), f, reinterpret_cast<const uint8_t*>(path.c_str()));
  if (!st.status) return st.status;
  if (s != SERD_SUCCESS && s != SERD_FAILURE) {
    return Status(Code::BadSyntax, reinterpret_cast<const char*>(serd_strerror(s)), SourcePos{path, 0, 0});
  }
  std::vector<GraphText> out;
  for (auto& [graph, o] : st.graphs) {
    if (serd_writer_finish(o->writer.get()) != SERD_SUCCESS) return Status(Code::Internal, "cannot finish N-Triples of " + graph);
    o->writer.reset();
    out.push_back({graph, std::move(o->text), o->triples});
  }
  return out;
}

}  // namespace newsgraph::rdf
