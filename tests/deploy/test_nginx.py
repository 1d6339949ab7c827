"""nginx in front of the site, tested by running it: the production deploy/nginx.conf with Debian's nginx.

The configuration is rendered the way the container renders it at start (deploy/nginx.Dockerfile): its five
${NGINX_...} placeholders are replaced (here with local ports and a temporary directory instead of the image's 8080,
8081, site:8000, /run/nginx and /var/cache/nginx) and trusted-proxies.conf is written beside it, naming 127.0.0.1 as
the TLS proxy. Everything else is the production file as it is. In front of a small threaded HTTP server that stands
for the site: it answers with the Cache-Control the site sends, and says which headers reached it.

A visitor "behind the proxy" connects from 127.0.0.1 (the trusted proxy) and is named by X-Forwarded-For; an
outsider connects from 127.0.0.2, which is not trusted. Each test uses its own visitor addresses and paths, because
limits and the cache are shared by every test of the module (one nginx for all: starting takes a fraction of a
second, but rate limits would otherwise need waiting out).

Needs the nginx binary and its cache purge module (Debian: nginx, libnginx-mod-http-cache-purge); skipped otherwise.
"""

import http.client
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NGINX_CONF = REPO / "deploy" / "nginx.conf"
PURGE_MODULE = Path("/usr/share/nginx/modules/ngx_http_cache_purge_module.so")
HOST = "helphub.test"
PROXY = "127.0.0.1"  # the trusted TLS proxy
OUTSIDER = "127.0.0.2"  # any other peer
PLACEHOLDER = re.compile(r"\$\{(NGINX_[A-Z_]+)\}")

NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)
pytestmark = [
    pytest.mark.skipif(
        NGINX is None,
        reason="nginx is not installed (Debian: apt-get install nginx "
        "libnginx-mod-http-cache-purge; make test installs it)",
    ),
    pytest.mark.skipif(
        NGINX is not None and not PURGE_MODULE.exists(),
        reason="nginx's cache purge module is not installed (apt-get install libnginx-mod-http-cache-purge)",
    ),
]

PUBLIC_PAGE = "public, max-age=0, s-maxage=86400, stale-while-revalidate=300"  # core.middleware.PublicCacheMiddleware


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def render(values: dict[str, str]) -> str:
    """deploy/nginx.conf with its ${NGINX_...} placeholders replaced, as envsubst does in the container."""
    template = NGINX_CONF.read_text()
    missing = set(PLACEHOLDER.findall(template)) - set(values)
    assert not missing, f"placeholders without a value: {sorted(missing)}"
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


class Site(BaseHTTPRequestHandler):
    """Stands for the site: answers as Django does for each kind of address, and tells what reached it."""

    protocol_version = "HTTP/1.1"  # nginx keeps connections to the site open (upstream keepalive)
    seen: list  # every request that reached the site: {"method", "path", "headers"}
    chats_in_flight = 0
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.answer()

    def do_HEAD(self):
        self.answer()

    def do_POST(self):
        self.answer()

    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        with self.lock:
            self.seen.append({"method": self.command, "path": self.path, "headers": dict(self.headers)})
            number = len(self.seen)
        path = self.path.split("?")[0]
        status, cache_control = 200, PUBLIC_PAGE
        if path == "/api/v1/chat/":
            cache_control = "private, no-store"
            delay = float(self.headers.get("X-Test-Delay") or 0)
            with self.lock:
                type(self).chats_in_flight += 1
            try:
                time.sleep(delay)
            finally:
                with self.lock:
                    type(self).chats_in_flight -= 1
        elif path.startswith("/admin/") or (self.headers.get("Cookie") and "/editor-only/" not in path):
            cache_control = "private, no-store"
        elif path.startswith("/api/"):
            cache_control = "public, max-age=300"
        elif "missing" in path:
            status = 404  # public, and for a day: nginx must keep it a minute at most whatever the site says
        body = json.dumps(
            {
                "n": number,
                "path": self.path,
                "real_ip": self.headers.get("X-Real-IP"),
                "proto": self.headers.get("X-Forwarded-Proto"),
                "cookie": self.headers.get("Cookie"),
                "forwarded_for": self.headers.get("X-Forwarded-For"),
            }
        ).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Cache-Control", cache_control)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class Answer:
    def __init__(self, response: http.client.HTTPResponse):
        self.status = response.status
        self.headers = response.headers
        self.body = response.read()

    @property
    def cache(self):
        return self.headers.get("X-Cache-Status")

    def json(self):
        return json.loads(self.body)


