"""Import the seed content under content/ into the CMS, idempotently and all or nothing."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from editorial.loader.directory import Reader
from editorial.loader.errors import ContentError, ContentErrors
from editorial.loader.pages import read_page_files
from editorial.loader.writer import DirectoryWriter, PageWriter, Tally


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
        try:
            plan = read_content(content_dir)
        except ContentErrors as errors:
            raise CommandError(f"{len(errors.errors)} problem(s) in the content files, nothing was loaded:\n{errors}") from None
        if check:
            self.stdout.write(self.style.SUCCESS(f"{content_dir}: all content files are valid."))
            return
        tally = Tally()
        with transaction.atomic():
            directory = DirectoryWriter(tally)
            directory.countries(plan["countries"])
            directory.situations(plan["situations"])
            directory.channels(plan["channels"])
            PageWriter(tally).write(plan["pages"])
        summary = f"Content loaded: {tally.created} created, {tally.updated} updated, {tally.unchanged} unchanged."
        self.stdout.write(self.style.SUCCESS(summary))
        if tally.kept:
            self.stdout.write(f"Kept as edited in the CMS ({len(tally.kept)}): " + "; ".join(tally.kept[:20]))


def read_content(content_dir: Path) -> dict:
    """Read and check every file; raise ContentErrors listing every problem with its file and line."""
    reader = Reader()
    directory = content_dir / "directory"
    plan = {"countries": [], "situations": [], "channels": [], "pages": []}
    try:
        plan["countries"] = reader.countries(directory / "countries.yaml")
        plan["situations"] = reader.situations(directory / "situations.yaml")
        codes = {entry.key for entry in plan["countries"]}
        plan["channels"] = reader.channels(directory / "channels", codes)
        reader.translations(directory / "translations", plan["situations"], plan["channels"])
    except ContentError as error:
        reader.errors.append(error)
    except FileNotFoundError as error:
        reader.errors.append(ContentError(error.filename, None, "file not found"))
    guides = read_page_files(content_dir / "guides", "guide", reader.errors)
    pages = read_page_files(content_dir / "pages", "page", reader.errors)
    plan["pages"] = guides + pages
    _check_pages(plan["pages"], reader)
    if reader.errors:
        raise ContentErrors(reader.errors)
    return plan


def _check_pages(files, reader: Reader):
    english = {(f.kind, f.slug) for f in files if f.language == settings.LANGUAGE_CODE}
    for required in ("home", "guides", "help"):
        if ("page", required) not in english:
            reader.error(Path("pages") / settings.LANGUAGE_CODE / f"{required}.md", None, "this page is required")
    sources = {(f.kind, f.slug): f for f in files if f.language == settings.LANGUAGE_CODE}
    for f in files:
        if (f.kind, f.slug) not in english:
            reader.error(f.path, None, f"no English page {f.slug!r} to translate from")
        elif f.kind == "guide" and f.language != settings.LANGUAGE_CODE:
            source = sources[(f.kind, f.slug)]
            for name in ("audience", "situations"):
                if f.meta.get(name) != source.meta.get(name):
                    reader.error(f.path, None, f"'{name}' must be the same as in the English guide ({source.meta.get(name)})")
        for scheme, target, line in f.links:
            if scheme == "page" and ("page", target) not in english:
                reader.error(f.path, line, f"link to a page that does not exist: page:{target}")
            elif scheme == "guide" and ("guide", target) not in english:
                reader.error(f.path, line, f"link to a guide that does not exist: guide:{target}")
            elif scheme == "help" and target and target not in _situation_keys():
                reader.error(f.path, line, f"link to an unknown situation: help:{target}")


def _situation_keys():
    from directory.choices import SituationKey

    return set(SituationKey.values)
