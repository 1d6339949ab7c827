"""Reading guides and standard pages: Markdown with YAML front matter, and our block markers (`::: steps`)."""

import functools
import re
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import markdown
from django.conf import settings
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from directory.choices import SituationKey
from pages.blocks import ANSWER_FEATURES, STEP_FEATURES, TEXT_FEATURES

from .errors import ContentError
from .revisions import REVIEW_MACHINE, REVIEW_STATES, REVISION_PATTERN, revision
from .yamlfile import LineDict, load_yaml

GUIDE_AUDIENCES = ("young_people", "parents", "both")
BLOCK_TYPES = ("steps", "get-help", "faq")
LINK_PATTERN = re.compile(r"\]\(((page|guide|help):([^)\s]*))\)")
STRUCTURAL = {"home", "guides", "help"}


@dataclass
class PageFile:
    """One Markdown file. `blocks` is a list of (type, data) with links still written as page:/guide:/help:."""

    kind: str  # "guide" or "page"
    slug: str
    language: str
    path: Path
    meta: dict
    blocks: list = field(default_factory=list)
    links: list = field(default_factory=list)  # (scheme, target, line)
    body: str = ""

    @property
    def revision(self) -> str:
        """The revision of this file's words (title, summary, body): what a translation of it is made from."""
        return revision(self.meta.get("title"), self.meta.get("summary"), self.body.strip())

    @property
    def translated_from(self) -> str:
        return str(self.meta.get("translated_from") or "")

    @property
    def review(self) -> str:
        """`native` when a native speaker has checked this translation (`review: native`), else `machine`."""
        return str(self.meta.get("review") or REVIEW_MACHINE)


def read_page_files(root: Path, kind: str, errors: list[ContentError]) -> list[PageFile]:
    files = []
    languages = [code for code, _name in settings.LANGUAGES]
    for path in sorted(root.glob("*/*.md")):
        language = path.parent.name
        if language not in languages:
            errors.append(ContentError(path, None, f"folder {language!r} is not one of the site's languages"))
            continue
        try:
            files.append(read_page_file(path, kind, language))
        except ContentError as error:
            errors.append(error)
    return files


def read_page_file(path: Path, kind: str, language: str) -> PageFile:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise ContentError(path, 1, "a page starts with front matter between two '---' lines")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise ContentError(path, 1, "the front matter is not closed with '---'") from None
    # Blank lines in place of the opening "---" keep YAML's line numbers equal to the file's.
    meta = load_yaml("\n" + "\n".join(lines[1:end]), path)
    if not isinstance(meta, LineDict):
        raise ContentError(path, 2, "the front matter must be fields like 'title: ...'")
    page = PageFile(kind, path.stem, language, path, dict(meta))
    _check_meta(page, meta)
    page.blocks = _blocks(path, lines[end + 1 :], first_line=end + 2, page=page)
    page.body = "\n".join(lines[end + 1 :])
    _check_features(page, lines, end + 1)
    return page


def _check_features(page: PageFile, lines: list[str], first: int) -> None:
    """Refuse Markdown the page's rich text cannot hold (a table, an image, an h4...), naming the line it is on."""
    for kind, data in page.blocks:
        if kind == "text":
            texts = [(data, TEXT_FEATURES)]
        elif kind == "steps":
            texts = [(step, STEP_FEATURES) for step in data]
        elif kind == "questions":
            texts = [(answer, ANSWER_FEATURES) for _question, answer in data]
        else:
            continue
        for text, features in texts:
            found = unsupported_elements(text, features)
            if found:
                number = next((i + 1 for i in range(first, len(lines)) if lines[i].strip()
                               and lines[i].strip() in text and unsupported_elements(lines[i], features)),
                              first + 1)  # fmt: skip
                raise ContentError(page.path, number, f"this text cannot hold <{'>, <'.join(found)}> here; it may use: "
                                                      f"{', '.join(features)} (as editors can in the CMS)")


def _check_meta(page: PageFile, meta: LineDict):
    path = page.path
    for name in ("title",) + (("summary", "audience", "situations", "last_reviewed") if page.kind == "guide" else ()):
        if not meta.get(name):
            raise ContentError(path, meta.line, f"'{name}' is required in the front matter")
    known = {"title", "summary", "translated_from", "review"} | ({"audience", "situations", "last_reviewed"} if page.kind == "guide" else set())
    unknown = sorted(set(meta) - known)
    if unknown:
        raise ContentError(path, meta.line_of(unknown[0]), f"unknown field(s) in the front matter: {', '.join(unknown)}")
    if "translated_from" in meta:
        if page.language == settings.LANGUAGE_CODE:
            raise ContentError(path, meta.line_of("translated_from"), "'translated_from' is for translations, not the English source")
        if not REVISION_PATTERN.match(str(meta["translated_from"])):
            raise ContentError(path, meta.line_of("translated_from"), "'translated_from' must be a revision like 1a2b3c4d")
    if "review" in meta:
        if page.language == settings.LANGUAGE_CODE:
            raise ContentError(path, meta.line_of("review"), "'review' is for translations, not the English source")
        if meta["review"] not in REVIEW_STATES:
            raise ContentError(path, meta.line_of("review"), f"'review' must be one of {', '.join(REVIEW_STATES)}")
    if page.kind == "guide":
        if meta["audience"] not in GUIDE_AUDIENCES:
            raise ContentError(path, meta.line_of("audience"), f"'audience' must be one of {', '.join(GUIDE_AUDIENCES)}")
        situations = meta["situations"]
        if not isinstance(situations, list) or not all(s in SituationKey.values for s in situations):
            raise ContentError(path, meta.line_of("situations"), f"'situations' must be a list of: {', '.join(SituationKey.values)}")
        if not isinstance(meta["last_reviewed"], date):
            raise ContentError(path, meta.line_of("last_reviewed"), "'last_reviewed' must be a date written YYYY-MM-DD")


