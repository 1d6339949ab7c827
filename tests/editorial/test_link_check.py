"""The link check tells editors which links are broken or have moved, against real servers started here."""

import contextlib
import shutil
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import CommandError, call_command
from stack import free_port, hanging_server
from wagtail.models import Locale

from directory.models import Country, Platform, ReportingChannel
from editorial.linkcheck import USER_AGENT, Outcome, Problem, check_url, links_of, records_to_check

OTHER_SITE = "https://other-site.example/new-home"


class Handler(BaseHTTPRequestHandler):
    """A small site with one path per case; it notes every request it gets."""

    protocol_version = "HTTP/1.1"
    seen: list  # set per server

    def do_HEAD(self):
        self.answer()

    def do_GET(self):
        self.answer()

    def answer(self):
        self.seen.append((self.command, self.path, self.headers.get("User-Agent")))
        path = self.path
        if path == "/no-head" and self.command == "HEAD":
            return self.reply(405)
        redirects = {"/old": "/new", "/hop1": "/hop2", "/hop2": "/new", "/away": OTHER_SITE, "/loop": "/loop"}
        if path in redirects:
            return self.reply(301 if path == "/old" else 302, location=redirects[path])
        status = {"/gone": 404, "/removed": 410, "/broken": 500, "/forbidden": 403}.get(path, 200)
        self.reply(status, body=b"<p>Hello</p>")

    def reply(self, status, location=None, body=b""):
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            # The check closes the connection without reading the body, as it should.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

    def log_message(self, *args):
        pass


def serve(context: ssl.SSLContext | None = None):
    seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), type("SiteHandler", (Handler,), {"seen": seen}))
    server.daemon_threads = True
    if context:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    scheme = "https" if context else "http"
    return server, f"{scheme}://127.0.0.1:{server.server_address[1]}", seen


@pytest.fixture(scope="module")
def site():
    """A plain-http site on 127.0.0.1; yields (its address, the requests it received)."""
    server, url, seen = serve()
    yield url, seen
    server.shutdown()
    server.server_close()


