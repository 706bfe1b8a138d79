// Tests of the pattern language: parse errors with columns, compilation, and
// matching over sentences built in code from a few tokens and mentions.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>

#include "extract/pattern.hpp"
#include "extract/text.hpp"
#include "extract/word_table.hpp"
#include "sample_patterns.hpp"
#include "kept.hpp"

using namespace newsgraph::extract;

namespace {

struct Span {
  LabelId label;
  std::uint32_t begin, end;
};

Sentence make_sentence(const std::vector<std::string>& words, const std::vector<Span>& mentions) {
  Sentence s;
  std::uint32_t off = 0;
  for (const auto& w : words) {
    Token t;
    t.text = testing::kept(w);
    t.norm = testing::kept(fold(w));
    t.begin = off;
    t.end = off + static_cast<std::uint32_t>(w.size());
    t.cap = starts_upper(w);
    t.alpha = !w.empty() && std::isalpha(static_cast<unsigned char>(w[0]));
    t.digit = !w.empty() && std::isdigit(static_cast<unsigned char>(w[0]));
    off = t.end + 1;
    s.tokens.push_back(t);
  }
  for (const auto& m : mentions) s.mentions.push_back({m.label, m.begin, m.end, "", "test", -1, -1});
  return s;
}

// Two matches end at the same token with the same captures.
void check_same(const PatternMatch& a, const PatternMatch& b) {
  CHECK(a.end == b.end);
  REQUIRE(a.captures.size() == b.captures.size());
  for (std::size_t k = 0; k < a.captures.size(); ++k) {
    CHECK(a.captures[k].slot == b.captures[k].slot);
    CHECK(a.captures[k].begin == b.captures[k].begin);
    CHECK(a.captures[k].end == b.captures[k].end);
  }
}

Program compile(const std::string& text, LabelTable& labels) {
  auto p = parse_pattern(text, PatternEnv{&labels, nullptr, false, {}});
  REQUIRE(p.is_ok());
  return compile_pattern(p.value());
}

}  // namespace

TEST_CASE("bad patterns are rejected with the column of the fault", "[extract]") {
  struct Bad {
    std::string pattern;
    std::size_t col;
    std::string message;
  };
  const std::vector<Bad> rows{
      {"@Persn", 2, "unknown label 'Persn'"},
      {"met @", 6, "'@' must be followed by a label"},
      {"@PERSN met", 2, "unknown label 'PERSN'"},
      {"(met | held", 12, "missing ')'"},
      {"<capz>", 1, "unknown word class '<capz>'"},
      {"a{3,1}", 2, "bad repeat count '{3,1}'"},
      {"$nope", 2, "unknown macro '$nope'"},
      {"\"open", 1, "unterminated '\"'"},
      {"met )", 5, "unexpected ')'"},
      {"((a{50}){50}){50}", 1, "pattern too large: 380100 instructions once repeats are expanded (at most 20000)"},
  };
  for (const auto& b : rows) {
    LabelTable labels;
    INFO(b.pattern);
    auto p = parse_pattern(b.pattern, PatternEnv{&labels, nullptr, false, {}});
    REQUIRE_FALSE(p.is_ok());
    CHECK(p.status().code() == newsgraph::Code::BadSyntax);
    CHECK(p.status().pos()->col == b.col);
    CHECK(p.status().message() == b.message);
  }
}

TEST_CASE("patterns parse to the expected tree", "[extract]") {
  LabelTable labels;
  auto p = parse_pattern("c:(@COUNTRY 's | @DEMONYM)? r:@ROLE (held|had) talks", PatternEnv{&labels, nullptr, false, {}});
  REQUIRE(p.is_ok());
  CHECK(p->captures == std::vector<std::string>{"c", "r"});
  CHECK(p->root.dump(labels) == "(#0:((@COUNTRY 's) | @DEMONYM){0,1} #1:@ROLE (held | had) talks)");
}

TEST_CASE("title before name matches and captures the person", "[extract]") {
  LabelTable labels;
  const auto prog = compile("(c:@DEMONYM)? r:@ROLE p:@PERSON", labels);
  const auto s = make_sentence({"Chilean", "President", "Gabriel", "Boric", "arrived"},
                               {{label::kDemonym, 0, 1}, {label::kRole, 1, 2}, {label::kPerson, 2, 4}});
  SentenceIndex index(s);
  PatternMatch m;
  REQUIRE(match_at(prog, index, 0, m));
  CHECK(m.begin == 0);
  CHECK(m.end == 4);
  REQUIRE(m.captures.size() == 3);
  CHECK(m.captures[2].slot == 2);
  CHECK(m.captures[2].begin == 2);
  CHECK(m.captures[2].end == 4);
  CHECK_FALSE(match_at(prog, index, 3, m));
}

