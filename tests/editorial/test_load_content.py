"""`manage.py load_content`: the seed content loads, loads again without changes, and refuses bad files whole.

Bad-file tests copy the real content/ folder to a temporary folder, break one thing, and check that the error names
the file and the line, and that nothing at all was written.
"""

import re
import shutil
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Locale, Page, Revision, Site

from directory.models import Country, ReportingChannel, Situation
from editorial.models import SeedRecord
from pages.models import GuidePage

CONTENT = Path(settings.CONTENT_DIR)
CHANNEL_FILES = sorted((CONTENT / "directory" / "channels").glob("*.yaml"))
NEW_CHANNEL = """
  - key: gb-brand-new-line
    organisation: "Test"
    name: "A brand new line"
    kind: child_helpline
    audiences: [young_person]
    web_url: "https://example.org"
    source: "https://example.org/about"
    verified: 2026-01-05
"""


def load(**options) -> str:
    out = StringIO()
    call_command("load_content", stdout=out, **options)
    return out.getvalue()


def snapshot() -> dict:
    return {
        "channels": ReportingChannel.objects.count(),
        "countries": Country.objects.count(),
        "situations": Situation.objects.count(),
        "seed_records": SeedRecord.objects.count(),
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "channel_names": sorted(ReportingChannel.objects.values_list("key", "locale_id", "name", "phone")),
    }


@pytest.fixture
def copy(tmp_path) -> Path:
    """A copy of the real content folder, to break."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def replace(path: Path, old: str, new: str) -> int:
    """Replace `old` (which must occur exactly once) by `new`; return the line number where `old` started."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return line


def replace_in_channel(path: Path, key: str, old: str, new: str) -> int:
    """Replace `old` (once) inside the block of channel `key`; return the line number where `old` started."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - key: {key}\n")
    end = text.find("\n  - key: ", start + 1)
    end = len(text) if end < 0 else end
    block = text[start:end]
    assert block.count(old) == 1, f"{old!r} occurs {block.count(old)} times in {key}"
    line = text[: start + block.index(old)].count("\n") + 1
    path.write_text(text[:start] + block.replace(old, new) + text[end:], encoding="utf-8")
    return line


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    matches = [number for number, line in enumerate(lines, start=1) if text in line]
    assert len(matches) == 1, f"{text!r} is on lines {matches} of {path}"
    return matches[0]


def add_new_channel(copy: Path) -> None:
    """Add a channel at the end of the GB file's channel list (before its exclusions)."""
    gb = copy / "directory" / "channels" / "GB.yaml"
    text = gb.read_text(encoding="utf-8")
    end = text.find("\nexcluded:")
    end = len(text.rstrip("\n")) if end < 0 else end
    gb.write_text(text[:end].rstrip("\n") + "\n" + NEW_CHANNEL.strip("\n") + "\n" + text[end:].lstrip("\n"), encoding="utf-8")


def assert_refused(copy: Path, file_name: str, line: int | None, phrase: str) -> str:
    """Loading `copy` fails naming file:line and the phrase, and leaves the database exactly as it was."""
    before = snapshot()
    with pytest.raises(CommandError) as error:
        load(content_dir=copy, verbosity=0)
    message = str(error.value)
    assert "nothing was loaded" in message
    where = f"{file_name}:{line}:" if line else f"{file_name}:"
    assert where in message, f"expected {where!r} in:\n{message}"
    assert phrase in message, f"expected {phrase!r} in:\n{message}"
    assert snapshot() == before
    assert not ReportingChannel.objects.filter(key="gb-brand-new-line").exists()
    return message


# The real content ----------------------------------------------------------------------------------------------------


def test_the_seed_content_covers_34_countries(content):
    countries = Country.objects.filter(locale=Locale.get_default(), live=True)
    assert countries.count() == 34
    expected = {str(entry["code"]) for entry in yaml.safe_load((CONTENT / "directory" / "countries.yaml").read_text())}
    assert set(countries.values_list("code", flat=True)) == expected
    for language, _name in settings.LANGUAGES:
        assert Country.objects.filter(locale__language_code=language, live=True).count() == 34, language


