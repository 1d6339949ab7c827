"""What a frightened visitor is told can be trusted: no real line is dropped, no one is left without help, an open
line comes first in a crisis, and a fact is the same in every language.

Rules about the whole directory read the real seed content; rules about ordering build the case they need.
"""

import shutil
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Locale

from directory.choices import Audience, Kind
from directory.models import Country, ReportingChannel, Situation
from directory.routing import HELPLINE_KINDS, recommend_channels
from directory.validators import REVIEWED_SHORT_CODES, phone_is_valid, tel_uri
from editorial.loader.plan import read_content

CONTENT = settings.CONTENT_DIR
COUNTRY_CODES = [str(entry["code"]) for entry in yaml.safe_load((CONTENT / "directory" / "countries.yaml").read_text())]
SITUATIONS = [entry["key"] for entry in yaml.safe_load((CONTENT / "directory" / "situations.yaml").read_text())]
LISBON = ZoneInfo("Europe/Lisbon")
WEDNESDAY_8_AM = datetime(2026, 12, 2, 8, 4, tzinfo=LISBON)


def keys_of(routing) -> list[str]:
    return [r.channel.key for r in routing.recommendations]


def add_channel(key, kind, country="PT", **fields) -> ReportingChannel:
    values = {
        "name": key, "kind": kind, "country_code": country, "audiences": list(Audience.values), "phone": "116 111",
        "source": "https://example.org/test", "last_verified": date(2026, 12, 1), **fields,
    }  # fmt: skip
    record = ReportingChannel(key=key, locale=Locale.get_default(), **values)
    record.save()
    record.save_revision().publish()
    return record


def hide(country, *kinds):
    ReportingChannel.objects.filter(country_code=country, kind__in=kinds).update(live=False)


# No real line is dropped ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("number", "country"), [("1466", "CY"), ("1480", "CY"), ("1056", "GR"), ("1109", "GR"),
                                                 ("179", "MT"), ("116 123", "EE"), ("116 016", "DE"),
                                                 ("124 123", "BG"), ("116 111", "UA"), ("116 111", "CY")])  # fmt: skip
def test_national_short_codes_are_valid_numbers_and_dial_as_written(number, country):
    assert phone_is_valid(number, country)
    assert tel_uri(number, country) == "tel:" + number.replace(" ", "")


def test_a_reviewed_short_code_is_valid_only_in_its_own_country():
    assert not phone_is_valid("1466", "GR")
    assert not phone_is_valid("1467", "CY")
    assert not phone_is_valid("+1466", None)


def test_every_reviewed_short_code_names_where_it_was_seen():
    for country, codes in REVIEWED_SHORT_CODES.items():
        for digits, source in codes.items():
            assert digits.isdigit() and source.strip(), (country, digits)


def test_short_code_lines_are_loaded_into_the_directory(content):
    phones = set(
        ReportingChannel.objects.filter(locale=Locale.get_default(), live=True).values_list("country_code", "phone")
    )
    for country, codes in REVIEWED_SHORT_CODES.items():
        for digits in codes:
            assert any(c == country and p.replace(" ", "") == digits for c, p in phones), f"{country} {digits}"


def test_every_reference_entry_is_in_the_directory_or_excluded_with_a_reason(capsys):
    call_command("check_reference")
    assert "are accounted for" in capsys.readouterr().out


# Hours ---------------------------------------------------------------------------------------------------------------


# Helplines and hotlines: the lines a frightened visitor calls, texts or chats to talk to someone.
HOURS_KINDS = {Kind.CHILD_HELPLINE, Kind.PARENT_HELPLINE, Kind.OTHER, Kind.TRAFFICKING, Kind.MISSING_CHILDREN,
               Kind.CSAM_HOTLINE}  # fmt: skip


def test_every_helpline_and_hotline_has_its_hours_or_says_they_were_searched_for_and_not_found():
    plan = read_content(CONTENT)
    never_looked_for = [
        entry.key
        for entry in plan["channels"]
        if entry.values["kind"] in HOURS_KINDS
        and (entry.values["phone"] or entry.values["sms"] or entry.values["chat_url"])
        and not (entry.values["open_24_7"] or entry.values["opening_times"] or entry.hours_not_found)
    ]
    assert not never_looked_for, f"no hours for: {', '.join(sorted(never_looked_for))}"


def test_hours_unknown_needs_a_note_of_the_search(tmp_path):
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    path = copy / "directory" / "channels" / "GB.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - key: gb-childline")
    block = text[start:text.index("\n  - key: ", start + 1)]
    changed = block.replace("    hours: always\n", "    hours: unknown\n")
    changed = "\n".join(line for line in changed.splitlines() if not line.startswith("    notes:"))
    path.write_text(text.replace(block, changed), encoding="utf-8")
    with pytest.raises(CommandError, match="where the hours were searched for"):
        call_command("load_content", content_dir=copy, check=True, verbosity=0)


