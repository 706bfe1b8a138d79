// Reading RDF files into a Graph (Graph::read), for `newsgraph merge`:
// Serd parses any syntax it knows into a scratch Sord model, whose named
// graphs then replace those of the same name. Part of newsgraph::rdf.
#include <cerrno>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "export/graph.hpp"
#include "export/graph_impl.hpp"
#include "export/handles.hpp"

namespace newsgraph::rdf {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

// The first error serd reports, with its position.
struct ReadState {
  Status status;
};

SerdStatus on_read_error(void* handle, const SerdError* error) {
  auto* st = static_cast<ReadState*>(handle);
  if (st->status.is_ok()) {
    char buf[512];
    std::vsnprintf(buf, sizeof buf, error->fmt, *error->args);
    std::string msg = buf;
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    st->status = Status(Code::BadSyntax, msg,
                        SourcePos{error->filename ? reinterpret_cast<const char*>(error->filename) : "",
                                  error->line, error->col});
  }
  return SERD_SUCCESS;
}

SerdStatus on_prefix(void* handle, const SerdNode* name, const SerdNode* uri) {
  auto* prefixes = static_cast<std::map<std::string, std::set<std::string>>*>(handle);
  (*prefixes)[reinterpret_cast<const char*>(name->buf)].insert(reinterpret_cast<const char*>(uri->buf));
  return SERD_SUCCESS;
}

// 64-bit FNV-1a over the whole file (ontology::stable_hash, streamed), as
// 12 hex digits: enough that two different inputs of one merge never share
// a blank-node prefix.
Result<std::string> file_hash(std::FILE* f, const std::string& path) {
  std::uint64_t h = 14695981039346656037ULL;
  std::vector<unsigned char> buf(1 << 16);
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) {
    for (std::size_t i = 0; i < n; ++i) {
      h ^= buf[i];
      h *= 1099511628211ULL;
    }
  }
  if (std::ferror(f)) return Status(Code::IoError, std::string("cannot read: ") + std::strerror(errno), SourcePos{path});
  std::rewind(f);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "f";
  for (int i = 11; i >= 0; --i) out += kHex[(h >> (4 * i)) & 0xF];
  return out + "_";
}

// serd reports no position for a statement its sink refuses, so the first
// place the prefixed name is written is looked up in the file.
Status undefined_prefix(const std::string& path, const std::string& curie) {
  SourcePos pos{path};
  std::ifstream in(path);
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (const auto at = line.find(curie); at != std::string::npos) {
      pos.line = n;
      pos.col = at + 1;
      break;
    }
  }
  return Status(Code::BadSyntax, "undefined prefix in '" + curie + "'", pos);
}

std::string node_name(const SordNode* n) {
  const auto* s = reinterpret_cast<const char*>(sord_node_get_string(n));
  return sord_node_get_type(n) == SORD_BLANK ? std::string("_:") + s : std::string(s);
}

// Serd events -> quads in a Sord model. Not sord_new_reader(): the flags
// serd's reader gives a literal (whether it "has a quote") differ from the
// ones sord_new_literal() computes from the text, and Sord keeps the flags of
// whichever node was made first, which decides whether the writer uses
// """long""" strings. Computing them from the text here makes a graph read
// back write byte for byte as newsgraph extract wrote it.
struct Sink {
  SordWorld* world;
  SordModel* model;
  SerdEnv* env;
  SordNode* default_graph;      // where triples outside named graphs go (see Graph::Impl)
  std::set<std::string> names;  // named graphs seen
  std::string bad_curie;        // a prefixed name whose prefix is not declared
};

SerdStatus on_base(void* handle, const SerdNode* uri) {
  return serd_env_set_base_uri(static_cast<Sink*>(handle)->env, uri);
}

SerdStatus on_prefix_read(void* handle, const SerdNode* name, const SerdNode* uri) {
  return serd_env_set_prefix(static_cast<Sink*>(handle)->env, name, uri);
}

