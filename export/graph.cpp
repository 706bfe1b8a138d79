// Building the Sord model and writing it with Serd. Part of newsgraph::rdf.
#include "export/graph.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <set>
#include <vector>

#include "export/graph_impl.hpp"
#include "export/handles.hpp"
#include "ontology/vocab.hpp"

namespace newsgraph::rdf {

namespace v = ontology::vocab;
using extract::EntityKind;
using extract::FactKind;
using ontology::Iri;

Graph::Graph(ontology::IriMinter minter) : impl_(std::make_unique<Impl>(std::move(minter))) {}
Graph::~Graph() = default;
Graph::Graph(Graph&&) noexcept = default;
Graph& Graph::operator=(Graph&&) noexcept = default;

std::size_t Graph::size() const { return sord_num_quads(impl_->model.get()); }

Result<Syntax> parse_syntax(std::string_view name) {
  if (name == "turtle" || name == "ttl") return Syntax::Turtle;
  if (name == "ntriples" || name == "nt") return Syntax::NTriples;
  if (name == "nquads" || name == "nq") return Syntax::NQuads;
  if (name == "trig") return Syntax::TriG;
  return Status(Code::BadArgument, "unknown format '" + std::string(name) + "' (turtle, ntriples, nquads, trig)");
}

bool syntax_from_extension(std::string_view path, Syntax& out) {
  auto ends = [&](std::string_view e) {
    return path.size() > e.size() && path.substr(path.size() - e.size()) == e;
  };
  if (ends(".ttl")) out = Syntax::Turtle;
  else if (ends(".nt")) out = Syntax::NTriples;
  else if (ends(".nq")) out = Syntax::NQuads;
  else if (ends(".trig")) out = Syntax::TriG;
  else return false;
  return true;
}

Status Graph::add(const extract::Extraction& x) {
  auto& I = *impl_;
  const auto& a = x.article;
  const auto& text = a.text;
  const Iri article = I.minter.article(a.key());
  I.graphs.insert(article.str());
  const Node g = I.uri(article.str());
  const Node type = I.uri(v::kType);
  // Character offsets: the byte offset itself in an all-ASCII text (most
  // news), else counted.
  const bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  auto cp = [&](std::size_t byte) { return ascii ? std::min(byte, text.size()) : extract::code_points(text, byte); };

  I.add(g, g, type, I.uri(v::kNewsArticle));
  if (!a.id.empty()) I.add(g, g, I.uri(v::kIdentifier), I.literal(a.id));
  if (!a.url.empty()) {
    if (auto url = Iri::make(a.url)) I.add(g, g, I.uri(v::kUrl), I.uri(url->str()));
  }
  if (!a.title.empty()) I.add(g, g, I.uri(v::kHeadline), I.literal(a.title));
  if (a.date) I.add(g, g, I.uri(v::kDatePublished), I.typed(a.date->iso(), v::kXsdDate));
  if (!a.file.empty()) I.add(g, g, I.uri(v::kSourceFile), I.literal(a.file));
  if (a.line > 0 && a.file.size() > 6 && a.file.substr(a.file.size() - 6) == ".jsonl") {
    I.add(g, g, I.uri(v::kSourceLine), I.typed(std::to_string(a.line), v::kXsdInteger));
  }

  // Entities: known ones (gazetteer) by their canonical name, so that every
  // article gives them the same IRI and schema:name; the names this article
  // uses become schema:alternateName.
  std::vector<std::string> iris(x.entities.size());
  for (std::size_t i = 0; i < x.entities.size(); ++i) {
    const auto& e = x.entities[i];
    const std::string& name = e.canonical.empty() ? e.name : e.canonical;
    switch (e.kind) {
      case EntityKind::Person: iris[i] = I.minter.person(name, e.country).str(); break;
      case EntityKind::Country: iris[i] = I.minter.country(e.country).str(); break;
      case EntityKind::City: iris[i] = I.minter.city(name, e.country).str(); break;
      case EntityKind::Organization: iris[i] = I.minter.organization(name).str(); break;
    }
  }
  // Only entities that a fact uses, or that the article names, are written;
  // every entity in an Extraction was named in the article (or is the country of a city it named).
  for (std::size_t i = 0; i < x.entities.size(); ++i) {
    const auto& e = x.entities[i];
    const Node s = I.uri(iris[i]);
    static constexpr const v::Term* kTypes[] = {&v::kPerson, &v::kCountry, &v::kCity, &v::kOrganization};
    I.add(g, s, type, I.uri(*kTypes[static_cast<int>(e.kind)]));
    I.add(g, s, I.uri(v::kName), I.literal(e.canonical.empty() ? e.name : e.canonical));
    if (!e.canonical.empty() && e.name != e.canonical) I.add(g, s, I.uri(v::kAlternateName), I.literal(e.name));
    for (const auto& alias : e.aliases) {
      if (alias != e.canonical) I.add(g, s, I.uri(v::kAlternateName), I.literal(alias));
    }
    if (e.kind == EntityKind::Country) I.add(g, s, I.uri(v::kCountryCode), I.literal(e.country));
    // The gazetteer's ids are checked ("Q" and digits) when it is loaded.
    if (!e.wikidata.empty()) I.add(g, s, I.uri(v::kSameAs), I.uri(std::string(v::kWikidataEntity) + e.wikidata));
    if (e.kind == EntityKind::City && !e.country.empty()) {
      I.add(g, s, I.uri(v::kContainedInPlace), I.uri(I.minter.country(e.country).str()));
    }
  }

  // Facts, numbered per kind in text order, each from a sentence.
  std::map<FactKind, std::size_t> counters;
  std::set<std::uint32_t> sentences;
  for (const auto& f : x.facts) {
    const auto& sentence = x.sentences[f.sentence];
    const Iri sent = I.minter.span(article, cp(sentence.begin), cp(sentence.end));
    sentences.insert(f.sentence);
    const Node node = I.uri(I.minter.fact(article, extract::fact_kind_name(f.kind), ++counters[f.kind]).str());
    // The person the fact is about; agreements, events, projects and relations may have none.
    const Node p1 = I.uri(f.person >= 0 ? iris[static_cast<std::size_t>(f.person)] : article.str());
    I.add(g, node, I.uri(v::kFoundBy), I.literal(f.found_by));
    I.add(g, node, I.uri(v::kWasDerivedFrom), I.uri(sent.str()));
    if (f.date) I.add(g, node, I.uri(v::kDateText), I.literal(f.date->text));
    if (f.resolved) {
      I.add(g, node, I.uri(v::kDate), I.typed(f.resolved->iso(), v::kXsdDate));
      // What a relative date ("on Friday") was resolved against.
      if (extract::is_relative(*f.date) && a.date) {
        I.add(g, node, I.uri(v::kResolvedAgainst), I.typed(a.date->iso(), v::kXsdDate));
      }
    }
    if (f.resolved_end) I.add(g, node, I.uri(v::kEndDate), I.typed(f.resolved_end->iso(), v::kXsdDate));
    if (!f.period.empty()) {
      I.add(g, node, I.uri(v::kPeriod), I.typed(f.period, f.period.size() == 4 ? v::kXsdGYear : v::kXsdGYearMonth));
      if (extract::is_relative(*f.date) && a.date) {
        I.add(g, node, I.uri(v::kResolvedAgainst), I.typed(a.date->iso(), v::kXsdDate));
      }
    }
    if (f.confidence) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%.3f", *f.confidence);
      I.add(g, node, I.uri(v::kConfidence), I.typed(buf, v::kXsdDecimal));
    }
    for (const auto& t : f.topics) I.add(g, node, I.uri(v::kTopic), I.uri(I.minter.topic(t).str()));
    auto entity = [&](std::int32_t i) { return I.uri(iris[static_cast<std::size_t>(i)]); };
    const bool real = !f.planned;
    switch (f.kind) {
      case FactKind::Position:
        I.add(g, node, type, I.uri(f.former ? v::kFormerPosition : v::kPosition));
        I.add(g, node, I.uri(v::kHolder), p1);
        I.add(g, node, I.uri(v::kRoleName), I.literal(f.role));
        if (f.org >= 0) I.add(g, node, I.uri(v::kOfOrganization), I.uri(iris[static_cast<std::size_t>(f.org)]));
        if (f.org >= 0 && !f.org_text.empty()) I.add(g, node, I.uri(v::kOrganizationText), I.literal(f.org_text));
        if (!f.former) I.add(g, p1, I.uri(v::kHoldsPosition), node);
        break;
      case FactKind::Nationality: {
        const Node c = I.uri(iris[static_cast<std::size_t>(f.org)]);
        I.add(g, node, type, I.uri(v::kNationality));
        I.add(g, node, I.uri(v::kPersonProp), p1);
        I.add(g, node, I.uri(v::kCountryProp), c);
        I.add(g, p1, I.uri(v::kNationalityOf), c);
        break;
      }
      case FactKind::Meeting: {
        const Node p2 = I.uri(iris[static_cast<std::size_t>(f.person2)]);
        I.add(g, node, type, I.uri(real ? v::kMeeting : v::kPlannedMeeting));
        I.add(g, node, I.uri(v::kParticipant), p1);
        I.add(g, node, I.uri(v::kParticipant), p2);
        if (f.place >= 0) I.add(g, node, I.uri(v::kPlace), I.uri(iris[static_cast<std::size_t>(f.place)]));
        if (f.host >= 0) {
          I.add(g, node, I.uri(v::kHost), entity(f.host));
          I.add(g, node, I.uri(v::kGuest), entity(f.host == f.person ? f.person2 : f.person));
        }
        if (real) {
          I.add(g, p1, I.uri(v::kMetWith), p2);
          I.add(g, p2, I.uri(v::kMetWith), p1);
        }
        break;
      }
      case FactKind::Statement:
        I.add(g, node, type, I.uri(v::kQuotation));
        I.add(g, node, I.uri(v::kSpokenBy), p1);
        I.add(g, node, I.uri(v::kText), I.literal(f.quote));
        I.add(g, node, I.uri(v::kDirectQuote), I.typed(f.direct ? "true" : "false", v::kXsdBoolean));
        break;
      case FactKind::Visit: {
        const Node place = I.uri(iris[static_cast<std::size_t>(f.place)]);
        I.add(g, node, type, I.uri(real ? v::kVisit : v::kPlannedVisit));
        I.add(g, node, I.uri(v::kVisitor), p1);
        I.add(g, node, I.uri(v::kDestination), place);
        if (real) I.add(g, p1, I.uri(v::kVisited), place);
        break;
      }
      case FactKind::Agreement:
        I.add(g, node, type, I.uri(real ? v::kAgreement : v::kPlannedAgreement));
        I.add(g, node, I.uri(v::kName), I.literal(f.name));
        for (const auto p : f.parties) I.add(g, node, I.uri(v::kParty), entity(p));
        if (f.person >= 0) I.add(g, node, I.uri(v::kSignedBy), entity(f.person));
        if (f.place >= 0) I.add(g, node, I.uri(v::kPlace), entity(f.place));
        break;
      case FactKind::Event:
        I.add(g, node, type, I.uri(v::kEvent));
        I.add(g, node, I.uri(v::kName), I.literal(f.name));
        for (const auto p : f.parties) I.add(g, node, I.uri(v::kParticipant), entity(p));
        if (f.place >= 0) I.add(g, node, I.uri(v::kPlace), entity(f.place));
        break;
      case FactKind::Project:
        I.add(g, node, type, I.uri(v::kProject));
        I.add(g, node, I.uri(v::kName), I.literal(f.name));
        if (f.place >= 0) I.add(g, node, I.uri(v::kPlace), entity(f.place));
        if (f.org >= 0) I.add(g, node, I.uri(v::kBuilder), entity(f.org));
        break;
      case FactKind::Invitation:
        I.add(g, node, type, I.uri(v::kInvitation));
        I.add(g, node, I.uri(v::kInviter), p1);
        I.add(g, node, I.uri(v::kInvitee), entity(f.person2));
        if (f.place >= 0) I.add(g, node, I.uri(v::kDestination), entity(f.place));
        break;
      case FactKind::Proposal:
        I.add(g, node, type, I.uri(v::kProposal));
        I.add(g, node, I.uri(v::kProposer), p1);
        I.add(g, node, I.uri(v::kText), I.literal(f.quote));
        if (f.person2 >= 0) I.add(g, node, I.uri(v::kAddressee), entity(f.person2));
        break;
      case FactKind::Relation:
        I.add(g, node, type, I.uri(v::kCountryRelation));
        I.add(g, node, I.uri(v::kRelationType), I.literal(f.name));
        for (const auto p : f.parties) I.add(g, node, I.uri(v::kParty), entity(p));
        // "China is Peru's largest trading partner": China is the subject.
        I.add(g, node, I.uri(v::kSubjectCountry), entity(f.parties.front()));
        if (f.date && f.date->kind == extract::DateExpr::Kind::Year && f.date->year > 0) {
          I.add(g, node, I.uri(v::kSince), I.typed(std::to_string(f.date->year), v::kXsdGYear));
        }
        break;
    }
  }
  // The topic concepts the facts name, with their labels and broader topics.
  for (const auto& t : x.topics) {
    const Node c = I.uri(I.minter.topic(t.id).str());
    I.add(g, c, type, I.uri(v::kConcept));
    I.add(g, c, I.uri(v::kInScheme), I.uri(v::kTopicScheme));
    I.add(g, c, I.uri(v::kPrefLabel), I.lang(t.label, "en"));
    if (!t.broader.empty()) I.add(g, c, I.uri(v::kBroader), I.uri(I.minter.topic(t.broader).str()));
  }
  if (!x.topics.empty()) {
    I.add(g, I.uri(v::kTopicScheme), type, I.uri(v::kConceptScheme));
  }
  for (const auto si : sentences) {
    const auto& s = x.sentences[si];
    const Node sent = I.uri(I.minter.span(article, cp(s.begin), cp(s.end)).str());
    I.add(g, sent, type, I.uri(v::kNifSentence));
    I.add(g, sent, I.uri(v::kAnchorOf), I.literal(text.substr(s.begin, s.end - s.begin)));
    I.add(g, sent, I.uri(v::kBeginIndex), I.typed(std::to_string(cp(s.begin)), v::kXsdInteger));
    I.add(g, sent, I.uri(v::kEndIndex), I.typed(std::to_string(cp(s.end)), v::kXsdInteger));
    I.add(g, sent, I.uri(v::kIsPartOf), g);
  }
  return Status::ok();
}

