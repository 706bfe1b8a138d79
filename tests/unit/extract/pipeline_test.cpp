// Tests of the whole extraction pipeline on short texts: mentions,
// coreference, each fact kind, planned and former, dates.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "extract/pipeline.hpp"

using namespace newsgraph::extract;

namespace {

const Pipeline& pipeline() {
  static const auto p = Pipeline::load({NEWSGRAPH_SOURCE_DATA_DIR, {}});
  REQUIRE(p.is_ok());
  return *p.value();
}

Extraction run(const std::string& text, std::optional<Date> date = std::nullopt) {
  Article a;
  a.text = text;
  a.file = "t.txt";
  a.date = date;
  return pipeline().run(a);
}

std::vector<std::string> facts(const Extraction& x) {
  std::vector<std::string> out;
  for (const auto& f : x.facts) {
    std::string d = f.dump(x.entities);
    out.push_back(d.substr(0, d.find(" s")));  // without sentence and rule
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("mentions of a title-before-name sentence", "[extract]") {
  const auto x = run("Peruvian Foreign Minister Elmer Schialer met reporters in Lima on Monday.");
  CHECK(pipeline().dump_mentions(x) ==
        "Mention{DEMONYM \"PE\" s0[0,1) by=gazetteer}\n"
        "Mention{ROLE \"foreign minister\" s0[1,3) by=gazetteer}\n"
        "Mention{PERSON \"Elmer Schialer\" s0[3,5) by=gazetteer}\n"
        "Mention{CITY \"Lima\" s0[8,9) by=gazetteer}\n"
        "Mention{DATE \"Monday\" s0[10,11) by=dates}\n");
}

TEST_CASE("positions in all the usual shapes", "[extract]") {
  CHECK(facts(run("Chilean President Gabriel Boric spoke.")) ==
        std::vector<std::string>{"Fact{nationality \"Gabriel Boric\" \"Chile\" date=-",
                                 "Fact{position \"Gabriel Boric\" \"president\" \"Chile\" date=-"});
  CHECK(facts(run("Lucia Ferro, secretary general of the Andean Community, spoke to delegates.")) ==
        std::vector<std::string>{"Fact{position \"Lucia Ferro\" \"secretary general\" \"Andean Community\" date=-"});
  CHECK(facts(run("Ghana's Minister of Lands and Natural Resources, Kwame Mensah, opened the session.")) ==
        std::vector<std::string>{"Fact{nationality \"Kwame Mensah\" \"Ghana\" date=-",
                                 "Fact{position \"Kwame Mensah\" \"minister of lands and natural resources\" \"Ghana\" date=-"});
  CHECK(facts(run("The Kenyan Ambassador to Japan Ruth Wanjiru gave a speech.")) ==
        std::vector<std::string>{"Fact{nationality \"Ruth Wanjiru\" \"Kenya\" date=-",
                                 "Fact{position \"Ruth Wanjiru\" \"ambassador to japan\" \"Kenya\" date=-"});
}

TEST_CASE("former posts are kept apart and give no nationality", "[extract]") {
  CHECK(facts(run("Former Chilean President Michelle Bachelet attended the forum.")) ==
        std::vector<std::string>{"Fact{position former \"Michelle Bachelet\" \"president\" \"Chile\" date=-"});
}

TEST_CASE("a person named in full and later by surname is one entity", "[extract]") {
  const auto x = run(
      "Colombian Foreign Minister Luis Gilberto Murillo arrived in Quito. Murillo said the talks were useful. "
      "President Murillo is not a title he holds.");
  std::size_t persons = 0;
  for (const auto& e : x.entities) persons += e.kind == EntityKind::Person;
  CHECK(persons == 1);
  CHECK(facts(x) == std::vector<std::string>{
                        "Fact{nationality \"Luis Gilberto Murillo\" \"Colombia\" date=-",
                        "Fact{position \"Luis Gilberto Murillo\" \"foreign minister\" \"Colombia\" date=-",
                        "Fact{position \"Luis Gilberto Murillo\" \"president\" \"Colombia\" date=-",
                        "Fact{statement \"Luis Gilberto Murillo\" reported \"the talks were useful\" date=-",
                        "Fact{visit \"Luis Gilberto Murillo\" to=\"Quito\" date=-"});
}

TEST_CASE("a national post without its country takes the person's country but other posts do not", "[extract]") {
  const auto f = facts(run("Kenyan Foreign Minister Musalia Mudavadi spoke. Mudavadi, who is also deputy prime minister, "
                           "left. Mudavadi, chairman of the Nairobi Golf Club, said nothing."));
  CHECK(std::find(f.begin(), f.end(), "Fact{position \"Musalia Mudavadi\" \"deputy prime minister\" \"Kenya\" date=-") != f.end());
  for (const auto& s : f) CHECK(s.find("\"chairman\" \"Kenya\"") == std::string::npos);
}

TEST_CASE("meetings with place and date resolved against the article date", "[extract]") {
  const Date saturday{2024, 6, 29};
  const auto x = run("Kenyan President William Ruto held talks with Ghanaian President John Mahama on Friday in Nairobi.", saturday);
  const auto f = facts(x);
  CHECK(std::find(f.begin(), f.end(), "Fact{meeting \"William Ruto\" \"John Mahama\" at=\"Nairobi\" date=2024-06-28") != f.end());
  // Without an article date there is no resolved date.
  const auto y = facts(run("Kenyan President William Ruto held talks with Ghanaian President John Mahama on Friday in Nairobi."));
  CHECK(std::find(y.begin(), y.end(), "Fact{meeting \"William Ruto\" \"John Mahama\" at=\"Nairobi\" date=-") != y.end());
  const auto z = facts(run("On Thursday, Kenyan President William Ruto received Ethiopian Prime Minister Abiy Ahmed.", saturday));
  CHECK(std::find(z.begin(), z.end(), "Fact{meeting \"William Ruto\" \"Abiy Ahmed\" at=- host=\"William Ruto\" date=2024-06-27") != z.end());
}

TEST_CASE("a meeting without a day takes the day of the sentence before when it names the same person", "[extract]") {
  const Date tuesday{2024, 3, 12};
  const auto f = facts(run("Indian Prime Minister Narendra Modi arrived in Nairobi on Sunday. He was welcomed at the airport "
                           "by Kenyan Foreign Minister Musalia Mudavadi.", tuesday));
  CHECK(std::find(f.begin(), f.end(), "Fact{meeting \"Narendra Modi\" \"Musalia Mudavadi\" at=- host=\"Musalia Mudavadi\" date=2024-03-10") != f.end());
  // News paragraphs are short: the sentence before may be in the paragraph before.
  const auto g = facts(run("Indian Prime Minister Narendra Modi arrived in Nairobi on Sunday.\n\nHe was welcomed at the airport "
                           "by Kenyan Foreign Minister Musalia Mudavadi.", tuesday));
  CHECK(std::find(g.begin(), g.end(), "Fact{meeting \"Narendra Modi\" \"Musalia Mudavadi\" at=- host=\"Musalia Mudavadi\" date=2024-03-10") != g.end());
  // A sentence about someone else lends no day.
  const auto h = facts(run("Chilean President Gabriel Boric arrived in Lima on Sunday. Indian Prime Minister Narendra Modi met "
                           "Kenyan Foreign Minister Musalia Mudavadi.", tuesday));
  CHECK(std::find(h.begin(), h.end(), "Fact{meeting \"Narendra Modi\" \"Musalia Mudavadi\" at=- date=-") != h.end());
}

TEST_CASE("role references resolve to the person named with that title, or to nothing", "[extract]") {
  const auto f = facts(run("Saudi Arabia's Crown Prince and Prime Minister Mohammed bin Salman arrived in Seoul. "
                           "Han Duck-soo, South Korea's prime minister, met the crown prince at a hotel."));
  CHECK(std::find(f.begin(), f.end(), "Fact{meeting \"Mohammed bin Salman\" \"Han Duck-soo\" at=- date=-") != f.end());
  // A country given with the title must fit: no Chilean president was named.
  const auto g = facts(run("Peruvian President Dina Boluarte spoke. The Chilean president met Kenyan President William Ruto."));
  for (const auto& s : g) CHECK(s.find("meeting") == std::string::npos);
  // The article's main subject wins among several presidents.
  const auto h = facts(run("Colombian President Gustavo Petro spoke. Petro said the border would open. Petro and "
                           "Venezuelan President Nicolas Maduro talked on Saturday. The president received Yvan Gil, "
                           "Venezuela's foreign minister, in Bogota on Monday."));
  CHECK(std::find_if(h.begin(), h.end(), [](const std::string& s) {
          return s.rfind("Fact{meeting \"Gustavo Petro\" \"Yvan Gil\"", 0) == 0;
        }) != h.end());
}

TEST_CASE("statements: direct quotations and reported speech", "[extract]") {
  const auto f = facts(run("Kenyan President William Ruto spoke. \u201CIndia is a friend. It is a neighbour,\u201D Ruto told reporters. "
                           "Ruto told a forum in Nairobi that trade would grow. According to Ruto, the deals are fair. "
                           "Ruto said on Monday that tea exports had doubled."));
  CHECK(std::find(f.begin(), f.end(), "Fact{statement \"William Ruto\" direct \"India is a friend. It is a neighbour\" date=-") != f.end());
  CHECK(std::find(f.begin(), f.end(), "Fact{statement \"William Ruto\" reported \"trade would grow\" date=-") != f.end());
  CHECK(std::find(f.begin(), f.end(), "Fact{statement \"William Ruto\" reported \"the deals are fair\" date=-") != f.end());
  CHECK(std::find(f.begin(), f.end(), "Fact{statement \"William Ruto\" reported \"tea exports had doubled\" date=-") != f.end());
  // "told reporters" alone says nothing.
  for (const auto& s : f) CHECK(s.find("\"reporters") == std::string::npos);
}

TEST_CASE("names with initials in capitals and mid-sentence function words, dates before the verb", "[extract]") {
  const Date friday{2024, 11, 1};
  const auto f = facts(run("Indonesian Foreign Minister Retno LP Marsudi on Tuesday welcomed Vietnamese leader To Lam "
                           "in Jakarta.", friday));
  CHECK(std::find(f.begin(), f.end(), "Fact{meeting \"Retno LP Marsudi\" \"To Lam\" at=\"Jakarta\" host=\"Retno LP Marsudi\" date=2024-10-29") != f.end());
}

TEST_CASE("planned meetings and visits are marked planned", "[extract]") {
  const auto f = facts(run("Indian Prime Minister Narendra Modi will visit Nairobi and is expected to meet Kenyan President William Ruto."));
  CHECK(std::find(f.begin(), f.end(), "Fact{visit planned \"Narendra Modi\" to=\"Nairobi\" date=-") != f.end());
  for (const auto& s : f) CHECK(s.find("visit \"") == std::string::npos);
  const auto g = facts(run("Chinese President Xi Jinping spoke. His trip will be his second visit to Chile."));
  CHECK(std::find(g.begin(), g.end(), "Fact{visit planned \"Xi Jinping\" to=\"Chile\" date=-") != g.end());
}

TEST_CASE("visits to a list of places, through a pronoun", "[extract]") {
  const auto f = facts(run("Chilean President Gabriel Boric spoke. During his visit to Shenzhen, Shanghai and Suzhou, he met investors."));
  CHECK(std::find(f.begin(), f.end(), "Fact{visit \"Gabriel Boric\" to=\"Shenzhen\" topics=investment date=-") != f.end());
  CHECK(std::find(f.begin(), f.end(), "Fact{visit \"Gabriel Boric\" to=\"Shanghai\" topics=investment date=-") != f.end());
  CHECK(std::find(f.begin(), f.end(), "Fact{visit \"Gabriel Boric\" to=\"Suzhou\" topics=investment date=-") != f.end());
}

TEST_CASE("an article with no facts gives none, and records which rules fired", "[extract]") {
  const auto x = run("The weather was mild and the markets were calm on the coast this week.");
  CHECK(x.facts.empty());
  CHECK(x.sentences.size() == 1);
}

TEST_CASE("the rules that fired are named once each, sorted, with every rule a mention or fact names", "[extract]") {
  // Two sentences of the same shapes: each rule fires twice or more.
  const auto x = run(
      "Chilean President Gabriel Boric met Peruvian President Dina Boluarte in Lima on Monday. "
      "Chilean President Gabriel Boric met Peruvian President Dina Boluarte in Lima on Tuesday. "
      "Boric later arrived in Orzysz, where Minister Jan Kowalczyk of the Orzysz Trade Council received him.");
  REQUIRE(!x.fired.empty());
  CHECK(std::is_sorted(x.fired.begin(), x.fired.end()));
  CHECK(std::adjacent_find(x.fired.begin(), x.fired.end()) == x.fired.end());
  std::set<std::string> names;
  for (const auto& r : pipeline().rules().rules()) names.insert(r.name);
  auto fired = [&](const std::string& by) {
    return std::binary_search(x.fired.begin(), x.fired.end(), by);
  };
  for (const auto& f : x.fired) CHECK(names.count(f) == 1);
  for (const auto& f : x.facts) CHECK(fired(f.found_by));
  std::size_t by_rules = 0;
  for (const auto& s : x.sentences) {
    for (const auto& m : s.mentions) {
      if (!names.count(m.found_by)) continue;
      CHECK(fired(m.found_by));
      ++by_rules;
    }
  }
  CHECK(by_rules > 0);
  CHECK(!x.facts.empty());
}

namespace {

// The dump() of every fact of `kind`, without sentence and rule.
std::vector<std::string> facts_of(const Extraction& x, FactKind kind) {
  std::vector<std::string> out;
  for (const auto& f : x.facts) {
    if (f.kind != kind) continue;
    std::string d = f.dump(x.entities);
    out.push_back(d.substr(0, d.rfind(" s")));
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("agreements: signed, passive, witnessed, named, parties are persons else countries", "[extract]") {
  const Date monday{2024, 5, 13};
  struct Case {
    const char* text;
    std::vector<std::string> expected;
  };
  const std::vector<Case> cases{
      {"Ghana and Nigeria on Friday signed a memorandum of understanding on energy and fisheries.",
       {"Fact{agreement \"memorandum of understanding on energy and fisheries\" parties=\"Ghana\",\"Nigeria\" "
        "topics=agriculture,energy date=2024-05-10"}},
      {"Egyptian President Abdel Fattah al-Sisi and Emirati President Mohamed bin Zayed signed three deals.",
       {"Fact{agreement \"three deals\" parties=\"Abdel Fattah al-Sisi\",\"Mohamed bin Zayed\" date=-"}},
      {"Four cooperation documents were signed by Vietnam and Laos in Vientiane.",
       {"Fact{agreement \"Four cooperation documents\" parties=\"Vietnam\",\"Laos\" at=\"Vientiane\" date=-"}},
      {"The two presidents met. Brazilian President Lula da Silva and Chilean President Gabriel Boric then "
       "witnessed the signing of agreements on lithium.",
       {"Fact{agreement \"agreements on lithium\" parties=\"Lula da Silva\",\"Gabriel Boric\" topics=mining date=-"}},
      {"Exports grew under the Australia-United Kingdom Free Trade Agreement.",
       {"Fact{agreement \"Australia-United Kingdom Free Trade Agreement\" parties=\"Australia\",\"United Kingdom\" "
        "topics=trade date=-"}},
      {"Kenya and India will sign an agreement on tea next month.",
       {"Fact{agreement planned \"agreement on tea\" parties=\"Kenya\",\"India\" date=-"}},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(facts_of(run(c.text, monday), FactKind::Agreement) == c.expected);
  }
}

TEST_CASE("invitations and proposals", "[extract]") {
  CHECK(facts_of(run("Turkish President Recep Tayyip Erdogan invited Azerbaijani President Ilham Aliyev to visit Ankara."),
                 FactKind::Invitation) ==
        std::vector<std::string>{"Fact{invitation \"Recep Tayyip Erdogan\" invited \"Ilham Aliyev\" to=\"Ankara\" date=-"});
  CHECK(facts_of(run("At the invitation of Japanese Prime Minister Shigeru Ishiba, Indonesian President Prabowo "
                     "Subianto will pay an official visit to Japan."),
                 FactKind::Invitation) ==
        std::vector<std::string>{"Fact{invitation \"Shigeru Ishiba\" invited \"Prabowo Subianto\" to=\"Japan\" date=-"});
  CHECK(facts_of(run("Spanish Prime Minister Pedro Sanchez proposed that the European Union recognise Palestine."),
                 FactKind::Proposal) ==
        std::vector<std::string>{"Fact{proposal \"Pedro Sanchez\" to=- \"the European Union recognise Palestine\" date=-"});
  // Nobody named: no invitation.
  CHECK(facts_of(run("They invited everyone to visit Ankara."), FactKind::Invitation).empty());
}

TEST_CASE("events: one per article, with place, date range and participants from every mention", "[extract]") {
  const Date published{2024, 11, 1};
  const auto x = run("The APEC summit will be held in Lima on November 13-15. Chinese President Xi Jinping will "
                     "attend the APEC summit. Chilean President Gabriel Boric also attended the APEC summit.",
                     published);
  CHECK(facts_of(x, FactKind::Event) ==
        std::vector<std::string>{"Fact{event \"APEC summit\" parties=\"Xi Jinping\",\"Gabriel Boric\" "
                                 "at=\"Lima\" date=2024-11-13..2024-11-15"});
  // A lower-case head needs a proper name before it; "talks" is not an event.
  CHECK(facts_of(run("The State House talks ended late. A summit was held."), FactKind::Event).empty());
}

TEST_CASE("projects: named works, builder, one per article", "[extract]") {
  const auto x = run("The Mombasa-Nairobi Standard Gauge Railway was built by China Road and Bridge Corporation. "
                     "Traffic on the Mombasa-Nairobi Standard Gauge Railway has doubled.");
  CHECK(facts_of(x, FactKind::Project) ==
        std::vector<std::string>{"Fact{project \"Mombasa-Nairobi Standard Gauge Railway\" at=\"Mombasa\" "
                                 "builder=\"China Road and Bridge Corporation\" date=-"});
  CHECK(facts_of(run("Ships reached the port of Mombasa."), FactKind::Project) ==
        std::vector<std::string>{"Fact{project \"port of Mombasa\" at=\"Mombasa\" builder=- date=-"});
}

TEST_CASE("relations between countries: partners, diplomatic relations, since when", "[extract]") {
  CHECK(facts_of(run("Germany remains Poland's largest trading partner."), FactKind::Relation) ==
        std::vector<std::string>{"Fact{relation \"largest trading partner\" parties=\"Germany\",\"Poland\" date=-"});
  const auto x = run("Brazil and Angola established diplomatic relations in 1975.");
  REQUIRE(x.facts.size() == 1);
  CHECK(x.facts[0].kind == FactKind::Relation);
  CHECK(x.facts[0].name == "diplomatic relations");
  REQUIRE(x.facts[0].date);
  CHECK(x.facts[0].date->year == 1975);
  // The same country twice is no relation.
  CHECK(facts_of(run("Germany remains Germany's largest trading partner."), FactKind::Relation).empty());
}

TEST_CASE("topics: areas of cooperation a meeting names, not the words of titles or bodies", "[extract]") {
  const auto x = run("Kenyan Trade Minister Lee Kinyanjui held talks with Indian Prime Minister Narendra Modi on "
                     "digital payments, mining and renewable energy.");
  const auto meetings = facts_of(x, FactKind::Meeting);
  REQUIRE(meetings.size() == 1);
  CHECK(meetings[0].find("topics=digital-economy,mining,renewable-energy ") != std::string::npos);
  std::vector<std::string> ids;
  for (const auto& t : x.topics) ids.push_back(t.id + ">" + t.broader);
  // The broader topic of renewable energy comes along, to make the scheme whole.
  CHECK(ids == std::vector<std::string>{"digital-economy>", "energy>", "mining>", "renewable-energy>energy"});
}

TEST_CASE("a meeting in a month or a year keeps it as a period", "[extract]") {
  const Date published{2024, 3, 12};
  const auto f = facts(run("Ghanaian President John Mahama met Nigerian President Bola Tinubu in Abuja last year.", published));
  CHECK(std::find(f.begin(), f.end(), "Fact{meeting \"Bola Tinubu\" \"John Mahama\" at=\"Abuja\" date=2023") != f.end());
}

TEST_CASE("hosts and guests of meetings, only when the text says who received whom", "[extract]") {
  auto hosts = [](const char* text) {
    std::vector<std::string> out;
    const auto x = run(text);
    for (const auto& f : x.facts) {
      if (f.kind == FactKind::Meeting) out.push_back(f.host < 0 ? "-" : x.entities[static_cast<std::size_t>(f.host)].name);
    }
    return out;
  };
  CHECK(hosts("Kenyan President William Ruto received Indian Prime Minister Narendra Modi in Nairobi.") ==
        std::vector<std::string>{"William Ruto"});
  CHECK(hosts("Colombian President Gustavo Petro was received by Spanish Prime Minister Pedro Sanchez in Madrid.") ==
        std::vector<std::string>{"Pedro Sanchez"});
  CHECK(hosts("Iranian Foreign Minister Hossein Amir-Abdollahian called on Pakistani Prime Minister Anwaar-ul-Haq Kakar.") ==
        std::vector<std::string>{"Anwaar-ul-Haq Kakar"});
  CHECK(hosts("Kenyan President William Ruto met Indian Prime Minister Narendra Modi in Nairobi.") ==
        std::vector<std::string>{"-"});
}

namespace {

// "words = entity name" of each PERSON mention with an entity, sorted.
std::vector<std::string> persons_named(const Extraction& x) {
  std::vector<std::string> got;
  for (const auto& s : x.sentences) {
    for (const auto& m : s.mentions) {
      if (m.label != label::kPerson || m.entity < 0) continue;
      got.push_back(s.words(m.begin, m.end) + " = " + x.entities[static_cast<std::size_t>(m.entity)].name);
    }
  }
  std::sort(got.begin(), got.end());
  return got;
}

}  // namespace

TEST_CASE("a name is the person of the one name its words are all in, split at spaces, hyphens and stops", "[extract]") {
  // resolve_entities looks each name up once (as folded word views, not
  // name_words' strings): "Duck-soo" and "Soo" are Han Duck-soo's, "Ana"
  // is in two persons' names and so in neither, "Diaz" in one.
  const auto x = run(
      "South Korean Prime Minister Han Duck-soo met Foreign Minister Ana Maria Diaz and Trade Minister Ana Lopez. "
      "Later Duck-soo spoke to Diaz. Soo and Ana left. Duck.Soo stayed.");
  CHECK(persons_named(x) == std::vector<std::string>{"Ana Lopez = Ana Lopez", "Ana Maria Diaz = Ana Maria Diaz",
                                        "Diaz = Ana Maria Diaz", "Duck-soo = Han Duck-soo",
                                        "Duck.Soo = Han Duck-soo", "Han Duck-soo = Han Duck-soo",
                                        "Soo = Han Duck-soo"});
}

TEST_CASE("a name with a word twice is one cluster's, found by its words", "[extract]") {
  // resolve_entities finds the clusters of a name through its first word's
  // list of clusters; a cluster is in each list once, however often the
  // word comes in its name ("Ana Ana Diaz"), or "Ana Diaz" would be
  // ambiguous between it and itself.
  const auto x = run("Foreign Minister Ana Ana Diaz met Trade Minister Luis Lopez. Later Ana Diaz spoke to Lopez.");
  CHECK(persons_named(x) == std::vector<std::string>{"Ana Ana Diaz = Ana Ana Diaz", "Ana Diaz = Ana Ana Diaz", "Lopez = Luis Lopez",
                                        "Luis Lopez = Luis Lopez"});
}

TEST_CASE("an article of hundreds of organisations gives each one entity, found again by its name", "[extract]") {
  // resolve_entities finds an entity's key from the first key of its hash:
  // each organisation is made one entity however often it is written.
  auto word = [](int i) {
    std::string w = "Ka";
    for (int n = i, k = 0; k < 3; n /= 26, ++k) w += static_cast<char>('a' + n % 26);
    return w;
  };
  std::string text;
  const int n = 300;
  for (int i = 0; i < n; ++i) text += "Officials of the " + word(i) + " Corporation arrived. ";
  for (int i = n - 1; i >= 0; --i) text += "The " + word(i) + " Corporation said it would invest. ";
  const auto x = run(text);
  std::map<std::string, std::set<std::int32_t>> entities_of;  // an organisation's entities
  std::size_t mentions = 0;
  for (const auto& s : x.sentences) {
    for (const auto& m : s.mentions) {
      if (m.label != label::kOrg) continue;
      ++mentions;
      REQUIRE(m.entity >= 0);
      entities_of[x.entities[static_cast<std::size_t>(m.entity)].name].insert(m.entity);
    }
  }
  CHECK(mentions == 2 * n);
  CHECK(entities_of.size() == static_cast<std::size_t>(n));
  for (const auto& [name, ids] : entities_of) CHECK(ids.size() == 1);
}

namespace {

// resolve_entities' clustering as it was first written (a name's words as
// strings, split at spaces, hyphens and full stops; a name joins the one
// cluster with all its words, fullest names first; ambiguous names none):
// the reference the view-based one is checked against.
std::vector<std::string> reference_words(const std::string& name) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : fold(name)) {
    if (c == ' ' || c == '-' || c == '.') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

bool reference_subset(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return !a.empty() && std::all_of(a.begin(), a.end(), [&](const std::string& w) {
    return std::find(b.begin(), b.end(), w) != b.end();
  });
}

}  // namespace

TEST_CASE("person clusters equal the string-based reference on generated names", "[extract]") {
  const std::vector<std::string> first{"Ana", "Jose", "Li", "Maria", "Han", "Duck-soo", "Jean-Luc", "Kim"};
  const std::vector<std::string> last{"Diaz", "Lopez", "Wang", "Soo", "Kim", "Park-Lee", "Ana", "Mensah"};
  const std::vector<std::string> titles{"President", "Foreign Minister", "Prime Minister", "Trade Minister"};
  std::uint32_t seed = 12345;
  auto next = [&](std::size_t n) {
    seed = seed * 1103515245u + 12345u;
    return static_cast<std::size_t>((seed >> 16) % n);
  };
  std::size_t checked = 0;
  for (int article = 0; article < 80; ++article) {
    std::string text;
    const auto sentences = 2 + next(5);
    for (std::size_t i = 0; i < sentences; ++i) {
      const auto& a = first[next(first.size())];
      const auto& b = last[next(last.size())];
      switch (next(4)) {
        case 0: text += titles[next(titles.size())] + " " + a + " " + b + " met reporters. "; break;
        case 1: text += titles[next(titles.size())] + " " + a + " " + last[next(last.size())] + " " + b + " spoke. "; break;
        case 2: text += "Later " + b + " left. "; break;
        default: text += titles[next(titles.size())] + " " + b + " arrived. "; break;
      }
    }
    const auto x = run(text);
    // The reference, on the PERSON mentions resolve_entities clustered
    // (not those coreference added after it).
    struct Cluster {
      std::string name;
      std::vector<std::string> words;
    };
    std::vector<Cluster> clusters;
    std::vector<std::pair<std::string, std::vector<std::string>>> names;
    std::vector<const Mention*> persons;
    for (const auto& s : x.sentences) {
      for (const auto& m : s.mentions) {
        if (m.label != label::kPerson || m.found_by == "coreference") continue;
        names.emplace_back(m.value, reference_words(m.value));
        persons.push_back(&m);
      }
    }
    std::stable_sort(names.begin(), names.end(),
                     [](const auto& p, const auto& q) { return p.second.size() > q.second.size(); });
    auto find = [&](const std::vector<std::string>& words) {
      int found = -1;
      for (std::size_t c = 0; c < clusters.size(); ++c) {
        if (!reference_subset(words, clusters[c].words)) continue;
        if (found >= 0) return -2;
        found = static_cast<int>(c);
      }
      return found;
    };
    for (const auto& [name, words] : names) {
      if (find(words) == -1) clusters.push_back({name, words});
    }
    // Same cluster <=> same entity; no cluster <=> no entity; the entity is
    // named by its cluster's (fullest) name.
    for (std::size_t i = 0; i < persons.size(); ++i) {
      const int c = find(reference_words(persons[i]->value));
      INFO(text << " / " << persons[i]->value);
      REQUIRE((c >= 0) == (persons[i]->entity >= 0));
      if (c < 0) continue;
      CHECK(x.entities[static_cast<std::size_t>(persons[i]->entity)].name == clusters[static_cast<std::size_t>(c)].name);
      for (std::size_t j = 0; j < i; ++j) {
        const int d = find(reference_words(persons[j]->value));
        if (d >= 0) CHECK((c == d) == (persons[i]->entity == persons[j]->entity));
      }
      ++checked;
    }
  }
  CHECK(checked > 200);
}

TEST_CASE("the rule files' GROUP and NEGATED labels: the two leaders met, a meeting that did not happen", "[extract]") {
  // Pipeline::load looks both labels up once; the fact rules use them.
  const auto met = facts_of(run("Kenyan President William Ruto spoke. Ghanaian President John Mahama spoke. "
                                "The two presidents met in Nairobi."),
                            FactKind::Meeting);
  CHECK(std::find_if(met.begin(), met.end(), [](const std::string& f) {
          return f.find("\"William Ruto\" \"John Mahama\"") != std::string::npos;
        }) != met.end());
  CHECK(facts_of(run("Peruvian President Dina Boluarte has not visited Chile this year."), FactKind::Visit).empty());
  CHECK(facts_of(run("Peruvian President Dina Boluarte visited Chile this year."), FactKind::Visit).size() == 1);
  CHECK(facts_of(run("Kenyan President William Ruto's meeting with Ghanaian President John Mahama in Nairobi was cancelled."),
                 FactKind::Meeting)
            .empty());
}

TEST_CASE("covered facts equal the pairwise definition, for groups small and large", "[extract]") {
  // The definition consolidate used to run: each fact against every other.
  auto reference = [](const std::vector<Fact>& facts) {
    auto same_core = [](const Fact& a, const Fact& b) {
      if (a.kind != b.kind || a.planned != b.planned || a.former != b.former || a.person != b.person) return false;
      switch (a.kind) {
        case FactKind::Position: return a.role == b.role;
        case FactKind::Nationality: return a.org == b.org;
        case FactKind::Meeting: return a.person2 == b.person2;
        case FactKind::Visit: return a.place == b.place;
        case FactKind::Statement: return a.quote == b.quote;
        default: return false;
      }
    };
    auto covers = [](const Fact& a, const Fact& b) {
      return (b.org < 0 || a.org == b.org) && (b.place < 0 || a.place == b.place) &&
             (b.host < 0 || a.host == b.host) && (!b.resolved || a.resolved == b.resolved);
    };
    std::vector<bool> drop(facts.size(), false);
    for (std::size_t i = 0; i < facts.size(); ++i) {
      for (std::size_t j = 0; j < facts.size() && !drop[i]; ++j) {
        if (i == j || drop[j] || !same_core(facts[i], facts[j]) || !covers(facts[j], facts[i])) continue;
        if (covers(facts[i], facts[j]) && i < j) continue;
        drop[i] = true;
      }
    }
    return drop;
  };
  std::uint32_t seed = 777;
  auto next = [&](std::uint32_t n) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) % n;
  };
  const FactKind kinds[] = {FactKind::Position, FactKind::Nationality, FactKind::Meeting, FactKind::Visit,
                            FactKind::Statement};
  std::size_t dropped = 0, kept = 0, large = 0;
  for (int round = 0; round < 300; ++round) {
    // Few values, so that many facts share a core and cover one another; up
    // to 400 facts, so that some cores have hundreds.
    const auto n = next(round % 10 == 0 ? 400u : 30u);
    const auto cores = 1 + next(4);
    std::vector<Fact> facts(n);
    for (auto& f : facts) {
      f.kind = kinds[next(cores)];
      f.person = static_cast<std::int32_t>(next(2));
      f.planned = next(5) == 0;
      f.person2 = static_cast<std::int32_t>(next(2));
      f.role = next(2) ? "president" : "minister";
      f.quote = next(2) ? "a" : "b";
      f.org = static_cast<std::int32_t>(next(3)) - 1;
      f.place = static_cast<std::int32_t>(next(3)) - 1;
      f.host = static_cast<std::int32_t>(next(4)) - 2;
      if (next(2)) f.resolved = Date{2024, 5, static_cast<int>(1 + next(2))};
    }
    const auto want = reference(facts);
    const auto got = covered_facts(facts);
    REQUIRE(got == want);
    dropped += static_cast<std::size_t>(std::count(got.begin(), got.end(), true));
    kept += static_cast<std::size_t>(std::count(got.begin(), got.end(), false));
    large += n > 100;
  }
  CHECK(dropped > 1000);
  CHECK(kept > 1000);
  CHECK(large > 5);
}

TEST_CASE("'later that day' takes the day of the nearest sentence before that names a date", "[extract]") {
  const Date tuesday{2024, 3, 12};
  // Over sentences that name no date, to the one that does.
  const auto f = facts(run("Indian Prime Minister Narendra Modi arrived in Nairobi on Sunday. Crowds lined the road from "
                           "the airport. Thousands waved flags. Later that day Modi met Kenyan Foreign Minister Musalia "
                           "Mudavadi.", tuesday));
  CHECK(std::find(f.begin(), f.end(), "Fact{meeting \"Narendra Modi\" \"Musalia Mudavadi\" at=- date=2024-03-10") != f.end());
  // Not past it: the nearest dated sentence names two days, so no one day.
  const auto g = facts(run("Indian Prime Minister Narendra Modi arrived in Nairobi on Sunday. The fair runs on Monday and on "
                           "Wednesday. Crowds lined the road. Later that day Modi met Kenyan Foreign Minister Musalia "
                           "Mudavadi.", tuesday));
  CHECK(std::find(g.begin(), g.end(), "Fact{meeting \"Narendra Modi\" \"Musalia Mudavadi\" at=- date=-") != g.end());
  // Without the phrase, only the sentence just before lends its day.
  const auto h = facts(run("Indian Prime Minister Narendra Modi arrived in Nairobi on Sunday. Crowds lined the road. "
                           "Modi met Kenyan Foreign Minister Musalia Mudavadi.", tuesday));
  CHECK(std::find(h.begin(), h.end(), "Fact{meeting \"Narendra Modi\" \"Musalia Mudavadi\" at=- date=-") != h.end());
}
