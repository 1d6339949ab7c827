"""Reading the whole content folder into a checked plan: what load_content writes and the reports read."""

from pathlib import Path

from django.conf import settings

from directory.choices import SituationKey

from .directory import Reader
from .errors import ContentError, ContentErrors
from .pages import read_page_files

# `help:apps` links to the help finder's list of apps and how to report on each.
APPS = "apps"


def read_content(content_dir: Path) -> dict:
    """Read and check every file; raise ContentErrors listing every problem with its file and line."""
    reader = Reader()
    directory = content_dir / "directory"
    plan = {"countries": [], "situations": [], "channels": [], "platforms": [], "pages": [],
            "exclusions": reader.exclusions}
    try:
        plan["countries"] = reader.countries(directory / "countries.yaml")
        plan["situations"] = reader.situations(directory / "situations.yaml")
        codes = {entry.key for entry in plan["countries"]}
        plan["channels"] = reader.channels(directory / "channels", codes)
        plan["platforms"] = reader.platforms(directory / "platforms")
        reader.translations(directory / "translations", plan["situations"], plan["channels"], plan["platforms"])
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
            elif scheme == "help" and target and target not in (*SituationKey.values, APPS):
                reader.error(f.path, line, f"link to an unknown situation: help:{target} (or help:{APPS}, the apps)")