namespace {

struct WriteState {
  Status status;
};

SerdStatus on_error(void* handle, const SerdError* error) {
  auto* st = static_cast<WriteState*>(handle);
  if (st->status.is_ok()) {
    char buf[512];
    std::vsnprintf(buf, sizeof buf, error->fmt, *error->args);
    st->status = Status(Code::Internal, std::string("serd: ") + buf);
  }
  return SERD_SUCCESS;
}

size_t file_sink(const void* buf, size_t len, void* stream) {
  return std::fwrite(buf, 1, len, static_cast<std::FILE*>(stream));
}

// A serd view of a sord node; literal datatypes and languages are separate nodes in serd.
struct SerdTerm {
  const SerdNode* node = nullptr;
  const SerdNode* datatype = nullptr;
  SerdNode lang = SERD_NODE_NULL;
  bool has_lang = false;
};

SerdTerm to_serd(const SordNode* n) {
  SerdTerm t;
  t.node = sord_node_to_serd_node(n);
  if (sord_node_get_type(n) == SORD_LITERAL) {
    if (const SordNode* dt = sord_node_get_datatype(n)) t.datatype = sord_node_to_serd_node(dt);
    if (const char* lang = sord_node_get_language(n)) {
      t.lang = serd_node_from_string(SERD_LITERAL, reinterpret_cast<const uint8_t*>(lang));
      t.has_lang = true;
    }
  }
  return t;
}

}  // namespace

