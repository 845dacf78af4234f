"""Work a view defers until its response has gone out, so the time taken says nothing."""

from __future__ import annotations

import logging
from collections.abc import Callable

from allauth.core import context as allauth_context
from django.http import HttpRequest

logger = logging.getLogger(__name__)

PENDING = "_masthead_after_response"


def defer(request: HttpRequest, work: Callable[[], None]) -> None:
    """Run ``work`` once the response to ``request`` is sent (at once without the middleware)."""
    pending = getattr(request, PENDING, None)
    if pending is None:
        logger.warning("AfterResponseMiddleware is not installed: running deferred work now")
        work()
        return
    pending.append(work)


class AfterResponseMiddleware:
    """Hands deferred work to the response, which runs it when the server closes it.

    A WSGI or ASGI server closes the response only after its last byte is sent, so a
    reader of the response cannot time the work (a password-reset mail, say).
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        setattr(request, PENDING, [])
        response = self.get_response(request)
        for work in getattr(request, PENDING):
            # Django offers no public hook for "after the response is sent"; its own
            # FileResponse closes files through this list.
            response._resource_closers.append(_in_request_context(request, work))
        setattr(request, PENDING, [])
        return response


def _in_request_context(request: HttpRequest, work: Callable[[], None]) -> Callable[[], None]:
    """``work`` with allauth's request context back in place, its mail errors logged.

    Django swallows whatever a closer raises, so a failure must be logged here.
    """

    def run() -> None:
        with allauth_context.request_context(request):
            try:
                work()
            except OSError:  # smtplib's errors and socket errors alike
                logger.exception("deferred work after %s failed", request.path)

    return run
