"""WordPress's query-string addresses (``/?p=12``, ``/?page_id=7``) reach their new pages,
and every size of an uploaded picture reaches the imported image.

Wagtail's redirects answer only addresses that would otherwise be "not found",
but ``/?p=12`` is the home page with a query string: it is found. So a request
for the site's root that carries one of WordPress's own keys is looked up among
the redirects first. A request under ``/wp-content/uploads/`` is looked up as
the file it names and as the original of a resized copy (``photo-300x200.jpg``
→ ``photo.jpg``), for which the import wrote one redirect. Any other request
passes straight through, without a query.
"""

from __future__ import annotations

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from .importer.links import WORDPRESS_KEYS, old_paths
from .importer.uploads import UPLOADS, original_keys, upload_key


class OldQueryAddressMiddleware:
    """Redirect ``/?p=ID`` and its kin when an import recorded where they went."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            wanted = []
            if request.path == "/" and any(key in request.GET for key in WORDPRESS_KEYS):
                # Its own keys only: "/?p=12&utm_source=news" is "/?p=12".
                wanted = old_paths("/", request.META.get("QUERY_STRING", ""))
            elif request.path.startswith(UPLOADS):
                key = upload_key(request.path)
                wanted = [UPLOADS + candidate for candidate in original_keys(key)] if key else []
            response = self._redirect(request, wanted) if wanted else None
            if response is not None:
                return response
        return self.get_response(request)

    def _redirect(self, request, wanted: list[str]):
        site = Site.find_for_request(request)
        if site is None:
            return None
        found = {
            redirect.old_path: redirect
            for redirect in Redirect.get_for_site(site).filter(old_path__in=wanted)
        }
        redirect = next((found[path] for path in wanted if path in found), None)
        if redirect is None or not redirect.link:
            return None
        answer = HttpResponsePermanentRedirect if redirect.is_permanent else HttpResponseRedirect
        return answer(redirect.link)