def test_the_seed_content_has_the_9_situations_in_order(content):
    situations = Situation.objects.filter(locale=Locale.get_default(), live=True).order_by("sort_order")
    assert list(situations.values_list("key", flat=True)) == [
        "immediate_danger", "self_harm", "sextortion", "image_shared", "csam_found", "grooming", "trafficking",
        "bullying", "talk",
    ]  # fmt: skip
    for language in ("es", "fr", "de"):
        assert Situation.objects.filter(locale__language_code=language, live=True).count() == 9


def test_every_channel_in_the_files_is_loaded_with_its_source_and_verification_date(content):
    keys = set()
    for path in CHANNEL_FILES:
        keys |= {entry["key"] for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["channels"]}
    channels = ReportingChannel.objects.filter(locale=Locale.get_default())
    assert set(channels.values_list("key", flat=True)) == keys
    assert channels.filter(live=True).count() == len(keys)
    for channel in ReportingChannel.objects.all():
        assert channel.source.strip(), channel.key
        assert channel.last_verified is not None, channel.key
        assert channel.last_verified <= date.today(), channel.key


def test_every_loaded_record_is_published_as_a_revision(content):
    channel = ReportingChannel.objects.get(key="gb-childline", locale=Locale.get_default())
    assert channel.live
    assert channel.latest_revision is not None
    assert channel.latest_revision.user_id is None, "the loader is not an editor"


def test_loading_the_same_content_again_changes_nothing(content):
    before = snapshot()
    output = load()
    assert "0 created, 0 updated" in output
    assert "Kept" not in output
    assert snapshot() == before


def test_check_only_validates_the_real_content_and_writes_nothing(content):
    before = snapshot()
    output = load(check=True)
    assert "all content files are valid" in output
    assert snapshot() == before


def test_check_reports_a_broken_file_too(content, copy):
    line = replace(copy / "directory" / "channels" / "GB.yaml", 'phone: "0800 1111"', 'phone: "0800 11"')
    with pytest.raises(CommandError, match=rf"GB\.yaml:{line}: 'phone'"):
        load(content_dir=copy, check=True)


# Bad files are refused whole -----------------------------------------------------------------------------------------


def test_phone_number_not_valid_for_its_country_is_refused(content, copy):
    add_new_channel(copy)
    line = replace(copy / "directory" / "channels" / "GB.yaml", 'phone: "0800 1111"', 'phone: "0800 11"')
    assert_refused(copy, "GB.yaml", line, "'0800 11' is not a valid phone number for GB")


def test_international_phone_without_country_code_is_refused(content, copy):
    path = copy / "directory" / "channels" / "international.yaml"
    line = replace(path, 'web_url: "https://takeitdown.ncmec.org"', 'web_url: "https://takeitdown.ncmec.org"\n    phone: "0800 1111"')
    assert_refused(copy, "international.yaml", line + 1, "write it with + and the country code")


def test_emergency_number_not_valid_for_its_country_is_refused(content, copy):
    path = copy / "directory" / "countries.yaml"
    line = replace(path, 'emergency_number: "999"', 'emergency_number: "99"')
    assert_refused(copy, "countries.yaml", line, "'99' is not a valid phone number for GB")


def test_plain_http_link_is_refused(content, copy):
    add_new_channel(copy)
    line = replace(
        copy / "directory" / "channels" / "GB.yaml",
        'web_url: "https://www.childline.org.uk"',
        'web_url: "http://www.childline.org.uk"',
    )
    assert_refused(copy, "GB.yaml", line, "Links must start with https://")


def test_channel_without_a_source_is_refused(content, copy):
    add_new_channel(copy)
    path = copy / "directory" / "channels" / "GB.yaml"
    text = path.read_text(encoding="utf-8")
    childline = text[text.index("  - key: gb-childline\n") :]
    replace_in_channel(path, "gb-childline", re.search(r"(?m)^    source: .*\n", childline).group(0), "")
    assert_refused(copy, "GB.yaml", line_of(path, "key: gb-childline"), "'source' is required")


def test_channel_without_a_verified_date_is_refused(content, copy):
    add_new_channel(copy)
    path = copy / "directory" / "channels" / "GB.yaml"
    replace_in_channel(path, "gb-childline", "    verified: 2026-12-02\n", "")
    assert_refused(copy, "GB.yaml", line_of(path, "key: gb-childline"), "'verified' is required")


