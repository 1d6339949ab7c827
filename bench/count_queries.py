"""Counts the database queries of a few pages, served by Django without any cache in front (run by benchmark.py
with the benchmark's environment: production settings, the bench database, Redis).

Prints one JSON object: {path: [queries of the first request in a fresh process, queries of the second]}.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "site"))

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main(paths: list[str]) -> None:
    client = Client(SERVER_NAME="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    counts = {}
    for path in paths:
        counts[path] = []
        for _attempt in range(2):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"{path}: HTTP {response.status_code}")
            counts[path].append(len(queries))
    print(json.dumps(counts))


if __name__ == "__main__":
    main(sys.argv[1:])