def test_a_line_whose_hours_are_unknown_tells_the_visitor(client, content):
    line = ReportingChannel.objects.get(key="ca-cybertip", locale=Locale.get_default())
    assert not line.open_24_7 and not line.opening_times
    page = client.get("/en/help/CA/csam_found/?for=parent").content.decode()
    assert "Hours not known: check their website" in page


# No one is left without help -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("audience", list(Audience.values))
def test_everyone_gets_a_channel_for_every_situation_in_every_covered_country(content, audience):
    empty = [
        (country, situation)
        for country in COUNTRY_CODES
        for situation in SITUATIONS
        if not recommend_channels(country, situation, audience).recommendations
    ]
    assert not empty


@pytest.mark.parametrize("audience", list(Audience.values))
@pytest.mark.parametrize("situation", ["immediate_danger", "self_harm"])
def test_a_helpline_follows_the_emergency_number_in_a_crisis_in_every_covered_country(content, situation, audience):
    for country in COUNTRY_CODES:
        kinds = [r.channel.kind for r in recommend_channels(country, situation, audience).recommendations]
        assert kinds[0] == Kind.EMERGENCY, country
        after = next((kind for kind in kinds if kind != Kind.EMERGENCY), None)
        assert after in HELPLINE_KINDS[audience], (country, kinds)


def test_every_route_that_lists_police_has_a_police_step_in_every_covered_country(content):
    missing = []
    for situation in Situation.objects.filter(locale=Locale.get_default(), live=True):
        for audience in Audience.values:
            if Kind.POLICE not in situation.route_for(audience):
                continue
            for country in COUNTRY_CODES:
                kinds = [r.channel.kind for r in recommend_channels(country, situation.key, audience).recommendations]
                if Kind.POLICE not in kinds:
                    missing.append((country, situation.key, audience))
    assert not missing


def test_without_a_police_channel_the_police_step_is_the_emergency_number_to_report_a_crime(content):
    hide("PT", Kind.POLICE)
    routing = recommend_channels("PT", "grooming", "parent")
    police = [r for r in routing.recommendations if r.channel.kind == Kind.POLICE]
    assert len(police) == 1
    assert police[0].channel.phone == Country.objects.get(code="PT", locale=Locale.get_default()).emergency_number
    assert "report a crime" in police[0].reason


def test_a_parent_with_no_adults_line_is_given_the_young_peoples_helpline_for_the_child(content):
    hide("PT", Kind.PARENT_HELPLINE, Kind.OTHER, Kind.CHILD_HELPLINE)
    add_channel("pt-test-child-line", Kind.CHILD_HELPLINE, audiences=[Audience.YOUNG_PERSON], open_24_7=True)
    for situation in ("talk", "bullying", "self_harm"):
        routing = recommend_channels("PT", situation, "parent")
        assert "pt-test-child-line" in keys_of(routing), situation
        line = next(r for r in routing.recommendations if r.channel.key == "pt-test-child-line")
        assert "young person you are worried about can contact them" in line.reason
    assert keys_of(recommend_channels("PT", "self_harm", "parent"))[1] == "pt-test-child-line"


# Order: the line that serves best, and one that is open now, first ----------------------------------------------------


def test_within_a_kind_the_editors_priority_comes_before_the_alphabet(content):
    hide("PT", Kind.CHILD_HELPLINE)
    add_channel("pt-a-language-line", Kind.CHILD_HELPLINE, name="A line in another language", priority=-10)
    add_channel("pt-z-national-line", Kind.CHILD_HELPLINE, name="Z national line", priority=10)
    keys = keys_of(recommend_channels("PT", "talk", "young_person"))
    assert keys.index("pt-z-national-line") < keys.index("pt-a-language-line")


def test_in_a_crisis_an_open_helpline_comes_before_a_closed_one_and_the_visitor_is_told(content):
    hide("PT", *HELPLINE_KINDS[Audience.YOUNG_PERSON])
    office = [("times", {"days": ["mon", "tue", "wed", "thu", "fri"], "opens": "09:00", "closes": "19:00"})]
    add_channel("pt-office-hours-line", Kind.CHILD_HELPLINE, name="Office hours line", priority=10, opening_times=office)
    add_channel("pt-crisis-line", Kind.OTHER, name="Crisis line", open_24_7=True, situations=["self_harm"])
    routing = recommend_channels("PT", "self_harm", "young_person", at=WEDNESDAY_8_AM)
    keys = keys_of(routing)
    assert keys[1] == "pt-crisis-line", keys
    assert keys.index("pt-office-hours-line") > 1
    assert any("Office hours line is closed at the moment" in notice for notice in routing.notices)
    at_ten = keys_of(recommend_channels("PT", "self_harm", "young_person", at=WEDNESDAY_8_AM.replace(hour=10)))
    assert at_ten[1] == "pt-office-hours-line", "open again: the editors' order stands"