struct Writer::Impl {
  Syntax syntax = Syntax::Turtle;
  std::FILE* out = nullptr;
  EnvPtr env;
  WriterPtr writer;
  WriteState state;
  std::size_t statements = 0;

  Status write_quad(const SordQuad q, bool with_graph) {
    const SerdTerm s = to_serd(q[SORD_SUBJECT]), p = to_serd(q[SORD_PREDICATE]), o = to_serd(q[SORD_OBJECT]);
    const SerdNode* graph = with_graph && q[SORD_GRAPH] ? sord_node_to_serd_node(q[SORD_GRAPH]) : nullptr;
    const SerdStatus st = serd_writer_write_statement(writer.get(), 0, graph, s.node, p.node, o.node,
                                                      o.datatype, o.has_lang ? &o.lang : nullptr);
    if (st != SERD_SUCCESS) return Status(Code::IoError, std::string("cannot write statement: ") +
                                                             reinterpret_cast<const char*>(serd_strerror(st)));
    ++statements;
    return state.status;
  }
};

Writer::Writer() : impl_(std::make_unique<Impl>()) {}
Writer::~Writer() = default;
Writer::Writer(Writer&&) noexcept = default;
Writer& Writer::operator=(Writer&&) noexcept = default;

std::size_t Writer::statements() const { return impl_->statements; }