TEST_CASE("greedy repeats backtrack, repeated captures keep every span", "[extract]") {
  LabelTable labels;
  const auto prog = compile("visit to pl:@CITY ((, | and) pl:@CITY)* and other", labels);
  const auto s = make_sentence({"visit", "to", "Shenzhen", ",", "Shanghai", "and", "Suzhou", "and", "other"},
                               {{label::kCity, 2, 3}, {label::kCity, 4, 5}, {label::kCity, 6, 7}});
  SentenceIndex index(s);
  PatternMatch m;
  REQUIRE(match_at(prog, index, 0, m));
  CHECK(m.end == 9);
  std::vector<std::uint32_t> starts;
  for (const auto& c : m.captures) starts.push_back(c.begin);
  CHECK(starts == std::vector<std::uint32_t>{2, 4, 6});
}

TEST_CASE("a mention that ends past the sentence's tokens is not matched", "[extract]") {
  // Such a span would leave the matcher at a position the sentence does not
  // have; the shorter mention at the same start is still taken.
  LabelTable labels;
  const auto prog = compile("met @PERSON", labels);
  auto s = make_sentence({"met", "Gabriel", "Boric"}, {{label::kPerson, 1, 5}});
  PatternMatch m;
  {
    SentenceIndex index(s);
    CHECK_FALSE(match_at(prog, index, 0, m));
  }
  s.mentions.push_back({label::kPerson, 1, 3, "", "test", -1, -1});
  SentenceIndex index(s);
  REQUIRE(match_at(prog, index, 0, m));
  CHECK(m.end == 3);
}

TEST_CASE("refresh() rebuilds the index only when the mentions changed", "[extract]") {
  LabelTable labels;
  const auto prog = compile("@ROLE p:@PERSON", labels);
  auto s = make_sentence({"President", "Gabriel", "Boric", "arrived"}, {{label::kRole, 0, 1}});
  SentenceIndex index(s);
  PatternMatch m;
  CHECK_FALSE(match_at(prog, index, 0, m));
  CHECK_FALSE(index.refresh());  // as built

  // A mention added: the index sees it only after refresh().
  s.mentions.push_back({label::kPerson, 1, 3, "", "test", -1, -1});
  CHECK_FALSE(match_at(prog, index, 0, m));
  CHECK(index.refresh());
  CHECK(match_at(prog, index, 0, m));
  CHECK(m.end == 3);
  CHECK_FALSE(index.refresh());

  // Same number of mentions, one span changed.
  s.mentions[1].end = 2;
  CHECK(index.refresh());
  REQUIRE(match_at(prog, index, 0, m));
  CHECK(m.end == 2);

  // Same spans, one label changed.
  s.mentions[1].label = label::kCountry;
  CHECK(index.refresh());
  CHECK_FALSE(match_at(prog, index, 0, m));

  // Only what the index does not use changed (the mention's value).
  s.mentions[1].value = "Boric";
  CHECK_FALSE(index.refresh());
}

namespace {

// Whether two indexes of the same sentence say the same to a matcher.
void check_same_index(const SentenceIndex& a, const SentenceIndex& b, const std::vector<LabelId>& labels) {
  const auto n = static_cast<std::uint32_t>(a.sentence->tokens.size());
  CHECK(a.label_mask == b.label_mask);
  CHECK(a.covered == b.covered);
  CHECK(a.classes == b.classes);
  CHECK(a.label_bits == b.label_bits);
  CHECK(a.sigs == b.sigs);
  CHECK(a.start_begin == b.start_begin);
  CHECK(a.start_mentions == b.start_mentions);
  for (std::uint32_t p = 0; p <= n; ++p) {
    const auto x = a.starts(p), y = b.starts(p);
    CHECK(std::vector<std::uint32_t>(x.begin(), x.end()) == std::vector<std::uint32_t>(y.begin(), y.end()));
  }
  for (const auto l : labels) CHECK(a.has_label(l) == b.has_label(l));
}

}  // namespace

