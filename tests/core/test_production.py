"""Production behaviour: security headers on every kind of page, what a shared cache may keep, purging when the
directory changes, editors' sign-in (second factor, rate limit, short sessions), check --deploy, and failures."""

import gzip
import os
import secrets
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Locale

from directory.models import ReportingChannel
from pages.models import GuidePage, StandardPage

SITE_DIR = Path(settings.SITE_DIR)
PAGE_KINDS = [
    "/en/",  # home
    "/es/guides/",  # guide index
    "/fr/guides/sextortion-young-people/",  # guide
    "/de/help/",  # help finder
    "/en/help/gb/sextortion/",  # help finder answer
    "/it/about/",  # standard page
    "/en/no-such-page/",  # 404
    "/api/v1/countries/",  # API
    "/.well-known/security.txt",
]


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "a long editor password")
    return user


# Headers --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", PAGE_KINDS)
def test_every_kind_of_page_sends_the_security_and_privacy_headers(client, content, url):
    response = client.get(url)
    assert response.status_code in (200, 404), url
    # The whole policy (django-csp writes the directives in any order): everything from this site only, no inline
    # script or style, never framed.
    directives = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert directives == {
        "default-src": "'self'", "script-src": "'self'", "style-src": "'self'", "img-src": "'self' data:",
        "font-src": "'self'", "connect-src": "'self'", "form-action": "'self'", "base-uri": "'none'",
        "object-src": "'none'", "frame-ancestors": "'none'"}, url  # fmt: skip
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    assert not response.cookies


def test_no_public_page_holds_an_inline_script(client, content):
    for url in PAGE_KINDS[:7]:
        html = client.get(url).content.decode()
        assert "<script>" not in html and "onclick=" not in html, url


def test_security_txt_names_a_contact_and_an_expiry(client, db):
    text = client.get("/.well-known/security.txt").content.decode()
    assert "Contact: mailto:" in text or "Contact: https://" in text
    assert "Expires: 20" in text