namespace {

// The vocabulary's prefixes, then the extra ones that name other namespaces.
std::vector<std::pair<std::string, std::string>> all_prefixes(
    const std::vector<std::pair<std::string, std::string>>& extra_prefixes) {
  std::vector<std::pair<std::string, std::string>> prefixes;
  for (const auto& p : v::kPrefixes) prefixes.emplace_back(p.name, p.iri);
  // (No structured binding here: clang 14 cannot capture one in a lambda.)
  for (const auto& extra : extra_prefixes) {
    const bool taken = std::any_of(prefixes.begin(), prefixes.end(), [&](const auto& p) {
      return p.first == extra.first || p.second == extra.second;
    });
    if (!taken && !extra.first.empty()) prefixes.push_back(extra);
  }
  return prefixes;
}

constexpr SerdSyntax kSerdSyntax[] = {SERD_TURTLE, SERD_NTRIPLES, SERD_NQUADS, SERD_TRIG};

bool terse(Syntax syntax) { return syntax == Syntax::Turtle || syntax == Syntax::TriG; }

// A Serd environment that abbreviates IRIs with `prefixes` (none for N-Triples and N-Quads).
EnvPtr make_env(Syntax syntax, const std::vector<std::pair<std::string, std::string>>& prefixes) {
  EnvPtr env(serd_env_new(nullptr));
  if (terse(syntax)) {
    for (const auto& [name, iri] : prefixes) {
      serd_env_set_prefix_from_strings(env.get(), reinterpret_cast<const uint8_t*>(name.c_str()),
                                       reinterpret_cast<const uint8_t*>(iri.c_str()));
    }
  }
  return env;
}

SerdStyle style_of(Syntax syntax) {
  return static_cast<SerdStyle>(terse(syntax) ? (SERD_STYLE_ABBREVIATED | SERD_STYLE_CURIED) : 0);
}

size_t string_sink(const void* buf, size_t len, void* stream) {
  static_cast<std::string*>(stream)->append(static_cast<const char*>(buf), len);
  return len;
}

}  // namespace

