"""Where imported pages go in the page tree, and how they are saved and published."""

from __future__ import annotations

from django.utils.text import slugify
from wagtail.models import Page, Site

from home.models import HomePage


def home_page() -> HomePage:
    """The default site's home page, where sections and the author index live."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None or not isinstance(site.root_page.specific, HomePage):
        raise RuntimeError(
            "the default site has no Masthead home page to import into "
            "(run `manage.py migrate`, and check Settings → Sites)"
        )
    return site.root_page.specific


def slug_for(*candidates: str, fallback: str) -> str:
    """The first candidate that makes a slug (non-ASCII kept, as WordPress does), else
    ``fallback``."""
    for candidate in candidates:
        slug = slugify(candidate or "", allow_unicode=True)[:255].strip("-")
        if slug:
            return slug
    return fallback


def unique_slug(parent: Page, slug: str, page: Page | None = None) -> str:
    """``slug``, or ``slug-2``, ``slug-3``… when a sibling of ``page`` has it already."""
    siblings = parent.get_children()
    if page is not None and page.pk:
        siblings = siblings.exclude(pk=page.pk)
    candidate, n = slug, 1
    while siblings.filter(slug=candidate).exists():
        n += 1
        candidate = f"{slug[: 250 - len(str(n))]}-{n}"
    return candidate


def place(parent: Page, page: Page) -> Page:
    """Put a new ``page`` under ``parent`` (not live yet); an existing one is saved."""
    if page.pk:
        page.save()
        return page
    page.live = False
    parent.add_child(instance=page)
    return page


def publish(page: Page) -> None:
    """Publish the page's current state as a new revision (keeping its first-published date)."""
    page.save_revision().publish()


def save_draft(page: Page) -> None:
    """Keep the page's current state as a draft revision, unpublished."""
    page.save_revision()
