"""WordPress's posts → articles: status, dates, authors, section, tags, lede and body.

Published posts go live with their WordPress dates; drafts and pending posts
become drafts; future posts are scheduled with Wagtail's go-live date; private
posts are for signed-in readers only and password-protected ones keep their
password (Wagtail's view restrictions). Trashed posts and auto-drafts are
skipped and counted. The newest sticky post becomes the home page's featured
article.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC
from urllib.parse import urlsplit

from django.utils import timezone
from wagtail.models import PageViewRestriction

from articles.models import ArticleAuthor, ArticleIndexPage, ArticlePage

from .. import wxr
from ..content import convert, plain_text
from .core import fingerprint
from .tree import home_page, place, publish, save_draft, slug_for, unique_slug

SKIPPED_STATUSES = {"trash": "in the trash", "auto-draft": "auto-drafts", "inherit": "revisions"}
DRAFT_STATUSES = {"draft", "pending"}


def old_path(link: str) -> str:
    """The path (and query) of an item's address on the WordPress site."""
    parts = urlsplit(link or "")
    return parts.path + (f"?{parts.query}" if parts.query else "")


class Posts:
    """Articles from posts, one transaction each (see ``core.Importer.guarded``)."""

    def __init__(self, importer) -> None:
        self.importer = importer
        self.report = importer.report
        self.memory = importer.memory

    def add(self, item: wxr.Item) -> None:
        if item.status in SKIPPED_STATUSES:
            self.report.count("posts", "skipped", SKIPPED_STATUSES[item.status])
            return
        if item.wp_id is None:
            reason = "; ".join(item.problems) or "no post_id"
            self.report.fail("posts", None, plain_text(item.title), reason, item.source)
            return
        digest = fingerprint(
            *(getattr(item, f.name) for f in fields(item) if f.name != "source"),
            self.importer.options.section,
            self.importer.options.categories,
        )
        known = self.importer.find("post", item.wp_id)
        page = ArticlePage.objects.filter(pk=known.object_id).first() if known else None
        if page is not None and known.fingerprint == digest:
            self.report.count("posts", "unchanged")
            self._note_sticky(item, page)
            return
        outcome = "updated" if page is not None else "created"
        page = self._write(item, page)
        self.importer.remember("post", item, page, digest, old_path(item.link))
        self.report.count("posts", outcome)
        self._note_sticky(item, page)

    def _write(self, item: wxr.Item, page: ArticlePage | None) -> ArticlePage:
        section = ArticleIndexPage.objects.get(pk=self.importer.terms.section_for(item))
        title = self._title(item)
        page = page or ArticlePage()
        parent = section if not page.pk else page.get_parent()
        page.title = title
        slug = slug_for(item.slug, title, fallback=f"post-{item.wp_id}")
        page.slug = unique_slug(parent, slug, page)
        page.lede = plain_text(item.excerpt)[:600]
        page.body = self._body(item)
        moment = self._moment(item)
        scheduled = item.status == "future" and moment > timezone.now()
        draft = item.status in DRAFT_STATUSES
        if item.status == "future" and not scheduled:
            self.report.warn(
                "posts", item.wp_id, title, "was scheduled for a time now past; published"
            )
        page.published_at = moment
        page.first_published_at = None if draft or scheduled else moment
        page.go_live_at = moment if scheduled else None
        page.tags.set(self.importer.terms.tags_for(item))
        author_pk = self.importer.authors.for_creator(item.creator, item)
        page.article_authors.set([ArticleAuthor(author_id=author_pk, sort_order=0)])
        place(parent, page)
        if draft:
            save_draft(page)
        else:
            publish(page)  # a go-live date in the future makes it scheduled
        self._restrict(item, page)
        return page

    def _title(self, item: wxr.Item) -> str:
        title = plain_text(item.title)[:255]
        if title:
            return title
        text = plain_text(item.content)
        derived = (text if len(text) <= 60 else text[:60].rsplit(" ", 1)[0]) or (
            f"Untitled post {item.wp_id}"
        )
        self.report.warn("posts", item.wp_id, "", f"has no title; called “{derived}”", item.source)
        return derived

    def _body(self, item: wxr.Item) -> list[dict]:
        body = convert(item.content)
        for warning in body.warnings:
            self.report.warn("posts", item.wp_id, plain_text(item.title), warning, item.source)
        blocks = []
        for block in body.blocks:
            if block["type"] == "image":
                # Media are imported in a later version; the picture is named, not lost.
                ref = block["value"]["image"]
                words = block["value"].get("caption") or ref.alt or ref.url
                self.report.warn(
                    "posts", item.wp_id, plain_text(item.title), f"image {ref.url} not imported yet"
                )
                blocks.append({"type": "text", "value": f"*[{words}]*"})
            else:
                blocks.append(block)
        return blocks

    def _moment(self, item: wxr.Item):
        """When the post was published: WordPress's GMT date, else its local one."""
        if item.date_gmt is not None:
            return item.date_gmt
        if item.date is not None:
            return timezone.make_aware(item.date) if timezone.is_naive(item.date) else item.date
        return timezone.now().astimezone(UTC)

    def _restrict(self, item: wxr.Item, page: ArticlePage) -> None:
        """Private → signed-in readers only; a password → the same password."""
        restrictions = PageViewRestriction.objects.filter(page=page)
        if item.status == "private":
            restrictions.exclude(restriction_type=PageViewRestriction.LOGIN).delete()
            restrictions.get_or_create(page=page, restriction_type=PageViewRestriction.LOGIN)
        elif item.password:
            restrictions.exclude(restriction_type=PageViewRestriction.PASSWORD).delete()
            restrictions.update_or_create(
                page=page,
                restriction_type=PageViewRestriction.PASSWORD,
                defaults={"password": item.password[:255]},
            )
        else:
            restrictions.delete()

    def _note_sticky(self, item: wxr.Item, page: ArticlePage) -> None:
        """A sticky post every reader can open is a candidate for the home page."""
        if item.sticky and item.status == "publish" and not item.password:
            self.memory.sticky.append((self._moment(item), page.pk))

    def finish(self) -> None:
        """The newest sticky post becomes the home page's featured article."""
        if not self.memory.sticky:
            return
        _, newest = max(self.memory.sticky)
        home = home_page()
        if home.featured_article_id != newest:
            home.featured_article_id = newest
            publish(home)
