"""Rate-limit keys that never hold a visitor's address: a hash of its network prefix. The chat and editors'
sign-in count tries by it."""

import hashlib
import ipaddress

from django.conf import settings


def network_key(group, request) -> str:
    """The client's /24 (IPv4) or /48 (IPv6) network, hashed with the secret key, so no address is stored."""
    # Behind a proxy (nginx in docker-compose.yml) the visitor's address is in the header the proxy sets.
    header = getattr(settings, "HELPHUB_CLIENT_IP_HEADER", "") or "REMOTE_ADDR"
    address = request.META.get(header) or request.META.get("REMOTE_ADDR", "")
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    prefix = 24 if ip.version == 4 else 48
    network = ipaddress.ip_network(f"{ip}/{prefix}", strict=False)
    return hashlib.sha256(f"{settings.SECRET_KEY}:{network}".encode()).hexdigest()[:32]
