"""Guides and pages are written in Markdown and stored as Wagtail rich text through Wagtail's own converter, with the
same feature lists editors have in the CMS: what a field cannot hold is refused with its file and line."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from wagtail.models import Locale

from editorial.loader.pages import markdown_to_richtext
from pages.blocks import ANSWER_FEATURES, STEP_FEATURES, TEXT_FEATURES
from pages.models import GuidePage

CONTENT = Path(settings.CONTENT_DIR)
GUIDE = "talking-with-your-child.md"


@pytest.fixture
def copy(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def refused(copy: Path) -> str:
    with pytest.raises(CommandError) as error:
        call_command("load_content", content_dir=copy, check=True, stdout=StringIO())
    return str(error.value)


def insert_line(path: Path, after: str, text: str) -> int:
    """Put `text` on its own line after the line holding `after`; returns its line number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if after in line) + 1
    lines[index:index] = ["", text, ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 2


def test_markdown_becomes_rich_text_with_page_links_and_only_the_fields_features():
    def resolve(scheme, target):
        return 41 if scheme == "guide" else "/en/help/?situation=grooming"

    html = markdown_to_richtext(
        "# Section\n\nSee **this** [guide](guide:grooming-parents), the [help finder](help:grooming) and "
        "[eSafety](https://www.esafety.gov.au/?a=1&b=2).\n\n- one\n- two", resolve, TEXT_FEATURES).replace("\n", "")
    assert html == (
        '<h2>Section</h2><p>See <strong>this</strong> <a id="41" linktype="page">guide</a>, the '
        '<a href="/en/help/?situation=grooming">help finder</a> and '
        '<a href="https://www.esafety.gov.au/?a=1&amp;b=2">eSafety</a>.</p><ul><li>one</li><li>two</li></ul>')
    # A step holds no list or heading: the converter keeps their words, not the elements.
    assert markdown_to_richtext("## Not here\n\n- item", resolve, STEP_FEATURES).replace("\n", "") == "Not hereitem"


@pytest.mark.parametrize(("markdown", "element"), [
    ("| a | b |\n|---|---|\n| 1 | 2 |", "<p>"),  # Python-Markdown without the tables extension: a paragraph
    ("![a photo](photo.jpg)", "<img>"),
    ("#### A small heading", "<h4>"),
    ("<script>alert(1)</script>", "<script>"),
    ("<iframe src='https://example.org'></iframe>", "<iframe>"),
])  # fmt: skip
def test_markdown_a_guide_cannot_hold_is_refused_with_its_line(content, copy, markdown, element):
    path = copy / "guides" / "en" / GUIDE
    line = insert_line(path, "## ", markdown)
    if element == "<p>":  # tables are not Markdown here: the text is kept as written, nothing refused
        call_command("load_content", content_dir=copy, check=True, stdout=StringIO())
        return
    message = refused(copy)
    assert f"{GUIDE}:{line}:" in message and element in message, message
    assert ", ".join(TEXT_FEATURES) in message


def test_a_list_in_a_faq_answer_is_allowed_and_a_heading_is_refused(content, copy):
    path = copy / "guides" / "en" / GUIDE
    text = path.read_text(encoding="utf-8")
    answer = "Keep the door open without pushing."
    path.write_text(text.replace(answer, f"{answer}\n\n- a helpline\n- a trusted adult", 1), encoding="utf-8")
    call_command("load_content", content_dir=copy, check=True, stdout=StringIO())
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("- a helpline", "#### Who to call", 1), encoding="utf-8")
    line = text.split("\n").index("- a helpline") + 1
    message = refused(copy)
    assert f"{GUIDE}:{line}:" in message and "<h4>" in message and ", ".join(ANSWER_FEATURES) in message, message


def test_a_loaded_guide_links_other_guides_as_wagtail_page_links(content):
    guide = GuidePage.objects.get(locale=Locale.get_default(), slug="sextortion-young-people")
    texts = "".join(str(block.value.source) for block in guide.body if block.block_type == "text")
    assert 'linktype="page"' in texts and 'href="/en/help/?situation=self_harm"' in texts
    assert "wagtail-" not in texts  # no link left unresolved