TEST_CASE("extend() and refresh() give the index a fresh build gives", "[extract]") {
  // Mentions are appended a few at a time (as a rule's matches add them) and
  // sometimes changed or removed (refresh() must then build again); after
  // each step the kept index must equal one built from scratch.
  LabelTable labels;
  const auto prog = compile("(Xi | met | \"NATO\") @PERSON", labels);
  std::mt19937 rng(29);
  const std::vector<std::string> pool{"Xi", "met", "NATO", "Nato", "in", "Beijing", "J.", ",", "\u201C", "2024", "the"};
  // Labels above 62 share the mask's last bit.
  const std::vector<LabelId> kinds{label::kPerson, label::kCity, label::kName, label::kRole, 63, 70};
  int extended = 0, rebuilt = 0;
  for (int round = 0; round < 400; ++round) {
    std::vector<std::string> words;
    const auto n = 1 + rng() % 16;
    for (std::uint32_t i = 0; i < n; ++i) words.push_back(pool[rng() % pool.size()]);
    auto s = make_sentence(words, {});
    SentenceIndex kept(s, prog.vocab.get());
    for (int step = 0; step < 8; ++step) {
      const auto before = s.mentions.size();
      const auto what = rng() % 8;
      if (what == 0 && !s.mentions.empty()) {
        s.mentions.erase(s.mentions.begin() + static_cast<std::ptrdiff_t>(rng() % s.mentions.size()));
      } else if (what == 1 && !s.mentions.empty()) {
        auto& label = s.mentions[rng() % s.mentions.size()].label;
        const auto at = static_cast<std::size_t>(std::find(kinds.begin(), kinds.end(), label) - kinds.begin());
        label = kinds[(at + 1 + rng() % (kinds.size() - 1)) % kinds.size()];  // another one
      } else {
        for (auto k = 1 + rng() % 3; k > 0; --k) {
          // Some start past the tokens (the index leaves those out).
          const auto b = static_cast<std::uint32_t>(rng() % (n + 1));
          const auto e = b + 1 + static_cast<std::uint32_t>(rng() % 3);
          s.mentions.push_back({kinds[rng() % kinds.size()], b, e, "", "test", -1, -1});
        }
      }
      CAPTURE(round, step, what);
      if (what >= 2 && rng() % 2) {
        kept.extend();  // only appended: what run_mention_rules does after a match
      } else {
        const bool changed = kept.refresh();
        CHECK(changed == (what < 2 || s.mentions.size() != before));
      }
      (what < 2 ? rebuilt : extended) += 1;
      const SentenceIndex fresh(s, prog.vocab.get());
      check_same_index(kept, fresh, kinds);
      // And the matcher finds the same with either.
      for (std::uint32_t i = 0; i < n; ++i) {
        PatternMatch a, b;
        CHECK(match_at(prog, kept, i, a) == match_at(prog, fresh, i, b));
        CHECK(a.end == b.end);
      }
    }
  }
  CHECK(extended > 1000);
  CHECK(rebuilt > 300);
}

TEST_CASE("may_match() and labels_may_match() settle each clause as a look at every token would", "[extract]") {
  // Clauses that mix labels and words ("@PERSON | he"), only words, only
  // labels; the reference tests each clause against every token and mention.
  LabelTable labels;
  std::mt19937 rng(31);
  const std::vector<std::string> patterns{"(@PERSON | he | she) (met | \"NATO\")", "(@CITY | in | Beijing) _ (x | @ROLE)",
                                          "(@PERSON | \"Xi\") said", "@ROLE (@PERSON | Nato)"};
  const std::vector<std::string> pool{"Xi", "xi", "met", "NATO", "Nato", "in", "Beijing", "he", "she", "said", "x", ",", "the"};
  const LabelId kinds[] = {label::kPerson, label::kCity, label::kRole, label::kName};
  int held = 0, not_held = 0;
  for (const auto& pattern : patterns) {
    CAPTURE(pattern);
    const auto prog = compile(pattern, labels);
    for (int round = 0; round < 800; ++round) {
      std::vector<std::string> words;
      const auto n = 1 + rng() % 8;
      for (std::uint32_t i = 0; i < n; ++i) words.push_back(pool[rng() % pool.size()]);
      std::vector<Span> spans;
      for (auto k = rng() % 3; k > 0; --k) {
        const auto b = static_cast<std::uint32_t>(rng() % n);
        spans.push_back({kinds[rng() % 4], b, b + 1});
      }
      const auto s = make_sentence(words, spans);
      const SentenceIndex index(s, prog.vocab.get());
      bool all = true, all_labels = true;
      for (const auto& c : prog.required) {
        bool h = std::any_of(s.mentions.begin(), s.mentions.end(), [&](const Mention& m) {
          return std::find(c.labels.begin(), c.labels.end(), m.label) != c.labels.end();
        });
        for (const auto& t : s.tokens) {
          const auto norm = prog.vocab->find(t.norm), text = prog.vocab->find(t.text);
          h = h || std::find(c.words.begin(), c.words.end(), norm) != c.words.end() ||
              std::find(c.texts.begin(), c.texts.end(), text) != c.texts.end();
        }
        all = all && h;
        if (!c.labels.empty()) all_labels = all_labels && h;
      }
      CAPTURE(words);
      CHECK(may_match(prog, index) == all);
      CHECK(labels_may_match(prog, index) == all_labels);
      (all ? held : not_held) += 1;
    }
  }
  CHECK(held > 300);
  CHECK(not_held > 300);
}

TEST_CASE("word classes and case-sensitive literals", "[extract]") {
  LabelTable labels;
  const auto s = make_sentence({"the", "Peru", "Chamber", "of", "Commerce", "chamber"}, {{label::kCountry, 1, 2}});
  SentenceIndex index(s);
  PatternMatch m;
  // <capword> skips words inside mentions other than NAME.
  CHECK_FALSE(match_at(compile("<capword>", labels), index, 1, m));
  CHECK(match_at(compile("@COUNTRY \"Chamber\" of <capword>", labels), index, 1, m));
  CHECK(m.end == 5);
  CHECK(match_at(compile("chamber", labels), index, 5, m));
  CHECK_FALSE(match_at(compile("\"Chamber\"", labels), index, 5, m));
  CHECK(match_at(compile("<lower>", labels), index, 0, m));
  CHECK_FALSE(match_at(compile("<lower>", labels), index, 1, m));
}

