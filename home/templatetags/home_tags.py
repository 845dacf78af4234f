"""Template tags for the site chrome: breadcrumbs, pagination links, JSON-LD."""

from __future__ import annotations

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# The characters that could end a <script> element or open a comment inside it.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """The path from the site's home page down to ``page``, for the breadcrumb trail."""
    site_root = context.get("site_root")
    crumbs = []
    if site_root is not None and page.pk != site_root.pk and page.path.startswith(site_root.path):
        crumbs = list(page.get_ancestors().filter(depth__gte=site_root.depth))
    return {"crumbs": crumbs, "current_title": page.title, "request": context.get("request")}


@register.simple_tag
def query_with(request, **changes) -> str:
    """The current query string with ``changes`` applied (None drops a key), escaped
    for an attribute."""
    query = request.GET.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


@register.filter
def json_ld(data) -> str:
    """Render ``data`` as a JSON-LD script element that no string inside can break out of."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag
def address_on_site(page, path: str = "") -> str:
    """``path`` as a full address on the Wagtail site that serves ``page``, for mails
    (no request to build it from; Settings → Sites holds the host name and port)."""
    site = page.get_site() if page is not None else None
    return f"{site.root_url}{path}" if site is not None else path
