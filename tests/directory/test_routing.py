"""What the help finder, the API and the assistant recommend: `directory.routing.recommend_channels`.

Expectations are read from the seed files in content/ (and the shared reference routing.md, whose default routes
content/directory/situations.yaml follows), not from the code under test.
"""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import yaml
from django.conf import settings
from wagtail.models import Locale

from directory.hours import is_open
from directory.models import ReportingChannel, Situation
from directory.routing import RoutingError, recommend_channels

CONTENT = settings.CONTENT_DIR
SITUATIONS_FILE = yaml.safe_load((CONTENT / "directory" / "situations.yaml").read_text(encoding="utf-8"))
COUNTRIES_FILE = yaml.safe_load((CONTENT / "directory" / "countries.yaml").read_text(encoding="utf-8"))
SITUATIONS = {entry["key"]: entry for entry in SITUATIONS_FILE}
for _path in (CONTENT / "directory" / "translations").glob("*.yaml"):
    _translations = yaml.safe_load(_path.read_text(encoding="utf-8"))
    for _key, _texts in _translations["situations"].items():
        for _field in ("title", "description"):
            SITUATIONS[_key][_field][_translations["language"]] = _texts[_field]
EMERGENCY_NUMBERS = {entry["code"]: str(entry["emergency_number"]) for entry in COUNTRIES_FILE}
SITUATION_KEYS = list(SITUATIONS)
AUDIENCES = ["young_person", "parent", "other"]
SAFETY_FIRST = {"immediate_danger", "self_harm"}
ADULT_HELPLINES = {"parent_helpline", "child_helpline", "other"}
YOUNG_HELPLINES = {"child_helpline", "other", "parent_helpline"}
COVERED_SAMPLE = ["ES", "GB", "DE"]
MADRID = ZoneInfo("Europe/Madrid")
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]


def stored_route(situation: str, audience: str) -> list[str]:
    return SITUATIONS[situation]["young_person" if audience == "young_person" else "adult"]


def kinds_of(routing) -> list[str]:
    return [str(r.channel.kind) for r in routing.recommendations]


def keys_of(routing) -> list[str]:
    return [r.channel.key for r in routing.recommendations]


def channel(key: str) -> ReportingChannel:
    return ReportingChannel.objects.get(key=key, locale=Locale.get_default())


def english_name(key: str) -> str:
    for path in (CONTENT / "directory" / "channels").glob("*.yaml"):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["channels"]:
            if entry["key"] == key:
                name = entry["name"]
                return name["en"] if isinstance(name, dict) else name
    raise LookupError(key)


# Route order -------------------------------------------------------------------------------------------------------