TEST_CASE("alternatives of plain words compile to one set", "[extract]") {
  LabelTable labels;
  const auto prog = compile("(met|meets|held)", labels);
  REQUIRE(prog.insts.size() == 2);  // word, match
  CHECK(prog.word_sets.at(0) == std::vector<std::string>{"held", "meets", "met"});
}

TEST_CASE("among literal alternatives the longer is tried first", "[extract]") {
  LabelTable labels;
  const auto prog = compile("minister for (foreign | \"foreign affairs\") m:_", labels);
  const auto s = make_sentence({"minister", "for", "foreign", "affairs", "Makamba"}, {});
  SentenceIndex index(s);
  PatternMatch m;
  REQUIRE(match_at(prog, index, 0, m));
  REQUIRE(m.captures.size() == 1);
  CHECK(m.captures[0].begin == 4);  // "foreign affairs" was taken whole
}

TEST_CASE("^ matches only at the start of the sentence", "[extract]") {
  LabelTable labels;
  const auto prog = compile("^ q:(_ _) , said", labels);
  const auto s = make_sentence({"Trade", "grew", ",", "said", "Ruto"}, {});
  SentenceIndex index(s);
  PatternMatch m;
  CHECK(match_at(prog, index, 0, m));
  CHECK(m.end == 4);
  const auto t = make_sentence({"Also", "trade", "grew", ",", "said"}, {});
  SentenceIndex index2(t);
  CHECK_FALSE(match_at(prog, index2, 1, m));  // "trade grew , said" is not at the start
}

TEST_CASE("the required-words prefilter rules out only sentences with no match", "[extract]") {
  struct Row {
    std::string pattern;
    std::vector<std::string> words;
    std::vector<Span> mentions;
    bool may;  // may_match's answer
  };
  const std::vector<Row> rows{
      {"@PERSON (met | received) @PERSON", {"Ruto", "met", "Xi"}, {{label::kPerson, 0, 1}, {label::kPerson, 2, 3}}, true},
      {"@PERSON (met | received) @PERSON", {"Ruto", "saw", "Xi"}, {{label::kPerson, 0, 1}, {label::kPerson, 2, 3}}, false},
      {"@PERSON (met | received) @PERSON", {"Ruto", "met", "Xi"}, {}, false},          // no PERSON
      {"(@PERSON | he) met @PERSON", {"He", "met", "Xi"}, {{label::kPerson, 2, 3}}, true},  // "he" folds
      {"(@PERSON | he)? met", {"Ruto", "met"}, {}, true},                               // optional: no clause
      {"(@PERSON | <cap>) met", {"Ruto", "met"}, {}, true},                             // a class says nothing
      {"\"Chamber\" of", {"chamber", "of"}, {}, false},                                  // exact case
      {"\"Chamber\" of", {"Chamber", "of"}, {}, true},
      {"visit{1,2} to", {"visit", "to"}, {}, true},
      {"visit{0,2} to", {"to"}, {}, true},
      {"talks with", {"talks"}, {}, false},
      {"_ _", {"a", "b"}, {}, true},
      // A word every branch needs is needed, though each branch has commoner ones.
      {"according to @PERSON , _ | _ , according to @PERSON", {"Xi", "went", "to", "Lima", ",", "he", "said"},
       {{label::kPerson, 0, 1}}, false},
      {"according to @PERSON , _ | _ , according to @PERSON", {"according", "to", "Xi", ",", "trade", "grew"},
       {{label::kPerson, 2, 3}}, true},
      // From each branch its rarest clause, not its punctuation.
      {"(, (said | told) @PERSON | @PERSON (said | told) .)", {"Xi", ",", "went", "."}, {{label::kPerson, 0, 1}}, false},
      {"(, (said | told) @PERSON | @PERSON (said | told) .)", {"Xi", "told", "us", "."}, {{label::kPerson, 0, 1}}, true},
      // ... and a short function word is not rare: "on" is not what to look for.
      {"@PERSON (met | (called on | calls on)) @PERSON", {"Xi", "was", "on", "TV", "with", "Ruto"},
       {{label::kPerson, 0, 1}, {label::kPerson, 5, 6}}, false},
      {"@PERSON (met | (called on | calls on)) @PERSON", {"Xi", "called", "on", "Ruto"},
       {{label::kPerson, 0, 1}, {label::kPerson, 3, 4}}, true},
  };
  for (const auto& row : rows) {
    CAPTURE(row.pattern, row.words);
    LabelTable labels;
    const auto prog = compile(row.pattern, labels);
    const auto s = make_sentence(row.words, row.mentions);
    const SentenceIndex index(s, prog.vocab.get());
    CHECK(may_match(prog, index) == row.may);
    // Never a false "no": a sentence ruled out has no match at any token.
    bool any = false;
    PatternMatch m;
    for (std::uint32_t i = 0; i < s.tokens.size(); ++i) any = any || match_at(prog, index, i, m);
    if (any) CHECK(may_match(prog, index));
    // The same program matches the same way on an index built without its vocabulary.
    const SentenceIndex plain(s);
    for (std::uint32_t i = 0; i < s.tokens.size(); ++i) {
      PatternMatch a, b;
      CHECK(match_at(prog, index, i, a) == match_at(prog, plain, i, b));
      CHECK(a.end == b.end);
    }
  }
}

