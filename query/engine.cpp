// Rasqal and Raptor behind run_query(). Part of newsgraph::query.
#include "query/engine.hpp"

#include <raptor2.h>
#include <rasqal.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

namespace newsgraph::query {

namespace {

struct WorldDeleter { void operator()(rasqal_world* w) const { rasqal_free_world(w); } };
struct QueryDeleter { void operator()(rasqal_query* q) const { rasqal_free_query(q); } };
struct ResultsDeleter { void operator()(rasqal_query_results* r) const { rasqal_free_query_results(r); } };
struct UriDeleter { void operator()(raptor_uri* u) const { raptor_free_uri(u); } };
struct LiteralDeleter { void operator()(rasqal_literal* l) const { rasqal_free_literal(l); } };

// The first error Rasqal or Raptor logs, with the file and line it names.
struct LogState {
  std::map<std::string, std::string> paths;  // file URI -> the path as the user gave it
  Status status;
};

std::string uri_to_path(const std::string& uri, const LogState& st) {
  const auto it = st.paths.find(uri);
  return it == st.paths.end() ? uri : it->second;
}

void on_log(void* user, raptor_log_message* m) {
  auto& st = *static_cast<LogState*>(user);
  if (m->level < RAPTOR_LOG_LEVEL_ERROR || !st.status) return;  // warnings are not errors; keep the first
  SourcePos pos;
  if (m->locator) {
    if (m->locator->uri) pos.file = uri_to_path(reinterpret_cast<const char*>(raptor_uri_as_string(m->locator->uri)), st);
    else if (m->locator->file) pos.file = m->locator->file;
    if (m->locator->line > 0) pos.line = static_cast<std::size_t>(m->locator->line);
    if (m->locator->column > 0) pos.col = static_cast<std::size_t>(m->locator->column);
  }
  std::string text = m->text ? m->text : "error";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  st.status = Status(Code::BadSyntax, text, pos);
}

const char* parser_for(const std::string& path) {
  auto ends = [&](std::string_view e) { return path.size() > e.size() && path.ends_with(e); };
  if (ends(".nq")) return "nquads";
  if (ends(".trig")) return "trig";
  if (ends(".nt")) return "ntriples";
  if (ends(".ttl")) return "turtle";
  return nullptr;
}

std::optional<Term> to_term(rasqal_literal* value) {
  if (!value) return std::nullopt;
  std::unique_ptr<rasqal_literal, LiteralDeleter> node(rasqal_literal_as_node(value));
  if (!node) return std::nullopt;
  const rasqal_literal* l = node.get();
  Term t;
  auto str = [](const unsigned char* s, unsigned int n) { return std::string(reinterpret_cast<const char*>(s), n); };
  switch (l->type) {
    case RASQAL_LITERAL_URI:
      t.kind = Term::Kind::Iri;
      t.value = reinterpret_cast<const char*>(raptor_uri_as_string(l->value.uri));
      break;
    case RASQAL_LITERAL_BLANK:
      t.kind = Term::Kind::Blank;
      t.value = str(l->string, l->string_len);
      break;
    default:
      t.kind = Term::Kind::Literal;
      t.value = str(l->string, l->string_len);
      if (l->language) t.language = l->language;
      if (l->datatype) t.datatype = reinterpret_cast<const char*>(raptor_uri_as_string(l->datatype));
  }
  return t;
}

// Sort key of a row: unbound first, then by kind, value, datatype, language.
bool row_less(const Row& a, const Row& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (!a[i] || !b[i]) {
      if (a[i].has_value() != b[i].has_value()) return !a[i];
      continue;
    }
    const auto ka = std::tie(a[i]->kind, a[i]->value, a[i]->datatype, a[i]->language);
    const auto kb = std::tie(b[i]->kind, b[i]->value, b[i]->datatype, b[i]->language);
    if (ka != kb) return ka < kb;
  }
  return false;
}

}  // namespace

