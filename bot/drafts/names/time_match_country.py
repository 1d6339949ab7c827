"""Time match_country over held-out messages, each padded to ~200 characters with the next messages of its language.
usage: .venv/bin/python bot/drafts/names/time_match_country.py site/directory/countries.py [per-file sample, 40]"""
import glob
import importlib.util
import os
import re
import sys
import time

import yaml

spec = importlib.util.spec_from_file_location("countries_x", sys.argv[1])
mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
root = os.path.abspath(os.path.join(os.path.dirname(__file__), "../..")) + "/"
files = sorted(glob.glob(root + "drafts/*/holdout.yml") + glob.glob(root + "tests/nlu_holdout/*.yml"))
per_lang = {}
for f in files:
    data = yaml.safe_load(open(f, encoding="utf-8"))
    msgs = []
    for block in data.get("nlu", []):
        for line in (block.get("examples") or "").splitlines():
            line = line.strip()
            if line.startswith("- "):
                msgs.append(re.sub(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}", lambda m: m.group(1) or m.group(2), line[2:]))
    step = max(1, len(msgs) // int(sys.argv[2] if len(sys.argv) > 2 else 40))
    per_lang[f] = msgs[::step]
t0 = time.perf_counter(); mod.match_country("warm up"); print(f"index build {time.perf_counter()-t0:.2f}s")
short, long_ = [], []
for f, msgs in per_lang.items():
    for i, m in enumerate(msgs):  # msgs is the sample
        s = m; j = i
        while len(s) < 200:
            j = (j + 1) % len(msgs); s += ". " + msgs[j]
        s = s[:200]
        t = time.perf_counter(); mod.match_country(m); short.append(time.perf_counter() - t)
        t = time.perf_counter(); mod.match_country(s); long_.append(time.perf_counter() - t)
def q(xs, p): xs = sorted(xs); return xs[min(len(xs) - 1, int(p * len(xs)))]
for name, xs in (("message as written", short), ("padded to 200 chars", long_)):
    print(f"{name}: n={len(xs)} p50={q(xs,.5)*1000:.1f}ms p95={q(xs,.95)*1000:.1f}ms max={max(xs)*1000:.1f}ms")
