// Tests of the matcher (extract/matcher.cpp) against a reference: a plain
// recursive backtracker over the same programs that reads the tokens'
// strings, flags and mentions directly (no word ids, no sentence index, no
// split guards, no visited set shared between starts), on generated
// sentences, for small patterns and for every shipped rule.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <set>
#include <string>

#include "extract/pipeline.hpp"
#include "extract/rules.hpp"
#include "extract/text.hpp"
#include "sample_patterns.hpp"
#include "kept.hpp"

using namespace newsgraph::extract;

namespace {

// The reference: leftmost-first from one start, greedy branches first,
// longer mentions first, each (instruction, token) pair tried once.
class Reference {
 public:
  Reference(const Program& prog, const Sentence& s) : prog_(prog), s_(s), covered_(s.tokens.size(), false) {
    for (const auto& m : s.mentions) {
      if (m.label == label::kName) continue;
      for (auto i = m.begin; i < m.end && i < s.tokens.size(); ++i) covered_[i] = true;
    }
  }

  bool match(std::uint32_t start, PatternMatch& out) {
    seen_.clear();
    log_.clear();
    out_ = &out;
    start_ = start;
    return run(0, start);
  }

 private:
  struct Entry {
    std::uint32_t slot, pos;
    bool open;
  };

  bool run(std::uint32_t pc, std::uint32_t pos) {
    if (!seen_.insert({pc, pos}).second) return false;
    const auto& in = prog_.insts[pc];
    const auto n = s_.tokens.size();
    const auto in_words = [&](std::string_view w) {
      const auto& set = prog_.word_sets[in.x];
      return std::find(set.begin(), set.end(), w) != set.end();
    };
    switch (in.op) {
      case Program::Op::Word: return pos < n && in_words(s_.tokens[pos].norm) && run(pc + 1, pos + 1);
      case Program::Op::Text: return pos < n && in_words(s_.tokens[pos].text) && run(pc + 1, pos + 1);
      case Program::Op::Class:
        if (in.cls == TokenClass::Start) return pos == 0 && run(pc + 1, pos);
        // Any of the classes in y (alternative classes merged into one instruction).
        if (pos >= n) return false;
        for (unsigned c = 0; c < 16; ++c) {
          if ((in.y >> c & 1u) && class_matches(static_cast<TokenClass>(c), s_.tokens[pos], covered_[pos])) {
            return run(pc + 1, pos + 1);
          }
        }
        return false;
      case Program::Op::Mention: {
        std::set<std::uint32_t, std::greater<>> ends;
        const auto& set = prog_.label_sets[in.x];
        for (const auto& m : s_.mentions) {
          if (m.begin == pos && std::find(set.begin(), set.end(), m.label) != set.end()) ends.insert(m.end);
        }
        return std::any_of(ends.begin(), ends.end(), [&](std::uint32_t e) { return run(pc + 1, e); });
      }
      case Program::Op::Split: return run(in.x, pos) || run(in.y, pos);
      case Program::Op::Jmp: return run(in.x, pos);
      case Program::Op::Open:
      case Program::Op::Close: {
        log_.push_back({in.x, pos, in.op == Program::Op::Open});
        if (run(pc + 1, pos)) return true;
        log_.pop_back();
        return false;
      }
      case Program::Op::Match: {
        out_->begin = start_;
        out_->end = pos;
        out_->captures.clear();
        std::vector<std::vector<std::uint32_t>> open(prog_.capture_count);
        for (const auto& e : log_) {
          if (e.open) {
            open[e.slot].push_back(e.pos);
          } else if (!open[e.slot].empty()) {
            out_->captures.push_back({e.slot, open[e.slot].back(), e.pos});
            open[e.slot].pop_back();
          }
        }
        return true;
      }
    }
    return false;
  }

