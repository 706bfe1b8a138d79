#!/usr/bin/env python3
"""The vocabulary in the code (ontology/vocab.hpp) and the one for users
(ontology/newsgraph.ttl) cannot drift apart:

  - every term in vocab.hpp is declared in newsgraph.ttl (as a class,
    property or datatype), and every ng: term declared there is in vocab.hpp;
  - every ng: term has rdfs:label and rdfs:comment, every ng: property
    rdfs:domain and rdfs:range; every other term rdfs:label and
    rdfs:isDefinedBy;
  - every predicate, class and datatype in newsgraph's output on the examples
    and seeds is declared;
  - `newsgraph ontology` gives the file's triples in every syntax, and
    `extract --with-ontology` adds them to the output;
  - the checker itself reports a term added to vocab.hpp only, and one
    declared in newsgraph.ttl only (so this test can fail).

usage: ontology.py NEWSGRAPH
"""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
NG = "https://w3id.org/newsgraph/ns#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
DECLARING = {OWL + "Class", OWL + "ObjectProperty", OWL + "DatatypeProperty",
             OWL + "AnnotationProperty", RDFS + "Datatype", OWL + "NamedIndividual"}
PROPERTY = {OWL + "ObjectProperty", OWL + "DatatypeProperty"}
# The RDF language itself, not a term of any vocabulary to declare.
BUILTIN = {RDF + "type"}

# An N-Triples/N-Quads line: subject, predicate, object (IRI, blank or literal with datatype).
TRIPLE = re.compile(r'^(<[^>]*>|_:\S+) <([^>]*)> (<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:\^\^<([^>]*)>|@[\w-]+)?)')


def vocab_terms(text):
    """IRIs of the Term constants in vocab.hpp: namespaces, then Term{kNs, "local"}."""
    text = re.sub(r"\s+", " ", text)
    ns = dict(re.findall(r'std::string_view (k\w+) = "([^"]+)"', text))
    terms = {}
    for name, nsname, local in re.findall(r'Term (k\w+)\{(k\w+), "([^"]+)"\}', text):
        if nsname not in ns:
            raise SystemExit(f"vocab.hpp: {name} uses unknown namespace {nsname}")
        terms[ns[nsname] + local] = name
    return terms


def parse_nt(text):
    out = []
    for line in text.splitlines():
        m = TRIPLE.match(line)
        if m:
            s, p, o, dt = m.groups()
            out.append((s.strip("<>"), p, o.strip("<>") if o.startswith("<") else o, dt))
    return out


def serdi(path, syntax="turtle"):
    r = subprocess.run(["serdi", "-i", syntax, "-o", "ntriples", path], capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"serdi cannot read {path}: {r.stderr}")
    return r.stdout


def check(vocab, triples):
    """Problems between the vocab.hpp terms and the ontology's triples."""
    problems = []
    types, props = {}, {}
    for s, p, o, _ in triples:
        if p == RDF + "type":
            types.setdefault(s, set()).add(o)
        props.setdefault(s, set()).add(p)
    declared = {s for s, t in types.items() if t & DECLARING}
    for iri, name in sorted(vocab.items()):
        if iri not in declared and iri not in BUILTIN:
            problems.append(f"vocab.hpp {name} <{iri}> is not declared in newsgraph.ttl")
    for iri in sorted(declared):
        has = props.get(iri, set())
        if iri.startswith(NG):
            if iri not in vocab:
                problems.append(f"newsgraph.ttl declares <{iri}>, which vocab.hpp does not have")
            for need in ("label", "comment"):
                if RDFS + need not in has:
                    problems.append(f"<{iri}> has no rdfs:{need}")
            if types[iri] & PROPERTY:  # (a named individual has neither)
                for need in ("domain", "range"):
                    if RDFS + need not in has:
                        problems.append(f"<{iri}> has no rdfs:{need}")
        else:
            for need in ("label", "isDefinedBy"):
                if RDFS + need not in has:
                    problems.append(f"<{iri}> has no rdfs:{need}")
    return problems, declared