TEST_CASE("next_start and split guards skip only what cannot match", "[extract]") {
  const std::vector<std::string> words{"On", "Monday", ",", "Ruto", "met", "Xi", "in", "Beijing", "and",
                                       "he", "said", "trade", "grew", "."};
  const std::vector<Span> mentions{{label::kPerson, 3, 4}, {label::kPerson, 5, 6}, {label::kCity, 7, 8}};
  const std::vector<std::string> patterns{
      "@PERSON met @PERSON", "(met | said)", "in @CITY", "<cap> <cap>", "^ _{1,4} ,", "(@PERSON | he) _{0,3} said",
      "_ trade", "<punct>", "grew", "nothing here", "(the)? @CITY",
      "p:@PERSON (met | held talks with) q:@PERSON (in c:@CITY | on Monday | , | and)*",
      "(On | In)? (Monday | Tuesday)? ,? p:(@PERSON | he) (also)? (met | said) (trade | Xi)?",
  };
  const auto s = make_sentence(words, mentions);
  const auto n = static_cast<std::uint32_t>(s.tokens.size());
  for (const auto& pattern : patterns) {
    CAPTURE(pattern);
    LabelTable labels;
    const auto prog = compile(pattern, labels);
    for (const SentenceIndex& index : {SentenceIndex(s, prog.vocab.get()), SentenceIndex(s)}) {
      // Every start match_at accepts is one next_start stops at, and
      // next_start never returns a token before the one it was given.
      std::vector<std::uint32_t> starts, matched;
      for (auto at = next_start(prog, index, 0); at < n; at = next_start(prog, index, at + 1)) {
        CHECK(at < n);
        starts.push_back(at);
      }
      PatternMatch m;
      for (std::uint32_t i = 0; i < n; ++i) {
        if (match_at(prog, index, i, m)) matched.push_back(i);
      }
      for (const auto at : matched) CHECK(std::find(starts.begin(), starts.end(), at) != starts.end());
      CHECK(next_start(prog, index, n) == n);
    }
    // The split guards (used only with the program's vocabulary) change no
    // match: the same ends and captures as without them.
    const SentenceIndex guarded(s, prog.vocab.get()), plain(s);
    for (std::uint32_t i = 0; i < n; ++i) {
      PatternMatch a, b;
      REQUIRE(match_at(prog, guarded, i, a) == match_at(prog, plain, i, b));
      check_same(a, b);
    }
  }
  // It does skip: a rule that starts with a word stops only at that word.
  LabelTable labels;
  const auto prog = compile("said", labels);
  const SentenceIndex index(s, prog.vocab.get());
  CHECK(next_start(prog, index, 0) == 10);
  CHECK(next_start(prog, index, 11) == n);
  // An optional "in @CITY" gets a guard: its branch starts only at "in".
  const auto opt = compile("met (in @CITY)?", labels);
  const auto guarded = std::count_if(opt.split_guards.begin(), opt.split_guards.end(),
                                     [](const auto& g) { return g[0] >= 0; });
  CHECK(guarded == 1);
}

TEST_CASE("adjacent word classes in an alternation are one instruction", "[extract]") {
  LabelTable labels;
  const auto prog = compile("(<lower> | <num> | - | <punct>) x", labels);
  const auto classes = std::count_if(prog.insts.begin(), prog.insts.end(),
                                     [](const auto& in) { return in.op == Program::Op::Class; });
  CHECK(classes == 2);  // <lower> | <num>, then <punct> after the word
  // It takes a token of any of its classes, and only those.
  for (const auto& [first, matches] : std::vector<std::pair<std::string, bool>>{
           {"foo", true}, {"42", true}, {"-", true}, {",", true}, {"Foo", false}, {"Ruto", false}}) {
    CAPTURE(first);
    const auto s = make_sentence({first, "x"}, {});
    for (const SentenceIndex& index : {SentenceIndex(s, prog.vocab.get()), SentenceIndex(s)}) {
      PatternMatch m;
      CHECK(match_at(prog, index, 0, m) == matches);
      PatternMatch f;
      CHECK(find_match(prog, index, 0, f) == matches);
    }
  }
}

TEST_CASE("splits and jumps point past chains of jumps", "[extract]") {
  // The inner alternatives end with a jump to the outer one's end jump, and
  // that to the end of the outermost: after compiling, none points at a jump.
  LabelTable labels;
  const auto prog = compile("(((a b | c) d | e f) g | h) (i | j k)* l", labels);
  REQUIRE(std::count_if(prog.insts.begin(), prog.insts.end(),
                        [](const auto& in) { return in.op == Program::Op::Jmp; }) >= 4);
  for (const auto& in : prog.insts) {
    if (in.op != Program::Op::Jmp && in.op != Program::Op::Split) continue;
    CAPTURE(prog.dump());
    CHECK(prog.insts[in.x].op != Program::Op::Jmp);
    if (in.op == Program::Op::Split) CHECK(prog.insts[in.y].op != Program::Op::Jmp);
  }
  // And they still match what the pattern says.
  const auto s = make_sentence({"a", "b", "d", "g", "j", "k", "i", "l"}, {});
  const SentenceIndex index(s, prog.vocab.get());
  PatternMatch m;
  REQUIRE(match_at(prog, index, 0, m));
  CHECK(m.end == 8);
  const auto t = make_sentence({"h", "l"}, {});
  REQUIRE(match_at(prog, SentenceIndex(t, prog.vocab.get()), 0, m));
  CHECK(m.end == 2);
}

