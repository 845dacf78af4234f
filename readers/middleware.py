"""Staff reach the Wagtail admin only with a second factor, when REQUIRE_ADMIN_MFA is on."""

from __future__ import annotations

import logging

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from masthead.conf import masthead_setting

logger = logging.getLogger(__name__)

# A recovery code alone is no factor: it exists only beside an app or a key.
SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
MESSAGE = (
    "The admin asks for a second factor. Set up an authenticator app or a security "
    "key (a passkey) for your account, then go back to the admin."
)


def has_admin_access(user) -> bool:
    """Whether ``user`` may open the Wagtail admin (staff, superusers, access_admin)."""
    return user.is_authenticated and (
        user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")
    )


class AdminSecondFactorMiddleware:
    """Sends anyone with admin access but no second factor to set one up first.

    Readers are never asked: the check runs only on the admin's own addresses.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_set_up_a_second_factor(request):
            logger.info("sent %s to set up a second factor", request.user.get_username())
            messages.warning(request, MESSAGE, fail_silently=True)
            return HttpResponseRedirect(reverse("mfa_index"))
        return self.get_response(request)

    def _must_set_up_a_second_factor(self, request: HttpRequest) -> bool:
        if not masthead_setting("REQUIRE_ADMIN_MFA"):
            return False
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return False
        if request.path == reverse("wagtailadmin_logout"):
            return False  # signing out needs no second factor
        user = request.user
        return has_admin_access(user) and not is_mfa_enabled(user, SECOND_FACTORS)