class Nginx:
    def __init__(self, directory: Path, public_port: int, internal_port: int, site: list):
        self.directory, self.public_port, self.internal_port, self.site = directory, public_port, internal_port, site

    def request(
        self, method, path, *, visitor=None, peer=PROXY, proto="https", headers=None, body=None, internal=False
    ) -> Answer:
        """One request. `visitor`: the address the trusted proxy names in X-Forwarded-For; `peer`: where the
        connection comes from; `proto`: the X-Forwarded-Proto sent (None: none)."""
        sent = {"Host": HOST}
        if visitor is not None:
            sent["X-Forwarded-For"] = visitor
        if proto is not None and not internal:
            sent["X-Forwarded-Proto"] = proto
        sent.update(headers or {})
        port = self.internal_port if internal else self.public_port
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(peer, 0))
        try:
            connection.request(method, path, body=body, headers=sent)
            return Answer(connection.getresponse())
        finally:
            connection.close()

    def get(self, path, visitor="192.0.2.1", **kwargs) -> Answer:
        return self.request("GET", path, visitor=visitor, **kwargs)

    def chat(self, visitor, **kwargs) -> Answer:
        body = json.dumps({"message": "hello", "session": "a" * 20, "lang": "en"})
        headers = {"Content-Type": "application/json", **kwargs.pop("headers", {})}
        return self.request("POST", "/api/v1/chat/", visitor=visitor, body=body, headers=headers, **kwargs)

    def reached_site(self, path_prefix) -> list:
        return [seen for seen in self.site if seen["path"].startswith(path_prefix)]

    def cache_files(self) -> dict[str, bytes]:
        """The cache's files on disk, by their key."""
        files = {}
        for file in (self.directory / "cache" / "helphub").rglob("*"):
            if file.is_file():
                data = file.read_bytes()
                key = re.search(rb"\nKEY: ([^\n]*)\n", data)
                if key:
                    files[key.group(1).decode()] = data
        return files

    def cached_for_seconds(self, key) -> float:
        """How long the cache keeps an entry: valid_sec of nginx's cache file header (ngx_http_file_cache_header_t)."""
        deadline = time.monotonic() + 3
        while key not in self.cache_files():  # written once the answer has been sent
            assert time.monotonic() < deadline, f"{key} was not stored; stored: {list(self.cache_files())}"
            time.sleep(0.05)
        version, valid_sec = struct.unpack_from("=Qq", self.cache_files()[key])
        assert version == 5, "nginx's cache file format changed"
        return valid_sec - time.time()


def unique(prefix="/en/"):
    return f"{prefix}{uuid.uuid4().hex[:12]}/"


def source_address_works(address) -> bool:
    try:
        with socket.socket() as sock:
            sock.bind((address, 0))
        return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def site():
    Site.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def rendered(site):
    """The production configuration rendered into a temporary directory: (directory, config file, ports)."""
    # Short and world-readable: nginx's workers run as www-data when the tests run as root, and Unix socket paths
    # are limited to 107 bytes.
    directory = Path(tempfile.mkdtemp(prefix="helphub-nginx-"))
    directory.chmod(0o755)
    (directory / "run").mkdir()
    (directory / "cache").mkdir()
    public_port, internal_port = free_port(), free_port()
    config = directory / "nginx.conf"
    config.write_text(
        render(
            {
                "NGINX_PUBLIC_LISTEN": f"127.0.0.1:{public_port}",
                "NGINX_INTERNAL_LISTEN": f"127.0.0.1:{internal_port}",
                "NGINX_SITE": f"127.0.0.1:{site.server_address[1]}",
                "NGINX_RUN_DIR": str(directory / "run"),
                "NGINX_CACHE_DIR": str(directory / "cache"),
            }
        )
    )
    # What the container writes from HELPHUB_TRUSTED_PROXIES=127.0.0.1.
    (directory / "trusted-proxies.conf").write_text(f"set_real_ip_from {PROXY};\n")
    yield directory, config, public_port, internal_port
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="module")
def nginx(rendered, site):
    directory, config, public_port, internal_port = rendered
    log = directory / "nginx.stderr"
    with log.open("w") as stderr:
        process = subprocess.Popen([NGINX, "-c", str(config), "-g", "daemon off;"], stderr=stderr)  # noqa: S603
    try:
        deadline = time.monotonic() + 10
        while True:
            if process.poll() is not None:
                pytest.fail(f"nginx stopped while starting:\n{log.read_text()}")
            try:
                socket.create_connection(("127.0.0.1", public_port), timeout=0.2).close()
                socket.create_connection(("127.0.0.1", internal_port), timeout=0.2).close()
                break
            except OSError:
                assert time.monotonic() < deadline, f"nginx did not start:\n{log.read_text()}"
                time.sleep(0.05)
        yield Nginx(directory, public_port, internal_port, Site.seen)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


