"""The publication's name, for pages, feeds, mails and authenticator apps.

Which name a site goes by is the theme's business (``home``: Settings → Theme),
but articles, feeds and account mails need it too, and they may not import the
app that lists them. So the name is asked for here, lower down: the app that
owns it registers a source once in ``AppConfig.ready()``, and everyone else
calls :func:`site_name`. Without a source, or when it has no name, the
Wagtail site's own name is used, else "Masthead".
"""

from __future__ import annotations

from collections.abc import Callable

from wagtail.models import Site

# (site, request or None) -> the name, or "" to fall back to the Wagtail site's name.
NameSource = Callable[[Site, object], str]

DEFAULT_NAME = "Masthead"

_source: NameSource | None = None


def provide_site_name(source: NameSource) -> None:
    """Make ``source`` the one place site names come from (the theme registers itself)."""
    global _source
    _source = source


def site_name(site: Site | None, request=None) -> str:
    """The name ``site`` goes by: the registered source's, else the site's own, else Masthead."""
    if site is None:
        return DEFAULT_NAME
    named = _source(site, request) if _source is not None else ""
    return named or site.site_name or DEFAULT_NAME


def site_name_for_request(request) -> str:
    """The name of the site that serves ``request``."""
    return site_name(Site.find_for_request(request), request)
