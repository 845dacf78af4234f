"""The provider keeps Masthead's share contract, and builds diaspora*'s documented address."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from masthead_share_example import register_share_providers

from plugins.testing import check_share_provider
from plugins.types import ShareTarget


def test_the_provider_keeps_the_contract():
    for provider in register_share_providers():
        check_share_provider(provider)


def test_the_address_is_the_sharing_services_with_title_and_url():
    [provider] = register_share_providers()
    target = ShareTarget(url="https://news.example.org/a/?utm_source=diaspora", title="Q&A #1")
    parts = urlsplit(provider.build_url(target))
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        "share.diasporafoundation.org",
        "/",
    )
    assert parse_qs(parts.query) == {"title": ["Q&A #1"], "url": [target.url]}
