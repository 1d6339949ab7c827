"""The directory's lists in the admin open on the default language's records, where an editor changes numbers, links,
hours and dates, rather than on 25 copies of each record; the locale filter still shows the others."""

import json
import re
from html import unescape

import pytest
from django.contrib.auth.models import User
from wagtail.models import Locale

from directory.models import Country, Platform, ReportingChannel, Situation

MODELS = {"reportingchannel": ReportingChannel, "country": Country, "situation": Situation, "platform": Platform}


@pytest.fixture
def editor(client, db):
    client.force_login(User.objects.create_superuser("list-editor", "list@example.org", "a-long-password-1"))
    return client


def menu_urls(html: str) -> list[str]:
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S)
    return re.findall(r'"url": "([^"]+)"', json.dumps(json.loads(unescape(props.group(1)))))


def listed(client, url: str) -> set[int]:
    return {int(pk) for pk in re.findall(r"/edit/(\d+)/", client.get(url).content.decode())}


@pytest.mark.parametrize("model_name", MODELS)
def test_the_directory_menu_opens_each_list_on_the_default_languages_records(editor, content, model_name):
    model = MODELS[model_name]
    url = f"/admin/snippets/directory/{model_name}/?locale=en"
    assert url in menu_urls(editor.get("/admin/").content.decode())
    default = set(model.objects.filter(locale=Locale.get_default()).values_list("pk", flat=True))
    shown = listed(editor, url)
    assert shown <= default
    assert len(shown) == min(len(default), 20)  # the list's first page
    # Every language's copies are a filter away.
    everything = listed(editor, f"/admin/snippets/directory/{model_name}/?locale=")
    assert everything - default
