"""Old admin addresses of site settings whose model moved to another app keep working.

Wagtail's settings screens live at ``/admin/settings/<app>/<model>/[<site>/]``, so
moving a settings model to another app moves its screen. An editor's bookmark
of the old address is redirected to the new one rather than answering 404.
"""

from __future__ import annotations

from django.http import HttpResponsePermanentRedirect
from django.urls import path, reverse


def settings_moved(old_app: str, model: str, new_app: str) -> list:
    """Admin URL patterns sending ``settings/<old_app>/<model>/…`` to the ``new_app`` screen."""

    def redirect(request, site_pk: int | None = None):
        args = [new_app, model] if site_pk is None else [new_app, model, site_pk]
        target = reverse("wagtailsettings:edit", args=args)
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)

    prefix = f"settings/{old_app}/{model}/"
    return [
        path(prefix, redirect, name=f"{old_app}-{model}-moved"),
        path(f"{prefix}<int:site_pk>/", redirect, name=f"{old_app}-{model}-site-moved"),
    ]
