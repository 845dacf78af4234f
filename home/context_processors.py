"""What every public page's header and footer need, fetched only when a template uses it."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, PageViewRestriction, Site

from masthead.site_name import site_name_for_request


def _site(request):
    return Site.find_for_request(request)


def theme_for_request(request):
    """The theme of the request's site, cached on the request; defaults when no site matches."""
    from .models import ThemeSettings

    if _site(request) is None:
        return ThemeSettings()
    return ThemeSettings.for_request(request)


def theme_site_name(site: Site, request=None) -> str:
    """The name Settings → Theme gives ``site`` ("" when none): masthead.site_name's source."""
    from .models import ThemeSettings

    if request is not None:
        return ThemeSettings.for_request(request).site_name
    return ThemeSettings.for_site(site).site_name


def _menu(request) -> list[Page]:
    site = _site(request)
    if site is None:
        return []
    # A section made private keeps its name out of the menu. Menu items sit just under
    # the home page, so their own restriction is the one that counts: checked inside
    # this query rather than by Wagtail's public(), which costs a query of its own.
    return list(
        site.root_page.get_children()
        .live()
        .in_menu()
        .exclude(Exists(PageViewRestriction.objects.filter(page=OuterRef("pk"))))
        .specific(defer=True)
        .order_by("path")
    )


def site_chrome(request) -> dict:
    """``theme``, ``site_name``, ``menu_pages`` and ``site_root`` for the base template."""
    return {
        "theme": SimpleLazyObject(lambda: theme_for_request(request)),
        "site_name": SimpleLazyObject(lambda: site_name_for_request(request)),
        "menu_pages": SimpleLazyObject(lambda: _menu(request)),
        "site_root": SimpleLazyObject(lambda: getattr(_site(request), "root_page", None)),
    }