def self_signed_certificate(folder) -> tuple[str, str] | None:
    """A certificate and key for 127.0.0.1, made with `cryptography` when installed, else with openssl."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    try:
        import datetime
        import ipaddress

        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID
    except ImportError:
        openssl = shutil.which("openssl")
        if not openssl:
            return None
        subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),  # noqa: S603
                        "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                       check=True, capture_output=True)  # fmt: skip
        return str(cert), str(key)
    private = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(private.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(private.public_key()), critical=False)
        .sign(private, hashes.SHA256())
    )  # fmt: skip
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key.write_bytes(private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))  # fmt: skip
    return str(cert), str(key)


@pytest.fixture(scope="module")
def tls_site(tmp_path_factory):
    """An https site on 127.0.0.1 with a self-signed certificate; yields (its address, the certificate file)."""
    made = self_signed_certificate(tmp_path_factory.mktemp("tls"))
    if made is None:
        pytest.skip("Neither the cryptography package nor openssl is available to make a self-signed certificate.")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*made)
    server, url, _seen = serve(context)
    yield url, made[0]
    server.shutdown()
    server.server_close()


# check_url ---------------------------------------------------------------------------------------------------------


def test_a_working_page_is_ok_and_the_check_says_who_is_asking(site):
    url, seen = site
    result = check_url(f"{url}/ok", timeout=5, require_https=False)
    assert (result.status, result.error, result.outcome, result.describe()) == (200, "", Outcome.OK, "")
    assert seen[-1] == ("HEAD", "/ok", USER_AGENT) and "HelpHub" in USER_AGENT


def test_a_plain_http_page_is_to_check_by_hand(site):
    url, _seen = site
    result = check_url(f"{url}/ok", timeout=5)
    assert (result.status, result.error, result.outcome) == (200, Problem.NOT_HTTPS, Outcome.TO_CHECK)
    assert result.describe() == f"not https: {url}/ok"


def test_a_missing_page_is_broken_as_not_found(site):
    url, _seen = site
    for path, status in (("/gone", 404), ("/removed", 410)):
        result = check_url(f"{url}{path}", timeout=5)
        assert (result.status, result.error, result.outcome) == (status, Problem.NOT_FOUND, Outcome.BROKEN)
        assert f"HTTP {status}" in result.describe()


def test_a_server_error_is_broken(site):
    url, _seen = site
    result = check_url(f"{url}/broken", timeout=5)
    assert (result.status, result.error, result.broken) == (500, Problem.SERVER_ERROR, True)


def test_a_site_refusing_robots_is_to_check_by_hand_not_broken(site):
    url, _seen = site
    result = check_url(f"{url}/forbidden", timeout=5)
    assert (result.status, result.error, result.outcome) == (403, Problem.REFUSED, Outcome.TO_CHECK)


def test_redirects_on_the_same_site_are_followed_to_the_final_address(site):
    url, _seen = site
    result = check_url(f"{url}/hop1", timeout=5, require_https=False)
    assert result.status == 200 and result.final_url == f"{url}/new"
    assert result.redirects == [f"{url}/hop2", f"{url}/new"]
    assert result.outcome == Outcome.REDIRECTED and result.describe() == f"redirects to {url}/new"


def test_a_redirect_to_another_site_is_reported_and_not_followed(site):
    url, seen = site
    result = check_url(f"{url}/away", timeout=5)
    assert result.status == 302 and result.moves_to == "other-site.example"
    assert result.final_url == f"{url}/away" and result.redirects == [OTHER_SITE]
    assert result.outcome == Outcome.REDIRECTED and result.describe().startswith("moves to other-site.example")
    assert seen[-1][1] == "/away"  # nothing more was asked


def test_endless_redirects_stop_after_five(site):
    url, seen = site
    before = len(seen)
    result = check_url(f"{url}/loop", timeout=5)
    assert result.error == Problem.TOO_MANY_REDIRECTS and result.broken
    assert len(seen) - before == 6


def test_a_server_refusing_head_is_asked_with_get_without_reading_the_body(site):
    url, seen = site
    before = len(seen)
    result = check_url(f"{url}/no-head", timeout=5, require_https=False)
    assert (result.status, result.method, result.outcome) == (200, "GET", Outcome.OK)
    assert [(method, path) for method, path, _agent in seen[before:]] == [("HEAD", "/no-head"), ("GET", "/no-head")]


def test_a_server_that_never_answers_times_out(site):
    with hanging_server() as url:
        started = time.monotonic()
        result = check_url(f"{url}/", timeout=0.5)
    assert (result.error, result.outcome) == (Problem.TIMEOUT, Outcome.BROKEN)
    assert time.monotonic() - started < 3
    assert result.describe() == "no answer within 0.5 s"


def test_a_closed_port_is_a_connection_error():
    result = check_url(f"https://127.0.0.1:{free_port()}/", timeout=2)
    assert (result.error, result.outcome) == (Problem.CONNECTION, Outcome.BROKEN)
    assert "refused" in result.detail.lower()


def test_an_untrusted_certificate_is_a_certificate_error(tls_site):
    url, _cert = tls_site
    result = check_url(f"{url}/ok", timeout=5)
    assert (result.error, result.outcome) == (Problem.CERTIFICATE, Outcome.BROKEN)
    assert "certificate" in result.describe().lower()


def test_an_https_page_with_a_trusted_certificate_is_ok(tls_site, monkeypatch):
    url, cert = tls_site
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", cert)
    result = check_url(f"{url}/ok", timeout=5)
    assert (result.status, result.error, result.outcome) == (200, "", Outcome.OK)


# What is checked -------------------------------------------------------------------------------------------------


def channel(key="gb-childline") -> ReportingChannel:
    return ReportingChannel.objects.get(key=key, locale=Locale.get_default())


def test_a_channel_s_links_are_its_chat_web_and_source_links(content):
    record = channel()
    record.chat_url, record.web_url = "https://chat.example/", "https://www.example/"
    record.source = "https://operator.example/contact; seen in a leaflet; http://old.example/page."
    assert [(str(label), url) for label, url in links_of(record)] == [
        ("chat address", "https://chat.example/"), ("web address", "https://www.example/"),
        ("source", "https://operator.example/contact"), ("source", "http://old.example/page"),
    ]  # fmt: skip


def test_an_app_s_and_a_country_s_links_are_labelled_by_field(content):
    app = Platform.objects.filter(locale=Locale.get_default()).exclude(threat_url="").first()
    labels = {str(label): url for label, url in links_of(app)}
    assert labels["help centre"] == app.help_url and labels["A threat or blackmail: report link"] == app.threat_url
    country = Country.objects.get(code="AT", locale=Locale.get_default())
    assert {url for _label, url in links_of(country)} >= {"https://digital-strategy.ec.europa.eu/en/policies/112"}


def test_a_translated_record_gives_the_default_language_links(content):
    english = channel()
    spanish = ReportingChannel.objects.filter(
        translation_key=english.translation_key, locale__language_code="es"
    ).first()
    if spanish is None:
        pytest.skip("The seed content has no Spanish copy of this channel.")
    assert links_of(spanish) == links_of(english)


def test_only_published_default_language_records_are_checked(content):
    record = channel()
    records = records_to_check()
    assert all(r.locale_id == Locale.get_default().pk and r.live for r in records)
    assert record in records
    ReportingChannel.objects.filter(pk=record.pk).update(live=False)
    assert record not in records_to_check()
    assert records_to_check("country", "at") == [Country.objects.get(code="AT", locale=Locale.get_default())]


# The command ---------------------------------------------------------------------------------------------------


def pointed_at(site_url: str, web: str, source: str, key="gb-childline") -> ReportingChannel:
    record = channel(key)
    record.chat_url, record.web_url, record.source = "", f"{site_url}{web}", f"{site_url}{source}; a leaflet"
    record.save()
    return record


def test_the_command_names_the_record_and_field_of_a_broken_link_and_fails(site, content, capsys):
    url, _seen = site
    record = pointed_at(url, "/gone", "/old")
    with pytest.raises(CommandError) as failed:
        call_command("check_links", "--kind", "channel", "--key", record.key, "--timeout", "5")
    assert failed.value.returncode == 1
    out = capsys.readouterr().out
    broken = next(line for line in out.splitlines() if "/gone" in line)
    assert (
        "Childline" in broken
        and "gb-childline" in broken
        and "web address" in broken
        and "not found (HTTP 404)" in broken
    )
    plain = next(line for line in out.splitlines() if "/old" in line)
    assert "source" in plain and f"not https: {url}/new" in plain
    assert out.splitlines()[-1] == (
        "2 links checked: 0 ok, 0 redirected, 1 broken, 1 to check by hand (plain http, or the site refused the check)"
    )


def test_the_command_succeeds_when_links_only_moved(tls_site, content, capsys, monkeypatch):
    url, cert = tls_site
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", cert)
    record = pointed_at(url, "/ok", "/away")
    call_command("check_links", "--key", record.key, "--timeout", "5")
    out = capsys.readouterr().out
    assert "moves to other-site.example" in out
    assert out.splitlines()[-1] == "2 links checked: 1 ok, 1 redirected, 0 broken"


def test_the_command_refuses_an_unknown_key(content):
    with pytest.raises(CommandError, match="no-such-channel"):
        call_command("check_links", "--key", "no-such-channel")


# The admin page --------------------------------------------------------------------------------------------------

PAGE = "/admin/reports/link-check/"


@pytest.fixture
def editor_client(client, db):
    client.force_login(User.objects.create_superuser("editor", "editor@example.org", "a-long-password-1"))
    return client


def test_an_editor_checks_one_channel_s_links_from_the_admin(editor_client, site, content):
    url, _seen = site
    record = pointed_at(url, "/gone", "/new")
    form = editor_client.get(f"{PAGE}?channel={record.pk}").content.decode()
    assert f'value="channel-{record.pk}" selected' in form and "csrfmiddlewaretoken" in form
    assert "manage.py check_links" in form
    html = editor_client.post(PAGE, {"record": f"channel-{record.pk}"}).content.decode()
    assert f"{url}/gone" in html and "not found (HTTP 404)" in html and "HTTP 404" in html
    assert "2 links checked: 0 ok, 0 redirected, 1 broken, 1 to check by hand." in html


def test_the_link_check_is_in_the_reports_menu(editor_client, content):
    assert PAGE in editor_client.get("/admin/").content.decode()


def test_the_link_check_needs_the_permission_to_change_channels(client, content):
    user = User.objects.create_user("reader", "reader@example.org", "a-long-password-1")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    refused = client.get(PAGE)  # Wagtail sends the editor back to the dashboard with "no permission"
    assert (refused.status_code, refused.url) == (302, "/admin/")
    assert client.post(PAGE, {"record": "channel-1"}).status_code == 302
    assert PAGE not in client.get("/admin/").content.decode()
