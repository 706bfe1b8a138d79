// The backtracking matcher for compiled patterns. Part of newsgraph::extract.
#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "extract/labels.hpp"
#include "extract/pattern.hpp"

namespace newsgraph::extract {

bool class_matches(TokenClass cls, const Token& t, bool covered) {
  switch (cls) {
    case TokenClass::Any: return true;
    case TokenClass::Cap: return t.cap;
    case TokenClass::CapWord: return t.cap && t.alpha && !covered && !t.function;
    case TokenClass::Upper: return t.upper;
    case TokenClass::Lower: return t.alpha && !t.cap;
    case TokenClass::Num: return t.digit;
    case TokenClass::Punct: return !t.alpha && !t.digit;
    case TokenClass::Initial: return t.text.size() == 2 && t.cap && t.text[1] == '.';
    case TokenClass::Start: return false;  // zero-width: match_at and can_consume handle it
    case TokenClass::Quote:
      return t.text == "\"" || t.text == "\u201C" || t.text == "\u201D" || t.text == "\u00AB" || t.text == "\u00BB" ||
             t.text == "\u2018" || t.text == "\u2019" || t.text == "'";
  }
  return false;
}

namespace {

struct LogEntry {
  std::uint32_t slot;
  std::uint32_t pos;
  bool open;
};

struct Job {
  std::uint32_t pc;
  std::uint32_t pos;
  std::uint32_t log_len;
};

}  // namespace

std::uint64_t clause_sig(const std::vector<std::uint32_t>& words, const std::vector<std::uint32_t>& texts,
                         const std::vector<LabelId>& labels) {
  std::uint64_t sig = 0;
  for (const auto id : words) sig |= word_sig(id);
  for (const auto id : texts) sig |= word_sig(id);
  for (const auto l : labels) sig |= label_sig(l);
  return sig;
}

SentenceIndex::SentenceIndex(const Sentence& s, const Vocabulary* v) { reset(s, v); }

namespace {

// The classes of a token that depend on its flags only, by the flags as
// flag_bits packs them (cap 1, upper 2, alpha 4, digit 8, function 32).
constexpr auto kClassesByFlags = [] {
  std::array<std::uint16_t, 64> table{};
  for (unsigned f = 0; f < table.size(); ++f) {
    const bool cap = f & 1, upper = f & 2, alpha = f & 4, digit = f & 8, function = f & 32;
    const auto bit = [](TokenClass cls, bool on) { return on ? class_bit(cls) : std::uint16_t{0}; };
    table[f] = class_bit(TokenClass::Any) | bit(TokenClass::Cap, cap) | bit(TokenClass::Upper, upper) |
               bit(TokenClass::Lower, alpha && !cap) | bit(TokenClass::Num, digit) |
               bit(TokenClass::Punct, !alpha && !digit) |
               bit(TokenClass::CapWord, cap && alpha && !function);  // unless covered: index_mentions()
  }
  return table;
}();

// Token's flags cap, upper, alpha, digit and function as bits 0-3 and 5 (the
// index of kClassesByFlags). They are adjacent bytes of 0 or 1, so one load
// and a multiply gather them (each byte's bit lands in the top byte, and no
// two partial products meet); five byte loads, shifts and ORs cost twice as
// many instructions per token.
inline unsigned flag_bits(const Token& t) {
  if constexpr (std::endian::native == std::endian::little) {
    static_assert(offsetof(Token, upper) == offsetof(Token, cap) + 1 && offsetof(Token, alpha) == offsetof(Token, cap) + 2 &&
                  offsetof(Token, digit) == offsetof(Token, cap) + 3 &&
                  offsetof(Token, function) == offsetof(Token, cap) + 5 && sizeof(bool) == 1);
    std::uint64_t bytes = 0;
    std::memcpy(&bytes, reinterpret_cast<const unsigned char*>(&t) + offsetof(Token, cap), 6);
    bytes &= 0x0000'FF00'FFFF'FFFFu;  // not space_before
    return static_cast<unsigned>((bytes * 0x0102'0408'1020'4080u) >> 56);
  } else {
    return unsigned{t.cap} | unsigned{t.upper} << 1 | unsigned{t.alpha} << 2 | unsigned{t.digit} << 3 |
           unsigned{t.function} << 5;
  }
}

// The classes of token `t` that do not depend on its mentions: class_matches
// for each class, spelled out (a differential test checks that they agree).
inline std::uint16_t token_classes(const Token& t) {
  // The first bytes of the quotation marks class_matches names.
  static constexpr auto kQuoteStart = [] {
    std::array<bool, 256> table{};
    for (const unsigned c : {unsigned{'"'}, unsigned{'\''}, 0xC2u, 0xE2u}) table[c] = true;
    return table;
  }();
  auto bits = kClassesByFlags[flag_bits(t)];
  const auto size = t.text.size();
  if (size - 1 < 3) {  // 1 to 3 bytes: <initial> is two, every quotation mark one to three
    const char* const text = t.text.data();
    if (size == 2 && t.cap && text[1] == '.') bits |= class_bit(TokenClass::Initial);
    if (kQuoteStart[static_cast<unsigned char>(text[0])] && class_matches(TokenClass::Quote, t, false)) {
      bits |= class_bit(TokenClass::Quote);
    }
  }
  return bits;
}

// Whether `norm` is `text` (the segmenter lets norm view text's own bytes
// when they are the same, so most tokens are told by their pointers; most
// others differ in the first byte, a capital).
inline bool same_bytes(std::string_view text, std::string_view norm) {
  if (text.size() != norm.size()) return false;
  if (text.data() == norm.data() || text.empty()) return true;
  return text[0] == norm[0] && std::memcmp(text.data(), norm.data(), text.size()) == 0;
}

}  // namespace

void SentenceIndex::reset(const Sentence& s, const Vocabulary* v, std::span<const std::uint32_t> by_lex) {
  sentence = &s;
  vocab = v;
  has_clause_mask = false;
  has_held_ = false;
  const auto n = static_cast<std::uint32_t>(s.tokens.size());
  const Token* const tokens = s.tokens.data();
  // Every per-token array is written in one pass over the tokens, through
  // pointers (push_back would reload each vector's end and capacity around
  // every store), as it stands before the mentions are added: no array is
  // zeroed or copied whole after it.
  classes.resize(n);
  sigs.resize(n);
  covered.resize(n);
  label_bits.resize(n + 1);
  std::uint16_t* const cls = classes.data();
  std::uint64_t* const sig = sigs.data();
  std::uint8_t* const cover = covered.data();
  std::uint64_t* const labels = label_bits.data();
  if (vocab) {
    norm_ids.resize(n);
    text_ids.resize(n);
    std::uint32_t* const norm = norm_ids.data();
    std::uint32_t* const text = text_ids.data();
    const auto lexes = static_cast<std::uint32_t>(by_lex.size());
    // word_sig by id, a load where word_sig's `% 48` is several instructions
    // (ids are dense from 1, so the table is the vocabulary's size).
    thread_local std::vector<std::uint64_t> sig_table;
    if (sig_table.size() <= vocab->size()) {
      sig_table.resize(vocab->size() + 1);
      for (std::uint32_t id = 0; id < sig_table.size(); ++id) sig_table[id] = word_sig(id);
    }
    const std::uint64_t* const word_sig_of = sig_table.data();
    std::uint64_t all = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
      const auto& t = tokens[i];
      std::uint32_t a = Vocabulary::kUnknown;
      if (t.lex < lexes) {  // kNoLex is above any lexes
        a = by_lex[t.lex];
      } else if (lexes == 0 || t.lex == Token::kNoLex) {
        a = vocab->find(t.norm);
      }
      norm[i] = a;
      std::uint64_t g = word_sig_of[a];
      if (same_bytes(t.text, t.norm)) {
        text[i] = a;
      } else {
        const auto b = vocab->find(t.text);
        text[i] = b;
        g |= word_sig_of[b];
      }
      sig[i] = g;
      all |= g;
      cls[i] = token_classes(t);
      cover[i] = 0;
      labels[i] = 0;
    }
    word_sig_mask = all;
  } else {
    norm_ids.clear();
    text_ids.clear();
    word_sig_mask = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
      cls[i] = token_classes(tokens[i]);
      sig[i] = 0;
      cover[i] = 0;
      labels[i] = 0;
    }
  }
  labels[n] = 0;
  if (n > 0) cls[0] |= class_bit(TokenClass::Start);
  index_mentions();
}

bool SentenceIndex::holds(std::uint32_t id, bool text) const {
  if (!has_held_) {
    // Sized to the ids present, not to the vocabulary: most are small.
    const auto fill = [](const std::vector<std::uint32_t>& ids, std::vector<std::uint64_t>& bits) {
      const auto most = ids.empty() ? 0u : *std::max_element(ids.begin(), ids.end());
      bits.assign(most / 64 + 1, 0);
      for (const auto i : ids) bits[i / 64] |= std::uint64_t{1} << (i % 64);
    };
    fill(norm_ids, held_norm_);
    fill(text_ids, held_text_);
    has_held_ = true;
  }
  const auto& bits = text ? held_text_ : held_norm_;
  return id / 64 < bits.size() && (bits[id / 64] >> (id % 64) & 1u);
}

bool SentenceIndex::has_label(LabelId label) const {
  // Labels above 62 share one bit of label_mask: look at the mentions (few) themselves.
  const auto n = sentence->tokens.size();
  return std::any_of(built_.begin(), built_.end(), [&](const Built& b) { return b.label == label && b.begin < n; });
}

void SentenceIndex::rebuild() {
  // The token part again, from the tokens and their ids (reset() made it
  // in its pass; kept copies of it would cost two more stores per token
  // there, and most indexes never rebuild: extend() adds what rules add).
  const auto n = static_cast<std::uint32_t>(sentence->tokens.size());
  covered.assign(n, 0);
  label_bits.assign(n + 1, 0);
  const Token* const tokens = sentence->tokens.data();
  for (std::uint32_t i = 0; i < n; ++i) classes[i] = token_classes(tokens[i]);
  if (n > 0) classes[0] |= class_bit(TokenClass::Start);
  for (std::uint32_t i = 0; i < n; ++i) sigs[i] = vocab ? word_sig(norm_ids[i]) | word_sig(text_ids[i]) : 0;
  index_mentions();
}

void SentenceIndex::index_mentions() {
  const auto n = static_cast<std::uint32_t>(sentence->tokens.size());
  label_mask = 0;
  const auto& mentions = sentence->mentions;
  const auto count = static_cast<std::uint32_t>(mentions.size());
  built_.resize(count);
  start_begin.resize(n + 2);
  std::uint32_t* const begin = start_begin.data();
  std::uint8_t* const cover = covered.data();
  std::uint64_t* const bits = label_bits.data();
  std::uint16_t* const cls = classes.data();
  std::uint64_t* const sig = sigs.data();
  const Mention* const ms = mentions.data();
  std::uint32_t starting = 0;  // the mentions that start at a token
  for (std::uint32_t m = 0; m < count; ++m) {
    const auto& mention = ms[m];
    built_[m] = {mention.label, mention.begin, mention.end};
    if (mention.begin >= n) continue;
    ++starting;
    bits[mention.begin] |= label_bit(mention.label);
    sig[mention.begin] |= label_sig(mention.label);
    label_mask |= label_bit(mention.label);
    if (mention.label == label::kName) continue;
    // A token inside a mention other than NAME is no <capword>.
    for (auto i = mention.begin; i < mention.end && i < n; ++i) {
      cover[i] = 1;
      cls[i] &= static_cast<std::uint16_t>(~class_bit(TokenClass::CapWord));
    }
  }
  start_mentions.resize(starting);
  std::memset(begin, 0, (std::size_t{n} + 2) * sizeof *begin);
  if (starting == 0) return;  // no count to sum
  // Counted by token, summed so that begin[p] is where token p's list ends;
  // filled from the last mention down, each token's list stays ascending
  // and begin[p] moves back to where it starts.
  for (std::uint32_t m = 0; m < count; ++m) {
    if (ms[m].begin < n) ++begin[ms[m].begin];
  }
  for (std::uint32_t i = 1; i < n + 2; ++i) begin[i] += begin[i - 1];
  for (auto m = count; m-- > 0;) {
    if (ms[m].begin < n) start_mentions[--begin[ms[m].begin]] = m;
  }
}

namespace {

// p[0, count) += add, four at a time where SSE2 is (extend's shift of the
// starts after a token: some 30 words a mention, one add each before).
// (Batching a call's mentions into one pass cost more: most calls add one.)
inline void add_to(std::uint32_t* p, std::size_t count, std::uint32_t add) {
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i v = _mm_set1_epi32(static_cast<int>(add));
  for (; i + 4 <= count; i += 4) {
    auto* const q = reinterpret_cast<__m128i*>(p + i);
    _mm_storeu_si128(q, _mm_add_epi32(_mm_loadu_si128(q), v));
  }
#endif
  for (; i < count; ++i) p[i] += add;
}

}  // namespace

void SentenceIndex::extend() {
  const auto n = static_cast<std::uint32_t>(sentence->tokens.size());
  const auto& mentions = sentence->mentions;
  const auto count = static_cast<std::uint32_t>(mentions.size());
  for (auto m = static_cast<std::uint32_t>(built_.size()); m < count; ++m) {
    const auto& mention = mentions[m];
    built_.push_back({mention.label, mention.begin, mention.end});
    const auto b = mention.begin;
    if (b >= n) continue;
    label_bits[b] |= label_bit(mention.label);
    sigs[b] |= label_sig(mention.label);
    label_mask |= label_bit(mention.label);
    // The last of token b's starts (m is above every mention there), so the
    // tokens after b begin theirs one place later.
    start_mentions.insert(start_mentions.begin() + start_begin[b + 1], m);
    add_to(start_begin.data() + b + 1, n + 1 - b, 1);
    if (mention.label == label::kName) continue;
    for (auto i = b; i < mention.end && i < n; ++i) {
      covered[i] = 1;
      classes[i] &= static_cast<std::uint16_t>(~class_bit(TokenClass::CapWord));
    }
  }
}

bool SentenceIndex::refresh() {
  const auto& mentions = sentence->mentions;
  const auto built = built_.size();
  // Whether the mentions built from are the first ones, unchanged.
  bool kept = mentions.size() >= built;
  for (std::size_t i = 0; kept && i < built; ++i) {
    kept = built_[i] == Built{mentions[i].label, mentions[i].begin, mentions[i].end};
  }
  if (!kept) {
    rebuild();
    return true;
  }
  if (mentions.size() == built) return false;
  extend();
  return true;
}

namespace {

// The id of token `pos` (its folded form, or as written when `exact`) in the
// program's vocabulary: from the index when it was built with that
// vocabulary, else looked up now.
std::uint32_t word_id(const Program& prog, const SentenceIndex& index, std::uint32_t pos, bool exact) {
  if (index.vocab == prog.vocab.get()) return exact ? index.text_ids[pos] : index.norm_ids[pos];
  const auto& t = index.sentence->tokens[pos];
  return prog.vocab->find(exact ? t.text : t.norm);
}

bool in_set(const std::vector<std::uint32_t>& set, std::uint32_t id) {
  return id != Vocabulary::kUnknown && std::binary_search(set.begin(), set.end(), id);
}

// Whether token `t` is of one of the classes in mask `classes` (a Class
// instruction's y: several alternative classes compile to one instruction).
bool any_class_matches(std::uint32_t classes, const Token& t, bool covered) {
  for (unsigned c = 0; classes >> c; ++c) {
    if ((classes >> c & 1u) && class_matches(static_cast<TokenClass>(c), t, covered)) return true;
  }
  return false;
}

// Whether instruction `in` can consume something at `pos`.
bool can_consume(const Program& prog, const Program::Inst& in, const SentenceIndex& index, std::uint32_t pos) {
  const auto& tokens = index.sentence->tokens;
  if (pos >= tokens.size()) return false;
  switch (in.op) {
    case Program::Op::Word:
    case Program::Op::Text:
      return in_set(prog.word_ids[in.x], word_id(prog, index, pos, in.op == Program::Op::Text));
    case Program::Op::Class:
      if (in.cls == TokenClass::Start) return pos == 0;
      return any_class_matches(in.y, tokens[pos], index.covered[pos]);
    case Program::Op::Mention: {
      const auto& set = prog.label_sets[in.x];
      for (auto m : index.starts(pos)) {
        if (std::binary_search(set.begin(), set.end(), index.sentence->mentions[m].label)) return true;
      }
      return false;
    }
    default:
      return true;
  }
}

// Whether a mention with one of `labels` (sorted; `bits` as label_bit)
// starts at token `pos`: a mask test, unless labels above 62 are involved.
inline bool labels_start(const std::vector<LabelId>& labels, std::uint64_t bits, const SentenceIndex& index,
                         std::uint32_t pos) {
  const auto both = index.label_bits[pos] & bits;
  if (both & ~kWideLabels) return true;
  if (!both) return false;
  for (const auto m : index.starts(pos)) {
    if (std::binary_search(labels.begin(), labels.end(), index.sentence->mentions[m].label)) return true;
  }
  return false;
}

// can_start for an index built with the program's vocabulary: a few bit tests.
inline bool starts_here(const Program& prog, const SentenceIndex& index, std::uint32_t pos) {
  return prog.first_words.contains(index.norm_ids[pos]) || prog.first_texts.contains(index.text_ids[pos]) ||
         (index.classes[pos] & prog.first_class_bits) ||
         ((index.label_bits[pos] & prog.first_label_bits) &&
          labels_start(prog.first_labels, prog.first_label_bits, index, pos));
}

// Whether some instruction of prog.first can consume token `pos`: the same
// as testing each with can_consume, with one test per kind of instruction.
bool can_start(const Program& prog, const SentenceIndex& index, std::uint32_t pos) {
  if (pos >= index.sentence->tokens.size()) return false;
  if (index.vocab != prog.vocab.get()) {
    return std::any_of(prog.first.begin(), prog.first.end(),
                       [&](std::uint32_t pc) { return can_consume(prog, prog.insts[pc], index, pos); });
  }
  return starts_here(prog, index, pos);
}

}  // namespace

namespace {

// Whether the sentence has a label, word or spelling of clause `c` (labels
// first: a clause has few, and words are many when a macro lists them).
bool clause_held(const Program::Clause& c, const SentenceIndex& index) {
  const auto labels = c.label_bits & index.label_mask;
  if (labels & ~kWideLabels) return true;
  if ((labels & kWideLabels) &&
      std::any_of(c.labels.begin(), c.labels.end(), [&](LabelId l) { return index.has_label(l); })) {
    return true;
  }
  // No token's signature shares a bit with the clause's words: none is held
  // (most label clauses with a few words, "@PERSON | he | she", end here).
  if (!(c.sig & kWordSigBits & index.word_sig_mask)) return false;
  return std::any_of(c.words.begin(), c.words.end(), [&](auto id) { return index.holds(id, false); }) ||
         std::any_of(c.texts.begin(), c.texts.end(), [&](auto id) { return index.holds(id, true); });
}

}  // namespace

bool may_match(const Program& prog, const SentenceIndex& index) {
  if (index.vocab != prog.vocab.get() || !index.vocab) return true;
  return std::all_of(prog.required.begin(), prog.required.end(),
                     [&](const Program::Clause& c) { return clause_held(c, index); });
}

bool labels_may_match(const Program& prog, const SentenceIndex& index) {
  if (index.vocab != prog.vocab.get() || !index.vocab) return true;
  for (const auto& c : prog.required) {
    // Most label clauses are settled by the masks, clause_held's first
    // tests, here without a call: held by a label in the mask, or not held
    // when no label above 62 may be and no token's signature shares a bit
    // with the clause's words.
    const auto labels = c.label_bits & index.label_mask;
    if (c.label_bits == 0 || (labels & ~kWideLabels)) continue;
    if (!(labels & kWideLabels) && !(c.sig & kWordSigBits & index.word_sig_mask)) return false;
    if (!clause_held(c, index)) return false;
  }
  return true;
}

namespace {

// next_start's scan tests each token by its classes and signature, and
// most tokens fail: kBlock tokens are tested at once, in vector registers
// where there are (SSE2: about 26 instructions for the block, where one
// test per token cost 9 each).
constexpr std::uint32_t kBlock = 8;

// Which of tokens `at`..`at` + kBlock - 1 share a class with `cls` or a
// signature bit with `sig`: token `at` + i as bit 2i (the odd bits are 0).
inline std::uint32_t block_hits(const std::uint16_t* classes, const std::uint64_t* sigs, std::uint32_t at,
                                std::uint64_t cls, std::uint64_t sig) {
#if defined(__SSE2__)
  const __m128i zero = _mm_setzero_si128();
  // Two mask bits per token: its class word is zero, from one compare.
  const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(classes + at));
  const auto no_class = static_cast<std::uint32_t>(
      _mm_movemask_epi8(_mm_cmpeq_epi16(_mm_and_si128(c, _mm_set1_epi16(static_cast<short>(cls))), zero)));
  // Two per token again: the low and the high half of its signature's AND
  // are zero (SSE2 compares no 64-bit lanes), packed to bytes in order.
  const __m128i g = _mm_set1_epi64x(static_cast<long long>(sig));
  const auto half_zero = [&](std::uint32_t i) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(sigs + at + i));
    return _mm_cmpeq_epi32(_mm_and_si128(v, g), zero);
  };
  const __m128i words = _mm_packs_epi32(half_zero(0), half_zero(2));
  const __m128i more = _mm_packs_epi32(half_zero(4), half_zero(6));
  const auto no_sig = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_packs_epi16(words, more)));
  const auto miss = no_class & no_sig;
  return ~(miss & miss >> 1) & 0x5555u;
