"""Visitors' journeys in Chromium: the chat to the right channels, the help finder without JavaScript, the quick
exit, the language switch, an editor's fix reaching visitors at once, and the chat with the assistant down."""

import re
import socket

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.models import Locale

from directory.models import ReportingChannel
from directory.routing import recommend_channels


def open_chat(page):
    page.locator("[data-chat-launcher]").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    # The opening: the assistant's greeting and the situation buttons.
    expect(dialog.locator(".chat__choices button").first).to_be_visible()
    return dialog


def chat_tel_links(dialog) -> list[str]:
    return dialog.locator(".chat__log a[href^='tel:']").evaluate_all("links => links.map(a => a.getAttribute('href'))")


@pytest.mark.parametrize(("lang", "country", "message", "me"), [
    ("es", "ES", "me están chantajeando con una foto mía", "Para mí (tengo menos de 18)"),
    ("en", "GB", "someone is blackmailing me with a photo", "Me (I'm under 18)"),
    ("fr", "FR", "quelqu'un me fait du chantage avec une photo de moi", "Pour moi (j'ai moins de 18 ans)"),
    ("it", "IT", "un tizio mi ricatta con una mia foto", "Per me (ho meno di 18 anni)"),
    ("pl", "PL", "ktoś mnie szantażuje moim zdjęciem", "Dla siebie (mam mniej niż 18 lat)"),
])
def test_a_young_person_chats_about_being_blackmailed_and_reaches_the_channels_with_working_phone_links(
        page, lang, country, message, me):
    page.goto(f"/{lang}/")
    dialog = open_chat(page)
    dialog.get_by_label(re.compile(".")).last.fill(message)
    page.keyboard.press("Enter")
    dialog.get_by_role("button", name=me).click()
    expected = recommend_channels(country, "sextortion", "young_person", language=lang).recommendations
    first = expected[0].channel.name
    expect(dialog.locator(".chat__log")).to_contain_text(f"1. {first}")
    expect(dialog.locator(".chat__choices button").last).to_be_enabled()  # "start again": the answer is complete
    wanted = [r.channel.phone_tel for r in expected if r.channel.phone_tel]
    tel_links = [href for href in chat_tel_links(dialog) if href in wanted or href.startswith("tel:")]
    assert wanted and [href for href in tel_links if href in wanted][-len(wanted):] == wanted
    assert all(re.fullmatch(r"tel:\+?\d+", href) for href in tel_links)
    # On a phone the answer opens at its start, not at "anything else?": the first channel is in view.
    shown = dialog.locator(".chat__message", has_text=f"1. {first}").evaluate(
        """item => { const log = item.closest('.chat__log').getBoundingClientRect();
                     const box = item.getBoundingClientRect();
                     return box.top >= log.top - 1 && box.top < log.bottom; }""")
    assert shown


def test_a_parent_without_javascript_uses_the_help_finder_from_the_home_page_to_the_channels_for_grooming(
        make_page):
    page = make_page(javascript=False)
    page.goto("/de/")
    page.locator("nav.site-nav").get_by_role("link", name="Hilfe finden").click()
    page.get_by_label("Wo bist du?").select_option("DE")
    page.locator("#situation-grooming").check()
    page.locator("#audience-parent").check()
    page.get_by_role("button", name=re.compile("Zeig")).click()
    assert re.search(r"/de/[^/]+/de/grooming/\?for=parent$", page.url), page.url
    names = page.locator(".channel__name").all_inner_texts()
    expected = recommend_channels("DE", "grooming", "parent", language="de").recommendations
    assert names == [r.channel.name for r in expected]
    assert page.locator(".channel a[href^='tel:']").count() >= 1
    assert page.locator("[data-chat-launcher]").get_attribute("href").startswith("/de/")


@pytest.mark.parametrize("how", ["button", "shift three times"])
def test_quick_exit_leaves_for_the_neutral_site_and_back_does_not_show_the_conversation(page, neutral_site, how):
    page.goto("about:blank")
    page.goto("/en/")
    dialog = open_chat(page)
    dialog.get_by_role("button").filter(has_text=re.compile("blackmail|threat|photo", re.I)).first.click()
    expect(dialog.locator(".chat__message--user")).to_have_count(1)
    if how == "button":
        page.get_by_role("link", name="Quick exit").click()
    else:
        page.locator("body").click(position={"x": 5, "y": 300})
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url(neutral_site)
    expect(page.get_by_role("heading", name="Weather")).to_be_visible()
    page.go_back()
    assert not page.url.startswith("http://127.0.0.1") or "Weather" in page.content(), page.url
    assert "chat__message" not in page.content()


def test_quick_exit_puts_the_neutral_site_in_front_in_a_tab_with_no_way_back(page, neutral_site):
    page.goto("/en/help/")
    page.goto("/en/guides/")
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Quick exit").click()
    front = opened.value
    front.wait_for_url(neutral_site)
    expect(front.get_by_role("heading", name="Weather")).to_be_visible()
    assert front.evaluate("history.length") == 1  # Back in the tab in front goes nowhere
    page.wait_for_url(neutral_site)  # and the tab left behind shows the neutral site too


