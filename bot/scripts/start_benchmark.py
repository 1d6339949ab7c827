"""Benchmark of the assistant's budgets at start: how long Rasa takes from launch to answering `/model/parse`, its
resident memory then and after understanding every held-out message, and the parse latency. Not a test: it prints
figures (docs/assistant.md, "25 languages in one model"). Train the model first (`make bot/models/helphub.tar.gz`).

From bot/, with the assistant's environment:  ../.venv-bot/bin/python scripts/start_benchmark.py [MODEL] [--port N]
For the training budget: `rm -rf .rasa` (Rasa's cache) and time `rasa train --skip-validation ...` as the Makefile
runs it.
"""

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from evaluate import examples

BOT = Path(__file__).resolve().parents[1]


def resident_mb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) // 1024 for line in status if line.startswith("VmRSS"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", nargs="?", default="models/helphub.tar.gz")
    parser.add_argument("--port", type=int, default=5099)
    args = parser.parse_args()
    url = f"http://127.0.0.1:{args.port}/model/parse"
    env = {**os.environ, "PYTHONPATH": str(BOT), "RASA_TELEMETRY_ENABLED": "false",
           "ACTION_SERVER_URL": "http://127.0.0.1:1/webhook"}  # parsing calls no action
    started = time.monotonic()
    rasa = subprocess.Popen([str(Path(sys.executable).parent / "rasa"), "run", "--enable-api", "-p", str(args.port),  # noqa: S603
                             "--model", args.model], cwd=BOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)

    def parse(text: str) -> dict:
        request = urllib.request.Request(url, json.dumps({"text": text}).encode(), {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - localhost
            return json.loads(response.read())

    try:
        while True:
            try:
                parse("hello")
                break
            except OSError:
                if rasa.poll() is not None or time.monotonic() - started > 300:
                    sys.exit("Rasa did not start")
                time.sleep(0.1)
        start = time.monotonic() - started
        after_start = resident_mb(rasa.pid)
        messages = [text for path in sorted((BOT / "tests" / "nlu_holdout").glob("*.yml"))
                    for text, _ in examples(path)]
        latencies = []
        for text in messages:
            began = time.monotonic()
            parse(text)
            latencies.append(time.monotonic() - began)
        latencies.sort()
        print(f"start {start:.1f} s; resident {after_start} MB after start, {resident_mb(rasa.pid)} MB after "
              f"{len(messages)} messages; parse p50 {latencies[len(latencies) // 2] * 1000:.1f} ms, "
              f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:.1f} ms; load {os.getloadavg()[0]:.1f}")
    finally:
        rasa.terminate()
        rasa.wait()


if __name__ == "__main__":
    main()