#else
  std::uint32_t hits = 0;
  for (std::uint32_t i = 0; i < kBlock; ++i) {
    if ((classes[at + i] & cls) | (sigs[at + i] & sig)) hits |= 1u << (2 * i);
  }
  return hits;
#endif
}

// next_start, looking no further than token `end` (at most the token count):
// returns `end` when no start is found before it.
std::uint32_t next_start_before(const Program& prog, const SentenceIndex& index, std::uint32_t from, std::uint32_t end) {
  const auto n = end;
  if (prog.first.empty()) return std::min(from, n);
  if (index.vocab == prog.vocab.get()) {
    // starts_here, with the arrays and the program's sets read once: the
    // cheapest test (a class) first, the label test (rare) last.
    const std::uint16_t* const classes = index.classes.data();
    const std::uint64_t* const sigs = index.sigs.data();
    const std::uint64_t class_bits = prog.first_class_bits;
    const auto first_sig = prog.first_sig;
    // Most tokens share no bit with the program's first classes, words and
    // labels: kBlock at a time, straight to those that do.
    for (; from + kBlock <= n; from += kBlock) {
      for (auto hits = block_hits(classes, sigs, from, class_bits, first_sig); hits != 0; hits &= hits - 1) {
        const auto at = from + static_cast<std::uint32_t>(std::countr_zero(hits)) / 2;
        if ((classes[at] & class_bits) || starts_here(prog, index, at)) return at;
      }
    }
    for (; from < n; ++from) {
      if (!((classes[from] & class_bits) | (sigs[from] & first_sig))) continue;
      if ((classes[from] & class_bits) || starts_here(prog, index, from)) break;
    }
    return from;
  }
  while (from < n && !can_start(prog, index, from)) ++from;
  return from;
}

}  // namespace

