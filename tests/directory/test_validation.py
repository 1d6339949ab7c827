"""One rule in one place: the CMS and the content files refuse the same value with the same words.

The CMS side changes a loaded record and runs the model's `full_clean()` (what the editor's form runs, shown once
through the form itself); the files side writes the same value in a small content file and reads it with the
loader, which must name the file, the line and the model's own message.
"""

from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.admin.panels import get_edit_handler
from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data, streamfield

from directory.models import Country, Platform, ReportingChannel, Situation
from editorial.loader.directory import Reader

LONG_NAME = "Y" * 201  # a channel's name holds 200 characters
LONG_TITLE = "X" * 121  # a situation's title holds 120

# Small valid files; each case adds or changes one line.
CHANNEL_FILE = """\
country: GB
channels:
  - key: gb-test-line
    name: "Test line"
    kind: child_helpline
    audiences: [young_person]
    web_url: "https://example.org"
    source: "https://example.org/about"
    verified: 2025-06-01
"""
COUNTRY_FILE = """\
- code: "GB"
  default_language: "en"
  time_zone: Europe/London
  emergency_number: "999"
  emergency_source: "https://example.org"
  emergency_verified: 2025-06-01
"""
SITUATION_FILE = """\
- key: talk
  title: "Talk to someone"
  young_person: [child_helpline]
  adult: [parent_helpline]
"""
PLATFORM_FILE = """\
key: {key}
name: "An app"
verified: 2025-06-01
"""
TRANSLATION_FILE = """\
language: es
channels:
  gb-test-line:
    translated_from: 1a2b3c4d
    name: "Línea de prueba"
"""


def read_errors(folder: Path, kind: str) -> list:
    """The loader's errors for the small file(s) in `folder`."""
    reader = Reader()
    if kind == "country":
        reader.countries(folder / "countries.yaml")
    elif kind == "situation":
        reader.situations(folder / "situations.yaml")
    elif kind == "platform":
        reader.platforms(folder / "platforms")
    else:
        channels = reader.channels(folder / "channels", {"GB"})
        if kind == "translation":
            reader.translations(folder / "translations", [], channels, [])
    return reader.errors


def write(folder: Path, kind: str, old: str, new: str) -> tuple[Path, int]:
    """Write the small valid file of `kind` with `old` replaced by `new` (or `new` added when `old` is empty), and the
    files it needs; return the file and the line of the change."""
    (folder / "channels").mkdir(parents=True)
    (folder / "channels" / "GB.yaml").write_text(CHANNEL_FILE, encoding="utf-8")
    if kind == "platform":
        key = new.removeprefix("key: ")
        path, text = folder / "platforms" / f"{key}.yaml", PLATFORM_FILE.format(key="an-app")
    else:
        name = {"channel": "channels/GB.yaml", "country": "countries.yaml", "situation": "situations.yaml",
                "translation": "translations/es.yaml"}[kind]  # fmt: skip
        path = folder / name
        text = {"channel": CHANNEL_FILE, "country": COUNTRY_FILE, "situation": SITUATION_FILE,
                "translation": TRANSLATION_FILE}[kind]  # fmt: skip
    if old:
        assert text.count(old) == 1, old
        line = text[: text.index(old)].count("\n") + 1
        text = text.replace(old, new)
    else:
        line = text.count("\n") + 1
        text += new + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path, line


@dataclass
class Case:
    model: type
    lookup: dict
    field: str
    value: object
    kind: str  # which content file holds the field
    old: str  # the text of the small file the value replaces ("": the line is added)
    new: str
    language: str = "en"


CASES = {
    "a channel's time zone that does not exist": Case(
        ReportingChannel, {"key": "gb-childline"}, "time_zone", "Europe/Londres",
        "channel", "", "    time_zone: Europe/Londres"),
    "a channel key with capitals and an underscore": Case(
        ReportingChannel, {"key": "gb-childline"}, "key", "GB_Test_line",
        "channel", "  - key: gb-test-line", "  - key: GB_Test_line"),
    "an age above 120": Case(
        ReportingChannel, {"key": "gb-childline"}, "max_age", 180,
        "channel", "", "    max_age: 180"),
    "a country code that is no country": Case(
        Country, {"code": "GB"}, "code", "XX",
        "country", '- code: "GB"', '- code: "XX"'),
    "a country's time zone that does not exist": Case(
        Country, {"code": "GB"}, "time_zone", "Europe/Londres",
        "country", "time_zone: Europe/London", "time_zone: Europe/Londres"),
    "a route step of no known kind": Case(
        Situation, {"key": "talk"}, "adult_route", [("kind", "parent_helpline"), ("kind", "polis")],
        "situation", "adult: [parent_helpline]", "adult: [parent_helpline, polis]"),
    "a situation title longer than its field": Case(
        Situation, {"key": "talk"}, "title", LONG_TITLE,
        "situation", '"Talk to someone"', f'"{LONG_TITLE}"'),
    "a translated channel name longer than its field": Case(
        ReportingChannel, {"key": "gb-childline"}, "name", LONG_NAME,
        "translation", '"Línea de prueba"', f'"{LONG_NAME}"', language="es"),
    "an app key with capitals and an underscore": Case(
        Platform, {"key": "instagram"}, "key", "Insta_gram",
        "platform", "key: an-app", "key: Insta_gram"),
}  # fmt: skip


