"""Every training and held-out message of the 25 languages that match_country reads as a country, with how (exact name or
forgiven misspelling), to review by hand for ordinary words read as countries (NOT_MISSPELLINGS came from this).
usage: cd site && ../.venv/bin/python ../bot/drafts/names/scan_messages.py > scan.txt"""
import collections
import glob
import os
import re
import sys

import yaml

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "../../../site")))
from directory import countries as C

root = os.path.abspath(os.path.join(os.path.dirname(__file__), "../..")) + "/"
files = glob.glob(root + "data/nlu/*.yml") + glob.glob(root + "drafts/*/nlu.yml") + glob.glob(root + "drafts/*/holdout.yml") + glob.glob(root + "tests/nlu_holdout/*.yml")
out = collections.Counter()
for f in sorted(files):
    lang = os.path.basename(f)[:-4] if ("/data/nlu/" in f or "nlu_holdout" in f) else f.split("/")[-2]
    data = yaml.safe_load(open(f, encoding="utf-8"))
    for block in data.get("nlu", []):
        for line in (block.get("examples") or "").splitlines():
            line = line.strip()
            if not line.startswith("- "):
                continue
            text = re.sub(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}", lambda m: m.group(1) or m.group(2), line[2:])
            code = C.match_country(text)
            if code:
                cut = C.MISSPELLING_CUTOFF; C.MISSPELLING_CUTOFF = 1.01
                exact = C.match_country(text); C.MISSPELLING_CUTOFF = cut
                how = "exact"
                if not exact:
                    q = C.normalize_name(text).split(); bare = [C._without_arabic_prefix(w) for w in q]
                    langs = C.MATCH_LANGUAGES; forg = C._forgiven_names(langs)
                    hits = [(C._misspelling(c, n), c, n) for c in C._runs(q, 3) | C._runs(bare, 3) if C._letters(c) >= C.MIN_MISSPELT and c not in C.NOT_MISSPELLINGS for n in forg.get(c[0], ())]
                    how = "FUZZY " + repr(max(hits)[1:])
                out[(lang, code, how, block.get("intent"), text)] += 1
for (lang, code, how, intent, text), n in sorted(out.items(), key=lambda x: (x[0][2], x[0][1], x[0][0])):
    print(f"{how:5} {code} {lang} [{intent}] {text[:110]}")