def test_seed_routes_match_the_routing_reference():
    """situations.yaml holds the default order from routing.md (young person / adult columns)."""
    # The reference table is reproduced here so the test does not depend on files outside the project.
    expected = {
        "immediate_danger": (["emergency", "child_helpline"], ["emergency", "police"]),
        "self_harm": (["emergency", "child_helpline", "other"], ["emergency", "parent_helpline", "other"]),
        "sextortion": (["child_helpline", "image_removal", "police", "csam_hotline"],
                       ["police", "image_removal", "parent_helpline", "csam_hotline"]),
        "image_shared": (["image_removal", "child_helpline", "csam_hotline", "platform"],
                         ["image_removal", "csam_hotline", "police", "parent_helpline"]),
        "csam_found": (["csam_hotline", "police"], ["csam_hotline", "police"]),
        "grooming": (["child_helpline", "police", "platform"], ["police", "parent_helpline", "csam_hotline"]),
        "trafficking": (["emergency", "trafficking", "police", "child_helpline"],
                        ["trafficking", "police", "emergency", "missing_children"]),
        "bullying": (["child_helpline", "platform"], ["parent_helpline", "platform"]),
        "talk": (["child_helpline"], ["parent_helpline", "child_helpline"]),
    }  # fmt: skip
    assert list(SITUATIONS) == list(expected)
    for key, (young, adult) in expected.items():
        assert SITUATIONS[key]["young_person"] == young, key
        assert SITUATIONS[key]["adult"] == adult, key


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("situation", SITUATION_KEYS)
@pytest.mark.parametrize("country", COVERED_SAMPLE)
def test_channels_are_listed_in_the_situations_route_order(content, country, situation, audience):
    routing = recommend_channels(country, situation, audience)
    assert routing.covered
    assert routing.recommendations, "a covered country has at least one channel for every situation"
    kinds = kinds_of(routing)
    route = stored_route(situation, audience)
    helplines = YOUNG_HELPLINES if audience == "young_person" else ADULT_HELPLINES
    if situation in SAFETY_FIRST:
        # Kinds outside the stored route may only be fallback helplines, and a helpline open now may come before
        # one that is closed: the other kinds keep the route's order.
        assert set(kinds) - set(route) <= helplines
        in_route = [k for k in kinds if k in route and k not in helplines]
    else:
        assert set(kinds) - set(route) <= {"child_helpline"}, f"{kinds} has kinds not in the route {route}"
        in_route = [k for k in kinds if k in route]
    positions = [route.index(k) for k in in_route]
    assert positions == sorted(positions), f"{kinds} is not in the route order {route}"
    for recommendation in routing.recommendations:
        if "young person you are worried about" in recommendation.reason:
            assert audience != "young_person" and recommendation.channel.kind == "child_helpline"
            continue  # an adult is given the young people's line for the young person to contact
        assert audience in recommendation.channel.audiences
        assert recommendation.reason
        assert recommendation.channel.country_code in (country, "")


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("situation", sorted(SAFETY_FIRST))
@pytest.mark.parametrize("country", COVERED_SAMPLE)
def test_immediate_danger_and_self_harm_start_with_the_emergency_number_then_a_helpline(
    content, country, situation, audience
):
    routing = recommend_channels(country, situation, audience)
    first = routing.recommendations[0]
    assert first.channel.kind == "emergency"
    assert first.channel.phone == EMERGENCY_NUMBERS[country]
    assert first.channel.phone_tel == f"tel:{EMERGENCY_NUMBERS[country]}"
    assert first.open_now is True
    kinds = kinds_of(routing)
    after_emergency = next(k for k in kinds if k != "emergency")
    assert kinds.index(after_emergency) == kinds.count("emergency"), "every emergency entry comes first"
    assert after_emergency in (YOUNG_HELPLINES if audience == "young_person" else ADULT_HELPLINES)
    if audience == "young_person" and after_emergency != "child_helpline":
        assert any("is open now" in notice for notice in routing.notices), "only an open line goes before it"


@pytest.mark.parametrize("situation", sorted(SAFETY_FIRST))
def test_every_covered_country_lists_its_own_emergency_number_first_in_danger(content, situation):
    for code, number in EMERGENCY_NUMBERS.items():
        for audience in AUDIENCES:
            routing = recommend_channels(code, situation, audience)
            first = routing.recommendations[0].channel
            assert (first.kind, first.phone, first.country_code) == ("emergency", number, code), (code, audience)
            assert routing.recommendations[0].open_now is True


def test_gb_sextortion_young_person_gets_childline_then_removal_then_police_then_iwf(content):
    routing = recommend_channels("GB", "sextortion", "young_person")
    assert keys_of(routing) == [
        "gb-childline",
        "gb-report-remove",  # national channels come before international ones of the same kind
        "int-take-it-down",
        "gb-ceop-safety-centre",
        "gb-police-non-emergency",
        "gb-iwf",
    ]


def test_gb_immediate_danger_for_a_parent_lists_999_then_nspcc_then_police(content):
    # A Wednesday at 11:00 in London, when the NSPCC's line is open (at night an open crisis line comes first: below).
    routing = recommend_channels("GB", "immediate_danger", "parent", at=datetime(2026, 1, 14, 11, 0, tzinfo=ZoneInfo("Europe/London")))
    assert [(r.channel.kind, r.channel.phone or r.channel.web_url) for r in routing.recommendations] == [
        ("emergency", "999"),
        ("parent_helpline", "0808 800 5000"),
        ("police", "https://www.ceop.police.uk/Safety-Centre/"),
        ("police", "101"),
    ]