std::uint32_t next_start(const Program& prog, const SentenceIndex& index, std::uint32_t from) {
  return next_start_before(prog, index, from, static_cast<std::uint32_t>(index.sentence->tokens.size()));
}

namespace {

// Whether token `pos` (below the token count) can pass guard `c` of a split
// branch; the index is built with the program's vocabulary.
inline bool guard_passes(const Program::Clause& c, const SentenceIndex& index, std::uint32_t pos) {
  if (!(index.sigs[pos] & c.sig)) return false;  // the common case: one test
  return c.word_bits.contains(index.norm_ids[pos]) || c.text_bits.contains(index.text_ids[pos]) ||
         ((index.label_bits[pos] & c.label_bits) && labels_start(c.labels, c.label_bits, index, pos));
}

// The latest token at or after `from` where a match of `prog` may start by
// Program::order, or `from` - 1 if there is none (wrapping to the largest
// value for `from` 0, so that the bound plus one is `from`): the latest
// token that meets the last need, the latest before that (by its gap) that
// meets the one before, and so on to the first. Any match meets the needs
// in order at tokens no later than these, and starts at or before the
// first's. The index is built with the program's vocabulary.
std::uint32_t latest_start(const Program& prog, const SentenceIndex& index, std::uint32_t from) {
  const auto n = static_cast<std::uint32_t>(index.sentence->tokens.size());
  const Program::Need* const needs = prog.order.data();
  const std::uint16_t* const classes = index.classes.data();
  const std::uint64_t* const sigs = index.sigs.data();
  auto k = prog.order.size() - 1;
  // Signed: a need of gap 0 is tested again at the token that met the next.
  const std::int64_t low = from;
  std::int64_t q = static_cast<std::int64_t>(n) - 1;
  for (;;) {
    const auto& need = needs[k];
    const std::uint64_t cls = need.classes, sig = need.clause.sig;
    // Most tokens share neither a class nor a signature bit with the need:
    // one test each (not block_hits: most needs here are met within a few
    // tokens, where a block's test costs more than it saves).
    while (q >= low && !((classes[q] & cls) | (sigs[q] & sig))) --q;
    if (q < low) return from - 1;
    const auto pos = static_cast<std::uint32_t>(q);
    if ((classes[pos] & cls) || guard_passes(need.clause, index, pos)) {
      if (k == 0) return pos;
      --k;
      q -= needs[k].gap;
    } else {
      --q;
    }
  }
}

// The matcher's buffers, one set per thread and reused by every search: the
// visited (instruction, token) pairs of the current search, stamped with a
// generation so they are reused without clearing, and the backtracking stack
// and capture log, used as raw arrays that grow on demand (a push is one
// compare and a store; std::vector's push_back reloads its size and capacity
// around every store).
struct Scratch {
  std::vector<std::uint32_t> stamps;
  std::uint32_t generation = 0;
  std::vector<Job> stack = std::vector<Job>(64);
  std::vector<LogEntry> log = std::vector<LogEntry>(64);
  std::vector<std::uint32_t> ends;  ///< The mention step's ends (no allocation per step).
  std::vector<LogEntry> open;       ///< Match: the opened captures not yet closed.
};
thread_local Scratch scratch;

// Starts a search: no pair of `prog` x (`n` + 1 tokens) is visited.
void new_search(const Program& prog, std::uint32_t n, Scratch& s) {
  const std::size_t size = prog.insts.size() * (std::size_t{n} + 1);
  // Grown by half at least: growing to each new largest size zeroed the
  // whole array every time a sentence was a few tokens longer.
  if (s.stamps.size() < size) s.stamps.assign(std::max(size, s.stamps.size() + s.stamps.size() / 2), 0);
  if (++s.generation == 0) {
    std::fill(s.stamps.begin(), s.stamps.end(), 0);
    s.generation = 1;
  }
}

// The captures of a match from its log: each Close pairs with the latest
// Open of its slot not yet closed, in the order they close.
void take_captures(const LogEntry* log, std::uint32_t log_len, Scratch& s, PatternMatch& out) {
  out.captures.clear();
  auto& open = s.open;
  open.clear();
  for (std::uint32_t i = 0; i < log_len; ++i) {
    const auto& e = log[i];
    if (e.open) {
      open.push_back(e);
      continue;
    }
    for (auto k = open.size(); k-- > 0;) {
      if (open[k].slot != e.slot) continue;
      out.captures.push_back({e.slot, open[k].pos, e.pos});
      open.erase(open.begin() + static_cast<std::ptrdiff_t>(k));
      break;
    }
  }
}

// The backtracker from `start`, then from each later start next_start_before
// gives below `end`, until one matches, skipping pairs visited earlier in the
// same search. Whether a pair leads to Match depends on the pair alone (not
// on the path or the start), so a pair visited by a failed try from an
// earlier start fails again: RE2's BitState keeps its bitmap across start
// positions for the same reason, which bounds a whole search, not one try,
// by instructions x tokens steps. The starts are looped over here, not by
// the caller, so that the setup below is done once per search: it cost
// about 60 instructions a try (mix: 94 k tries in 59 k searches). `Own`:
// the index was built with the program's vocabulary (word ids and split
// guards are read from it).
template <bool Own>
bool try_from(const Program& prog, const SentenceIndex& index, std::uint32_t start, std::uint32_t end,
              PatternMatch& out, Scratch& s) {
  const auto& mentions = index.sentence->mentions;
  const auto n = static_cast<std::uint32_t>(index.sentence->tokens.size());
  const Program::Inst* const insts = prog.insts.data();
  const std::uint32_t* const next = prog.next.data();
  const auto width = static_cast<std::uint32_t>(prog.insts.size());
  std::uint32_t* const stamps = s.stamps.data();
  const auto generation = s.generation;
  Job* stack = s.stack.data();
  auto stack_cap = static_cast<std::uint32_t>(s.stack.size());
  std::uint32_t top = 0;
  LogEntry* log = s.log.data();
  auto log_cap = static_cast<std::uint32_t>(s.log.size());
  std::uint32_t log_len = 0;
  const auto push = [&](std::uint32_t pc, std::uint32_t pos) {
    if (top == stack_cap) {
      s.stack.resize(std::size_t{stack_cap} * 2);
      stack = s.stack.data();
      stack_cap *= 2;
    }
    stack[top++] = {pc, pos, log_len};
  };
  for (;; start = next_start_before(prog, index, start + 1, end)) {
    if (start >= end) return false;
    log_len = 0;  // what a failed try logged is not this one's
    push(prog.entry, start);

    while (top > 0) {
      const Job job = stack[--top];
      log_len = job.log_len;
      std::uint32_t pc = job.pc, pos = job.pos;
      for (;;) {
        // No step lands on a jump: splits, jumps and `next` point past them.
        // Position-major: the instructions tried at one token sit together in memory.
        auto& stamp = stamps[std::size_t{pos} * width + pc];
        if (stamp == generation) break;
        stamp = generation;
        const auto& in = insts[pc];
        // Each case continues at the next pair, or breaks out of the switch when the path fails.
        switch (in.op) {
          case Program::Op::Word:
            if (pos >= n || !prog.word_bits[in.x].contains(Own ? index.norm_ids[pos] : word_id(prog, index, pos, false))) {
              break;
            }
            pc = next[pc];
            ++pos;
            continue;
          case Program::Op::Text:
            if (pos >= n || !prog.word_bits[in.x].contains(Own ? index.text_ids[pos] : word_id(prog, index, pos, true))) {
              break;
            }
            pc = next[pc];
            ++pos;
            continue;
          case Program::Op::Class:
            if (in.cls == TokenClass::Start) {  // zero-width
              if (pos != 0) break;
              pc = next[pc];
              continue;
            }
            if (pos >= n || !(index.classes[pos] & in.y)) break;  // y: the instruction's classes
            pc = next[pc];
            ++pos;
            continue;
          case Program::Op::Mention: {
            if (pos >= n) break;
            const auto& set = prog.label_sets[in.x];
            // A mention that would end past the tokens is not taken: the
            // path would go on from a position the sentence does not have.
            const auto takes = [&](std::uint32_t m) {
              return mentions[m].end <= n && std::binary_search(set.begin(), set.end(), mentions[m].label);
            };
            const auto starting = index.starts(pos);
            // Most steps take one mention or none (mix: 35 k of 47 k, and 112
            // take more): its end, without the list below.
            std::size_t k = 0;
            while (k < starting.size() && !takes(starting[k])) ++k;
            if (k == starting.size()) break;
            auto more = k + 1;
            while (more < starting.size() && !takes(starting[more])) ++more;
            if (more == starting.size()) {
              pc = next[pc];
              pos = mentions[starting[k]].end;
              continue;
            }
            auto& ends = s.ends;
            ends.clear();
            for (; k < starting.size(); ++k) {
              if (takes(starting[k])) ends.push_back(mentions[starting[k]].end);
            }
            // Longer mentions first; the others are tried on backtracking.
            if (ends.size() > 1) {
              std::sort(ends.begin(), ends.end());
              ends.erase(std::unique(ends.begin(), ends.end()), ends.end());
            }
            pc = next[pc];
            for (std::size_t i = 0; i + 1 < ends.size(); ++i) push(pc, ends[i]);
            pos = ends.back();
            continue;
          }
          case Program::Op::Split:
            // A branch whose first token cannot be this one is not entered.
            if constexpr (Own) {
              if (const auto r = prog.run_of[pc]; r >= 0) {
                // A run of copies of one word class, taken in one step (see
                // Program::Run): the split of each copy at token q offers the
                // exit at q (pushed, to be tried when the copies after fail),
                // then its class consumes q; past the last copy the path goes
                // on at the exit.
                const auto& run = prog.runs[static_cast<std::uint32_t>(r)];
                const std::uint16_t* const classes = index.classes.data();
                const auto exit_ok = [&](std::uint32_t q) {
                  return !run.exit_filtered ||
                         (q < n && ((classes[q] & run.exit_classes) ||
                                    (run.exit_guard >= 0 &&
                                     guard_passes(prog.guards[static_cast<std::uint32_t>(run.exit_guard)], index, q))));
                };
                const auto copies = run.copies;
                if (run.alt) {
                  // Each copy: its split offers the exit, the split of its
                  // alternatives offers the others, then the class consumes q.
                  const auto rest_ok = [&](std::uint32_t q) {
                    return !run.rest_filtered ||
                           (q < n && ((classes[q] & run.rest_classes) ||
                                      (run.rest_guard >= 0 &&
                                       guard_passes(prog.guards[static_cast<std::uint32_t>(run.rest_guard)], index, q))));
                  };
                  const auto exit = in.y;
                  std::uint32_t at = pc, q = pos, taken = 0;
                  bool failed = false;
                  for (;;) {
                    if (copies != 0 && taken == copies) {  // past the last copy
                      pc = exit;
                      break;
                    }
                    if (exit_ok(q)) push(exit, q);
                    const auto rest = insts[at + 1].y;
                    if (q >= n || !(classes[q] & run.classes)) {
                      // The class fails: the path goes on with the other alternatives.
                      failed = !rest_ok(q);
                      pc = rest;
                      break;
                    }
                    if (rest_ok(q)) push(rest, q);
                    ++q;
                    ++taken;
                    if (copies != 0 && taken == copies) continue;
                    at += run.stride;  // 0 for a loop
                    // The next copy's split is a pair of its own (the other
                    // alternatives lead to it as well).
                    auto& st = stamps[std::size_t{q} * width + at];
                    if (st == generation) {
                      failed = true;
                      break;
                    }
                    st = generation;
                  }
                  if (failed) break;
                  pos = q;
                  continue;
                }
                std::uint32_t q = pos;
                bool seen = false;  // a loop came back to a split visited at q
                for (;;) {
                  if (copies != 0 && q - pos == copies) break;
                  if (q >= n || !(classes[q] & run.classes)) break;
                  if (exit_ok(q)) push(in.y, q);
                  ++q;
                  if (copies == 0) {
                    // A loop: its split at each token is a pair of its own.
                    auto& st = stamps[std::size_t{q} * width + pc];
                    if (st == generation) {
                      seen = true;
                      break;
                    }
                    st = generation;
                  }
                }
                if (seen) break;
                // Past the last copy, or where the class fails: the split there
                // offers the exit (its copy then fails), which goes on at once.
                if ((copies == 0 || q - pos < copies) && !exit_ok(q)) break;
                pc = in.y;
                pos = q;
                continue;
              }
              if (pos < n) {
                // Along splits whose preferred branch this token cannot enter
                // (one signature test each) to the first that it may enter, or
                // to where they lead (see Program::split_skip): the splits
                // passed over would each go on with their other branch.
                const auto sig = index.sigs[pos];
                const std::uint64_t* const skip = prog.split_skip.data();
                if (skip[pc] != 0 && !(sig & skip[pc])) {
                  do pc = insts[pc].y;
                  while (skip[pc] != 0 && !(sig & skip[pc]));
                  continue;
                }
              }
              const auto g = prog.split_guards[pc];
              const bool y = g[1] < 0 || (pos < n && guard_passes(prog.guards[static_cast<std::uint32_t>(g[1])], index, pos));
              if (g[0] >= 0 && (pos >= n || !guard_passes(prog.guards[static_cast<std::uint32_t>(g[0])], index, pos))) {
                // The preferred branch cannot start here: go on with the other
                // at once (what pushing it, failing and popping it comes to).
                if (!y) break;
                pc = in.y;
                continue;
              }
              if (y) push(in.y, pos);
            } else {
              push(in.y, pos);
            }
            pc = in.x;
            continue;
          case Program::Op::Jmp:
            pc = in.x;
            continue;
          case Program::Op::Open:
          case Program::Op::Close:
            if (log_len == log_cap) {
              s.log.resize(std::size_t{log_cap} * 2);
              log = s.log.data();
              log_cap *= 2;
            }
            log[log_len++] = {in.x, pos, in.op == Program::Op::Open};
            pc = next[pc];
            continue;
          case Program::Op::Match:
            out.begin = start;
            out.end = pos;
            take_captures(log, log_len, s, out);
            return true;
          default:
            __builtin_unreachable();  // every op has its case: no range check before the jump table
        }
        break;  // this path fails: take the next job
      }
    }
  }
}

}  // namespace

