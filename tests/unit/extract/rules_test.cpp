// Tests of rule files: every error reported at once with file:line:col and
// the rule's name, and every shipped rule's example yields what it promises.
#include <catch2/catch.hpp>

#include "extract/pipeline.hpp"
#include "extract/rules.hpp"
#include "extract/text.hpp"
#include "kept.hpp"

#include <algorithm>
#include <cctype>
#include <random>
#include <string>

using namespace newsgraph::extract;

TEST_CASE("all errors in all rule files are reported at once", "[extract]") {
  LabelTable labels;
  const std::string bad =
      "rule: one\n"
      "phase: facts\n"
      "example: X met Y.\n"
      "pattern: a:@PERSN met b:@PERSON\n"
      "emit: meeting(person1=a, person2=b)\n"
      "\n"
      "rule: two\n"
      "phase: later\n"
      "example: X.\n"
      "pattern: p:@PERSON\n"
      "emit: meeting(person1=p, person2=q)\n"
      "\n"
      "rule: three\n"
      "phase: facts\n"
      "pattern: p:@PERSON\n"
      "emit: sighting(person=p)\n";
  const std::string bad2 = "rule: four\nphase: persons\nexample: x\npattern: (a\nemit: PERSON\n";
  auto r = RuleSet::parse({{"p/a.rules", bad}, {"p/b.rules", bad2}}, labels);
  REQUIRE_FALSE(r.is_ok());
  CHECK(r.status().message() ==
        "p/a.rules:4:13: rule one: unknown label 'PERSN'\n"
        "p/a.rules:8:8: rule two: phase must be entities, persons or facts, not 'later'\n"
        "p/a.rules:11:7: rule two: no capture named 'q' in the pattern\n"
        "p/a.rules:13:1: rule three: missing 'example:' (every rule documents itself with one)\n"
        "p/a.rules:16:7: rule three: unknown fact kind 'sighting' (agreement, event, invitation, meeting, nationality, position, project, proposal, relation, statement, visit)\n"
        "p/b.rules:4:12: rule four: missing ')'");
}

TEST_CASE("macros, continuation lines and user labels", "[extract]") {
  LabelTable labels;
  const std::string text =
      "define who = p:@PERSON\n"
      "rule: spokes\n"
      "phase: persons\n"
      "example: the spokesman\n"
      "pattern: (spokesman |\n"
      "    spokeswoman)\n"
      "emit: SPOKES\n"
      "\n"
      "rule: uses\n"
      "phase: facts\n"
      "priority: 3\n"
      "example: X, the spokesman, met Y.\n"
      "pattern: $who , the @SPOKES , met q:@PERSON\n"
      "emit: meeting(person1=p, person2=q)\n";
  auto r = RuleSet::parse({{"u.rules", text}}, labels);
  REQUIRE(r.is_ok());
  REQUIRE(r->rules().size() == 2);
  CHECK(r->rules()[0].name == "spokes");  // persons phase runs before facts
  CHECK(r->rules()[1].captures == std::vector<std::string>{"p", "q"});
  LabelId id = 0;
  CHECK(labels.find("SPOKES", id));
}

TEST_CASE("every shipped rule's example yields what the rule emits", "[extract]") {
  auto p = Pipeline::load({NEWSGRAPH_SOURCE_DATA_DIR, {}});
  REQUIRE(p.is_ok());
  const auto& pipeline = *p.value();
  REQUIRE(pipeline.rules().rules().size() > 20);
  for (const auto& rule : pipeline.rules().rules()) {
    INFO(rule.pos.str() + ": rule " + rule.name + ": example: " + rule.example);
    Article a;
    a.text = rule.example;
    a.file = "example";
    const auto x = pipeline.run(a);
    CHECK(std::find(x.fired.begin(), x.fired.end(), rule.name) != x.fired.end());
    for (const auto& e : rule.emits) {
      if (e.fact) {
        CHECK(std::any_of(x.facts.begin(), x.facts.end(), [&](const Fact& f) { return f.kind == e.kind; }));
      } else {
        bool found = false;
        for (const auto& s : x.sentences) {
          for (const auto& m : s.mentions) found = found || (m.label == e.label && m.found_by == rule.name);
        }
        CHECK(found);
      }
    }
  }
}

