"""The Wagtail admin's own sign-in and password-reset addresses, sent to the one door.

Wagtail answers a POST at /admin/login/ by checking the password itself, without
allauth's rate limits, email verification or second factor. These views take those
addresses first and take no password: every method gets a redirect to allauth.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt


def _admin_home() -> str:
    return reverse("wagtailadmin_home")


@csrf_exempt  # it reads nothing from the request body, and refusing a POST would hide the door
def admin_sign_in(request: HttpRequest) -> HttpResponseRedirect:
    """Sign in through allauth, then go where the admin was asked for (else its dashboard)."""
    wanted = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        wanted = _admin_home()
    return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': wanted})}")


@csrf_exempt  # as above: nothing is read, nothing is sent
def admin_password_reset(request: HttpRequest, rest: str = "") -> HttpResponseRedirect:
    """Every Wagtail password-reset address leads to allauth's rate-limited reset."""
    return HttpResponseRedirect(reverse("account_reset_password"))
