// Parsing the pattern language into a PatternNode tree. Part of newsgraph::extract.
#include <algorithm>
#include <cctype>

#include "extract/pattern.hpp"
#include "extract/text.hpp"

namespace newsgraph::extract {
namespace {

bool word_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || u >= 0x80 || c == '\'' || c == '-' || c == '.' || c == '&';
}

class Parser {
 public:
  Parser(std::string_view text, const PatternEnv& env, std::vector<std::string> captures)
      : s_(text), env_(env), captures_(std::move(captures)) {}

  Result<ParsedPattern> run() {
    PatternNode root = alt();
    skip();
    if (ok_ && i_ < s_.size()) fail("unexpected '" + std::string(1, s_[i_]) + "'");
    // Nested repeats multiply: ((a{50}){50}){50} would compile to 125 000
    // instructions and the matcher's memory grows with them (found by
    // fuzzing). Real patterns stay far below the limit.
    if (ok_) {
      const auto size = compiled_size(root);
      if (size > kMaxInstructions) {
        i_ = 0;
        fail("pattern too large: " + std::to_string(size) + " instructions once repeats are expanded (at most " +
             std::to_string(kMaxInstructions) + ")");
      }
    }
    if (!ok_) return Status(Code::BadSyntax, error_, SourcePos{"", 0, error_col_});
    return ParsedPattern{std::move(root), std::move(captures_)};
  }

 private:
  void skip() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  void fail(std::string msg) {
    if (!ok_) return;
    ok_ = false;
    error_ = std::move(msg);
    error_col_ = i_ + 1;
  }
  bool at(char c) {
    skip();
    return i_ < s_.size() && s_[i_] == c;
  }

  PatternNode alt() {
    PatternNode first = seq();
    if (!at('|')) return first;
    PatternNode n;
    n.kind = PatternNode::Kind::Alt;
    n.children.push_back(std::move(first));
    while (ok_ && at('|')) {
      ++i_;
      n.children.push_back(seq());
    }
    return n;
  }

  PatternNode seq() {
    PatternNode n;
    n.kind = PatternNode::Kind::Seq;
    while (ok_) {
      skip();
      if (i_ >= s_.size() || s_[i_] == '|' || s_[i_] == ')') break;
      n.children.push_back(item());
    }
    if (n.children.size() == 1) return std::move(n.children[0]);
    return n;
  }