TEST_CASE("macros may be used before they are defined, and cycles are errors", "[extract]") {
  LabelTable labels;
  const std::string later =
      "rule: uses-later\nphase: facts\nexample: x\npattern: $who met q:@PERSON\nemit: meeting(person1=p, person2=q)\n\n"
      "define who = p:@PERSON\n";
  auto ok = RuleSet::parse({{"a.rules", later}}, labels);
  REQUIRE(ok.is_ok());
  CHECK(ok->rules().at(0).captures == std::vector<std::string>{"p", "q"});

  const std::string loop = "define a = x $b\ndefine b = y $a\n";
  auto bad = RuleSet::parse({{"c.rules", loop}}, labels);
  REQUIRE_FALSE(bad.is_ok());
  CHECK(bad.status().message().find("c.rules:1:12: define a: uses itself") != std::string::npos);
}

TEST_CASE("rule confidences are read per rule and fact kind, bad rows name file and line", "[extract]") {
  LabelTable labels;
  auto set = RuleSet::parse({}, labels);
  REQUIRE(set);
  REQUIRE(set->read_confidence("# measured\nrule\tkind\tfound\tcorrect\tconfidence\n"
                               "met-with\tmeeting\t37\t37\t0.974\ntitle-before-name\tposition\t158\t153\t0.963\n",
                               "c.tsv"));
  CHECK(set->confidence("met-with", FactKind::Meeting) == Approx(0.974));
  CHECK(set->confidence("title-before-name", FactKind::Position) == Approx(0.963));
  CHECK_FALSE(set->confidence("title-before-name", FactKind::Nationality));
  CHECK_FALSE(set->confidence("unmeasured", FactKind::Meeting));
  for (const char* bad : {"x\tmeeting\t1\t1\t1.5\n", "x\tsighting\t1\t1\t0.5\n", "x\tmeeting\t1\t1\n",
                          "x\tmeeting\t1\t1\tabc\n"}) {
    const auto st = set->read_confidence(std::string("rule\tkind\tfound\tcorrect\tconfidence\n") + bad, "c.tsv");
    CHECK(st.str().rfind("c.tsv:2:1: ", 0) == 0);
  }
}

