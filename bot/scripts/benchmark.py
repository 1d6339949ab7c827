"""Benchmark of the chat path as a visitor uses it: conversations sent through the site's POST /api/v1/chat/, which
forwards to Rasa, whose actions ask the site's API. Not a test: it prints figures.

Start HelpHub first (`make run`), then:  .venv/bin/python bot/scripts/benchmark.py [--site URL] [--conversations N]
With --rasa URL (e.g. http://127.0.0.1:5005) the messages go straight to Rasa's REST channel, as the site sends them:
the time inside Rasa (understanding, the crisis layer, the rules, the actions' calls to the site).

Each conversation is the three messages of the usual path (opening, what happened, who needs help) and ends with
the channels; languages and situations rotate. The page sends its country, as the widget does. Prints, for each
level of concurrency: messages per second, p50/p95/p99 latency per message, errors and fallbacks, and the resident
memory of the Rasa and action-server processes (read from /proc) before and after.
"""

import argparse
import itertools
import statistics
import threading
import time
import uuid
from pathlib import Path

import requests

CONVERSATIONS = {
    "en": ("GB", ["hi", "someone is threatening to share my nudes unless i pay", "it's me, i'm 15"]),
    "es": ("ES", ["hola", "me están chantajeando con unas fotos mías", "soy yo, tengo 15"]),
    "fr": ("FR", ["salut", "un adulte écrit à mon fils sur un jeu et lui demande des photos", "je suis sa mère"]),
    "de": ("DE", ["hallo", "ich habe ein missbrauchsvideo von einem kind gefunden", "für einen freund"]),
    "it": ("IT", ["ciao", "un tizio mi ricatta con le mie foto, vuole soldi", "sono io, ho 15 anni"]),
    "pl": ("PL", ["hej", "ktoś mnie szantażuje moimi zdjęciami i chce kasy", "to ja, mam 14 lat"]),
    "pt": ("PT", ["olá", "um gajo está a chantagear-me com as minhas fotos e quer dinheiro", "sou eu, tenho 15 anos"]),
    "nl": ("NL", ["hoi", "iemand chanteert me met mijn naaktfoto's en wil geld", "het gaat om mij, ik ben 15"]),
}
RASA = None  # set by --rasa: send straight to Rasa's REST channel instead of the site


def processes(*arguments: str) -> list[int]:
    """Python processes whose command line holds these arguments in this order (e.g. "rasa", "run")."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().decode().split("\0")
        except OSError:
            continue
        if not argv or ("python" not in Path(argv[0]).name and Path(argv[0]).name != "rasa"):
            continue
        names = [Path(arg).name for arg in argv]
        if any(names[i:i + len(arguments)] == list(arguments) for i in range(len(names))):
            found.append(int(entry.name))
    return found


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def conversation(site: str, lang: str, latencies: list, problems: dict, lock: threading.Lock) -> None:
    country, messages = CONVERSATIONS[lang]
    session = uuid.uuid4().hex
    with requests.Session() as http:
        for message in messages:
            started = time.perf_counter()
            try:
                if RASA:
                    response = http.post(f"{RASA}/webhooks/rest/webhook", timeout=30, json={
                        "sender": session, "message": message, "metadata": {"language": lang, "country": country}})
                else:
                    response = http.post(f"{site}/api/v1/chat/", timeout=30,
                                         json={"message": message, "session": session, "lang": lang, "country": country})
                elapsed = time.perf_counter() - started
                body = response.json()
                with lock:
                    latencies.append(elapsed)
                    if response.status_code != 200:
                        problems[f"HTTP {response.status_code}"] = problems.get(f"HTTP {response.status_code}", 0) + 1
                    elif isinstance(body, dict) and body.get("fallback"):
                        problems["fallback"] = problems.get("fallback", 0) + 1
            except (requests.RequestException, ValueError) as error:
                with lock:
                    problems[type(error).__name__] = problems.get(type(error).__name__, 0) + 1


def run(site: str, total: int, concurrency: int) -> dict:
    languages = itertools.cycle(CONVERSATIONS)
    queue = [next(languages) for _ in range(total)]
    latencies: list[float] = []
    problems: dict[str, int] = {}
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                if not queue:
                    return
                lang = queue.pop()
            conversation(site, lang, latencies, problems, lock)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)

    def pct(p):
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000

    return {"messages": len(latencies), "seconds": elapsed, "rate": len(latencies) / elapsed,
            "p50": pct(50), "p95": pct(95), "p99": pct(99), "mean": statistics.mean(ordered) * 1000,
            "problems": problems}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", default="http://127.0.0.1:8000")
    parser.add_argument("--conversations", type=int, default=60, help="conversations per concurrency level")
    parser.add_argument("--concurrency", default="1,4,8", help="comma-separated numbers of simultaneous visitors")
    parser.add_argument("--rasa", help="Rasa's URL: measure the time inside Rasa, without the site's proxy")
    args = parser.parse_args()
    global RASA
    RASA = args.rasa.rstrip("/") if args.rasa else None

    rasa, actions = processes("rasa", "run"), processes("-m", "rasa_sdk")
    if not rasa:
        raise SystemExit("No Rasa process found: start HelpHub with `make run` first.")
    print(f"Rasa processes {rasa}: {rss_mb(rasa):.0f} MB resident; action server {actions}: {rss_mb(actions):.0f} MB")
    run(args.site, 4, 1)  # warm up: first parse, first queries
    print(f"{'visitors':>8} {'messages':>8} {'msg/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'mean ms':>8}  problems")
    for concurrency in (int(c) for c in args.concurrency.split(",")):
        result = run(args.site, args.conversations, concurrency)
        print(f"{concurrency:>8} {result['messages']:>8} {result['rate']:>7.1f} {result['p50']:>7.0f} {result['p95']:>7.0f} "
              f"{result['p99']:>7.0f} {result['mean']:>8.0f}  {result['problems'] or 'none'}")
    print(f"After: Rasa {rss_mb(rasa):.0f} MB resident; action server {rss_mb(actions):.0f} MB")


if __name__ == "__main__":
    main()