def test_switching_language_keeps_the_visitor_on_the_same_page(page):
    page.goto("/en/help/")
    switcher = page.get_by_role("navigation", name="Language")
    switcher.locator("summary").click()  # 25 languages: the list opens from one control
    switcher.get_by_role("link", name="Español").click()
    assert page.url.endswith("/es/help/") or "/es/" in page.url
    assert page.locator("html").get_attribute("lang") == "es"
    expect(page.locator("form.help-finder")).to_be_visible()


def test_the_chat_with_the_assistant_down_gives_the_help_finder_and_the_emergency_number(page, settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        settings.HELPHUB_RASA_URL = f"http://127.0.0.1:{sock.getsockname()[1]}"
    settings.HELPHUB_RASA_TIMEOUT = 1
    page.goto("/fr/")
    page.locator("[data-chat-launcher]").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.locator(".chat__log a[href='tel:112']").first).to_be_visible()
    expect(dialog.locator(".chat__log a[href='/fr/help/']").first).to_be_visible()
    expect(dialog.locator(".chat__log")).not_to_contain_text("Error")


@pytest.fixture
def editor(site):
    user = get_user_model().objects.create_superuser("journey-editor", "editor@example.org", "a long passphrase")
    yield user
    user.delete()


def test_an_editor_changes_a_phone_number_and_the_help_finder_and_chat_show_it_at_once(make_page, editor, site):
    channel = ReportingChannel.objects.get(
        locale=Locale.get_default(), country_code="ES", kind="child_helpline", live=True, phone__gt="")
    before = channel.phone
    page = make_page(viewport={"width": 1280, "height": 900})
    elsewhere, blocked = [], []
    # The admin asks nothing of another host, and its policy blocks nothing it needs.
    page.on("request", lambda request: None if request.url.startswith((site.rstrip("/"), "data:", "blob:", "about:"))
            else elsewhere.append(request.url))
    page.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None)
    try:
        page.goto("/admin/login/")
        page.get_by_label("Username").fill("journey-editor")
        page.get_by_label("Password").fill("a long passphrase")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(re.compile("/admin/$"))
        page.goto(f"/admin/snippets/directory/reportingchannel/edit/{channel.pk}/")
        page.locator("input[name='phone']").fill("+34 900 000 111")
        page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
        page.get_by_role("button", name=re.compile("^Publish")).click()
        expect(page.locator(".messages")).to_contain_text(re.compile("published|updated", re.I))
        assert page.request.get("/admin/").headers["content-security-policy"].startswith("default-src 'self'")
        assert elsewhere == [] and blocked == [], (elsewhere, blocked)

        visitor = make_page()
        visitor.goto("/es/help/es/sextortion/?for=young_person")
        expect(visitor.locator(".channel a[href='tel:+34900000111']")).to_have_count(1)
        dialog = open_chat(visitor)
        dialog.get_by_role("button", name=re.compile("amenaza con compartir")).click()
        dialog.get_by_role("button", name="Para mí (tengo menos de 18)").click()
        expect(dialog.locator(".chat__log a[href='tel:+34900000111']")).to_have_count(1, timeout=15000)
    finally:
        channel.refresh_from_db()
        channel.phone = before
        channel.save_revision().publish()


def test_quick_exit_forgets_what_helphub_kept_in_the_tab(page, neutral_site):
    page.goto("/es/")
    dialog = open_chat(page)
    dialog.locator(".chat__choices button").nth(2).click()
    expect(dialog.locator(".chat__message--user")).to_have_count(1)
    page.evaluate("sessionStorage.setItem('probe', '1')")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(neutral_site)
    page.goto("/es/")  # the same tab comes back to HelpHub: nothing of the last visit is there
    assert page.evaluate("sessionStorage.getItem('probe')") is None
    expect(page.locator("[data-chat-log]")).to_have_count(0)


NGINX_CHAT_429 = re.search(r"return 429 '([^']+)'", (django_settings.REPO_DIR / "deploy" / "nginx.conf")
                           .read_text(encoding="utf-8")).group(1)


def test_the_chat_answered_by_the_proxys_own_limit_still_gives_the_emergency_number_and_the_help_finder(page):
    """nginx's 429 for too many chat messages (deploy/nginx.conf, its exact body) carries no emergency number: the
    widget looks up the page country's and shows it with the help finder."""
    page.route("**/api/v1/chat/", lambda route: route.fulfill(status=429, content_type="application/json",
                                                             body=NGINX_CHAT_429))
    page.goto("/fr/")
    page.locator("[data-chat-launcher]").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.locator(".chat__log a[href='tel:112']").first).to_be_visible()
    expect(dialog.locator(".chat__log a[href='/fr/help/']").first).to_be_visible()