  const Program& prog_;
  const Sentence& s_;
  std::vector<bool> covered_;
  std::set<std::pair<std::uint32_t, std::uint32_t>> seen_;
  std::vector<Entry> log_;
  PatternMatch* out_ = nullptr;
  std::uint32_t start_ = 0;
};

std::string dump(const PatternMatch& m) {
  std::string out = "[" + std::to_string(m.begin) + "," + std::to_string(m.end) + ")";
  for (const auto& c : m.captures) {
    out += " " + std::to_string(c.slot) + ":[" + std::to_string(c.begin) + "," + std::to_string(c.end) + ")";
  }
  return out;
}

// Checks find_match (from every token) and match_at (at every token) of
// `prog` on `s` against the reference, with an index built with the
// program's vocabulary and with none; returns how many starts matched.
int check_sentence(const Program& prog, const Sentence& s) {
  const auto n = static_cast<std::uint32_t>(s.tokens.size());
  Reference ref(prog, s);
  std::vector<std::string> want(n + 1);  // by start: the match there, "" if none
  for (std::uint32_t i = 0; i < n; ++i) {
    PatternMatch m;
    if (ref.match(i, m)) want[i] = dump(m);
  }
  int found = 0;
  SentenceIndex own(s, prog.vocab.get()), plain(s);
  for (const SentenceIndex* index : {&own, &plain}) {
    for (std::uint32_t i = 0; i < n; ++i) {
      PatternMatch m;
      const bool hit = match_at(prog, *index, i, m);
      CHECK((hit ? dump(m) : "") == want[i]);
      found += hit;
    }
    for (std::uint32_t from = 0; from <= n; ++from) {
      auto at = from;
      while (at < n && want[at].empty()) ++at;
      PatternMatch m;
      const bool hit = find_match(prog, *index, from, m);
      CHECK((hit ? dump(m) : "") == (at < n ? want[at] : ""));
    }
  }
  return found;
}

// `prog` with the VM's shortcuts switched off (Program::runs, split_skip,
// and find_match's bound by Program::order): it then steps through the
// unrolled splits one by one and tries every start, as it did before they
// were added.
Program stepwise(const Program& prog) {
  Program plain = prog;
  std::fill(plain.run_of.begin(), plain.run_of.end(), -1);
  std::fill(plain.split_skip.begin(), plain.split_skip.end(), 0);
  plain.order.clear();
  return plain;
}

// Checks that find_match and match_at give the same matches (and captures)
// with the shortcuts as without, from every token of `s`.
void check_same_as_stepwise(const Program& prog, const Program& plain, const Sentence& s) {
  const auto n = static_cast<std::uint32_t>(s.tokens.size());
  SentenceIndex index(s, prog.vocab.get());
  for (std::uint32_t from = 0; from <= n; ++from) {
    PatternMatch a, b;
    const bool hit = find_match(prog, index, from, a);
    CHECK((hit ? dump(a) : "") == (find_match(plain, index, from, b) ? dump(b) : ""));
    if (from < n) {
      const bool at = match_at(prog, index, from, a);
      CHECK((at ? dump(a) : "") == (match_at(plain, index, from, b) ? dump(b) : ""));
    }
  }
}

// A token of `text` with the flags the segmenter would give it.
Token make_token(const std::string& text, std::uint32_t i) {
  Token t;
  t.text = testing::kept(text);
  t.norm = testing::kept(fold(t.text));
  t.begin = i * 10;
  t.end = t.begin + 5;
  t.cap = starts_upper(t.text);
  t.alpha = std::isalpha(static_cast<unsigned char>(t.text[0])) != 0;
  t.digit = std::isdigit(static_cast<unsigned char>(t.text[0])) != 0;
  t.upper = t.text.size() > 1 && std::all_of(t.text.begin(), t.text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  t.function = t.norm == "the" || t.norm == "of" || t.norm == "on";
  return t;
}

// A random pattern: sequences of words, classes and mentions, repeated
// (class repeats {m,n}, *, + above all: the VM's runs), optional,
// alternated and captured, nested up to `depth`.
class PatternMaker {
 public:
  explicit PatternMaker(std::uint32_t seed) : rng_(seed) {}

  std::string seq(int depth) {
    std::string out;
    for (auto k = 1 + rng_() % 4; k > 0; --k) out += (out.empty() ? "" : " ") + quantified(depth);
    return out;
  }

 private:
  std::string quantified(int depth) {
    static const char* const kQuantifiers[] = {"", "", "", "?", "*", "+", "{0,3}", "{1,4}", "{2,2}", "{2,6}", "{0,1}"};
    return atom(depth) + kQuantifiers[rng_() % std::size(kQuantifiers)];
  }
  std::string atom(int depth) {
    static const char* const kWords[] = {"x", "said", "in", "the", "met", ",", ".", "\"Xi\"", "Beijing"};
    static const char* const kClasses[] = {"_", "_", "<cap>", "<num>", "<quote>", "<punct>", "<lower>",
                                           "(<cap> | <num>)", "<capword>", "<upper>",
                                           // a class first of alternatives (runs of alternatives)
                                           "(<lower> | <num> | @CITY | x said | <punct>)", "(<cap> | @PERSON | in)",
                                           "(_ | @PERSON)", "(<capword> | @CITY | - | \"(\" <upper> \")\")"};
    static const char* const kMentions[] = {"@PERSON", "@CITY", "(@PERSON | @COUNTRY)"};
    switch (rng_() % (depth < 2 ? 10 : 7)) {
      case 0: case 1: return kWords[rng_() % std::size(kWords)];
      case 2: case 3: case 4: return kClasses[rng_() % std::size(kClasses)];
      case 5: return kMentions[rng_() % std::size(kMentions)];
      case 6: return rng_() % 8 == 0 ? "^" : "_";
      case 7: return "(" + seq(depth + 1) + " | " + seq(depth + 1) + ")";
      default: return std::string(rng_() % 2 ? "a" : "b") + ":(" + seq(depth + 1) + ")";
    }
  }
  std::mt19937 rng_;
};

}  // namespace

TEST_CASE("the matcher's shortcuts find what stepping through the splits finds, on generated patterns", "[extract]") {
  // Runs of a class (Program::runs) and skipped split chains (split_skip)
  // against a plain backtracker over the unrolled program and against the
  // VM with both switched off, on generated patterns and sentences.
  PatternMaker maker(31);
  std::mt19937 rng(41);
  const std::vector<std::string> pool{"Ruto", "met", "Xi", "in", "Beijing", "and", "he", "said", ",", ".",
                                      "\u201C", "\"", "'", "J.", "US", "2024", "the", "of", "x", "NATO"};
  const LabelId kinds[] = {label::kPerson, label::kCity, label::kCountry, label::kName};
  int programs = 0, runs = 0, ordered = 0, found = 0;
  for (int k = 0; k < 1000; ++k) {
    const auto pattern = maker.seq(0);
    CAPTURE(pattern);
    LabelTable labels;
    auto parsed = parse_pattern(pattern, PatternEnv{&labels, nullptr, false, {}});
    if (!parsed.is_ok()) continue;  // "^" where the language does not take it
    const auto prog = compile_pattern(parsed.value());
    const auto plain = stepwise(prog);
    ++programs;
    runs += static_cast<int>(prog.runs.size());
    ordered += prog.order.size() > 1;
    for (int round = 0; round < 60; ++round) {
      Sentence s;
      // Some longer, for next_start's blocks of tokens (kBlock, 8) and the tokens after the last.
      const auto n = static_cast<std::uint32_t>(1 + rng() % (round % 4 == 0 ? 40 : 20));
      for (std::uint32_t i = 0; i < n; ++i) s.tokens.push_back(make_token(pool[rng() % pool.size()], i));
      for (auto m = rng() % 5; m > 0; --m) {
        const auto b = static_cast<std::uint32_t>(rng() % n);
        const auto e = std::min<std::uint32_t>(n, b + 1 + static_cast<std::uint32_t>(rng() % 3));
        s.mentions.push_back({kinds[rng() % 4], b, e, "", "test", -1, -1});
      }
      CAPTURE(round);
      found += check_sentence(prog, s);
      check_same_as_stepwise(prog, plain, s);
    }
  }
  CHECK(programs > 800);
  CHECK(runs > 500);  // the patterns do hold runs
  CHECK(ordered > 500);  // and needs in order (find_match's bound)
  CHECK(found > 3000);  // and the sentences matches
}

TEST_CASE("find_match finds a start at every token of a long sentence, by word, class and label", "[extract]") {
  // next_start skips tokens a block at a time: a start must be found in
  // any place of a block, in the tokens after the last whole block, and
  // after a token of the block that may start but does not.
  LabelTable labels;
  for (const std::string pattern : {"said x", "<num> x", "@CITY x", "(said | <num> | @CITY) x"}) {
    CAPTURE(pattern);
    auto parsed = parse_pattern(pattern, PatternEnv{&labels, nullptr, false, {}});
    REQUIRE(parsed.is_ok());
    const auto prog = compile_pattern(parsed.value());
    for (std::uint32_t n = 1; n <= 27; n += 13) {
      for (std::uint32_t p = 0; p < n; ++p) {
        for (const std::uint32_t decoy : {n, (p / 8) * 8, p + 1}) {  // a start not followed by x
          CAPTURE(n, p, decoy);
          Sentence s;
          for (std::uint32_t i = 0; i < n; ++i) {
            const bool at = i == p || i == decoy;
            const char* const word = pattern[0] == '<' ? "2024" : pattern[0] == '@' ? "Lima" : "said";
            s.tokens.push_back(make_token(at ? word : i == p + 1 ? "x" : "the", i));
            if (at && pattern[0] == '@') s.mentions.push_back({label::kCity, i, i + 1, "", "test", -1, -1});
          }
          // Against the reference from every token (one match, on both indexes).
          CHECK(check_sentence(prog, s) == (p + 1 < n && decoy != p + 1 ? 2 : 0));
          SentenceIndex index(s, prog.vocab.get());
          PatternMatch m;
          CHECK(find_match(prog, index, 0, m) == (p + 1 < n && decoy != p + 1));
          if (p + 1 < n && decoy != p + 1) CHECK(m.begin == p);
        }
      }
    }
  }
}

TEST_CASE("a program's needs are what every match consumes, in order", "[extract]") {
  LabelTable labels;
  const auto compiled = [&](const std::string& pattern) {
    auto parsed = parse_pattern(pattern, PatternEnv{&labels, nullptr, true, {}});
    REQUIRE(parsed.is_ok());
    return compile_pattern(parsed.value());
  };
  // A mention may be met where the next need is (gap 0), a word or class not.
  const auto p = compiled("^ p:@PERSON _? (said | told) (that)? <quote> _{2,4} \"Xi\"");
  REQUIRE(p.order.size() == 6);
  CHECK(p.order[0].clause.labels == std::vector<LabelId>{label::kPerson});
  CHECK(p.order[0].gap == 0);
  CHECK(p.order[1].clause.words.size() == 2);
  CHECK(p.order[1].gap == 1);
  CHECK(p.order[2].classes == class_bit(TokenClass::Quote));
  CHECK(p.order[3].classes == class_bit(TokenClass::Any));
  CHECK(p.order[4].classes == class_bit(TokenClass::Any));
  CHECK(p.order[5].clause.texts.size() == 1);
  // Alternatives: their needs' union, need by need, as far as the shortest goes.
  const auto a = compiled("(met @PERSON in | <num> said) x | y");
  REQUIRE(a.order.size() == 1);
  const auto b = compiled("(met @PERSON in | <num> said) x");
  REQUIRE(b.order.size() == 3);
  CHECK(b.order[0].clause.words.size() == 1);
  CHECK(b.order[0].classes == class_bit(TokenClass::Num));
  CHECK(b.order[1].clause.words.size() == 1);
  CHECK(b.order[1].clause.labels.size() == 1);
  CHECK(b.order[1].gap == 0);
  CHECK(compiled("x? (y | _*) @CITY*").order.empty());

  // The bound: a sentence whose quotation mark comes before the verb has no
  // start for `@PERSON said <quote>`, one with it after the verb has one.
  const auto q = compiled("p:@PERSON said <quote>");
  for (const bool after : {false, true}) {
    Sentence s;
    const std::vector<std::string> words = after ? std::vector<std::string>{"Xi", "said", "\"", "x"}
                                                 : std::vector<std::string>{"\"", "Xi", "said", "x"};
    for (std::uint32_t i = 0; i < words.size(); ++i) s.tokens.push_back(make_token(words[i], i));
    const std::uint32_t person = after ? 0 : 1;
    s.mentions.push_back({label::kPerson, person, person + 1, "", "test", -1, -1});
    SentenceIndex index(s, q.vocab.get());
    PatternMatch m;
    CHECK(find_match(q, index, 0, m) == after);
  }
}

TEST_CASE("the matcher finds what a plain backtracker finds, on small patterns", "[extract]") {
  // The shared small patterns, and some with literals, nested captures and
  // a capture inside one of the same name.
  std::vector<std::string> patterns = testing::kSmallPatterns;
  patterns.insert(patterns.end(), {
      "a:(x | \"Xi\" | <num>) b:(a:(<cap> | @CITY))* (US | \"NATO\" c:_)",
      "(in | to | \"in Beijing\" | Beijing) (@CITY | @COUNTRY | <punct> | he)+ (. | ,)?",
      "p:(@PERSON | @CITY | @COUNTRY)+ _{0,3} (said | met) q:(@PERSON | <upper> | <cap>){0,2}",
      "a:(<cap> a:(<num> | <cap>)? b:(a:_)?)",  // a capture inside one of the same name
  });
  std::mt19937 rng(17);
  const std::vector<std::string> pool{"Ruto", "met", "Xi", "in", "Beijing", "and", "he", "said", ",", ".",
                                      "\u201C", "\"", "'", "\u00AB", "J.", "US", "2024", "the", "talks", "with",
                                      "On", "Monday", "trade", "grew", "-", "NATO", "visit", "to", "of", "x"};
  const LabelId kinds[] = {label::kPerson, label::kCity, label::kCountry, label::kName};
  for (const auto& pattern : patterns) {
    CAPTURE(pattern);
    LabelTable labels;
    auto parsed = parse_pattern(pattern, PatternEnv{&labels, nullptr, false, {}});
    REQUIRE(parsed.is_ok());
    const auto prog = compile_pattern(parsed.value());
    int found = 0;
    for (int round = 0; round < 1500; ++round) {
      Sentence s;
      const auto n = static_cast<std::uint32_t>(1 + rng() % 24);
      for (std::uint32_t i = 0; i < n; ++i) s.tokens.push_back(make_token(pool[rng() % pool.size()], i));
      // Overlapping mentions of several lengths, some starting together.
      for (auto k = rng() % 6; k > 0; --k) {
        const auto b = static_cast<std::uint32_t>(rng() % n);
        const auto e = std::min<std::uint32_t>(n, b + 1 + static_cast<std::uint32_t>(rng() % 3));
        s.mentions.push_back({kinds[rng() % 4], b, e, "", "test", -1, -1});
      }
      CAPTURE(round);
      found += check_sentence(prog, s);
    }
    CHECK(found > 0);  // the sentences do hold matches of every pattern
  }
}

TEST_CASE("the matcher finds what a plain backtracker finds, for every shipped rule", "[extract]") {
  auto p = Pipeline::load({NEWSGRAPH_SOURCE_DATA_DIR, {}});
  REQUIRE(p.is_ok());
  const RuleSet& rules = p.value()->rules();
  const Vocabulary& vocab = *rules.vocabulary();
  // Every label a rule names, so that mention atoms have something to match.
  std::vector<LabelId> labels;
  for (const auto& rule : rules.rules()) {
    for (const auto& set : rule.program.label_sets) labels.insert(labels.end(), set.begin(), set.end());
  }
  std::sort(labels.begin(), labels.end());
  labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
  REQUIRE(!labels.empty());
  std::mt19937 rng(23);
  const auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  const std::vector<std::string> others{"Ruto", "Beijing", "2024", "J.", "NATO", ",", ".", "\u201C", "\"", "zz"};
  int found = 0;
  for (int round = 0; round < 300; ++round) {
    // Words of the rules' vocabulary (some capitalised) and others, with
    // mentions of the rules' labels.
    Sentence s;
    const auto n = 1 + pick(30);
    for (std::size_t i = 0; i < n; ++i) {
      Token t;
      std::string text;
      if (pick(3) == 0) {
        text = others[pick(others.size())];
      } else {
        text = std::string(vocab.word(static_cast<std::uint32_t>(1 + pick(vocab.size()))));
        if (pick(3) == 0) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
      }
      t.text = testing::kept(text);
      t.norm = testing::kept(fold(t.text));
      t.begin = static_cast<std::uint32_t>(i * 10);
      t.end = t.begin + 5;
      t.cap = starts_upper(t.text);
      t.alpha = std::isalpha(static_cast<unsigned char>(t.text[0])) != 0;
      t.digit = std::isdigit(static_cast<unsigned char>(t.text[0])) != 0;
      t.function = pick(8) == 0;
      s.tokens.push_back(t);
    }
    for (auto k = pick(8); k > 0; --k) {
      const auto b = static_cast<std::uint32_t>(pick(n));
      const auto e = std::min<std::uint32_t>(static_cast<std::uint32_t>(n), b + 1 + static_cast<std::uint32_t>(pick(3)));
      s.mentions.push_back({labels[pick(labels.size())], b, e, "", "test", -1, -1});
    }
    for (const auto& rule : rules.rules()) {
      CAPTURE(round, rule.name);
      found += check_sentence(rule.program, s);
    }
  }
  CHECK(found > 100);
}