  PatternNode item() {
    skip();
    // name:atom
    int slot = -1;
    std::size_t j = i_;
    while (j < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[j])) || s_[j] == '_')) ++j;
    if (j > i_ && j < s_.size() && s_[j] == ':' && std::islower(static_cast<unsigned char>(s_[i_]))) {
      const std::string name(s_.substr(i_, j - i_));
      auto it = std::find(captures_.begin(), captures_.end(), name);
      slot = static_cast<int>(it - captures_.begin());
      if (it == captures_.end()) captures_.push_back(name);
      i_ = j + 1;
    }
    PatternNode a = atom();
    a = quantified(std::move(a));
    if (slot < 0) return a;
    PatternNode c;
    c.kind = PatternNode::Kind::Capture;
    c.capture = slot;
    c.children.push_back(std::move(a));
    return c;
  }

  PatternNode quantified(PatternNode a) {
    for (;;) {
      if (i_ >= s_.size()) return a;
      const char c = s_[i_];
      int lo = 0, hi = -1;
      if (c == '?') { lo = 0; hi = 1; ++i_; }
      else if (c == '*') { lo = 0; hi = -1; ++i_; }
      else if (c == '+') { lo = 1; hi = -1; ++i_; }
      else if (c == '{') {
        const auto close = s_.find('}', i_);
        if (close == s_.npos) { fail("'{' without '}'"); return a; }
        const std::string body(s_.substr(i_ + 1, close - i_ - 1));
        const auto comma = body.find(',');
        try {
          lo = std::stoi(body.substr(0, comma));
          hi = comma == std::string::npos ? lo
               : (comma + 1 < body.size() ? std::stoi(body.substr(comma + 1)) : -1);
        } catch (...) {
          fail("bad repeat count '{" + body + "}'");
          return a;
        }
        if (lo < 0 || (hi >= 0 && hi < lo) || hi > 200 || lo > 200) { fail("bad repeat count '{" + body + "}'"); return a; }
        i_ = close + 1;
      } else {
        return a;
      }
      PatternNode r;
      r.kind = PatternNode::Kind::Repeat;
      r.min = lo;
      r.max = hi;
      r.children.push_back(std::move(a));
      a = std::move(r);
    }
  }

  PatternNode atom() {
    skip();
    PatternNode n;
    if (i_ >= s_.size()) {
      fail("pattern ends where an element was expected");
      return n;
    }
    const char c = s_[i_];
    if (c == '(') {
      ++i_;
      n = alt();
      if (!at(')')) {
        fail("missing ')'");
        return n;
      }
      ++i_;
      return n;
    }
    if (c == '@') {
      ++i_;
      const std::size_t b = i_;
      while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_')) ++i_;
      const std::string name(s_.substr(b, i_ - b));
      if (name.empty()) {
        fail("'@' must be followed by a label");
        return n;
      }
      LabelId id = 0;
      if (!env_.labels->find(name, id)) {
        if (!env_.allow_new_labels) {
          i_ = b;
          fail("unknown label '" + name + "'");
          return n;
        }
        id = env_.labels->intern(name);
      }
      n.kind = PatternNode::Kind::Mention;
      n.labels.push_back(id);
      return n;
    }
    if (c == '<') {
      const auto close = s_.find('>', i_);
      if (close == s_.npos) {
        fail("'<' without '>'");
        return n;
      }
      const std::string cls(s_.substr(i_ + 1, close - i_ - 1));
      static const std::map<std::string, TokenClass, std::less<>> kClasses{
          {"any", TokenClass::Any}, {"cap", TokenClass::Cap}, {"capword", TokenClass::CapWord},
          {"upper", TokenClass::Upper}, {"lower", TokenClass::Lower}, {"num", TokenClass::Num},
          {"punct", TokenClass::Punct}, {"initial", TokenClass::Initial}, {"quote", TokenClass::Quote}};
      const auto it = kClasses.find(cls);
      if (it == kClasses.end()) {
        fail("unknown word class '<" + cls + ">'");
        return n;
      }
      i_ = close + 1;
      n.kind = PatternNode::Kind::Class;
      n.cls = it->second;
      return n;
    }
    if (c == '_') {
      ++i_;
      n.kind = PatternNode::Kind::Class;
      n.cls = TokenClass::Any;
      return n;
    }
    if (c == '^') {
      ++i_;
      n.kind = PatternNode::Kind::Class;
      n.cls = TokenClass::Start;
      return n;
    }
    if (c == '$') {
      ++i_;
      const std::size_t b = i_;
      while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_')) ++i_;
      const std::string name(s_.substr(b, i_ - b));
      const ParsedPattern* macro = nullptr;
      if (env_.macros) {
        if (const auto it = env_.macros->find(name); it != env_.macros->end()) macro = &it->second;
      }
      if (!macro && env_.resolve_macro) macro = env_.resolve_macro(name);
      if (!macro) {
        i_ = b;
        fail("unknown macro '$" + name + "'");
        return n;
      }
      return remap(*macro);
    }
    if (c == '"') {
      const auto close = s_.find('"', i_ + 1);
      if (close == s_.npos) {
        fail("unterminated '\"'");
        return n;
      }
      const std::string lit(s_.substr(i_ + 1, close - i_ - 1));
      i_ = close + 1;
      return literal(lit);
    }
    if (c == ',' || c == ';' || c == ':' || c == '.' || c == '-' || c == '/') {
      ++i_;
      n.kind = PatternNode::Kind::Word;
      n.words.push_back(std::string(1, c));
      return n;
    }
    if (word_char(c)) {
      const std::size_t b = i_;
      while (i_ < s_.size() && word_char(s_[i_])) ++i_;
      n.kind = PatternNode::Kind::Word;
      n.words.push_back(fold(s_.substr(b, i_ - b)));
      return n;
    }
    fail("unexpected '" + std::string(1, c) + "'");
    return n;
  }

  // A macro's captures take the slots of the same names in this pattern.
  PatternNode remap(const ParsedPattern& macro) {
    std::vector<int> slot;
    for (const auto& name : macro.captures) {
      auto it = std::find(captures_.begin(), captures_.end(), name);
      slot.push_back(static_cast<int>(it - captures_.begin()));
      if (it == captures_.end()) captures_.push_back(name);
    }
    PatternNode copy = macro.root;
    renumber(copy, slot);
    return copy;
  }
  static void renumber(PatternNode& n, const std::vector<int>& slot) {
    if (n.kind == PatternNode::Kind::Capture) n.capture = slot[static_cast<std::size_t>(n.capture)];
    for (auto& c : n.children) renumber(c, slot);
  }

  // A quoted literal: its space-separated parts match consecutive tokens.
  static PatternNode literal(const std::string& lit) {
    PatternNode seqn;
    seqn.kind = PatternNode::Kind::Seq;
    std::size_t p = 0;
    while (p < lit.size()) {
      while (p < lit.size() && lit[p] == ' ') ++p;
      const auto q = std::min(lit.find(' ', p), lit.size());
      if (q > p) {
        PatternNode w;
        w.kind = PatternNode::Kind::Word;
        const std::string part = lit.substr(p, q - p);
        w.exact = fold(part) != part;
        w.words.push_back(w.exact ? part : fold(part));
        seqn.children.push_back(std::move(w));
      }
      p = q;
    }
    if (seqn.children.size() == 1) return std::move(seqn.children[0]);
    return seqn;
  }

  static constexpr std::size_t kMaxInstructions = 20000;

  // An upper bound of the instructions the compiler makes, saturating.
  static std::size_t compiled_size(const PatternNode& n) {
    using K = PatternNode::Kind;
    auto cap = [](std::size_t v) { return std::min<std::size_t>(v, 1u << 30); };
    std::size_t sum = 0;
    switch (n.kind) {
      case K::Word: case K::Class: case K::Mention: return 1;
      case K::Seq: for (const auto& c : n.children) sum = cap(sum + compiled_size(c)); return sum;
      case K::Alt: for (const auto& c : n.children) sum = cap(sum + compiled_size(c) + 2); return sum;
      case K::Capture: return cap(compiled_size(n.children[0]) + 2);
      case K::Repeat: {
        const std::size_t body = compiled_size(n.children[0]) + 2;
        const std::size_t times = static_cast<std::size_t>(n.max < 0 ? n.min + 1 : n.max);
        return cap(body * std::max<std::size_t>(times, 1));
      }
    }
    return 1;
  }

  std::string_view s_;
  const PatternEnv& env_;
  std::vector<std::string> captures_;
  std::size_t i_ = 0;
  bool ok_ = true;
  std::string error_;
  std::size_t error_col_ = 0;
};

}  // namespace

