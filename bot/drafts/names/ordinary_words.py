"""Which CLDR country names (of the 25 languages) are ordinary words in the assistant's training data?
For every language's CLDR list, every normalized name is looked for as whole word(s) in every training message of the
25 languages (bot/data/nlu/*.yml, bot/drafts/*/nlu.yml). A hit is a country mention, not an ordinary word, when the
message's own language names the same country with that word (its CLDR name or an alias); the rest are printed.
usage: cd site && ../.venv/bin/python ../bot/drafts/names/ordinary_words.py [names.json]
(with a path, also writes every CLDR name and alias there for wordfreq_scan.py)"""
import collections
import glob
import os
import re
import sys

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../../.."))
sys.path.insert(0, ROOT + "/site")
from directory import countries as C

LANGS = ["en", "es", "fr", "de", "it", "pl", "pt", "nl", "sv", "da", "nb", "fi", "et", "lv", "lt", "cs", "sk", "sl", "hr", "hu", "ro", "bg", "el", "uk", "ar"]
root = ROOT + "/bot/"
files = glob.glob(root + "data/nlu/*.yml") + glob.glob(root + "drafts/*/nlu.yml")
messages = collections.defaultdict(list)
for f in files:
    lang = os.path.basename(f)[:-4] if "/data/nlu/" in f else f.split("/")[-2]
    data = yaml.safe_load(open(f, encoding="utf-8"))
    for block in data.get("nlu", []):
        for key in ("examples",):
            for line in (block.get(key) or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    text = re.sub(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}", lambda m: m.group(1) or m.group(2), line[2:])
                    messages[lang].append(text)
print("messages per language:", {l: len(messages[l]) for l in LANGS}, file=sys.stderr)
padded = {l: [f" {C.normalize_name(m)} " for m in messages[l]] for l in LANGS}
# every word / bigram / trigram in the data, per language, with counts
grams = {}
for l in LANGS:
    c = collections.Counter()
    for p in padded[l]:
        w = p.split()
        for n in (1, 2, 3):
            for i in range(len(w) - n + 1):
                c[" ".join(w[i:i + n])] += 1
    grams[l] = c
own = {}  # language -> {normalized name: code} of its own CLDR names and all aliases
alias = {C.normalize_name(n): code for code, ns in C.ALIASES.items() for n in ns}
for l in LANGS:
    d = {C.normalize_name(n): code for code, n in C.all_countries(l)}
    own[l] = {**alias, **d}
names = collections.defaultdict(set)  # normalized CLDR name -> {(lang, code)}
for l in LANGS:
    for code, n in C.all_countries(l):
        names[C.normalize_name(n)].add((l, code))
hits = []
for name, where in sorted(names.items()):
    codes = {code for _l, code in where}
    for l in LANGS:
        k = grams[l].get(name, 0)
        if not k:
            continue
        if own[l].get(name) in codes:
            continue  # the language's own word for that country: a country mention
        ex = next(m for m, p in zip(messages[l], padded[l]) if f" {name} " in p)
        hits.append((name, sorted(where), l, k, ex))
by_name = collections.defaultdict(list)
for name, where, l, k, ex in hits:
    by_name[(name, tuple(where))].append((l, k, ex))
for (name, where), occ in sorted(by_name.items(), key=lambda x: -sum(k for _l, k, _e in x[1])):
    src = ",".join(sorted({l for l, _c in where})); codes = ",".join(sorted({c for _l, c in where}))
    total = sum(k for _l, k, _e in occ)
    print(f"{name!r:24} {codes:6} cldr[{src}]  in data: " + "; ".join(f"{l}x{k} ({e[:50]!r})" for l, k, e in occ[:4]) + f"  total={total}")
if len(sys.argv) > 1:
    import json
    json.dump({"cldr": {l: [(code, n, C.normalize_name(n)) for code, n in C.all_countries(l)] for l in LANGS},
               "aliases": {code: [C.normalize_name(n) for n in ns] for code, ns in C.ALIASES.items()}},
              open(sys.argv[1], "w"), ensure_ascii=False)