needs_outsider = pytest.mark.skipif(
    not source_address_works(OUTSIDER), reason=f"this machine cannot connect from {OUTSIDER}"
)


def test_the_production_configuration_passes_nginx_own_check(rendered):
    _directory, config, _public, _internal = rendered
    result = subprocess.run([NGINX, "-t", "-c", str(config)], capture_output=True, text=True, timeout=30)  # noqa: S603
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


# ---- Who the visitor is ----------------------------------------------------------------------------------------------


def test_a_visitor_behind_the_trusted_proxy_reaches_the_site_under_their_own_address(nginx):
    path = unique()
    answer = nginx.get(path, visitor="203.0.113.7")
    assert answer.status == 200
    assert answer.json()["real_ip"] == "203.0.113.7"
    assert answer.json()["proto"] == "https"


def test_what_a_visitor_writes_into_x_forwarded_for_before_the_proxy_is_ignored(nginx):
    # The proxy appends the address it sees; anything further left came from the visitor.
    answer = nginx.get(unique(), visitor="10.9.9.9, 198.51.100.1, 203.0.113.8")
    assert answer.json()["real_ip"] == "203.0.113.8"


def test_the_site_never_receives_x_forwarded_for_nor_the_visitor_cookies(nginx):
    answer = nginx.get(
        unique(),
        visitor="203.0.113.9",
        headers={"Cookie": "tracker=1", "Forwarded": "for=1.2.3.4", "X-Forwarded-Ssl": "on"},
    )
    seen = nginx.reached_site(answer.json()["path"])[0]["headers"]
    assert "X-Forwarded-For" not in seen and "Forwarded" not in seen and "X-Forwarded-Ssl" not in seen
    assert "Cookie" not in seen


@needs_outsider
def test_an_outsider_forging_x_forwarded_for_and_proto_changes_nothing(nginx):
    path = unique()
    forged = nginx.get(path, peer=OUTSIDER, visitor="203.0.113.10", proto="https")
    plain = nginx.get(path, peer=OUTSIDER, visitor=None, proto=None)
    # Not through the proxy, so not HTTPS, whatever it says: sent to the HTTPS address, like any plain request.
    assert forged.status == plain.status == 301
    assert forged.headers["Location"] == plain.headers["Location"] == f"https://{HOST}{path}"
    assert nginx.reached_site(path) == []


@needs_outsider
def test_an_outsider_cannot_spend_a_visitors_limits_by_naming_them(nginx):
    for _ in range(40):
        assert nginx.chat("203.0.113.11", peer=OUTSIDER).status == 301
    assert nginx.chat("203.0.113.11").status == 200


def test_plain_http_through_the_proxy_is_sent_to_https_and_not_cached(nginx):
    path = unique()
    answer = nginx.get(path, proto="http")
    assert answer.status == 301
    assert answer.headers["Location"] == f"https://{HOST}{path}"
    assert nginx.reached_site(path) == []


# ---- Limits -------------------------------------------------------------------------------------------------------------


def test_two_visitors_behind_the_proxy_have_separate_chat_limits(nginx):
    answers = [nginx.chat("198.51.100.21").status for _ in range(40)]
    assert answers[0] == 200
    assert 429 in answers, "60 a minute, 30 at once: the 40th message in a second is over the limit"
    assert nginx.chat("198.51.100.22").status == 200


def test_over_the_chat_limit_the_widget_still_gets_a_fallback_answer(nginx):
    answers = [nginx.chat("198.51.100.23") for _ in range(40)]
    refused = next(answer for answer in answers if answer.status == 429)
    assert refused.headers["Content-Type"] == "application/json"
    assert refused.json()["fallback"] is True and refused.json()["messages"] == []
    assert "no-store" in refused.headers["Cache-Control"]


