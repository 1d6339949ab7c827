"""Check that every entry of the reference list is in the directory or excluded with a reason."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from editorial.reference import account, read_reference

from ._content import read_or_fail


class Command(BaseCommand):
    help = (
        "List the entries of the reference list (content/reference/channels.yaml) that no channel names under "
        "'reference' and no channel file excludes with a reason; fails when there is any, or when a file names an "
        "entry the list does not have."
    )

    def add_arguments(self, parser):
        parser.add_argument("--content-dir", type=Path, default=settings.CONTENT_DIR, help="Folder to read.")
        parser.add_argument("--country", help="Only this country (ISO code).")

    def handle(self, *args, content_dir: Path, country: str | None, **options):
        plan = read_or_fail(content_dir, "nothing checked")
        result = account(plan, read_reference(content_dir / "reference" / "channels.yaml"))
        problems = [
            f"{path}:{line}: no reference entry named {name!r} (check the spelling)"
            for path, line, name in result["unknown"]
        ]
        problems += [
            f"not accounted for: {entry}"
            for entry in result["unaccounted"]
            if not country or entry.country == country.upper()
        ]
        for line in problems:
            self.stdout.write(line)
        if problems:
            raise CommandError(f"{len(problems)} reference entr{'y' if len(problems) == 1 else 'ies'} to account for")
        self.stdout.write(
            f"All {len(result['included']) + len(result['excluded'])} reference entries are accounted "
            f"for: {len(result['included'])} in the directory, {len(result['excluded'])} excluded."
        )
