"""Visitors never get a cookie, whatever they ask for; editors sign in at one place, with limited tries and a second
factor that only an administrator can enrol."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import PageViewRestriction

from pages.models import StandardPage

SITE_DIR = Path(settings.SITE_DIR)
REDIS_DOWN = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:9/0",
                          "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2}}}  # fmt: skip
CHAT = {"message": "help", "session": "c" * 32, "lang": "en", "country": "GB"}


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.org", "a long editor password")


def restricted(kind, **extra):
    page = StandardPage.objects.get(slug="about", locale__language_code="en")
    PageViewRestriction.objects.create(page=page, restriction_type=kind, **extra)
    return page.url


# No cookie for a visitor ----------------------------------------------------------------------------------------------

PUBLIC_REQUESTS = [
    ("get", "/en/", None), ("head", "/en/", None), ("get", "/es/guides/", None),
    ("get", "/fr/guides/sextortion-young-people/", None), ("get", "/de/help/", None), ("get", "/en/help/?country=GB", None),
    ("get", "/en/help/gb/", None), ("get", "/en/help/gb/sextortion/", None), ("get", "/en/help/zz/nothing/", None),
    ("get", "/it/about/", None), ("get", "/en/search/?q=help", None), ("get", "/en/no-such-page/", None),
    ("post", "/en/", {}), ("post", "/en/help/gb/sextortion/", {}), ("post", "/en/search/", {"q": "x"}),
    ("get", "/api/v1/channels/?country=GB&situation=sextortion&audience=young_person", None),
    ("get", "/api/v1/channels/?country=nowhere", None), ("get", "/api/v1/countries/", None),
    ("get", "/api/v1/countries/match/?q=espana", None), ("get", "/api/v1/situations/", None),
    ("get", "/api/v1/openapi.json", None), ("post", "/api/v1/channels/", {}),
    ("post", "/api/v1/chat/", CHAT), ("post", "/api/v1/chat/", {"message": 5}), ("get", "/api/v1/chat/", None),
    ("get", "/documents/1/nothing.pdf", None), ("get", "/robots.txt", None), ("get", "/sitemap.xml", None),
    ("get", "/.well-known/security.txt", None), ("get", "/en/_util/login/", None),
    ("post", "/en/_util/login/", {"username": "x", "password": "y"}),
    ("post", "/en/_util/authenticate_with_password/1/1/", {"password": "x"}),
]  # fmt: skip


@pytest.mark.parametrize(("method", "url", "body"), PUBLIC_REQUESTS)
def test_no_public_response_sets_a_cookie(client, content, method, url, body):
    kwargs = {"data": json.dumps(body), "content_type": "application/json"} if url.startswith("/api/") and body else {}
    response = getattr(client, method)(url, **(kwargs or ({"data": body} if body is not None else {})))
    assert response.status_code < 500, (url, response.status_code)
    assert not response.cookies, (url, response.status_code, list(response.cookies))


def test_a_rate_limited_visitor_gets_no_cookie(client, content, settings):
    settings.HELPHUB_CHAT_RATE_SESSION = "2/m"
    cache.clear()
    statuses = []
    for _ in range(3):
        response = client.post("/api/v1/chat/", data=json.dumps(CHAT), content_type="application/json")
        statuses.append(response.status_code)
        assert not response.cookies
    assert statuses[-1] == 429
    cache.clear()


@pytest.mark.parametrize("kind", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD, PageViewRestriction.GROUPS])
def test_a_private_page_sets_no_cookie_and_keeps_the_quick_exit(client, content, kind):
    url = restricted(kind, password="a shared password" if kind == PageViewRestriction.PASSWORD else "")
    response = client.get(url)
    assert not response.cookies
    if kind == PageViewRestriction.PASSWORD:  # a restriction made before HelpHub stopped offering the option
        html = response.content.decode()
        assert response.status_code == 200 and 'class="quick-exit' in html and "a shared password" not in html
    else:  # signed-in editors only: sent to the admin's sign-in
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/?next=")


def test_a_page_whose_form_makes_a_csrf_token_still_sets_no_cookie(client, content, settings):
    # Wagtail's own password form (HelpHub shows its own page instead) asks Django for a CSRF token, which sets the
    # csrftoken cookie on the way out: the privacy middleware, outside the CSRF middleware, drops it.
    settings.WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "wagtailcore/password_required.html"  # noqa: S105
    response = client.get(restricted(PageViewRestriction.PASSWORD, password="a shared password"))  # noqa: S106
    assert response.status_code == 200 and 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert not response.cookies


def test_editors_are_not_offered_a_shared_password_for_a_page(client, content, editor):
    client.force_login(editor)
    page = StandardPage.objects.get(slug="about", locale__language_code="en")
    html = client.get(f"/admin/pages/{page.pk}/privacy/").json()["html"]
    assert 'value="password"' not in html and 'value="login"' in html


# One sign-in, limited -------------------------------------------------------------------------------------------------


def test_wagtails_front_end_sign_in_only_sends_to_the_admins(client, db):
    response = client.get("/en/_util/login/?next=/en/about/")
    assert response.status_code == 302 and response["Location"] == "/admin/login/?next=/en/about/"
    posted = client.post("/fr/_util/login/", {"username": "editor", "password": "a long editor password"})
    assert posted.status_code == 302 and posted["Location"] == "/admin/login/"


@pytest.mark.parametrize(("url", "form"), [
    ("/admin/login/", {"username": "nobody", "password": "guess"}),
    ("/admin/password_reset/", {"email": "nobody@example.org"}),
    ("/admin/2fa/auth", {"otp_token": "123456"}),
])  # fmt: skip
def test_every_sign_in_step_is_limited_per_network(client, db, url, form):
    cache.clear()
    limit = int(settings.HELPHUB_LOGIN_RATE.split("/")[0])
    statuses = [client.post(url, form, REMOTE_ADDR="203.0.113.7").status_code for _ in range(limit + 1)]
    assert 429 not in statuses[:limit] and statuses[limit] == 429
    assert client.post(url, form, REMOTE_ADDR="198.51.100.7").status_code != 429
    cache.clear()


def test_with_redis_down_sign_in_is_refused_while_the_chat_still_answers(client, content, editor):
    with override_settings(CACHES=REDIS_DOWN, DJANGO_REDIS_IGNORE_EXCEPTIONS=True, DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS=False):
        response = client.post("/admin/login/", {"username": "editor", "password": "a long editor password"})
        assert response.status_code == 429
        chat = client.post("/api/v1/chat/", data=json.dumps(CHAT), content_type="application/json")
        assert chat.status_code == 200 and chat.json()["fallback"] is True


# The second factor ----------------------------------------------------------------------------------------------------


@override_settings(WAGTAIL_2FA_REQUIRED=True)
def test_an_editor_without_an_authenticator_cannot_get_in_or_enrol_one_with_the_password_alone(client, content, editor):
    for url in ("/admin/", "/admin/2fa/devices/new", "/admin/pages/"):
        cache.clear()
        signed_in = client.post("/admin/login/", {"username": "editor", "password": "a long editor password"})
        assert signed_in.status_code == 302
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/admin/login/", url
        assert "Ask a HelpHub administrator" in client.get("/admin/login/").content.decode()
        assert client.get("/admin/")["Location"].startswith("/admin/login/?next=")  # signed out
    assert not TOTPDevice.objects.filter(user=editor).exists()


@override_settings(WAGTAIL_2FA_REQUIRED=True)
def test_an_administrator_enrols_an_editors_authenticator_and_the_editor_signs_in_with_its_code(client, content, editor):
    cache.clear()
    out = StringIO()
    call_command("enrol_editor", "editor", "--name", "phone", stdout=out)
    assert "secret:" in out.getvalue() and "otpauth://totp/" in out.getvalue()
    device = TOTPDevice.objects.get(user=editor)
    assert device.confirmed and device.name == "phone"
    client.post("/admin/login/", {"username": "editor", "password": "a long editor password"})
    assert client.get("/admin/pages/")["Location"].startswith("/admin/2fa/auth")
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"
    assert client.post("/admin/2fa/auth?next=/admin/pages/", {"otp_token": code})["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200
    with pytest.raises(Exception, match="already has an authenticator"):
        call_command("enrol_editor", "editor", stdout=StringIO())
    call_command("enrol_editor", "editor", "--replace", stdout=StringIO())
    assert TOTPDevice.objects.filter(user=editor).count() == 1 and TOTPDevice.objects.get(user=editor).pk != device.pk


# Production refuses unsafe settings -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("variable", "value", "named"), [
    ("HELPHUB_EDITOR_2FA", "false", "HELPHUB_EDITOR_2FA"),
    ("DJANGO_SECRET_KEY", "change-me-to-a-random-value-of-at-least-50-characters-0000000000", "DJANGO_SECRET_KEY"),
    ("DJANGO_SECRET_KEY", "a" * 60, "DJANGO_SECRET_KEY"),
])  # fmt: skip
def test_production_settings_refuse_an_unsafe_value(variable, value, named):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "helphub.settings.production", "PYTHONPATH": str(SITE_DIR),
           "DJANGO_SECRET_KEY": "k7Hq2Zp9Xv4Lm8Rt1Wn6Ys3Bd5Fg0Jc-Ue_Ai7Ko2Pq9Sr4Tv8Wx1Yz3Bc5Dfg", variable: value}  # fmt: skip
    result = subprocess.run([sys.executable, str(SITE_DIR / "manage.py"), "check"],  # noqa: S603 (our own manage.py)
                            env=env, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode != 0 and named in result.stderr


def test_the_example_environment_does_not_pass_the_production_check():
    example = (SITE_DIR.parent / ".env.example").read_text(encoding="utf-8")
    key = next(line.split("=", 1)[1] for line in example.splitlines() if line.startswith("DJANGO_SECRET_KEY="))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "helphub.settings.production", "PYTHONPATH": str(SITE_DIR),
           "DJANGO_SECRET_KEY": key}  # fmt: skip
    result = subprocess.run([sys.executable, str(SITE_DIR / "manage.py"), "check"],  # noqa: S603 (our own manage.py)
                            env=env, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr
