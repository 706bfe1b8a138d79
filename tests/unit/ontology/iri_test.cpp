// Tests of IRI minting: slugs, checked IRIs, the minter.
#include <catch2/catch.hpp>

#include "ontology/iri.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace newsgraph::ontology;

TEST_CASE("slug transliterates any script to a readable ASCII slug", "[ontology]") {
  const std::vector<std::pair<std::string, std::string>> rows{
      {"Ángel Manuel Manero Campos", "angel-manuel-manero-campos"},
      {"Dina Ercilia Boluarte Zegarra", "dina-ercilia-boluarte-zegarra"},
      {"Władysław Kosiniak-Kamysz", "wladyslaw-kosiniak-kamysz"},
      {"Ekrem İmamoğlu", "ekrem-imamoglu"},
      {"  Marco V. Balarezo ", "marco-v-balarezo"},
      {"Peru-China Chamber of Commerce", "peru-china-chamber-of-commerce"},
      {"习近平", "xi-jin-ping"},
      {"Владимир Путин", "vladimir-putin"},
  };
  for (const auto& [in, out] : rows) {
    INFO(in);
    CHECK(slug(in) == out);
  }
}

TEST_CASE("slug never returns an empty or unsafe string", "[ontology]") {
  for (const std::string in : {"", "\"<>{}|\\^`", "\n\t\x01", "!!!"}) {
    const auto s = slug(in);
    INFO(in);
    REQUIRE(!s.empty());
    CHECK(s[0] == 'x');
    for (char c : s) CHECK(((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'));
  }
  CHECK(slug("") != slug("!!!"));  // hashes of different texts differ
}

TEST_CASE("Iri::make rejects characters IRIs cannot hold", "[ontology]") {
  CHECK(Iri::make("https://example.org/a").is_ok());
  CHECK_FALSE(Iri::make("no scheme").is_ok());
  CHECK_FALSE(Iri::make("https://example.org/a b").is_ok());
  CHECK_FALSE(Iri::make("https://example.org/<a>").is_ok());
  CHECK_FALSE(Iri::make("https://example.org/\"").is_ok());
  CHECK_FALSE(Iri::make("https://example.org/\n").is_ok());
  CHECK(Iri::make("https://example.org/a b").status().code() == newsgraph::Code::BadArgument);
}

TEST_CASE("IriMinter makes stable IRIs under its base", "[ontology]") {
  auto m = IriMinter::make("https://example.org/kg/");
  REQUIRE(m.is_ok());
  CHECK(m->person("Wang Yi").str() == "https://example.org/kg/person/wang-yi");
  CHECK(m->country("PE").str() == "https://example.org/kg/country/pe");
  CHECK(m->city("Lima", "PE").str() == "https://example.org/kg/place/pe/lima");
  CHECK(m->organization("Andean Community").str() == "https://example.org/kg/organization/andean-community");
  const auto a = m->article("example-01");
  CHECK(a.str() == "https://example.org/kg/article/example-01");
  CHECK(m->span(a, 10, 42).str() == "https://example.org/kg/article/example-01#char=10,42");
  CHECK(m->fact(a, "meeting", 2).str() == "https://example.org/kg/article/example-01/meeting/2");
  CHECK_FALSE(IriMinter::make("https://example.org/kg").is_ok());  // must end in / or #
}

TEST_CASE("identity keys: type, country and name", "[ontology]") {
  auto m = IriMinter::make("https://example.org/kg/");
  REQUIRE(m.is_ok());
  struct Row {
    Iri iri;
    const char* expected;
  };
  const Row rows[] = {
      // Persons by country (when known) and name; spelling variants of one name are one key.
      {m->person("Dina Boluarte", "PE"), "https://example.org/kg/person/pe/dina-boluarte"},
      {m->person("Ángel Manero", "PE"), "https://example.org/kg/person/pe/angel-manero"},
      {m->person("ANGEL MANERO", "PE"), "https://example.org/kg/person/pe/angel-manero"},
      {m->person("Ana Diaz", "CL"), "https://example.org/kg/person/cl/ana-diaz"},
      {m->person("Ana Diaz", "MX"), "https://example.org/kg/person/mx/ana-diaz"},
      {m->person("Ana Diaz"), "https://example.org/kg/person/ana-diaz"},
      // A person and an organisation of one name are two things.
      {m->person("Hamas"), "https://example.org/kg/person/hamas"},
      {m->organization("Hamas"), "https://example.org/kg/organization/hamas"},
      // Countries by ISO code, whatever case.
      {m->country("pe"), "https://example.org/kg/country/pe"},
      // Articles by id (else a url or content hash made by Article::key()).
      {m->article("u0123456789abcdef"), "https://example.org/kg/article/u0123456789abcdef"},
  };
  for (const auto& r : rows) CHECK(r.iri.str() == r.expected);
  CHECK_FALSE(IriMinter::make("not an iri/").is_ok());
}

TEST_CASE("stable_hash is FNV-1a 64", "[ontology]") {
  CHECK(stable_hash("") == "cbf29ce484222325");
  CHECK(stable_hash("a") == "af63dc4c8601ec8c");
}

namespace {

// What the minter gave before it kept the IRIs it minted (iri.cpp): the
// IRIs spelled out from slug() alone.
std::string reference_iri(const IriMinter& m, int kind, const std::string& name, const std::string& iso2) {
  const std::string& b = m.base();
  switch (kind) {
    case 0: return b + "person/" + (iso2.empty() ? std::string() : slug(iso2) + "/") + slug(name);
    case 1: return b + "country/" + slug(iso2);
    case 2: return b + "place/" + (iso2.empty() ? std::string("xx") : slug(iso2)) + "/" + slug(name);
    case 3: return b + "organization/" + slug(name);
    default: return std::string(vocab::kTopics) + slug(name);
  }
}
std::string minted(const IriMinter& m, int kind, const std::string& name, const std::string& iso2) {
  switch (kind) {
    case 0: return m.person(name, iso2).str();
    case 1: return m.country(iso2).str();
    case 2: return m.city(name, iso2).str();
    case 3: return m.organization(name).str();
    default: return m.topic(name).str();
  }
}

// Names from a small alphabet of ASCII, accented, other scripts and
// punctuation, short enough to repeat often and long enough to pass 80.
std::string random_name(std::mt19937& rng) {
  static const std::vector<std::string> kPieces{"a", "B", "z", "Q", " ", "-", ".", "9", "é", "Ñ", "ß", "İ",
                                                "习", "Пу", "!", "'", "\t", "x y", "Ol", "مح"};
  std::uniform_int_distribution<int> len(0, 6), piece(0, static_cast<int>(kPieces.size()) - 1);
  std::string s;
  const int n = rng() % 50 == 0 ? 60 : len(rng);
  for (int i = 0; i < n; ++i) s += kPieces[static_cast<std::size_t>(piece(rng))];
  return s;
}

}  // namespace

TEST_CASE("minted IRIs are the slugs' whether or not the name was minted before", "[ontology]") {
  auto m = IriMinter::make("https://example.org/kg/");
  REQUIRE(m.is_ok());
  std::mt19937 rng(7);
  // Enough distinct names that the kept IRIs are emptied (at 4096) a few
  // times, with repeats before and after.
  std::vector<std::string> names;
  for (int i = 0; i < 3000; ++i) names.push_back(random_name(rng));
  for (int i = 0; i < 40000; ++i) names.push_back("Name " + std::to_string(i));
  std::uniform_int_distribution<std::size_t> pick(0, names.size() - 1);
  const std::vector<std::string> codes{"", "PE", "pe", "CN", "é", "!!"};
  for (int i = 0; i < 120000; ++i) {
    const auto& name = i < 3000 ? names[static_cast<std::size_t>(i)] : names[pick(rng)];
    const auto& iso2 = codes[static_cast<std::size_t>(i) % codes.size()];
    const int kind = static_cast<int>(rng() % 5);
    const auto got = minted(*m, kind, name, iso2);
    if (got != reference_iri(*m, kind, name, iso2)) {
      INFO(kind << " '" << name << "' '" << iso2 << "'");
      CHECK(got == reference_iri(*m, kind, name, iso2));
    }
  }
  // A minter of another base in between: the IRIs kept are under the base asked for.
  auto other = IriMinter::make("urn:x:kg/");
  REQUIRE(other.is_ok());
  CHECK(other->person("Ana Diaz", "CL").str() == "urn:x:kg/person/cl/ana-diaz");
  CHECK(m->person("Ana Diaz", "CL").str() == "https://example.org/kg/person/cl/ana-diaz");
  const auto a = m->article("k");
  CHECK(m->fact(a, "Meeting Fact", 12).str() == "https://example.org/kg/article/k/meeting-fact/12");
  CHECK(m->span(a, 0, 18446744073709551615ULL).str() == "https://example.org/kg/article/k#char=0,18446744073709551615");
}

TEST_CASE("one minter minting on several threads at once gives each the same IRIs", "[ontology]") {
  auto m = IriMinter::make("https://example.org/kg/");
  REQUIRE(m.is_ok());
  std::mt19937 rng(11);
  std::vector<std::string> names;
  for (int i = 0; i < 500; ++i) names.push_back(random_name(rng));
  std::vector<std::string> expected;
  for (std::size_t i = 0; i < names.size(); ++i) expected.push_back(reference_iri(*m, static_cast<int>(i % 5), names[i], "PE"));
  std::vector<int> wrong(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) {
        for (std::size_t i = 0; i < names.size(); ++i) {
          if (minted(*m, static_cast<int>(i % 5), names[i], "PE") != expected[i]) ++wrong[static_cast<std::size_t>(t)];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const int w : wrong) CHECK(w == 0);
}

// slug() of ASCII text as documented: lower case, runs of other characters
// one '-', none at either end, at most 80 characters, else "x" + hash.
std::string reference_ascii_slug(const std::string& text) {
  std::string out;
  bool dash = false;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (dash && !out.empty()) out += '-';
      out += c;
      dash = false;
    } else {
      dash = true;
    }
  }
  if (out.size() > 80) out.resize(80);
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "x" + stable_hash(text) : out;
}

TEST_CASE("slug of ASCII text, slugs themselves among it, follows the rule", "[ontology]") {
  std::mt19937 rng(3);
  // Mostly characters of slugs, so that many texts are slugs already (which
  // slug() copies) and many are one character away from one.
  const std::string alphabet = "az09-----aZ _.";
  std::uniform_int_distribution<std::size_t> len(0, 90), ch(0, alphabet.size() - 1);
  for (int i = 0; i < 50000; ++i) {
    std::string s(len(rng) % (i % 3 == 0 ? 91 : 8), ' ');
    for (auto& c : s) c = alphabet[ch(rng)];
    if (slug(s) != reference_ascii_slug(s)) {
      INFO("'" << s << "'");
      CHECK(slug(s) == reference_ascii_slug(s));
    }
  }
  // Every ASCII byte, in texts up to 200 long whose kept characters reach
  // 80 at every place of a run of others (slug's one pass stops there).
  for (int i = 0; i < 20000; ++i) {
    std::string s(std::uniform_int_distribution<std::size_t>(0, 200)(rng), ' ');
    const int others = i % 4 == 0 ? 127 : 10;  // of 128 codes, or now and then
    for (auto& c : s) {
      const int r = std::uniform_int_distribution<int>(0, 127)(rng);
      c = static_cast<char>(r < others ? r : 'A' + r % 26);
    }
    if (slug(s) != reference_ascii_slug(s)) {
      INFO("'" << s << "'");
      CHECK(slug(s) == reference_ascii_slug(s));
    }
  }
  CHECK(slug(std::string(79, 'a') + "-b") == std::string(79, 'a'));  // cut after its "-"
  CHECK(slug(std::string(79, 'A') + " - B c") == std::string(79, 'a'));
  CHECK(slug("meeting") == "meeting");
  CHECK(slug("a-b-9") == "a-b-9");
  CHECK(slug(std::string(81, 'a')) == std::string(80, 'a'));
}

namespace {

// slug() as it was before it knew Latin letters (iri.cpp): text with any
// byte outside ASCII all through ICU's "Any-Latin; Latin-ASCII; Lower".
std::string reference_slug(const std::string& text) {
  bool ascii = true;
  for (const char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return reference_ascii_slug(text);
  static const std::unique_ptr<icu::Transliterator> tr = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    REQUIRE(U_SUCCESS(status));
    return t;
  }();
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  tr->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  // The rest as for ASCII, but "x" + the hash of the text given.
  const auto s = reference_ascii_slug(out);
  return s == "x" + stable_hash(out) ? "x" + stable_hash(text) : s;
}

std::string utf8(UChar32 c) {
  std::string s;
  icu::UnicodeString(c).toUTF8String(s);
  return s;
}

}  // namespace

TEST_CASE("slug of Latin letters without the transliterator equals it", "[ontology]") {
  // Every character of the ranges slug() knows letters of, around them, and
  // a few of other scripts, marks, symbols and broken UTF-8.
  std::vector<std::string> chars;
  for (UChar32 c = 0x80; c < 0x250; ++c) chars.push_back(utf8(c));
  for (UChar32 c = 0x1DF0; c < 0x1F10; ++c) chars.push_back(utf8(c));
  for (UChar32 c : {0x300, 0x301, 0x31B, 0x36F, 0x410, 0x44F, 0x3B1, 0x5D0, 0x627, 0x4E60, 0x2019, 0x2013, 0x2122,
                    0xFB01, 0xFF21, 0x1F600}) {
    chars.push_back(utf8(c));
  }
  for (const char* bad : {"\xC3", "\xE1\xB8", "\xFF", "\xC0\x80", "\xE1\x80", "\xED\xA0\x80"}) chars.emplace_back(bad);
  for (const auto& c : chars) {
    for (const auto& text : {c, "A" + c + "b", c + c, "x " + c + "Y-z", c + "9"}) {
      if (slug(text) != reference_slug(text)) {
        INFO("'" << text << "'");
        CHECK(slug(text) == reference_slug(text));
      }
    }
  }
  // Names of these with ASCII letters, spaces and punctuation.
  std::mt19937 rng(5);
  const std::string ascii = "aZ mQ-.'9\t";
  std::uniform_int_distribution<std::size_t> len(0, 12), pick(0, chars.size() - 1), byte(0, ascii.size() - 1);
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    for (auto n = len(rng); n > 0; --n) text += rng() % 3 ? std::string(1, ascii[byte(rng)]) : chars[pick(rng) % 400];
    if (i % 10 == 0) text += chars[pick(rng)];
    if (slug(text) != reference_slug(text)) {
      INFO("'" << text << "'");
      CHECK(slug(text) == reference_slug(text));
    }
  }
  CHECK(slug("Phạm Minh Chính") == "pham-minh-chinh");
  CHECK(slug("Lương Cường") == "luong-cuong");
  CHECK(slug("Radosław Sikorski") == "radoslaw-sikorski");
  CHECK(slug("Straße") == "strasse");
}
