"""The production stack (docker-compose.yml and deploy/), checked by reading it: no Docker engine is needed.

Each test states something the stack must do once it runs: restart after a crash, report its health, run the
assistant on the versions the bot was built and tested with, find every file it mounts, keep no IP addresses in
any log, and forget conversations.
"""

import re
import runpy
from pathlib import Path

import pytest
import yaml

from pages.purge import CACHED_ENCODINGS

REPO = Path(__file__).resolve().parents[2]
COMPOSE_FILE = REPO / "docker-compose.yml"
SERVICES = ("db", "redis", "site", "rasa", "actions", "nginx")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load(COMPOSE_FILE.read_text())


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


def pinned_version(package):
    """The version bot/requirements.txt pins for a package."""
    for line in (REPO / "bot" / "requirements.txt").read_text().splitlines():
        name, _, version = line.partition("==")
        if name.strip().lower() == package:
            return version.strip()
    raise AssertionError(f"{package} is not pinned in bot/requirements.txt")


def image_of(service):
    """The image a service runs: its `image`, or the FROM of the Dockerfile it is built from."""
    build = service.get("build")
    if build is None:
        return service["image"]
    if isinstance(build, str):
        build = {"context": build}
    dockerfile = REPO / build.get("context", ".") / build.get("dockerfile", "Dockerfile")
    froms = re.findall(r"^FROM\s+(\S+)", dockerfile.read_text(), flags=re.MULTILINE)
    return froms[-1]


def tag_of(image):
    return image.rpartition(":")[2]


def volume_entries(service):
    """(source, target, is_bind) for each of a service's volumes, short or long syntax."""
    for entry in service.get("volumes", []):
        if isinstance(entry, str):
            source, _, rest = entry.partition(":")
            target = rest.split(":")[0]
            yield source, target, source.startswith((".", "/", "~"))
        else:
            yield entry.get("source"), entry["target"], entry.get("type") == "bind"


def test_the_whole_stack_is_described(services):
    assert set(SERVICES) <= set(services)


def test_every_service_restarts_after_a_crash(services):
    for name, service in services.items():
        assert service.get("restart") in {"always", "unless-stopped", "on-failure"}, name


@pytest.mark.parametrize("name", ["db", "redis", "site", "rasa"])
def test_the_services_others_wait_for_report_their_health(services, name):
    test = services[name].get("healthcheck", {}).get("test")
    assert test, f"{name} has no healthcheck"
    assert test != ["NONE"]


def test_the_site_starts_only_once_the_database_and_cache_are_healthy(services):
    depends_on = services["site"]["depends_on"]
    assert depends_on["db"]["condition"] == "service_healthy"
    assert depends_on["redis"]["condition"] == "service_healthy"


def test_redis_keeps_nothing_on_disk(services):
    command = services["redis"]["command"]
    command = command if isinstance(command, str) else " ".join(part or '""' for part in command)
    assert re.search(r'--save\s+(""|\'\')', command)
    assert re.search(r"--appendonly\s+no", command)


def test_the_assistant_runs_the_rasa_version_it_was_built_with(services):
    assert tag_of(image_of(services["rasa"])).startswith(pinned_version("rasa"))
    assert image_of(services["rasa"]).startswith("rasa/rasa:")


def test_the_action_server_runs_the_pinned_rasa_sdk(services):
    image = image_of(services["actions"])
    assert image.startswith("rasa/rasa-sdk:")
    assert tag_of(image) == pinned_version("rasa-sdk")


def test_every_built_image_has_its_dockerfile(services):
    for name, service in services.items():
        build = service.get("build")
        if build is None:
            continue
        if isinstance(build, str):
            build = {"context": build}
        context = REPO / build.get("context", ".")
        assert context.is_dir(), name
        assert (context / build.get("dockerfile", "Dockerfile")).is_file(), name


def test_every_mounted_host_path_exists_in_the_repository(services):
    for name, service in services.items():
        for source, target, is_bind in volume_entries(service):
            if is_bind:
                assert (REPO / source).exists(), f"{name} mounts {source} at {target}, which does not exist"


