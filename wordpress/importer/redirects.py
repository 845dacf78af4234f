"""Permanent redirects (Wagtail's, editable under Settings → Redirects) from the WordPress
site's addresses to the pages they became.

For every imported post: its own ``<link>`` path as WordPress printed it (links
can disagree with slugs and dates), ``/?p=ID``, and its old slugs
(``_wp_old_slug``). For sections, tags and authors: ``/category/…/``,
``/tag/…/`` (for tags some published article has) and ``/author/…/``; and the
feeds: ``/feed/`` and each of theirs. For
attachments: their page and ``/?attachment_id=ID`` (to the post they belong to)
and their file in ``/wp-content/uploads/`` (to the imported file). An
address that is already the page's own is left alone, so nothing loops. Drafts and
scheduled items get none: their addresses were never public.
"""

from __future__ import annotations

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from articles.models import ArticlePage

from .. import wxr
from ..content.urls import split
from .uploads import upload_key


class Redirects:
    """Redirects as their targets are imported; counted under "redirects"."""

    def __init__(self, importer) -> None:
        self.importer = importer
        self.report = importer.report
        self.memory = importer.memory
        self._site: Site | None = None
        # (old path, page pk, made now) of this run's redirects to WordPress pages: a page
        # placed later (a subpage waiting for its parent) may end up at its old address.
        # Posts never move once made, so only pages are kept, however many posts there are.
        self._to_pages: list[tuple[str, int, bool]] = []

    def site(self) -> Site:
        if self._site is None:
            self._site = Site.objects.get(is_default_site=True)
        return self._site

    def for_item(self, item: wxr.Item) -> None:
        """Every old address of an imported post (or page) → the page it became."""
        kind = {"post": "post", "page": "page"}.get(item.post_type)
        known = self.importer.find(kind, item.wp_id) if kind else None
        page = Page.objects.filter(pk=known.object_id).first() if known else None
        if page is None:
            return
        if not page.live:
            # A draft's or a scheduled post's address was never public on WordPress either.
            self.report.count("redirects", "skipped", "to drafts and scheduled items")
            return
        link = split(item.link)
        paths = {link.path + (f"?{link.query}" if link.query else "")}
        query = "page_id" if kind == "page" else "p"
        paths.add(f"/?{query}={item.wp_id}")
        for old_slug in item.meta_values("_wp_old_slug"):
            if old_slug and item.slug and link.path.rstrip("/").endswith(item.slug):
                paths.add(link.path.rstrip("/")[: -len(item.slug)] + old_slug + "/")
        for path in sorted(paths):
            self.to_page(path, page, movable=kind == "page")

    def for_attachment(self, item: wxr.Item) -> None:
        """An attachment's page and ``/?attachment_id=ID`` → the post (or page) it belongs
        to, else its file; its file's old address → the imported file (its resized copies
        reach it through ``wordpress.middleware``)."""
        known = self.importer.find("attachment", item.wp_id)
        stored = known.target if known is not None else None
        if stored is None:
            return
        self.to_file(known.old_path, stored)
        parent = None
        for kind in ("post", "page"):
            found = self.importer.find(kind, item.parent_id)
            parent = Page.objects.filter(pk=found.object_id).first() if found else None
            if parent is not None:
                break
        link = split(item.link)
        paths = {f"/?attachment_id={item.wp_id}"}
        if link.path and link.path != "/" and not upload_key(item.link):
            paths.add(link.path + (f"?{link.query}" if link.query else ""))
        for path in sorted(paths):
            if parent is not None:
                self.to_page(path, parent)
            else:
                self.to_link(path, file_url(stored))

    def to_file(self, old_path: str, stored) -> None:
        """A file's old address (``/wp-content/uploads/…``) → the image's or document's."""
        if old_path:
            self.to_link(old_path, file_url(stored))

    def finish(self) -> None:
        """Sections, tags, authors and their feeds, once all of them are known; and no
        redirect from a page's own final address (it would loop once unpublished)."""
        self._drop_own_addresses()
        self.to_link("/feed/", "/feed/rss/")
        self.to_link("/feed/atom/", "/feed/atom/")
        for slug, pk in self.memory.sections.items():
            page = Page.objects.filter(pk=pk).first()
            if page is not None:
                for path in _term_paths("category", self.memory.category_paths.get(slug, slug)):
                    self._section_or_feed(path, page)
        for old_slug, slug in self.memory.tag_slugs.items():
            if not ArticlePage.objects.readable().filter(tags__slug=slug).exists():
                # WordPress answers a tag without published posts "not found"; so does Masthead.
                self.report.count("redirects", "skipped", "to tags no published article has")
                continue
            self.to_link(f"/tag/{old_slug}/", f"/tags/{slug}/")
            self.to_link(f"/tag/{old_slug}/feed/", f"/tags/{slug}/feed/rss/")
        for login, pk in self.memory.authors.items():
            page = Page.objects.filter(pk=pk).first()
            if page is not None:
                for path in _term_paths("author", login):
                    self._section_or_feed(path, page)

    def _drop_own_addresses(self) -> None:
        for path, pk, made in self._to_pages:
            page = Page.objects.filter(pk=pk).first()
            if page is None or Redirect.normalise_path(page.url or "") != path:
                continue
            Redirect.objects.filter(site=self.site(), old_path=path, redirect_page=page).delete()
            if made:
                self.report.counts["redirects"]["created"] -= 1

    def _section_or_feed(self, path: str, page: Page) -> None:
        if path.endswith("/feed/"):
            self.to_link(path, page.url + "feed/rss/")
        else:
            self.to_page(path, page)

    # --- storing -------------------------------------------------------------------

    def to_page(self, old_path: str, page: Page, movable: bool = False) -> None:
        """A redirect to ``page``; ``movable`` when the import may still move it."""
        if Redirect.normalise_path(old_path) == Redirect.normalise_path(page.url or ""):
            return  # the page's own address: a redirect would loop
        self._store(old_path, movable, redirect_page=page, redirect_link="")

    def to_link(self, old_path: str, link: str) -> None:
        if Redirect.normalise_path(old_path) == Redirect.normalise_path(link):
            return
        self._store(old_path, False, redirect_page=None, redirect_link=link)

    def _store(self, old_path: str, movable: bool, **target) -> None:
        path = Redirect.normalise_path(old_path)
        if not path or path == "/":
            return
        if len(path) > Redirect._meta.get_field("old_path").max_length:
            self.report.warn("redirects", None, "", f"{path[:80]}… is too long to redirect")
            self.report.count("redirects", "skipped", "addresses too long")
            return
        existing = Redirect.objects.filter(site=self.site(), old_path=path).first()
        if existing is not None:
            same = existing.redirect_page_id == getattr(target["redirect_page"], "pk", None)
            if same and existing.redirect_link == target["redirect_link"]:
                self.report.count("redirects", "unchanged")
                return
        Redirect.objects.update_or_create(
            site=self.site(), old_path=path, defaults={"is_permanent": True, **target}
        )
        self.report.count("redirects", "updated" if existing else "created")
        if movable:
            self._to_pages.append((path, target["redirect_page"].pk, existing is None))


def file_url(stored) -> str:
    """Where readers get an imported image's or document's file."""
    return stored.file.url if hasattr(stored, "get_rendition") else stored.url


def _term_paths(base: str, slug: str) -> list[str]:
    """WordPress's address of a category or author (``/category/news/``) and of its feed."""
    return [f"/{base}/{slug}/", f"/{base}/{slug}/feed/"]
