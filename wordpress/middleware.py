"""WordPress's query-string addresses (``/?p=12``, ``/?page_id=7``) reach their new pages.

Wagtail's redirects answer only addresses that would otherwise be "not found",
but ``/?p=12`` is the home page with a query string: it is found. So a request
for the site's root that carries one of WordPress's own keys is looked up among
the redirects first. Any other request passes straight through, without a query.
"""

from __future__ import annotations

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

WORDPRESS_KEYS = ("p", "page_id", "attachment_id", "cat", "tag", "author")


class OldQueryAddressMiddleware:
    """Redirect ``/?p=ID`` and its kin when an import recorded where they went."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path == "/"
            and request.method in ("GET", "HEAD")
            and any(key in request.GET for key in WORDPRESS_KEYS)
        ):
            response = self._redirect(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _redirect(self, request):
        site = Site.find_for_request(request)
        if site is None:
            return None
        path = Redirect.normalise_path(request.get_full_path())
        redirect = Redirect.get_for_site(site).filter(old_path=path).first()
        if redirect is None or not redirect.link:
            return None
        answer = HttpResponsePermanentRedirect if redirect.is_permanent else HttpResponseRedirect
        return answer(redirect.link)