def test_a_visitor_has_at_most_four_chat_messages_in_flight(nginx):
    visitor = "198.51.100.24"
    slow = [
        threading.Thread(target=nginx.chat, args=(visitor,), kwargs={"headers": {"X-Test-Delay": "1.5"}})
        for _ in range(4)
    ]
    for thread in slow:
        thread.start()
    deadline = time.monotonic() + 5
    while Site.chats_in_flight < 4:
        assert time.monotonic() < deadline, "the four slow messages did not reach the site"
        time.sleep(0.02)
    assert nginx.chat(visitor).status == 429
    assert nginx.chat("198.51.100.25").status == 200  # another visitor is not held up
    for thread in slow:
        thread.join()
    assert nginx.chat(visitor).status == 200


@pytest.mark.parametrize("path", ["/admin/login/", "/admin/2fa/auth", "/admin/password_reset/"])
def test_sign_in_tries_past_the_limit_are_refused(nginx, path):
    visitor = f"198.51.100.{30 + len(path)}"
    answers = [
        nginx.request(
            "POST",
            path,
            visitor=visitor,
            body="username=a&password=b",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        ).status
        for _ in range(12)
    ]
    assert answers[0] == 200
    assert 429 in answers, "10 tries a minute, 5 at once"
    # Showing the form is not a try; another editor's tries are their own.
    assert nginx.request("GET", path, visitor=visitor).status == 200
    assert nginx.request("POST", path, visitor="198.51.100.60", body="x=1").status == 200


def test_cache_misses_are_limited_per_visitor_and_hits_are_not(nginx):
    cached = unique()
    assert nginx.get(cached, visitor="198.51.100.70").status == 200  # stored by someone else
    flooder = "198.51.100.71"
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: nginx.get(unique(), visitor=flooder).status, range(100)))
    assert answers.count(200) >= 50
    assert 429 in answers, "5 misses a second, 50 at once: 100 new addresses in a second are over the limit"
    hit = nginx.get(cached, visitor=flooder)
    assert (hit.status, hit.cache) == (200, "HIT")
    assert nginx.get(unique(), visitor="198.51.100.72").status == 200


# ---- What is cached ---------------------------------------------------------------------------------------------------


def test_public_pages_are_cached_under_their_https_address(nginx):
    path = unique()
    first, second = nginx.get(path), nginx.get(path)
    assert (first.cache, second.cache) == ("MISS", "HIT")
    assert first.body == second.body
    assert f"https{HOST}{path}identity" in nginx.cache_files()


def test_a_made_up_cookie_does_not_get_around_the_cache(nginx):
    path = unique()
    assert nginx.get(path).cache == "MISS"
    answer = nginx.get(path, headers={"Cookie": "sessionid_x=1; csrftoken=abc; x=" + uuid.uuid4().hex})
    assert answer.cache == "HIT"
    assert len(nginx.reached_site(path)) == 1


def test_a_signed_in_editor_always_reaches_the_site_and_is_never_stored(nginx):
    path = unique("/en/editor-only/")  # answered as public even with the cookie: nginx must still not keep it
    editor = nginx.get(path, headers={"Cookie": "csrftoken=abc; sessionid=editor-session"})
    assert editor.cache == "BYPASS"
    assert editor.json()["cookie"] == "csrftoken=abc; sessionid=editor-session"
    visitor = nginx.get(path)
    assert visitor.cache == "MISS" and visitor.json()["cookie"] is None
    assert nginx.get(path, headers={"Cookie": "sessionid=editor-session"}).cache == "BYPASS"


def test_the_help_finder_and_guide_filters_are_cached_with_their_query(nginx):
    base = unique()
    for query in (
        "?situation=sextortion",
        "?country=ES&situation=grooming&for=parent",
        "?country=es&change=1",
        "?audience=&situation=",
        "?country=GB&for=young_person",
    ):
        first, second = nginx.get(base + query), nginx.get(base + query)
        assert (first.cache, second.cache) == ("MISS", "HIT"), query


def test_the_api_is_cached_with_its_parameters(nginx):
    path = "/api/v1/channels/?country=ES&situation=sextortion&audience=young_person&lang=es&age=15"
    assert [nginx.get(path).cache for _ in range(2)] == ["MISS", "HIT"]


