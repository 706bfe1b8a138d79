#!/usr/bin/env python3
"""Identity across articles: the seeds (../shared/seeds) extracted together
give one IRI per person. Every person named in the gold files
(../shared/gold/seeds/*.tsv) must be found under exactly one person IRI
(its schema:name or an alternateName matching the gold name the way the
scorer matches names: case and accents folded, the words of one name all in
the other). The team's examples and their gold are checked the same way.
Skips (exit 77) when ../shared/seeds is absent.

usage: identity.py NEWSGRAPH
"""
import glob
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
NAME = "http://schema.org/name"
ALT = "http://schema.org/alternateName"
LINE = re.compile(r'^<([^>]*)> <([^>]*)> "((?:[^"\\]|\\.)*)"')
STOP = {"the", "of", "to", "and", "in", "for", "a", "an"}


def words(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"['\u2019]s\b", "", s)
    return [w for w in re.split(r"[^\w]+", s) if w and w not in STOP]


def nested(a, b):
    a, b = words(a), words(b)
    return bool(a) and bool(b) and (all(w in b for w in a) or all(w in a for w in b))


def gold_persons(folder):
    out = set()
    for path in glob.glob(os.path.join(folder, "*.tsv")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 3 or line.startswith("#"):
                    continue
                rel = cols[0]
                if rel in ("position", "nationality", "visit"):
                    out.add(cols[1])
                elif rel == "meeting":
                    out.update(cols[1:3])
    return out - {"-", ""}


def person_names(prog, articles):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "all.nt")
        subprocess.run([prog, "extract", articles, "-o", out, "--quiet"], check=True)
        names = {}
        with open(out, encoding="utf-8") as f:
            for line in f:
                m = LINE.match(line)
                if m and m.group(2) in (NAME, ALT) and "/person/" in m.group(1):
                    names.setdefault(m.group(1), set()).add(m.group(3))
        return names


def check(prog, name, articles, gold):
    names = person_names(prog, articles)
    fails = 0
    persons = sorted(gold_persons(gold))
    for person in persons:
        iris = sorted(i for i, ns in names.items() if any(nested(person, n) for n in ns))
        if len(iris) != 1:
            fails += 1
            print(f"FAIL: {name}: {person!r} is {len(iris)} person IRIs: {iris}")
    print(f"{name}: {len(persons)} gold persons, {len(names)} person IRIs, {fails} not exactly one")
    return len(persons), fails


def main():
    prog = sys.argv[1]
    if not os.path.isdir(os.path.join(SHARED, "seeds")):
        print(f"SKIP: {SHARED}/seeds not found")
        return 77
    n, fails = check(prog, "seeds", os.path.join(SHARED, "seeds"), os.path.join(SHARED, "gold", "seeds"))
    ok = n >= 10 and fails == 0
    print(f"{1 if ok else 0} passed, {0 if ok else 1} failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
