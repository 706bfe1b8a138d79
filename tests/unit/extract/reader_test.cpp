// Tests of reading articles: header blocks, JSON Lines, folders, bad input.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "extract/json_fields.hpp"
#include "extract/reader.hpp"

using namespace newsgraph::extract;
namespace fs = std::filesystem;

TEST_CASE("a header block gives metadata and the body after the blank line", "[extract]") {
  std::vector<Diagnostic> d;
  const auto a = parse_text_article(
      "title: Kenya and India agree\ndate: 2024-03-12\nurl: https://x.example/a\nid: ex-1\n\nNAIROBI -- Text.\n",
      "a.txt", d);
  CHECK(d.empty());
  CHECK(a.title == "Kenya and India agree");
  REQUIRE(a.date);
  CHECK(a.date->iso() == "2024-03-12");
  CHECK(a.date_source == "header");
  CHECK(a.url == "https://x.example/a");
  CHECK(a.id == "ex-1");
  CHECK(a.text == "NAIROBI -- Text.\n");
  CHECK(a.line == 6);
  CHECK(a.key() == "ex-1");
}

TEST_CASE("a body line with a colon is not a header", "[extract]") {
  std::vector<Diagnostic> d;
  const auto a = parse_text_article("BEIJING: Chinese President Xi Jinping held talks.\n\nMore.", "b.txt", d);
  CHECK(a.title.empty());
  CHECK(a.text.rfind("BEIJING:", 0) == 0);
  CHECK(a.key().rfind("h", 0) == 0);  // no id or url: a content hash
}

TEST_CASE("unreadable header values warn and are taken as absent", "[extract]") {
  std::vector<Diagnostic> d;
  const auto a = parse_text_article("title: [from URL] some-slug\ndate: unknown\n\nBody text here.", "c.txt", d);
  CHECK(a.title.empty());
  CHECK_FALSE(a.date);
  REQUIRE(d.size() == 2);
  CHECK(d[0].str() == "c.txt:1: warning: title '[from URL] some-slug' is not a headline; taken as absent");
  CHECK(d[1].str() == "c.txt:2: warning: date 'unknown' cannot be read; taken as absent");
}

TEST_CASE("invalid UTF-8 is replaced and reported, text is NFC", "[extract]") {
  std::vector<Diagnostic> d;
  const auto a = parse_text_article("Caf\xC3\xA9 \xFF\xFE ok and Cafe\xCC\x81.", "u.txt", d);
  CHECK(a.text == "Caf\xC3\xA9 \xEF\xBF\xBD\xEF\xBF\xBD ok and Caf\xC3\xA9.");
  REQUIRE(d.size() == 1);
  CHECK(d[0].str() == "u.txt: warning: 2 bytes of invalid UTF-8 replaced by U+FFFD (first at byte 6)");
}

