"""Masthead's own settings, read in one place: ``settings.MASTHEAD`` over these defaults.

Tests and deployments override single keys (``MASTHEAD = {"ARTICLES_PER_PAGE": 20}``);
every other key keeps its default here.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Articles per page in sections, author pages, tag pages and search results.
    "ARTICLES_PER_PAGE": 10,
    # Authors per page on the author index.
    "AUTHORS_PER_PAGE": 24,
    # Related articles under an article: editor's picks first, then shared tags.
    "RELATED_ARTICLES": 4,
    # Items in each RSS and Atom feed.
    "FEED_ITEMS": 20,
    # Reading speed behind "N min read".
    "WORDS_PER_MINUTE": 230,
    # How many comments one account, and one address, may post: comma-separated
    # rates such as "5/m,40/h" (per minute, hour, day or "10m"); "" for no limit.
    # Counted in the shared cache, so the limits hold across server processes, over
    # a sliding window: no 60 seconds ever admit more than "5/m" allows.
    "COMMENT_RATE_LIMIT_PER_USER": "5/m,40/h",
    "COMMENT_RATE_LIMIT_PER_ADDRESS": "10/m,100/h",
    # How many "confirm your comment" mails the site sends to one mailbox (however
    # its address is written), and on behalf of one client address, over hours and
    # days: the site must not be a tool for mailing strangers. Same rate format.
    "CONFIRMATION_MAIL_RATE_LIMIT_PER_RECIPIENT": "3/h,6/d",
    "CONFIRMATION_MAIL_RATE_LIMIT_PER_ADDRESS": "10/h,30/d",
    # Plugins (entry points in the "masthead" group) not to load, by entry-point
    # name; `manage.py plugins` lists the names.
    "DISABLED_PLUGINS": (),
    # Whether a plugin that raises or returns the wrong type raises (development,
    # tests) instead of being logged and skipped (production).
    "PLUGINS_RAISE_ERRORS": False,
    # How long one call of plugin code may take (a hook implementation, or a share
    # provider building its links), in milliseconds; a call that takes longer is
    # abandoned and the page renders without it. 0 waits for ever (for debugging).
    "PLUGIN_TIME_BUDGET_MS": 200,
    # A plugin that overruns its time budget this many times is switched off until
    # the server restarts.
    "PLUGIN_MAX_OVERRUNS": 3,
    # The sentiment analyzer that scores articles, by name; empty: the first one.
    "SENTIMENT_ANALYZER": "",
    # Whether everyone who may open the Wagtail admin must have a second factor (an
    # authenticator app or a security key) first; readers are never asked.
    "REQUIRE_ADMIN_MFA": True,
    # Seconds whole pages are kept for anonymous readers; 0 turns the cache off.
    "PAGE_CACHE_SECONDS": 600,
    # Paths never served from the page cache.
    "PAGE_CACHE_SKIP_PREFIXES": (
        "/admin/",
        "/django-admin/",
        "/accounts/",
        "/comments/",
        "/search/",
        "/documents/",
    ),
}


def masthead_setting(name: str) -> Any:
    """The value of one Masthead setting; an unknown name is a programming error."""
    if name not in DEFAULTS:
        raise KeyError(f"{name!r} is not a Masthead setting (see masthead/conf.py)")
    return getattr(settings, "MASTHEAD", {}).get(name, DEFAULTS[name])
