"""WordPress's posts → articles: status, dates, authors, section, tags, lede and body.

Published posts go live with their WordPress dates; drafts and pending posts
become drafts; future posts are scheduled with Wagtail's go-live date; private
posts are for signed-in readers only and password-protected ones keep their
password (Wagtail's view restrictions). Trashed posts and auto-drafts are
skipped and counted. The newest sticky post becomes the home page's featured
article.
"""

from __future__ import annotations

from articles.models import ArticleAuthor, ArticleIndexPage, ArticlePage

from .. import wxr
from ..content import plain_text
from .publishing import (
    body_digest,
    body_for,
    digest_of,
    hero_for,
    left_out,
    moment,
    old_path,
    release,
    relink,
    schedule,
    seo_fields,
    title_for,
)
from .tree import home_page, place, publish, slug_for, unique_slug


class Posts:
    """Articles from posts, one transaction each (see ``core.Importer.guarded``)."""

    def __init__(self, importer) -> None:
        self.importer = importer
        self.report = importer.report
        self.memory = importer.memory

    def add(self, item: wxr.Item) -> None:
        if left_out(item, self.report, "posts"):
            return
        body = body_for(item, self.importer, "posts")
        hero = hero_for(item, self.importer, self.report, "posts")  # (image, caption)
        digest = self._digest(item, body, hero)
        known = self.importer.find("post", item.wp_id)
        page = ArticlePage.objects.filter(pk=known.object_id).first() if known else None
        if page is not None and known.fingerprint == digest:
            self.report.count("posts", "unchanged")
            self._note_sticky(item, page)
            return
        outcome = "updated" if page is not None else "created"
        page = self._write(item, page, body, hero)
        self.importer.remember("post", item, page, digest, old_path(item.link))
        self.report.count("posts", outcome)
        self._note_sticky(item, page)

    def relink(self, item: wxr.Item) -> None:
        """Once every item is in: point the post's links at those that came after it."""

        def digest_for(item: wxr.Item, body: list[dict], page: ArticlePage) -> str:
            return self._digest(item, body, (page.hero_image, page.hero_caption))

        relink(item, self.importer, "post", ArticlePage, digest_for)

    def _digest(self, item: wxr.Item, body: list[dict], hero) -> str:
        options = self.importer.options
        image, caption = hero
        shown = (body_digest(body), getattr(image, "pk", None), caption)
        return digest_of(item, options.section, options.categories, *shown)

    def _write(self, item: wxr.Item, page: ArticlePage | None, body, hero) -> ArticlePage:
        section = ArticleIndexPage.objects.get(pk=self.importer.terms.section_for(item))
        title = title_for(item, self.report, "posts", f"Untitled post {item.wp_id}")
        page = page or ArticlePage()
        parent = section if not page.pk else page.get_parent()
        page.title = title
        slug = slug_for(item.slug, title, fallback=f"post-{item.wp_id}")
        page.slug = unique_slug(parent, slug, page)
        page.lede = plain_text(item.excerpt)[:600]
        page.seo_title, page.search_description = seo_fields(item)
        page.body = body
        image, caption = hero
        page.hero_image = image
        page.hero_alt = image.description[:255] if image is not None else ""
        page.hero_caption = caption[:300]
        page.published_at = schedule(item, page, self.report, "posts")
        page.tags.set(self.importer.terms.tags_for(item))
        author_pk = self.importer.authors.for_creator(item.creator, item)
        page.article_authors.set([ArticleAuthor(author_id=author_pk, sort_order=0)])
        place(parent, page)
        release(item, page)
        return page

    def _note_sticky(self, item: wxr.Item, page: ArticlePage) -> None:
        """A sticky post every reader can open is a candidate for the home page."""
        if item.sticky and item.status == "publish" and not item.password:
            self.memory.sticky.append((moment(item), page.pk))

    def finish(self) -> None:
        """The newest sticky post becomes the home page's featured article."""
        if not self.memory.sticky:
            return
        _, newest = max(self.memory.sticky)
        home = home_page()
        if home.featured_article_id != newest:
            home.featured_article_id = newest
            publish(home)