def test_country_code_is_accepted_in_lower_case_with_spaces(content):
    assert keys_of(recommend_channels(" gb ", "talk", "young_person")) == ["gb-childline"]


def test_kind_other_channel_only_appears_for_the_situations_it_names(content):
    # ch-dargebotene-hand-143 (kind "other") names self_harm and talk; only self_harm routes list "other".
    listed_in = {
        situation
        for situation in SITUATION_KEYS
        for audience in AUDIENCES
        if "ch-dargebotene-hand-143" in keys_of(recommend_channels("CH", situation, audience))
    }
    assert listed_in == {"self_harm"}


# Editors changing the route ------------------------------------------------------------------------------------------


def _set_route(situation_key: str, field: str, kinds: list[str]) -> None:
    situation = Situation.objects.get(key=situation_key, locale=Locale.get_default(), live=True)
    setattr(situation, field, [("kind", kind) for kind in kinds])
    situation.save()


def test_emergency_stays_first_when_an_editor_puts_police_first_in_immediate_danger(content):
    _set_route("immediate_danger", "young_person_route", ["police", "child_helpline", "emergency"])
    routing = recommend_channels("GB", "immediate_danger", "young_person")
    kinds = kinds_of(routing)
    assert routing.recommendations[0].channel.phone == "999"
    assert kinds[:2] == ["emergency", "child_helpline"]
    assert "police" in kinds, "the edited route is still used for the rest"
    assert kinds.index("police") > kinds.index("child_helpline")


def test_emergency_and_a_helpline_come_first_even_when_the_route_lists_neither(content):
    _set_route("self_harm", "young_person_route", ["police"])
    kinds = kinds_of(recommend_channels("GB", "self_harm", "young_person"))
    assert kinds[:2] == ["emergency", "child_helpline"]
    assert kinds[-2:] == ["police", "police"]


def test_emergency_stays_first_for_adults_when_the_adult_route_is_reordered(content):
    _set_route("self_harm", "adult_route", ["police", "other", "emergency", "parent_helpline"])
    routing = recommend_channels("DE", "self_harm", "parent")
    kinds = kinds_of(routing)
    assert routing.recommendations[0].channel.phone == "112"
    after_emergency = next(k for k in kinds if k != "emergency")
    assert after_emergency in ADULT_HELPLINES


def test_an_edited_route_changes_the_order_for_other_situations(content):
    _set_route("sextortion", "young_person_route", ["police", "child_helpline"])
    assert kinds_of(recommend_channels("GB", "sextortion", "young_person")) == ["police", "police", "child_helpline"]


# Countries the directory does not cover, and bad input ---------------------------------------------------------------


@pytest.mark.parametrize("country", ["BR", "JP"])
@pytest.mark.parametrize("situation", ["image_shared", "sextortion"])
def test_uncovered_country_gets_a_notice_and_the_international_image_removal_services(content, country, situation):
    young = recommend_channels(country, situation, "young_person")
    assert young.covered is False
    assert young.country is None
    assert young.notices and "emergency number" in young.notices[0]
    assert all(r.channel.is_international for r in young.recommendations)
    assert keys_of(young) == ["int-take-it-down"]
    adult = recommend_channels(country, situation, "other")
    assert set(keys_of(adult)) == {"int-take-it-down", "int-stopncii"}
    assert all(r.channel.kind == "image_removal" for r in adult.recommendations)


@pytest.mark.parametrize("country", ["BR", "JP"])
def test_uncovered_country_in_danger_gets_no_national_number_but_a_notice(content, country):
    routing = recommend_channels(country, "immediate_danger", "young_person")
    assert not routing.covered
    assert not [r for r in routing.recommendations if not r.channel.is_international]
    assert "local emergency number" in routing.notices[0]


@pytest.mark.parametrize("code", ["XX1", "", "ZZ", "ESP", "E", "12", None])
def test_invalid_country_code_is_refused_naming_the_country_parameter(content, code):
    with pytest.raises(RoutingError) as error:
        recommend_channels(code, "talk", "young_person")
    assert error.value.parameter == "country"
    assert error.value.message


@pytest.mark.parametrize(
    ("arguments", "parameter"),
    [
        ({"situation": "sexting"}, "situation"),
        ({"situation": ""}, "situation"),
        ({"audience": "teacher"}, "audience"),
        ({"audience": ""}, "audience"),
        ({"age": -1}, "age"),
        ({"age": 121}, "age"),
    ],
)
def test_unknown_situation_audience_or_impossible_age_is_refused_naming_the_parameter(content, arguments, parameter):
    call = {"country": "ES", "situation": "talk", "audience": "young_person", **arguments}
    with pytest.raises(RoutingError) as error:
        recommend_channels(**call)
    assert error.value.parameter == parameter


@pytest.mark.parametrize("age", [0, 120])
def test_ages_at_the_limits_are_accepted(content, age):
    assert recommend_channels("ES", "talk", "parent", age=age).covered


def test_an_unpublished_situation_is_refused(content):
    Situation.objects.get(key="talk", locale=Locale.get_default()).unpublish()
    with pytest.raises(RoutingError) as error:
        recommend_channels("ES", "talk", "young_person")
    assert error.value.parameter == "situation"


# Age rules ---------------------------------------------------------------------------------------------------------


def test_16_year_old_in_gb_with_a_shared_image_gets_report_remove_and_take_it_down_not_stopncii(content):
    keys = keys_of(recommend_channels("GB", "image_shared", "young_person", age=16))
    assert "gb-report-remove" in keys
    assert "int-take-it-down" in keys
    assert "int-stopncii" not in keys
    assert keys.index("gb-report-remove") < keys.index("int-take-it-down")


def test_adult_of_25_with_a_shared_image_gets_stopncii_and_take_it_down_each_saying_which_images(content):
    # The age in the image decides, not the age now: an adult's image may have been taken before they were 18.
    routing = recommend_channels("GB", "image_shared", "other", age=25)
    reasons = {r.channel.key: r.reason for r in routing.recommendations}
    assert "int-stopncii" in reasons
    assert "int-take-it-down" in reasons
    assert "gb-report-remove" not in reasons, "Report Remove is for young people under 18 now"
    assert "under 18, also if they are an adult now" in reasons["int-take-it-down"]
    assert "18 or over" in reasons["int-stopncii"]


def test_19_year_old_whose_image_was_taken_at_16_is_offered_take_it_down(content):
    for situation in ("image_shared", "sextortion"):
        assert "int-take-it-down" in keys_of(recommend_channels("IE", situation, "other", age=19)), situation


def test_adult_asking_about_a_17_year_old_gets_take_it_down_not_stopncii(content):
    keys = keys_of(recommend_channels("GB", "image_shared", "other", age=17))
    assert "int-take-it-down" in keys
    assert "int-stopncii" not in keys


@pytest.mark.parametrize(("age", "listed"), [(None, True), (18, True), (19, False)])
def test_childline_is_not_listed_above_its_maximum_age(content, age, listed):
    keys = keys_of(recommend_channels("GB", "talk", "young_person", age=age))
    assert ("gb-childline" in keys) is listed


def test_channels_above_their_max_age_are_dropped_from_every_situation(content):
    for situation in SITUATION_KEYS:
        for audience in AUDIENCES:
            for recommendation in recommend_channels("GB", situation, audience, age=19).recommendations:
                max_age = recommendation.channel.max_age
                if recommendation.channel.ages_in_image:
                    continue  # the age in the image, not the age now
                assert max_age is None or max_age >= 19, (situation, audience, recommendation.channel.key)


