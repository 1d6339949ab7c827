"""The NGO editor's desk in Chromium: signing in with the second factor, the to-do counts on the admin's home page,
confirming a channel with its operator, and the confirmation in the channel's history and on the public help finder.

With HELPHUB_SCREENSHOTS_DIR set, the journey also saves the screenshots of docs/editors.md there
(`make editor-screenshots`)."""

import os
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect
from wagtail.models import Locale, ModelLogEntry

from directory.models import ReportingChannel
from directory.routing import recommend_channels
from editorial.confirm import ACTION

OPERATOR_PAGE = "https://www.operator.example/contact-us"
SCREENSHOTS = os.environ.get("HELPHUB_SCREENSHOTS_DIR")


def screenshot(page, name: str, full_page: bool = False) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=full_page)


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


@pytest.fixture
def editor_with_authenticator(site, settings):
    settings.WAGTAIL_2FA_REQUIRED = True
    user = get_user_model().objects.create_superuser("desk-editor", "desk@example.org", "a long desk passphrase")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    yield user, device
    user.delete()


@pytest.fixture
def unconfirmed_channel(site):
    """A channel the English help finder shows a young person in Spain for sextortion, not yet confirmed; put back
    as it was after the test."""
    routing = recommend_channels("ES", "sextortion", "young_person", language="en")
    default = Locale.get_default()
    channel = next(
        ReportingChannel.objects.get(pk=r.channel.pk) for r in routing.recommendations
        if r.channel.locale_id == default.pk and r.channel.kind != "emergency" and not r.channel.operator_confirmed
    )  # fmt: skip
    before = {name: getattr(channel, name) for name in ("source", "last_verified", "operator_confirmed")}
    yield channel
    channel.refresh_from_db()
    for name, value in before.items():
        setattr(channel, name, value)
    channel.save_revision().publish()
    ModelLogEntry.objects.filter(action=ACTION, object_id=str(channel.pk)).delete()


def count_on_desk(page, label: str) -> int:
    line = page.locator(".helphub-desk li", has_text=label)
    return int(line.locator("strong").inner_text())


def test_an_editor_signs_in_with_the_second_factor_sees_what_needs_doing_and_confirms_a_channel(
        make_page, editor_with_authenticator, unconfirmed_channel):
    _user, device = editor_with_authenticator
    channel = unconfirmed_channel
    page = make_page(viewport={"width": 1280, "height": 900})

    # Sign in: the password, then the authenticator's code.
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("desk-editor")
    page.get_by_label("Password").fill("a long desk passphrase")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile("/admin/2fa/auth"))
    page.locator("input[name='otp_token']").fill(code_for(device))
    page.locator("form button[type='submit'], form input[type='submit']").first.click()
    page.wait_for_url(re.compile("/admin/$"))

    # The home page is the to-do list, with the same counts as the directory.
    desk = page.get_by_role("region", name="What needs doing")
    expect(desk).to_be_visible()
    default = Locale.get_default()
    published = ReportingChannel.objects.filter(locale=default, live=True)
    never_confirmed = published.filter(operator_confirmed=False).count()
    assert never_confirmed >= 1
    assert count_on_desk(page, "channels never confirmed with their operator") == never_confirmed
    screenshot(page, "editor-desk")

    # The count leads to the list of those channels; the editor finds the one to check and opens it.
    desk.locator("a", has_text="channels never confirmed with their operator").click()
    page.wait_for_url(re.compile(r"/admin/snippets/directory/reportingchannel/\?operator_confirmed=false&live=true&locale=en$"))
    page.goto(f"{page.url}&q={quote(channel.name)}")
    # One row: the list is of the default language's channels, as counted, not of every translation's copy too.
    expect(page.get_by_role("link", name=channel.name, exact=True)).to_have_count(1)
    page.get_by_role("link", name=channel.name, exact=True).click()
    page.wait_for_url(re.compile(rf"/reportingchannel/edit/{channel.pk}/"))

    # "Confirm with operator" sits under the Publish button.
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("link", name="Confirm with operator").click()
    page.wait_for_url(re.compile(rf"/admin/directory/channels/{channel.pk}/confirm/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Confirm {channel.name} with its operator")
    screenshot(page, "editor-confirm", full_page=True)

    # A plain http page is refused: the operator's page must be https.
    page.get_by_label("The operator's own page you checked").fill("http://www.operator.example/contact-us")
    page.get_by_label("Phone and text numbers").check()
    page.get_by_role("button", name="Confirm with operator").click()
    expect(page.locator(".error-message")).to_contain_text("Links must start with https://")
    channel.refresh_from_db()
    assert not channel.operator_confirmed

    page.get_by_label("The operator's own page you checked").fill(OPERATOR_PAGE)
    page.get_by_label("Phone and text numbers").check()
    page.get_by_label("Opening hours").check()
    page.get_by_label("Note (optional)").fill("Number and hours match the contact page.")
    page.get_by_role("button", name="Confirm with operator").click()

    # The channel's history says who confirmed what, where.
    page.wait_for_url(re.compile(rf"/reportingchannel/history/{channel.pk}/"))
    expect(page.locator(".messages")).to_contain_text("is confirmed with its operator")
    history = page.locator("main")
    expect(history).to_contain_text(f"Confirmed with the operator on {OPERATOR_PAGE}: Phone and text numbers, "
                                     "Opening hours.")
    expect(history).to_contain_text("Number and hours match the contact page.")
    expect(history).to_contain_text("desk-editor")
    screenshot(page, "editor-history")

    # The desk counts one fewer at once (its cache is forgotten on publish).
    page.goto("/admin/")
    assert count_on_desk(page, "channels never confirmed with their operator") == never_confirmed - 1

    # A visitor sees the confirmation and the operator's page as the source.
    visitor = make_page()
    visitor.goto("/en/help/es/sextortion/?for=young_person")
    card = visitor.locator(".channel", has_text=channel.name).first
    with translation.override("en"):
        today = date_filter(timezone.localdate(), "DATE_FORMAT")
    expect(card.locator(".channel__source")).to_contain_text(f"Confirmed with the operator's own website on {today}.")
    expect(card.locator(".channel__source a")).to_have_attribute("href", OPERATOR_PAGE)
