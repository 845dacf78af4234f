"""A whole-page cache for anonymous readers, emptied by anything that changes what they see.

Anonymous requests for public pages are answered from the cache when possible.
Every entry's key carries a *generation* number; publishing, unpublishing,
moving or deleting a page, changing who may view a page, or editing the theme,
a site or an image, bumps the generation, so every cached page is ignored from
that moment on. Signed-in readers and editors (anyone with a session cookie)
always get a fresh page.

An entry is keyed on the scheme, host, path and query of the request, and is
never shared when its page depends on anything else about the visitor: a
response that read a cookie the visitor sent, showed (or queued) a flash
message, or varies on a request header is not stored, and a visitor carrying
the messages cookie is never served from the cache.

With several app server processes, the cache must be shared (``REDIS_URL``) so
that a bump in one process reaches them all.
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from masthead.conf import masthead_setting
from masthead.headers import nonce_was_used

logger = logging.getLogger(__name__)

GENERATION_KEY = "masthead:page-cache:generation"
# Query parameters a cached listing may vary on; any other parameter skips the cache.
# Even these are cached only when the view vouches for their values (a page number
# that exists, a tag that exists), so made-up query strings cannot fill the cache.
CACHEABLE_PARAMETERS = {"page", "tag", "cpage", "corder"}
KEPT_HEADERS = ("Content-Type", "Content-Language", "Link", "Cache-Control", "X-Frame-Options")
# The only request header a stored page may vary on: entries hold the uncompressed body.
SHAREABLE_VARY = {"accept-encoding"}


def cache_seconds() -> int:
    return int(masthead_setting("PAGE_CACHE_SECONDS"))


def generation() -> int:
    """The current generation; a fresh one is started when the cache has none."""
    current = cache.get(GENERATION_KEY)
    if current is None:
        current = time.time_ns()
        cache.add(GENERATION_KEY, current, timeout=None)
        current = cache.get(GENERATION_KEY, current)
    return current


def _bump() -> None:
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def invalidate_all() -> None:
    """Make every cached page stale at once, and again when the change is committed.

    A page rendered by another process between the first bump and the commit
    still saw the old rows; it was stored under the first generation, which the
    second bump retires.
    """
    _bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump)


def _skip_prefixes() -> tuple[str, ...]:
    return tuple(masthead_setting("PAGE_CACHE_SKIP_PREFIXES"))


def is_cacheable_request(request: HttpRequest) -> bool:
    if request.method != "GET" or cache_seconds() <= 0:
        return False
    # A session may hold a signed-in reader; the messages cookie holds a flash
    # message ("You have signed out.") meant for this visitor only.
    if {settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name} & request.COOKIES.keys():
        return False
    if request.path.startswith(_skip_prefixes()):
        return False
    return set(request.GET) <= CACHEABLE_PARAMETERS


def vouch_for_query(request: HttpRequest) -> None:
    """A view says: this query string names a real variant of the page, worth caching."""
    request.masthead_query_vouched = True


def refuse_query(request: HttpRequest) -> None:
    """A view says: this query string is not a real variant (bad page number, unknown tag)."""
    request.masthead_query_refused = True


def _query_is_cacheable(request: HttpRequest) -> bool:
    if not request.GET:
        return True
    return getattr(request, "masthead_query_vouched", False) and not getattr(
        request, "masthead_query_refused", False
    )


def _key(request: HttpRequest) -> str:
    # The scheme too: pages carry absolute URLs (og:image, share links) built from it.
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:40]
    return f"masthead:page:{generation()}:{digest}"


def _personal(request: HttpRequest) -> bool:
    """Whether the page carries something of this visitor's: a CSRF token, session data,
    or a script nonce (a cached copy would carry a nonce no later header names).

    The session and CSRF middleware add their cookies after this middleware has
    run, so the signs are read from the request, not the response.
    """
    session = getattr(request, "session", None)
    return (
        bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
        or bool(session is not None and session.modified)
        or nonce_was_used(request)
    )


class WatchedCookies(dict):
    """``request.COOKIES`` that remembers which cookies the view asked for."""

    def __init__(self, cookies: dict[str, str]) -> None:
        super().__init__(cookies)
        self.asked: set[str] = set()
        self.listed = False

    def __getitem__(self, name):
        self.asked.add(name)
        return super().__getitem__(name)

    def __contains__(self, name) -> bool:
        self.asked.add(name)
        return super().__contains__(name)

    def get(self, name, default=None):
        self.asked.add(name)
        return super().get(name, default)

    def setdefault(self, name, default=None):
        self.asked.add(name)
        return super().setdefault(name, default)

    def pop(self, name, *default):
        self.asked.add(name)
        return super().pop(name, *default)

    def _list(self):
        self.listed = True

    def __iter__(self):
        self._list()
        return super().__iter__()

    def __len__(self) -> int:
        self._list()
        return super().__len__()

    def keys(self):
        self._list()
        return super().keys()

    def values(self):
        self._list()
        return super().values()

    def items(self):
        self._list()
        return super().items()

    def copy(self):
        self._list()
        return dict(super().items())

    def read_any_sent(self) -> bool:
        """Whether the view read a cookie this visitor actually sent (or listed them all)."""
        sent = dict.keys(self)
        return bool(sent) if self.listed else bool(self.asked & sent)

    def asked_but_not_sent(self) -> list[str]:
        """Cookies the view looked for and did not find: the page holds for those without."""
        return sorted(self.asked - dict.keys(self))


def _watch_cookies(request: HttpRequest) -> WatchedCookies:
    """Watch the cookie reads the view makes; middleware before this one read theirs already."""
    watched = WatchedCookies(request.COOKIES)
    request.COOKIES = watched
    return watched


def _showed_messages(request: HttpRequest) -> bool:
    """Whether the view read or queued a flash message."""
    storage = get_messages(request)
    return bool(getattr(storage, "used", False) or getattr(storage, "added_new", False))


def _varies_only_on_the_key(response: HttpResponse) -> bool:
    vary = {name.strip().lower() for name in response.get("Vary", "").split(",") if name.strip()}
    return vary <= SHAREABLE_VARY


def _is_cacheable_response(
    request: HttpRequest, response: HttpResponse, cookies: WatchedCookies
) -> bool:
    return (
        _query_is_cacheable(request)
        and not _personal(request)
        and not cookies.read_any_sent()
        and not _showed_messages(request)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and not getattr(request, "is_preview", False)
        and "private" not in response.get("Cache-Control", "")
        and _varies_only_on_the_key(response)
    )


def _fits(stored: dict, request: HttpRequest) -> bool:
    """Whether a stored page holds for this visitor: it sends no cookie the page looked for."""
    return not set(stored.get("cookies_absent", ())) & request.COOKIES.keys()


class AnonymousPageCacheMiddleware:
    """Serve anonymous GETs of public pages from the cache; store fresh ones."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None and _fits(stored, request):
            response = HttpResponse(stored["content"], status=200)
            for name, value in stored["headers"].items():
                response[name] = value
            response["X-Masthead-Cache"] = "hit"
            return response
        sent = request.COOKIES
        cookies = _watch_cookies(request)
        try:
            response = self.get_response(request)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
        finally:
            request.COOKIES = sent
        if _is_cacheable_response(request, response, cookies):
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            entry = {
                "content": response.content,
                "headers": headers,
                "cookies_absent": cookies.asked_but_not_sent(),
            }
            cache.set(key, entry, cache_seconds())
            response["X-Masthead-Cache"] = "miss"
        return response