Result<ParsedPattern> parse_pattern(std::string_view text, const PatternEnv& env,
                                    std::vector<std::string> captures) {
  return Parser(text, env, std::move(captures)).run();
}

std::string PatternNode::dump(const LabelTable& table) const {
  auto join = [&](const char* sep) {
    std::string out;
    for (std::size_t i = 0; i < children.size(); ++i) {
      if (i) out += sep;
      out += children[i].dump(table);
    }
    return out;
  };
  switch (kind) {
    case Kind::Word: {
      std::string out = words.size() > 1 ? "(" : "";
      for (std::size_t i = 0; i < words.size(); ++i) out += (i ? "|" : "") + words[i];
      return out + (words.size() > 1 ? ")" : "");
    }
    case Kind::Class: {
      static constexpr const char* kNames[] = {"any", "cap", "capword", "upper", "lower", "num", "punct", "initial", "quote", "start"};
      return std::string("<") + kNames[static_cast<int>(cls)] + ">";
    }
    case Kind::Mention: {
      std::string out;
      for (std::size_t i = 0; i < labels.size(); ++i) out += (i ? "|@" : "@") + table.name(labels[i]);
      return out;
    }
    case Kind::Seq: return "(" + join(" ") + ")";
    case Kind::Alt: return "(" + join(" | ") + ")";
    case Kind::Repeat:
      return children[0].dump(table) + "{" + std::to_string(min) + "," +
             (max < 0 ? std::string() : std::to_string(max)) + "}";
    case Kind::Capture: return "#" + std::to_string(capture) + ":" + children[0].dump(table);
  }
  return "?";
}

}  // namespace newsgraph::extract