TEST_CASE("JSON lines: fields, malformed records and wrong types", "[extract]") {
  std::vector<Diagnostic> d;
  auto a = parse_json_article(R"({"id":"r1","title":"T","date":"1987-02-26","text":"Some text.","url":null})",
                              "f.jsonl", 3, d);
  REQUIRE(a);
  CHECK(a->id == "r1");
  CHECK(a->title == "T");
  CHECK(a->date->iso() == "1987-02-26");
  CHECK(a->line == 3);
  CHECK(d.empty());

  CHECK_FALSE(parse_json_article(R"({"id": "x", "text": "unterminated)", "f.jsonl", 4, d));
  REQUIRE(d.size() == 1);
  CHECK(d[0].severity == Diagnostic::Severity::Error);
  CHECK(d[0].pos.line == 4);
  CHECK(d[0].pos.col > 0);
  CHECK(d[0].str().rfind("f.jsonl:4:", 0) == 0);
  CHECK(d[0].message.find("malformed JSON") != std::string::npos);

  d.clear();  // a number too large for a double is an error, not an exception (fuzzing)
  CHECK_FALSE(parse_json_article(R"({"text": "x", "n": 1e999999999999})", "f.jsonl", 9, d));
  REQUIRE(d.size() == 1);
  CHECK(d[0].str().rfind("f.jsonl:9: error: malformed JSON, record skipped: [json.exception.out_of_range.406]", 0) == 0);

  d.clear();
  CHECK_FALSE(parse_json_article(R"({"id": "x"})", "f.jsonl", 5, d));
  CHECK(d.at(0).str() == "f.jsonl:5: error: JSON record has no string 'text'; skipped");
  d.clear();
  CHECK_FALSE(parse_json_article(R"([1,2])", "f.jsonl", 6, d));
  CHECK(d.at(0).str() == "f.jsonl:6: error: JSON record is not an object; skipped");
  d.clear();
  auto b = parse_json_article(R"({"text":"Body.","title":7})", "f.jsonl", 7, d);
  REQUIRE(b);
  CHECK(b->title.empty());
  CHECK(d.at(0).str() == "f.jsonl:7: warning: 'title' is not a string; ignored");
}

TEST_CASE("read_inputs walks folders in sorted order and goes on after errors", "[extract]") {
  const auto dir = fs::temp_directory_path() / "newsgraph-reader-test";
  fs::remove_all(dir);
  fs::create_directories(dir / "sub");
  std::ofstream(dir / "b.txt") << "Second article text.";
  std::ofstream(dir / "a.jsonl") << "{\"id\":\"j1\",\"text\":\"One.\"}\nnot json\n\n{\"id\":\"j2\",\"text\":\"Two.\"}\n";
  std::ofstream(dir / "sub" / "c.txt") << "Third.";
  std::ofstream(dir / "ignored.md") << "Not an article.";
  std::ofstream(dir / "empty.txt") << "   \n";
  std::vector<Diagnostic> d;
  std::vector<std::string> seen;
  const auto stats = read_inputs({dir.string(), (dir / "missing.txt").string()},
                                 [&](Article&& a) { seen.push_back(a.id.empty() ? a.text : a.id); }, d);
  CHECK(seen == std::vector<std::string>{"j1", "j2", "Second article text.", "Third."});
  CHECK(stats.articles == 4);
  CHECK(stats.skipped_records == 2);  // the bad JSON line and the empty file
  CHECK(stats.skipped_files == 1);
  REQUIRE(d.size() == 3);
  CHECK(d[0].str().find("a.jsonl:2:") != std::string::npos);
  CHECK(d[1].str().find("empty.txt: warning: no article text; skipped") != std::string::npos);
  CHECK(d[2].str() == (dir / "missing.txt").string() + ": error: no such file or folder");
  fs::remove_all(dir);
}

TEST_CASE("the fast JSON record reader agrees with nlohmann::json on what it accepts", "[extract]") {
  // Lines it must read itself (the common shape of JSON Lines news).
  const std::vector<std::string> flat = {
      R"({"id": "a-1", "title": null, "date": "2024-06-28", "text": "Xi met Boluarte.\nThey talked."})",
      R"({"text":"caf\u00e9 \ud83d\ude00 \"q\" \\ \/ \b\f\n\r\t","ok":true,"no":false})",
      "{ \"text\" : \"Lima \xE2\x80\x94 Peru\" }",
      "{}",
  };
  for (const auto& line : flat) {
    INFO(line);
    const auto fields = read_flat_json_object(line);
    REQUIRE(fields);
    const auto j = nlohmann::json::parse(line);
    REQUIRE(fields->size() == j.size());
    for (const auto& f : *fields) {
      REQUIRE(j.contains(f.key));
      const auto& v = j.at(f.key);
      CHECK((f.kind == JsonField::Kind::String) == v.is_string());
      CHECK((f.kind == JsonField::Kind::Null) == v.is_null());
      if (v.is_string()) CHECK(f.value == v.get<std::string>());
    }
  }
  // Lines it must leave to the full parser: numbers, nesting, repeated keys,
  // bad escapes and surrogates, raw controls, invalid UTF-8, junk after.
  const std::vector<std::string> other = {
      R"({"text": "a", "n": 1})", R"({"text": "a", "o": {}})", R"({"text": "a", "text": "b"})",
      R"({"text": "\x"})", R"({"text": "\ud800"})", R"({"text": "\udc00"})", "{\"text\": \"a\tb\"}",
      "{\"text\": \"\xC0\xAF\"}", "{\"text\": \"\xED\xA0\x80\"}", R"({"text": "a"} x)", R"(["text"])",
      R"({"text": "a",})", "",
  };
  for (const auto& line : other) {
    INFO(line);
    CHECK_FALSE(read_flat_json_object(line));
  }
  // Random lines built from JSON's pieces: whenever the fast reader accepts
  // one, nlohmann accepts it too and reads the same strings.
  const std::vector<std::string> pieces = {"{", "}", "\"", "\"text\"", "\"id\"", ":", ",", " ", "null", "true",
                                           "1", "[", "]", "a", "\\n", "\\u00e9", "\\ud83d\\ude00", "\\ud83d",
                                           "\\", "\xC3\xA9", "\xC3", "\t", "\x01", "/",
                                           // longer than the eight or sixteen bytes scanned at a time
                                           "Lima talks on trade", "Peru, Chile and Bolivia ~",
                                           "Xi and Boluarte met in Lima on Friday, 28 June: {talks}"};
  std::uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1103515245u + 12345u; };
  int accepted = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string line = round % 2 ? "{\"text\":\"" : "{";
    const auto n = 1 + next() % 12;
    for (std::uint32_t k = 0; k < n; ++k) line += pieces[(next() >> 8) % pieces.size()];
    if (round % 3 == 0) line += "\"}";
    const auto fields = read_flat_json_object(line);
    if (!fields) continue;
    ++accepted;
    INFO(line);
    nlohmann::json j;
    REQUIRE_NOTHROW(j = nlohmann::json::parse(line));
    REQUIRE(j.is_object());
    REQUIRE(fields->size() == j.size());
    for (const auto& f : *fields) {
      REQUIRE(j.contains(f.key));
      if (f.kind == JsonField::Kind::String) CHECK(f.value == j.at(f.key).get<std::string>());
    }
  }
  CHECK(accepted > 100);  // the random lines do reach the accepting paths
}

