"""Editors see what needs their attention: channels to re-verify and missing translations."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from wagtail.models import Locale, WorkflowContentType

from directory.models import ReportingChannel, Situation
from editorial.reports import missing_translations


@pytest.fixture
def editor_client(client, db):
    user = User.objects.create_superuser("editor", "editor@example.org", "a-long-password-1")
    client.force_login(user)
    return client


def test_channel_not_verified_for_180_days_is_listed_for_re_verification(editor_client, content):
    channel = ReportingChannel.objects.filter(locale=Locale.get_default(), kind="child_helpline").first()
    channel.last_verified = timezone.localdate() - timedelta(days=181)
    channel.save()
    html = editor_client.get("/admin/reports/stale-channels/").content.decode()
    assert channel.name in html
    fresh = ReportingChannel.objects.filter(locale=Locale.get_default()).exclude(pk=channel.pk).first()
    assert fresh.name not in html


def test_missing_translation_of_a_situation_is_reported(editor_client, content):
    Situation.objects.filter(key="bullying", locale__language_code="fr").delete()
    rows = missing_translations()
    assert any(r.language == "fr" and "bullied" in r.name.lower() for r in rows)
    assert editor_client.get("/admin/reports/missing-translations/").status_code == 200


def test_untranslated_guides_are_reported_as_missing_translations(content):
    rows = missing_translations()
    assert any(r.language == "es" and str(r.type) == "Page" for r in rows)


def test_directory_records_go_through_moderation(content):
    for model in ("country", "situation", "reportingchannel"):
        assert WorkflowContentType.objects.filter(content_type__app_label="directory", content_type__model=model).exists()


def test_editors_cannot_publish_directory_records_but_moderators_can(content):
    editors, moderators = Group.objects.get(name="Editors"), Group.objects.get(name="Moderators")
    assert not editors.permissions.filter(codename="publish_reportingchannel").exists()
    assert moderators.permissions.filter(codename="publish_reportingchannel").exists()
    assert Group.objects.filter(name="Translators").exists()
