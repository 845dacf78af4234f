"""Share addresses built from fuzzed titles, ledes and tags: each parses, goes to the
provider's own address, gives the values back intact, and the share row, the page and
the feeds show them escaped."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.testing import check_share_provider
from plugins.types import ShareKind, ShareTarget
from sharing.providers import PROVIDERS

from .support import assert_clean_feed, assert_escaped, editor_text, examples, one_example

pytestmark = pytest.mark.django_db

PLAIN = ShareTarget(url="https://news.example.org/a/", title="Plain title", lede="Plain lede")
CANONICAL_URLS = (
    "https://news.example.org/health/article/",
    "https://news.example.org/caf%C3%A9/?utm_source=share&utm_medium=social",
    "https://news.example.org/health/a-b/?q=a%26b#top",
)


def _endpoint(url: str) -> tuple[str, str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc, parts.path


# Where each network's link goes, and which of the target's values it carries.
ENDPOINTS = {provider.key: _endpoint(provider.build_url(PLAIN)) for provider in PROVIDERS}
USES_TITLE = {provider.key for provider in PROVIDERS if "Plain" in provider.build_url(PLAIN)}


def _values(url: str) -> list[str]:
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    return [value for _, value in pairs + parse_qsl(parts.fragment, keep_blank_values=True)]


def assert_share_url(provider, url: str, target: ShareTarget) -> None:
    """``url`` is ``provider``'s own address, carrying ``target``'s values intact."""
    scheme, netloc, path = _endpoint(url)
    if provider.kind == ShareKind.LINK:
        assert (scheme, netloc, path) == ENDPOINTS[provider.key], f"{provider.key}: {url!r}"
        values = _values(url)
        assert any(target.url in value for value in values), f"{provider.key}: {url!r}"
        if provider.key in USES_TITLE and target.title:
            assert any(target.title in value for value in values), f"{provider.key}: {url!r}"
    else:
        assert url.startswith(target.url), f"{provider.key} should link the article: {url!r}"


def test_every_provider_builds_a_sound_address_from_any_title():
    @settings(max_examples=examples(60))
    @given(
        url=st.sampled_from(CANONICAL_URLS),
        title=editor_text,
        lede=editor_text,
        tags=st.lists(editor_text, max_size=3).map(tuple),
    )
    def check(url, title, lede, tags):
        target = ShareTarget(url=url, title=title, lede=lede, tags=tags)
        for provider in PROVIDERS:
            # The contract plugin authors test against, then this provider's own address.
            built = check_share_provider(provider, target)
            assert_share_url(provider, built, target)

    check()


class _ShareRow(HTMLParser):
    """The share row's buttons: provider key → attributes (values unescaped)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.buttons: dict[str, dict[str, str]] = {}

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        for name in attributes.get("class", "").split():
            if name.startswith("share-row__button--"):
                self.buttons[name.removeprefix("share-row__button--")] = attributes


def share_buttons(html: str) -> dict[str, dict[str, str]]:
    row = _ShareRow()
    row.feed(html)
    row.close()
    return row.buttons


def test_the_share_row_page_and_feeds_escape_any_title_and_lede(article_factory):
    article = article_factory("Share under fuzz", slug="share-under-fuzz", tags=["health"])
    providers = {provider.key: provider for provider in PROVIDERS}
    client = Client()
    clean_title = editor_text.map(lambda text: text.strip()[:255]).filter(bool)

    @settings(max_examples=examples(15))
    @given(title=clean_title, lede=editor_text)
    def check(title, lede):
        with one_example():
            article.title, article.lede = title, lede
            article.save()
            article.refresh_from_db()
            html = assert_escaped(client.get(article.url), f"the article titled {title!r}")
            buttons = share_buttons(html)
            assert buttons, "the article shows no share row"
            target = ShareTarget(url=article.get_full_url(), title=article.title)
            for key, attributes in buttons.items():
                href = attributes.get("href") or attributes.get("data-share-url", "")
                assert_share_url(providers[key], href, target)
                if "data-share-title" in attributes:
                    assert attributes["data-share-title"] == article.title
                    assert attributes["data-share-text"] == article.summary
            for kind in ("rss", "atom"):
                address = f"/feed/{kind}/"
                assert_clean_feed(client.get(address), f"{address} with {title!r}, {lede!r}")

    check()