TEST_CASE("the fast JSON record reader finds a string's special byte at every place in its runs", "[extract]") {
  // The plain runs are scanned sixteen bytes at a time: an escape, a quote,
  // a control, a DEL (plain) or a UTF-8 sequence (valid or not) at each
  // offset of strings of 0-70 bytes. The fast reader accepts exactly what
  // nlohmann accepts here (nothing needs the full parser but the errors)
  // and reads the same string.
  const std::vector<std::string> specials = {"\\\"", "\\n", "\\u00e9", "\x01", "\x7F", "\xC3\xA9",
                                             "\xE2\x80\x94", "\xC3", "\xC0\xAF", "\\", "\"x"};
  int accepted = 0, rejected = 0;
  for (std::size_t len = 0; len <= 70; ++len) {
    for (std::size_t at = 0; at <= len; ++at) {
      for (const auto& sp : specials) {
        std::string body;
        for (std::size_t k = 0; k < len; ++k) body += static_cast<char>('a' + (k * 7 + len) % 26);
        body.insert(at, sp);
        const std::string line = "{\"id\":\"a\",\"text\":\"" + body + "\"}";
        INFO("len " << len << " at " << at << " special " << sp);
        bool full = true;
        nlohmann::json j;
        try {
          j = nlohmann::json::parse(line);
        } catch (const nlohmann::json::exception&) {
          full = false;
        }
        const auto fields = read_flat_json_object(line);
        REQUIRE(fields.has_value() == full);
        if (!full) {
          ++rejected;
          continue;
        }
        ++accepted;
        REQUIRE(fields->size() == 2);
        CHECK((*fields)[1].value == j.at("text").get<std::string>());
      }
    }
  }
  CHECK(accepted > 10000);
  CHECK(rejected > 5000);
}

TEST_CASE("JSON Lines records longer than the read block, and one too long, are read right", "[extract]") {
  // Lines are read in blocks of 64 KiB: records that cross blocks, a last
  // line with no newline, and a line over the article limit (dropped, with
  // an error, and reading goes on).
  const auto path = fs::temp_directory_path() / "newsgraph-reader-long.jsonl";
  const std::string long_text(150000, 'a');
  {
    std::ofstream out(path, std::ios::binary);
    out << "{\"id\":\"l1\",\"text\":\"" << long_text << "\"}\n\n";
    out << "{\"id\":\"x\",\"text\":\"" << std::string(kMaxArticleBytes, 'b') << "\"}\n";
    out << "{\"id\":\"l2\",\"text\":\"Two.\"}\n";
    out << "{\"id\":\"l3\",\"text\":\"Three" << std::string(70000, ' ') << "end.\"}";
  }
  std::vector<Diagnostic> d;
  std::vector<std::string> ids, texts;
  const auto stats = read_inputs({path.string()}, [&](Article&& a) {
    ids.push_back(a.id);
    texts.push_back(a.text);
  }, d);
  CHECK(ids == std::vector<std::string>{"l1", "l2", "l3"});
  REQUIRE(texts.size() == 3);
  CHECK(texts[0] == long_text);
  CHECK(texts[1] == "Two.");
  CHECK(texts[2] == "Three" + std::string(70000, ' ') + "end.");
  CHECK(stats.skipped_records == 1);
  REQUIRE(d.size() == 1);
  CHECK(d[0].str() == path.string() + ":3: error: line longer than 8 MB; record skipped");
  CHECK(stats.bytes == fs::file_size(path) + 1 - 20);  // each line and its newline, the long one cut at the limit
  fs::remove(path);
}

