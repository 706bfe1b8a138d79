// Tests of rule files: every error reported at once with file:line:col and
// the rule's name, and every shipped rule's example yields what it promises.
#include <catch2/catch.hpp>

#include "extract/pipeline.hpp"
#include "extract/rules.hpp"

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