def test_when_every_helpline_is_closed_the_visitor_is_told_to_call_the_emergency_number(content):
    hide("PT", *HELPLINE_KINDS[Audience.YOUNG_PERSON])
    office = [("times", {"days": ["mon", "tue", "wed", "thu", "fri"], "opens": "09:00", "closes": "19:00"})]
    add_channel("pt-office-hours-line", Kind.CHILD_HELPLINE, name="Office hours line", opening_times=office)
    routing = recommend_channels("PT", "immediate_danger", "young_person", at=WEDNESDAY_8_AM)
    assert keys_of(routing)[:2] == ["pt-emergency-number", "pt-office-hours-line"]
    assert any("every other helpline listed here" in n and "emergency number" in n for n in routing.notices)


# One truth in every language -----------------------------------------------------------------------------------------


def test_an_english_edit_of_the_emergency_number_shows_in_every_language_at_once(client, content):
    country = Country.objects.get(code="PT", locale=Locale.get_default())
    country.emergency_number = "115"  # a valid short code in Portugal, in place of the real 112
    country.save_revision().publish()
    for language, _name in settings.LANGUAGES:
        data = client.get("/api/v1/countries/", {"lang": language}).json()
        portugal = next(c for c in data["countries"] if c["code"] == "PT")
        assert portugal["emergency_number"] == "115", language
        routing = recommend_channels("PT", "immediate_danger", "young_person", language=language)
        assert routing.recommendations[0].channel.phone == "115", language
        assert client.get(f"/{language}/help/PT/immediate_danger/").content.count(b'href="tel:115"') >= 1, language


def test_an_english_edit_of_a_channels_number_shows_in_every_language_at_once(client, content):
    childline = ReportingChannel.objects.get(key="gb-childline", locale=Locale.get_default())
    childline.phone = "0800 111 2222"
    childline.save_revision().publish()
    for language, _name in settings.LANGUAGES:
        data = client.get("/api/v1/channels/", {"country": "GB", "situation": "talk", "lang": language}).json()
        phones = {c["key"]: c["phone"] for c in data["channels"]}
        assert phones["gb-childline"] == "0800 111 2222", language


# The CMS refuses what the loader refuses -----------------------------------------------------------------------------

BAD_CHANNELS = {
    "a phone number not valid for the country": ({"phone": "0800 11"}, "phone"),
    "a plain http link": ({"web_url": "http://www.childline.org.uk"}, "web_url"),
    "no way to reach it": ({"phone": "", "web_url": ""}, "phone"),
    "a maximum age below the minimum": ({"min_age": 18, "max_age": 12}, "max_age"),
    "kind 'other' without situations": ({"kind": "other", "situations": []}, "situations"),
    "a verified date in the future": ({"last_verified": date(2999, 1, 1)}, "last_verified"),
}
FILE_NAMES = {"last_verified": "verified"}


def _as_yaml(value):
    return yaml.safe_dump(value, default_flow_style=True).strip().removesuffix("...").strip()


@pytest.mark.parametrize("case", list(BAD_CHANNELS))
def test_the_cms_and_the_loader_refuse_the_same_channel(content, case, tmp_path):
    changes, field = BAD_CHANNELS[case]
    good = {"key": "gb-new-line", "name": "New line", "kind": "child_helpline", "country_code": "GB",
            "audiences": ["young_person"], "phone": "0800 1111", "web_url": "https://www.childline.org.uk",
            "source": "https://www.childline.org.uk", "last_verified": date(2026, 12, 1)}  # fmt: skip
    record = ReportingChannel(locale=Locale.get_default(), **{**good, **changes})
    with pytest.raises(ValidationError) as refused:
        record.full_clean()
    assert field in refused.value.message_dict, (case, refused.value.message_dict)

    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    fields = {**good, **changes}
    entry = {FILE_NAMES.get(k, k): v for k, v in fields.items() if k != "country_code"}
    path = copy / "directory" / "channels" / "GB.yaml"
    lines = [f"  - key: {entry.pop('key')}"] + [f"    {k}: {_as_yaml(v)}" for k, v in entry.items()]
    text = path.read_text(encoding="utf-8").replace("channels:\n", "channels:\n" + "\n".join(lines) + "\n", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as loaded:
        call_command("load_content", content_dir=copy, check=True, verbosity=0)
    assert f"'{FILE_NAMES.get(field, field)}'" in str(loaded.value), str(loaded.value)


def test_when_the_listed_helplines_are_closed_an_open_24_7_line_is_offered_after_the_emergency_number(content):
    hide("PT", *HELPLINE_KINDS[Audience.YOUNG_PERSON])
    office = [("times", {"days": ["mon", "tue", "wed", "thu", "fri"], "opens": "09:00", "closes": "19:00"})]
    add_channel("pt-office-hours-line", Kind.CHILD_HELPLINE, name="Office hours line", opening_times=office)
    add_channel("pt-crisis-line", Kind.OTHER, name="Crisis line", open_24_7=True, situations=["self_harm"])
    routing = recommend_channels("PT", "immediate_danger", "young_person", at=WEDNESDAY_8_AM)
    assert keys_of(routing)[:3] == ["pt-emergency-number", "pt-crisis-line", "pt-office-hours-line"]
    assert routing.recommendations[1].reason.startswith("Open now.")
    assert any("Office hours line is closed at the moment. Crisis line is open now." in n for n in routing.notices)
