"""Search, robots.txt and the error pages."""

from __future__ import annotations

import re

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from articles.models import ArticlePage, AuthorPage
from masthead.conf import masthead_setting
from masthead.pagination import paginate

from .models import ContentPage

MAX_QUERY_LENGTH = 200
WORD = re.compile(r"\w+")


@require_safe
def search(request):
    """Full-text search over live articles, pages and authors on this site."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    # Only words reach the search backend: SQLite's FTS5 treats quotes, "=" and
    # similar as query syntax and fails on them.
    terms = " ".join(WORD.findall(query))
    if terms:
        site = Site.find_for_request(request)
        pages = Page.objects.live().public().type(ArticlePage, ContentPage, AuthorPage)
        if site is not None:
            pages = pages.descendant_of(site.root_page)
        found = pages.specific().search(terms, operator="and")
        results = paginate(request, found, masthead_setting("ARTICLES_PER_PAGE"))
    return TemplateResponse(
        request, "home/search.html", {"search_query": query, "results": results}
    )


@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    """Allow crawlers everywhere but the admin, and point them at the sitemap."""
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    admin = reverse("wagtailadmin_home")
    lines = [
        "User-agent: *",
        f"Disallow: {admin}",
        "Disallow: /django-admin/",
        "",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    """The themed 404 page, with a search box."""
    return TemplateResponse(request, "404.html", status=404)


def server_error(request):
    """A plain 500 page that needs nothing from the database."""
    # Rendered without the site chrome: whatever broke may be what the chrome needs.
    return TemplateResponse(request, "500.html", status=500).render()
