// Building the Sord model and writing it with Serd. Part of newsgraph::rdf.
#include "export/graph.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "export/graph_impl.hpp"
#include "export/handles.hpp"
#include "ontology/vocab.hpp"

namespace newsgraph::rdf {

namespace v = ontology::vocab;
using extract::EntityKind;
using extract::FactKind;
using ontology::Iri;

namespace {

// The UTF-8 characters in p[0, n): the bytes that are not continuation
// bytes (10xxxxxx), 8 at a time. In a word, a continuation byte has its high
// bit set and bit 6 (shifted up to bit 7) clear; a word of ASCII has none.
std::size_t count_chars(const char* p, std::size_t n) {
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  std::size_t continuation = 0, i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t x;
    std::memcpy(&x, p + i, 8);
    if (const std::uint64_t high = x & kHigh; high != 0) {
      continuation += static_cast<std::size_t>(std::popcount(high & ~(x << 1)));
    }
  }
  for (; i < n; ++i) continuation += (static_cast<unsigned char>(p[i]) & 0xC0) == 0x80;
  return n - continuation;
}

// `n` in decimal (as std::to_string writes it), in `buf`.
std::string_view decimal(std::size_t n, char (&buf)[24]) {
  const auto r = std::to_chars(buf, buf + sizeof buf, n);
  return {buf, static_cast<std::size_t>(r.ptr - buf)};
}

}  // namespace

namespace {

// serd_curie() of a URI node whose string is NUL-terminated at n_bytes (its
// first NUL), into `out` ("" for none).
void serd_curie_of(const SerdEnv* env, const SerdNode& node, bool predicate, std::string& out) {
  out.clear();
  const std::string_view iri(reinterpret_cast<const char*>(node.buf), node.n_bytes);
  // Serd writes these two by their IRI's string, rdf:type as a predicate only.
  const bool in_rdf = iri.substr(0, v::kRdf.size()) == v::kRdf;
  if (in_rdf && (iri.substr(v::kRdf.size()) == "nil" || (predicate && iri.substr(v::kRdf.size()) == "type"))) return;
  if (!uri_has_scheme(reinterpret_cast<const char*>(node.buf))) return;
  SerdNode prefix = SERD_NODE_NULL;
  SerdChunk suffix = {nullptr, 0};
  if (!serd_env_qualify(env, &node, &prefix, &suffix)) return;
  // Serd's is_name(): anything else and it writes the IRI whole.
  auto is_name = [](const uint8_t* buf, std::size_t len) {
    return std::all_of(buf, buf + len, [](uint8_t c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    });
  };
  if (!is_name(prefix.buf, prefix.n_bytes) || !is_name(suffix.buf, suffix.len)) return;
  out.assign(reinterpret_cast<const char*>(prefix.buf), prefix.n_bytes);
  out += ':';
  out.append(reinterpret_cast<const char*>(suffix.buf), suffix.len);
}

}  // namespace

std::string serd_curie(const SerdEnv* env, std::string_view iri, bool predicate) {
  const std::string text(iri);
  std::string out;
  serd_curie_of(env, serd_node_from_string(SERD_URI, reinterpret_cast<const uint8_t*>(text.c_str())), predicate, out);
  return out;
}

std::string decimal_3(double x) {
  // to_chars with a precision writes what printf writes, without its
  // locale and format parsing; printf still takes what does not fit.
  char buf[16];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf - 1, x, std::chars_format::fixed, 3);
  if (ec == std::errc()) return std::string(buf, end);
  std::snprintf(buf, sizeof buf, "%.3f", x);
  return buf;
}

NodeText measure_node_text(std::string_view s, bool flags, bool chars) {
  NodeText t;
  if (const void* nul = std::memchr(s.data(), '\0', s.size())) {
    s = s.substr(0, static_cast<std::size_t>(static_cast<const char*>(nul) - s.data()));
  }
  const char* p = s.data();
  const std::size_t n = s.size();
  t.n_bytes = n;
  t.n_chars = chars ? count_chars(p, n) : n;
  if (!flags) return t;
  // '\n', '\r' and '"' are ASCII, so never inside a multi-byte character.
  if (std::memchr(p, '\n', n) || std::memchr(p, '\r', n)) t.flags |= SERD_HAS_NEWLINE;
  if (std::memchr(p, '"', n)) t.flags |= SERD_HAS_QUOTE;
  return t;
}

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

namespace {

// One article's entities, facts and provenance as quads in its named graph,
// through `I`: a Graph::Impl (Sord) or an ArticleGraph::Impl (a vector).
// Both make their nodes with uri(), literal(), lang(), typed() and
// typed_plain() (numbers and dates) and take quads with add(g, s, p, o);
// what the article says is written once, here.
template <class Sink>
void add_article(const extract::Extraction& x, const ontology::IriMinter& minter, Sink& I) {
  const auto& a = x.article;
  const auto& text = a.text;
  char num[24];  // a number's digits (decimal)
  const Iri article = minter.article(a.key());
  I.name_graph(article.str());
  const auto g = I.uri(article.str());
  const auto type = I.uri(v::kType);
  // Character offsets, as extract::code_points counts them, but counted on
  // from the offset asked for before when this one is not before it (8
  // bytes at a time), not from the start for each offset.
  std::size_t cp_byte = 0, cp_count = 0;
  auto cp = [&](std::size_t byte) {
    byte = std::min(byte, text.size());
    if (byte < cp_byte) cp_byte = cp_count = 0;
    cp_count += count_chars(text.data() + cp_byte, byte - cp_byte);
    cp_byte = byte;
    return cp_count;
  };

  I.add(g, g, type, I.uri(v::kNewsArticle));
  if (!a.id.empty()) I.add(g, g, I.uri(v::kIdentifier), I.literal(a.id));
  if (!a.url.empty()) {
    if (auto url = Iri::make(a.url)) I.add(g, g, I.uri(v::kUrl), I.uri(url->str()));
  }
  if (!a.title.empty()) I.add(g, g, I.uri(v::kHeadline), I.literal(a.title));
  if (a.date) I.add(g, g, I.uri(v::kDatePublished), I.typed_plain(a.date->iso(), v::kXsdDate));
  if (!a.file.empty()) I.add(g, g, I.uri(v::kSourceFile), I.literal(a.file));
  if (a.line > 0 && a.file.size() > 6 && a.file.substr(a.file.size() - 6) == ".jsonl") {
    I.add(g, g, I.uri(v::kSourceLine), I.typed_plain(decimal(a.line, num), v::kXsdInteger));
  }

  // Entities: known ones (gazetteer) by their canonical name, so that every
  // article gives them the same IRI and schema:name; the names this article
  // uses become schema:alternateName.
  // Each entity's IRI node is made once, from the minted IRI (not kept as
  // a string: the facts use the nodes).
  using NodeOf = decltype(I.uri(std::string()));
  std::vector<NodeOf> ents;
  ents.reserve(x.entities.size());
  auto mint = [&](const extract::Entity& e) {
    const std::string& name = e.canonical.empty() ? e.name : e.canonical;
    switch (e.kind) {
      case EntityKind::Person: return minter.person(name, e.country);
      case EntityKind::Country: return minter.country(e.country);
      case EntityKind::City: return minter.city(name, e.country);
      case EntityKind::Organization: break;
    }
    return minter.organization(name);
  };
  // Only entities that a fact uses, or that the article names, are written;
  // every entity in an Extraction was named in the article (or is the country of a city it named).
  std::string wikidata;  // an entity's wd: IRI (one buffer for all)
  for (std::size_t i = 0; i < x.entities.size(); ++i) {
    const auto& e = x.entities[i];
    ents.push_back(I.uri(mint(e).str()));
    const auto& s = ents.back();
    static constexpr const v::Term* kTypes[] = {&v::kPerson, &v::kCountry, &v::kCity, &v::kOrganization};
    I.add(g, s, type, I.uri(*kTypes[static_cast<int>(e.kind)]));
    I.add(g, s, I.uri(v::kName), I.literal(e.canonical.empty() ? e.name : e.canonical));
    if (!e.canonical.empty() && e.name != e.canonical) I.add(g, s, I.uri(v::kAlternateName), I.literal(e.name));
    for (const auto& alias : e.aliases) {
      if (alias != e.canonical) I.add(g, s, I.uri(v::kAlternateName), I.literal(alias));
    }
    if (e.kind == EntityKind::Country) I.add(g, s, I.uri(v::kCountryCode), I.literal(e.country));
    // The gazetteer's ids are checked ("Q" and digits) when it is loaded.
    if (!e.wikidata.empty()) I.add(g, s, I.uri(v::kSameAs), I.uri(wikidata.assign(v::kWikidataEntity).append(e.wikidata)));
    if (e.kind == EntityKind::City && !e.country.empty()) {
      I.add(g, s, I.uri(v::kContainedInPlace), I.uri(minter.country(e.country).str()));
    }
  }

  // Facts, numbered per kind in text order, each from a sentence.
  std::size_t counters[static_cast<std::size_t>(FactKind::Relation) + 1] = {};
  // The sentences the facts come from, in text order, with their character
  // offsets and span IRI nodes, made once each (a sentence may give several
  // facts): the text is counted once, up to the last such sentence.
  struct Span {
    std::size_t begin, end;
    NodeOf node;
  };
  std::vector<std::uint32_t> sentences;
  sentences.reserve(x.facts.size());
  for (const auto& f : x.facts) sentences.push_back(f.sentence);
  std::sort(sentences.begin(), sentences.end());
  sentences.erase(std::unique(sentences.begin(), sentences.end()), sentences.end());
  std::vector<Span> spans;
  spans.reserve(sentences.size());
  for (const auto si : sentences) {
    const std::size_t begin = cp(x.sentences[si].begin), end = cp(x.sentences[si].end);
    spans.push_back({begin, end, I.uri(minter.span(article, begin, end).str())});
  }
  auto span_of = [&](std::uint32_t si) -> const Span& {
    return spans[static_cast<std::size_t>(std::lower_bound(sentences.begin(), sentences.end(), si) - sentences.begin())];
  };
  for (const auto& f : x.facts) {
    const auto& sent = span_of(f.sentence).node;
    const auto node = I.uri(minter.fact(article, extract::fact_kind_name(f.kind), ++counters[static_cast<std::size_t>(f.kind)]).str());
    // The person the fact is about; agreements, events, projects and relations may have none.
    const auto& p1 = f.person >= 0 ? ents[static_cast<std::size_t>(f.person)] : g;
    I.add(g, node, I.uri(v::kFoundBy), I.literal(f.found_by));
    I.add(g, node, I.uri(v::kWasDerivedFrom), sent);
    if (f.date) I.add(g, node, I.uri(v::kDateText), I.literal(f.date->text));
    if (f.resolved) {
      I.add(g, node, I.uri(v::kDate), I.typed_plain(f.resolved->iso(), v::kXsdDate));
      // What a relative date ("on Friday") was resolved against.
      if (extract::is_relative(*f.date) && a.date) {
        I.add(g, node, I.uri(v::kResolvedAgainst), I.typed_plain(a.date->iso(), v::kXsdDate));
      }
    }
    if (f.resolved_end) I.add(g, node, I.uri(v::kEndDate), I.typed_plain(f.resolved_end->iso(), v::kXsdDate));
    if (!f.period.empty()) {
      I.add(g, node, I.uri(v::kPeriod), I.typed(f.period, f.period.size() == 4 ? v::kXsdGYear : v::kXsdGYearMonth));
      if (extract::is_relative(*f.date) && a.date) {
        I.add(g, node, I.uri(v::kResolvedAgainst), I.typed_plain(a.date->iso(), v::kXsdDate));
      }
    }
    if (f.confidence) {
      I.add(g, node, I.uri(v::kConfidence), I.typed_plain(decimal_3(*f.confidence), v::kXsdDecimal));
    }
    for (const auto& t : f.topics) I.add(g, node, I.uri(v::kTopic), I.uri(minter.topic(t).str()));
    auto entity = [&](std::int32_t i) -> const NodeOf& { return ents[static_cast<std::size_t>(i)]; };
    const bool real = !f.planned;
    switch (f.kind) {
      case FactKind::Position:
        I.add(g, node, type, I.uri(f.former ? v::kFormerPosition : v::kPosition));
        I.add(g, node, I.uri(v::kHolder), p1);
        I.add(g, node, I.uri(v::kRoleName), I.literal(f.role));
        if (f.org >= 0) I.add(g, node, I.uri(v::kOfOrganization), entity(f.org));
        if (f.org >= 0 && !f.org_text.empty()) I.add(g, node, I.uri(v::kOrganizationText), I.literal(f.org_text));
        if (!f.former) I.add(g, p1, I.uri(v::kHoldsPosition), node);
        break;
      case FactKind::Nationality: {
        const auto& c = entity(f.org);
        I.add(g, node, type, I.uri(v::kNationality));
        I.add(g, node, I.uri(v::kPersonProp), p1);
        I.add(g, node, I.uri(v::kCountryProp), c);
        I.add(g, p1, I.uri(v::kNationalityOf), c);
        break;
      }
      case FactKind::Meeting: {
        const auto& p2 = entity(f.person2);
        I.add(g, node, type, I.uri(real ? v::kMeeting : v::kPlannedMeeting));
        I.add(g, node, I.uri(v::kParticipant), p1);
        I.add(g, node, I.uri(v::kParticipant), p2);
        if (f.place >= 0) I.add(g, node, I.uri(v::kPlace), entity(f.place));
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
        I.add(g, node, I.uri(v::kDirectQuote), I.typed_plain(f.direct ? "true" : "false", v::kXsdBoolean));
        break;
      case FactKind::Visit: {
        const auto& place = entity(f.place);
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
          I.add(g, node, I.uri(v::kSince), I.typed_plain(decimal(static_cast<std::size_t>(f.date->year), num), v::kXsdGYear));
        }
        break;
    }
  }
  // The topic concepts the facts name, with their labels and broader topics.
  for (const auto& t : x.topics) {
    const auto c = I.uri(minter.topic(t.id).str());
    I.add(g, c, type, I.uri(v::kConcept));
    I.add(g, c, I.uri(v::kInScheme), I.uri(v::kTopicScheme));
    I.add(g, c, I.uri(v::kPrefLabel), I.lang(t.label, "en"));
    if (!t.broader.empty()) I.add(g, c, I.uri(v::kBroader), I.uri(minter.topic(t.broader).str()));
  }
  if (!x.topics.empty()) {
    I.add(g, I.uri(v::kTopicScheme), type, I.uri(v::kConceptScheme));
  }
  for (std::size_t k = 0; k < sentences.size(); ++k) {
    const auto& s = x.sentences[sentences[k]];
    const Span& span = spans[k];
    const auto& sent = span.node;
    I.add(g, sent, type, I.uri(v::kNifSentence));
    I.add(g, sent, I.uri(v::kAnchorOf), I.literal(std::string_view(text).substr(s.begin, s.end - s.begin)));
    I.add(g, sent, I.uri(v::kBeginIndex), I.typed_plain(decimal(span.begin, num), v::kXsdInteger));
    I.add(g, sent, I.uri(v::kEndIndex), I.typed_plain(decimal(span.end, num), v::kXsdInteger));
    I.add(g, sent, I.uri(v::kIsPartOf), g);
  }
}


}  // namespace

Status Graph::add(const extract::Extraction& x) {
  add_article(x, impl_->minter, *impl_);
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


// ArticleGraph: the quads of one article in a vector, in Sord's order.

struct ArticleGraph::Impl {
  // A node, by index: article nodes index `nodes`, vocabulary nodes (kept
  // from one article to the next) `vocab` with kVocab set.
  using Id = std::uint32_t;
  static constexpr Id kVocab = 0x80000000u;
  static constexpr Id kNone = 0xFFFFFFFEu;     // no datatype
  static constexpr Id kInvalid = 0xFFFFFFFFu;  // an IRI that sord_new_uri refuses (no scheme)

  // What sord keeps of a node, with the same bytes and flags, so that Serd
  // writes it as it writes the sord node (n_chars: see make_uri).
  struct Rec {
    std::uint32_t off = 0;  // of its string in `text` or `vocab_text` (offsets: both grow)
    SerdType type = SERD_URI;
    std::size_t n_bytes = 0, n_chars = 0;
    SerdNodeFlags flags = 0;
    Id datatype = kNone;
    const char* lang = nullptr;  // a constant ("en"), never freed
    // Turtle and TriG: the size of the node's prefixed name (serd_curie),
    // stored after its string's NUL, 0 for none; whether that is also its
    // name as a predicate (rdf:type is written "a").
    std::uint32_t curie = 0;
    bool curie_as_predicate = false;
    // Turtle and TriG, a datatype IRI: Serd writes the literals of
    // xsd:boolean and xsd:integer (1), and of xsd:decimal when they have a
    // digit after a '.' (2), bare, as it reads in the datatype IRI itself.
    std::uint8_t bare = 0;
  };
  struct Quad {
    Id s, p, o;
  };

  Impl(ontology::IriMinter m, Syntax syn, const std::vector<std::pair<std::string, std::string>>& extra)
      : minter(std::move(m)), syntax(syn), extra_prefixes(extra), env(make_env(syn, all_prefixes(extra))) {
    if (terse(syntax)) {
      for (const auto& prefix : all_prefixes(extra)) {
        if (!prefix.second.empty()) prefix_iris.push_back(prefix.second);
      }
      std::sort(prefix_iris.begin(), prefix_iris.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    }
  }

  ontology::IriMinter minter;
  Syntax syntax;
  std::vector<std::pair<std::string, std::string>> extra_prefixes;
  EnvPtr env;
  std::vector<Rec> nodes, vocab;
  std::string text, vocab_text;
  // The vocabulary nodes made so far, by their Term's string views.
  struct VocabSlot {
    bool used = false;
    const char* ns = nullptr;
    std::size_t ns_size = 0;
    const char* local = nullptr;
    std::size_t local_size = 0;
    Id id = kInvalid;
  };
  std::array<VocabSlot, 256> vocab_slots{};
  // The place of each vocabulary node in compare()'s order (equal IRIs
  // share one), so that two of them, most often predicates, compare as
  // integers. Made again when a node is added (once for each term used).
  std::vector<std::uint32_t> vocab_rank;
  // Turtle and TriG: the IRIs of env's prefixes (may_have_name), and a
  // buffer for a prefixed name.
  std::vector<std::string> prefix_iris;
  std::string name_buf;
  // Turtle and TriG: what serd_curie_of found for the IRIs may_have_name
  // let through, kept from one article to the next (the same wd: and
  // topic: IRIs come back in article after article; finding one here is a
  // fifth of asking serd_env_qualify), emptied when it holds kMaxNames.
  struct ViewHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  static constexpr std::size_t kMaxNames = 4096;
  std::unordered_map<std::string, std::string, ViewHash, std::equal_to<>> names;
  // The article's IRI nodes by their string (open addressing; a slot is
  // in use when its `round` is the article's), so that an IRI asked for
  // again (an entity in each fact, the article as the graph and as a
  // subject) is one node: the quads sort faster (equal nodes compare at
  // once) and the string is stored and measured once.
  struct UriSlot {
    std::uint32_t round = 0;
    std::uint32_t hash = 0;
    Id id = kInvalid;
  };
  std::vector<UriSlot> uri_slots = std::vector<UriSlot>(256);
  std::uint32_t round = 1;
  std::size_t uri_count = 0;
  std::vector<Quad> quads;
  // sort()'s buffers, kept for their capacity.
  struct Keyed {
    std::uint32_t s, p;  // the places of the subject and the predicate
    Quad quad;
  };
  struct SubjectString {
    std::string_view text;
    Id id;
  };
  std::vector<SubjectString> subject_strings;
  std::vector<Id> predicates;
  std::vector<std::uint32_t> subject_rank, predicate_rank;  // by node, then vocabulary node
  std::vector<std::uint32_t> bucket, quad_places;
  std::vector<Keyed> keyed;
  Id graph = kInvalid;
  // N-Triples, N-Quads and TriG: one Serd writer for every article,
  // writing into line_text. Serd keeps nothing from one statement of the
  // first two to the next (each is a line), and begins a TriG graph after
  // a finish as a new writer does (a newline, the name, " {"), so a writer
  // finished after one article writes the next as a new one would, and is
  // not made and freed (with its page) for each. Turtle keeps state across
  // a finish (a blank line before the next subject), so render() makes it
  // a new one.
  WriterPtr line_writer;
  std::string line_text;
  WriteState line_state;
  // The Serd nodes of the article's nodes, and of the vocabulary's (made
  // again when it grows: its text may move), as subjects or objects and
  // as predicates (render).
  std::vector<SerdNode> node_terms, vocab_terms, vocab_predicates;
  std::size_t vocab_terms_made = 0;
  // The article's graph in Sord, when its IRI is one sord refuses (a --base
  // without a scheme): sord then keeps quads without a graph, and the
  // output of that is left to Graph and Writer.
  std::unique_ptr<Graph> fallback;

  [[nodiscard]] const Rec& rec(Id id) const { return (id & kVocab) ? vocab[id & ~kVocab] : nodes[id]; }
  [[nodiscard]] std::string_view str(const Rec& r, Id id) const {
    return {((id & kVocab) ? vocab_text.data() : text.data()) + r.off, r.n_bytes};
  }
  [[nodiscard]] std::string_view str(Id id) const { return str(rec(id), id); }

  Id push(bool in_vocab, SerdType type, const char* s, std::size_t n_bytes, std::size_t n_chars,
          SerdNodeFlags flags, Id datatype, const char* lang) {
    auto& buf = in_vocab ? vocab_text : text;
    auto& recs = in_vocab ? vocab : nodes;
    Rec r;
    r.off = static_cast<std::uint32_t>(buf.size());
    r.type = type;
    r.n_bytes = n_bytes;
    r.n_chars = n_chars;
    r.flags = flags;
    r.datatype = datatype;
    r.lang = lang;
    buf.append(s, n_bytes);
    buf.push_back('\0');
    recs.push_back(r);
    return static_cast<Id>(recs.size() - 1) | (in_vocab ? kVocab : 0);
  }

  // As sord_new_uri: no node for an IRI without a scheme; its bytes up
  // to a NUL (measure_node_text), no flags. Turtle and TriG: with its
  // prefixed name, if it has one, and whether it is a datatype Serd
  // writes bare.
  //
  // A node's n_chars is not counted (it is n_bytes): Serd's writer reads
  // it only in serd_node_equals(), which compares a statement's subject
  // and predicate with copies of the last ones, so it need only be the
  // same for the same string. (Counting was 8% of building the graph.)
  Id make_uri(bool in_vocab, const std::string& s) {
    if (!uri_has_scheme(s.c_str())) return kInvalid;
    // (measure_node_text(s, false, false), inline: the bytes up to a NUL.)
    const void* nul = std::memchr(s.data(), '\0', s.size());
    const std::size_t n = nul ? static_cast<std::size_t>(static_cast<const char*>(nul) - s.data()) : s.size();
    const Id id = push(in_vocab, SERD_URI, s.c_str(), n, n, 0, kNone, nullptr);
    if (terse(syntax)) name_node(id, in_vocab);
    return id;
  }
  // The writers of Turtle and TriG have no SERD_STYLE_CURIED: Serd would
  // try each prefix on every IRI it writes (most have none). A node is
  // given its prefixed name here, once, and written as a SERD_CURIE node.
  void name_node(Id id, bool in_vocab) {
    auto& buf = in_vocab ? vocab_text : text;
    Rec& r = in_vocab ? vocab[id & ~kVocab] : nodes[id];
    const std::string_view iri(buf.data() + r.off, r.n_bytes);
    // (vocab's xsd: is Serd's NS_XSD; the local names write_literal() compares.)
    if (iri.substr(0, v::kXsd.size()) == v::kXsd) {
      const std::string_view local = iri.substr(v::kXsd.size());
      r.bare = local == "boolean" || local == "integer" ? 1 : local == "decimal" ? 2 : 0;
    }
    if (!may_have_name(iri)) return;
    auto found = names.find(iri);
    if (found == names.end()) {
      const SerdNode node{reinterpret_cast<const uint8_t*>(iri.data()), r.n_bytes, r.n_chars, 0, SERD_URI};
      serd_curie_of(env.get(), node, false, name_buf);
      if (names.size() >= kMaxNames) names.clear();
      found = names.emplace(std::string(iri), name_buf).first;
    }
    const std::string& name = found->second;
    if (name.empty()) return;
    r.curie = static_cast<std::uint32_t>(name.size());
    // As a predicate, the name is the same but for rdf:type (serd_curie_of).
    r.curie_as_predicate = iri.substr(0, v::kType.ns.size()) != v::kType.ns || iri.substr(v::kType.ns.size()) != v::kType.local;
    buf += name;
    buf.push_back('\0');
  }
  // Whether serd_curie() may find a name for `iri`: a local name is
  // letters and digits, so a prefix's IRI must hold all of `iri` up to its
  // last other byte. Most IRIs of an article end "/meeting/1" or
  // "#char=20,166" after a longer beginning than any prefix's IRI.
  // (prefix_iris is sorted longest first.)
  [[nodiscard]] bool may_have_name(std::string_view iri) const {
    std::size_t end = iri.size();
    auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
    while (end > 0 && alnum(iri[end - 1])) --end;
    for (const auto& p : prefix_iris) {
      if (p.size() < end) break;
      if (p.size() <= iri.size() && iri[p.size() - 1] == p.back() && iri.compare(0, p.size(), p) == 0) return true;
    }
    return false;
  }

  // A hash of a string from its size and last 16 bytes: IRIs of one article
  // share long beginnings and differ at the end (slugs, numbers). Equal
  // hashes are checked by comparing the strings.
  static std::uint32_t tail_hash(std::string_view s) {
    constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ULL;
    std::uint64_t h = (s.size() + 1) * kMul;
    std::uint64_t w[2] = {0, 0};
    if (s.size() >= 16) {
      // Two fixed-size loads (inlined; a copy of a variable size is a call).
      std::memcpy(&w[0], s.data() + s.size() - 16, 8);
      std::memcpy(&w[1], s.data() + s.size() - 8, 8);
    } else {
      std::memcpy(w, s.data(), s.size());
    }
    h = (h ^ w[0]) * kMul;
    h = (h ^ w[1]) * kMul;
    return static_cast<std::uint32_t>(h >> 32);
  }
  // An article IRI node: the one made before for the same string, else a new one.
  Id article_uri(const std::string& s) {
    const std::uint32_t hash = tail_hash(s);
    const std::size_t mask = uri_slots.size() - 1;
    std::size_t i = hash & mask;
    for (; uri_slots[i].round == round; i = (i + 1) & mask) {
      if (uri_slots[i].hash == hash && str(uri_slots[i].id) == std::string_view(s)) return uri_slots[i].id;
    }
    // A string with a NUL is stored up to it, so it never matches itself
    // here: it gets a node each time, as it would without this table.
    const Id id = make_uri(false, s);
    if (id == kInvalid) return id;
    uri_slots[i] = {round, hash, id};
    if (++uri_count * 2 > uri_slots.size()) grow_uri_slots();
    return id;
  }
  void grow_uri_slots() {
    std::vector<UriSlot> old(uri_slots.size() * 2);
    old.swap(uri_slots);
    const std::size_t mask = uri_slots.size() - 1;
    for (const UriSlot& e : old) {
      if (e.round != round) continue;
      std::size_t i = e.hash & mask;
      while (uri_slots[i].round == round) i = (i + 1) & mask;
      uri_slots[i] = e;
    }
  }
  // As sord_new_literal: the string up to its first NUL, with serd_strlen's
  // flags (n_chars: as make_uri's).
  Id make_literal(std::string_view s, Id datatype, const char* lang) {
    const NodeText n = measure_node_text(s, true, false);
    return push(false, SERD_LITERAL, s.data(), n.n_bytes, n.n_chars, n.flags, datatype, lang);
  }

  // The node interface of add_article().
  void name_graph(const std::string& name) { graph = article_uri(name); }
  Id uri(const std::string& s) { return article_uri(s); }
  // A term is a constant of vocab.hpp: its two string views point into
  // string literals, which never change, so the same pointers and sizes
  // are the same IRI (two terms may share a local name's literal, never
  // both views). Open addressing, from a hash of the two pointers; the
  // first slot is looked at here (inlined in add_article), the rest in
  // vocab_uri().
  static std::size_t vocab_hash(const v::Term& t) {
    const auto key = reinterpret_cast<std::uintptr_t>(t.local.data()) ^
                     (reinterpret_cast<std::uintptr_t>(t.ns.data()) << 7);
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 56);
  }
  [[gnu::always_inline]] static bool holds(const VocabSlot& e, const v::Term& t) {
    return e.used && e.local == t.local.data() && e.ns == t.ns.data() && e.local_size == t.local.size() &&
           e.ns_size == t.ns.size();
  }
  // (Inlined: add_article asks for a term in every quad it adds.)
  [[gnu::always_inline]] Id uri(const v::Term& t) {
    const std::size_t h = vocab_hash(t);
    if (const VocabSlot& e = vocab_slots[h % vocab_slots.size()]; holds(e, t)) return e.id;
    return vocab_uri(t, h);
  }
  Id vocab_uri(const v::Term& t, std::size_t h) {
    for (std::size_t probe = 0; probe < vocab_slots.size(); ++probe, ++h) {
      VocabSlot& e = vocab_slots[h % vocab_slots.size()];
      if (!e.used) {
        const std::string iri = std::string(t.ns) + std::string(t.local);
        e = {true, t.ns.data(), t.ns.size(), t.local.data(), t.local.size(), make_uri(true, iri)};
        if (e.id != kInvalid) rank_vocab();
        return e.id;
      }
      if (holds(e, t)) return e.id;
    }
    // More terms than slots (vocab.hpp has ~100): an article node.
    return article_uri(std::string(t.ns) + std::string(t.local));
  }
  Id literal(std::string_view s) { return make_literal(s, kNone, nullptr); }
  Id lang(std::string_view s, const char* tag) { return make_literal(s, kNone, tag); }
  // A literal of a number or a date: no NUL, newline or quote to look for
  // (measure_node_text would find none), so it is not measured.
  Id typed_plain(std::string_view s, const v::Term& datatype) {
    assert(measure_node_text(s).n_bytes == s.size() && measure_node_text(s).flags == 0);
    const Id dt = uri(datatype);
    return push(false, SERD_LITERAL, s.data(), s.size(), s.size(), 0, dt == kInvalid ? kNone : dt, nullptr);
  }
  Id typed(std::string_view s, const v::Term& datatype) {
    const Id dt = uri(datatype);
    return make_literal(s, dt == kInvalid ? kNone : dt, nullptr);
  }
  void add(Id /*g: always `graph`*/, Id s, Id p, Id o) {
    // sord_add refuses a quad with a missing node.
    if (s == kInvalid || p == kInvalid || o == kInvalid) return;
    quads.push_back({s, p, o});
  }

  // Sord's order of nodes (sord_node_compare): literals before IRIs, then
  // the strings as strcmp orders them; literals of one string by datatype
  // IRI, then language. (Sord orders a literal with a datatype against one
  // without by pointer; no subject and predicate here have both kinds.)
  [[nodiscard]] int compare(Id a, Id b) const {
    if (a == b) return 0;
    if ((a & b & kVocab) != 0) {
      const std::uint32_t x = vocab_rank[a & ~kVocab], y = vocab_rank[b & ~kVocab];
      return x < y ? -1 : x > y ? 1 : 0;
    }
    return compare_nodes(a, b);
  }
  [[nodiscard]] int compare_nodes(Id a, Id b) const {
    if (a == b) return 0;
    const Rec& x = rec(a);
    const Rec& y = rec(b);
    if (x.type != y.type) return x.type < y.type ? -1 : 1;
    const int c = str(x, a).compare(str(y, b));
    if (c != 0 || x.type != SERD_LITERAL) return c;
    if (x.datatype != y.datatype) {
      if (x.datatype == kNone) return -1;
      if (y.datatype == kNone) return 1;
      if (const int d = compare(x.datatype, y.datatype); d != 0) return d;
    }
    return std::strcmp(x.lang ? x.lang : "", y.lang ? y.lang : "");
  }

  void rank_vocab() {
    std::vector<Id> order(vocab.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<Id>(i) | kVocab;
    std::sort(order.begin(), order.end(), [&](Id a, Id b) { return compare_nodes(a, b) < 0; });
    vocab_rank.assign(vocab.size(), 0);
    std::uint32_t rank = 0;
    for (std::size_t i = 0; i < order.size(); ++i) {
      if (i > 0 && compare_nodes(order[i - 1], order[i]) != 0) ++rank;
      vocab_rank[order[i] & ~kVocab] = rank;
    }
  }

  void clear() {
    nodes.clear();
    text.clear();
    quads.clear();
    graph = kInvalid;
    fallback.reset();
    // A new round empties uri_slots (all of them once in 2^32 rounds).
    uri_count = 0;
    if (++round == 0) {
      std::fill(uri_slots.begin(), uri_slots.end(), UriSlot{});
      round = 1;
    }
  }

  // The sorted set, as Sord's SPO index holds it. The article's ~10
  // distinct subjects are sorted once (rank_subjects), and each quad is
  // given its subject's place and its predicate's (vocabulary terms have
  // theirs in vocab_rank); the quads are put by subject place with a
  // counting sort, and each subject's few quads (~4) sorted by predicate
  // place, then object, where they are: no two quads' subjects (IRIs with
  // a long common beginning) are compared, and objects only when subject
  // and predicate are the same.
  void sort() {
    auto slot = [&](Id id) { return (id & kVocab) ? nodes.size() + (id & ~kVocab) : id; };
    const std::size_t slots = nodes.size() + vocab.size();
    const std::uint32_t subject_places = rank_subjects();
    // Predicates are vocabulary terms but when there are more terms than
    // vocab_slots: then all are ranked here.
    const bool all_vocab = std::all_of(quads.begin(), quads.end(), [](const Quad& q) { return (q.p & kVocab) != 0; });
    if (!all_vocab) {
      predicates.clear();
      for (const Quad& q : quads) predicates.push_back(q.p);
      std::sort(predicates.begin(), predicates.end());
      predicates.erase(std::unique(predicates.begin(), predicates.end()), predicates.end());
      std::sort(predicates.begin(), predicates.end(), [&](Id a, Id b) { return compare(a, b) < 0; });
      predicate_rank.resize(slots);
      std::uint32_t place = 0;
      for (std::size_t i = 0; i < predicates.size(); ++i) {
        if (i > 0 && compare(predicates[i - 1], predicates[i]) != 0) ++place;
        predicate_rank[slot(predicates[i])] = place;
      }
    }
    // By subject place (counting sort: the places are few).
    bucket.assign(std::size_t{subject_places} + 1, 0);
    quad_places.resize(quads.size());
    for (std::size_t i = 0; i < quads.size(); ++i) {
      quad_places[i] = subject_rank[slot(quads[i].s)];
      ++bucket[quad_places[i] + 1];
    }
    for (std::size_t r = 0; r < subject_places; ++r) bucket[r + 1] += bucket[r];
    keyed.resize(quads.size());
    for (std::size_t i = 0; i < quads.size(); ++i) {
      const Quad& q = quads[i];
      const std::uint32_t p = all_vocab ? vocab_rank[q.p & ~kVocab] : predicate_rank[slot(q.p)];
      keyed[bucket[quad_places[i]]++] = {quad_places[i], p, q};
    }
    // Each subject's quads by predicate place, then object (insertion: a
    // few quads; std::sort for a subject with many), equal ones dropped.
    auto less = [&](const Keyed& a, const Keyed& b) { return a.p != b.p ? a.p < b.p : compare(a.quad.o, b.quad.o) < 0; };
    quads.clear();
    for (std::size_t i = 0; i < keyed.size();) {
      std::size_t end = i + 1;
      while (end < keyed.size() && keyed[end].s == keyed[i].s) ++end;
      if (end - i > 32) {
        std::sort(keyed.begin() + static_cast<std::ptrdiff_t>(i), keyed.begin() + static_cast<std::ptrdiff_t>(end), less);
      } else {
        for (std::size_t j = i + 1; j < end; ++j) {
          const Keyed k = keyed[j];
          std::size_t m = j;
          for (; m > i && less(k, keyed[m - 1]); --m) keyed[m] = keyed[m - 1];
          keyed[m] = k;
        }
      }
      quads.push_back(keyed[i].quad);
      for (std::size_t j = i + 1; j < end; ++j) {
        if (keyed[j].p != keyed[j - 1].p || compare(keyed[j].quad.o, keyed[j - 1].quad.o) != 0) {
          quads.push_back(keyed[j].quad);
        }
      }
      i = end;
    }
  }
  // Sorts the article's distinct subjects and gives each its place in that
  // order in subject_rank (by slot), two nodes of one string (a vocabulary
  // IRI also made as an article's) sharing one; returns the number of
  // places. Subjects are IRIs, which compare() orders by their strings:
  // those are sorted as string_views, each subject once.
  std::uint32_t rank_subjects() {
    auto slot = [&](Id id) { return (id & kVocab) ? nodes.size() + (id & ~kVocab) : id; };
    constexpr std::uint32_t kUnseen = 0xFFFFFFFFu;
    subject_rank.assign(nodes.size() + vocab.size(), kUnseen);
    subject_strings.clear();
    bool all_uris = true;
    for (const Quad& q : quads) {
      if (std::uint32_t& r = subject_rank[slot(q.s)]; r == kUnseen) {
        r = 0;
        const Rec& n = rec(q.s);
        all_uris = all_uris && n.type == SERD_URI;
        subject_strings.push_back({str(n, q.s), q.s});
      }
    }
    if (subject_strings.empty()) return 0;
    auto less = [&](const SubjectString& a, const SubjectString& b) {
      return all_uris ? a.text < b.text : compare(a.id, b.id) < 0;
    };
    std::sort(subject_strings.begin(), subject_strings.end(), less);
    // Sorted: one subject is after the one before it unless they are equal
    // (string_view's != looks at the sizes first).
    std::uint32_t place = 0;
    for (std::size_t i = 0; i < subject_strings.size(); ++i) {
      if (i > 0) {
        const SubjectString& a = subject_strings[i - 1];
        const SubjectString& b = subject_strings[i];
        if (all_uris ? a.text != b.text : compare(a.id, b.id) != 0) ++place;
      }
      subject_rank[slot(subject_strings[i].id)] = place;
    }
    return place + 1;
  }

  [[nodiscard]] SerdNode serd(Id id) const {
    const Rec& r = rec(id);
    return SerdNode{reinterpret_cast<const uint8_t*>(str(r, id).data()), r.n_bytes, r.n_chars, r.flags, r.type};
  }
  // A node as Serd is to write it: by its prefixed name when it has one.
  [[nodiscard]] SerdNode serd_term(Id id, bool predicate = false) const {
    const Rec& r = rec(id);
    const char* s = str(r, id).data();
    if (r.curie == 0 || (predicate && !r.curie_as_predicate)) {
      return SerdNode{reinterpret_cast<const uint8_t*>(s), r.n_bytes, r.n_chars, r.flags, r.type};
    }
    return SerdNode{reinterpret_cast<const uint8_t*>(s + r.n_bytes + 1), r.curie, r.curie, 0, SERD_CURIE};
  }
  // A literal's datatype: Serd reads the IRI of one it may write bare.
  [[nodiscard]] SerdNode serd_datatype(const Rec& literal) const {
    const Rec& d = rec(literal.datatype);
    const char* s = text.data() + literal.off;
    const std::size_t n = literal.n_bytes;
    const bool bare = d.bare == 1 || (d.bare == 2 && std::memchr(s, '.', n) && s[n - 1] != '.');
    return bare ? serd(literal.datatype) : serd_term(literal.datatype);
  }
};

ArticleGraph::ArticleGraph(ontology::IriMinter minter, Syntax syntax,
                           const std::vector<std::pair<std::string, std::string>>& extra_prefixes)
    : impl_(std::make_unique<Impl>(std::move(minter), syntax, extra_prefixes)) {}
ArticleGraph::~ArticleGraph() = default;
ArticleGraph::ArticleGraph(ArticleGraph&&) noexcept = default;
ArticleGraph& ArticleGraph::operator=(ArticleGraph&&) noexcept = default;

std::size_t ArticleGraph::size() const { return impl_->fallback ? impl_->fallback->size() : impl_->quads.size(); }

Status ArticleGraph::add(const extract::Extraction& x) {
  auto& I = *impl_;
  I.clear();
  add_article(x, I.minter, I);
  if (I.graph == Impl::kInvalid) {
    I.fallback = std::make_unique<Graph>(I.minter);
    return I.fallback->add(x);
  }
  I.sort();
  return Status::ok();
}

Result<Writer::Piece> ArticleGraph::render() {
  auto& I = *impl_;
  if (I.fallback) return Writer::render(*I.fallback, I.syntax, I.extra_prefixes);
  Writer::Piece piece;
  // Each node's Serd node, made once (most are in several statements).
  I.node_terms.resize(I.nodes.size());
  for (std::size_t k = 0; k < I.nodes.size(); ++k) I.node_terms[k] = I.serd_term(static_cast<Impl::Id>(k));
  if (I.vocab_terms_made != I.vocab.size()) {
    I.vocab_terms.resize(I.vocab.size());
    I.vocab_predicates.resize(I.vocab.size());
    for (std::size_t k = 0; k < I.vocab.size(); ++k) {
      I.vocab_terms[k] = I.serd_term(static_cast<Impl::Id>(k) | Impl::kVocab);
      I.vocab_predicates[k] = I.serd_term(static_cast<Impl::Id>(k) | Impl::kVocab, true);
    }
    I.vocab_terms_made = I.vocab.size();
  }
  auto term = [&](Impl::Id id) -> const SerdNode& {
    return (id & Impl::kVocab) ? I.vocab_terms[id & ~Impl::kVocab] : I.node_terms[id];
  };
  // (Predicates are vocabulary terms but when there are more than vocab_slots.)
  auto predicate = [&](Impl::Id id) { return (id & Impl::kVocab) ? I.vocab_predicates[id & ~Impl::kVocab] : I.serd_term(id, true); };
  // Room for the text once: in N-Triples and N-Quads it is the nodes' bytes
  // and a few separators (more only where Serd escapes); Turtle and TriG
  // write less.
  std::size_t estimate = 0;
  for (const auto& q : I.quads) {
    estimate += term(q.s).n_bytes + term(q.p).n_bytes + term(q.o).n_bytes + 16;
  }
  estimate += I.quads.size() * 8;  // datatypes (some)
  if (I.syntax == Syntax::NQuads || I.syntax == Syntax::TriG) estimate += I.quads.size() * (I.rec(I.graph).n_bytes + 3);
  // SERD_STYLE_BULK: Serd gathers the output in pages and calls the sink once
  // a page, not once for each of the ~15 pieces of a statement ('<', an IRI,
  // '>', ' ', ...). serd_writer_finish() flushes the last page.
  auto new_writer = [&](std::string* out, WriteState* st) {
    // Without SERD_STYLE_CURIED: the nodes with a prefixed name come as
    // SERD_CURIE nodes (Impl::name_node).
    const auto style = static_cast<SerdStyle>((terse(I.syntax) ? SERD_STYLE_ABBREVIATED : 0) | SERD_STYLE_BULK);
    WriterPtr w(serd_writer_new(kSerdSyntax[static_cast<int>(I.syntax)], style, I.env.get(), nullptr, string_sink,
                                out));
    serd_writer_set_error_sink(w.get(), on_error, st);
    return w;
  };
  const bool lines = I.syntax != Syntax::Turtle;
  WriterPtr own;
  WriteState own_state;
  WriteState* state = &own_state;
  SerdWriter* writer = nullptr;
  if (lines) {
    if (!I.line_writer) I.line_writer = new_writer(&I.line_text, &I.line_state);
    I.line_state = WriteState{};
    I.line_text.reserve(estimate);
    state = &I.line_state;
    writer = I.line_writer.get();
  } else {
    piece.text.reserve(estimate);
    own = new_writer(&piece.text, &own_state);
    writer = own.get();
  }
  // A writer that failed is not used again.
  auto fail = [&](Status st) {
    if (lines) {
      I.line_writer.reset();
      I.line_text.clear();
    }
    return st;
  };
  const bool quads = I.syntax == Syntax::NQuads || I.syntax == Syntax::TriG;
  const SerdNode graph = I.serd_term(I.graph);
  for (const auto& q : I.quads) {
    const SerdNode p = predicate(q.p);
    SerdNode datatype = SERD_NODE_NULL, lang = SERD_NODE_NULL;
    const SerdNode* dt = nullptr;
    const SerdNode* lg = nullptr;
    // A literal (an article node) with a datatype or a language.
    if (!(q.o & Impl::kVocab)) {
      if (const Impl::Rec& orec = I.nodes[q.o]; orec.datatype != Impl::kNone || orec.lang) {
        if (orec.datatype != Impl::kNone) {
          datatype = I.serd_datatype(orec);
          dt = &datatype;
        }
        if (orec.lang) {
          lang = serd_node_from_string(SERD_LITERAL, reinterpret_cast<const uint8_t*>(orec.lang));
          lg = &lang;
        }
      }
    }
    const SerdStatus st = serd_writer_write_statement(writer, 0, quads ? &graph : nullptr, &term(q.s), &p,
                                                      &term(q.o), dt, lg);
    if (st != SERD_SUCCESS) {
      return fail(Status(Code::IoError, std::string("cannot write statement: ") +
                                            reinterpret_cast<const char*>(serd_strerror(st))));
    }
    ++piece.statements;
    if (!state->status) return fail(state->status);
  }
  if (serd_writer_finish(writer) != SERD_SUCCESS) return fail(Status(Code::IoError, "cannot finish output"));
  if (!state->status) return fail(state->status);
  if (lines) {
    piece.text = std::move(I.line_text);
    I.line_text.clear();
  }
  return piece;
}

}  // namespace newsgraph::rdf