@pytest.mark.parametrize(("age", "listed"), [(None, True), (17, False), (18, True)])
def test_channels_below_their_min_age_are_dropped(content, age, listed):
    keys = keys_of(recommend_channels("ES", "sextortion", "other", age=age))
    assert ("int-stopncii" in keys) is listed  # StopNCII: min_age 18


# Language ------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["es", "fr", "de"])
def test_situation_title_is_given_in_the_requested_language(content, language):
    for key in ("sextortion", "immediate_danger", "talk"):
        routing = recommend_channels("ES", key, "young_person", language=language)
        assert routing.situation.title == SITUATIONS[key]["title"][language]
        assert routing.situation.description == SITUATIONS[key]["description"][language]
        assert routing.language == language


def test_country_name_is_given_in_the_requested_language(content):
    assert recommend_channels("DE", "talk", "young_person", language="de").country.name == "Deutschland"
    assert recommend_channels("DE", "talk", "young_person", language="es").country.name == "Alemania"
    assert recommend_channels("DE", "talk", "young_person").country.name == "Germany"


def test_channel_without_a_spanish_translation_keeps_its_english_name_and_says_so(content):
    ReportingChannel.objects.filter(key="es-anar-helpline", locale__language_code="es").delete()
    routing = recommend_channels("ES", "sextortion", "young_person", language="es")
    anar = next(r for r in routing.recommendations if r.channel.key == "es-anar-helpline")
    assert anar.channel.name == english_name("es-anar-helpline")
    assert anar.translated is False
    english = recommend_channels("ES", "sextortion", "young_person")
    assert all(r.translated for r in english.recommendations)


def test_channel_with_a_spanish_translation_shows_the_spanish_wording_but_the_shared_phone(content):
    source = channel("es-anar-helpline")
    ReportingChannel.objects.filter(key="es-anar-helpline").exclude(locale=source.locale).filter(
        locale__language_code__in=["es", "fr"]).delete()
    spanish = source.copy_for_translation(Locale.objects.get(language_code="es"))
    spanish.name = "Teléfono ANAR de ayuda a niños y adolescentes"
    spanish.description = "Ayuda para niños y adolescentes."
    spanish.phone = "000"  # numbers are shared by every language: the translation's copy is ignored
    spanish.live = True
    spanish.save()
    routing = recommend_channels("ES", "talk", "young_person", language="es")
    anar = routing.recommendations[0]
    assert anar.channel.key == "es-anar-helpline"
    assert anar.channel.name == "Teléfono ANAR de ayuda a niños y adolescentes"
    assert anar.channel.description == "Ayuda para niños y adolescentes."
    assert anar.channel.phone == "900 20 20 10"
    assert anar.translated is True
    french = recommend_channels("ES", "talk", "young_person", language="fr").recommendations[0]
    assert french.channel.name == english_name("es-anar-helpline")
    assert french.translated is False


def test_unknown_language_falls_back_to_english(content):
    routing = recommend_channels("ES", "talk", "young_person", language="xx")
    assert routing.language == "en"
    assert routing.situation.title == SITUATIONS["talk"]["title"]["en"]


# Publishing ----------------------------------------------------------------------------------------------------------


def test_an_unpublished_channel_is_not_recommended(content):
    assert "gb-childline" in keys_of(recommend_channels("GB", "talk", "young_person"))
    channel("gb-childline").unpublish()
    routing = recommend_channels("GB", "talk", "young_person")
    assert "gb-childline" not in keys_of(routing)
    assert routing.notices, "a covered country with nothing left says so"


def test_a_published_phone_change_shows_in_the_next_answer(content):
    assert recommend_channels("GB", "talk", "young_person").recommendations[0].channel.phone == "0800 1111"
    childline = channel("gb-childline")
    childline.phone = "0800 111 2222"
    childline.save_revision().publish()
    assert recommend_channels("GB", "talk", "young_person").recommendations[0].channel.phone == "0800 111 2222"


