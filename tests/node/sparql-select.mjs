// Runs one SPARQL SELECT query over RDF files with Oxigraph (in-process) and
// prints the rows, one per line, values tab-separated (IRIs in <>, literals
// as their lexical form), sorted. Named graphs are queried as one union
// default graph.
//   node sparql-select.mjs QUERY.rq DATA...
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import oxigraph from "oxigraph";

const kFormats = { ".nq": "application/n-quads", ".trig": "application/trig", ".ttl": "text/turtle", ".nt": "application/n-triples" };
const [queryFile, ...files] = process.argv.slice(2);
if (!queryFile || files.length === 0) {
  console.error("usage: sparql-select.mjs QUERY.rq DATA...");
  process.exit(2);
}
const store = new oxigraph.Store();
for (const f of files) {
  const format = kFormats[extname(f)];
  if (!format) {
    console.error(`${f}: unknown extension`);
    process.exit(2);
  }
  store.load(readFileSync(f, "utf8"), { format });
}
const rows = [];
for (const binding of store.query(readFileSync(queryFile, "utf8"), { use_default_graph_as_union: true })) {
  const vals = [];
  for (const [, term] of binding) vals.push(term.termType === "NamedNode" ? `<${term.value}>` : term.value);
  rows.push(vals.join("\t"));
}
rows.sort();
for (const r of rows) console.log(r);
