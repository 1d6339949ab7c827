"""The apps young people use, on the site: the help finder's optional app question, the answer with the app's own
report path, the apps list and each app's page, the API the assistant reads them from, and the editors' side (the
loader's checks and the re-verification report). Expectations come from content/directory/platforms/, not the code."""

import json
import re
import shutil
from datetime import timedelta
from html import unescape
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Locale

from directory.models import Platform

PLATFORMS = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
             for path in sorted((settings.CONTENT_DIR / "directory" / "platforms").glob("*.yaml"))}  # fmt: skip
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def html_of(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return unescape(response.content.decode())


def report_links(key: str) -> list[str]:
    return [answer["url"] for answer in PLATFORMS[key]["report"].values() if answer and answer.get("url")]


def test_every_app_researched_is_loaded_with_its_verified_date(content):
    loaded = Platform.objects.filter(locale=Locale.get_default(), live=True)
    assert {p.key for p in loaded} == set(PLATFORMS)
    for app in loaded:
        assert str(app.last_verified) == str(PLATFORMS[app.key]["verified"])
        assert app.alias_list == [a.lower() for a in PLATFORMS[app.key]["aliases"]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_apps_page_lists_every_app_with_a_link_to_its_own_page(client, content, language):
    html = html_of(client, f"/{language}/help/apps/")
    for key, data in PLATFORMS.items():
        assert f'href="/{language}/help/apps/{key}/"' in html
        assert data["name"] in html


@pytest.mark.parametrize("key", sorted(PLATFORMS))
def test_each_apps_page_links_its_report_paths_and_their_sources(client, content, key):
    html = html_of(client, f"/en/help/apps/{key}/")
    assert PLATFORMS[key]["name"] in html
    for url in report_links(key):
        assert f'href="{url}"' in html
    for answer in PLATFORMS[key]["report"].values():
        if answer and (answer.get("url") or answer.get("steps")):
            assert f'href="{answer["source"]}"' in html
    assert "under 18" in html  # the field's advice on every app's page


def test_an_apps_page_in_spanish_shows_the_translated_steps_or_marks_the_english(client, content):
    html = html_of(client, "/es/help/apps/instagram/")
    translated = yaml.safe_load((settings.CONTENT_DIR / "directory" / "translations" / "es.yaml").read_text("utf-8"))
    steps = ((translated.get("platforms") or {}).get("instagram") or {}).get("nude_shared_steps")
    if steps:
        assert steps.strip() in html
    else:
        assert 'lang="en"' in html


def test_an_app_we_do_not_list_is_not_found(client, content):
    html_of(client, "/en/help/apps/myspace/", status=404)


def test_the_help_finder_asks_which_app_optionally_and_carries_the_answer_to_the_result(client, content):
    form = html_of(client, "/en/help/")
    assert 'name="app"' in form and 'value="instagram"' in form
    response = client.get("/en/help/", {"country": "GB", "situation": "image_shared", "for": "young_person",
                                        "app": "instagram"})  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == "/en/help/gb/image_shared/?app=instagram"
    no_app = client.get("/en/help/", {"country": "GB", "situation": "image_shared", "app": ""})
    assert no_app["Location"] == "/en/help/gb/image_shared/"


def test_the_answer_for_an_image_shared_on_instagram_links_instagrams_report_path_after_the_removal_services(
    client, content
):
    html = html_of(client, "/en/help/gb/image_shared/?app=instagram")
    report = PLATFORMS["instagram"]["report"]["nude_shared"]
    assert "Report it on Instagram" in html
    removal = html.index("channel--image_removal")
    platform = html.index("Report it on Instagram")
    assert removal < platform
    assert f'href="{report["url"]}"' in html[platform:]
    assert "Tell us the app or game" not in html  # the app is known: no question


def test_an_answer_without_an_app_offers_the_apps_and_the_list(client, content):
    html = html_of(client, "/fr/help/gb/image_shared/")
    assert "Instagram" not in html.split('id="on-the-app"')[0]
    assert 'href="/fr/help/apps/"' in html
    assert 'name="app"' in html


def test_a_crisis_answer_does_not_ask_about_apps(client, content):
    html = html_of(client, "/en/help/gb/immediate_danger/")
    assert 'name="app"' not in html


def test_an_unknown_app_in_the_address_is_ignored_not_an_error(client, content):
    html = html_of(client, "/en/help/gb/image_shared/?app=myspace")
    assert 'id="on-the-app"' in html  # offered the apps, as without an app
    assert "myspace" not in html.split('id="main-content"')[1].lower()


# The API: the assistant reads the apps and the answer from here ----------------------------------------------------


def test_the_api_lists_the_apps_with_the_names_visitors_use_and_their_pages(client, content):
    data = json.loads(client.get("/api/v1/platforms/", {"lang": "de"}).content)
    assert data["list_url"].endswith("/de/help/apps/")
    by_key = {p["key"]: p for p in data["platforms"]}
    assert set(by_key) == set(PLATFORMS)
    assert "insta" in by_key["instagram"]["aliases"]
    assert by_key["snapchat"]["url"].endswith("/de/help/apps/snapchat/")


def test_the_api_adds_the_named_apps_report_path_and_refuses_an_unknown_app(client, content):
    params = {"country": "GB", "situation": "image_shared", "audience": "young_person", "lang": "en"}
    data = json.loads(client.get("/api/v1/channels/", params | {"platform": "instagram"}).content)
    keys = [c["key"] for c in data["channels"]]
    kinds = [c["kind"] for c in data["channels"]]
    assert keys.index("platform-instagram") > kinds.index("image_removal")
    item = data["channels"][keys.index("platform-instagram")]
    assert item["kind"] == "platform"
    assert item["web_url"] == PLATFORMS["instagram"]["report"]["nude_shared"]["url"]
    wrong = client.get("/api/v1/channels/", params | {"platform": "myspace"})
    assert wrong.status_code == 400
    assert json.loads(wrong.content)["error"]["parameter"] == "platform"


# Editors ------------------------------------------------------------------------------------------------------------


def test_an_app_not_verified_for_the_period_is_listed_for_re_verification(client, content):
    user = User.objects.create_superuser("editor", "editor@example.org", "a-long-password-1")
    client.force_login(user)
    app = Platform.objects.get(locale=Locale.get_default(), key="discord")
    app.last_verified = timezone.localdate() - timedelta(days=settings.HELPHUB_VERIFY_MAX_AGE_DAYS + 1)
    app.save()
    html = html_of(client, "/admin/reports/stale-channels/")
    assert "Discord" in html
    assert "Roblox" not in html


@pytest.fixture
def broken(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(settings.CONTENT_DIR, target)
    return target


def test_a_report_path_without_its_source_is_refused_with_file_and_line(content, broken):
    path = broken / "directory" / "platforms" / "instagram.yaml"
    data = path.read_text(encoding="utf-8")
    source = PLATFORMS["instagram"]["report"]["adult_sexual_contact"]["source"]
    lines = data.splitlines()
    number = next(i for i, line in enumerate(lines, start=1)
                  if line.strip().startswith("source:") and source in line and i > data[: data.index("adult_sexual_contact:")].count("\n"))  # fmt: skip
    lines[number - 1] = lines[number - 1].split("source:")[0] + "source: null"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("load_content", content_dir=broken, check=True)
    assert "instagram.yaml:" in str(error.value)
    assert "Say where the link or the steps were seen" in str(error.value)


def test_a_plain_http_report_link_is_refused(content, broken):
    path = broken / "directory" / "platforms" / "discord.yaml"
    url = next(u for u in report_links("discord"))
    path.write_text(path.read_text(encoding="utf-8").replace(url, url.replace("https://", "http://"), 1), "utf-8")
    with pytest.raises(CommandError, match=r"discord\.yaml:\d+: .*https://"):
        call_command("load_content", content_dir=broken, check=True)


def test_editors_find_the_apps_in_the_directory_menu_and_edit_one(client, content):
    user = User.objects.create_superuser("apps-editor", "apps@example.org", "a-long-password-1")
    client.force_login(user)
    listing = html_of(client, "/admin/snippets/directory/platform/results/", status=200)
    assert "Discord" in listing  # by name: the first app
    found = html_of(client, "/admin/snippets/directory/platform/results/?q=insta")  # a name visitors use
    assert "Instagram" in found and "Discord" not in found
    channels = html_of(client, "/admin/snippets/directory/reportingchannel/results/?q=childline")
    assert "Childline" in channels
    app = Platform.objects.get(locale=Locale.get_default(), key="instagram")
    form = html_of(client, f"/admin/snippets/directory/platform/edit/{app.pk}/")
    for field in ("nude_shared_url", "nude_shared_steps", "nude_shared_source", "aliases", "last_verified"):
        assert f'name="{field}"' in form


# Guides ---------------------------------------------------------------------------------------------------------------

GUIDES = settings.CONTENT_DIR / "guides"
REPORT_ON_THE_APP = re.compile(r"\breport\b[^.]{0,60}\bon the (?:app|platform|app or game|app or site)\b", re.IGNORECASE)


def test_every_english_guide_step_that_says_report_on_the_app_links_the_apps_page():
    unlinked = []
    for path in sorted((GUIDES / "en").glob("*.md")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if REPORT_ON_THE_APP.search(line) and "help:apps" not in line:
                unlinked.append(f"{path.name}:{number}: {line[:80]}")
    assert unlinked == []


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_each_translated_guide_links_the_apps_page_where_the_english_does(language):
    for english in sorted((GUIDES / "en").glob("*.md")):
        translated = GUIDES / language / english.name
        if translated.exists():
            count = english.read_text(encoding="utf-8").count("(help:apps)")
            assert translated.read_text(encoding="utf-8").count("(help:apps)") == count, translated.name


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_guide_page_links_the_apps_page_in_its_own_language(client, content, language):
    html = html_of(client, f"/{language}/guides/sextortion-young-people/", status=200)
    assert f'href="/{language}/help/apps/"' in html
