// Differential test of rdf::measure_node_text (export/graph_impl.hpp), the
// word-at-a-time count ArticleGraph makes of every node, against the
// serd_strlen() that sord and serd_node_from_string use: the same bytes,
// characters and flags on many generated strings.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "export/graph_impl.hpp"

using namespace newsgraph;

namespace {

// Pieces that exercise every branch: ASCII runs longer and shorter than a
// word, 2-, 3- and 4-byte characters, lone continuation and lead bytes
// (invalid UTF-8 is counted, not rejected), NUL, newline, CR and quotes.
std::string generate(std::mt19937& rng) {
  static const std::string kPieces[] = {
      "a", "https://w3id.org/newsgraph/id/person/", "é", "中国", "\xF0\x9F\x98\x80", "\x80", "\xBF\xBF",
      "\xC3", "\n", "\r", "\"", "'", "\t", std::string(1, '\0'), " ", "0123456789abcdef", "\x7F", "\xFF",
  };
  std::uniform_int_distribution<std::size_t> count(0, 12), piece(0, std::size(kPieces) - 1);
  std::string s;
  for (std::size_t i = count(rng); i > 0; --i) s += kPieces[piece(rng)];
  return s;
}

}  // namespace

TEST_CASE("measure_node_text counts as serd_strlen does", "[export]") {
  std::mt19937 rng(3);
  for (int i = 0; i < 20000; ++i) {
    const std::string s = generate(rng);
    CAPTURE(s);
    std::size_t n_bytes = 0;
    SerdNodeFlags flags = 0;
    const std::size_t n_chars = serd_strlen(reinterpret_cast<const uint8_t*>(s.c_str()), &n_bytes, &flags);
    const rdf::NodeText t = rdf::measure_node_text(s);
    REQUIRE(t.n_bytes == n_bytes);
    REQUIRE(t.n_chars == n_chars);
    REQUIRE(t.flags == flags);
  }
}

TEST_CASE("measure_node_text: edge cases", "[export]") {
  CHECK(rdf::measure_node_text("").n_bytes == 0);
  CHECK(rdf::measure_node_text("").n_chars == 0);
  // Up to the first NUL only, as sord keeps it.
  const auto nul = rdf::measure_node_text(std::string("ab\0\"\n", 5));
  CHECK(nul.n_bytes == 2);
  CHECK(nul.n_chars == 2);
  CHECK(nul.flags == 0);
  // A word of 8 bytes holding two 3-byte characters and two ASCII bytes.
  const auto cjk = rdf::measure_node_text("a中国b");
  CHECK(cjk.n_bytes == 8);
  CHECK(cjk.n_chars == 4);
  CHECK(rdf::measure_node_text("say \"hi\"\r\n").flags == (SERD_HAS_NEWLINE | SERD_HAS_QUOTE));
}