def main():
    prog = sys.argv[1]
    passed = failed = 0

    def verdict(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL:", what)

    ttl = os.path.join(ROOT, "ontology", "newsgraph.ttl")
    with open(os.path.join(ROOT, "ontology", "vocab.hpp"), encoding="utf-8") as f:
        vocab_text = f.read()
    vocab = vocab_terms(vocab_text)
    verdict(len(vocab) > 40, f"only {len(vocab)} terms read from vocab.hpp")
    onto = parse_nt(serdi(ttl))
    problems, declared = check(vocab, onto)
    for p in problems:
        print("  ", p)
    verdict(not problems, f"{len(problems)} differences between vocab.hpp and newsgraph.ttl")

    # The checker sees drift both ways.
    bogus = vocab_text + '\ninline constexpr Term kBogus{kNg, "bogusTerm"};\n'
    p2, _ = check(vocab_terms(bogus), onto)
    verdict(any("bogusTerm" in p for p in p2), "a term only in vocab.hpp is not reported")
    extra = onto + [(NG + "Stray", RDF + "type", OWL + "Class", None)]
    p3, _ = check(vocab, extra)
    verdict(any("Stray" in p and "vocab.hpp does not have" in p for p in p3),
            "a term only in newsgraph.ttl is not reported")

    # Everything newsgraph writes is declared.
    inputs = [os.path.join(ROOT, "examples", "articles")]
    if os.path.isdir(os.path.join(SHARED, "seeds")):
        inputs.append(os.path.join(SHARED, "seeds"))
    else:
        print(f"SKIP: {SHARED}/seeds not found; seeds' output is not checked (examples' is)")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.nt")
        subprocess.run([prog, "extract", *inputs, "-o", out, "--quiet"], check=True)
        used = set()
        with open(out, encoding="utf-8") as f:
            for s, p, o, dt in parse_nt(f.read()):
                used.add(p)
                if p == RDF + "type":
                    used.add(o)
                if dt:
                    used.add(dt)
        missing = sorted(used - declared - BUILTIN)
        for m in missing:
            print("   written but not declared:", m)
        verdict(len(used) > 30 and not missing, f"{len(missing)} terms written but not declared")

        # `newsgraph ontology` in every syntax: the file's triples.
        want = sorted(set(serdi(ttl).splitlines()))
        for syntax, ext in (("turtle", "ttl"), ("ntriples", "nt"), ("nquads", "nq"), ("trig", "trig")):
            path = os.path.join(tmp, "onto." + ext)
            r = subprocess.run([prog, "ontology", "-o", path], capture_output=True, text=True)
            verdict(r.returncode == 0, f"newsgraph ontology -o .{ext}: exit {r.returncode}: {r.stderr}")
            got = sorted(set(serdi(path, syntax).splitlines()))
            verdict(got == want, f"newsgraph ontology as {syntax} differs from newsgraph.ttl")

        # extract --with-ontology holds the vocabulary and the facts.
        withonto = os.path.join(tmp, "with.nt")
        subprocess.run([prog, "extract", inputs[0], "--with-ontology", "-o", withonto, "--quiet"], check=True)
        with open(withonto, encoding="utf-8") as f:
            lines = set(f.read().splitlines())
        verdict(set(want) <= lines, "extract --with-ontology lacks ontology triples")
        verdict(any("ns#Meeting>" in l and "22-rdf-syntax-ns#type" in l and "/meeting/" in l for l in lines),
                "extract --with-ontology lacks the facts")
        r = subprocess.run([prog, "ontology", "--data", tmp], capture_output=True, text=True)
        verdict(r.returncode == 2 and "newsgraph.ttl" in r.stderr,
                f"missing vocabulary file: exit {r.returncode}, not 2 naming the file")

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