def test_every_named_volume_is_declared(compose, services):
    declared = set(compose.get("volumes") or {})
    for name, service in services.items():
        for source, _target, is_bind in volume_entries(service):
            if source and not is_bind:
                assert source in declared, f"{name} uses the undeclared volume {source}"


def test_nginx_serves_the_static_files_the_site_collects(services):
    site_volumes = {source for source, _, is_bind in volume_entries(services["site"]) if not is_bind}
    nginx_volumes = {source for source, _, is_bind in volume_entries(services["nginx"]) if not is_bind}
    assert "static" in site_volumes & nginx_volumes


def test_the_site_command_migrates_loads_the_content_and_serves_with_gunicorn(services):
    command = services["site"]["command"]
    command = command if isinstance(command, str) else " ".join(command)
    assert command.index("migrate") < command.index("load_content") < command.index("gunicorn")
    assert "-c deploy/gunicorn.conf.py" in command
    assert "--chdir site" in command
    assert "helphub.wsgi" in command
    for path in re.findall(r"[\w./-]+\.py\b", command):
        assert (REPO / path).is_file(), path
    assert (REPO / "site" / "helphub" / "wsgi.py").is_file()


def test_the_site_runs_the_production_settings_against_the_compose_services(services):
    environment = services["site"]["environment"]
    assert environment["DJANGO_SETTINGS_MODULE"] == "helphub.settings.production"
    assert "@db:5432/" in environment["DATABASE_URL"]
    assert environment["CACHE_URL"].startswith("redis://:${REDIS_PASSWORD}@redis:6379/")
    assert environment["HELPHUB_RASA_URL"] == "http://rasa:5005"
    # nginx's internal listener (not published): purges, and the action server's API calls through the cache.
    assert environment["HELPHUB_PURGE_URL"] == "http://nginx:8081"
    assert services["actions"]["environment"]["HELPHUB_SITE_URL"] == "http://nginx:8081"
    assert services["rasa"]["environment"]["ACTION_SERVER_URL"] == "http://actions:5055/webhook"


def test_rasa_sends_no_telemetry(services):
    assert str(services["rasa"]["environment"]["RASA_TELEMETRY_ENABLED"]).lower() == "false"


def test_rasa_uses_the_production_endpoints_that_exist_in_the_bot(services):
    command = services["rasa"]["command"]
    command = command if isinstance(command, str) else " ".join(command)
    endpoints = re.search(r"--endpoints\s+(\S+)", command).group(1)
    credentials = re.search(r"--credentials\s+(\S+)", command).group(1)
    assert endpoints == "endpoints.production.yml"
    assert (REPO / "bot" / endpoints).is_file()
    assert (REPO / "bot" / credentials).is_file()


def test_every_variable_the_stack_reads_is_in_the_example_env_file():
    used = set(re.findall(r"\$\{(\w+)", COMPOSE_FILE.read_text()))
    example = (REPO / ".env.example").read_text()
    listed = set(re.findall(r"^(\w+)=", example, flags=re.MULTILINE))
    assert used, "docker-compose.yml reads no variable?"
    assert used <= listed, f"not in .env.example: {sorted(used - listed)}"


def test_every_example_variable_is_explained():
    lines = (REPO / ".env.example").read_text().splitlines()
    for number, line in enumerate(lines):
        if re.match(r"^\w+=", line):
            assert number > 0 and lines[number - 1].startswith("#"), f"{line.split('=')[0]} has no comment"


def test_no_secrets_or_local_state_go_into_the_images():
    ignored = {line.strip() for line in (REPO / ".dockerignore").read_text().splitlines()}
    assert {".env", ".venv", ".venv-bot", "var", "bot/models", ".git"} <= ignored


def test_nginx_logs_no_ip_addresses_nor_search_terms():
    config = (REPO / "deploy" / "nginx.conf").read_text()
    code = "\n".join(line.split("#", 1)[0] for line in config.splitlines())
    for log_format in re.findall(r"log_format\s[^;]*;", code):
        assert "$remote_addr" not in log_format
        assert "$http_x_forwarded_for" not in log_format
        assert "$request_uri" not in log_format and "$args" not in log_format and "$request " not in log_format
    access_logs = re.findall(r"access_log\s+([^;]+);", code)
    assert access_logs, "nginx would write its default access log, with addresses"
    for access_log in access_logs:
        assert access_log.strip() == "off" or "combined" not in access_log
    assert "access_log off" in code
    # nginx's error lines name the client's address: only critical ones are written.
    assert re.search(r"error_log\s+\S+\s+(crit|alert|emerg);", code)


def test_nginx_caches_public_pages_but_never_an_editors_requests():
    code = "\n".join(line.split("#", 1)[0] for line in (REPO / "deploy" / "nginx.conf").read_text().splitlines())
    assert re.search(r"keys_zone=helphub:", code)
    # Only Django's session cookie (a signed-in editor) gets past the cache; such answers are never stored
    # (tests/deploy/test_nginx.py runs it).
    assert re.search(r"map \$cookie_sessionid \$editor_session", code)
    assert re.search(r"proxy_cache_bypass\s+\$skip_cache;", code)
    assert re.search(r"proxy_no_cache\s+\$skip_cache;", code)
    # PURGE only on the internal listener, sent to the separate-syntax purge location, keyed like the public cache.
    assert re.search(r"proxy_cache_purge\s+helphub\s+https\$host\$request_uri\$cache_encoding;", code)
    assert re.search(r"proxy_cache_key\s+\$forwarded_proto\$host\$request_uri\$cache_encoding;", code)
    assert "allow 172.16.0.0/12" not in code and "allow 10.0.0.0/8" not in code
    assert "load_module modules/ngx_http_cache_purge_module.so;" in code
    assert "server_tokens off;" in code


def test_nginx_keeps_one_compressed_and_one_plain_copy_of_each_page():
    code = "\n".join(line.split("#", 1)[0] for line in (REPO / "deploy" / "nginx.conf").read_text().splitlines())
    encoding_map = re.search(r"map \$http_accept_encoding \$cache_encoding \{([^}]*)\}", code)
    assert encoding_map, "Accept-Encoding is not reduced to the copies the cache keeps"
    values = set(re.findall(r"^\s*\S+\s+(\S+);", encoding_map.group(1), re.M))
    # The same two names the site's purge backend sends, one PURGE for each copy.
    assert values == set(CACHED_ENCODINGS)
    # The site is asked for exactly the copy the key names, and nginx's own Vary split is off.
    assert re.search(r"proxy_set_header\s+Accept-Encoding\s+\$cache_encoding;", code)
    assert re.search(r"proxy_ignore_headers\s+Vary;", code)


def test_gunicorn_keeps_no_access_log(monkeypatch):
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    monkeypatch.delenv("GUNICORN_WORKERS", raising=False)
    monkeypatch.delenv("GUNICORN_FORWARDED_ALLOW_IPS", raising=False)
    config = runpy.run_path(str(REPO / "deploy" / "gunicorn.conf.py"))
    assert config["accesslog"] is None
    assert config["errorlog"] == "-"
    assert config["bind"] == "0.0.0.0:8000"
    assert config["workers"] >= 3
    assert config["forwarded_allow_ips"] == "127.0.0.1"


def test_gunicorn_takes_its_bind_and_workers_from_the_environment(monkeypatch):
    monkeypatch.setenv("GUNICORN_BIND", "127.0.0.1:9999")
    monkeypatch.setenv("GUNICORN_WORKERS", "5")
    config = runpy.run_path(str(REPO / "deploy" / "gunicorn.conf.py"))
    assert config["bind"] == "127.0.0.1:9999"
    assert config["workers"] == 5


def test_any_rasa_process_can_handle_any_conversation_and_forgets_it_after_15_minutes():
    endpoints = yaml.safe_load((REPO / "bot" / "endpoints.production.yml").read_text())
    assert endpoints["lock_store"]["type"] == "redis"
    assert endpoints["tracker_store"]["type"] == "redis"
    assert endpoints["tracker_store"]["record_exp"] == 900
    assert endpoints["lock_store"]["db"] != endpoints["tracker_store"]["db"]
    assert endpoints["action_endpoint"]["url"] == "${ACTION_SERVER_URL}"
