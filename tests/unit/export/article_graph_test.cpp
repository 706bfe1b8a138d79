// Differential tests of rdf::ArticleGraph (extract's streaming path without
// Sord) against Graph::add + Writer::render (Sord): the same bytes in every
// syntax, on many generated articles with hostile names, shared IRIs,
// duplicate facts and IRIs sord refuses.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "export/graph.hpp"

using namespace newsgraph;
using namespace newsgraph::extract;

namespace {

constexpr rdf::Syntax kSyntaxes[] = {rdf::Syntax::Turtle, rdf::Syntax::NTriples, rdf::Syntax::NQuads,
                                     rdf::Syntax::TriG};

// Strings that sort close to each other, repeat, and need escaping or long
// Turtle strings; a few non-ASCII, one with a NUL (sord keeps what precedes it).
std::string pick_text(std::mt19937& rng) {
  static const std::vector<std::string> kParts = {
      "Ana", "ana", "Ana Díaz", "Wang Yi", "Ángel", "\"", "\\", "\n", "\r", "\t", "'", "<x>", "{y}", " ", "-",
      "2024", "2024-06", "true", "Ł", "中国", "a\"\"b", std::string("nul\0after", 9), "é", "x",
  };
  std::uniform_int_distribution<std::size_t> n(1, 3), part(0, kParts.size() - 1);
  std::string s;
  for (std::size_t i = n(rng); i > 0; --i) s += kParts[part(rng)];
  return s;
}

Extraction generate(std::mt19937& rng, int serial) {
  auto coin = [&](int percent) { return std::uniform_int_distribution<int>(0, 99)(rng) < percent; };
  auto upto = [&](int n) { return std::uniform_int_distribution<int>(0, n)(rng); };
  Extraction x;
  auto& a = x.article;
  a.id = coin(80) ? "id-" + std::to_string(serial % 7) : "";
  // Urls Turtle writes as prefixed names (rdf:type as an object, but not
  // rdf:nil), or whole.
  static const char* kUrls[] = {"http://www.wikidata.org/entity/Q5", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                                "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil", "http://schema.org/Person",
                                "http://schema.org/a-b", "http://www.w3.org/2001/XMLSchema#integer"};
  a.url = coin(30)   ? "https://example.com/news/" + std::to_string(upto(3))
          : coin(20) ? "a_b:no-scheme"
          : coin(30) ? kUrls[upto(5)]
                     : "";
  a.title = coin(80) ? pick_text(rng) : "";
  if (coin(70)) a.date = Date{2020 + upto(4), 1 + upto(11), 1 + upto(27)};
  a.file = coin(50) ? "news.jsonl" : coin(50) ? "a.txt" : "";
  a.line = static_cast<std::size_t>(upto(3));
  a.text = "Ángel Díaz met Wang Yi in Lima. \"We agree,\" he said.\nThe end. " + pick_text(rng);
  const auto size = static_cast<std::uint32_t>(a.text.size());
  for (std::uint32_t b = 0; b < size; b += 1 + static_cast<std::uint32_t>(upto(40))) {
    Sentence s;
    s.begin = b;
    s.end = std::min(size, b + 1 + static_cast<std::uint32_t>(upto(50)));
    // Keep byte offsets on UTF-8 character starts, as the segmenter does.
    while (s.begin > 0 && (static_cast<unsigned char>(a.text[s.begin]) & 0xC0) == 0x80) --s.begin;
    while (s.end < size && (static_cast<unsigned char>(a.text[s.end]) & 0xC0) == 0x80) ++s.end;
    x.sentences.push_back(s);
  }
  static const char* kCountries[] = {"PE", "CN", "US"};
  const int n_entities = 2 + upto(5);
  for (int i = 0; i < n_entities; ++i) {
    Entity e;
    e.kind = static_cast<EntityKind>(upto(3));
    e.name = pick_text(rng);
    if (coin(40)) e.canonical = coin(50) ? e.name : pick_text(rng);
    for (int k = upto(2); k > 0; --k) e.aliases.push_back(pick_text(rng));
    e.country = e.kind == EntityKind::Country || coin(50) ? kCountries[upto(2)] : "";
    if (coin(30)) e.wikidata = "Q" + std::to_string(upto(5));
    x.entities.push_back(std::move(e));
  }
  auto entity = [&] { return static_cast<std::int32_t>(upto(n_entities - 1)); };
  for (int k = upto(8); k > 0; --k) {
    Fact f;
    f.kind = static_cast<FactKind>(upto(10));
    f.planned = coin(30);
    f.former = coin(20);
    f.person = coin(80) ? entity() : -1;
    f.person2 = entity();
    f.org = entity();
    // A host is one of two participants (extract never gives one without a person).
    f.host = f.person >= 0 && coin(30) ? (coin(50) ? f.person : f.person2) : -1;
    f.place = f.kind == FactKind::Visit || coin(50) ? entity() : -1;  // a visit has a destination
    for (int p = 1 + upto(2); p > 0; --p) f.parties.push_back(entity());
    f.role = pick_text(rng);
    f.org_text = coin(50) ? pick_text(rng) : "";
    f.name = pick_text(rng);
    f.quote = pick_text(rng);
    f.direct = coin(50);
    for (int t = upto(2); t > 0; --t) f.topics.push_back(coin(50) ? "trade" : "energy");
    if (coin(60)) {
      DateExpr d;
      d.kind = static_cast<DateExpr::Kind>(upto(8));
      d.year = coin(50) ? 2023 : 0;
      d.text = pick_text(rng);
      f.date = d;
      if (coin(60)) f.resolved = Date{2024, 1 + upto(11), 1 + upto(27)};
      if (coin(20)) f.resolved_end = Date{2024, 12, 31};
      if (coin(30)) f.period = coin(50) ? "2023" : "2023-11";
    }
    if (coin(50)) f.confidence = upto(1000) / 1000.0;
    f.found_by = coin(50) ? "rule-a" : "rule-b";
    f.sentence = static_cast<std::uint32_t>(upto(static_cast<int>(x.sentences.size()) - 1));
    x.facts.push_back(std::move(f));
    // The same fact twice now and then: the same quads again.
    if (coin(10)) x.facts.push_back(x.facts.back());
  }
  for (int t = upto(2); t > 0; --t) x.topics.push_back({coin(50) ? "trade" : "energy", pick_text(rng), coin(50) ? "economy" : ""});
  return x;
}

std::string via_sord(const Extraction& x, rdf::Syntax syntax, const std::string& base, std::size_t* size = nullptr) {
  rdf::Graph g(ontology::IriMinter::make(base).value());
  REQUIRE(g.add(x).is_ok());
  if (size) *size = g.size();
  auto piece = rdf::Writer::render(g, syntax);
  REQUIRE(piece.is_ok());
  return piece->text + "#" + std::to_string(piece->statements);
}

std::string via_vector(rdf::ArticleGraph& g, const Extraction& x, std::size_t* size = nullptr) {
  REQUIRE(g.add(x).is_ok());
  if (size) *size = g.size();
  auto piece = g.render();
  REQUIRE(piece.is_ok());
  return piece->text + "#" + std::to_string(piece->statements);
}

// `g` writes `x` as the same bytes as Sord and Serd do, and holds as many
// statements as Sord's model; gives that number.
std::size_t check_as_sord(rdf::ArticleGraph& g, const Extraction& x, rdf::Syntax syntax, const std::string& base) {
  std::size_t sord_size = 0, vector_size = 0;
  const auto expected = via_sord(x, syntax, base, &sord_size);
  CHECK(via_vector(g, x, &vector_size) == expected);
  CHECK(vector_size == sord_size);
  return vector_size;
}

}  // namespace