namespace {

struct Counts {
  std::size_t kept = 0;  // candidates over all sentences and phases
  std::size_t left = 0;  // (sentence, phase) pairs where some rule was left out
  std::size_t label_tests = 0, label_held = 0;  // rules x sentences; those whose label clauses hold
};

// Checks candidates() of `rules` on `rounds` generated sentences against
// brute force over each rule's required clauses, candidates plus
// labels_may_match against may_match, and RuleSet::labels_may_match against
// labels_may_match.
Counts check_candidates(const RuleSet& rules, int rounds) {
  const Vocabulary& vocab = *rules.vocabulary();
  // The labels the rules' clauses name, for random mentions.
  std::vector<LabelId> labels;
  for (const auto& rule : rules.rules()) {
    for (const auto& c : rule.program.required) labels.insert(labels.end(), c.labels.begin(), c.labels.end());
  }
  std::sort(labels.begin(), labels.end());
  labels.erase(std::unique(labels.begin(), labels.end()), labels.end());

  std::mt19937 rng(7);
  const auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  Counts counts;
  for (int round = 0; round < rounds; ++round) {
    // Words of the rules' vocabulary (some capitalised, which the rules'
    // exact-case words need) and words they do not know.
    Sentence s;
    const auto n = 1 + pick(40);
    for (std::size_t i = 0; i < n; ++i) {
      Token t;
      if (pick(4) == 0) {
        t.norm = testing::kept("zzunknown" + std::to_string(pick(5)));
        t.text = t.norm;
      } else {
        const std::string w(vocab.word(static_cast<std::uint32_t>(1 + pick(vocab.size()))));
        std::string text = w;
        t.norm = testing::kept(fold(w));
        if (pick(3) == 0 && !w.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
        t.text = testing::kept(text);
      }
      t.begin = static_cast<std::uint32_t>(i * 10);
      t.end = t.begin + 5;
      s.tokens.push_back(t);
    }
    for (std::size_t m = labels.empty() ? 0 : pick(6); m > 0; --m) {
      const auto b = static_cast<std::uint32_t>(pick(n));
      s.mentions.push_back({labels[pick(labels.size())], b, b + 1, "", "test", -1, -1});
    }
    const SentenceIndex index(s, &vocab);
    for (const auto phase : {Phase::Entities, Phase::Persons, Phase::Facts}) {
      std::vector<std::uint32_t> got;
      rules.candidates(phase, index, got);
      // By brute force: a rule of the phase is in when every clause naming
      // no label has a word or spelling of the sentence.
      std::vector<std::uint32_t> want;
      std::size_t of_phase = 0;
      for (std::uint32_t r = 0; r < rules.rules().size(); ++r) {
        const auto& rule = rules.rules()[r];
        if (rule.phase != phase) continue;
        ++of_phase;
        const bool words_held = std::all_of(rule.program.required.begin(), rule.program.required.end(),
                                            [&](const Program::Clause& c) {
          if (!c.labels.empty()) return true;
          return std::any_of(s.tokens.begin(), s.tokens.end(), [&](const Token& t) {
            return std::binary_search(c.words.begin(), c.words.end(), vocab.find(t.norm)) ||
                   std::binary_search(c.texts.begin(), c.texts.end(), vocab.find(t.text));
          });
        });
        if (words_held) want.push_back(r);
        // What the pipeline runs (candidates, then the label clauses) is
        // what may_match allows.
        const bool in = std::binary_search(got.begin(), got.end(), r);
        CHECK((in && labels_may_match(rule.program, index)) == may_match(rule.program, index));
        // The rule set's masks say what the program's clauses say.
        CHECK(rules.labels_may_match(r, index) == labels_may_match(rule.program, index));
        if (labels_may_match(rule.program, index)) ++counts.label_held;
        ++counts.label_tests;
      }
      REQUIRE(got == want);
      counts.kept += got.size();
      if (want.size() < of_phase) ++counts.left;
    }
  }
  return counts;
}

}  // namespace

TEST_CASE("candidates() gives exactly the rules whose word clauses the sentence holds", "[extract]") {
  auto p = Pipeline::load({NEWSGRAPH_SOURCE_DATA_DIR, {}});
  REQUIRE(p.is_ok());
  const RuleSet& rules = p.value()->rules();
  REQUIRE(rules.vocabulary()->size() > 100);
  const auto counts = check_candidates(rules, 3000);
  // The generated sentences let some rules in and keep others out, and
  // hold the label clauses of some rules and not of others.
  CHECK(counts.kept > 1000);
  CHECK(counts.left > 0);
  CHECK(counts.label_held > 1000);
  CHECK(counts.label_held + 1000 < counts.label_tests);
}

TEST_CASE("candidates() with more word clauses than the fixed-width masks hold", "[extract]") {
  // 300 rules of two words each out of 400: some 300 distinct clauses, past
  // the 256 of the fixed-width scan.
  std::string text;
  for (int r = 0; r < 300; ++r) {
    const auto a = "w" + std::to_string(r), b = "w" + std::to_string((r * 7 + 3) % 400);
    text += "rule: r" + std::to_string(r) + "\nphase: persons\nexample: " + a + " " + b + "\npattern: " + a + " _ " +
            b + "\nemit: TESTED\n\n";
  }
  LabelTable labels;
  auto rules = RuleSet::parse({{"many.rules", text}}, labels);
  REQUIRE(rules.is_ok());
  REQUIRE(rules->rules().size() == 300);
  const auto counts = check_candidates(*rules, 3000);
  CHECK(counts.kept > 100);
  CHECK(counts.left > 0);
}
