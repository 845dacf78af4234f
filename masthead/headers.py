"""Security headers on every response: the Content-Security-Policy and the Permissions-Policy.

The policies themselves are settings (``CONTENT_SECURITY_POLICY`` for django-csp,
``PERMISSIONS_POLICY`` here); this module adds what a static setting cannot say:
which responses may be framed by the site itself, the origins the site's own
static and media files are served from, and nonces for the Wagtail admin's own
inline scripts (see ``masthead.admin_scripts``).
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

from csp.constants import HEADER, SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

from masthead.admin_scripts import stamp_admin_scripts

logger = logging.getLogger(__name__)

PERMISSIONS_POLICY_HEADER = "Permissions-Policy"
# Directives that load files: where the site's own assets may come from.
ASSET_DIRECTIVES = ("script-src", "style-src", "img-src", "font-src", "media-src")
FRAME_ANCESTORS = re.compile(r"frame-ancestors [^;]*")


def own_asset_origins() -> list[str]:
    """The origins of STATIC_URL and MEDIA_URL when they point at a CDN or object storage."""
    origins = []
    for url in (settings.STATIC_URL, settings.MEDIA_URL):
        parts = urlsplit(url or "")
        if parts.scheme in {"http", "https"} and parts.netloc:
            origins.append(f"{parts.scheme}://{parts.netloc}")
    return list(dict.fromkeys(origins))


def nonce_was_used(request: HttpRequest) -> bool:
    """Whether this response's HTML may carry the request's nonce (one visitor's, never shared).

    True once anything read ``request.csp_nonce``; a shared cache must not keep such a page.
    """
    return bool(getattr(request, "csp_nonce", None))


def _may_be_framed_by_the_site(response: HttpResponseBase) -> bool:
    return response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with frame-ancestors and asset origins decided per response.

    It must sit outside the page cache and X-Frame-Options middleware: a page served
    from the cache then gets a fresh header (its HTML carries no nonce), and the
    frame decision sees the response's final X-Frame-Options.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        stamp_admin_scripts(request, response)
        if _may_be_framed_by_the_site(response) and HEADER in response:
            # Wagtail renders a preview by running a second request through the whole
            # middleware stack, whose policy forbade framing; the preview view then
            # allowed it (SAMEORIGIN), so the policy must follow.
            response[HEADER] = FRAME_ANCESTORS.sub("frame-ancestors 'self'", response[HEADER])
        return super().process_response(request, response)

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        # Wagtail's preview is the only view that asks to be framed (SAMEORIGIN), and
        # only by the admin's own editor; everything else may not be framed at all.
        if _may_be_framed_by_the_site(response):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        origins = own_asset_origins()
        if origins:
            parts.update = {
                **(parts.update or {}),
                **{directive: origins for directive in ASSET_DIRECTIVES},
            }
        return parts


def permissions_policy(features: dict[str, list[str]]) -> str:
    """The header value: ``camera=(), web-share=(self)``; "self" and origins are allowlists."""
    items = []
    for feature, allowed in features.items():
        members = " ".join(value if value == "self" else f'"{value}"' for value in allowed)
        items.append(f"{feature}=({members})")
    return ", ".join(items)


class PermissionsPolicyMiddleware:
    """Send ``settings.PERMISSIONS_POLICY`` on every response that does not set its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        header = permissions_policy(getattr(settings, "PERMISSIONS_POLICY", {}))
        if header and PERMISSIONS_POLICY_HEADER not in response:
            response[PERMISSIONS_POLICY_HEADER] = header
        return response
