"""WordPress's pages → content pages, in WordPress's hierarchy and menu order.

Statuses, dates and privacy are the posts' (see ``publishing``). A page whose
parent is already imported goes straight under it; any other goes under the
home page, because its parent may come later in the export. Once every item is
in, ``finish`` moves each page under its WordPress parent and orders each
page's subpages by menu order, then title. A parent that is not an imported page
leaves its subpage under the home page, with a warning. Only small numbers are
kept along the way, however many pages the export has.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from wagtail.models import Page

from home.models import ContentPage

from .. import wxr
from ..content import plain_text
from .publishing import (
    body_digest,
    body_for,
    digest_of,
    left_out,
    old_path,
    release,
    relink,
    schedule,
    seo_fields,
    title_for,
)
from .tree import home_page, place, publish, save_draft, slug_for, unique_slug


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one imported page belongs: under WordPress page ``parent_id``, at ``menu_order``."""

    wp_id: int
    page_pk: int
    parent_id: int | None
    menu_order: int
    renamed: bool  # its slug was taken where it waits, so it got a number
    source: str = ""  # what ``Importer.guarded`` names on a failure; the item's is not kept


class Pages:
    """Content pages from pages, one transaction each (see ``core.Importer.guarded``)."""

    def __init__(self, importer) -> None:
        self.importer = importer
        self.report = importer.report
        self.home: Page | None = None  # found when needed, in ``finish``
        self.placements: dict[int, Placement] = {}  # WordPress ID → placement, in file order
        self.made: set[int] = set()  # pks of the pages this run made: ``finish`` may move them
        self.settled = False

    def add(self, item: wxr.Item) -> None:
        if left_out(item, self.report, "pages"):
            return
        body = body_for(item, self.importer, "pages")
        digest = _digest(item, body)
        known = self.importer.find("page", item.wp_id)
        page = ContentPage.objects.filter(pk=known.object_id).first() if known else None
        renamed = False
        if page is not None and known.fingerprint == digest:
            self.report.count("pages", "unchanged")
        else:
            outcome = "updated" if page is not None else "created"
            page, renamed = self._write(item, page, body)
            if outcome == "created":
                self.made.add(page.pk)
            self.importer.remember("page", item, page, digest, old_path(item.link))
            self.report.count("pages", outcome)
        self.placements.pop(item.wp_id, None)  # a second copy in the export takes its place
        self.placements[item.wp_id] = Placement(
            item.wp_id, page.pk, item.parent_id, item.menu_order, renamed
        )

    def relink(self, item: wxr.Item) -> None:
        """Once every item is in: point the page's links at those that came after it."""
        relink(item, self.importer, "page", ContentPage, _digest)

    def _write(
        self, item: wxr.Item, page: ContentPage | None, body: list[dict]
    ) -> tuple[ContentPage, bool]:
        """Save the page (a new one under its parent when imported, else home); whether its
        slug had to be changed there."""
        title = title_for(item, self.report, "pages", f"Untitled page {item.wp_id}")
        page = page or ContentPage()
        if page.pk:
            parent = page.get_parent()
        else:
            parent = self._imported_page(item.parent_id) or home_page()
        page.title = title
        wanted = slug_for(item.slug, title, fallback=f"page-{item.wp_id}")
        page.slug = unique_slug(parent, wanted, page)
        page.seo_title, description = seo_fields(item)
        page.search_description = description or plain_text(item.excerpt)
        page.body = body
        schedule(item, page, self.report, "pages")
        place(parent, page)
        release(item, page)
        return page, page.slug != wanted

    def may_move(self, page_pk: int) -> bool:
        """Whether the page with ``page_pk`` may still move before this import ends."""
        return not self.settled and page_pk in self.made

    def _imported_page(self, wp_id: int | None) -> ContentPage | None:
        """The content page WordPress page ``wp_id`` became, in this import or an earlier one."""
        if wp_id is None:
            return None
        if wp_id in self.placements:
            return ContentPage.objects.filter(pk=self.placements[wp_id].page_pk).first()
        known = self.importer.find("page", wp_id)
        return ContentPage.objects.filter(pk=known.object_id).first() if known else None

    # --- the hierarchy, once every page is in ------------------------------------

    def finish(self) -> None:
        """Move each page under its WordPress parent, then order every page's subpages."""
        self.settled = True  # (once moved, a page's address is final)
        if not self.placements:
            return
        self.home = home_page()
        titles = self._titles()
        for placement in self.placements.values():
            title = titles.get(placement.page_pk, "")
            self.importer.guarded("pages", placement, title, self._settle)
        self._order()

    def _titles(self) -> dict[int, str]:
        pks = [placement.page_pk for placement in self.placements.values()]
        return dict(ContentPage.objects.filter(pk__in=pks).values_list("pk", "title"))

    def _settle(self, placement: Placement) -> None:
        # Fetched afresh each time: moving an ancestor changed this page's path.
        page = ContentPage.objects.get(pk=placement.page_pk)
        target = self._parent_for(placement, page)
        if target is None or page.path[: -Page.steplen] == target.path:
            return
        base = page.slug.rsplit("-", 1)[0] if placement.renamed else page.slug
        slug = unique_slug(target, base, page)
        new_slug = slug != page.slug
        if new_slug:
            # Free under the new parent, perhaps not under the old: stored unvalidated,
            # and the move validates it where it lands.
            Page.objects.filter(pk=page.pk).update(slug=slug)
        page.move(target, pos="last-child")
        if new_slug:
            self._keep_slug_in_revision(ContentPage.objects.get(pk=page.pk))

    def _parent_for(self, placement: Placement, page: ContentPage) -> Page | None:
        """Where the page goes: its WordPress parent, else home; None: where it is."""
        if placement.parent_id is None:
            return self.home
        parent = self._imported_page(placement.parent_id)
        if parent is None:
            self._warn(
                placement,
                page,
                f"its parent (WordPress ID {placement.parent_id}) is not an imported page; "
                "it stays under the home page",
            )
            return self.home
        if parent.pk == page.pk or parent.is_descendant_of(page):
            self._warn(
                placement,
                page,
                f"its parent (WordPress ID {placement.parent_id}) is one of its own "
                "subpages; it stays where it is",
            )
            return None
        return parent

    def _keep_slug_in_revision(self, page: ContentPage) -> None:
        # The admin edits a draft or scheduled page from its latest revision: without a new
        # one, saving that would bring back the slug the page had while it waited.
        if not page.has_unpublished_changes:
            return
        if page.go_live_at:
            publish(page)  # scheduled again, from the new revision
        else:
            save_draft(page)

    def _order(self) -> None:
        """Subpages by menu order, then title: moved to the end in that order when not already."""
        menu_order = {p.page_pk: p.menu_order for p in self.placements.values()}
        by_pk = {p.page_pk: p for p in self.placements.values()}
        siblings: dict[str, list[tuple[str, int, str]]] = {}
        rows = ContentPage.objects.filter(pk__in=menu_order).values_list("path", "pk", "title")
        for path, pk, title in rows:
            siblings.setdefault(path[: -Page.steplen], []).append((path, pk, title))
        # By pk: reordering one page's subpages changes the paths below it.
        parents = dict(Page.objects.filter(path__in=siblings).values_list("path", "pk"))
        for parent_path, children in siblings.items():
            current = [pk for _, pk, _ in sorted(children)]
            wanted = sorted(children, key=lambda c: (menu_order[c[1]], c[2].casefold(), c[1]))
            if current == [pk for _, pk, _ in wanted]:
                continue
            for _, pk, title in wanted:
                move = partial(self._to_end, parents[parent_path])
                self.importer.guarded("pages", by_pk[pk], title, move)

    def _to_end(self, parent_pk: int, placement: Placement) -> None:
        parent = Page.objects.get(pk=parent_pk)
        ContentPage.objects.get(pk=placement.page_pk).move(parent, pos="last-child")

    def _warn(self, placement: Placement, page: ContentPage, message: str) -> None:
        self.report.warn("pages", placement.wp_id, page.title, message)


def _digest(item: wxr.Item, body: list[dict], page: ContentPage | None = None) -> str:
    return digest_of(item, body_digest(body))
