"""Requests refused before they reach a view, and the page for a database too busy to write."""

from __future__ import annotations

import logging

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

# TRACE echoes the request (cookies included) back; TRACK is IIS's TRACE; CONNECT
# asks a proxy for a tunnel. None of them means anything to this site.
REFUSED_METHODS = frozenset({"TRACE", "TRACK", "CONNECT"})
ALLOWED_METHODS = ("GET", "HEAD", "POST", "OPTIONS")
NUL = "\x00"
# Seconds a writer is asked to wait before trying again.
RETRY_AFTER_SECONDS = 10
# Never shown back, not even to the person who typed them.
CSRF_FIELD = "csrfmiddlewaretoken"
# Posted fields shown in a text box (the others go back as hidden inputs).
TEXT_FIELDS = frozenset({"comment"})


def _plain(text: str, status: int) -> HttpResponse:
    return HttpResponse(text + "\n", status=status, content_type="text/plain; charset=utf-8")


def _has_nul(request: HttpRequest) -> bool:
    if NUL in request.path or NUL in request.path_info:
        return True
    if any(NUL in key or NUL in value for key, value in request.COOKIES.items()):
        # A quoted cookie may spell one as "\000"; the session key goes to a query.
        return True
    return any(
        NUL in key or any(NUL in value for value in values) for key, values in request.GET.lists()
    )


class RefuseMalformedRequestsMiddleware:
    """405 for TRACE, TRACK and CONNECT; 400 for a NUL character in the path, the query
    string or a cookie, which PostgreSQL cannot store or compare (it raised a 500)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in REFUSED_METHODS:
            response = _plain(f"The {request.method} method is not allowed here.", 405)
            response["Allow"] = ", ".join(ALLOWED_METHODS)
            return response
        if _has_nul(request):
            return _plain("Bad request: the address or a cookie contains a NUL character.", 400)
        return self.get_response(request)


def is_database_locked(exception: BaseException) -> bool:
    """Whether ``exception`` is SQLite giving up on its write lock (the busy timeout)."""
    return isinstance(exception, OperationalError) and "is locked" in str(exception)


def _posted_fields(
    request: HttpRequest,
) -> tuple[list[tuple[str, str]], list[tuple[str, str]], bool]:
    """The posted fields to show again: (text boxes, hidden inputs, whether a password
    was left out)."""
    texts: list[tuple[str, str]] = []
    hidden: list[tuple[str, str]] = []
    left_out = False
    for name, values in request.POST.lists():
        if "password" in name.lower():
            left_out = True
            continue
        if name == CSRF_FIELD:
            continue
        for value in values:
            shown = name in TEXT_FIELDS or "\n" in value
            (texts if shown else hidden).append((name, value))
    return texts, hidden, left_out


class DatabaseBusyMiddleware:
    """A write that could not get SQLite's lock within the busy timeout: a 503 page
    with ``Retry-After`` that shows the posted text again, ready to send once more."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not is_database_locked(exception):
            return None
        logger.warning(
            "database busy: %s %s answered 503 (%s)", request.method, request.path, exception
        )
        texts, hidden, left_out = (
            _posted_fields(request) if request.method == "POST" else ([], [], False)
        )
        # Rendered without the context processors: the site chrome reads settings
        # that may need a write, and the database is what is busy.
        html = get_template("503.html").render(
            {
                "csrf_token": get_token(request),
                "action": request.get_full_path(),
                "texts": texts,
                "hidden": hidden,
                "passwords_left_out": left_out,
                "resubmit": request.method == "POST",
                "retry_after": RETRY_AFTER_SECONDS,
            }
        )
        response = HttpResponse(html, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response
