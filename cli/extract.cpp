// `newsgraph extract PATH... -o OUT`: reads articles, extracts facts and
// writes one RDF graph. Part of cli/.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#ifdef NEWSGRAPH_MIMALLOC
#include <mimalloc.h>
#endif

#include "cli/common.hpp"
#include "cli/ordered_pool.hpp"
#include "export/graph.hpp"
#include "extract/pipeline.hpp"
#include "extract/reader.hpp"
#include "ontology/iri.hpp"
#include "ontology/vocab.hpp"

namespace newsgraph::cli {

namespace {

constexpr const char* kExtractUsage = R"(usage: newsgraph extract PATH... [options]

Reads news articles and writes the facts found in them as one RDF graph.
PATH is a file (.txt: one article; .jsonl: one JSON article per line), a
folder (searched recursively for *.txt and *.jsonl) or - for stdin.

options:
  -o, --output FILE   write to FILE instead of stdout; the syntax follows its
                      extension (.ttl .nt .nq .trig) unless --format is given.
                      FILE is replaced only when the run succeeds.
  -f, --format NAME   turtle (default), ntriples, nquads or trig
  --base IRI          base of the IRIs made for articles, persons, facts
                      (default https://w3id.org/newsgraph/id/)
  --date YYYY-MM-DD   publication date of every article (overrides headers)
  --rules DIR         also load the *.rules files in DIR (repeatable)
  --data DIR          where ontology/data, extract/lexicon and extract/patterns
                      are (default: $NEWSGRAPH_DATA, else the build's source tree)
  --with-ontology     add the vocabulary (`newsgraph ontology`) to the output
                      (written first)
  -j, --jobs N        extract articles in N threads (default: the cores
                      available); the output is the same for every N
  --shard K/N         take only records K, K+N, K+2N, ... (0 <= K < N), counting
                      JSON lines and text files over all inputs in order; the
                      N shards' outputs together hold the graph of one run
  --stats             print throughput, the time of each stage and peak memory
  --debug             print each article's mentions and facts on stderr
  -q, --quiet         no summary and no progress line on stderr (the progress
                      line is shown only when stderr is a terminal)

Output is streamed: each article's triples are written (sorted within the
article, articles in input order) before the next article is held, so memory
does not grow with the input. In Turtle and N-Triples a triple given by
several articles (an entity's type and name) is written once per article.

exit status:
  0  all input read
  1  some input was skipped (unreadable file, malformed JSON line); the
     output holds everything else
  2  usage error, or errors in rule or data files (nothing written)
  3  the output could not be written (an existing -o FILE is left intact)
)";

struct Options {
  std::vector<std::string> inputs;
  std::string output;
  std::string format;
  std::string base{ontology::vocab::kDefaultBase};
  std::string date;
  std::vector<std::string> rule_dirs;
  std::string data_dir;
  bool debug = false;
  bool quiet = false;
  bool with_ontology = false;
  bool stats = false;
  unsigned jobs = 1;
  extract::Shard shard;
};

// Bytes the inputs hold, when they are files and folders (for the progress
// line's ETA); 0 when stdin is among them or a size cannot be read.
std::size_t input_bytes(const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  std::size_t total = 0;
  for (const auto& in : inputs) {
    std::error_code ec;
    if (in == "-") return 0;
    if (fs::is_directory(in, ec)) {
      fs::recursive_directory_iterator it(in, fs::directory_options::skip_permission_denied, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        const auto ext = it->path().extension().string();
        std::error_code fec;
        if ((ext == ".txt" || ext == ".jsonl") && it->is_regular_file(fec)) total += it->file_size(fec);
      }
    } else {
      const auto size = fs::file_size(in, ec);
      if (ec) return 0;
      total += size;
    }
  }
  return total;
}

double peak_rss_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;  // Linux: kilobytes
}

// Which allocator serves malloc: mimalloc when it is linked (NEWSGRAPH_MIMALLOC)
// and a block just allocated (calloc goes where malloc goes) is in its heap, which shows that its malloc
// replaced glibc's, not merely that the library was loaded.
std::string allocator_name() {
#ifdef NEWSGRAPH_MIMALLOC
  void* p = std::calloc(1, 64);  // calloc: GCC warns of passing uninitialised memory as const void*
  const bool ours = mi_is_in_heap_region(p);
  std::free(p);
  if (ours) return "mimalloc " + std::to_string(mi_version() / 100) + "." + std::to_string(mi_version() / 10 % 10) +
                   "." + std::to_string(mi_version() % 10);
  return "not mimalloc (linked, but another malloc was preloaded)";
#else
  return "the C library's malloc";
#endif
}

// The cores this process may run on (taskset, cgroup cpusets), else the machine's.
unsigned available_cores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) return static_cast<unsigned>(CPU_COUNT(&set));
  return std::max(1u, std::thread::hardware_concurrency());
}