namespace {

// A sentence of `n` tokens drawn from words of every class (capitals,
// initials, numbers, quotation marks, punctuation), with mentions of three
// labels over random spans, some overlapping.
Sentence random_sentence(std::mt19937& rng, std::size_t n) {
  static const std::vector<std::string> pool{"Ruto", "met", "Xi", "in", "Beijing", "and", "he", "said", ",", ".",
                                             "\u201C", "\"", "'", "\u00AB", "J.", "US", "2024", "the", "talks", "with",
                                             "On", "Monday", "trade", "grew", "-", "NATO", "visit", "to", "of", "x"};
  std::vector<std::string> words;
  for (std::size_t i = 0; i < n; ++i) words.push_back(pool[rng() % pool.size()]);
  std::vector<Span> spans;
  const LabelId kinds[] = {label::kPerson, label::kCity, label::kCountry};
  for (std::size_t k = rng() % 5; k > 0; --k) {
    const auto b = static_cast<std::uint32_t>(rng() % n);
    const auto e = std::min<std::uint32_t>(static_cast<std::uint32_t>(n), b + 1 + static_cast<std::uint32_t>(rng() % 3));
    spans.push_back({kinds[rng() % 3], b, e});
  }
  auto s = make_sentence(words, spans);
  for (auto& t : s.tokens) {
    t.upper = t.text.size() > 1 && std::all_of(t.text.begin(), t.text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    t.function = t.norm == "the" || t.norm == "of" || t.norm == "on";
  }
  return s;
}

}  // namespace

TEST_CASE("a sentence index keeps each token's word classes as class_matches defines them", "[extract]") {
  std::mt19937 rng(7);
  const TokenClass classes[] = {TokenClass::Any,   TokenClass::Cap,     TokenClass::CapWord, TokenClass::Upper,
                                TokenClass::Lower, TokenClass::Num,     TokenClass::Punct,   TokenClass::Initial,
                                TokenClass::Quote};
  for (int round = 0; round < 500; ++round) {
    const auto s = random_sentence(rng, 1 + rng() % 20);
    const SentenceIndex index(s);
    for (std::uint32_t i = 0; i < s.tokens.size(); ++i) {
      for (const auto cls : classes) {
        CAPTURE(s.tokens[i].text, static_cast<int>(cls));
        CHECK(((index.classes[i] & class_bit(cls)) != 0) == class_matches(cls, s.tokens[i], index.covered[i]));
      }
      CHECK(((index.classes[i] & class_bit(TokenClass::Start)) != 0) == (i == 0));
    }
  }
}

TEST_CASE("find_match finds what match_at finds at the first token that matches", "[extract]") {
  const auto& patterns = testing::kSmallPatterns;
  std::mt19937 rng(11);
  for (const auto& pattern : patterns) {
    CAPTURE(pattern);
    LabelTable labels;
    const auto prog = compile(pattern, labels);
    int found = 0;
    for (int round = 0; round < 400; ++round) {
      const auto s = random_sentence(rng, 1 + rng() % 24);
      const auto n = static_cast<std::uint32_t>(s.tokens.size());
      for (const SentenceIndex& index : {SentenceIndex(s, prog.vocab.get()), SentenceIndex(s)}) {
        for (std::uint32_t from = 0; from <= n; from += 1 + static_cast<std::uint32_t>(rng() % 3)) {
          PatternMatch want, got;
          std::uint32_t at = from;
          while (at < n && !match_at(prog, index, at, want)) ++at;
          const bool hit = find_match(prog, index, from, got);
          REQUIRE(hit == (at < n));
          if (!hit) continue;
          ++found;
          CHECK(got.begin == want.begin);
          check_same(got, want);
        }
      }
    }
    CHECK(found > 0);  // the sentences do hold matches of every pattern
  }
}

TEST_CASE("a vocabulary gives each word one id, finds it again and nothing else", "[extract]") {
  Vocabulary vocab;
  std::map<std::string, std::uint32_t> want;
  std::mt19937 rng(3);
  // Enough words to grow the table several times; short ones collide often.
  for (int i = 0; i < 20000; ++i) {
    std::string w;
    for (auto len = 1 + rng() % 6; len > 0; --len) w += static_cast<char>('a' + rng() % 6);
    const auto id = vocab.intern(w);
    const auto [it, fresh] = want.emplace(w, id);
    CHECK(it->second == id);  // the same word, the same id
    if (fresh) CHECK(id == want.size());
  }
  CHECK(vocab.size() == want.size());
  for (const auto& [w, id] : want) {
    CHECK(vocab.find(w) == id);
    CHECK(vocab.word(id) == w);
  }
  CHECK(vocab.find("") == Vocabulary::kUnknown);
  CHECK(vocab.find("aaaaaaa") == Vocabulary::kUnknown);  // longer than any interned
  CHECK(vocab.find("g") == Vocabulary::kUnknown);
  CHECK(vocab.word(Vocabulary::kUnknown).empty());
  CHECK(Vocabulary().find("a") == Vocabulary::kUnknown);
}

TEST_CASE("a vocabulary's first-byte and length filter never hides an interned word", "[extract]") {
  // find() answers kUnknown from its filter before the table: checked
  // against a map over words of every first byte and of sizes 0 to 40 (31
  // and more share one bit), looked up as they are interned (the filter
  // grows with them) and probed with others of the same first bytes.
  std::mt19937 rng(11);
  const auto word = [&] {
    std::string w;
    const auto len = rng() % 4 == 0 ? 25 + rng() % 16 : rng() % 9;
    for (auto i = 0u; i < len; ++i) {
      // The first byte of any value, the rest of few (so that probes collide).
      w += static_cast<char>(i == 0 ? rng() % 256 : static_cast<unsigned char>("aAbB\xC3"[rng() % 5]));
    }
    return w;
  };
  for (int round = 0; round < 20; ++round) {
    Vocabulary vocab;
    std::map<std::string, std::uint32_t> want;
    for (int i = 0; i < 300; ++i) {
      const auto w = word();
      const auto found = want.find(w);
      CHECK(vocab.find(w) == (found == want.end() ? Vocabulary::kUnknown : found->second));
      const auto id = vocab.intern(w);
      want.emplace(w, id);
      CHECK(vocab.find(w) == id);
      for (int probe = 0; probe < 10; ++probe) {
        const auto p = word();
        const auto at = want.find(p);
        CHECK(vocab.find(p) == (at == want.end() ? Vocabulary::kUnknown : at->second));
      }
    }
    for (const auto& [w, id] : want) CHECK(vocab.find(w) == id);
  }
}

TEST_CASE("a sentence index reads word ids through Token::lex as it would look them up", "[extract]") {
  LabelTable labels;
  const auto prog = compile("(met | said | \"Xi\") (with | to)? @PERSON", labels);
  // A lexicon-like table holding every vocabulary word and others, in
  // another order, and the map from its ids to the vocabulary's.
  WordTable lexicon;
  for (const auto* w : {"the", "in", "ruto", "beijing"}) lexicon.insert(w, static_cast<std::uint32_t>(lexicon.size() + 1));
  std::vector<std::uint32_t> by_lex(1, Vocabulary::kUnknown);
  for (std::uint32_t v = 1; v <= prog.vocab->size(); ++v) {
    const auto lex = lexicon.insert(prog.vocab->word(v), static_cast<std::uint32_t>(lexicon.size() + 1));
    if (lex >= by_lex.size()) by_lex.resize(lex + 1u, Vocabulary::kUnknown);
    by_lex[lex] = v;
  }
  std::mt19937 rng(5);
  for (int round = 0; round < 300; ++round) {
    auto s = random_sentence(rng, 1 + rng() % 20);
    for (auto& t : s.tokens) {
      if (rng() % 4 != 0) t.lex = lexicon.find(t.norm);  // some tokens not annotated
    }
    const SentenceIndex looked_up(s, prog.vocab.get());
    SentenceIndex mapped(s);
    mapped.reset(s, prog.vocab.get(), by_lex);
    CHECK(mapped.norm_ids == looked_up.norm_ids);
    CHECK(mapped.text_ids == looked_up.text_ids);
  }
}

TEST_CASE("a reused sentence index holds what the definitions give, on generated tokens of any flags", "[extract]") {
  // reset() makes every array in one pass (classes from the flags packed by
  // one load, signatures from a table by id, no array cleared first), and
  // rebuild() makes the token part again: the reference here is each
  // array's definition, token by token, for one index reset over sentences
  // of every length (its buffers shrink and grow) and for fresh ones.
  LabelTable labels;
  const auto prog = compile("(met | said | \"Xi\" | \"NATO\") (with | to)? @PERSON", labels);
  const Vocabulary& vocab = *prog.vocab;
  WordTable lexicon;
  std::vector<std::uint32_t> by_lex(1, Vocabulary::kUnknown);
  for (std::uint32_t v = 1; v <= vocab.size(); ++v) {
    const auto lex = lexicon.insert(vocab.word(v), static_cast<std::uint32_t>(lexicon.size() + 1));
    if (lex >= by_lex.size()) by_lex.resize(lex + 1u, Vocabulary::kUnknown);
    by_lex[lex] = v;
  }
  for (const auto* w : {"the", "in"}) lexicon.insert(w, static_cast<std::uint32_t>(lexicon.size() + 1));
  const std::vector<std::string> pool{"Xi", "xi", "met", "MET", "NATO", "Nato", "said", "with", "to", "in", "J.", "j.",
                                      ",", ".", "\u201C", "\u201D", "\"", "'", "\u00AB", "\u00BB", "\u2019", "\u2014",
                                      "2024", "x", "", "US", "\u00C9lys\u00E9e", "Ab", "A.", "..", "'s"};
  const LabelId kinds[] = {label::kPerson, label::kCity, label::kName, label::kRole, 63, 70};
  std::mt19937 rng(43);
  SentenceIndex kept(make_sentence({}, {}));
  for (int round = 0; round < 3000; ++round) {
    const auto n = static_cast<std::uint32_t>(rng() % 40);
    std::vector<std::string> words;
    for (std::uint32_t i = 0; i < n; ++i) words.push_back(pool[rng() % pool.size()]);
    std::vector<Span> spans;
    for (auto k = rng() % (n / 4 + 3); k > 0; --k) {
      const auto b = static_cast<std::uint32_t>(rng() % (n + 2));  // some past the tokens
      spans.push_back({kinds[rng() % std::size(kinds)], b, b + 1 + static_cast<std::uint32_t>(rng() % 4)});
    }
    auto s = make_sentence(words, spans);
    for (auto& t : s.tokens) {
      // Any flags, whatever the text says.
      const auto f = rng();
      t.cap = f & 1;
      t.upper = f & 2;
      t.alpha = f & 4;
      t.digit = f & 8;
      t.space_before = f & 16;
      t.function = f & 32;
      // Norm the same bytes as text elsewhere, or another word.
      if (f & 64) t.norm = testing::kept("#" + std::string(t.text)).substr(1);
      if ((f & 0x300) == 0x300) t.norm = testing::kept(pool[rng() % pool.size()]);
      // Some tokens annotated, some not, some (of no rule word) with a
      // lexicon id past by_lex, as the lexicon's words of no rule have.
      const auto l = (f >> 10) % 4;
      if (l == 1) t.lex = lexicon.find(t.norm);
      if (l == 2 && vocab.find(t.norm) == Vocabulary::kUnknown) t.lex = static_cast<std::uint32_t>(by_lex.size() + f % 3);
    }
    const bool mapped = rng() % 2;
    const auto* v = rng() % 8 ? &vocab : nullptr;
    kept.reset(s, v, mapped ? std::span<const std::uint32_t>(by_lex) : std::span<const std::uint32_t>());
    const auto check = [&](const SentenceIndex& index) {
      CAPTURE(round, words, mapped, v != nullptr);
      std::uint64_t word_part = 0, mask = 0;
      REQUIRE(index.classes.size() == n);
      REQUIRE(index.sigs.size() == n);
      REQUIRE(index.covered.size() == n);
      REQUIRE(index.label_bits.size() == n + 1);
      REQUIRE(index.start_begin.size() == n + 2);
      REQUIRE(index.norm_ids.size() == (v ? n : 0));
      REQUIRE(index.text_ids.size() == (v ? n : 0));
      for (std::uint32_t i = 0; i < n; ++i) {
        const auto& t = s.tokens[i];
        CAPTURE(i, t.text, t.norm, t.lex, t.cap, t.upper, t.alpha, t.digit, t.function);
        std::uint64_t sig = 0, bits = 0;
        if (v) {
          auto norm = vocab.find(t.norm);
          if (mapped && t.lex != Token::kNoLex) norm = t.lex < by_lex.size() ? by_lex[t.lex] : Vocabulary::kUnknown;
          const auto text = vocab.find(t.text);
          CHECK(index.norm_ids[i] == norm);
          CHECK(index.text_ids[i] == text);
          sig = word_sig(norm) | word_sig(text);
          word_part |= sig;
        }
        bool covered = false;
        std::vector<std::uint32_t> starts;
        for (std::uint32_t m = 0; m < s.mentions.size(); ++m) {
          const auto& mention = s.mentions[m];
          if (mention.begin == i) {
            starts.push_back(m);
            sig |= label_sig(mention.label);
            bits |= label_bit(mention.label);
          }
          covered = covered || (mention.label != label::kName && mention.begin <= i && i < mention.end);
        }
        mask |= bits;
        CHECK(index.sigs[i] == sig);
        CHECK(index.label_bits[i] == bits);
        CHECK(index.covered[i] == covered);
        const auto got = index.starts(i);
        CHECK(std::vector<std::uint32_t>(got.begin(), got.end()) == starts);
        std::uint16_t classes = i == 0 ? class_bit(TokenClass::Start) : 0;
        for (unsigned c = 0; c < 16; ++c) {
          const auto cls = static_cast<TokenClass>(c);
          if (cls != TokenClass::Start && c <= static_cast<unsigned>(TokenClass::Start) && class_matches(cls, t, covered)) {
            classes |= class_bit(cls);
          }
        }
        CHECK(index.classes[i] == classes);
      }
      CHECK(index.label_bits[n] == 0);
      CHECK(index.starts(n).empty());
      CHECK(index.label_mask == mask);
      CHECK(index.word_sig_mask == (word_part & kWordSigBits));
    };
    check(kept);
    check(SentenceIndex(s, v));
    kept.rebuild();
    check(kept);
  }
}
