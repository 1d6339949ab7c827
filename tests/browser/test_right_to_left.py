"""Arabic, right to left, in Chromium on a phone: a visitor without JavaScript goes from the home page through the help
finder to the channels, and a young person chats to them; the page and the chat are mirrored, the numbers on the call
buttons read left to right, axe finds no WCAG A or AA violation on any page type in Arabic nor in Greek and Cyrillic
script nor in the Arabic chat, and the language switcher opens on a phone and fits its screen with all 25 languages."""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import expect

from directory.routing import recommend_channels

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]},
        "resultTypes": ["violations"]}
AXE = Axe()
SCREENSHOTS = os.environ.get("HELPHUB_SCREENSHOTS_DIR")  # make arabic-screenshots: docs/screenshots/*-ar-phone.png
PAGE_TYPES = ["/{lang}/", "/{lang}/guides/", "/{lang}/guides/sextortion-young-people/", "/{lang}/help/",
              "/{lang}/help/de/sextortion/?for=young_person", "/{lang}/about/", "/{lang}/search/?q=help",
              "/{lang}/no-such-page/"]


def screenshot(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}-ar-phone.png"))


def violations(page) -> list[str]:
    results = AXE.run(page, options=WCAG)
    return [f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]]


def test_an_arabic_speaking_parent_without_javascript_finds_the_channels_for_grooming_in_germany(make_page):
    page = make_page(javascript=False)
    page.goto("/ar/")
    page.locator("nav.site-nav a").first.click()  # the help finder, first in the menu
    page.locator("#field-country").select_option("DE")
    page.locator("#situation-grooming").check()
    page.locator("#audience-parent").check()
    page.locator("form button[type=submit]").click()
    assert "/ar/" in page.url and "/de/grooming/?for=parent" in page.url, page.url
    expected = recommend_channels("DE", "grooming", "parent", language="ar").recommendations
    assert page.locator(".channel__name").all_inner_texts() == [r.channel.name for r in expected]
    assert page.locator("html").get_attribute("dir") == "rtl"
    screenshot(page, "result")


def test_an_arabic_page_is_mirrored_and_its_phone_numbers_read_left_to_right(page):
    width = page.viewport_size["width"]
    for language, mirrored in (("ar", True), ("en", False)):
        page.goto(f"/{language}/help/de/sextortion/?for=young_person")
        link = page.locator(".quick-exit__link").bounding_box()
        hint = page.locator(".quick-exit__hint").bounding_box()
        if mirrored:  # the bar's end is on the left: the hint there, the link after it on its right
            assert hint["x"] < 40 and hint["x"] < link["x"], (language, link, hint)
        else:
            assert hint["x"] + hint["width"] > width - 40 and link["x"] < hint["x"], (language, link, hint)

    page.goto("/ar/help/de/sextortion/?for=young_person")
    number = page.locator(".button--call bdi").first
    expect(number).to_be_visible()
    assert number.evaluate("el => getComputedStyle(el).direction") == "ltr"
    # The digits are drawn in their order: the first digit is left of the last one.
    order = number.evaluate("""el => { const r = document.createRange(); const t = el.firstChild;
        r.setStart(t, 0); r.setEnd(t, 1); const first = r.getBoundingClientRect().left;
        r.setStart(t, t.length - 1); r.setEnd(t, t.length); return first < r.getBoundingClientRect().left; }""")
    assert order
    # ...with a space between it and "call" (on its right, the page being right to left)
    gap = number.evaluate("""el => { const r = document.createRange(); const t = el.previousSibling;
        r.setStart(t, 0); r.setEnd(t, t.textContent.trimEnd().length);
        return r.getBoundingClientRect().left - el.getBoundingClientRect().right; }""")
    assert gap >= 2, gap


@pytest.mark.parametrize("lang", ["ar", "el", "uk"])
@pytest.mark.parametrize("path", PAGE_TYPES)
def test_no_wcag_a_or_aa_violation_in_arabic_greek_and_cyrillic(page, lang, path):
    page.goto(path.format(lang=lang))
    found = violations(page)
    assert not found, "\n".join(found)


def test_the_language_switcher_opens_on_a_phone_and_all_25_languages_fit_its_screen(page):
    page.goto("/ar/guides/")
    switcher = page.get_by_role("navigation", name="اللغة")
    links = switcher.get_by_role("link")
    expect(links.first).to_be_hidden()
    switcher.locator("summary").click()
    expect(links).to_have_count(len(settings.LANGUAGES))
    width = page.viewport_size["width"]
    for box in links.evaluate_all("links => links.map(a => { const r = a.getBoundingClientRect();"
                                  " return [r.left, r.right, r.height]; })"):
        assert box[0] >= 0 and box[1] <= width and box[2] >= 24, box
    assert not violations(page)
    switcher.get_by_role("link", name="Svenska").click()
    expect(page).to_have_url(re.compile(r"/sv/"))
    assert page.locator("html").get_attribute("lang") == "sv"


def test_a_young_person_chats_in_arabic_about_blackmail_and_reaches_the_channels_of_their_country(page):
    page.goto("/ar/")
    page.locator("[data-chat-launcher]").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.locator(".chat__choices button").first).to_be_visible()
    assert dialog.evaluate("node => getComputedStyle(node).direction") == "rtl"
    dialog.get_by_label(re.compile(".")).last.fill("شخص يبتزني بصورة لي ويطلب مالاً")
    page.keyboard.press("Enter")
    dialog.get_by_role("button", name="لي (عمري أقل من 18)").click()
    # Arabic has no country of its own: the assistant asks ("which country are you in?"), and reads the answer
    expect(dialog.locator(".chat__log")).to_contain_text("في أي بلد أنت؟")
    dialog.get_by_label(re.compile(".")).last.fill("أنا في ألمانيا")
    page.keyboard.press("Enter")
    expected = recommend_channels("DE", "sextortion", "young_person", language="ar").recommendations
    expect(dialog.locator(".chat__log")).to_contain_text(f"1. {expected[0].channel.name}")
    expect(dialog.locator(".chat__choices button").last).to_be_enabled()  # the answer is complete
    dialog.locator(".chat__message", has_text=f"1. {expected[0].channel.name}").scroll_into_view_if_needed()
    screenshot(page, "chat")
    # Every Latin word of the names is in a left-to-right <bdi> with the words beside it, and the brackets the Arabic
    # opened outside it (Germany's child line is "Nummer gegen Kummer - هاتف الأطفال والشباب (Kinder- und
    # Jugendtelefon)")
    answer = dialog.locator(".chat__message", has_text=f"1. {expected[0].channel.name}").locator(".chat__text")
    outside = answer.evaluate("""node => { const copy = node.cloneNode(true);
        copy.querySelectorAll("bdi[dir=ltr], .visually-hidden").forEach(run => run.remove());
        return copy.textContent; }""")
    assert not re.search("[A-Za-z]", outside), outside
    runs = answer.locator("bdi[dir=ltr]").all_inner_texts()
    assert "Kinder- und Jugendtelefon" in runs, runs
    assert all(run.count("(") == run.count(")") for run in runs), runs
    number = dialog.locator(".chat__log a[href^='tel:'] bdi").first  # the number in the call link's text
    assert number.evaluate("node => getComputedStyle(node).direction") == "ltr"  # reads left to right
    found = violations(page)
    assert not found, "\n".join(found)
