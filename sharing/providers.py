"""Masthead's own share buttons: plain links to each network's documented share address.

Nothing is loaded from the networks and nothing is routed through a redirect
service: a reader's browser only talks to a network when the reader clicks.
Google+ closed in April 2019 and is not offered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from urllib.parse import quote, urlencode

from plugins import hookimpl
from plugins.types import ShareKind, ShareProvider, ShareTarget


def share_url(endpoint: str, params: Mapping[str, str]) -> str:
    """``endpoint`` with ``params`` percent-encoded as its query; empty values are left out."""
    # quote (not quote_plus) writes spaces as %20, which every network and mail
    # client reads the same way; safe="" encodes "/", ":", "&", "#" and "?" too.
    query = urlencode({name: value for name, value in params.items() if value}, quote_via=quote)
    return f"{endpoint}?{query}" if query else endpoint


def _post(target: ShareTarget, separator: str = "\n\n") -> str:
    """A post's text for networks that take one text field: the title, then the address."""
    return f"{target.title}{separator}{target.url}" if target.title else target.url


def _icon(path: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="20" height="20" '
        'aria-hidden="true" focusable="false" fill="currentColor">'
        f'<path fill-rule="evenodd" d="{path}"/></svg>'
    )


def on_fediverse_server(target: ShareTarget) -> str:
    """Mastodon's share address on the site's server (Settings → Sharing).

    Mastodon has no central share address, and sending readers through a
    third-party picker would route every share through someone else's server.
    """
    return share_url(f"https://{target.fediverse_server}/share", {"text": _post(target)})


ICONS = {
    "facebook": _icon("M14 8h3V4h-3a4 4 0 0 0-4 4v2H7v4h3v8h4v-8h3l1-4h-4V8.5a.5.5 0 0 1 .5-.5z"),
    "x": _icon(
        "M3.5 3h5l4.1 5.6L17.4 3h2.8l-6.3 7.4L20.5 21h-5l-4.4-6.1L5.8 21H3l6.9-7.9zm3.6 "
        "1.6 9.2 14.8h1.4L8.6 4.6z"
    ),
    "linkedin": _icon(
        "M4 9h3.5v11H4zm1.75-5.5a2 2 0 1 1 0 4 2 2 0 0 1 0-4zM10 9h3.4v1.6c.5-.9 1.7-1.9 "
        "3.6-1.9 3.5 0 4 2.2 4 5.2V20h-3.5v-5.3c0-1.3 0-2.9-1.8-2.9s-2.1 1.4-2.1 2.8V20H10z"
    ),
    "pinterest": _icon(
        "M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zM9 6.5V19h2.2v-4.5h2.3a4 4 0 0 0 0-8zm2.2 "
        "2h2.1a2 2 0 0 1 0 4h-2.1z"
    ),
    "reddit": _icon(
        "M12 8c4.4 0 8 2.4 8 5.5S16.4 19 12 19s-8-2.4-8-5.5S7.6 8 12 8zM9 12a1.2 1.2 0 1 0 0 "
        "2.4A1.2 1.2 0 0 0 9 12zm6 0a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4zm-6 3.6.6-.8c1.5 "
        "1 3.3 1 4.8 0l.6.8c-1.8 1.3-4.2 1.3-6 0zM12.6 8.1 13.8 3l4.4 1-.3 1.4-3-.7-.9 3.5zM19 "
        "3a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3z"
    ),
    "tumblr": _icon(
        "M10 3h3v4h4v3h-4v5.5c0 1 .5 1.5 1.5 1.5H17v3h-3c-2.5 0-4-1.5-4-4V10H7.5V7.5C9 7 10 "
        "5.5 10 3z"
    ),
    "vk": _icon(
        "M1 7h2.6l2.9 7.8L9.4 7H12l-4.3 11H5.3zm12 0h2.4v4.6L19.4 7h2.9l-4.3 4.9L23 18h-3l-3.3"
        "-4.5-1.3 1.4V18H13z"
    ),
    "email": _icon("M2 5h20v14H2zm2 2.6V17h16V7.6L12 13z"),
    "mastodon": _icon(
        "M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2h-9l-4 3.5V17H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 "
        "5v6h2v-4h2v4h2v-4h2v4h2V8z"
    ),
    "bluesky": _icon(
        "M12 11c-1.5-3-5-6.5-7.5-6.5C3 4.5 3 6 3 7s.5 4.5 2.5 5.3c2 .7 4 .2 4 .2s-3.5 1-3.5 "
        "3.2C6 18 8 19.5 9.5 19s2.5-3.5 2.5-5c0 1.5 1 4.5 2.5 5s3.5-1 3.5-3.3c0-2.2-3.5-3.2-"
        "3.5-3.2s2 .5 4-.2C20.5 11.5 21 8 21 7s0-2.5-1.5-2.5C17 4.5 13.5 8 12 11z"
    ),
    "threads": _icon(
        "M12 2a10 10 0 1 0 5.5 18.4l-1.1-1.7A8 8 0 1 1 20 12v1a2 2 0 0 1-4 0V8h-2v.6A4 4 0 1 0 "
        "16.6 15 4 4 0 0 0 22 13v-1A10 10 0 0 0 12 2zm0 8a2 2 0 1 1 0 4 2 2 0 0 1 0-4z"
    ),
    "whatsapp": _icon(
        "M12 2a10 10 0 1 1-4.9 18.7L2 22l1.3-4.9A10 10 0 0 1 12 2zM8.5 7C6.7 7 5.5 8.1 5.5 "
        "9.5 5.5 14 10 18.5 14.5 18.5c1.4 0 2.5-1.2 2.5-2.5 0-.4 0-.7-.5-.9l-2.1-.9a.8.8 0 0 "
        "0-.8.2l-.8.7a9.6 9.6 0 0 1-3.9-3.9l.7-.8c.2-.2.3-.5.2-.8l-.9-2.1C8.7 7 8.9 7 8.5 7z"
    ),
    "telegram": _icon("M22 3 2 10.8l6 2.2 2 6.5 3.2-3.6 5.3 3.9zM9.4 12.7l7.4-4.9-5.9 6-.4 3z"),
    "hacker-news": _icon("M3 3h18v18H3zm5 4 3 5.5V17h2v-4.5L16 7h-2.2L12 10.6 10.2 7z"),
    "copy": _icon(
        "M8 3h11a2 2 0 0 1 2 2v11h-2V5H8zM3 8a2 2 0 0 1 2-2h10a2 2 0 0 1 2 2v11a2 2 0 0 1-2 "
        "2H5a2 2 0 0 1-2-2zm2 0v11h10V8z"
    ),
    "native": _icon(
        "M12 2l4.5 4.5h-3.5V15h-2V6.5H7.5zM5 10h4v2H6v8h12v-8h-3v-2h4a1 1 0 0 1 1 1v10a1 1 0 "
        "0 1-1 1H5a1 1 0 0 1-1-1V11a1 1 0 0 1 1-1z"
    ),
}