bool match_at(const Program& prog, const SentenceIndex& index, std::uint32_t start, PatternMatch& out) {
  if (!prog.first.empty() && !can_start(prog, index, start)) return false;
  auto& s = scratch;
  new_search(prog, static_cast<std::uint32_t>(index.sentence->tokens.size()), s);
  return index.vocab == prog.vocab.get() ? try_from<true>(prog, index, start, start + 1, out, s)
                                         : try_from<false>(prog, index, start, start + 1, out, s);
}

bool find_match(const Program& prog, const SentenceIndex& index, std::uint32_t from, PatternMatch& out) {
  const auto n = static_cast<std::uint32_t>(index.sentence->tokens.size());
  const bool own = index.vocab == prog.vocab.get();
  auto start = next_start_before(prog, index, from, n);
  if (start >= n) return false;  // no token to start from
  // No start past the latest from which the program's needs can be met in
  // order (one need says no more than Program::required and `first`).
  const auto end = own && prog.order.size() > 1 ? latest_start(prog, index, start) + 1 : n;
  if (start >= end) return false;
  auto& s = scratch;
  new_search(prog, n, s);
  return own ? try_from<true>(prog, index, start, end, out, s) : try_from<false>(prog, index, start, end, out, s);
}

}  // namespace newsgraph::extract
