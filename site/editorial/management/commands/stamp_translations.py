"""Mark translations with the revision of the English they were translated from."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from ._content import read_or_fail


class Command(BaseCommand):
    help = (
        "Write `translated_from: <revision>` into every translation that has none: guides and pages in their front "
        "matter, directory texts in translations/<language>.yaml. Run it right after translating (or updating a "
        "stale translation and deleting its old translated_from line): it records that the translation matches the "
        "English as it is now. Translations already marked are left alone, so stale ones stay visible."
    )

    def add_arguments(self, parser):
        parser.add_argument("--content-dir", type=Path, default=settings.CONTENT_DIR, help="Folder to update.")
        parser.add_argument("--language", action="append", help="Only this language (repeatable).")

    def handle(self, *args, content_dir: Path, language: list[str] | None, **options):
        plan = read_or_fail(content_dir, "nothing was marked; fix them first")
        wanted = set(language or [code for code, _name in settings.LANGUAGES]) - {settings.LANGUAGE_CODE}
        english = {(f.kind, f.slug): f for f in plan["pages"] if f.language == settings.LANGUAGE_CODE}
        stamped = 0
        for page in plan["pages"]:
            if page.language in wanted and not page.translated_from:
                _stamp_front_matter(page.path, english[(page.kind, page.slug)].revision)
                stamped += 1
        inserts: dict[Path, list[tuple[int, str]]] = {}
        for entry in plan["situations"] + plan["channels"] + plan["platforms"]:
            for lang, (path, line) in entry.translation_at.items():
                if lang in wanted and not entry.translated_from.get(lang):
                    inserts.setdefault(path, []).append((line, entry.english_revision))
        for path, places in inserts.items():
            _stamp_yaml(path, places)
            stamped += len(places)
        self.stdout.write(self.style.SUCCESS(f"Marked {stamped} translation(s) with the English revision they match."))


def _stamp_front_matter(path: Path, revision: str):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    lines.insert(end, f"translated_from: {revision}\n")
    path.write_text("".join(lines), encoding="utf-8")


def _stamp_yaml(path: Path, places: list[tuple[int, str]]):
    """Insert `translated_from` as the first field under each record's key line (1-based line numbers)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for line, revision in sorted(places, reverse=True):
        key_line = lines[line - 1]
        indent = " " * (len(key_line) - len(key_line.lstrip()) + 2)
        lines.insert(line, f"{indent}translated_from: {revision}\n")
    path.write_text("".join(lines), encoding="utf-8")