def test_production_settings_pass_check_deploy():
    # Browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never has it.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {**inherited, "DJANGO_SETTINGS_MODULE": "helphub.settings.production", "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
           "DJANGO_ALLOWED_HOSTS": "helphub.example.org", "PYTHONPATH": str(SITE_DIR)}  # fmt: skip
    command = [sys.executable, str(SITE_DIR / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"]
    result = subprocess.run(command,  # noqa: S603 (our own manage.py)
                            env=env, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "helphub.settings.production", "DJANGO_SECRET_KEY": "",
           "PYTHONPATH": str(SITE_DIR)}  # fmt: skip
    result = subprocess.run([sys.executable, str(SITE_DIR / "manage.py"), "check"],  # noqa: S603 (our own manage.py)
                            env=env, capture_output=True,
                            text=True, timeout=120)  # fmt: skip
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr


# What a shared cache may keep -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/en/", "/es/guides/", "/fr/guides/sextortion-young-people/", "/en/help/gb/sextortion/"])
def test_public_pages_may_be_kept_by_a_shared_cache_but_not_by_the_browser(client, content, url):
    control = client.get(url)["Cache-Control"]
    assert "public" in control and "max-age=0" in control
    assert f"s-maxage={settings.HELPHUB_PAGE_CACHE_SECONDS}" in control and "stale-while-revalidate" in control


def test_an_address_with_a_query_string_is_kept_only_briefly(client, content):
    control = client.get("/en/help/gb/sextortion/?for=parent")["Cache-Control"]
    assert f"s-maxage={settings.HELPHUB_QUERY_CACHE_SECONDS}" in control


@pytest.mark.parametrize("url", ["/en/search/?q=nudes", "/admin/login/"])
def test_search_and_the_admin_are_never_cached(client, content, url):
    assert client.get(url)["Cache-Control"] == "private, no-store"


def test_an_address_that_only_contains_search_is_not_taken_for_the_search(client, content):
    response = client.get("/en/help/apps/search/")  # no app has that key: a "not found" any visitor may get alike
    assert response.status_code == 404 and "public" in response["Cache-Control"]


def test_the_chat_is_never_cached(client, content):
    response = client.post("/api/v1/chat/", data={"message": "hi", "session": "x" * 32, "lang": "en"},
                           content_type="application/json")  # fmt: skip
    assert "no-store" in response["Cache-Control"]


def test_a_signed_in_editor_never_gets_a_cacheable_page(client, content, editor):
    client.force_login(editor)
    assert client.get("/en/")["Cache-Control"] == "private, no-store"


# Purging: an editor's fix shows at once -------------------------------------------------------------------------------


class PurgeRecorder(BaseHTTPRequestHandler):
    """A real HTTP server in the place of nginx's purge location: it records the PURGE requests it receives."""

    received: list = []
    encodings: list = []

    def do_PURGE(self):
        self.received.append((self.headers["Host"], self.path))
        self.encodings.append((self.path, self.headers["Accept-Encoding"]))
        # Like nginx's purge location: 404 when that copy was not cached (here: every plain copy).
        self.send_response(404 if self.headers["Accept-Encoding"] == "identity" else 200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server():
    PurgeRecorder.received, PurgeRecorder.encodings = [], []
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    backend = {"proxy": {"BACKEND": "pages.purge.ProxyPurgeBackend",
                         "LOCATION": f"http://127.0.0.1:{server.server_address[1]}"}}  # fmt: skip
    with override_settings(WAGTAILFRONTENDCACHE=backend):
        yield PurgeRecorder.received
    server.shutdown()


@pytest.mark.django_db(transaction=False)
def test_publishing_a_channel_purges_the_help_finder_answers_for_its_country(content, purge_server, django_capture_on_commit_callbacks):
    channel = ReportingChannel.objects.get(key="gb-childline", locale=Locale.get_default())
    with django_capture_on_commit_callbacks(execute=True):
        channel.save_revision().publish()
    paths = {path for _host, path in purge_server}
    for lang in ("en", "es", "pl"):
        assert f"/{lang}/help/" in paths
        assert f"/{lang}/help/gb/sextortion/" in paths
    assert not any(path.startswith("/en/help/fr/") for path in paths)


@pytest.mark.django_db(transaction=False)
def test_publishing_a_guide_purges_its_address(content, purge_server, django_capture_on_commit_callbacks):
    guide = GuidePage.objects.get(slug="sextortion-parents", locale=Locale.get_default())
    with django_capture_on_commit_callbacks(execute=True):
        guide.save_revision().publish()
    assert ("localhost", "/en/guides/sextortion-parents/") in purge_server or any(
        path == "/en/guides/sextortion-parents/" for _host, path in purge_server
    )


@pytest.mark.django_db(transaction=False)
def test_a_purge_drops_both_the_compressed_and_the_plain_copy(content, purge_server, django_capture_on_commit_callbacks, caplog):
    guide = GuidePage.objects.get(slug="sextortion-parents", locale=Locale.get_default())
    with django_capture_on_commit_callbacks(execute=True):
        guide.save_revision().publish()
    encodings = {encoding for path, encoding in PurgeRecorder.encodings if path == "/en/guides/sextortion-parents/"}
    assert encodings == {"gzip", "identity"}
    # A copy that was not cached (404) is not an error worth an editor's or an operator's attention.
    assert not [record for record in caplog.records if record.levelname == "ERROR"]


def test_an_unreachable_cache_is_logged_and_publishing_goes_on(caplog):
    from pages.purge import ProxyPurgeBackend

    backend = ProxyPurgeBackend({"LOCATION": "http://127.0.0.1:9"})  # the discard port: nothing listens
    backend.purge("https://helphub.example/en/")
    errors = [record.getMessage() for record in caplog.records if record.levelname == "ERROR"]
    assert len(errors) == 2 and all("https://helphub.example/en/" in error for error in errors)


# Compression: the shared cache keeps pages compressed ----------------------------------------------------------------


def test_public_pages_are_compressed_for_browsers_that_accept_gzip(client, content):
    response = client.get("/en/guides/sextortion-young-people/", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert gzip.decompress(response.content).decode().count("</html>") == 1


def test_public_pages_are_plain_for_clients_that_do_not_accept_gzip_and_still_vary(client, content):
    response = client.get("/en/guides/sextortion-young-people/", headers={"Accept-Encoding": "identity"})
    assert not response.has_header("Content-Encoding")
    assert "Accept-Encoding" in response["Vary"]
    assert b"</html>" in response.content


@pytest.mark.parametrize("url", ["/admin/login/", "/en/search/?q=help"])
def test_private_responses_are_never_compressed(client, content, url):
    response = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert not response.has_header("Content-Encoding"), url


def test_the_chat_is_never_compressed(client, content):
    response = client.post("/api/v1/chat/", data={"message": "hello " * 100, "session": "x" * 32, "lang": "en"},
                           content_type="application/json", headers={"Accept-Encoding": "gzip"})  # fmt: skip
    assert not response.has_header("Content-Encoding")


def test_a_not_found_answer_is_kept_by_the_shared_cache_only_briefly(client, content):
    # Anyone can ask for endless made-up addresses: a day for each would fill the cache.
    response = client.get("/en/no-such-page-a8f3/")
    assert response.status_code == 404
    assert f"s-maxage={settings.HELPHUB_QUERY_CACHE_SECONDS}" in response["Cache-Control"]
    assert settings.HELPHUB_QUERY_CACHE_SECONDS < settings.HELPHUB_PAGE_CACHE_SECONDS


# Editors: second factor, rate-limited sign-in, short sessions ---------------------------------------------------------


@override_settings(WAGTAIL_2FA_REQUIRED=True)
def test_an_editor_without_a_second_factor_is_signed_out_until_an_administrator_enrols_one(client, content, editor):
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == "/admin/login/"


@override_settings(WAGTAIL_2FA_REQUIRED=True)
def test_an_editor_reaches_the_admin_with_the_code_from_their_authenticator_app_and_not_with_a_wrong_one(client, content, editor):
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client.force_login(editor)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    wrong = f"{(code + 1) % 10**device.digits:0{device.digits}d}"
    refused = client.post("/admin/2fa/auth?next=/admin/pages/", {"otp_token": wrong})
    assert refused.status_code == 200 and refused.context["form"].errors
    assert client.get("/admin/pages/").status_code == 302
    device.refresh_from_db()
    device.throttling_failure_timestamp = None  # django-otp makes the editor wait after a wrong code; not this test
    device.throttling_failure_count = 0
    device.save()
    accepted = client.post("/admin/2fa/auth?next=/admin/pages/", {"otp_token": f"{code:0{device.digits}d}"})
    assert accepted.status_code == 302 and accepted["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


@override_settings(WAGTAIL_2FA_REQUIRED=True)
def test_an_editor_with_two_authenticators_chooses_which_one_gave_the_code(client, content, editor):
    phone = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    tablet = TOTPDevice.objects.create(user=editor, name="tablet", confirmed=True)
    client.force_login(editor)
    form = client.get("/admin/2fa/auth").content.decode()
    assert "phone" in form and "tablet" in form and 'name="otp_device"' in form
    code = f"{totp(tablet.bin_key, step=tablet.step, t0=tablet.t0, digits=tablet.digits):0{tablet.digits}d}"
    accepted = client.post("/admin/2fa/auth?next=/admin/", {"otp_token": code, "otp_device": tablet.persistent_id})
    assert accepted.status_code == 302 and accepted["Location"] == "/admin/"
    phone.refresh_from_db()
    assert phone.throttling_failure_count == 0  # the other authenticator was not tried, so it is not slowed down


@override_settings(WAGTAIL_2FA_REQUIRED=True)
def test_an_editor_with_a_device_must_give_its_code_before_the_admin(client, content, editor):
    TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client.force_login(editor)
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/auth")
    assert client.get("/admin/2fa/auth").status_code == 200


def test_sign_in_attempts_from_one_network_are_limited(client, db):
    cache.clear()
    limit = int(settings.HELPHUB_LOGIN_RATE.split("/")[0])
    statuses = [client.post("/admin/login/", {"username": "nobody", "password": f"guess {i}"}, REMOTE_ADDR="203.0.113.7").status_code
                for i in range(limit + 1)]  # fmt: skip
    assert statuses[:limit] == [200] * limit
    assert statuses[limit] == 429
    other_network = client.post("/admin/login/", {"username": "nobody", "password": "x"}, REMOTE_ADDR="198.51.100.7")
    assert other_network.status_code == 200
    cache.clear()


def test_editor_sessions_are_short_and_end_with_the_browser():
    assert settings.SESSION_COOKIE_AGE <= 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE and settings.SESSION_SAVE_EVERY_REQUEST


def test_publishing_is_written_to_the_audit_log(content, editor):
    from wagtail.models import ModelLogEntry

    channel = ReportingChannel.objects.get(key="gb-childline", locale=Locale.get_default())
    channel.save_revision(user=editor).publish(user=editor)
    entry = ModelLogEntry.objects.filter(object_id=str(channel.pk), action="wagtail.publish").latest("timestamp")
    assert entry.user_id == editor.pk


# Few queries ----------------------------------------------------------------------------------------------------------


# The target: an uncached guide in under 10 queries. The others are measured ceilings, to catch an N+1
# creeping in. Wagtail's own serving takes 6 of a guide's 8 (site, locale, the home's translation, routing, view
# restrictions); the addresses every page repeats come from the cache (pages.addresses).
@pytest.mark.parametrize(("url", "limit"), [("/fr/guides/sextortion-young-people/", 9), ("/en/guides/grooming-parents/", 9),
                                            ("/fr/", 9), ("/es/guides/", 12), ("/en/help/gb/sextortion/", 14)])  # fmt: skip
def test_an_uncached_page_needs_few_queries(client, content, url, limit):
    client.get(url)  # Wagtail's site root and other per-process lookups are warm, as in a running server
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) <= limit, "\n".join(q["sql"][:150] for q in queries.captured_queries)


def test_the_first_guide_after_a_publish_needs_a_few_queries_more(client, content):
    url = "/fr/guides/sextortion-young-people/"
    client.get(url)
    StandardPage.objects.get(slug="about", locale__language_code="fr").save_revision().publish()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    # The 8, then the footer's pages and who runs the site, the language switcher and the links in the guide's two
    # blocks of text, once.
    assert len(queries) <= 14, "\n".join(q["sql"][:150] for q in queries.captured_queries)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) <= 9


# Failures -------------------------------------------------------------------------------------------------------------


def test_with_redis_down_pages_are_still_served_and_the_chat_still_answers(content, client):
    # A Redis that does not answer: nothing listens on this port.
    caches = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:9/0",
                          "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2}}}  # fmt: skip
    # Django's test signals rebuild the cache handler when CACHES changes, so the views below really use it.
    with override_settings(CACHES=caches, DJANGO_REDIS_IGNORE_EXCEPTIONS=True, DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS=False):
        assert client.get("/en/help/gb/sextortion/").status_code == 200
        response = client.post("/api/v1/chat/", data={"message": "help", "session": "r" * 32, "lang": "en", "country": "GB"},
                               content_type="application/json")  # fmt: skip
        assert response.status_code == 200  # rate limits fail open: the fallback still reaches the visitor


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="PostgreSQL only")
def test_a_slow_database_statement_is_stopped_instead_of_hanging(db):
    from django.db.utils import OperationalError

    assert "statement_timeout" in settings.DATABASES["default"]["OPTIONS"]["options"]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = 200")
        with pytest.raises(OperationalError, match="statement timeout"):
            cursor.execute("SELECT pg_sleep(5)")


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="PostgreSQL only")
def test_production_search_uses_postgresql_full_text_search(db):
    from wagtail.search.backends import get_search_backend
    from wagtail.search.backends.database.postgres.postgres import PostgresSearchBackend

    assert isinstance(get_search_backend(), PostgresSearchBackend)


@override_settings(WAGTAIL_2FA_REQUIRED=False)
def test_the_admin_asks_no_other_host_for_the_editors_picture_or_for_updates(client, content, editor):
    client.force_login(editor)
    page = client.get("/admin/").content.decode()
    assert "gravatar" not in page.lower()
    assert "w-upgrade" not in page, "Wagtail's update check asks releases.wagtail.io from the editor's browser"


def test_the_search_box_keeps_no_form_history(client, content):
    page = client.get("/en/search/").content.decode()
    assert 'name="q"' in page and 'autocomplete="off"' in page
