"""Proxy headers count only from TRUSTED_PROXIES, and cached pages are keyed on the scheme."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from masthead.proxies import client_address, parse_networks
from tests.masthead.test_configuration import run_manage

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.7"
OG_IMAGE = re.compile(r'<meta property="og:image" content="([^"]+)"')


@pytest.fixture
def behind_https(settings):
    """Production's SSL header setting (the test settings are development's)."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    return settings


@pytest.fixture
def pictured(article_factory, image_factory):
    """An article whose page carries an absolute image URL (og:image), built from the scheme."""
    return article_factory("Pictured", hero_image=image_factory("Hero"))


def og_image(response) -> str:
    match = OG_IMAGE.search(response.content.decode())
    assert match, "the article has no og:image"
    return match.group(1)


def test_a_forged_https_header_from_a_stranger_changes_nothing(behind_https, pictured):
    forger = Client()
    forged = forger.get(pictured.url, HTTP_X_FORWARDED_PROTO="https")
    assert og_image(forged).startswith("http://testserver/")
    assert forged["X-Masthead-Cache"] == "miss"
    again = forger.get(pictured.url, HTTP_X_FORWARDED_PROTO="https")
    assert again["X-Masthead-Cache"] == "hit"
    assert og_image(again).startswith("http://testserver/")


def test_a_forged_https_header_cannot_poison_the_cache_for_others(behind_https, pictured):
    Client().get(pictured.url, HTTP_X_FORWARDED_PROTO="https")
    reader = Client().get(pictured.url)
    assert reader["X-Masthead-Cache"] == "hit"
    assert og_image(reader).startswith("http://testserver/")


def test_a_trusted_proxy_is_believed_and_its_https_pages_cached_apart(behind_https, pictured):
    behind_https.TRUSTED_PROXIES = ["10.0.0.0/24"]
    via_proxy = Client(REMOTE_ADDR=PROXY, HTTP_HOST="testserver")
    secure = via_proxy.get(pictured.url, HTTP_X_FORWARDED_PROTO="https")
    assert og_image(secure).startswith("https://testserver/")
    assert secure["X-Masthead-Cache"] == "miss"
    assert via_proxy.get(pictured.url, HTTP_X_FORWARDED_PROTO="https")["X-Masthead-Cache"] == "hit"

    # Plain http through the same proxy, and a stranger's forged header: the http copy.
    plain = via_proxy.get(pictured.url, HTTP_X_FORWARDED_PROTO="http")
    assert plain["X-Masthead-Cache"] == "miss"
    assert og_image(plain).startswith("http://testserver/")
    forged = Client().get(pictured.url, HTTP_X_FORWARDED_PROTO="https")
    assert forged["X-Masthead-Cache"] == "hit"
    assert og_image(forged).startswith("http://testserver/")


def test_a_forged_host_or_port_from_a_stranger_changes_nothing(behind_https, pictured):
    behind_https.USE_X_FORWARDED_HOST = True
    behind_https.USE_X_FORWARDED_PORT = True
    response = Client().get(
        pictured.url, HTTP_X_FORWARDED_HOST="evil.example", HTTP_X_FORWARDED_PORT="8443"
    )
    assert og_image(response).startswith("http://testserver/")


def sign_in_wrongly(client: Client, attempt: int, **headers):
    return client.post(
        "/accounts/login/",
        {"login": f"nobody{attempt}", "password": "wrong-password"},
        **headers,
    )


REFUSED = "Too many failed login attempts"


@pytest.fixture
def three_failures_per_address(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/m/ip"}


def test_a_stranger_cannot_dodge_sign_in_limits_with_forged_forwarded_for(
    three_failures_per_address,
):
    client = Client()
    answers = [
        sign_in_wrongly(client, n, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").content.decode()
        for n in range(5)
    ]
    assert not any(REFUSED in answer for answer in answers[:3])
    assert REFUSED in answers[3]
    assert REFUSED in answers[4]


def test_behind_a_trusted_proxy_each_client_has_its_own_sign_in_limit(
    three_failures_per_address, settings
):
    settings.TRUSTED_PROXIES = [PROXY]
    via_proxy = Client(REMOTE_ADDR=PROXY)
    # Each client's own address, as the proxy appends it after whatever the client sent.
    answers = [
        sign_in_wrongly(
            via_proxy, n, HTTP_X_FORWARDED_FOR=f"203.0.113.66, 198.51.100.{n}"
        ).content.decode()
        for n in range(5)
    ]
    assert not any(REFUSED in answer for answer in answers)
    same_client = [
        sign_in_wrongly(via_proxy, n, HTTP_X_FORWARDED_FOR="198.51.100.200").content.decode()
        for n in range(10, 14)
    ]
    assert REFUSED in same_client[3]


@pytest.mark.parametrize(
    ("forwarded_for", "client"),
    [
        ("", PROXY),
        ("198.51.100.1", "198.51.100.1"),
        ("6.6.6.6, 198.51.100.1", "198.51.100.1"),  # the left entry is the client's own claim
        ("198.51.100.1, 10.0.0.9", "198.51.100.1"),  # two trusted hops
        ("10.0.0.8, 10.0.0.9", "10.0.0.8"),
        ("junk, 10.0.0.9", "10.0.0.9"),
        ("2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_address_is_the_last_untrusted_hop(forwarded_for, client):
    assert client_address(PROXY, forwarded_for, parse_networks(["10.0.0.0/24"])) == client


def test_a_bad_trusted_proxies_entry_is_a_clear_error():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match=r"TRUSTED_PROXIES: 'proxy\.internal'"):
        parse_networks(["10.0.0.1", "proxy.internal"])


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "masthead.settings.production",
    "SECRET_KEY": "k" * 20 + "x9-Q_r" * 10,
    "ALLOWED_HOSTS": "news.example.org",
}
PROBE = (
    "from django.conf import settings\n"
    "print(settings.MIDDLEWARE[0])\n"
    "print(settings.SECURE_PROXY_SSL_HEADER)\n"
)


def test_production_believes_the_ssl_header_only_with_trusted_proxies():
    alone = run_manage("shell", "-c", PROBE, **PRODUCTION, TRUSTED_PROXIES="")
    assert alone.returncode == 0, alone.stderr
    assert alone.stdout.splitlines()[-2:] == ["masthead.proxies.TrustedProxyMiddleware", "None"]
    behind = run_manage("shell", "-c", PROBE, **PRODUCTION, TRUSTED_PROXIES="10.0.0.0/8")
    assert behind.returncode == 0, behind.stderr
    assert behind.stdout.splitlines()[-1] == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_production_with_trusted_proxies_passes_check_deploy():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, TRUSTED_PROXIES="10.0.0.1"
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