Result<Writer> Writer::open(Syntax syntax, std::FILE* out,
                            const std::vector<std::pair<std::string, std::string>>& extra_prefixes) {
  Writer w;
  auto& W = *w.impl_;
  W.syntax = syntax;
  W.out = out;
  const auto prefixes = all_prefixes(extra_prefixes);
  W.env = make_env(syntax, prefixes);
  W.writer.reset(serd_writer_new(kSerdSyntax[static_cast<int>(syntax)], style_of(syntax), W.env.get(), nullptr,
                                 file_sink, out));
  serd_writer_set_error_sink(W.writer.get(), on_error, &W.state);
  if (terse(syntax)) {
    for (const auto& [name, iri] : prefixes) {
      const SerdNode n = serd_node_from_string(SERD_LITERAL, reinterpret_cast<const uint8_t*>(name.c_str()));
      const SerdNode u = serd_node_from_string(SERD_URI, reinterpret_cast<const uint8_t*>(iri.c_str()));
      if (serd_writer_set_prefix(W.writer.get(), &n, &u) != SERD_SUCCESS) {
        return Status(Code::IoError, "cannot write prefixes");
      }
    }
  }
  return w;
}

Result<Writer::Piece> Writer::render(const Graph& g, Syntax syntax,
                                     const std::vector<std::pair<std::string, std::string>>& extra_prefixes) {
  Piece piece;
  Writer w;
  auto& W = *w.impl_;
  W.syntax = syntax;
  W.env = make_env(syntax, all_prefixes(extra_prefixes));
  W.writer.reset(serd_writer_new(kSerdSyntax[static_cast<int>(syntax)], style_of(syntax), W.env.get(), nullptr,
                                 string_sink, &piece.text));
  serd_writer_set_error_sink(W.writer.get(), on_error, &W.state);
  if (auto st = w.write(g); !st) return st;
  if (serd_writer_finish(W.writer.get()) != SERD_SUCCESS) return Status(Code::IoError, "cannot finish output");
  if (!W.state.status) return W.state.status;
  piece.statements = W.statements;
  return piece;
}

