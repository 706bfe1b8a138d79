// Reading text and JSON Lines inputs. Part of newsgraph::extract.
#include "extract/reader.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "extract/json_fields.hpp"
#include "extract/text.hpp"
#include "ontology/iri.hpp"

namespace newsgraph::extract {
namespace fs = std::filesystem;
namespace {

Diagnostic warn(const std::string& file, std::size_t line, std::string msg) {
  return {Diagnostic::Severity::Warning, SourcePos{file, line, 0}, std::move(msg)};
}
Diagnostic error(const std::string& file, std::size_t line, std::string msg) {
  return {Diagnostic::Severity::Error, SourcePos{file, line, 0}, std::move(msg)};
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

// A header line is "key: value" with a short lower-case key, so that a body
// line like "BEIJING: Chinese President ..." is never taken for one.
bool header_line(std::string_view line, std::string& key, std::string& value) {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 24) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    const char c = line[i];
    if (!((c >= 'a' && c <= 'z') || c == '_' || c == '-')) return false;
  }
  key.assign(line.substr(0, colon));
  value = trim(line.substr(colon + 1));
  return true;
}

void report_decode(const DecodeReport& r, const std::string& file, std::size_t line,
                   std::vector<Diagnostic>& diags) {
  if (r.invalid_bytes) {
    diags.push_back(warn(file, line, std::to_string(r.invalid_bytes) +
                                         " bytes of invalid UTF-8 replaced by U+FFFD (first at byte " +
                                         std::to_string(r.first_invalid) + ")"));
  }
  if (r.controls) {
    diags.push_back(warn(file, line, std::to_string(r.controls) + " control characters replaced by spaces"));
  }
  if (r.utf16) diags.push_back(warn(file, line, "UTF-16 input converted to UTF-8"));
}

// Applies one metadata field from a header or JSON record.
void set_field(Article& a, const std::string& key, const std::string& value, const char* source,
               const std::string& file, std::size_t line, std::vector<Diagnostic>& diags) {
  if (key == "date") {
    if (auto d = parse_iso_date(value.substr(0, std::min<std::size_t>(value.size(), 10)))) {
      a.date = d;
      a.date_source = source;
    } else if (auto d2 = find_date_in_line(value)) {
      a.date = d2;
      a.date_source = source;
    } else if (!value.empty()) {
      diags.push_back(warn(file, line, "date '" + value + "' cannot be read; taken as absent"));
    }
  } else if (key == "title") {
    // Scrapers write "[from URL] some-slug" when they had no title.
    if (!value.empty() && value.front() == '[') {
      diags.push_back(warn(file, line, "title '" + value + "' is not a headline; taken as absent"));
    } else {
      a.title = value;
    }
  } else if (key == "url") {
    a.url = value;
  } else if (key == "id") {
    a.id = value;
  } else if (key == "source") {
    a.source = value;
  }
}

// Counts records over all inputs and says which belong to this shard.
struct Cursor {
  Shard shard;
  std::size_t next = 0;
  bool take(ReadStats& stats) {
    const bool mine = next++ % shard.count == shard.index;
    if (!mine) ++stats.other_shards;
    return mine;
  }
};

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

// Reads a stream line by line in large blocks (a byte at a time through the
// streambuf cost more than parsing the line did), keeping at most `limit`
// bytes of a line: the rest of a longer line is read and dropped, so memory
// stays bounded. It reads the stream to its end, so nothing else may read it
// after.
class LineReader {
 public:
  explicit LineReader(std::istream& in) : in_(in), block_(kBlockBytes) {}

  // The next line without its '\n'; false at the end of input. `too_long`
  // tells whether bytes were dropped.
  bool next(std::string& line, std::size_t limit, bool& too_long) {
    line.clear();
    too_long = false;
    bool any = false;
    for (;;) {
      if (pos_ == end_ && !refill()) {
        in_.setstate(std::ios::eofbit);
        return any;
      }
      any = true;
      const char* from = block_.data() + pos_;
      const auto* nl = static_cast<const char*>(std::memchr(from, '\n', end_ - pos_));
      const auto len = static_cast<std::size_t>((nl ? nl : block_.data() + end_) - from);
      const auto room = limit - line.size();
      line.append(from, std::min(len, room));
      if (len > room) too_long = true;
      if (nl) {
        pos_ += len + 1;
        return true;
      }
      pos_ = end_;
    }
  }