def test_verified_date_in_the_future_is_refused(content, copy):
    add_new_channel(copy)
    tomorrow = date.today() + timedelta(days=1)
    path = copy / "directory" / "channels" / "GB.yaml"
    line = replace_in_channel(path, "gb-childline", "verified: 2026-12-02", f"verified: {tomorrow}")
    assert_refused(copy, "GB.yaml", line, "'verified': The verified date cannot be in the future")


def test_verified_that_is_not_a_date_is_refused(content, copy):
    path = copy / "directory" / "channels" / "GB.yaml"
    line = replace_in_channel(path, "gb-childline", "verified: 2026-12-02", 'verified: "last week"')
    assert_refused(copy, "GB.yaml", line, "must be a date written YYYY-MM-DD")


def test_unknown_situation_in_a_channel_is_refused(content, copy):
    add_new_channel(copy)
    path = copy / "directory" / "channels" / "GB.yaml"
    line = replace_in_channel(path, "gb-childline", "situations: []", "situations: [bullying, cyberflashing]")
    assert_refused(copy, "GB.yaml", line, "'situations': Unknown value(s): cyberflashing")


def test_unknown_kind_is_refused(content, copy):
    add_new_channel(copy)
    path = copy / "directory" / "channels" / "GB.yaml"
    line = replace_in_channel(path, "gb-childline", "kind: child_helpline", "kind: child_hotline")
    assert_refused(copy, "GB.yaml", line, "unknown kind 'child_hotline'")


def test_unknown_situation_key_in_situations_file_is_refused(content, copy):
    line = replace(copy / "directory" / "situations.yaml", "- key: talk", "- key: chat")
    assert_refused(copy, "situations.yaml", line, "unknown situation 'chat'")


def test_the_same_channel_key_in_two_files_is_refused(content, copy):
    add_new_channel(copy)
    es_line = replace(copy / "directory" / "channels" / "ES.yaml", "key: es-anar-helpline", "key: gb-childline")
    gb_line = line_of(copy / "directory" / "channels" / "GB.yaml", "key: gb-childline")
    message = assert_refused(copy, "GB.yaml", gb_line, "duplicate channel key 'gb-childline'")
    assert f"ES.yaml:{es_line})" in message, "the error points at the first use too"


def test_invalid_yaml_is_refused_with_its_line(content, copy):
    add_new_channel(copy)
    path = copy / "directory" / "channels" / "GB.yaml"
    line = replace(path, 'name: "Childline"\n    kind: child_helpline\n',
                   'name: "Childline"\n    kind: child_helpline\n   audiences: [young_person\n') + 2
    assert_refused(copy, "GB.yaml", line, "not valid YAML")


def test_guide_with_an_unclosed_steps_block_is_refused(content, copy):
    add_new_channel(copy)
    path = copy / "guides" / "en" / "talk-young-people.md"
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + "\n\n::: steps\n1. Call a helpline.\n2. Talk to someone you trust.\n", encoding="utf-8")
    opening = len(text.splitlines()) + 2
    assert path.read_text(encoding="utf-8").splitlines()[opening - 1] == "::: steps"
    assert_refused(copy, "talk-young-people.md", opening, "'::: steps' is never closed")


def test_guide_with_a_block_opened_inside_an_unclosed_steps_block_is_refused(content, copy):
    path = copy / "guides" / "en" / "sextortion-young-people.md"
    steps_line = line_of(path, "::: steps")
    replace(path, "See the list below.\n:::\n", "See the list below.\n\n")
    get_help_line = line_of(path, "::: get-help")
    assert_refused(copy, "sextortion-young-people.md", get_help_line, f"starts inside '::: steps' (line {steps_line})")


def test_guide_linking_to_a_guide_that_does_not_exist_is_refused(content, copy):
    add_new_channel(copy)
    path = copy / "guides" / "en" / "sextortion-young-people.md"
    line = replace(path, "(guide:image-shared-young-people)", "(guide:does-not-exist)")
    assert_refused(copy, "sextortion-young-people.md", line, "link to a guide that does not exist: guide:does-not-exist")


