"""Wagtail's own sign-in and password-reset addresses (the admin's, and the one for
private pages), sent to the one door.

Wagtail answers a POST at /admin/login/ by checking the password itself, without
allauth's rate limits, email verification or second factor. These views take those
addresses first and take no password: every method gets a redirect to allauth.
"""

from __future__ import annotations

from urllib.parse import urlencode

from allauth.core import ratelimit
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from wagtail.views import authenticate_with_password


def _admin_home() -> str:
    return reverse("wagtailadmin_home")


def _to_the_door(request: HttpRequest, fallback: str) -> HttpResponseRedirect:
    wanted = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        wanted = fallback
    return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': wanted})}")


@csrf_exempt  # it reads nothing from the request body, and refusing a POST would hide the door
def admin_sign_in(request: HttpRequest) -> HttpResponseRedirect:
    """Sign in through allauth, then go where the admin was asked for (else its dashboard)."""
    return _to_the_door(request, _admin_home())


@csrf_exempt  # as above
def page_sign_in(request: HttpRequest) -> HttpResponseRedirect:
    """Wagtail's own sign-in for pages private to signed-in readers (``/_util/login/``),
    which checks passwords itself: sent to the door, then back to the page."""
    return _to_the_door(request, "/")


@csrf_exempt  # as above: nothing is read, nothing is sent
def admin_password_reset(request: HttpRequest, rest: str = "") -> HttpResponseRedirect:
    """Every Wagtail password-reset address leads to allauth's rate-limited reset."""
    return HttpResponseRedirect(reverse("account_reset_password"))


def page_password(request: HttpRequest, page_view_restriction_id: int, page_id: int):
    """Wagtail's form for a password-protected page, with a limit on guesses (per
    address, and per page for everyone) counted in the shared cache like sign-in's."""
    refused = ratelimit.consume_or_429(
        request, action="page_password", key=str(page_view_restriction_id)
    )
    return refused or authenticate_with_password(request, page_view_restriction_id, page_id)