def test_a_draft_change_is_not_shown_until_it_is_published(content):
    childline = channel("gb-childline")
    childline.phone = "0808 800 5001"
    revision = childline.save_revision()
    assert recommend_channels("GB", "talk", "young_person").recommendations[0].channel.phone == "0800 1111"
    revision.publish()
    assert recommend_channels("GB", "talk", "young_person").recommendations[0].channel.phone == "0808 800 5001"


# Open now ------------------------------------------------------------------------------------------------------------


def _hours(key, slots, zone=""):
    record = channel(key)
    record.open_24_7 = False
    record.time_zone = zone
    record.opening_times = [("times", {"days": days, "opens": opens, "closes": closes}) for days, opens, closes in slots]
    record.save()


def _open_now(country, situation, audience, key, at):
    routing = recommend_channels(country, situation, audience, at=at)
    return next(r.open_now for r in routing.recommendations if r.channel.key == key)


def test_a_24_7_line_is_open_now(content):
    at = datetime(2026, 1, 18, 4, 0, tzinfo=MADRID)  # a Sunday, 04:00
    assert _open_now("ES", "trafficking", "parent", "es-policia-trafficking-line", at) is True


def test_the_emergency_number_is_always_open(content):
    routing = recommend_channels("ES", "immediate_danger", "parent", at=datetime(2026, 1, 18, 4, 0, tzinfo=MADRID))
    assert routing.recommendations[0].open_now is True


def test_office_hours_line_in_madrid_is_open_on_wednesday_morning_and_closed_on_sunday(content):
    _hours("es-anar-helpline", [(WEEKDAYS, time(9), time(17))])
    assert _open_now("ES", "talk", "young_person", "es-anar-helpline", datetime(2026, 1, 14, 10, 0, tzinfo=MADRID)) is True
    assert _open_now("ES", "talk", "young_person", "es-anar-helpline", datetime(2026, 1, 18, 10, 0, tzinfo=MADRID)) is False
    assert _open_now("ES", "talk", "young_person", "es-anar-helpline", datetime(2026, 1, 14, 8, 59, tzinfo=MADRID)) is False
    assert _open_now("ES", "talk", "young_person", "es-anar-helpline", datetime(2026, 1, 14, 17, 0, tzinfo=MADRID)) is False


def test_opening_hours_are_read_in_the_countrys_time_zone_not_utc(content):
    _hours("es-anar-helpline", [(WEEKDAYS, time(9), time(17))])
    utc = ZoneInfo("UTC")
    # 15 July 2026 (Wednesday): Madrid is UTC+2 in summer. 07:30 UTC is 09:30 in Madrid: open.
    assert _open_now("ES", "talk", "young_person", "es-anar-helpline", datetime(2026, 7, 15, 7, 30, tzinfo=utc)) is True
    # 15:30 UTC is 17:30 in Madrid: closed, although it is within 09-17 in UTC.
    assert _open_now("ES", "talk", "young_person", "es-anar-helpline", datetime(2026, 7, 15, 15, 30, tzinfo=utc)) is False


def test_a_channels_own_time_zone_overrides_the_countrys(content):
    _hours("es-anar-helpline", [(WEEKDAYS, time(9), time(17))], zone="Atlantic/Canary")  # one hour behind Madrid
    at = datetime(2026, 1, 14, 9, 30, tzinfo=MADRID)  # 08:30 in the Canaries
    assert _open_now("ES", "talk", "young_person", "es-anar-helpline", at) is False


def test_overnight_line_is_open_after_midnight_on_the_next_day(content):
    _hours("es-anar-helpline", [(["fri"], time(20), time(2))])
    ask = lambda *when: _open_now("ES", "talk", "young_person", "es-anar-helpline", datetime(*when, tzinfo=MADRID))  # noqa: E731
    assert ask(2026, 1, 16, 23, 0) is True  # Friday 23:00
    assert ask(2026, 1, 17, 1, 0) is True  # Saturday 01:00
    assert ask(2026, 1, 17, 2, 0) is False  # Saturday 02:00
    assert ask(2026, 1, 16, 19, 59) is False  # Friday 19:59
    assert ask(2026, 1, 16, 1, 0) is False  # Friday 01:00: Thursday night is not in the slot