TEST_CASE("ArticleGraph renders generated articles as Graph and Writer::render do", "[export]") {
  std::mt19937 rng(7);
  const std::string base = "https://example.org/kg/";
  std::vector<rdf::ArticleGraph> graphs;
  for (const auto syntax : kSyntaxes) graphs.emplace_back(ontology::IriMinter::make(base).value(), syntax);
  // One ArticleGraph per syntax for every article: what one article leaves
  // (nodes, buffers) must not change the next.
  for (int i = 0; i < 300; ++i) {
    const Extraction x = generate(rng, i);
    for (std::size_t k = 0; k < graphs.size(); ++k) {
      CAPTURE(i, k);
      check_as_sord(graphs[k], x, kSyntaxes[k], base);
    }
  }
}

TEST_CASE("ArticleGraph: prefixes given, an empty article, and a base sord refuses", "[export]") {
  std::mt19937 rng(11);
  const std::vector<std::pair<std::string, std::string>> extra = {{"ex", "https://example.org/kg/person/"}};
  for (const auto syntax : kSyntaxes) {
    CAPTURE(static_cast<int>(syntax));
    rdf::ArticleGraph g(ontology::IriMinter::make("https://example.org/kg/").value(), syntax, extra);
    for (int i = 0; i < 20; ++i) {
      const Extraction x = generate(rng, i);
      rdf::Graph s(ontology::IriMinter::make("https://example.org/kg/").value());
      REQUIRE(s.add(x).is_ok());
      CHECK(g.add(x).is_ok());
      CHECK(g.render()->text == rdf::Writer::render(s, syntax, extra)->text);
    }
    Extraction empty;
    CHECK(via_vector(g, empty) == via_sord(empty, syntax, "https://example.org/kg/"));
    // "1x:" is an absolute IRI to IriMinter but has no scheme to serd, so
    // sord keeps no node for the article: the output is Graph's.
    rdf::ArticleGraph odd(ontology::IriMinter::make("1x:kg/").value(), syntax);
    const Extraction x = generate(rng, 99);
    CHECK(via_vector(odd, x) == via_sord(x, syntax, "1x:kg/"));
  }
}