def _blocks(path: Path, lines: list[str], first_line: int, page: PageFile) -> list:
    blocks, buffer, open_block = [], [], None
    for number, line in enumerate(lines, start=first_line):
        for match in LINK_PATTERN.finditer(line):
            page.links.append((match.group(2), match.group(3), number))
        marker = line.strip()
        if marker.startswith(":::"):
            name = marker[3:].strip()
            if name:
                if open_block:
                    raise ContentError(path, number, f"'::: {name}' starts inside '::: {open_block[0]}' (line {open_block[1]}): close it with ':::' first")
                if name not in BLOCK_TYPES:
                    raise ContentError(path, number, f"unknown block '::: {name}'; use one of {', '.join(BLOCK_TYPES)}")
                _flush_text(blocks, buffer)
                open_block = (name, number)
            else:
                if not open_block:
                    raise ContentError(path, number, "':::' closes a block that was not opened")
                blocks.append(_block(path, open_block, buffer))
                buffer, open_block = [], None
            continue
        buffer.append(line)
    if open_block:
        raise ContentError(path, open_block[1], f"'::: {open_block[0]}' is never closed with ':::'")
    _flush_text(blocks, buffer)
    return blocks


def _flush_text(blocks, buffer):
    text = "\n".join(buffer).strip()
    buffer.clear()
    if text:
        blocks.append(("text", text))


def _block(path: Path, open_block, buffer):
    name, line = open_block
    text = "\n".join(buffer).strip()
    if name == "steps":
        items = [re.sub(r"^\s*\d+[.)]\s+", "", item).strip() for item in re.split(r"\n(?=\s*\d+[.)]\s)", text)]
        items = [i for i in items if i]
        if not items or not re.match(r"^\s*\d+[.)]\s", text):
            raise ContentError(path, line, "'::: steps' must hold a numbered list (1. ..., 2. ...)")
        return ("steps", items)
    if name == "get-help":
        if not text:
            raise ContentError(path, line, "'::: get-help' needs a short text")
        return ("get_help", text)
    parts = re.split(r"^###\s+(.+)$", text, flags=re.MULTILINE)
    if parts[0].strip() or len(parts) < 3:
        raise ContentError(path, line, "'::: faq' must hold questions written as '### Question' followed by the answer")
    questions = [(parts[i].strip(), parts[i + 1].strip()) for i in range(1, len(parts), 2)]
    if any(not answer for _question, answer in questions):
        raise ContentError(path, line, "every question in '::: faq' needs an answer")
    return ("questions", questions)


# What each Wagtail rich-text feature lets a file write (the elements Markdown makes for it). The features themselves
# are the fields' own lists (pages.blocks, pages.models): a file may use what an editor could in the CMS, no more.
FEATURE_ELEMENTS = {"bold": {"strong", "b"}, "italic": {"em", "i"}, "h2": {"h2"}, "h3": {"h3"}, "ol": {"ol", "li"},
                    "ul": {"ul", "li"}, "link": {"a"}}  # fmt: skip
ALWAYS = {"p", "br"}


_converters = threading.local()


@functools.lru_cache(maxsize=65536)
def markdown_html(text: str) -> str:
    """Markdown as HTML; a `# heading` is a section of the page, whose own title is the h1: an h2. Our own links
    (`guide:...`) stay as written. Cached: checking a file and loading it convert the same texts. One converter per
    thread, reset before each text (what `markdown.markdown` does, without building a converter for every text)."""
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = markdown.Markdown(output_format="html")
    html = converter.reset().convert(text)
    return re.sub(r"<(/?)h1>", r"<\1h2>", html)


def unsupported_elements(text: str, features: list[str]) -> list[str]:
    """The HTML elements this Markdown makes that the rich-text features do not allow (tables, images, h4, ...)."""
    allowed = ALWAYS.union(*(FEATURE_ELEMENTS.get(feature, set()) for feature in features))
    return sorted(set(re.findall(r"<([a-z][a-z0-9]*)[\s>/]", markdown_html(text))) - allowed)


def markdown_to_richtext(text: str, resolve_link, features: list[str]) -> str:
    """Markdown to Wagtail's rich text (its database format), through Wagtail's own converter with the field's
    `features`, as an editor's text is stored. `resolve_link(scheme, target)` gives a page id or a URL."""

    html = markdown_html(text)

    def link(match):
        resolved = resolve_link(match.group(1), match.group(2))
        if isinstance(resolved, int):
            return f'<a data-linktype="page" data-id="{resolved}" href="#">'
        return f'<a href="{resolved}">'

    html = re.sub(r'<a href="(page|guide|help):([^"]*)">', link, html)
    return EditorHTMLConverter(features=features).to_database_format(html)
