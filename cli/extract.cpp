// `newsgraph extract PATH... -o OUT`: reads articles, extracts facts and
// writes one RDF graph. Part of cli/.
#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "cli/common.hpp"
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
  --debug             print each article's mentions and facts on stderr
  -q, --quiet         no summary on stderr

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
};

int extract(const Options& o) {
  const auto started = std::chrono::steady_clock::now();
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

  rdf::Graph graph(std::move(minter.value()));
  if (o.with_ontology) {
    if (auto st = graph.read(ontology_file(o.data_dir), rdf::Syntax::Turtle); !st) {
      std::fprintf(stderr, "newsgraph: %s\n", st.str().c_str());
      return kExitUsage;
    }
  }
  std::vector<extract::Diagnostic> diags;
  std::size_t printed = 0;
  std::size_t sentences = 0;
  std::map<std::string, std::size_t> entities, facts;
  auto flush_diags = [&] {
    for (; printed < diags.size(); ++printed) std::fprintf(stderr, "%s\n", diags[printed].str().c_str());
  };
  Status graph_status;
  const auto stats = extract::read_inputs(o.inputs, [&](extract::Article&& a) {
    if (date) {
      a.date = date;
      a.date_source = "option";
    }
    auto x = (*pipeline)->run(std::move(a));
    sentences += x.sentences.size();
    static constexpr const char* kKinds[] = {"persons", "countries", "cities", "organisations"};
    for (const auto& e : x.entities) ++entities[kKinds[static_cast<int>(e.kind)]];
    for (const auto& f : x.facts) {
      ++facts[std::string(f.planned ? "planned " : f.former ? "former " : "") + extract::fact_kind_name(f.kind)];
    }
    if (o.debug) {
      std::fprintf(stderr, "== %s%s%s  title=\"%s\" date=%s\n", x.article.file.c_str(),
                   x.article.line > 1 ? ":" : "", x.article.line > 1 ? std::to_string(x.article.line).c_str() : "",
                   x.article.title.c_str(), x.article.date ? x.article.date->iso().c_str() : "-");
      std::fprintf(stderr, "%s", (*pipeline)->dump_mentions(x).c_str());
      for (const auto& f : x.facts) std::fprintf(stderr, "%s\n", f.dump(x.entities).c_str());
    }
    for (auto& d : x.diagnostics) diags.push_back(std::move(d));
    if (graph_status) graph_status = graph.add(x);
    flush_diags();
  }, diags);
  flush_diags();
  if (!graph_status) {
    std::fprintf(stderr, "newsgraph: %s\n", graph_status.str().c_str());
    return kExitOutput;
  }

  int status = kExitOk;
  if (auto st = write_output(o.output, [&](std::FILE* f) { return graph.write(syntax, f); }); !st) {
    std::fprintf(stderr, "newsgraph: %s\n", st.str().c_str());
    return kExitOutput;
  }
  if (stats.skipped_files || stats.skipped_records) status = kExitSkipped;

  if (!o.quiet) {
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::string ent, fct;
    for (const auto& [k, n] : entities) ent += (ent.empty() ? "" : ", ") + std::to_string(n) + " " + k;
    for (const auto& [k, n] : facts) fct += (fct.empty() ? "" : ", ") + std::to_string(n) + " " + k;
    std::fprintf(stderr,
                 "newsgraph: %zu articles from %zu inputs, %zu sentences\n"
                 "  entities: %s\n  facts: %s\n  triples written: %zu%s%s\n"
                 "  skipped: %zu unreadable inputs, %zu records (reasons above)\n  time: %.2f s\n",
                 stats.articles, stats.files, sentences, ent.empty() ? "none" : ent.c_str(),
                 fct.empty() ? "none" : fct.c_str(), graph.size(),
                 o.output.empty() ? "" : " to ", o.output.c_str(), stats.skipped_files,
                 stats.skipped_records, secs);
  }
  return status;
}

}  // namespace

int run_extract(const std::vector<std::string>& args) {
  Options o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= args.size()) return false;
      out = args[++i];
      return true;
    };
    std::string dir;
    if (a == "-h" || a == "--help") {
      std::fputs(kExtractUsage, stdout);
      return kExitOk;
    } else if (a == "-o" || a == "--output") {
      if (!value(o.output)) return usage_error(a + " needs a file");
    } else if (a == "-f" || a == "--format") {
      if (!value(o.format)) return usage_error(a + " needs a format");
    } else if (a == "--base") {
      if (!value(o.base)) return usage_error("--base needs an IRI");
    } else if (a == "--date") {
      if (!value(o.date)) return usage_error("--date needs YYYY-MM-DD");
    } else if (a == "--rules") {
      if (!value(dir)) return usage_error("--rules needs a folder");
      o.rule_dirs.push_back(dir);
    } else if (a == "--data") {
      if (!value(o.data_dir)) return usage_error("--data needs a folder");
    } else if (a == "--with-ontology") {
      o.with_ontology = true;
    } else if (a == "--debug") {
      o.debug = true;
    } else if (a == "-q" || a == "--quiet") {
      o.quiet = true;
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