TEST_CASE("ArticleGraph: an article with hundreds of IRIs, then a small one", "[export]") {
  // More distinct IRIs than ArticleGraph's table of the article's IRIs
  // starts with (it grows), each used many times, in every syntax; then a
  // small article in the same ArticleGraph (the table is emptied).
  std::mt19937 rng(5);
  const std::string base = "https://example.org/kg/";
  for (const auto syntax : kSyntaxes) {
    CAPTURE(static_cast<int>(syntax));
    rdf::ArticleGraph g(ontology::IriMinter::make(base).value(), syntax);
    Extraction big = generate(rng, 1);
    const auto first = static_cast<std::int32_t>(big.entities.size());
    for (int i = 0; i < 300; ++i) {
      Entity e;
      e.kind = i % 5 == 0 ? EntityKind::City : EntityKind::Person;
      e.name = "Person " + std::to_string(i % 250);  // some twice: the same IRI from two entities
      e.country = i % 3 == 0 ? "PE" : "CN";
      big.entities.push_back(std::move(e));
    }
    for (int i = 0; i < 300; ++i) {
      Fact f;
      f.kind = i % 2 ? FactKind::Meeting : FactKind::Visit;
      f.person = first + (i * 7) % 300;
      f.person2 = first + (i * 11) % 300;
      f.place = first + (i * 13) % 300;
      f.found_by = "rule-a";
      f.sentence = static_cast<std::uint32_t>(static_cast<std::size_t>(i) % big.sentences.size());
      big.facts.push_back(std::move(f));
    }
    CHECK(check_as_sord(g, big, syntax, base) > 2000);
    const Extraction small = generate(rng, 2);
    CHECK(via_vector(g, small) == via_sord(small, syntax, base));
  }
}

TEST_CASE("ArticleGraph: subjects with many quads, some the same", "[export]") {
  // A person who holds a hundred positions and an agreement of sixty
  // parties, some named twice: subjects with more quads than
  // ArticleGraph::sort puts in order by insertion, in every syntax.
  std::mt19937 rng(3);
  const std::string base = "https://example.org/kg/";
  for (const auto syntax : kSyntaxes) {
    CAPTURE(static_cast<int>(syntax));
    rdf::ArticleGraph g(ontology::IriMinter::make(base).value(), syntax);
    for (int round = 0; round < 3; ++round) {
      Extraction x = generate(rng, round);
      const auto first = static_cast<std::int32_t>(x.entities.size());
      for (int i = 0; i < 60; ++i) {
        Entity e;
        e.kind = i % 4 == 0 ? EntityKind::Organization : EntityKind::Country;
        e.name = "Party " + std::to_string((i * 37 + round) % 50);  // some twice: one IRI from two entities
        e.country = i % 4 == 0 ? "" : std::string(1, static_cast<char>('A' + i % 26)) + "X";
        x.entities.push_back(std::move(e));
      }
      Fact agreement;
      agreement.kind = FactKind::Agreement;
      agreement.name = pick_text(rng);
      agreement.found_by = "rule-a";
      for (int i = 0; i < 80; ++i) agreement.parties.push_back(first + (i * 7) % 60);
      x.facts.push_back(agreement);
      for (int i = 0; i < 100; ++i) {
        Fact f;
        f.kind = FactKind::Position;
        f.person = 0;
        f.role = i % 3 ? pick_text(rng) : "minister";
        f.org = i % 2 ? first + i % 60 : -1;
        f.found_by = i % 2 ? "rule-a" : "rule-b";
        f.sentence = static_cast<std::uint32_t>(static_cast<std::size_t>(i) % x.sentences.size());
        x.facts.push_back(std::move(f));
      }
      check_as_sord(g, x, syntax, base);
    }
  }
}

