"""HelpHub in a real browser: Debian's Chromium driven by Playwright (launched by its path: test tools' own browser
downloads do not work here), against the site served from a thread of the test process, with the real assistant.

`make test` installs Debian's chromium when it is missing (see the Makefile's `browser` target)."""

import os
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache
from django.db import connections
from playwright.sync_api import sync_playwright

# Playwright's synchronous API keeps an event loop in this thread; Django's ORM calls made by the tests themselves
# (to compare with the routing function) are synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("HELPHUB_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """Chromium. The test database and its seed content are made first, also when a browser test runs alone: once
    Playwright runs, Django would make them on connections that the site's thread does not see."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` (it installs Debian's chromium).")
    # While Playwright runs, its event loop makes Django see this thread as async, and Django then keeps database
    # connections in another store: the ones opened before would be left open, and so would those opened during,
    # once Playwright stops. Both are closed, or PostgreSQL refuses to drop the test database at the end.
    connections.close_all()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        connections.close_all()
        browser.close()


class NeutralSite(BaseHTTPRequestHandler):
    """Where the quick exit goes: a page that says nothing about HelpHub."""

    def do_GET(self):
        body = b"<!doctype html><html lang='en'><title>Weather</title><h1>Weather</h1></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def neutral_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), NeutralSite)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture
def site(site_server, rasa_server, neutral_site, settings, django_db_blocker):
    """The site with the assistant behind its chat and the quick exit pointing to the neutral site.

    The site's thread reads the committed seed content; the test's own database access stays outside any test
    transaction (so what an editor saves is committed and visible to the site at once)."""
    settings.HELPHUB_RASA_URL = rasa_server
    settings.HELPHUB_RASA_TIMEOUT = 20
    settings.HELPHUB_CHAT_RATE_NETWORK = "1000/m"
    settings.HELPHUB_QUICK_EXIT_URL = neutral_site
    cache.clear()
    with django_db_blocker.unblock():
        yield site_server


def new_page(browser, *, javascript=True, viewport=PHONE, base_url=None):
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript, base_url=base_url)
    context.set_default_timeout(20_000)
    return context.new_page()


@pytest.fixture
def make_page(browser, site):
    """Pages in new browser contexts (no shared storage), closed after the test."""
    contexts = []

    def make(**options):
        options.setdefault("base_url", site)
        page = new_page(browser, **options)
        contexts.append(page.context)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(make_page):
    return make_page()
