"""Print the coverage report of the content files (docs/coverage.md is its output)."""

from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from editorial.coverage import report
from editorial.reference import account, read_reference

from ._content import read_or_fail


class Command(BaseCommand):
    help = (
        "Print what the content files cover, as Markdown tables: countries by channel kind, pages and directory texts "
        "by language (current, stale, unmarked or missing translations), and channels by the age of their last check."
    )

    def add_arguments(self, parser):
        parser.add_argument("--content-dir", type=Path, default=settings.CONTENT_DIR, help="Folder to read.")
        parser.add_argument("--today", type=date.fromisoformat, default=None, help="Date to count ages from (YYYY-MM-DD).")

    def handle(self, *args, content_dir: Path, today: date | None, **options):
        plan = read_or_fail(content_dir, "no report")
        reference = content_dir / "reference" / "channels.yaml"
        accounting = account(plan, read_reference(reference)) if reference.exists() else None
        self.stdout.write(report(plan, today or date.today(), accounting), ending="")
