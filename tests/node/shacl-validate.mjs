// Validates RDF files against SHACL shapes with rdf-validate-shacl and prints
// every violation. Named graphs are validated as one union (the way a store
// with a union default graph sees them).
//   node tests/node/shacl-validate.mjs SHAPES.ttl DATA... 
// DATA syntax follows the extension (.ttl .nt .nq .trig). Prints one line per
// file ("ok FILE (N triples)" or "INVALID FILE: N violations" and the
// violations), exits 1 when any file does not conform, 2 on a read error.
import fs from 'node:fs';
import rdf from '@zazuko/env';
import N3 from 'n3';
import SHACLValidator from 'rdf-validate-shacl';

const FORMATS = { '.ttl': 'text/turtle', '.nt': 'application/n-triples', '.nq': 'application/n-quads', '.trig': 'application/trig' };

function read(file, union) {
  const ext = file.slice(file.lastIndexOf('.'));
  const format = FORMATS[ext];
  if (!format) throw new Error(`${file}: unknown extension (.ttl .nt .nq .trig)`);
  const quads = new N3.Parser({ format, baseIRI: 'file://' + fs.realpathSync(file) }).parse(fs.readFileSync(file, 'utf8'));
  const ds = rdf.dataset();
  for (const q of quads) {
    ds.add(union ? rdf.quad(q.subject, q.predicate, q.object) : q);
  }
  return ds;
}

const short = t => (t ? (t.termType === 'Literal' ? JSON.stringify(t.value) : `<${t.value}>`) : '-');

async function main() {
  const [shapesFile, ...files] = process.argv.slice(2);
  if (!shapesFile || files.length === 0) {
    console.error('usage: shacl-validate.mjs SHAPES.ttl DATA...');
    process.exit(2);
  }
  const validator = new SHACLValidator(read(shapesFile, true), { factory: rdf });
  let invalid = 0;
  for (const file of files) {
    let data;
    try {
      data = read(file, true);
    } catch (e) {
      console.error(`${file}: error: ${e.message}`);
      process.exit(2);
    }
    const report = await validator.validate(data);
    if (report.conforms) {
      console.log(`ok ${file} (${data.size} triples)`);
      continue;
    }
    invalid++;
    console.log(`INVALID ${file}: ${report.results.length} violations`);
    for (const r of report.results) {
      const msg = r.message.map(m => m.value).join('; ');
      const shape = r.sourceShape ? short(r.sourceShape) : '';
      console.log(`  ${short(r.focusNode)} ${short(r.path)} = ${short(r.value)}: ${msg} ` +
        `[${r.sourceConstraintComponent.value.replace('http://www.w3.org/ns/shacl#', 'sh:')} ${shape}]`);
    }
  }
  process.exit(invalid ? 1 : 0);
}

main().catch(e => { console.error(e.stack || String(e)); process.exit(2); });