def cms_refusal(case: Case) -> str:
    """The message the CMS gives for the value on the field (the record as loaded is valid: checked first)."""
    record = case.model.objects.get(locale=Locale.objects.get(language_code=case.language), **case.lookup)
    record.full_clean()
    setattr(record, case.field, case.value)
    with pytest.raises(ValidationError) as refused:
        record.full_clean()
    assert case.field in refused.value.message_dict, refused.value.message_dict
    return refused.value.message_dict[case.field][0]


@pytest.mark.parametrize("name", list(CASES))
def test_the_cms_and_the_files_refuse_the_same_value_with_the_same_words(content, tmp_path, name):
    case = CASES[name]
    message = cms_refusal(case)

    path, line = write(tmp_path, case.kind, case.old, case.new)
    errors = [str(error) for error in read_errors(tmp_path, case.kind)]
    assert any(error.startswith(f"{path}:{line}: ") and message in error for error in errors), (message, errors)


@pytest.mark.parametrize("kind", ["channel", "country", "situation", "translation", "platform"])
def test_the_small_valid_files_used_here_are_accepted(tmp_path, kind):
    write(tmp_path, kind, "key: an-app" if kind == "platform" else "", "key: an-app" if kind == "platform" else "")
    assert read_errors(tmp_path, kind) == []


def test_the_channel_editors_form_refuses_an_unknown_time_zone_on_its_field(content):
    editor = get_user_model().objects.create_superuser("zones", "zones@example.org", "not-used")
    record = ReportingChannel.objects.get(key="gb-childline", locale=Locale.get_default())
    form_class = get_edit_handler(ReportingChannel).get_form_class()
    unchanged = {name: form_class(instance=record, for_user=editor)[name].value() for name in form_class.base_fields}
    data = {name: value for name, value in unchanged.items() if value not in (None, False) and name != "opening_times"}
    data |= nested_form_data({"opening_times": streamfield([])})

    form = form_class(instance=record, for_user=editor, data=data)
    assert form.is_valid(), form.errors
    form = form_class(instance=record, for_user=editor, data={**data, "time_zone": "Europe/Londres"})
    with translation.override("en"):
        assert not form.is_valid()
    assert form.errors["time_zone"] == ["Unknown time zone."]


def test_a_channel_built_in_code_with_an_opening_time_that_never_closes_is_refused(content):
    """Wagtail checks a StreamField's blocks only in the form; the model checks them too, for records built in code."""
    record = ReportingChannel.objects.get(key="gb-childline", locale=Locale.get_default())
    record.open_24_7 = False
    record.opening_times = [("times", {"days": ["mon"], "opens": time(9), "closes": time(17)})]
    record.full_clean()
    record.opening_times = [("times", {"days": ["mon", "someday"], "opens": time(9), "closes": None})]
    with pytest.raises(ValidationError) as refused:
        record.full_clean()
    messages = refused.value.message_dict["opening_times"]
    assert any(m.startswith("item 1, days: ") and "someday" in m for m in messages), messages
    assert any(m.startswith("item 1, closes: ") for m in messages), messages


def test_every_record_the_files_loaded_passes_the_cms_checks_in_every_language(content):
    refused = []
    for model in (Country, Situation, ReportingChannel, Platform):
        for record in model.objects.select_related("locale"):
            try:
                record.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as error:
                refused.append(f"{model.__name__} {record} ({record.locale.language_code}): {error.message_dict}")
    assert refused == []


def test_a_verified_date_in_the_future_is_refused_once_in_the_models_words(tmp_path):
    tomorrow = date.today().toordinal() + 1
    path, line = write(tmp_path, "channel", "verified: 2025-06-01", f"verified: {date.fromordinal(tomorrow)}")
    with translation.override("en"):
        errors = [str(error) for error in read_errors(tmp_path, "channel")]
    assert errors == [f"{path}:{line}: 'verified': The verified date cannot be in the future."]
