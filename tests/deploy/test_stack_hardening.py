"""What the production stack lets through, checked by reading docker-compose.yml (no Docker engine needed): who can
reach nginx, who gunicorn believes, who may purge, what Redis asks for, and what each container may do.

nginx's own behaviour (trusted proxies, limits, cache, purges) is run for real in test_nginx.py.
"""

import ipaddress
import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


@pytest.fixture(scope="module")
def example_env():
    lines = (REPO / ".env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if re.match(r"^\w+=", line))


def interpolate(value: str, env: dict) -> str:
    """docker compose's ${NAME}, ${NAME:-default} and ${NAME:?error}, with the example's values."""

    def one(match):
        name, operator, word = match.group(1), match.group(2) or "", match.group(3) or ""
        if name in env:
            return env[name]
        return word if operator == ":-" else ""

    return re.sub(r"\$\{(\w+)(:[-?])?([^}]*)\}", one, value)


def test_nginx_is_published_only_where_the_tls_proxy_connects(services, example_env):
    for port in services["nginx"]["ports"]:
        published = interpolate(port, {})  # the default, when .env says nothing
        host, _, _rest = published.rpartition(":8080")[0].rpartition(":")
        assert ipaddress.ip_address(host).is_loopback, port
        assert not ipaddress.ip_address(interpolate(port, example_env).split(":")[0]).is_unspecified


def test_only_nginx_public_listener_is_published(services):
    for name, service in services.items():
        if name != "nginx":
            assert not service.get("ports"), f"{name} publishes a port"
    assert all(str(port).endswith(":8080") for port in services["nginx"]["ports"])


def test_nginx_believes_forwarded_headers_only_from_the_configured_proxies(services, example_env):
    trusted = services["nginx"]["environment"]["HELPHUB_TRUSTED_PROXIES"]
    assert trusted.startswith("${HELPHUB_TRUSTED_PROXIES:?"), "no trusted proxy must be an error, not a default"
    for proxy in example_env["HELPHUB_TRUSTED_PROXIES"].split(","):
        network = ipaddress.ip_network(proxy.strip())
        assert network.num_addresses <= 256, "trusting a whole private range trusts everything in it"
    # The example's proxy is the edge network's gateway: the host's own proxy through the loopback port.
    edge = ipaddress.ip_network(example_env["HELPHUB_EDGE_SUBNET"])
    assert ipaddress.ip_address(example_env["HELPHUB_TRUSTED_PROXIES"]) == next(edge.hosts())


def test_gunicorn_believes_forwarded_headers_only_from_nginx(services, compose, example_env):
    allowed = interpolate(services["site"]["environment"]["GUNICORN_FORWARDED_ALLOW_IPS"], example_env)
    assert "*" not in allowed
    networks = [ipaddress.ip_network(entry.strip()) for entry in allowed.split(",")]
    web = ipaddress.ip_network(example_env["HELPHUB_WEB_SUBNET"])
    assert set(networks) == {ipaddress.ip_network("127.0.0.1/32"), web}
    # The web network holds nginx and the site only.
    assert {name for name, service in services.items() if "web" in service.get("networks", [])} == {"nginx", "site"}
    assert "${HELPHUB_WEB_SUBNET" in compose["networks"]["web"]["ipam"]["config"][0]["subnet"]


def test_each_network_joins_only_the_services_that_talk_to_each_other(services, compose):
    members = {}
    for name, service in services.items():
        assert service.get("networks"), f"{name} would be on the default network, with everyone"
        for network in service["networks"]:
            members.setdefault(network, set()).add(name)
    assert members["data"] == {"db", "redis", "site", "rasa"}
    assert members["edge"] == {"nginx"}
    assert "db" not in members["web"] | members["chat"] | members["actions"]
    # Nothing but nginx's published port reaches outside; no service has a route out (no third-party requests).
    for name, network in compose["networks"].items():
        assert bool((network or {}).get("internal")) is (name != "edge"), name


def test_purges_and_the_assistant_use_nginx_internal_listener(services):
    assert services["site"]["environment"]["HELPHUB_PURGE_URL"] == "http://nginx:8081"
    assert services["actions"]["environment"]["HELPHUB_SITE_URL"] == "http://nginx:8081"
    assert "nginx" in services["site"]["environment"]["DJANGO_ALLOWED_HOSTS"].split(",")
    config = (REPO / "deploy" / "nginx.Dockerfile").read_text()
    assert "NGINX_INTERNAL_LISTEN=8081" in config and "NGINX_PUBLIC_LISTEN=8080" in config


def test_redis_asks_for_a_password_that_the_site_and_rasa_give(services, example_env):
    command = " ".join(services["redis"]["command"])
    assert re.search(r"--requirepass \$\{REDIS_PASSWORD:\?", command)
    assert services["site"]["environment"]["CACHE_URL"].startswith("redis://:${REDIS_PASSWORD}@redis:6379/")
    assert services["rasa"]["environment"]["REDIS_PASSWORD"] == "${REDIS_PASSWORD}"  # noqa: S105 - a reference
    assert "REDIS_PASSWORD" in example_env
    assert "PONG" in " ".join(services["redis"]["healthcheck"]["test"])


def test_no_container_gains_privileges_or_keeps_capabilities_it_does_not_need(services):
    for name, service in services.items():
        assert "no-new-privileges:true" in service.get("security_opt", []), name
        assert service.get("cap_drop") == ["ALL"], name
        expected = {"CHOWN", "SETGID", "SETUID"} if name == "nginx" else set()
        assert set(service.get("cap_add", [])) == expected, name
    assert services["db"]["user"] == "postgres"
    assert services["redis"]["user"] == "redis"


def test_the_nginx_container_renders_exactly_the_placeholders_its_configuration_has():
    """deploy/nginx.conf is a template: the image's start script replaces its ${NGINX_...} placeholders (envsubst,
    with an explicit list) and nothing else, and gives each a value."""
    dockerfile = (REPO / "deploy" / "nginx.Dockerfile").read_text()
    listed = re.search(r"envsubst\s+'([^']*)'", dockerfile).group(1)
    rendered_by_container = set(re.findall(r"\$\{(NGINX_[A-Z_]+)\}", listed))
    placeholders = set(re.findall(r"\$\{(NGINX_[A-Z_]+)\}", (REPO / "deploy" / "nginx.conf").read_text()))
    assert rendered_by_container == placeholders
    for name in placeholders:
        assert re.search(rf"\b{name}=\S", dockerfile), f"the image gives no value to {name}"
    assert "trusted-proxies.conf" in dockerfile and "HELPHUB_TRUSTED_PROXIES" in dockerfile


def test_when_cpu_is_short_the_sites_pages_come_before_the_assistant(services):
    """The chat has its own fallback (the help finder and the emergency number within 2 s); the pages have none. Docker
    shares a short CPU by weight (default 1024): the assistant's containers weigh less than the site and nginx."""
    default = 1024
    for name in ("site", "nginx", "db", "redis"):
        assert services[name].get("cpu_shares", default) == default, name
    for name in ("rasa", "actions"):
        assert services[name]["cpu_shares"] < default / 2, name