def test_unknown_hours_give_no_open_now_answer(content):
    assert _open_now("ES", "sextortion", "young_person", "es-incibe-hotline", datetime(2026, 1, 14, 10, tzinfo=MADRID)) is None


class TestIsOpen:
    office = [{"days": WEEKDAYS, "opens": time(9), "closes": time(17)}]

    def test_24_7_is_open_whatever_the_hours_say(self):
        assert is_open(True, [], "Europe/Madrid", datetime(2026, 1, 18, 3, 0, tzinfo=MADRID)) is True

    def test_no_hours_is_unknown(self):
        assert is_open(False, [], "Europe/Madrid", datetime(2026, 1, 14, 10, 0, tzinfo=MADRID)) is None

    def test_open_on_wednesday_at_ten_in_madrid(self):
        assert is_open(False, self.office, "Europe/Madrid", datetime(2026, 1, 14, 10, 0, tzinfo=MADRID)) is True

    def test_closed_on_sunday(self):
        assert is_open(False, self.office, "Europe/Madrid", datetime(2026, 1, 18, 10, 0, tzinfo=MADRID)) is False

    def test_opening_time_is_inclusive_and_closing_time_exclusive(self):
        assert is_open(False, self.office, "Europe/Madrid", datetime(2026, 1, 14, 9, 0, tzinfo=MADRID)) is True
        assert is_open(False, self.office, "Europe/Madrid", datetime(2026, 1, 14, 17, 0, tzinfo=MADRID)) is False

    def test_the_moment_is_converted_to_the_zone(self):
        # 09:30 UTC on a winter Wednesday is 10:30 in Madrid but 04:30 in New York.
        at = datetime(2026, 1, 14, 9, 30, tzinfo=ZoneInfo("UTC"))
        assert is_open(False, self.office, "Europe/Madrid", at) is True
        assert is_open(False, self.office, "America/New_York", at) is False

    def test_times_may_be_written_as_text(self):
        slots = [{"days": ["wed"], "opens": "09:00", "closes": "17:00"}]
        assert is_open(False, slots, "Europe/Madrid", datetime(2026, 1, 14, 10, 0, tzinfo=MADRID)) is True

    def test_overnight_slot_runs_into_the_next_day(self):
        slots = [{"days": ["wed"], "opens": time(20), "closes": time(2)}]
        assert is_open(False, slots, "Europe/Madrid", datetime(2026, 1, 14, 21, 0, tzinfo=MADRID)) is True
        assert is_open(False, slots, "Europe/Madrid", datetime(2026, 1, 15, 1, 0, tzinfo=MADRID)) is True
        assert is_open(False, slots, "Europe/Madrid", datetime(2026, 1, 15, 2, 0, tzinfo=MADRID)) is False
        assert is_open(False, slots, "Europe/Madrid", datetime(2026, 1, 14, 1, 0, tzinfo=MADRID)) is False

    def test_overnight_slot_on_sunday_runs_into_monday(self):
        slots = [{"days": ["sun"], "opens": time(22), "closes": time(6)}]
        assert is_open(False, slots, "Europe/Madrid", datetime(2026, 1, 19, 5, 0, tzinfo=MADRID)) is True

    def test_several_slots_on_one_day(self):
        slots = [
            {"days": ["sat"], "opens": time(10), "closes": time(12)},
            {"days": ["sat"], "opens": time(16), "closes": time(18)},
        ]
        saturday = lambda hour: datetime(2026, 1, 17, hour, 0, tzinfo=MADRID)  # noqa: E731
        assert [is_open(False, slots, "Europe/Madrid", saturday(h)) for h in (11, 14, 17)] == [True, False, True]