SerdStatus on_statement(void* handle, SerdStatementFlags /*flags*/, const SerdNode* graph,
                        const SerdNode* subject, const SerdNode* predicate, const SerdNode* object,
                        const SerdNode* datatype, const SerdNode* lang) {
  auto* sink = static_cast<Sink*>(handle);
  // Prefixed names are checked here: sord would print its own complaint
  // about an undeclared prefix to stderr, and give no position.
  for (const SerdNode* n : {graph, subject, predicate, object, datatype}) {
    SerdChunk prefix, suffix;
    if (n && n->type == SERD_CURIE && serd_env_expand(sink->env, n, &prefix, &suffix) != SERD_SUCCESS) {
      sink->bad_curie = reinterpret_cast<const char*>(n->buf);
      return SERD_ERR_BAD_CURIE;
    }
  }
  auto node = [&](const SerdNode* n, const SerdNode* dt, const SerdNode* lg) {
    if (!n) return Node(sink->world, nullptr);
    SerdNode copy = *n;
    if (copy.type == SERD_LITERAL) {
      copy.flags = 0;
      serd_strlen(copy.buf, nullptr, &copy.flags);
    }
    return Node(sink->world, sord_node_from_serd_node(sink->world, sink->env, &copy, dt, lg));
  };
  const Node s = node(subject, nullptr, nullptr), p = node(predicate, nullptr, nullptr);
  const Node o = node(object, datatype, lang), g = node(graph, nullptr, nullptr);
  if (!s.get() || !p.get() || !o.get()) return SERD_ERR_BAD_ARG;
  if (g.get()) sink->names.insert(node_name(g.get()));
  SordQuad q{s.get(), p.get(), o.get(), g.get() ? g.get() : sink->default_graph};
  sord_add(sink->model, q);
  return SERD_SUCCESS;
}

}  // namespace

Status Graph::read(const std::string& path, Syntax syntax, ReadStats* stats) {
  auto& I = *impl_;
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) return Status(Code::IoError, std::string("cannot open: ") + std::strerror(errno), SourcePos{path});
  auto prefix = file_hash(file.get(), path);
  if (!prefix) return prefix.status();

  // Relative IRIs in the file resolve against the file's own URI, as in rapper and serdi.
  std::error_code ec;
  const std::string abs = std::filesystem::absolute(path, ec).string();
  SerdNode base = serd_node_new_file_uri(reinterpret_cast<const uint8_t*>(abs.c_str()), nullptr, nullptr, true);

  // Declared before the reader, so the reader (which adds to them) goes first.
  ModelPtr scratch(sord_new(I.world.get(), SORD_SPO, true));
  EnvPtr env(serd_env_new(&base));  // copies the base
  serd_node_free(&base);
  static constexpr SerdSyntax kSerd[] = {SERD_TURTLE, SERD_NTRIPLES, SERD_NQUADS, SERD_TRIG};
  const Node default_graph = I.uri(I.default_graph);
  Sink sink{I.world.get(), scratch.get(), env.get(), default_graph.get(), {}, {}};
  ReaderPtr reader(serd_reader_new(kSerd[static_cast<int>(syntax)], &sink, nullptr, on_base, on_prefix_read,
                                   on_statement, nullptr));
  if (!reader) return Status(Code::Internal, "cannot make a serd reader", SourcePos{path});
  ReadState state;
  serd_reader_set_error_sink(reader.get(), on_read_error, &state);
  // Strict: stop at the first error instead of skipping to the next line, so
  // a broken file is rejected whole rather than merged in part.
  serd_reader_set_strict(reader.get(), true);
  serd_reader_add_blank_prefix(reader.get(), reinterpret_cast<const uint8_t*>(prefix.value().c_str()));
  const SerdStatus st = serd_reader_read_file_handle(reader.get(), file.get(),
                                                     reinterpret_cast<const uint8_t*>(path.c_str()));
  reader.reset();
  if (!sink.bad_curie.empty()) return undefined_prefix(path, sink.bad_curie);
  if (!state.status) return state.status;
  if (st > SERD_FAILURE) {
    return Status(Code::BadSyntax, reinterpret_cast<const char*>(serd_strerror(st)), SourcePos{path});
  }

  // The file's named graphs replace the ones held under the same names; its
  // default graph is added to the one held. Quads are copied graph by graph:
  // sord's all-quads iterator yields each triple once, whatever its graphs.
  ReadStats local;
  for (const auto& name : sink.names) {
    ++local.graphs;
    if (!I.graphs.count(name)) continue;
    ++local.replaced;
    const Node g = I.graph_node(name);
    IterPtr it(sord_search(I.model.get(), nullptr, nullptr, nullptr, g.get()));
    while (it && !sord_iter_end(it.get())) sord_erase(I.model.get(), it.get());
  }
  std::vector<std::string> all(sink.names.begin(), sink.names.end());
  all.push_back(I.default_graph);
  for (const auto& name : all) {
    const Node g = I.graph_node(name);
    IterPtr it(sord_search(scratch.get(), nullptr, nullptr, nullptr, g.get()));
    for (; it && !sord_iter_end(it.get()); sord_iter_next(it.get())) {
      SordQuad q;
      sord_iter_get(it.get(), q);
      sord_add(I.model.get(), q);
      ++local.statements;
    }
  }
  I.graphs.insert(sink.names.begin(), sink.names.end());
  serd_env_foreach(env.get(), on_prefix, &I.read_prefixes);
  if (stats) *stats = local;
  return Status::ok();
}

}  // namespace newsgraph::rdf