// CPU seconds (user and system, all threads) used so far.
double cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  auto secs = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return secs(ru.ru_utime) + secs(ru.ru_stime);
}

// A record on its way to a worker, with the diagnostics of reading met since
// the record before it: they are shown before the record's own, in input
// order whatever -j is.
struct Pending {
  extract::Record record;
  std::vector<extract::Diagnostic> before;
};

// One record after parsing and extraction: the diagnostics of reading and
// parsing it; when it held an article, its facts, its rendered graph, and
// the time each stage took.
struct Extracted {
  std::vector<extract::Diagnostic> read_diags;  ///< Pending::before, then parse_record's.
  bool article = false;                         ///< parse_record gave an article.
  double parse_secs = 0;
  extract::Extraction x;
  extract::StageTimes times;
  rdf::Writer::Piece piece;
  Status status;  ///< Of building or rendering the graph.
  double graph_secs = 0, render_secs = 0;
};

int extract(const Options& o) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  auto since = [](Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); };
  rdf::Syntax syntax = rdf::Syntax::Turtle;
  if (!o.format.empty()) {
    auto s = rdf::parse_syntax(o.format);
    if (!s) return usage_error(s.status().message());
    syntax = s.value();
  } else if (!o.output.empty()) {
    rdf::syntax_from_extension(o.output, syntax);
  }
  auto minter = ontology::IriMinter::make(o.base);
  if (!minter) return usage_error("--base: " + minter.status().message());
  std::optional<extract::Date> date;
  if (!o.date.empty()) {
    date = extract::parse_iso_date(o.date);
    if (!date) return usage_error("--date must be YYYY-MM-DD, not '" + o.date + "'");
  }
  auto pipeline = extract::Pipeline::load({o.data_dir.empty() ? default_data_dir() : o.data_dir, o.rule_dirs});
  if (!pipeline) {
    std::fprintf(stderr, "%s\n", pipeline.status().str().c_str());
    return kExitUsage;
  }
  const extract::Pipeline& pipe = *pipeline.value();
  const auto load_secs = since(started);
  const auto load_cpu = cpu_seconds();

  // Each article's graph is built and rendered (rdf::Writer::render) by the
  // thread that extracted it, and written in input order before the next
  // article is held: memory depends on the largest article and the -j
  // window, not on the input, and -j N writes the same bytes as -j 1.
  const ontology::IriMinter mint = minter.value();
  rdf::Graph graph(std::move(minter.value()));  // the ontology, when asked for
  if (o.with_ontology) {
    if (auto st = graph.read(ontology_file(o.data_dir), rdf::Syntax::Turtle); !st) {
      std::fprintf(stderr, "newsgraph: %s\n", st.str().c_str());
      return kExitUsage;
    }
  }
  std::vector<extract::Diagnostic> diags;
  std::size_t printed = 0;
  std::size_t articles = 0, sentences = 0, fact_count = 0;
  // Entities by kind, facts by kind and as they are planned, former or
  // neither: counted per article as numbers, named for the summary.
  static constexpr const char* kEntityKinds[] = {"persons", "countries", "cities", "organisations"};
  static constexpr std::size_t kFactKinds = static_cast<std::size_t>(extract::FactKind::Relation) + 1;
  std::size_t entity_counts[std::size(kEntityKinds)] = {};
  std::size_t fact_counts[kFactKinds][3] = {};  // neither, planned, former
  extract::StageTimes stage;
  double read_secs = 0, graph_secs = 0, write_secs = 0;
  const bool progress = !o.quiet && isatty(fileno(stderr));
  const std::size_t total_bytes = progress ? input_bytes(o.inputs) : 0;
  std::size_t written_statements = 0;
  extract::ReadStats stats;  // counted while reading
  auto last_progress = Clock::now();
  auto flush_diags = [&] {
    if (printed < diags.size() && progress) std::fputs("\r\033[K", stderr);
    for (; printed < diags.size(); ++printed) std::fprintf(stderr, "%s\n", diags[printed].str().c_str());
  };
  auto show_progress = [&](bool force) {
    if (!progress || (!force && since(last_progress) < 0.5)) return;
    last_progress = Clock::now();
    const double secs = since(started) - load_secs;
    const double mb = static_cast<double>(stats.bytes) / 1e6;
    const double rate = secs > 0 ? mb / secs : 0;
    std::string eta;
    if (total_bytes > 0 && rate > 0) {
      const double left = (static_cast<double>(total_bytes) / 1e6 - mb) / rate;
      char buf[64];
      std::snprintf(buf, sizeof buf, ", %.0f%%, ETA %.0f s", 100.0 * mb * 1e6 / static_cast<double>(total_bytes),
                    left > 0 ? left : 0);
      eta = buf;
    }
    std::fprintf(stderr, "\r\033[Knewsgraph: %zu articles, %.1f MB, %.1f MB/s%s", articles, mb, rate, eta.c_str());
    std::fflush(stderr);
  };

  Status out_status;
  const Status written = write_output(o.output, [&](std::FILE* f) -> Status {
    // The ontology (when asked for) is the first graph written; its prefixes
    // (owl:, rdfs:) are declared with the vocabulary's.
    const auto prefixes = graph.prefixes();
    auto writer = rdf::Writer::open(syntax, f, prefixes);
    if (!writer) return writer.status();
    if (o.with_ontology) {
      if (auto st = writer->write(graph); !st) return st;
      graph.clear();
    }
    // In input order, on this thread: counts, --debug, diagnostics, graph, output.
    auto write_one = [&](Extracted&& e) {
      // Counted here, in input order, as the records are parsed in the workers.
      for (auto& d : e.read_diags) diags.push_back(std::move(d));
      read_secs += e.parse_secs;
      if (!e.article) {
        ++stats.skipped_records;
        flush_diags();
        return;
      }
      ++stats.articles;
      // Diagnostics of reading come before those of the article read.
      flush_diags();
      auto& x = e.x;
      stage += e.times;
      ++articles;
      sentences += x.sentences.size();
      fact_count += x.facts.size();
      for (const auto& en : x.entities) ++entity_counts[static_cast<std::size_t>(en.kind)];
      for (const auto& fa : x.facts) ++fact_counts[static_cast<std::size_t>(fa.kind)][fa.planned ? 1 : fa.former ? 2 : 0];
      if (o.debug) {
        std::fprintf(stderr, "== %s%s%s  title=\"%s\" date=%s\n", x.article.file.c_str(),
                     x.article.line > 1 ? ":" : "", x.article.line > 1 ? std::to_string(x.article.line).c_str() : "",
                     x.article.title.c_str(), x.article.date ? x.article.date->iso().c_str() : "-");
        std::fprintf(stderr, "%s", pipe.dump_mentions(x).c_str());
        for (const auto& fa : x.facts) std::fprintf(stderr, "%s\n", fa.dump(x.entities).c_str());
      }
      for (auto& d : x.diagnostics) diags.push_back(std::move(d));
      flush_diags();
      if (!out_status) return;
      graph_secs += e.graph_secs;
      write_secs += e.render_secs;
      const auto t = Clock::now();
      out_status = e.status;
      if (out_status) out_status = writer->write(e.piece);
      write_secs += since(t);
      show_progress(false);
    };
    // Each article's graph is built in an ArticleGraph that a worker takes
    // from `spare` and gives back: its vocabulary nodes and Serd
    // environment serve the next article, and the bytes of a piece do not
    // depend on which one rendered it.
    std::mutex spare_mu;
    std::vector<std::unique_ptr<rdf::ArticleGraph>> spare;
    auto extract_one = [&](Pending&& p) {
      Extracted e;
      e.read_diags = std::move(p.before);
      auto t = Clock::now();
      auto a = extract::parse_record(p.record, e.read_diags);
      e.parse_secs = since(t);
      if (!a) return e;
      e.article = true;
      p.record.bytes = std::string();  // the article has its own copy of the text
      if (date) {
        a->date = date;
        a->date_source = "option";
      }
      e.x = pipe.run(std::move(*a), &e.times);
      t = Clock::now();
      std::unique_ptr<rdf::ArticleGraph> g;
      {
        std::lock_guard lock(spare_mu);
        if (!spare.empty()) {
          g = std::move(spare.back());
          spare.pop_back();
        }
      }
      if (!g) g = std::make_unique<rdf::ArticleGraph>(mint, syntax, prefixes);
      e.status = g->add(e.x);
      e.graph_secs = since(t);
      t = Clock::now();
      if (e.status) {
        if (auto piece = g->render()) {
          e.piece = std::move(piece.value());
        } else {
          e.status = piece.status();
        }
      }
      e.render_secs = since(t);
      std::lock_guard lock(spare_mu);
      spare.push_back(std::move(g));
      return e;
    };

    // The reading thread only splits the input into records (see
    // extract::Record); parsing them is extract_one's, in the workers.
    auto read_mark = Clock::now();
    std::vector<extract::Diagnostic> read_diags;  // of reading, not yet handed on with a record
    auto reading = [&](auto&& hand_on) {
      extract::read_records(o.inputs, [&](extract::Record&& r) {
        read_secs += since(read_mark);
        Pending p{std::move(r), std::move(read_diags)};
        read_diags.clear();
        hand_on(std::move(p));
        read_mark = Clock::now();
      }, read_diags, o.shard, stats);
      read_secs += since(read_mark);
    };
    if (o.jobs <= 1) {
      reading([&](Pending&& p) { write_one(extract_one(std::move(p))); });
    } else {
      OrderedPool<Pending, Extracted> pool(o.jobs, 16 * o.jobs, extract_one, write_one);
      reading([&](Pending&& p) { pool.push(std::move(p)); });
      pool.finish();
    }
    for (auto& d : read_diags) diags.push_back(std::move(d));
    flush_diags();
    if (!out_status) return out_status;
    const auto t = Clock::now();
    auto st = writer->finish();
    write_secs += since(t);
    written_statements = writer->statements();
    return st;
  });
  if (progress) std::fputs("\r\033[K", stderr);
  if (!written) {
    std::fprintf(stderr, "newsgraph: %s\n", written.str().c_str());
    return kExitOutput;
  }
  int status = kExitOk;
  if (stats.skipped_files || stats.skipped_records) status = kExitSkipped;

  if (!o.quiet) {
    const double secs = since(started);
    std::map<std::string, std::size_t> entities, facts;  // by name, in the summary's order
    for (std::size_t k = 0; k < std::size(kEntityKinds); ++k) {
      if (entity_counts[k] > 0) entities[kEntityKinds[k]] = entity_counts[k];
    }
    for (std::size_t k = 0; k < kFactKinds; ++k) {
      static constexpr const char* kHow[] = {"", "planned ", "former "};
      for (std::size_t how = 0; how < 3; ++how) {
        if (fact_counts[k][how] == 0) continue;
        facts[kHow[how] + std::string(extract::fact_kind_name(static_cast<extract::FactKind>(k)))] = fact_counts[k][how];
      }
    }
    std::string ent, fct;
    for (const auto& [k, n] : entities) ent += (ent.empty() ? "" : ", ") + std::to_string(n) + " " + k;
    for (const auto& [k, n] : facts) fct += (fct.empty() ? "" : ", ") + std::to_string(n) + " " + k;
    std::string shard;
    if (o.shard.count > 1) {
      shard = " (shard " + std::to_string(o.shard.index) + "/" + std::to_string(o.shard.count) + ", " +
              std::to_string(stats.other_shards) + " records left to other shards)";
    }
    std::fprintf(stderr,
                 "newsgraph: %zu articles from %zu inputs%s, %zu sentences\n"
                 "  entities: %s\n  facts: %s\n  triples written: %zu%s%s\n"
                 "  skipped: %zu unreadable inputs, %zu records (reasons above)\n  time: %.2f s\n",
                 stats.articles, stats.files, shard.c_str(), sentences, ent.empty() ? "none" : ent.c_str(),
                 fct.empty() ? "none" : fct.c_str(), written_statements,
                 o.output.empty() ? "" : " to ", o.output.c_str(), stats.skipped_files,
                 stats.skipped_records, secs);
  }
  if (o.stats) {
    // Rates over the time after loading rules and data (the run's steady state).
    const double secs = since(started) - load_secs;
    const double mb = static_cast<double>(stats.bytes) / 1e6;
    auto per_s = [&](double n) { return secs > 0 ? n / secs : 0.0; };
    std::fprintf(stderr,
                 "stats: %.1f MB in %.2f s with %u thread%s (+ %.2f s loading rules and data)\n"
                 "  %.2f MB/s, %.0f articles/s, %.0f sentences/s, %.0f facts/s, %.0f triples/s\n"
                 "  stage seconds%s: read %.2f, clean %.2f, segment %.2f, mentions %.2f, rules %.2f, graph %.2f, "
                 "serialise %.2f\n"
                 "  CPU: %.2f s, %.2f MB per CPU second\n"
                 "  peak RSS: %.1f MB, allocator: %s\n",
                 mb, secs, o.jobs, o.jobs == 1 ? "" : "s", load_secs, per_s(mb), per_s(static_cast<double>(articles)),
                 per_s(static_cast<double>(sentences)), per_s(static_cast<double>(fact_count)),
                 per_s(static_cast<double>(written_statements)), o.jobs > 1 ? " (parsing in read, and clean to serialise, summed over threads)" : "",
                 read_secs, stage.clean, stage.segment, stage.mentions, stage.rules, graph_secs, write_secs,
                 cpu_seconds() - load_cpu, mb / std::max(1e-9, cpu_seconds() - load_cpu), peak_rss_mb(),
                 allocator_name().c_str());
  }
  return status;
}

}  // namespace

int run_extract(const std::vector<std::string>& args) {
  Options o;
  o.jobs = available_cores();
  for (Args it(args); it.next();) {
    const std::string& a = it.arg();
    std::string dir;
    if (a == "-h" || a == "--help") {
      std::fputs(kExtractUsage, stdout);
      return kExitOk;
    } else if (a == "-o" || a == "--output") {
      if (!it.value(o.output)) return usage_error(a + " needs a file");
    } else if (a == "-f" || a == "--format") {
      if (!it.value(o.format)) return usage_error(a + " needs a format");
    } else if (a == "--base") {
      if (!it.value(o.base)) return usage_error("--base needs an IRI");
    } else if (a == "--date") {
      if (!it.value(o.date)) return usage_error("--date needs YYYY-MM-DD");
    } else if (a == "--rules") {
      if (!it.value(dir)) return usage_error("--rules needs a folder");
      o.rule_dirs.push_back(dir);
    } else if (a == "--data") {
      if (!it.value(o.data_dir)) return usage_error("--data needs a folder");
    } else if (a == "--with-ontology") {
      o.with_ontology = true;
    } else if (a == "--debug") {
      o.debug = true;
    } else if (a == "-q" || a == "--quiet") {
      o.quiet = true;
    } else if (a == "--stats") {
      o.stats = true;
    } else if (a == "-j" || a == "--jobs" || (a.size() > 2 && a.rfind("-j", 0) == 0 && a[2] != '-')) {
      std::string n = a.size() > 2 && a[1] == 'j' ? a.substr(2) : "";
      if (n.empty() && !it.value(n)) return usage_error(a + " needs a number of threads");
      if (n.empty() || n.size() > 4 || n.find_first_not_of("0123456789") != std::string::npos || std::stoul(n) == 0) {
        return usage_error("-j needs a number of threads (1 or more), not '" + n + "'");
      }
      o.jobs = static_cast<unsigned>(std::stoul(n));
    } else if (a == "--shard") {
      std::string k;
      if (!it.value(k)) return usage_error("--shard needs K/N");
      const auto slash = k.find('/');
      const std::string ks = k.substr(0, slash), ns = slash == std::string::npos ? "" : k.substr(slash + 1);
      auto number = [](const std::string& t) {
        return !t.empty() && t.size() <= 9 && t.find_first_not_of("0123456789") == std::string::npos;
      };
      if (!number(ks) || !number(ns) || std::stoul(ns) == 0 || std::stoul(ks) >= std::stoul(ns)) {
        return usage_error("--shard needs K/N with 0 <= K < N, not '" + k + "'");
      }
      o.shard = {std::stoul(ks), std::stoul(ns)};
    } else if (a.size() > 1 && a[0] == '-' ) {
      return usage_error("unknown option '" + a + "'");
    } else {
      o.inputs.push_back(a);
    }
  }
  if (o.inputs.empty()) return usage_error("extract needs at least one PATH (or - for stdin)");
  return extract(o);
}

}  // namespace newsgraph::cli
