"""The admin's home page is the editors' to-do list: counts of what is wrong or due, each linking to where it is fixed,
from a few queries, kept until an edit."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from directory.models import ReportingChannel
from editorial import dashboard


@pytest.fixture
def editor(client, db):
    user = User.objects.create_superuser("desk-editor", "desk@example.org", "a-long-password-1")
    client.force_login(user)
    return client


def desk_lines(html: str) -> str:
    start = html.index('id="helphub-desk-heading"')
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html[start : html.index("</section>", start)])))


def test_the_dashboard_counts_what_needs_doing_and_links_each_list(editor, content):
    default = Locale.get_default()
    unconfirmed = ReportingChannel.objects.filter(locale=default, live=True, operator_confirmed=False).count()
    html = editor.get("/admin/").content.decode()
    lines = desk_lines(html)
    assert f"{unconfirmed} channels never confirmed with their operator" in lines
    assert 'href="/admin/snippets/directory/reportingchannel/?operator_confirmed=false"' in html
    assert 'href="/admin/reports/stale-channels/"' in html or "0 channels and apps last verified" in lines
    assert "helplines without opening hours" in lines
    assert "countries without a channel of the kind" in lines
    # The linked lists show what was counted.
    listed = editor.get("/admin/snippets/directory/reportingchannel/results/?operator_confirmed=false&locale=en")
    assert listed.status_code == 200


def test_a_channel_made_stale_shows_in_the_count_after_it_is_published(editor, content):
    cache.clear()
    before = dashboard.desk()["stale"]
    channel = ReportingChannel.objects.filter(locale=Locale.get_default(), live=True).first()
    channel.last_verified = timezone.localdate() - timedelta(days=400)
    channel.save_revision().publish()
    assert dashboard.desk()["stale"] == before + 1


def test_the_helplines_without_hours_filter_lists_exactly_those_counted(editor, content):
    counted = dashboard.desk()["no_hours"]
    html = editor.get("/admin/snippets/directory/reportingchannel/results/?hours=unknown&locale=en").content.decode()
    if counted == 0:
        assert "reportingchannel/edit/" not in html
    else:
        assert "reportingchannel/edit/" in html


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
