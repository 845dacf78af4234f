"""The import itself: check every file, then stream it into Masthead, object by object.

Every file is read whole first (:func:`wordpress.wxr.check`), so a truncated or
hostile file stops the import before anything is written. Then two passes over
the files, each streaming: the site's authors and terms first, then its items.
Each item is written in a transaction of its own, so a failure leaves whole
posts and is reported by name; with ``atomic`` the whole import is one
transaction. A dry run does all the work inside a transaction it rolls back at
the end, so what it reports is exactly what an import would do.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from .. import wxr
from ..models import ImportedObject
from .links import site_hosts
from .report import Report

logger = logging.getLogger(__name__)

CATEGORIES_AS = ("sections", "tags")
# Post types Masthead has no place for: counted in the report, never imported.
NOT_IMPORTED = {
    "nav_menu_item": "navigation menu items",
    "wp_navigation": "navigation menus",
    "wp_block": "reusable blocks",
    "wp_template": "theme templates",
    "wp_template_part": "theme template parts",
    "wp_global_styles": "theme styles",
    "custom_css": "custom CSS",
    "customize_changeset": "customizer drafts",
    "oembed_cache": "oEmbed caches",
    "user_request": "privacy requests",
}


@dataclass
class Options:
    """What ``manage.py import_wordpress`` was asked to do."""

    paths: list[Path]
    media_dir: Path | None = None
    section: str = ""
    categories: str = "sections"
    create_users: bool = False
    dry_run: bool = False
    atomic: bool = False


class DryRunDone(Exception):
    """Raised at the end of a dry run to roll everything back."""


class ImportFailed(Exception):
    """With ``atomic``: one object failed, so the whole import was undone."""


@dataclass
class Memory:
    """What the import learned along the way that later objects need (kept small)."""

    site: str = ""
    authors: dict[str, int] = field(default_factory=dict)  # login → AuthorPage pk
    author_logins: dict[int, str] = field(default_factory=dict)  # WordPress user id → login
    has_author_records: bool = False
    sections: dict[str, int] = field(default_factory=dict)  # category slug → section pk
    category_names: dict[str, str] = field(default_factory=dict)  # slug → name
    category_paths: dict[str, str] = field(default_factory=dict)  # slug → "parent/slug"
    tag_slugs: dict[str, str] = field(default_factory=dict)  # WordPress slug → Masthead's
    sticky: list[tuple[object, int]] = field(default_factory=list)  # (date, article pk)
    seen_items: set[int] = field(default_factory=set)  # WordPress IDs met in this run
    hosts: frozenset[str] = frozenset()  # the WordPress site's host names
    has_attachments: bool = False


class Importer:
    """Runs one import; ``report`` says what it did."""

    def __init__(self, options: Options, progress: Callable[[], None] | None = None) -> None:
        self.options = options
        self.report = Report(dry_run=options.dry_run)
        self.memory = Memory()
        self.progress = progress or (lambda: None)

    # --- the run ---------------------------------------------------------------

    def check(self) -> int:
        """Read every file whole; the number of items to import. Raises WXRError."""
        total = 0
        for path in self.options.paths:
            counts = wxr.check(path).counts
            total += sum(n for kind, n in counts.items() if kind not in ("author", "term"))
        return total

    def run(self) -> Report:
        """Import every file (already checked); the report."""
        from .comments import Comments
        from .links import Links
        from .media import Media, StoredFiles
        from .pages import Pages
        from .people import Authors
        from .posts import Posts
        from .redirects import Redirects
        from .terms import Terms

        self.authors, self.terms, self.posts = Authors(self), Terms(self), Posts(self)
        self.comments, self.redirects = Comments(self), Redirects(self)
        self.pages, self.media, self.links = Pages(self), Media(self), Links(self)
        self.stored = StoredFiles()
        try:
            with self.stored, self._whole_import():
                for record in self._records():
                    self._site_level(record)
                for record in self._records():
                    if isinstance(record, wxr.Item):
                        self._item(record)
                        if record.post_type != "attachment":  # counted in the first pass
                            self.progress()
                self.posts.finish()
                self.pages.finish()
                with transaction.atomic():
                    self.redirects.finish()
                self._last_look()
                if self.options.dry_run:
                    raise DryRunDone
        except DryRunDone:
            pass
        return self.report

    @contextmanager
    def _whole_import(self) -> Iterator[None]:
        if self.options.atomic or self.options.dry_run:
            since = self.stored.mark()
            with transaction.atomic():
                try:
                    yield
                except BaseException:
                    self.stored.before_rollback(since)
                    raise
        else:
            yield

    def _last_look(self) -> None:
        """Once everything is in: the attachments' old addresses (their parent may have come
        after them), and links to items that came later in the export."""
        if not (self.memory.has_attachments or self.links.revisit):
            return
        relink = {"post": self.posts.relink, "page": self.pages.relink}
        for record in self._records():
            if not isinstance(record, wxr.Item):
                continue
            if record.post_type == "attachment":
                self.guarded("redirects", record, record.title, self.redirects.for_attachment)
            elif record.wp_id in self.links.revisit and record.post_type in relink:
                kind = f"{record.post_type}s"
                self.guarded(kind, record, record.title, relink[record.post_type])
                self.links.revisit.discard(record.wp_id)

    def _records(self) -> Iterator[wxr.Record]:
        for path in self.options.paths:
            for record in wxr.records(path):
                if isinstance(record, wxr.Channel) and not self.memory.site:
                    self.memory.site = site_key(record)
                    self.memory.hosts = site_hosts(
                        record.base_site_url, record.base_blog_url, record.link
                    )
                yield record

    def _site_level(self, record: wxr.Record) -> None:
        if isinstance(record, wxr.Author):
            self.memory.has_author_records = True
            self.guarded("authors", record, record.login, self.authors.add)
        elif isinstance(record, wxr.Term):
            self.guarded(self.terms.kind_of(record), record, record.name, self.terms.add)
        elif isinstance(record, wxr.Item) and record.post_type == "attachment":
            # Before the items: a post shows pictures that may come after it in the export.
            self.memory.has_attachments = True
            self.guarded("images", record, record.title, self.media.add)
            self.progress()

    def _item(self, item: wxr.Item) -> None:
        if item.wp_id is not None and item.wp_id in self.memory.seen_items:
            self.report.warn(
                item.post_type,
                item.wp_id,
                item.title,
                "appears more than once in the export; the later copy is the one kept",
                item.source,
            )
        if item.wp_id is not None:
            self.memory.seen_items.add(item.wp_id)
        if item.post_type in ("post", "page", "attachment"):
            from .publishing import count_unused_meta

            count_unused_meta(item, self.report)
        if item.post_type == "post":
            self.guarded("posts", item, item.title, self.posts.add)
            # The comments in a transaction of their own: a broken one never costs the post.
            self.guarded("comments", item, item.title, self.comments.add_for)
            self.guarded("redirects", item, item.title, self.redirects.for_item)
            return
        for _comment in item.comments:
            reason = f"on {item.post_type}s (only articles take comments)"
            self.report.count("comments", "skipped", reason)
        if item.post_type == "page":
            self.guarded("pages", item, item.title, self.pages.add)
            self.guarded("redirects", item, item.title, self.redirects.for_item)
        elif item.post_type != "attachment":  # imported in the first pass
            self.report.not_imported[NOT_IMPORTED.get(item.post_type, item.post_type)] += 1

    def guarded(self, kind: str, record, title: str, work: Callable) -> None:
        """Do ``work(record)`` in a transaction of its own; a failure is reported by name
        and leaves nothing of the object (with ``atomic``, it stops the whole import)."""
        since = self.stored.mark()
        try:
            with transaction.atomic():
                try:
                    work(record)
                except BaseException:
                    self.stored.before_rollback(since)
                    raise
        except DryRunDone:
            raise
        except Exception as error:  # one broken post must not stop the others: reported
            logger.exception("Importing %s %s failed", kind, record.wp_id)
            message = f"{type(error).__name__}: {error}"
            if self.options.atomic:
                raise ImportFailed(
                    f"{kind} {record.wp_id} “{title}” ({record.source}) failed: {message}"
                ) from error
            self.report.fail(kind, record.wp_id, title, message, record.source)

    # --- remembering what became of what ---------------------------------------------

    def find(self, kind: str, wp_id: int | None) -> ImportedObject | None:
        if wp_id is None:
            return None
        return ImportedObject.objects.filter(site=self.memory.site, kind=kind, wp_id=wp_id).first()

    def remember(
        self,
        kind: str,
        record,
        target,
        fingerprint: str,
        old_path: str = "",
        caption: str = "",
    ) -> None:
        """Record that WordPress object ``record`` became ``target`` (a second run finds it)."""
        if record.wp_id is None:
            return
        ImportedObject.objects.update_or_create(
            site=self.memory.site,
            kind=kind,
            wp_id=record.wp_id,
            defaults={
                "guid": getattr(record, "guid", "")[:500],
                "old_path": old_path[:2000],
                "fingerprint": fingerprint,
                "caption": caption[:300],
                "parent_wp_id": getattr(record, "parent_id", None),
                "content_type": ContentType.objects.get_for_model(type(target)),
                "object_id": str(target.pk),
            },
        )


def site_key(channel: wxr.Channel) -> str:
    """Which WordPress site an export comes from: its address, without a final slash. The
    blog's, not the network's: every WordPress.com site and every site of a multisite
    network shares ``base_site_url``."""
    address = channel.base_blog_url or channel.link or channel.base_site_url
    return (address or channel.source.path).rstrip("/")[:255]


def fingerprint(*values: object) -> str:
    """A digest of what the export says about an object: the same next time means unchanged."""
    return hashlib.sha256(repr(values).encode()).hexdigest()
