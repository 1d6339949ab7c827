"""Accessibility in Chromium: axe-core finds no WCAG 2.2 A or AA violation on any page type, in two languages,
with the chat closed and open; the chat and the quick exit work with the keyboard alone; touch targets are at
least 24 by 24 CSS pixels."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]},
        "resultTypes": ["violations"]}
AXE = Axe()

PAGE_TYPES = {
    "home": "/{lang}/",
    "guide index": "/{lang}/guides/",
    "guide": "/{lang}/guides/sextortion-young-people/",
    "help finder": "/{lang}/help/",
    "help finder result": "/{lang}/help/es/sextortion/?for=young_person",
    "standard page": "/{lang}/about/",
    "search": "/{lang}/search/?q=help",
    "not found": "/{lang}/no-such-page/",
}


def violations(page) -> list[str]:
    results = AXE.run(page, options=WCAG)
    return [f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]]


@pytest.mark.parametrize("chat", ["chat closed", "chat open"])
@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_wcag_a_or_aa_violation(page, page_type, lang, chat):
    url = PAGE_TYPES[page_type].format(lang=lang)
    page.goto(url)
    if chat == "chat open":
        page.locator("[data-chat-launcher]").click()
        expect(page.get_by_role("dialog").locator(".chat__choices button").first).to_be_visible()
    found = violations(page)
    assert not found, "\n".join(found)


def test_the_chat_works_with_the_keyboard_alone(page):
    page.goto("/en/")
    launcher = page.locator("[data-chat-launcher]")
    for _ in range(60):  # Tab through the page until the launcher has focus
        page.keyboard.press("Tab")
        if launcher.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("The chat launcher cannot be reached with Tab")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    expect(dialog.locator(".chat__choices button").first).to_be_visible()
    expect(dialog.get_by_role("textbox")).to_be_focused()
    page.keyboard.type("someone is blackmailing me with a photo")
    page.keyboard.press("Enter")
    first_choice = dialog.get_by_role("button", name="Me (I'm under 18)")
    expect(first_choice).to_be_visible()
    for _ in range(40):  # from the text box, Tab reaches the choices
        page.keyboard.press("Shift+Tab")
        if first_choice.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("The assistant's choices cannot be reached with the keyboard")
    outline = first_choice.evaluate("el => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth")
    assert not outline.startswith("none"), f"no visible focus on the choice: {outline}"
    page.keyboard.press("Enter")
    expect(dialog.locator(".chat__log")).to_contain_text("1. ")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(launcher).to_be_focused()


def test_the_quick_exit_is_the_first_thing_the_keyboard_reaches_and_leaves_with_enter(page, neutral_site):
    page.goto("/es/guides/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Salida rápida")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(neutral_site)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_touch_targets_are_at_least_24_pixels(page, lang):
    page.goto(f"/{lang}/help/es/sextortion/?for=young_person")
    page.locator("[data-chat-launcher]").click()
    expect(page.get_by_role("dialog").locator(".chat__choices button").first).to_be_visible()
    small = page.evaluate("""() => [...document.querySelectorAll(
        '.quick-exit a, .chat a, .chat button, .chat input, [data-chat-launcher], .channel a, .button, .site-nav a, .language-switcher summary, .language-switcher a')]
        .filter(el => el.getClientRects().length)
        .map(el => { const r = el.getBoundingClientRect(); return {text: el.textContent.trim().slice(0, 40), w: r.width, h: r.height}; })
        .filter(r => r.w < 24 || r.h < 24)""")
    assert not small, small


def test_the_site_makes_no_request_to_another_host_with_the_chat_open(page, site):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto("/fr/guides/sextortion-young-people/")
    page.locator("[data-chat-launcher]").click()
    expect(page.get_by_role("dialog").locator(".chat__choices button").first).to_be_visible()
    others = [url for url in requests if not url.startswith(site) and not re.match(r"^(data|blob):", url)]
    assert not others, others
