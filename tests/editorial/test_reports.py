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


def test_a_new_guide_not_yet_translated_is_reported_as_a_missing_translation(content):
    from datetime import date

    from pages.models import GuideIndexPage, GuidePage

    english = GuideIndexPage.objects.get(locale=Locale.get_default())
    guide = english.add_child(instance=GuidePage(title="A new guide", slug="a-new-guide", summary="New.", audience="parents",
                                                 situations=["talk"], last_reviewed=date(2026, 11, 23)))  # fmt: skip
    assert not any(r.name == "A new guide" for r in missing_translations())
    guide.copy_for_translation(Locale.objects.get(language_code="es"), alias=True)
    rows = missing_translations()
    assert [(r.language, str(r.type)) for r in rows if r.name == "A new guide"] == [("es", "Page")]


def test_directory_records_go_through_moderation(content):
    for model in ("country", "situation", "reportingchannel"):
        assert WorkflowContentType.objects.filter(content_type__app_label="directory", content_type__model=model).exists()


def test_editors_cannot_publish_directory_records_but_moderators_can(content):
    editors, moderators = Group.objects.get(name="Editors"), Group.objects.get(name="Moderators")
    assert not editors.permissions.filter(codename="publish_reportingchannel").exists()
    assert moderators.permissions.filter(codename="publish_reportingchannel").exists()
    assert Group.objects.filter(name="Translators").exists()