# The reference page's networks (less Google+), then copying and the device's share
# sheet: the row a site shows until its editors choose in Settings → Sharing.
SHOWN_BY_DEFAULT = frozenset(
    {"facebook", "x", "linkedin", "pinterest", "reddit", "tumblr", "vk", "email", "copy", "native"}
)


def _provider(
    key: str, label: str, build_url: Callable[[ShareTarget], str], kind: ShareKind = ShareKind.LINK
) -> ShareProvider:
    return ShareProvider(
        key=key,
        label=label,
        icon=ICONS[key],
        build_url=build_url,
        kind=kind,
        shown_by_default=key in SHOWN_BY_DEFAULT,
    )


# Each network's documented share address and parameters.
PROVIDERS: tuple[ShareProvider, ...] = (
    _provider(
        "facebook",
        "Share on Facebook",
        lambda t: share_url("https://www.facebook.com/sharer/sharer.php", {"u": t.url}),
    ),
    _provider(
        "x",
        "Share on X",
        lambda t: share_url("https://x.com/intent/tweet", {"text": t.title, "url": t.url}),
    ),
    _provider(
        "linkedin",
        "Share on LinkedIn",
        lambda t: share_url("https://www.linkedin.com/sharing/share-offsite/", {"url": t.url}),
    ),
    _provider(
        "pinterest",
        "Share on Pinterest",
        lambda t: share_url(
            "https://www.pinterest.com/pin/create/button/",
            {"url": t.url, "media": t.image_url, "description": t.title},
        ),
    ),
    _provider(
        "reddit",
        "Share on Reddit",
        lambda t: share_url("https://www.reddit.com/submit", {"url": t.url, "title": t.title}),
    ),
    _provider(
        "tumblr",
        "Share on Tumblr",
        lambda t: share_url(
            "https://www.tumblr.com/widgets/share/tool",
            {
                "posttype": "link",
                "canonicalUrl": t.url,
                "title": t.title,
                "caption": t.lede,
                "tags": ",".join(t.tags),
            },
        ),
    ),
    _provider(
        "vk",
        "Share on VK",
        lambda t: share_url(
            "https://vk.com/share.php", {"url": t.url, "title": t.title, "image": t.image_url}
        ),
    ),
    _provider(
        "email",
        "Share by email",
        # RFC 6068: line breaks in a mailto body are CRLF.
        lambda t: share_url("mailto:", {"subject": t.title, "body": _post(t, "\r\n\r\n")}),
    ),
    _provider("mastodon", "Share on Mastodon", on_fediverse_server),
    _provider(
        "bluesky",
        "Share on Bluesky",
        lambda t: share_url("https://bsky.app/intent/compose", {"text": _post(t)}),
    ),
    _provider(
        "threads",
        "Share on Threads",
        lambda t: share_url("https://www.threads.com/intent/post", {"text": t.title, "url": t.url}),
    ),
    _provider(
        "whatsapp",
        "Share on WhatsApp",
        lambda t: share_url("https://wa.me/", {"text": _post(t, " ")}),
    ),
    _provider(
        "telegram",
        "Share on Telegram",
        lambda t: share_url("https://t.me/share/url", {"url": t.url, "text": t.title}),
    ),
    _provider(
        "hacker-news",
        "Share on Hacker News",
        lambda t: share_url("https://news.ycombinator.com/submitlink", {"u": t.url, "t": t.title}),
    ),
    # Without JavaScript, a plain link to the article; the script copies it instead.
    _provider("copy", "Copy link", lambda t: t.url, ShareKind.COPY),
    _provider("native", "Share…", lambda t: t.url, ShareKind.NATIVE),
)


@hookimpl
def register_share_providers() -> list[ShareProvider]:
    """Masthead's first-party share buttons."""
    return list(PROVIDERS)
