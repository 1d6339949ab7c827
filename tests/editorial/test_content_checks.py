"""The checks that keep the content right: every number valid, every channel sourced, every country and language
covered, every translation marked with the English it was made from; and the tools editors use for it (the coverage
report and `stamp_translations`)."""

import shutil
from datetime import date
from io import StringIO
from pathlib import Path

import phonenumbers
import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import CommandError, call_command
from phonenumbers import shortnumberinfo

from directory.choices import Kind, SituationKey
from directory.validators import REVIEWED_SHORT_CODES
from editorial.loader.plan import read_content

CONTENT = Path(settings.CONTENT_DIR)
LANGUAGES = [code for code, _name in settings.LANGUAGES]
TRANSLATIONS = [code for code in LANGUAGES if code != settings.LANGUAGE_CODE]


@pytest.fixture(scope="module")
def plan():
    return read_content(CONTENT)


@pytest.fixture
def copy(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def run(command, **options) -> str:
    out = StringIO()
    call_command(command, stdout=out, **options)
    return out.getvalue()


def report_row(report: str, label: str) -> list[str]:
    """The cells of the table row whose first cell starts with `label`."""
    row = next(line for line in report.splitlines() if line.startswith(f"| {label}"))
    return [cell.strip() for cell in row.strip("|").split("|")]


# The real content -----------------------------------------------------------------------------------------------------


def dialable(number: str, region: str | None) -> bool:
    """A full number valid for the country, a short code valid there (116 111, 112), or a national short code the
    library's data lacks that was accepted by review (the table names where each was seen)."""
    parsed = phonenumbers.parse(number, region)
    if phonenumbers.is_valid_number(parsed) or bool(region and shortnumberinfo.is_valid_short_number_for_region(parsed, region)):
        return True
    return "".join(ch for ch in number if ch.isdigit()) in REVIEWED_SHORT_CODES.get(region or "", {})


def test_every_phone_number_is_valid_for_its_country_and_every_link_is_https(plan):
    for entry in plan["channels"]:
        region = entry.values["country_code"] or None
        for name in ("phone", "sms"):
            if entry.values[name]:
                assert dialable(entry.values[name], region), f"{entry.key} {name} {entry.values[name]}"
        for name in ("chat_url", "web_url"):
            assert entry.values[name] == "" or entry.values[name].startswith("https://"), f"{entry.key} {name}"
    for country in plan["countries"]:
        assert dialable(country.values["emergency_number"], country.key), country.key


def test_every_channel_and_emergency_number_has_a_source_and_a_verified_date(plan):
    for entry in plan["channels"]:
        assert entry.values["source"].strip(), entry.key
        assert isinstance(entry.values["last_verified"], date) and entry.values["last_verified"] <= date.today()
    for country in plan["countries"]:
        assert country.values["emergency_source"].strip(), country.key
        assert country.values["emergency_verified"] <= date.today(), country.key


def test_every_covered_country_has_its_emergency_number_and_a_child_helpline(plan):
    helplines = {e.values["country_code"] for e in plan["channels"] if e.values["kind"] == Kind.CHILD_HELPLINE}
    assert len(plan["countries"]) == 34
    for country in plan["countries"]:
        assert country.values["emergency_number"], country.key
        assert country.key in helplines, f"{country.key} has no child helpline"


def test_every_situation_has_a_guide_for_each_audience_in_every_language(plan):
    for language in LANGUAGES:
        guides = [f for f in plan["pages"] if f.kind == "guide" and f.language == language]
        for situation in SituationKey.values:
            for audience in ("young_people", "parents"):
                assert any(situation in g.meta["situations"] and g.meta["audience"] in (audience, "both") for g in guides), (
                    f"no {language} guide for {audience} in {situation}"
                )


def test_every_page_exists_in_every_language(plan):
    english = {(f.kind, f.slug) for f in plan["pages"] if f.language == settings.LANGUAGE_CODE}
    for language in TRANSLATIONS:
        translated = {(f.kind, f.slug) for f in plan["pages"] if f.language == language}
        assert english - translated == set(), f"missing in {language}"


def test_every_translation_says_which_english_revision_it_was_made_from(plan):
    unmarked = [f"{f.language}/{f.slug}" for f in plan["pages"] if f.language != settings.LANGUAGE_CODE and not f.translated_from]
    for entry in plan["situations"] + plan["channels"]:
        unmarked += [f"{lang} {entry.key}" for lang in entry.texts if lang != settings.LANGUAGE_CODE and not entry.translated_from[lang]]
    assert unmarked == []


def test_every_directory_text_is_translated_in_every_language(plan):
    for entry in plan["situations"] + plan["channels"]:
        english = {name for name, text in entry.texts[settings.LANGUAGE_CODE].items() if text}
        for language in TRANSLATIONS:
            translated = {name for name, text in entry.texts.get(language, {}).items() if text}
            assert english <= translated, f"{entry.key}: {sorted(english - translated)} missing in {language}"


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_interface_string_is_translated(language):
    path = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    missing = [m.id for m in catalog if m.id and (m.fuzzy or not (all(m.string) if isinstance(m.string, tuple) else m.string))]
    assert missing == []
    assert (path.parent / "django.mo").stat().st_mtime >= path.stat().st_mtime - 1, "compile the .po: make messages"


def test_no_guide_or_page_holds_a_phone_number(plan):
    for page in plan["pages"]:
        for _kind, data in page.blocks:
            text = str(data)
            for match in phonenumbers.PhoneNumberMatcher(text, page.language.upper() if page.language != "en" else "GB"):
                pytest.fail(f"{page.path}: {match.raw_string} (numbers belong in the directory)")


# Translation files: refused when wrong, with file and line ---------------------------------------------------------


def refused(copy: Path) -> str:
    with pytest.raises(CommandError) as error:
        call_command("load_content", content_dir=copy, check=True, stdout=StringIO())
    return str(error.value)


def test_a_translation_of_a_channel_that_does_not_exist_is_refused_with_its_line(copy):
    path = copy / "directory" / "translations" / "it.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("channels:\n", "channels:\n  xx-no-such-line:\n    name: Nessuna\n", 1), encoding="utf-8")
    line = text[: text.index("channels:\n")].count("\n") + 2
    assert f"it.yaml:{line}: no channel 'xx-no-such-line' to translate" in refused(copy)


def test_a_translation_written_inside_a_channel_file_is_refused(copy):
    path = copy / "directory" / "channels" / "AT.yaml"
    text = path.read_text(encoding="utf-8")
    old = text[text.index("    description: {en: ") :].split("\n", 1)[0]
    path.write_text(text.replace(old, old.replace("{en: ", "{de: \"Beschreibung\", en: "), 1), encoding="utf-8")
    assert "translations go in translations/<language>.yaml" in refused(copy)


def test_a_translated_guide_must_keep_the_english_situations(copy):
    path = copy / "guides" / "es" / "sextortion-young-people.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("situations: [sextortion]", "situations: [bullying]", 1), encoding="utf-8")
    assert "'situations' must be the same as in the English guide" in refused(copy)


def test_a_badly_written_revision_is_refused_with_its_line(copy):
    path = copy / "guides" / "fr" / "grooming-parents.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, start=1) if line.startswith("translated_from:"))
    lines[number - 1] = "translated_from: yesterday"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert f"grooming-parents.md:{number}: 'translated_from' must be a revision" in refused(copy)


# Staleness: the report shows what went stale, and stamping only marks what is unmarked -----------------------------


def test_changing_the_english_makes_its_translations_stale_in_the_report(copy):
    before = run("content_report", content_dir=copy)
    assert set(report_row(before, "guide sextortion-parents")[2:]) == {"✓"}
    path = copy / "guides" / "en" / "sextortion-parents.md"
    path.write_text(path.read_text(encoding="utf-8").replace("::: steps", "A new sentence.\n\n::: steps", 1), encoding="utf-8")
    after = run("content_report", content_dir=copy)
    assert set(report_row(after, "guide sextortion-parents")[2:]) == {"stale"}
    assert set(report_row(after, "guide sextortion-young-people")[2:]) == {"✓"}


def test_a_changed_channel_description_makes_that_text_stale_in_every_language(copy):
    path = copy / "directory" / "channels" / "AT.yaml"
    text = path.read_text(encoding="utf-8")
    old = text[text.index("    description: {en: ") :].split("\n", 1)[0]
    path.write_text(text.replace(old, '    description: {en: "A rewritten description."}', 1), encoding="utf-8")
    channels = len(read_content(copy)["channels"])
    row = report_row(run("content_report", content_dir=copy), f"directory: {channels} channels")
    total = int(row[0].split()[1])
    assert row[2:] == [f"{total - 1}/{total} ✓, 1 stale"] * len(TRANSLATIONS)


def test_stamping_marks_unmarked_translations_and_leaves_stale_ones_stale(copy):
    guide = copy / "guides" / "de" / "talk-parents.md"
    guide.write_text("".join(line for line in guide.read_text(encoding="utf-8").splitlines(keepends=True)
                             if not line.startswith("translated_from:")), encoding="utf-8")
    english = copy / "guides" / "en" / "bullying-parents.md"
    english.write_text(english.read_text(encoding="utf-8").replace("::: steps", "New.\n\n::: steps", 1), encoding="utf-8")
    report = run("content_report", content_dir=copy)
    assert report_row(report, "guide talk-parents")[LANGUAGES.index("de") + 1] == "unmarked"

    assert "Marked 1 translation(s)" in run("stamp_translations", content_dir=copy)

    report = run("content_report", content_dir=copy)
    assert set(report_row(report, "guide talk-parents")[2:]) == {"✓"}
    assert set(report_row(report, "guide bullying-parents")[2:]) == {"stale"}
    assert "Marked 0 translation(s)" in run("stamp_translations", content_dir=copy)


def test_stamping_a_directory_translation_writes_its_revision_under_its_key(copy):
    path = copy / "directory" / "translations" / "nl.yaml"
    text = path.read_text(encoding="utf-8")
    marked = "  sextortion:\n    translated_from: "
    start = text.index(marked)
    end = text.index("\n", start + len(marked))
    path.write_text(text[:start] + "  sextortion:" + text[end:], encoding="utf-8")
    run("stamp_translations", content_dir=copy, language=["nl"])
    assert path.read_text(encoding="utf-8") == text


# The coverage report --------------------------------------------------------------------------------------------------


def test_the_coverage_report_lists_every_country_and_language(copy):
    report = run("content_report", content_dir=copy, today=date(2026, 11, 23))
    for country in read_content(copy)["countries"]:
        assert f"| {country.key} " in report
    assert report_row(report, "Page or text")[1:] == LANGUAGES
    assert report_row(report, "all channels")[1] == str(len(read_content(copy)["channels"]))


def test_the_coverage_report_names_a_country_that_loses_its_only_hotline(copy):
    path = copy / "directory" / "channels" / "AT.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("kind: csam_hotline", "kind: police", 1), encoding="utf-8")
    report = run("content_report", content_dir=copy)
    assert report_row(report, "AT Austria")[3] == "-"
    gap = next(line for line in report.splitlines() if line.startswith("- No csam hotline"))
    assert "AT" in gap.split(": ", 1)[1].rstrip(".").split(", ")


def test_the_coverage_report_counts_channels_by_the_age_of_their_check(copy):
    report = run("content_report", content_dir=copy, today=date(2028, 1, 1))
    total = str(len(read_content(copy)["channels"]))
    assert report_row(report, "more than a year ago")[1] == total
    assert report_row(report, "checked within 90 days")[1] == "0"
