"""The admin's home page is the editors' to-do list: counts of what is wrong or due, each linking to where it is fixed,
from a few queries, kept until an edit."""

import re
from datetime import timedelta
from html import unescape
from urllib.parse import quote

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from directory.models import ReportingChannel, without_hours
from editorial import dashboard


@pytest.fixture
def editor(client, db):
    user = User.objects.create_superuser("desk-editor", "desk@example.org", "a-long-password-1")
    client.force_login(user)
    return client


def desk_lines(html: str) -> str:
    start = html.index('id="helphub-desk-heading"')
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html[start : html.index("</section>", start)])))


def listed_channels(client, url: str) -> set[int]:
    html = client.get(unescape(url)).content.decode()
    return {int(pk) for pk in re.findall(r"/reportingchannel/edit/(\d+)/", html)}


@pytest.fixture
def a_draft_unconfirmed_channel(content):
    """An unconfirmed channel taken back to a draft: neither counted nor listed. The desk's counts are forgotten after,
    as the database goes back to the seed."""
    draft = ReportingChannel.objects.filter(locale=Locale.get_default(), live=True, operator_confirmed=False).last()
    draft.unpublish()
    yield draft
    cache.delete(dashboard.KEY)


def test_the_dashboard_counts_what_needs_doing_and_links_each_list(editor, a_draft_unconfirmed_channel):
    default = Locale.get_default()
    unconfirmed = ReportingChannel.objects.filter(locale=default, live=True, operator_confirmed=False)
    html = editor.get("/admin/").content.decode()
    lines = desk_lines(html)
    assert f"{unconfirmed.count()} channels never confirmed with their operator" in lines
    assert 'href="/admin/reports/stale-channels/"' in html or "0 channels and apps last verified" in lines
    assert "helplines without opening hours" in lines
    assert "countries without a channel of the kind" in lines
    # The count links to a list of what was counted: the default language's channels, not every translation's copy
    # too (the list's first page, 20 rows, holds only channels counted, as many as it can).
    link = re.search(r'href="([^"]*\?operator_confirmed=false[^"]*)"', html).group(1)
    listed = listed_channels(editor, link)
    counted = set(unconfirmed.values_list("pk", flat=True))
    assert listed <= counted
    assert len(listed) == min(len(counted), 20)
    draft = a_draft_unconfirmed_channel
    assert draft.pk not in listed_channels(editor, f"{unescape(link)}&q={quote(draft.name)}")
    assert draft.pk in listed_channels(editor, f"/admin/snippets/directory/reportingchannel/?q={quote(draft.name)}")


def test_a_channel_made_stale_shows_in_the_count_after_it_is_published(editor, content):
    cache.clear()
    before = dashboard.desk()["stale"]
    channel = ReportingChannel.objects.filter(locale=Locale.get_default(), live=True).first()
    channel.last_verified = timezone.localdate() - timedelta(days=400)
    channel.save_revision().publish()
    assert dashboard.desk()["stale"] == before + 1


def test_the_helplines_without_hours_and_the_countries_missing_a_kind_link_to_lists_of_what_was_counted(editor, content):
    default = Locale.get_default()
    html = editor.get("/admin/").content.decode()
    link = re.search(r'href="([^"]*\?hours=unknown[^"]*)"', html)
    counted = set(ReportingChannel.objects.filter(without_hours(), locale=default, live=True).values_list("pk", flat=True))
    assert len(counted) == dashboard.desk()["no_hours"]
    if counted:
        listed = listed_channels(editor, link.group(1))
        assert listed <= counted and len(listed) == min(len(counted), 20)
    for url, code in re.findall(r'href="([^"]*\?country_code=([A-Z]{2})[^"]*)"', html):
        listed = listed_channels(editor, url)
        assert listed, code
        assert set(ReportingChannel.objects.filter(pk__in=listed).values_list("locale", "country_code")) == {
            (default.pk, code)}


def test_the_dashboard_takes_few_queries_and_none_for_its_counts_once_cached(editor, content):
    cache.clear()
    editor.get("/admin/")  # warm Wagtail's own caches too
    cache.delete(dashboard.KEY)
    with CaptureQueriesContext(connection) as first:
        dashboard.desk()
    assert len(first) <= 12, [q["sql"][:120] for q in first.captured_queries]
    with CaptureQueriesContext(connection) as again:
        dashboard.desk()
    assert len(again) == 0
