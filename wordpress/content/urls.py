"""Which addresses a body may keep, and which ones name something to embed."""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import SplitResult, quote, urlsplit

from wagtail.embeds.oembed_providers import all_providers

# The schemes wagtail-markdown lets through in a link (its nh3 ``url_schemes``): an
# imported link keeps no address an editor could not write.
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel", "page", "doc", "image"})
WEB_SCHEMES = frozenset({"http", "https"})
# Browsers ignore ASCII whitespace and control characters inside a scheme
# ("java\tscript:"), so they are ignored when reading one.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
# What a markdown link destination keeps as written ("%" too, so escapes stay single);
# the rest (spaces, parentheses, angle brackets, quotes, backslashes) is percent-encoded,
# so nothing in an address can end the link early.
_SAFE_IN_DESTINATION = "!#$%&'*+,/:;=?@[]~-._"
# Players WordPress posts frame by hand, and the page each one plays.
_PLAYERS = (
    (
        re.compile(r"^https?://(?:www\.)?youtube(?:-nocookie)?\.com/embed/([\w-]+)"),
        "https://www.youtube.com/watch?v={}",
    ),
    (re.compile(r"^https?://player\.vimeo\.com/video/(\d+)"), "https://vimeo.com/{}"),
)
_BARE_URL = re.compile(r"https?://[^\s<>\"]+")
# An address alone on its line, the line's spaces around it included.
ADDRESS_LINE = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.MULTILINE)


def split(url: str) -> SplitResult:
    """``url``'s parts; an address Python cannot read (``http://[oops/``) has none, so it is
    no site's and names no file (it stays as written)."""
    try:
        return urlsplit(url)
    except ValueError:
        return SplitResult("", "", "", "", "")


def scheme(url: str) -> str:
    """The scheme of ``url`` as a browser reads it, lower case; empty when relative."""
    cleaned = _IGNORED_IN_SCHEME.sub("", url)
    head, colon, _ = cleaned.partition(":")
    if not colon or any(mark in head for mark in "/?#"):
        return ""
    return head.lower()


def is_link_address(url: str) -> bool:
    """Whether a link may point at ``url``: a relative address or an allowed scheme."""
    found = scheme(url)
    return not found or found in LINK_SCHEMES


def is_web_address(url: str) -> bool:
    """Whether ``url`` is an absolute http(s) address, the only kind an embed may have."""
    url = url.strip()
    if not url or any(character.isspace() for character in url):
        return False
    return scheme(url) in WEB_SCHEMES and bool(split(url).netloc)


def is_image_address(url: str) -> bool:
    """Whether a picture may come from ``url``: http(s) or a relative address."""
    found = scheme(url)
    return bool(url.strip()) and (not found or found in WEB_SCHEMES)


def is_bare_url(text: str) -> bool:
    """Whether ``text`` is one http(s) address and nothing else."""
    return _BARE_URL.fullmatch(text.strip()) is not None


def link_destination(url: str) -> str:
    """``url`` written so that it cannot end a markdown link early."""
    return quote(url.strip(), safe=_SAFE_IN_DESTINATION)


def played_page(src: str) -> str:
    """The page a framed player plays (YouTube, Vimeo); other frames' own address."""
    for pattern, page in _PLAYERS:
        match = pattern.match(src)
        if match:
            return page.format(match.group(1))
    return src


@cache
def _provider_patterns() -> tuple[re.Pattern[str], ...]:
    # Wagtail's list of oEmbed providers, the one its embed finder asks: an address
    # embeds when a provider answers for it. Compiled on first use, not at import.
    return tuple(re.compile(url) for provider in all_providers for url in provider["urls"])


def is_embeddable(url: str) -> bool:
    """Whether a known oEmbed provider answers for ``url`` (YouTube, Vimeo, X, …)."""
    return any(pattern.match(url) for pattern in _provider_patterns())
