"""What the content commands share: reading the checked plan, or stopping with every problem and its file and line."""

from pathlib import Path

from django.core.management.base import CommandError

from editorial.loader.errors import ContentErrors
from editorial.loader.plan import read_content


def read_or_fail(content_dir: Path, consequence: str) -> dict:
    try:
        return read_content(content_dir)
    except ContentErrors as errors:
        raise CommandError(f"{len(errors.errors)} problem(s) in the content files, {consequence}:\n{errors}") from None
