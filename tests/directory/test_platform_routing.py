"""The app a visitor names adds its own report path to the answer: `recommend_channels(..., platform=key)`.

What each app's path is comes from its seed file (content/directory/platforms/<key>.yaml), and where it goes from the
situation's route (content/directory/situations.yaml, after the shared reference routing.md): never from the code.
"""

import pytest
import yaml
from django.conf import settings

from directory.routing import RoutingError, recommend_channels

CONTENT = settings.CONTENT_DIR / "directory"
PLATFORMS = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
             for path in sorted((CONTENT / "platforms").glob("*.yaml"))}  # fmt: skip
ROUTES = {entry["key"]: entry for entry in yaml.safe_load((CONTENT / "situations.yaml").read_text(encoding="utf-8"))}
COUNTRIES = [entry["code"] for entry in yaml.safe_load((CONTENT / "countries.yaml").read_text(encoding="utf-8"))]
HARM = {"image_shared": "nude_shared", "sextortion": "threat", "grooming": "adult_sexual_contact",
        "csam_found": "csam", "trafficking": "fake_job"}  # the harm each situation reports (issue 15)  # fmt: skip
TRANSLATIONS = {path.stem: (yaml.safe_load(path.read_text(encoding="utf-8")).get("platforms") or {})
                for path in sorted((CONTENT / "translations").glob("*.yaml"))}  # fmt: skip


def app_items(routing):
    """The named app's own item (a national service of kind platform, such as Report Harmful Content, is not one)."""
    return [r for r in routing.recommendations if r.channel.key.startswith("platform-")]


def expected_path(key: str, situation: str) -> dict:
    """The report path the seed file gives for the situation's harm, else the first harm with one (the general
    report button)."""
    reports = PLATFORMS[key]["report"]
    order = [HARM[situation]] if situation in HARM else []
    for harm in order + list(reports):
        answer = reports[harm] or {}
        if answer.get("url") or answer.get("steps"):
            return answer
    return {"url": PLATFORMS[key]["help_centre"], "steps": None}


@pytest.mark.parametrize("country", COUNTRIES)
def test_an_image_shared_on_instagram_adds_instagrams_own_report_path_after_the_removal_services(content, country):
    routing = recommend_channels(country, "image_shared", "young_person", language="en", platform="instagram")
    kinds = [r.channel.kind for r in routing.recommendations]
    (item,) = app_items(routing)
    position = routing.recommendations.index(item)
    assert "image_removal" in kinds[:position], kinds
    assert all(kind != "image_removal" for kind in kinds[position + 1 :])
    answer = PLATFORMS["instagram"]["report"]["nude_shared"]
    assert item.channel.web_url == (answer["url"] or "")
    assert item.channel.description == (answer["steps"] or "").strip()
    assert item.channel.source == answer["source"]
    assert "Instagram" in item.channel.name and "Instagram" in item.reason
    assert "under 18" in item.reason  # the field's advice: say so in the report


@pytest.mark.parametrize("key", sorted(PLATFORMS))
@pytest.mark.parametrize("situation", ["image_shared", "sextortion", "grooming", "csam_found", "trafficking", "bullying"])
def test_each_app_gives_the_path_for_what_happened_or_its_general_one(content, key, situation):
    routing = recommend_channels("GB", situation, "young_person", language="en", platform=key)
    expected = expected_path(key, situation)
    items = app_items(routing)
    if not (expected.get("url") or expected.get("steps")):
        assert items == []  # nothing known to link: the answer stays as it was, never a broken item
        return
    assert len(items) == 1
    assert items[0].channel.web_url == (expected.get("url") or "")
    assert items[0].channel.description == (expected.get("steps") or "").strip()


def test_the_app_comes_at_the_routes_platform_step_and_last_where_the_route_has_none(content):
    route = ROUTES["grooming"]["young_person"]
    assert "platform" in route and route[-1] == "platform"
    with_step = recommend_channels("ES", "grooming", "young_person", language="en", platform="roblox")
    assert with_step.recommendations[-1].channel.key == "platform-roblox"
    assert "platform" not in ROUTES["sextortion"]["adult"]
    without_step = recommend_channels("ES", "sextortion", "parent", language="en", platform="snapchat")
    assert without_step.recommendations[-1].channel.key == "platform-snapchat"
    plain = recommend_channels("ES", "sextortion", "parent", language="en")
    assert [r.channel.key for r in without_step.recommendations[:-1]] == [r.channel.key for r in plain.recommendations]


def test_no_app_named_leaves_the_answer_as_it_was(content):
    routing = recommend_channels("FR", "image_shared", "young_person", language="fr")
    assert app_items(routing) == []


@pytest.mark.parametrize("situation", ["immediate_danger", "self_harm"])
def test_naming_an_app_never_moves_the_emergency_number_and_helpline_from_the_top(content, situation):
    plain = recommend_channels("PL", situation, "young_person", language="pl")
    routing = recommend_channels("PL", situation, "young_person", language="pl", platform="discord")
    assert routing.recommendations[0].channel.kind == "emergency"
    assert [r.channel.key for r in routing.recommendations[: len(plain.recommendations)]] == [
        r.channel.key for r in plain.recommendations
    ]


def test_an_unknown_app_is_an_error_naming_the_parameter(content):
    with pytest.raises(RoutingError) as error:
        recommend_channels("GB", "image_shared", platform="myspace")
    assert error.value.parameter == "platform"


@pytest.mark.parametrize("language", sorted(TRANSLATIONS))
def test_the_steps_come_in_the_visitors_language_where_translated(content, language):
    routing = recommend_channels("GB", "image_shared", "young_person", language=language, platform="instagram")
    (item,) = app_items(routing)
    translated = (TRANSLATIONS[language].get("instagram") or {}).get("nude_shared_steps")
    english = (PLATFORMS["instagram"]["report"]["nude_shared"]["steps"] or "").strip()
    assert item.channel.description == (translated.strip() if translated else english)
    assert item.translated is bool(TRANSLATIONS[language].get("instagram"))
    assert item.channel.web_url == (PLATFORMS["instagram"]["report"]["nude_shared"]["url"] or "")  # links never translated