@pytest.mark.parametrize(
    "query",
    [
        "?utm_source=newsletter",
        "?situation=sextortion&utm_campaign=x",
        "?situation=sextortion&situation=grooming",  # a second value the site would read instead of the first
        "?country=<script>",
        "?country=ES&",
        "?q=where+to+report",  # search: what someone typed
    ],
)
def test_unknown_query_strings_are_answered_but_never_stored(nginx, query):
    path = unique() + query
    before = set(nginx.cache_files())
    answers = [nginx.get(path) for _ in range(2)]
    assert [answer.status for answer in answers] == [200, 200]
    assert [answer.cache for answer in answers] == ["BYPASS", "BYPASS"]
    assert len(nginx.reached_site(path)) == 2
    assert set(nginx.cache_files()) == before


def test_free_text_api_questions_are_not_stored(nginx):
    path = f"/api/v1/countries/match/?q={uuid.uuid4().hex}&lang=en"
    assert [nginx.get(path).cache for _ in range(2)] == ["BYPASS", "BYPASS"]


def test_404s_are_cached_for_a_minute_and_pages_for_as_long_as_the_site_says(nginx):
    missing, page = unique("/en/missing-"), unique()
    assert [nginx.get(missing).status for _ in range(2)] == [404, 404]
    assert nginx.get(missing).cache == "HIT"
    assert 0 < nginx.cached_for_seconds(f"https{HOST}{missing}identity") <= 60
    nginx.get(page)
    assert nginx.cached_for_seconds(f"https{HOST}{page}identity") > 86400 - 60


def test_uploaded_originals_and_documents_are_not_served_from_disk(nginx):
    for path in ("/media/original_images/photo.jpg", "/media/documents/report.pdf", "/media/other.txt"):
        assert nginx.get(path).status == 404
        assert nginx.reached_site("/media/") == []


def test_the_chat_and_the_admin_are_never_cached(nginx):
    assert nginx.chat("198.51.100.80").headers.get("X-Cache-Status") is None
    for _ in range(2):
        assert nginx.get("/admin/pages/", visitor="198.51.100.80").headers.get("X-Cache-Status") is None
    assert len(nginx.reached_site("/admin/pages/")) >= 2


# ---- Purges -----------------------------------------------------------------------------------------------------------


def test_purge_is_refused_on_the_public_server(nginx):
    path = unique()
    nginx.get(path)
    answer = nginx.request("PURGE", path, visitor="192.0.2.1")
    assert answer.status == 405
    assert nginx.get(path).cache == "HIT"
    assert nginx.request("PURGE", path, peer=PROXY, visitor=None, proto=None).status == 405


def test_the_site_purges_both_copies_of_a_page_on_the_internal_server(nginx):
    path = unique()
    nginx.get(path)
    nginx.get(path, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert nginx.get(path).cache == "HIT"
    for encoding in ("gzip", "identity"):  # as pages.purge.ProxyPurgeBackend sends them
        purged = nginx.request("PURGE", path, internal=True, headers={"Accept-Encoding": encoding})
        assert purged.status == 200, encoding
    assert nginx.get(path).cache == "MISS"
    assert nginx.get(path, headers={"Accept-Encoding": "gzip"}).cache == "MISS"
    assert nginx.request("PURGE", unique(), internal=True).status == 404  # not cached: not an error


def test_the_internal_server_serves_the_assistant_the_cached_api_and_nothing_else(nginx):
    path = "/api/v1/situations/?lang=en"
    answers = [nginx.request("GET", path, internal=True) for _ in range(2)]
    assert [answer.cache for answer in answers] == ["MISS", "HIT"]
    assert answers[0].json()["proto"] == "http"
    assert nginx.request("POST", "/api/v1/chat/", internal=True, body="{}").status == 404
    assert nginx.request("GET", "/en/", internal=True).status == 404
    assert nginx.request("POST", "/api/v1/situations/", internal=True, body="{}").status == 403


def test_the_assistant_posts_what_a_visitor_typed_and_it_is_never_stored(nginx):
    body = '{"q": "ich wohne in osterreich", "lang": "de"}'
    before = len(nginx.reached_site("/api/v1/countries/match/"))
    answers = [nginx.request("POST", "/api/v1/countries/match/", internal=True, body=body) for _ in range(2)]
    assert [answer.status for answer in answers] == [200, 200]
    reached = nginx.reached_site("/api/v1/countries/match/")[before:]
    assert [seen["method"] for seen in reached] == ["POST", "POST"]  # both asked the site: nothing kept
    assert not any(b"osterreich" in content for content in nginx.cache_files().values())
