// newsgraph: the command-line program. Dispatches `newsgraph COMMAND ARGS...`
// to the commands in cli/*.cpp; the one place that catches exceptions.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "cli/common.hpp"

namespace {

using namespace newsgraph::cli;

// Every command, in the order `newsgraph --help` lists them.
constexpr Command kCommands[] = {
    {"extract", "read news articles, write the facts found in them as RDF", run_extract},
    {"load", "push graph files into a SPARQL store (Graph Store HTTP Protocol)", run_load},
    {"ontology", "print the vocabulary (OWL) of the graphs newsgraph writes", run_ontology},
    {"merge", "union RDF graphs (newsgraph's or others') into one sorted graph", run_merge},
    {"query", "answer a SPARQL query over graph files, without a server", run_query},
    {"dot", "draw the network of officials in graph files for Graphviz", run_dot},
};

void print_help() {
  std::puts("usage: newsgraph COMMAND [ARGS...]\n       newsgraph --help | --version\n\ncommands:");
  for (const auto& c : kCommands) std::printf("  %-10s %s\n", c.name, c.summary);
  std::puts("\n'newsgraph COMMAND --help' describes a command, its options and exit statuses.");
}

int run(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return usage_error("no command given");
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_help();
    return kExitOk;
  }
  if (args[0] == "--version") {
    std::puts("newsgraph 0.1.0");
    return kExitOk;
  }
  for (const auto& c : kCommands) {
    if (args[0] == c.name) return c.run(std::vector<std::string>(args.begin() + 1, args.end()));
  }
  return usage_error("unknown command '" + args[0] + "'");
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "newsgraph: internal error: %s\n", e.what());
    return kExitUsage;
  }
}
