// Tests of the whole extraction pipeline on short texts: mentions,
// coreference, each fact kind, planned and former, dates.
#include <catch2/catch.hpp>

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
  CHECK(std::find(z.begin(), z.end(), "Fact{meeting \"William Ruto\" \"Abiy Ahmed\" at=- date=2024-06-27") != z.end());
}

TEST_CASE("a meeting without a day takes the day of the sentence before when it names the same person", "[extract]") {
  const Date tuesday{2024, 3, 12};
  const auto f = facts(run("Indian Prime Minister Narendra Modi arrived in Nairobi on Sunday. He was welcomed at the airport "
                           "by Kenyan Foreign Minister Musalia Mudavadi.", tuesday));
  CHECK(std::find(f.begin(), f.end(), "Fact{meeting \"Narendra Modi\" \"Musalia Mudavadi\" at=- date=2024-03-10") != f.end());
  // News paragraphs are short: the sentence before may be in the paragraph before.
  const auto g = facts(run("Indian Prime Minister Narendra Modi arrived in Nairobi on Sunday.\n\nHe was welcomed at the airport "
                           "by Kenyan Foreign Minister Musalia Mudavadi.", tuesday));
  CHECK(std::find(g.begin(), g.end(), "Fact{meeting \"Narendra Modi\" \"Musalia Mudavadi\" at=- date=2024-03-10") != g.end());
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
  CHECK(std::find(f.begin(), f.end(), "Fact{meeting \"Retno LP Marsudi\" \"To Lam\" at=\"Jakarta\" date=2024-10-29") != f.end());
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