Status Writer::write(const Piece& piece) {
  auto& W = *impl_;
  if (piece.text.empty()) return Status::ok();
  // Whatever the writer holds (the prefixes, or statements written with
  // write(Graph)) is finished first, so the piece starts a statement.
  if (serd_writer_finish(W.writer.get()) != SERD_SUCCESS) return Status(Code::IoError, "cannot finish output");
  if (!W.state.status) return W.state.status;
  // Turtle: a blank line after the prefixes, as Serd puts before the first
  // subject (a finished piece ends with one). TriG has none before a graph.
  if (W.syntax == Syntax::Turtle && W.statements == 0 && std::fputc('\n', W.out) == EOF) {
    return Status(Code::IoError, std::string("write failed: ") + std::strerror(errno));
  }
  if (std::fwrite(piece.text.data(), 1, piece.text.size(), W.out) != piece.text.size()) {
    return Status(Code::IoError, std::string("write failed: ") + std::strerror(errno));
  }
  W.statements += piece.statements;
  return Status::ok();
}

Status Writer::write(const Graph& g) {
  auto& W = *impl_;
  const auto& I = *g.impl_;
  const bool quads = W.syntax == Syntax::NQuads || W.syntax == Syntax::TriG;
  if (quads) {
    // The default graph (triples read from Turtle or N-Triples), then one
    // named graph after another, each in SPO order.
    {
      const Node dg = I.uri(I.default_graph);
      IterPtr it(sord_search(I.model.get(), nullptr, nullptr, nullptr, dg.get()));
      for (; it && !sord_iter_end(it.get()); sord_iter_next(it.get())) {
        SordQuad q;
        sord_iter_get(it.get(), q);
        if (auto st = W.write_quad(q, false); !st) return st;
      }
    }
    for (const auto& gname : I.graphs) {
      const Node gnode = I.graph_node(gname);
      IterPtr it(sord_search(I.model.get(), nullptr, nullptr, nullptr, gnode.get()));
      for (; it && !sord_iter_end(it.get()); sord_iter_next(it.get())) {
        SordQuad q;
        sord_iter_get(it.get(), q);
        if (auto st = W.write_quad(q, true); !st) return st;
      }
    }
  } else {
    // SPO order; a triple held in several graphs is written once (sord's
    // SPO iterator already skips the other graphs' copies; the check below
    // does not rely on that).
    const SordNode* last[3] = {nullptr, nullptr, nullptr};
    IterPtr it(sord_begin(I.model.get()));
    for (; it && !sord_iter_end(it.get()); sord_iter_next(it.get())) {
      SordQuad q;
      sord_iter_get(it.get(), q);
      if (q[0] == last[0] && q[1] == last[1] && q[2] == last[2]) continue;
      last[0] = q[0];
      last[1] = q[1];
      last[2] = q[2];
      if (auto st = W.write_quad(q, false); !st) return st;
    }
  }
  return W.state.status;
}

Status Writer::finish() {
  auto& W = *impl_;
  if (serd_writer_finish(W.writer.get()) != SERD_SUCCESS) return Status(Code::IoError, "cannot finish output");
  if (!W.state.status) return W.state.status;
  if (std::fflush(W.out) != 0 || std::ferror(W.out)) {
    return Status(Code::IoError, std::string("write failed: ") + std::strerror(errno));
  }
  return Status::ok();
}

std::vector<std::pair<std::string, std::string>> Graph::prefixes() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [name, iris] : impl_->read_prefixes) out.emplace_back(name, *iris.begin());
  return out;
}

Status Graph::write(Syntax syntax, std::FILE* out) const {
  auto w = Writer::open(syntax, out, prefixes());
  if (!w) return w.status();
  if (auto st = w->write(*this); !st) return st;
  return w->finish();
}

void Graph::clear() {
  auto& I = *impl_;
  I.model.reset(sord_new(I.world.get(), SORD_SPO | SORD_OPS, true));
  I.graphs.clear();
}

}  // namespace newsgraph::rdf