 private:
  static constexpr std::size_t kBlockBytes = 1u << 16;
  bool refill() {
    const auto got = in_.rdbuf()->sgetn(block_.data(), static_cast<std::streamsize>(block_.size()));
    pos_ = 0;
    end_ = got > 0 ? static_cast<std::size_t>(got) : 0;
    return end_ > 0;
  }
  std::istream& in_;
  std::vector<char> block_;
  std::size_t pos_ = 0, end_ = 0;
};

// Only splits the stream into lines: each line of this shard is handed on
// unparsed (see Record).
void read_jsonl_stream(std::istream& in, const std::string& file,
                       const std::function<void(Record&&)>& sink, std::vector<Diagnostic>& diags,
                       ReadStats& stats, Cursor& cursor) {
  std::string line;
  std::size_t n = 0;
  bool too_long = false;
  LineReader reader(in);
  while (reader.next(line, kMaxArticleBytes, too_long)) {
    ++n;
    stats.bytes += line.size() + 1;
    if (!too_long && line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (!cursor.take(stats)) continue;
    if (too_long) {
      diags.push_back(error(file, n, "line longer than " + std::to_string(kMaxArticleBytes >> 20) +
                                         " MB; record skipped"));
      ++stats.skipped_records;
      continue;
    }
    // The line's bytes go with the record; next() starts the next in a new string.
    sink(Record{true, std::move(line), file, n});
  }
}

void read_text(std::string&& bytes, const std::string& file, const std::function<void(Record&&)>& sink) {
  sink(Record{false, std::move(bytes), file, 0});
}

void read_path(const fs::path& p, const std::string& shown, const std::function<void(Record&&)>& sink,
               std::vector<Diagnostic>& diags, ReadStats& stats, Cursor& cursor) {
  ++stats.files;
  const auto ext = p.extension().string();
  if (ext == ".jsonl" || ext == ".ndjson") {
    std::ifstream in(p, std::ios::binary);
    if (!in) {
      diags.push_back(error(shown, 0, "cannot open file"));
      ++stats.skipped_files;
      return;
    }
    read_jsonl_stream(in, shown, sink, diags, stats, cursor);
    return;
  }
  if (!cursor.take(stats)) return;
  std::error_code ec;
  if (const auto size = fs::file_size(p, ec); !ec && size > kMaxArticleBytes) {
    diags.push_back(error(shown, 0, "file of " + std::to_string(size >> 20) + " MB is larger than an article can be (" +
                                        std::to_string(kMaxArticleBytes >> 20) + " MB); skipped"));
    ++stats.skipped_records;
    return;
  }
  std::string bytes;
  if (!read_file(p.string(), bytes)) {
    diags.push_back(error(shown, 0, "cannot read file"));
    ++stats.skipped_files;
    return;
  }
  stats.bytes += bytes.size();
  read_text(std::move(bytes), shown, sink);
}

}  // namespace

std::string Article::key() const {
  if (!id.empty()) return id;
  if (!url.empty()) return "u" + ontology::stable_hash(url);
  return "h" + ontology::stable_hash(text);
}

Article parse_text_article(std::string_view bytes, const std::string& file,
                           std::vector<Diagnostic>& diags) {
  DecodeReport report;
  std::string text = clean_text(bytes, &report);
  report_decode(report, file, 0, diags);
  Article a;
  a.file = file;
  a.line = 1;

  // Header block: every line up to the first blank line must be "key: value".
  std::size_t pos = 0, line_no = 0;
  std::vector<std::pair<std::string, std::string>> fields;
  bool header = false;
  while (pos < text.size()) {
    const auto nl = text.find('\n', pos);
    const std::string_view line(text.data() + pos, (nl == std::string::npos ? text.size() : nl) - pos);
    ++line_no;
    if (trim(line).empty()) {
      header = !fields.empty();
      pos = nl == std::string::npos ? text.size() : nl + 1;
      break;
    }
    std::string k, v;
    if (!header_line(line, k, v)) break;
    fields.emplace_back(std::move(k), std::move(v));
    pos = nl == std::string::npos ? text.size() : nl + 1;
  }
  if (header) {
    std::size_t ln = 0;
    for (const auto& [k, v] : fields) set_field(a, k, v, "header", file, ++ln, diags);
    a.line = line_no + 1;
    a.text = text.substr(pos);
  } else {
    a.text = std::move(text);
  }
  return a;
}

std::optional<Article> parse_json_article(std::string_view line, const std::string& file,
                                          std::size_t line_no, std::vector<Diagnostic>& diags) {
  // Most records are flat objects of strings: read those directly, the rest
  // (and every malformed line, for its error message) with nlohmann::json.
  auto fields = read_flat_json_object(line);
  if (!fields) {
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& e) {
      // A syntax error (parse_error, with the 1-based byte where parsing
      // stopped) or a number too large to hold (out_of_range, found by
      // fuzzing). nlohmann's message ends with the text it last read, which
      // can be a whole article: keep the reason, not the text.
      const auto* pe = dynamic_cast<const nlohmann::json::parse_error*>(&e);
      std::string why = e.what();
      if (const auto last = why.find("; last read:"); last != std::string::npos) why.resize(last);
      if (why.size() > 200) why = why.substr(0, 200) + "...";
      diags.push_back({Diagnostic::Severity::Error, SourcePos{file, line_no, pe ? pe->byte : 0},
                       "malformed JSON, record skipped: " + why});
      return std::nullopt;
    }
    if (!j.is_object()) {
      diags.push_back(error(file, line_no, "JSON record is not an object; skipped"));
      return std::nullopt;
    }
    fields.emplace();
    for (const auto& [key, value] : j.items()) {
      JsonField f;
      f.key = key;
      f.kind = value.is_string() ? JsonField::Kind::String
               : value.is_null() ? JsonField::Kind::Null
                                 : JsonField::Kind::Other;
      if (value.is_string()) f.value = value.get<std::string>();
      fields->push_back(std::move(f));
    }
  }
  auto field = [&](std::string_view key) -> const JsonField* {
    for (const auto& f : *fields) {
      if (f.key == key) return &f;
    }
    return nullptr;
  };
  const auto* text = field("text");
  if (!text || text->kind != JsonField::Kind::String) {
    diags.push_back(error(file, line_no, "JSON record has no string 'text'; skipped"));
    return std::nullopt;
  }
  Article a;
  a.file = file;
  a.line = line_no;
  DecodeReport report;
  a.text = clean_text(text->value, &report);
  report_decode(report, file, line_no, diags);
  if (a.text.find_first_not_of(" \t\n") == std::string::npos) {
    diags.push_back(warn(file, line_no, "empty 'text'; skipped"));
    return std::nullopt;
  }
  for (const char* key : {"id", "url", "title", "date", "source"}) {
    const auto* f = field(key);
    if (!f || f->kind == JsonField::Kind::Null) continue;
    if (f->kind != JsonField::Kind::String) {
      diags.push_back(warn(file, line_no, std::string("'") + key + "' is not a string; ignored"));
      continue;
    }
    set_field(a, key, clean_text(f->value), "json", file, line_no, diags);
  }
  return a;
}

