"""The editors' weekly digest: what became due, the totals and where to fix them, by e-mail, in each editor's language."""

from datetime import timedelta
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from directory.models import Platform, ReportingChannel
from editorial.due import what_is_due
from editorial.models import TranslationReview

MAX_AGE = settings.HELPHUB_VERIFY_MAX_AGE_DAYS


@pytest.fixture
def editors(db):
    """An editor and a moderator who get the digest, and three people who must not."""
    editor = User.objects.create_user("digest-editor", "editor@example.org", "a-long-password-1")
    editor.groups.add(Group.objects.get(name="Editors"))
    moderator = User.objects.create_user("digest-moderator", "moderator@example.org", "a-long-password-1")
    moderator.groups.add(Group.objects.get(name="Moderators"), Group.objects.get(name="Editors"))
    gone = User.objects.create_user("digest-gone", "gone@example.org", "a-long-password-1", is_active=False)
    gone.groups.add(Group.objects.get(name="Editors"))
    no_address = User.objects.create_user("digest-no-address", "", "a-long-password-1")
    no_address.groups.add(Group.objects.get(name="Moderators"))
    User.objects.create_user("digest-translator", "translator@example.org", "a-long-password-1")
    return editor, moderator


@pytest.fixture
def all_in_order(content):
    """Every channel and app checked today, confirmed with its operator, every line open 24/7: nothing is due."""
    today = timezone.localdate()
    ReportingChannel.objects.update(last_verified=today, operator_confirmed=True, open_24_7=True)
    Platform.objects.update(last_verified=today)
    return today


def default_channel(**filters):
    return ReportingChannel.objects.filter(locale=Locale.get_default(), live=True, **filters).order_by("pk").first()


def make_stale(record, days_over=3):
    """Last verified `days_over` days beyond the limit, in every language (the date is shared by translations)."""
    type(record).objects.filter(translation_key=record.translation_key).update(
        last_verified=timezone.localdate() - timedelta(days=MAX_AGE + days_over)
    )


def test_editor_and_moderator_each_get_one_digest_naming_the_channel_and_app_that_became_due(editors, all_in_order):
    channel = default_channel(kind="child_helpline")
    app = Platform.objects.filter(locale=Locale.get_default(), live=True).order_by("pk").first()
    make_stale(channel)
    make_stale(app)
    unconfirmed = default_channel(kind="csam_hotline")
    ReportingChannel.objects.filter(translation_key=unconfirmed.translation_key).update(operator_confirmed=False)

    call_command("send_digest", stdout=StringIO())

    assert sorted(message.to for message in mail.outbox) == [["editor@example.org"], ["moderator@example.org"]]
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for message in mail.outbox:
        assert message.extra_headers["Auto-Submitted"] == "auto-generated"
        body = message.body
        assert channel.name in body and app.name in body
        assert "Became due for re-verification this week: 2" in body
        assert "Channels to re-verify: 1" in body
        assert "Apps to re-verify: 1" in body
        assert "Channels never confirmed with their operator: 1" in body
        assert "Helplines without opening hours: 0" in body
        assert base + reverse("editorial_stale_channels") in body
        assert base + reverse("wagtailsnippets_directory_reportingchannel:edit", args=[channel.pk]) in body
        assert base + reverse("wagtailsnippets_directory_platform:edit", args=[app.pk]) in body
        assert base + "/admin/snippets/directory/reportingchannel/?operator_confirmed=false&live=true&locale=en" in body


def test_the_digests_lists_of_channels_open_filtered_to_what_needs_fixing(client, editors, all_in_order):
    unconfirmed = default_channel(kind="csam_hotline")
    no_hours = default_channel(kind="parent_helpline", phone__gt="")
    in_order = default_channel(kind="child_helpline")
    ReportingChannel.objects.filter(pk=unconfirmed.pk).update(operator_confirmed=False)
    ReportingChannel.objects.filter(pk=no_hours.pk).update(open_24_7=False, opening_times=[])
    call_command("send_digest", stdout=StringIO())
    body = mail.outbox[0].body
    client.force_login(User.objects.create_superuser("digest-admin", "admin@example.org", "a-long-password-1"))
    for listed in (unconfirmed, no_hours):
        address = next(line.strip() for line in body.splitlines() if "?" in line and "/snippets/" in line
                       and (listed is no_hours) == ("hours=" in line))  # fmt: skip
        html = client.get(urlsplit(address).path + "?" + urlsplit(address).query).content.decode()
        assert listed.name in html, address
        assert in_order.name not in html, address


def test_nothing_is_sent_when_nothing_is_due(editors, all_in_order, capsys):
    call_command("send_digest")
    assert mail.outbox == []
    assert "Nothing is due" in capsys.readouterr().out