Result<Results> run_query(const std::string& query_file, const std::vector<std::string>& graph_files) {
  std::ifstream in(query_file, std::ios::binary);
  if (!in) return Status(Code::IoError, std::string("cannot read: ") + std::strerror(errno), SourcePos{query_file, 0, 0});
  std::stringstream text;
  text << in.rdbuf();
  for (const auto& g : graph_files) {
    if (!parser_for(g)) return Status(Code::BadArgument, "unknown extension (use .ttl .nt .nq .trig)", SourcePos{g, 0, 0});
    std::error_code ec;
    if (!std::filesystem::is_regular_file(g, ec)) return Status(Code::IoError, "cannot read: no such file", SourcePos{g, 0, 0});
  }

  std::unique_ptr<rasqal_world, WorldDeleter> world(rasqal_new_world());
  if (!world || rasqal_world_open(world.get())) return Status(Code::Internal, "cannot start the Rasqal engine");
  raptor_world* raptor = rasqal_world_get_raptor(world.get());
  LogState log;
  rasqal_world_set_log_handler(world.get(), &log, on_log);
  raptor_world_set_log_handler(raptor, &log, on_log);

  std::unique_ptr<raptor_uri, UriDeleter> base(
      raptor_new_uri_from_uri_or_file_string(raptor, nullptr, reinterpret_cast<const unsigned char*>(query_file.c_str())));
  if (!base) return Status(Code::Internal, "cannot make a URI of the query file", SourcePos{query_file, 0, 0});
  log.paths[reinterpret_cast<const char*>(raptor_uri_as_string(base.get()))] = query_file;
  std::unique_ptr<rasqal_query, QueryDeleter> q(rasqal_new_query(world.get(), "sparql11-query", nullptr));
  if (!q) return Status(Code::Internal, "cannot make a SPARQL 1.1 query");
  const std::string query_text = text.str();
  if (rasqal_query_prepare(q.get(), reinterpret_cast<const unsigned char*>(query_text.c_str()), base.get()) != 0) {
    if (!log.status) return log.status;
    return Status(Code::BadSyntax, "the query cannot be parsed", SourcePos{query_file, 0, 0});
  }
  const rasqal_query_verb verb = rasqal_query_get_verb(q.get());
  if (verb != RASQAL_QUERY_VERB_SELECT && verb != RASQAL_QUERY_VERB_ASK) {
    return Status(Code::BadArgument, "only SELECT and ASK queries are answered here (this is " +
                                         std::string(reinterpret_cast<const char*>(rasqal_query_verb_as_string(verb))) + ")",
                  SourcePos{query_file, 0, 0});
  }

  for (const auto& g : graph_files) {
    raptor_uri* uri = raptor_new_uri_from_uri_or_file_string(raptor, nullptr, reinterpret_cast<const unsigned char*>(g.c_str()));
    rasqal_data_graph* dg = uri ? rasqal_new_data_graph_from_uri(world.get(), uri, nullptr, RASQAL_DATA_GRAPH_BACKGROUND,
                                                                 nullptr, parser_for(g), nullptr)
                                : nullptr;
    if (uri) {
      log.paths[reinterpret_cast<const char*>(raptor_uri_as_string(uri))] = g;
      raptor_free_uri(uri);
    }
    if (!dg || rasqal_query_add_data_graph(q.get(), dg) != 0) {  // the query owns dg from here
      return Status(Code::Internal, "cannot add the graph", SourcePos{g, 0, 0});
    }
  }

  std::unique_ptr<rasqal_query_results, ResultsDeleter> res(rasqal_query_execute(q.get()));
  if (!log.status) return log.status;  // a data file that does not parse
  if (!res) return Status(Code::Internal, "the query could not be run", SourcePos{query_file, 0, 0});

  Results out;
  if (rasqal_query_results_is_boolean(res.get())) {
    const int b = rasqal_query_results_get_boolean(res.get());
    if (b < 0) return Status(Code::Internal, "the query could not be run", SourcePos{query_file, 0, 0});
    out.boolean = b > 0;
    return out;
  }
  // The projected variables, from the query: the results know none when there are no rows.
  raptor_sequence* vars = rasqal_query_get_bound_variable_sequence(q.get());
  const int n = vars ? raptor_sequence_size(vars) : 0;
  for (int i = 0; i < n; ++i) {
    const auto* v = static_cast<rasqal_variable*>(raptor_sequence_get_at(vars, i));
    out.variables.emplace_back(reinterpret_cast<const char*>(v->name));
  }
  while (!rasqal_query_results_finished(res.get())) {
    Row row;
    for (int i = 0; i < n; ++i) row.push_back(to_term(rasqal_query_results_get_binding_value(res.get(), i)));
    out.rows.push_back(std::move(row));
    if (rasqal_query_results_next(res.get())) break;
  }
  if (!log.status) return log.status;
  if (!rasqal_query_get_order_condition(q.get(), 0)) std::stable_sort(out.rows.begin(), out.rows.end(), row_less);
  return out;
}

}  // namespace newsgraph::query
