"""A whole-page cache for anonymous readers, emptied by anything that changes what they see.

Anonymous requests for public pages are answered from the cache when possible.
Every entry's key carries a *generation* number; publishing, unpublishing,
moving or deleting a page, or editing the theme, a site or an image, bumps the
generation, so every cached page is ignored from that moment on. Signed-in
readers and editors (anyone with a session cookie) always get a fresh page.

With several app server processes, the cache must be shared (``REDIS_URL``) so
that a bump in one process reaches them all.
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from masthead.conf import masthead_setting

logger = logging.getLogger(__name__)

GENERATION_KEY = "masthead:page-cache:generation"
# Query parameters a cached listing may vary on; any other parameter skips the cache.
# Even these are cached only when the view vouches for their values (a page number
# that exists, a tag that exists), so made-up query strings cannot fill the cache.
CACHEABLE_PARAMETERS = {"page", "tag", "cpage", "corder"}
KEPT_HEADERS = ("Content-Type", "Content-Language", "Link", "Cache-Control", "X-Frame-Options")


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


def invalidate_all() -> None:
    """Make every cached page stale at once."""
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def _skip_prefixes() -> tuple[str, ...]:
    return tuple(masthead_setting("PAGE_CACHE_SKIP_PREFIXES"))


def is_cacheable_request(request: HttpRequest) -> bool:
    if request.method != "GET" or cache_seconds() <= 0:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
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
    address = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:40]
    return f"masthead:page:{generation()}:{digest}"


def _personal(request: HttpRequest) -> bool:
    """Whether the page carries something of this visitor's: a CSRF token or session data.

    The session and CSRF middleware add their cookies after this middleware has
    run, so the signs are read from the request, not the response.
    """
    session = getattr(request, "session", None)
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE")) or bool(
        session is not None and session.modified
    )


def _is_cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        _query_is_cacheable(request)
        and not _personal(request)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and not getattr(request, "is_preview", False)
        and "private" not in response.get("Cache-Control", "")
        and "Cookie" not in response.get("Vary", "")
    )


class AnonymousPageCacheMiddleware:
    """Serve anonymous GETs of public pages from the cache; store fresh ones."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            response = HttpResponse(stored["content"], status=200)
            for name, value in stored["headers"].items():
                response[name] = value
            response["X-Masthead-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if _is_cacheable_response(request, response):
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            cache.set(key, {"content": response.content, "headers": headers}, cache_seconds())
            response["X-Masthead-Cache"] = "miss"
        return response
