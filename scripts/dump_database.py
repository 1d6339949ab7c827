"""Every table of a SQLite database as sorted text, timestamps and random (v4) UUIDs masked: two loads of the same
content with different loader code must give equal dumps (docs/performance.md, "Loading the content").

    python scripts/dump_database.py var/a.sqlite3 /tmp/a.txt [--noid]   # --noid also leaves out every table's id

The reference index's ids are always left out: Wagtail numbers its rows in an order that differs between two runs.
"""

import re
import sqlite3
import sys

TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?(\+00:00|Z)?")
UUID4 = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}")
SKIP = {"django_migrations", "sqlite_sequence", "django_session"}


def main(database: str, out: str, noid: bool) -> None:
    connection = sqlite3.connect(database)
    tables = [r[0] for r in connection.execute("select name from sqlite_master where type='table' order by name")]
    with open(out, "w", encoding="utf-8") as dump:
        for table in tables:
            if table in SKIP or table.startswith("wagtailsearch_indexentry_fts_"):
                continue
            columns = [r[1] for r in connection.execute(f'pragma table_info("{table}")')]
            rows = []
            for row in connection.execute(f'select * from "{table}"'):  # noqa: S608 (names from sqlite_master)
                values = []
                for column, value in zip(columns, row, strict=True):
                    if column == "id" and (noid or table == "wagtailcore_referenceindex"):
                        continue
                    if isinstance(value, str):
                        value = UUID4.sub("<uuid4>", TIMESTAMP.sub("<timestamp>", value))
                    values.append(f"{column}={value!r}")
                rows.append(" | ".join(values))
            rows.sort()
            dump.write(f"## {table} ({len(rows)} rows)\n" + "".join(row + "\n" for row in rows))


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--noid"]
    if len(arguments) != 2:
        sys.exit(__doc__)
    main(arguments[0], arguments[1], "--noid" in sys.argv)