def test_dry_run_prints_the_digests_and_sends_nothing(editors, all_in_order, capsys):
    channel = default_channel(kind="child_helpline")
    make_stale(channel)
    call_command("send_digest", "--dry-run")
    out = capsys.readouterr().out
    assert mail.outbox == []
    assert "To: editor@example.org" in out and "To: moderator@example.org" in out
    assert channel.name in out
    assert "none sent" in out


def test_an_editor_who_reads_the_admin_in_german_gets_the_digest_in_german(editors, all_in_order):
    editor, _moderator = editors
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "de"
    profile.save()
    make_stale(default_channel(kind="child_helpline"))

    call_command("send_digest", stdout=StringIO())

    by_address = {message.to[0]: message for message in mail.outbox}
    date = timezone.localdate().isoformat()
    english_subject = f"HelpHub: what needs an editor, {date}"
    with translation.override("de"):
        german_subject = translation.gettext("HelpHub: what needs an editor, %(date)s") % {"date": date}
        german_heading = translation.gettext("Everything that is due now:")
    assert german_subject != english_subject, "the subject is not translated into German"
    assert by_address["editor@example.org"].subject == german_subject
    assert german_heading in by_address["editor@example.org"].body
    assert by_address["moderator@example.org"].subject == english_subject


def test_a_record_stale_for_weeks_is_due_but_did_not_become_due_this_week(all_in_order):
    this_week, long_ago, not_yet = (default_channel(kind=kind) for kind in ("child_helpline", "police", "csam_hotline"))
    make_stale(this_week, days_over=1)
    make_stale(long_ago, days_over=30)
    ReportingChannel.objects.filter(translation_key=not_yet.translation_key).update(
        last_verified=timezone.localdate() - timedelta(days=MAX_AGE)  # on the limit: due tomorrow
    )
    due = what_is_due()
    assert {row["pk"] for row in due["stale_channels"]["items"]} == {this_week.pk, long_ago.pk}
    assert [row["pk"] for row in due["newly_due"]["items"]] == [this_week.pk]
    assert due["stale_channels"]["count"] == 2  # one row per channel, not one per language


def test_a_helpline_with_a_number_but_no_hours_is_listed(all_in_order):
    helpline = default_channel(kind="child_helpline", phone__gt="")
    police = default_channel(kind="police")
    for record in (helpline, police):
        ReportingChannel.objects.filter(pk=record.pk).update(open_24_7=False, opening_times=[])
    with_times = default_channel(kind="parent_helpline")
    with_times.open_24_7 = False
    with_times.opening_times = [("times", {"days": ["mon"], "opens": "09:00", "closes": "17:00"})]
    with_times.save()
    due = what_is_due()
    assert [row["pk"] for row in due["no_hours"]["items"]] == [helpline.pk]
    assert due["no_hours"]["count"] == 1


def test_drafts_and_translations_are_not_counted(all_in_order):
    draft = default_channel(kind="child_helpline")
    make_stale(draft)
    ReportingChannel.objects.filter(pk=draft.pk).update(live=False)
    assert what_is_due()["stale_channels"]["count"] == 0


def test_what_is_due_takes_a_few_queries_however_much_is_due(all_in_order):
    with CaptureQueriesContext(connection) as few:
        what_is_due()
    ReportingChannel.objects.update(last_verified=timezone.localdate() - timedelta(days=MAX_AGE + 2),
                                    operator_confirmed=False, open_24_7=False, opening_times=[])  # fmt: skip
    Platform.objects.update(last_verified=timezone.localdate() - timedelta(days=MAX_AGE + 2))
    with CaptureQueriesContext(connection) as many:
        due = what_is_due()
    assert due["stale_channels"]["count"] > 100 and len(due["stale_channels"]["items"]) == 10
    assert len(few.captured_queries) <= 2  # nothing due: the two counts only
    assert len(many.captured_queries) <= 8  # two counts, and one query per short list
    with CaptureQueriesContext(connection) as counts_only:
        what_is_due(limit=0)
    assert len(counts_only.captured_queries) == 2


def test_the_digest_counts_translations_awaiting_a_native_reviewer_and_links_the_report(editors, all_in_order):
    make_stale(default_channel(kind="child_helpline"))  # something is due, so the digest goes out
    german = TranslationReview.objects.filter(state=TranslationReview.MACHINE, language="de")
    expected = german.count()
    german.filter(pk=german.first().pk).update(state=TranslationReview.NATIVE)
    call_command("send_digest", stdout=StringIO())
    body = mail.outbox[0].body
    total = TranslationReview.objects.filter(state=TranslationReview.MACHINE).count()
    assert f"Translations awaiting a native reviewer: {total} (" in body
    assert f"de {expected - 1}" in body
    assert settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("editorial_translations_to_review") in body
