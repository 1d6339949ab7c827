"""Import the seed content under content/ into the CMS, idempotently and all or nothing."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from editorial.loader.indexing import indexes_updated_at_the_end
from editorial.loader.writer import DirectoryWriter, PageWriter, Tally

from ._content import read_or_fail


class Command(BaseCommand):
    help = (
        "Check every file under content/ and import it into the CMS in one transaction. Records are matched by their "
        "stable keys; unchanged ones are skipped, and records an editor has changed in the CMS are kept as they are. "
        "Any invalid file stops the import with its file and line, and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("--content-dir", type=Path, default=settings.CONTENT_DIR, help="Folder to load from.")
        parser.add_argument("--check", action="store_true", help="Only check the files; write nothing.")

    def handle(self, *args, content_dir: Path, check: bool, verbosity: int, **options):
        plan = read_or_fail(content_dir, "nothing was loaded")
        if check:
            self.stdout.write(self.style.SUCCESS(f"{content_dir}: all content files are valid."))
            return
        tally = Tally()
        with transaction.atomic(), indexes_updated_at_the_end():
            directory = DirectoryWriter(tally)
            directory.countries(plan["countries"])
            directory.situations(plan["situations"])
            directory.channels(plan["channels"])
            directory.platforms(plan["platforms"])
            directory.finish()
            PageWriter(tally).write(plan["pages"])
        summary = f"Content loaded: {tally.created} created, {tally.updated} updated, {tally.unchanged} unchanged."
        self.stdout.write(self.style.SUCCESS(summary))
        if tally.kept:
            self.stdout.write(f"Kept as edited in the CMS ({len(tally.kept)}): " + "; ".join(tally.kept[:20]))
