// Reading inputs: files, folders (recursively *.txt and *.jsonl) and stdin,
// as plain-text articles (optional `key: value` header) or JSON Lines.
// Part of newsgraph::extract; the first stage of the pipeline.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/document.hpp"

namespace newsgraph::extract {

/// The largest article read (a text file, or one JSON line). Larger inputs
/// are skipped with an error: no news article is this long, and holding one
/// would make memory depend on the input.
inline constexpr std::size_t kMaxArticleBytes = 8u << 20;

/// What reading counted. read_records counts all but `articles` and the
/// records that parse_record skips: whoever parses the records counts those.
struct ReadStats {
  std::size_t files = 0;            ///< Files opened (stdin counts as one).
  std::size_t articles = 0;         ///< Articles handed on.
  std::size_t skipped_records = 0;  ///< JSON lines or files that gave no article.
  std::size_t skipped_files = 0;    ///< Paths that could not be read at all.
  std::size_t bytes = 0;            ///< Input bytes read (all shards' records included).
  std::size_t other_shards = 0;     ///< Records left to other shards (not parsed).
};

/// Which records this run takes: record i (counted over all inputs in
/// order: each non-blank JSON line, each text file) when i mod `count` ==
/// `index`. Records of other shards are not parsed, so their errors are
/// reported by the shard that owns them. {0, 1} takes everything.
struct Shard {
  std::size_t index = 0;
  std::size_t count = 1;
};

/// Parses a text article: an optional header block of `key: value` lines
/// ended by a blank line, then the body. `file` is used in diagnostics.
/// Unreadable header values are dropped with a warning, never fatal.
Article parse_text_article(std::string_view bytes, const std::string& file,
                           std::vector<Diagnostic>& diags);

/// Parses one JSON Lines record (`text` plus optional `id`, `url`, `title`,
/// `date`). A malformed record gives an error Diagnostic and nothing.
std::optional<Article> parse_json_article(std::string_view line, const std::string& file,
                                          std::size_t line_no, std::vector<Diagnostic>& diags);

/// One record as read, not yet parsed: a JSON line or a text file's bytes.
/// Reading only finds where records end; parsing them (JSON, UTF-8
/// cleaning) is parse_record's, so that `extract -j N` does it in the
/// worker threads, not in the one thread that reads.
struct Record {
  bool json = true;     ///< A JSON Lines record, else a text article.
  std::string bytes;    ///< The line (without its '\n') or the file.
  std::string file;     ///< As shown in diagnostics.
  std::size_t line = 0;  ///< The JSON line's number (from 1); 0 for a text article.
};

/// Parses a record (parse_json_article or parse_text_article). Gives nothing,
/// with a diagnostic saying why, when the record holds no article.
std::optional<Article> parse_record(const Record& record, std::vector<Diagnostic>& diags);

/// Reads `paths` in order (folders in sorted order) and calls `sink` with
/// each record of this shard, in order. Problems of reading go to `diags`
/// (as they are met, so before the next record is handed on); reading
/// always goes on with the next input.
void read_records(const std::vector<std::string>& paths, const std::function<void(Record&&)>& sink,
                  std::vector<Diagnostic>& diags, Shard shard, ReadStats& stats);

/// Reads `paths` in order (folders in sorted order) and calls `sink` with each
/// article. Problems go to `diags`; reading always goes on with the next input.
ReadStats read_inputs(const std::vector<std::string>& paths,
                      const std::function<void(Article&&)>& sink,
                      std::vector<Diagnostic>& diags, Shard shard = {});

/// The same, counting into `stats` as reading goes on (so that `sink` can
/// show progress from it).
void read_inputs(const std::vector<std::string>& paths, const std::function<void(Article&&)>& sink,
                 std::vector<Diagnostic>& diags, Shard shard, ReadStats& stats);

}  // namespace newsgraph::extract
