"""Check every link of the published directory and report what is broken, redirected or worth a look."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from editorial.linkcheck import DEFAULT_TIMEOUT, KINDS, Outcome, check_urls, links_of, record_name, records_to_check

# Broken first: what to fix today.
ORDER = {Outcome.BROKEN: 0, Outcome.TO_CHECK: 1, Outcome.REDIRECTED: 2}


class Command(BaseCommand):
    help = (
        "Request each link of the published channels, apps and countries (default language; HEAD, never a body, never "
        "following a redirect to another site) and print each problem: not found, server error, timeout, certificate "
        "or connection error, a redirect, a plain-http page. Exits with status 1 when a link is broken."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=sorted(KINDS), help="Check only channels, apps or countries.")
        parser.add_argument("--key", help="Check only the record with this key (a country: its ISO code).")
        parser.add_argument(
            "--timeout",
            type=float,
            default=DEFAULT_TIMEOUT,
            help=f"Seconds to wait for each answer (default {DEFAULT_TIMEOUT:g}).",
        )

    def handle(self, *args, kind, key, timeout, verbosity, **options):
        records = records_to_check(kind, key)
        if key and not records:
            raise CommandError(f"No published record with the key {key!r}.")
        rows = [(record, label, url) for record in records for label, url in links_of(record)]
        results = check_urls([url for _record, _label, url in rows], timeout)

        counts = dict.fromkeys(Outcome.values, 0)
        problems = []
        for record, label, url in rows:
            result = results[url]
            counts[result.outcome] += 1
            if result.outcome != Outcome.OK or verbosity > 1:
                problems.append(
                    (ORDER.get(result.outcome, 3), record_name(record), str(label), result.describe() or _("ok"), url)
                )
        problems.sort()
        if problems:
            header = (_("Record"), _("Field"), _("What is wrong"), _("Address"))
            table = [header] + [row[1:] for row in problems]
            widths = [min(max(len(row[i]) for row in table), 60) for i in range(3)]
            for row in table:
                self.stdout.write(
                    "  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[3]])
                )
            self.stdout.write("")
        summary = ngettext(
            "%(total)s link checked: %(ok)s ok, %(redirected)s redirected, %(broken)s broken",
            "%(total)s links checked: %(ok)s ok, %(redirected)s redirected, %(broken)s broken",
            len(rows),
        ) % {
            "total": len(rows), "ok": counts[Outcome.OK], "redirected": counts[Outcome.REDIRECTED],
            "broken": counts[Outcome.BROKEN],
        }  # fmt: skip
        if counts[Outcome.TO_CHECK]:
            summary += _(", %(count)s to check by hand (plain http, or the site refused the check)") % {
                "count": counts[Outcome.TO_CHECK]
            }
        self.stdout.write(summary)
        if counts[Outcome.BROKEN]:
            broken = counts[Outcome.BROKEN]
            raise CommandError(
                ngettext("%(count)s broken link.", "%(count)s broken links.", broken) % {"count": broken}, returncode=1
            )
