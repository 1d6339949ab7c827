"""Confirming a channel with its operator: one careful step, recorded in the channel's history, shown to visitors."""

from html import unescape

from django.contrib.auth.models import Group, User
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.models import Locale, ModelLogEntry

from directory.models import ReportingChannel

OPERATOR_PAGE = "https://www.childline.org.uk/get-support/contacting-childline/"


def channel(key="gb-childline") -> ReportingChannel:
    return ReportingChannel.objects.get(key=key, locale=Locale.get_default())


def signed_in(client, group: str) -> User:
    user = User.objects.create_user(f"{group.lower()}-1", f"{group.lower()}@example.org", "a-long-password-1")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


def confirm_url(record) -> str:
    return f"/admin/directory/channels/{record.pk}/confirm/"


def test_a_moderator_confirms_a_channel_and_the_history_and_the_help_finder_show_it(client, content):
    user = signed_in(client, "Moderators")
    record = channel()
    record.operator_confirmed, record.last_verified = False, timezone.localdate().replace(year=2025)
    record.save()
    form = client.get(confirm_url(record))
    assert form.status_code == 200 and record.phone in form.content.decode()
    response = client.post(confirm_url(record), {"operator_page": OPERATOR_PAGE, "checked": ["number", "hours"],
                                                 "note": "Checked by phone too"})  # fmt: skip
    assert response.status_code == 302
    record = channel()
    assert record.live and record.operator_confirmed and record.last_verified == timezone.localdate()
    assert record.source.startswith(OPERATOR_PAGE) and record.source_url == OPERATOR_PAGE
    entry = ModelLogEntry.objects.filter(object_id=str(record.pk), action="helphub.confirm_with_operator").get()
    assert entry.user == user
    assert entry.data == {"operator_page": OPERATOR_PAGE, "checked": ["number", "hours"], "note": "Checked by phone too"}
    history = client.get(f"/admin/snippets/directory/reportingchannel/history/{record.pk}/").content.decode()
    assert "Confirmed with the operator on" in history and OPERATOR_PAGE in history
    answer = unescape(client.get("/en/help/gb/talk/").content.decode())
    today = date_format(timezone.localdate(), "DATE_FORMAT")
    assert f"Confirmed with the operator's own website on {today}." in answer
    assert f'href="{OPERATOR_PAGE}"' in answer


def test_the_operator_page_must_be_https_and_something_must_be_ticked(client, content):
    signed_in(client, "Moderators")
    record = channel()
    before = (record.operator_confirmed, record.last_verified, record.source)
    for data in ({"operator_page": "http://www.childline.org.uk/", "checked": ["number"]},
                 {"operator_page": OPERATOR_PAGE},
                 {"operator_page": "", "checked": ["number"]}):  # fmt: skip
        response = client.post(confirm_url(record), data)
        assert response.status_code == 200  # the form again, with the error
        assert 'class="error-message"' in response.content.decode() or "error" in response.content.decode()
    record = channel()
    assert (record.operator_confirmed, record.last_verified, record.source) == before
    assert not ModelLogEntry.objects.filter(action="helphub.confirm_with_operator").exists()


def test_an_editor_who_cannot_publish_channels_cannot_confirm(client, content):
    signed_in(client, "Editors")
    record = channel()
    for response in (client.get(confirm_url(record)),
                     client.post(confirm_url(record), {"operator_page": OPERATOR_PAGE, "checked": ["number"]})):  # fmt: skip
        # Wagtail's admin answers "permission denied" by sending the user to the dashboard with a message.
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not ModelLogEntry.objects.filter(action="helphub.confirm_with_operator").exists()


def test_each_channel_offers_its_own_confirm_step_and_no_bulk_confirmation(client, content):
    signed_in(client, "Moderators")
    record = channel()
    edit = client.get(f"/admin/snippets/directory/reportingchannel/edit/{record.pk}/").content.decode()
    assert f'href="{confirm_url(record)}"' in edit
    listing = client.get("/admin/snippets/directory/reportingchannel/results/?q=childline").content.decode()
    assert confirm_url(record) in listing
    # No bulk action confirms: the bulk actions offered on the list are Wagtail's own (delete, and so on).
    bulk = client.get("/admin/snippets/directory/reportingchannel/").content.decode()
    assert "confirm_with_operator" not in bulk and "Confirm with operator" not in bulk.split("bulk-actions")[-1]
