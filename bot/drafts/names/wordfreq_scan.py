"""CLDR country names (25 languages) that are frequent ordinary words (wordfreq zipf >= 3, ~1 per million words) in one
of the 25 languages (Estonian has no wordfreq list; Croatian is 'sh'), not counting a language's own name for the same
country (its CLDR name or an alias).
usage: python wordfreq_scan.py names.json, in a scratch virtualenv with wordfreq==3.1.1 (not a project dependency)."""
import collections
import json
import sys
import unicodedata

import wordfreq

d = json.load(open(sys.argv[1]))
WF = {l: l for l in ["en", "es", "fr", "de", "it", "pl", "pt", "nl", "sv", "da", "nb", "fi", "lv", "lt", "cs", "sk", "sl", "hu", "ro", "bg", "el", "uk", "ar"]}; WF["hr"] = "sh"
alias = {n: c for c, ns in d["aliases"].items() for n in ns}
own = {l: {**alias, **{norm: code for code, _n, norm in d["cldr"][l]}} for l in d["cldr"]}
names = collections.defaultdict(set)
for l, rows in d["cldr"].items():
    for code, n, norm in rows:
        names[norm].add((l, code))
def norm(w):
    w = unicodedata.normalize("NFKD", w); w = "".join(c for c in w if not unicodedata.combining(c)).casefold()
    return w.translate(str.maketrans({"ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ß": "ss", "ı": "i"}))
# normalized word -> max zipf per language, over the language's top words
top = {}
for l, wl in WF.items():
    t = {}
    for w in wordfreq.top_n_list(wl, 60000):
        z = wordfreq.zipf_frequency(w, wl)
        if z < 3.0: break
        k = " ".join("".join(ch if ch.isalnum() else " " for ch in norm(w)).split())
        t[k] = max(t.get(k, 0), z)
    top[l] = t
rows = []
for name, where in names.items():
    codes = {c for _l, c in where}
    for l, t in top.items():
        z = t.get(name)
        if z and own[l].get(name) not in codes:
            rows.append((name, ",".join(sorted(codes)), ",".join(sorted({x for x, _c in where})), l, z))
agg = collections.defaultdict(list)
for name, codes, src, l, z in rows: agg[(name, codes, src)].append((l, z))
for (name, codes, src), occ in sorted(agg.items(), key=lambda x: -max(z for _l, z in x[1])):
    print(f"{name!r:22} {codes:6} cldr[{src}]  " + " ".join(f"{l}:{z:.1f}" for l, z in sorted(occ, key=lambda x: -x[1])))