TEST_CASE("ArticleGraph: a long article with a thousand facts", "[export]") {
  // A long article: its spans are "#char=100123,100170", and its facts
  // number past a thousand (to "/nationality/1125"):
  // subjects with long IRIs that differ late, in Sord's order.
  std::mt19937 rng(9);
  const std::string base = "https://example.org/kg/";
  for (const auto syntax : {rdf::Syntax::Turtle, rdf::Syntax::NQuads}) {
    CAPTURE(static_cast<int>(syntax));
    rdf::ArticleGraph g(ontology::IriMinter::make(base).value(), syntax);
    Extraction x = generate(rng, 4);
    x.article.text.clear();
    while (x.article.text.size() < 120000) x.article.text += "Ana met Wang Yi in Lima. Ángel said \"yes\". ";
    x.sentences.clear();
    const auto size = static_cast<std::uint32_t>(x.article.text.size());
    for (std::uint32_t b = 99990; b + 60 < size; b += 1 + static_cast<std::uint32_t>(rng() % 90)) {
      Sentence s;
      s.begin = b;
      s.end = b + 1 + static_cast<std::uint32_t>(rng() % 50);
      // Keep byte offsets on UTF-8 character starts, as the segmenter does.
      while ((static_cast<unsigned char>(x.article.text[s.begin]) & 0xC0) == 0x80) --s.begin;
      while ((static_cast<unsigned char>(x.article.text[s.end]) & 0xC0) == 0x80) ++s.end;
      x.sentences.push_back(s);
    }
    x.facts.clear();
    for (std::size_t i = 0; i < 1500; ++i) {
      Fact f;
      f.kind = i % 4 ? FactKind::Nationality : i % 8 ? FactKind::Statement : FactKind::Position;
      f.person = 0;
      f.org = static_cast<std::int32_t>(i % x.entities.size());
      f.role = "minister";
      f.quote = pick_text(rng);
      f.found_by = "rule-a";
      f.sentence = static_cast<std::uint32_t>(rng() % x.sentences.size());
      x.facts.push_back(std::move(f));
    }
    check_as_sord(g, x, syntax, base);
  }
}

TEST_CASE("ArticleGraph: more prefixed names than it keeps", "[export]") {
  // 4 500 wd: IRIs in one article, twice: ArticleGraph keeps the prefixed
  // names it found from one article to the next, 4 096 at most, and empties
  // them when full (here in the middle of the article).
  const std::string base = "https://example.org/kg/";
  for (const auto syntax : {rdf::Syntax::Turtle, rdf::Syntax::TriG}) {
    CAPTURE(static_cast<int>(syntax));
    rdf::ArticleGraph g(ontology::IriMinter::make(base).value(), syntax);
    Extraction x;
    x.article.id = "many";
    x.article.text = "Many.";
    for (int i = 0; i < 4500; ++i) {
      Entity e;
      e.kind = EntityKind::Organization;
      e.name = "Org " + std::to_string(i);
      e.wikidata = "Q" + std::to_string(i % 4400);  // some twice
      x.entities.push_back(std::move(e));
    }
    const auto expected = via_sord(x, syntax, base);
    CHECK(via_vector(g, x) == expected);
    CHECK(via_vector(g, x) == expected);
  }
}