def test_guide_linking_to_a_page_that_does_not_exist_is_refused(content, copy):
    path = copy / "guides" / "en" / "sextortion-young-people.md"
    line = replace(path, "(page:cover-your-tracks)", "(page:hide-your-tracks)")
    assert_refused(copy, "sextortion-young-people.md", line, "link to a page that does not exist: page:hide-your-tracks")


def test_guide_with_an_unknown_audience_is_refused(content, copy):
    add_new_channel(copy)
    replace(copy / "guides" / "en" / "sextortion-young-people.md", "audience: young_people", "audience: teenagers")
    assert_refused(copy, "sextortion-young-people.md", None, "'audience' must be one of young_people, parents, both")


def test_guide_front_matter_errors_name_the_line_of_the_field(content, copy):
    path = copy / "guides" / "en" / "sextortion-young-people.md"
    line = replace(path, "audience: young_people", "audience: teenagers")
    assert line == 4
    assert_refused(copy, "sextortion-young-people.md", line, "'audience' must be one of")


def test_a_write_failure_part_way_leaves_nothing_behind(content, copy, monkeypatch):
    """The directory is written before the pages: a failure while writing pages must undo the directory too."""
    add_new_channel(copy)
    replace(copy / "directory" / "channels" / "GB.yaml", 'name: "Childline"', 'name: "Childline UK"')

    class FailingPageWriter:
        def __init__(self, tally):
            pass

        def write(self, files):
            assert ReportingChannel.objects.filter(key="gb-brand-new-line").exists()  # the directory was written
            raise RuntimeError("disk full")

    monkeypatch.setattr("editorial.management.commands.load_content.PageWriter", FailingPageWriter)
    before = snapshot()
    with pytest.raises(RuntimeError, match="disk full"):
        load(content_dir=copy)
    assert snapshot() == before
    assert not ReportingChannel.objects.filter(key="gb-brand-new-line").exists()


# Changes: from the files, and from editors -------------------------------------------------------------------------


def test_a_changed_and_a_new_channel_in_the_files_are_loaded(content, copy):
    add_new_channel(copy)
    replace(copy / "directory" / "channels" / "GB.yaml", 'name: "Childline"', 'name: "Childline UK"')
    output = load(content_dir=copy)
    assert "1 created, 1 updated" in output
    default = Locale.get_default()
    assert ReportingChannel.objects.get(key="gb-childline", locale=default).name == "Childline UK"
    new = ReportingChannel.objects.get(key="gb-brand-new-line", locale=default)
    assert new.live and new.country_code == "GB" and new.source == "https://example.org/about"
    assert SeedRecord.objects.filter(key="gb-brand-new-line").exists()


def test_an_editors_change_in_the_cms_is_kept_when_the_file_changes(content, copy):
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "not-used")
    childline = ReportingChannel.objects.get(key="gb-childline", locale=Locale.get_default())
    childline.name = "Childline (checked by phone)"
    childline.save_revision(user=editor).publish(user=editor)

    replace(copy / "directory" / "channels" / "GB.yaml", 'name: "Childline"', 'name: "Childline UK"')
    output = load(content_dir=copy)

    assert "Kept" in output
    assert "gb-childline" in output
    assert "0 created, 0 updated" in output
    childline.refresh_from_db()
    assert childline.name == "Childline (checked by phone)"
    assert childline.latest_revision.user_id == editor.pk


def test_an_editors_change_survives_reloading_the_unchanged_files(content):
    editor = get_user_model().objects.create_superuser("editor2", "editor2@example.org", "not-used")
    childline = ReportingChannel.objects.get(key="gb-childline", locale=Locale.get_default())
    childline.phone = "0800 111 2222"
    childline.save_revision(user=editor).publish(user=editor)
    load()
    childline.refresh_from_db()
    assert childline.phone == "0800 111 2222"


def test_the_site_takes_its_public_address_once_and_keeps_an_editors(content, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://helphub.example.org"
    load()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("helphub.example.org", 443)
    assert GuidePage.objects.live().filter(locale__language_code="en").first().full_url.startswith(
        "https://helphub.example.org/en/guides/"
    )
    site.hostname = "help.example.net"
    site.save()
    load()
    assert Site.objects.get(is_default_site=True).hostname == "help.example.net"
