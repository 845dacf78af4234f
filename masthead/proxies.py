"""Proxy headers are believed only from the proxies the operator names in ``TRUSTED_PROXIES``.

``X-Forwarded-Proto``, ``X-Forwarded-For`` and the like are plain request
headers: anyone can send them. :class:`TrustedProxyMiddleware`, first in
``MIDDLEWARE``, removes them from every request whose peer (``REMOTE_ADDR``) is
not a trusted proxy, so ``SECURE_PROXY_SSL_HEADER`` and everything else that
reads them (the page cache's key, absolute URLs, HTTPS redirects) only ever sees
what a trusted proxy said. For a request that did come through trusted proxies,
the client's own address, read from the right of ``X-Forwarded-For`` past every
trusted hop, replaces ``REMOTE_ADDR``: allauth's rate limits and Masthead's
comment limits read the client there (allauth itself is told to trust no
forwarding header, so the two can never disagree).
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# Only a trusted proxy may say these; from anyone else they are dropped.
PROXY_HEADERS = (
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
)
# The peer that handed the request over, kept when REMOTE_ADDR becomes the client.
PROXY_ADDR_KEY = "MASTHEAD_PROXY_ADDR"


def parse_networks(entries: Iterable[str]) -> tuple[Network, ...]:
    """Turn ``TRUSTED_PROXIES`` entries (addresses or CIDR ranges) into networks."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {entry!r} is not an IP address or a CIDR range "
                "such as 10.0.0.0/8."
            ) from None
    return tuple(networks)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None
    # An IPv4 peer seen on an IPv6 socket (::ffff:10.0.0.1) is that IPv4 address.
    return getattr(address, "ipv4_mapped", None) or address


def is_trusted(text: str, networks: tuple[Network, ...]) -> bool:
    """Whether ``text`` is the address of a trusted proxy."""
    address = _address(text)
    return address is not None and any(address in network for network in networks)


def client_address(peer: str, forwarded_for: str, networks: tuple[Network, ...]) -> str:
    """The client's address: the last hop in ``X-Forwarded-For`` that is not a trusted proxy.

    Each trusted proxy appends the address it was connected from, so the list is
    read from the right; entries left of the first untrusted hop were written by
    the client and mean nothing.
    """
    client = peer
    for hop in reversed([part for part in forwarded_for.split(",") if part.strip()]):
        address = _address(hop)
        if address is None:
            break  # not written by a proxy of ours: keep the last hop we can vouch for
        client = str(address)
        if not any(address in network for network in networks):
            break
    return client


class TrustedProxyMiddleware:
    """Drop proxy headers unless the peer is a trusted proxy; then take the client from them."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.networks = parse_networks(getattr(settings, "TRUSTED_PROXIES", ()))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        peer = request.META.get("REMOTE_ADDR", "")
        if self.networks and is_trusted(peer, self.networks):
            forwarded_for = request.META.get("HTTP_X_FORWARDED_FOR", "")
            if forwarded_for:
                request.META[PROXY_ADDR_KEY] = peer
                request.META["REMOTE_ADDR"] = client_address(peer, forwarded_for, self.networks)
        else:
            for name in PROXY_HEADERS:
                request.META.pop(name, None)
        return self.get_response(request)
