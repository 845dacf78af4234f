"""Helpers for plugins' own test suites (pytest-django, inside a Masthead environment).

::

    from plugins.testing import check_share_provider, registered, render_article

    def test_my_badge_shows(article):
        with registered(my_plugin, name="my_plugin"):
            assert "My badge" in render_article(article)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import parse_qsl, urlsplit

from .manager import PluginInfo, get_host
from .types import KEY, ShareKind, ShareProvider, ShareTarget

__all__ = [
    "HOSTILE_TARGET",
    "assert_page_survives",
    "check_share_provider",
    "errors_isolated",
    "registered",
    "render_article",
]

# A share target full of what breaks hand-built URLs: reserved characters in the
# address and the title, quotes, markup and text beyond ASCII.
HOSTILE_TARGET = ShareTarget(
    url="https://news.example.org/world/caf%C3%A9-&-bar/?utm_source=share&utm_medium=social&q=a%26b",
    title="Ça & \"ünïcödé\" ? #1 <b>naïve</b> 日本 + 100% = 'quoted'",
    lede="Line one & two; what? #tags — ok",
    image_url="https://news.example.org/media/images/caf%C3%A9.jpg?w=1200&h=630",
    tags=("C#", "R&D", "façade"),
)
# Pieces of the title that show whether a provider used it at all.
_TITLE_MARKERS = ("Ça", "ünïcödé", "naïve", "日本")
_UNSAFE = re.compile(r"[\s\"<>\\^`{|}\x00-\x1f\x7f]|[^\x00-\x7f]")


def _page_cache_forget() -> None:
    # Plugins change what pages show, and anonymous pages are cached whole.
    from masthead.page_cache import invalidate_all

    invalidate_all()


@contextmanager
def registered(plugin: object, name: str = "") -> Iterator[PluginInfo]:
    """Add ``plugin`` to the site's host for the block, then take it away again.

    Yields the plugin's :class:`~plugins.manager.PluginInfo` (status ``loaded``, or
    ``invalid`` with the error). ``name`` defaults to the module's or class's name.
    """
    host = get_host()
    name = name or getattr(plugin, "__name__", type(plugin).__name__)
    if any(info.name == name for info in host.plugins):
        # Removing it afterwards would take the installed plugin away too.
        raise ValueError(f"a plugin named {name!r} is already registered; pass another name=")
    info = host.add(name, plugin)
    _page_cache_forget()
    try:
        yield info
    finally:
        host.remove(name)
        _page_cache_forget()


@contextmanager
def errors_isolated() -> Iterator[None]:
    """Within the block, the site's host logs and skips failing plugins, as in production."""
    host = get_host()
    previous = host.raise_errors
    host.raise_errors = False
    try:
        yield
    finally:
        host.raise_errors = previous


def render_article(article, client=None) -> str:
    """The HTML of ``article``'s page as a reader gets it (through every middleware).

    ``client`` is a Django test client, signed in or not; by default an anonymous one.
    """
    from django.test import Client

    _page_cache_forget()
    client = client or Client()
    response = client.get(article.url)
    if response.status_code != 200:
        raise AssertionError(f"{article.url} answered {response.status_code}, not 200")
    return response.content.decode()


def assert_page_survives(plugin: object, article, name: str = "") -> str:
    """Prove that ``plugin``, however broken, cannot take ``article``'s page down.

    The plugin is registered with errors logged and skipped (production's setting);
    the page must still answer 200. Returns its HTML.
    """
    with errors_isolated(), registered(plugin, name=name):
        return render_article(article)


def check_share_provider(provider: ShareProvider, target: ShareTarget = HOSTILE_TARGET) -> str:
    """Check ``provider`` against the share contract; raise AssertionError saying what is wrong.

    Returns the URL it built for ``target``, for further assertions of your own.
    """
    who = f"Share provider {getattr(provider, 'key', provider)!r}"
    _check_fields(provider, who)
    url = provider.build_url(target)
    if not isinstance(url, str):
        raise AssertionError(f"{who}: build_url returned {type(url).__name__}, not a str")
    _check_address(url, who)
    if provider.kind == ShareKind.LINK:
        _check_values(url, target, who)
    return url


def _check_fields(provider: ShareProvider, who: str) -> None:
    if not isinstance(provider, ShareProvider):
        raise AssertionError(f"{who}: expected a plugins.types.ShareProvider")
    if not KEY.match(provider.key):
        raise AssertionError(f"{who}: the key must be 1-40 lowercase letters, digits, - or _")
    label = provider.label
    if not isinstance(label, str) or not label.strip() or "<" in label:
        raise AssertionError(f"{who}: the label must be plain text a screen reader can say")
    icon = provider.icon.strip()
    if not (icon.startswith("<svg") and icon.endswith("</svg>")):
        raise AssertionError(f"{who}: the icon must be one inline <svg>…</svg> element")
    lowered = icon.lower()
    if "<script" in lowered or "javascript:" in lowered or re.search(r"\son\w+\s*=", lowered):
        raise AssertionError(f"{who}: the icon must not carry script or event handlers")
    if provider.kind not in tuple(ShareKind):
        raise AssertionError(f"{who}: kind must be a plugins.types.ShareKind")


def _check_address(url: str, who: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("https", "mailto"):
        raise AssertionError(f"{who}: built {url!r}; only https: and mailto: addresses are allowed")
    if scheme == "https" and not urlsplit(url).netloc:
        raise AssertionError(f"{who}: built {url!r}, which has no host")
    unsafe = _UNSAFE.search(url)
    if unsafe:
        raise AssertionError(
            f"{who}: built {url!r}, which holds {unsafe.group()!r} unencoded; "
            "encode every value with urllib.parse.urlencode or quote"
        )


def _check_values(url: str, target: ShareTarget, who: str) -> None:
    parts = urlsplit(url)
    values = [value for _, value in parse_qsl(parts.query, keep_blank_values=True)]
    # Some endpoints take their values after a "#"; read those the same way.
    values += [value for _, value in parse_qsl(parts.fragment, keep_blank_values=True)]
    if not any(target.url in value for value in values):
        raise AssertionError(
            f"{who}: built {url!r}, whose values do not give back the article's address "
            f"{target.url!r} intact; encode every value"
        )
    uses_title = any(marker in value for value in values for marker in _TITLE_MARKERS)
    if uses_title and not any(target.title in value for value in values):
        raise AssertionError(
            f"{who}: built {url!r}, whose values do not give back the title "
            f"{target.title!r} intact; encode every value"
        )