TEST_CASE("read_records only splits the input, and parse_record parses each record as read_inputs does", "[extract]") {
  // extract -j N parses records in its workers: reading hands every line of
  // the shard on unparsed (a malformed one too), naming file and line, and
  // reports only what reading itself finds (a missing file, a line too long).
  const auto dir = fs::temp_directory_path() / "newsgraph-records-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    std::ofstream(dir / "a.jsonl", std::ios::binary)
        << "{\"id\":\"j1\",\"text\":\"One.\"}\nnot json\n \t\r\n{\"id\":\"j2\",\"text\":\"\\u0001Two.\"}\n"
        << "{\"id\":\"x\",\"text\":\"" << std::string(kMaxArticleBytes, 'b') << "\"}\n{\"text\":7}";
    std::ofstream(dir / "b.txt", std::ios::binary) << "title: Tea\n\nCaf\xC3\xA9 \xFF text.";
    std::ofstream(dir / "c.txt", std::ios::binary) << "  \n";
  }
  const std::vector<std::string> paths = {dir.string(), (dir / "missing.jsonl").string()};
  std::vector<Diagnostic> read_diags;
  std::vector<Record> records;
  ReadStats stats;
  read_records(paths, [&](Record&& r) { records.push_back(std::move(r)); }, read_diags, {}, stats);
  REQUIRE(records.size() == 6);
  const auto a = (dir / "a.jsonl").string();
  CHECK((records[0].json && records[0].file == a && records[0].line == 1 && records[0].bytes == "{\"id\":\"j1\",\"text\":\"One.\"}"));
  CHECK((records[1].json && records[1].line == 2 && records[1].bytes == "not json"));
  CHECK((records[2].json && records[2].line == 4));
  CHECK((records[3].json && records[3].line == 6 && records[3].bytes == "{\"text\":7}"));
  CHECK((!records[4].json && records[4].file == (dir / "b.txt").string() && records[4].line == 0));
  CHECK(records[4].bytes == "title: Tea\n\nCaf\xC3\xA9 \xFF text.");
  CHECK(!records[5].json);
  CHECK(stats.articles == 0);         // counted by whoever parses
  CHECK(stats.skipped_records == 1);  // the line too long
  CHECK(stats.skipped_files == 1);
  REQUIRE(read_diags.size() == 2);
  CHECK(read_diags[0].str() == a + ":5: error: line longer than 8 MB; record skipped");
  CHECK(read_diags[1].str() == (dir / "missing.jsonl").string() + ": error: no such file or folder");

  // Parsing the records one by one gives what read_inputs gives: the same
  // articles, and the same diagnostics in the same order once those of
  // reading are put back in their place (before the record read after them).
  std::vector<Diagnostic> parsed;
  std::vector<std::string> seen;
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (i == 3) parsed.push_back(read_diags[0]);
    if (auto art = parse_record(records[i], parsed)) seen.push_back(art->id + "|" + art->title + "|" + art->text);
  }
  parsed.push_back(read_diags[1]);
  std::vector<Diagnostic> direct;
  std::vector<std::string> direct_seen;
  const auto direct_stats = read_inputs(paths, [&](Article&& art) {
    direct_seen.push_back(art.id + "|" + art.title + "|" + art.text);
  }, direct);
  CHECK(seen == direct_seen);
  CHECK(seen == std::vector<std::string>{"j1||One.", "j2|| Two.", "|Tea|Caf\xC3\xA9 \xEF\xBF\xBD text."});
  REQUIRE(parsed.size() == direct.size());
  for (std::size_t i = 0; i < parsed.size(); ++i) CHECK(parsed[i].str() == direct[i].str());
  CHECK(direct_stats.articles == 3);
  CHECK(direct_stats.skipped_records == 4);  // not json, too long, text 7, blank c.txt
  fs::remove_all(dir);
}