std::optional<Article> parse_record(const Record& r, std::vector<Diagnostic>& diags) {
  if (r.json) return parse_json_article(r.bytes, r.file, r.line, diags);
  Article a = parse_text_article(r.bytes, r.file, diags);
  if (a.text.find_first_not_of(" \t\n") == std::string::npos) {
    diags.push_back(warn(r.file, 0, "no article text; skipped"));
    return std::nullopt;
  }
  return a;
}

ReadStats read_inputs(const std::vector<std::string>& paths,
                      const std::function<void(Article&&)>& sink, std::vector<Diagnostic>& diags, Shard shard) {
  ReadStats stats;
  read_inputs(paths, sink, diags, shard, stats);
  return stats;
}

void read_inputs(const std::vector<std::string>& paths, const std::function<void(Article&&)>& sink,
                 std::vector<Diagnostic>& diags, Shard shard, ReadStats& stats) {
  read_records(paths, [&](Record&& r) {
    if (auto a = parse_record(r, diags)) {
      ++stats.articles;
      sink(std::move(*a));
    } else {
      ++stats.skipped_records;
    }
  }, diags, shard, stats);
}

void read_records(const std::vector<std::string>& paths, const std::function<void(Record&&)>& sink,
                  std::vector<Diagnostic>& diags, Shard shard, ReadStats& stats) {
  Cursor cursor{shard, 0};
  for (const auto& path : paths) {
    if (path == "-") {
      // JSON Lines stream from stdin line by line; a text article is read
      // whole, up to the article limit.
      ++stats.files;
      std::streambuf* buf = std::cin.rdbuf();
      int c = buf->sgetc();
      while (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        buf->sbumpc();
        c = buf->sgetc();
      }
      if (c == '{') {
        read_jsonl_stream(std::cin, "-", sink, diags, stats, cursor);
        continue;
      }
      if (!cursor.take(stats)) {
        while (buf->sbumpc() != std::char_traits<char>::eof()) ++stats.bytes;
        continue;
      }
      std::string bytes;
      for (c = buf->sbumpc(); c != std::char_traits<char>::eof() && bytes.size() <= kMaxArticleBytes; c = buf->sbumpc()) {
        bytes.push_back(static_cast<char>(c));
      }
      if (bytes.size() > kMaxArticleBytes) {
        diags.push_back(error("-", 0, "stdin holds more than an article can be (" +
                                          std::to_string(kMaxArticleBytes >> 20) + " MB); skipped"));
        ++stats.skipped_records;
        continue;
      }
      stats.bytes += bytes.size();
      read_text(std::move(bytes), "-", sink);
      continue;
    }
    std::error_code ec;
    const fs::path p(path);
    const auto st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      diags.push_back(error(path, 0, "no such file or folder"));
      ++stats.skipped_files;
      continue;
    }
    if (!fs::is_directory(st)) {
      read_path(p, path, sink, diags, stats, cursor);
      continue;
    }
    // Folders: *.txt and *.jsonl below it, sorted so output does not depend on
    // the file system's order. Symlinked folders are not followed (no loops).
    std::vector<fs::path> files;
    fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      const auto ext = it->path().extension().string();
      if (ext != ".txt" && ext != ".jsonl") continue;
      std::error_code fec;
      if (it->is_regular_file(fec)) {
        files.push_back(it->path());
      } else if (!it->is_directory(fec)) {
        // A broken link or a device named like an article: say so.
        diags.push_back(error(it->path().string(), 0, "not a readable file; skipped"));
        ++stats.skipped_files;
      }
    }
    if (ec) diags.push_back(error(path, 0, "cannot list folder: " + ec.message()));
    std::sort(files.begin(), files.end());
    for (const auto& f : files) read_path(f, f.string(), sink, diags, stats, cursor);
  }
}

}  // namespace newsgraph::extract
