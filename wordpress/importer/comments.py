"""WordPress's comments → threaded comments on the imported articles.

Approved comments are published; pending ones wait in the moderation queue;
spam, trashed comments, pingbacks and trackbacks are skipped and counted. Each
keeps its author's name, address, website and date, and its place in the
thread: a reply is stored after its parent, and one nested deeper than the
site's reply depth is attached at the deepest level allowed (and reported). A
comment by an imported user is linked to that account. Nobody is mailed.
"""

from __future__ import annotations

import ipaddress
import re

from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from articles.models import ArticlePage

from .. import wxr
from .core import fingerprint

SKIPPED_KINDS = {"pingback": "pingbacks", "trackback": "trackbacks"}
SKIPPED_APPROVALS = {"spam": "spam", "trash": "in the trash"}
_BLANK_LINES = re.compile(r"\n\s*\n\s*")


def comment_text(markup: str) -> str:
    """A WordPress comment as the plain text Masthead's comments are: its paragraphs
    and line breaks kept, its tags dropped, its entities decoded."""
    soup = BeautifulSoup(markup or "", "html.parser")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for paragraph in soup.find_all("p"):
        paragraph.append("\n\n")
    return _BLANK_LINES.sub("\n\n", soup.get_text()).strip()


class Comments:
    """The comments of one article at a time, after the article itself is written."""

    def __init__(self, importer) -> None:
        self.importer = importer
        self.report = importer.report
        self.memory = importer.memory
        self.max_level = settings.COMMENTS_XTD_MAX_THREAD_LEVEL

    def add_for(self, item: wxr.Item) -> None:
        """Import ``item``'s comments onto the article it became (none: nothing to do)."""
        if not item.comments:
            return
        known = self.importer.find("post", item.wp_id)
        article = ArticlePage.objects.filter(pk=known.object_id).first() if known else None
        if article is None:
            for _comment in item.comments:
                self.report.count("comments", "skipped", "on posts that were not imported")
            return
        by_id = {comment.wp_id: comment for comment in item.comments if comment.wp_id}
        stored: dict[int, XtdComment | None] = {}
        for comment in item.comments:
            self._store(comment, article, item, by_id, stored)

    def _store(self, comment, article, item, by_id, stored) -> XtdComment | None:
        """Store ``comment`` (its parent first); what it became, or None when skipped."""
        if comment.wp_id in stored:
            return stored[comment.wp_id]
        stored[comment.wp_id] = None  # a loop of parents stops here
        reason = SKIPPED_KINDS.get(comment.kind) or SKIPPED_APPROVALS.get(comment.approved)
        if reason or comment.wp_id is None:
            self.report.count("comments", "skipped", reason or "without an id")
            return None
        parent = None
        if comment.parent_id and comment.parent_id in by_id:
            parent = self._store(by_id[comment.parent_id], article, item, by_id, stored)
            if parent is None:
                self._warn(comment, item, "its parent comment was not imported; it starts a thread")
        parent = self._within_depth(parent, comment, item)
        stored[comment.wp_id] = self._write(comment, article, parent)
        return stored[comment.wp_id]

    def _within_depth(self, parent: XtdComment | None, comment, item) -> XtdComment | None:
        """The parent to reply under: the deepest allowed ancestor when ``parent`` is at
        the site's deepest level already."""
        if parent is None or parent.level < self.max_level:
            return parent
        self._warn(
            comment,
            item,
            f"is nested deeper than the site's {self.max_level} levels of replies; "
            "attached at the deepest level allowed",
        )
        while parent.level >= self.max_level:
            parent = XtdComment.objects.get(pk=parent.parent_id)
        return parent

    def _write(self, comment: wxr.Comment, article, parent: XtdComment | None) -> XtdComment:
        digest = fingerprint(comment.content, comment.approved, comment.author, comment.email)
        known = self.importer.find("comment", comment.wp_id)
        existing = XtdComment.objects.filter(pk=known.object_id).first() if known else None
        if existing is not None and known.fingerprint == digest:
            self.report.count("comments", "unchanged")
            return existing
        target = existing or XtdComment(
            content_type=ContentType.objects.get_for_model(ArticlePage),
            object_pk=str(article.pk),
            site_id=settings.SITE_ID,
            parent_id=parent.pk if parent else 0,
        )
        target.user_name = comment.author[:50]
        target.user_email = comment.email[:254]
        target.user_url = comment.url if len(comment.url) <= 200 else ""
        target.comment = comment_text(comment.content)
        target.submit_date = comment.date_gmt or _aware(comment.date) or article.published_at
        target.ip_address = _address(comment.ip)
        target.is_public = comment.approved == "1"
        target.is_removed = False
        target.user = self._user(comment)
        target.save()
        self.importer.remember("comment", comment, target, digest)
        self.report.count("comments", "updated" if existing else "created")
        return target

    def _user(self, comment: wxr.Comment):
        login = self.memory.author_logins.get(comment.user_id) if comment.user_id else None
        if not login:
            return None
        return get_user_model().objects.filter(username=login).first()

    def _warn(self, comment: wxr.Comment, item: wxr.Item, message: str) -> None:
        self.report.warn("comments", comment.wp_id, item.title, message, item.source)


def _aware(moment):
    if moment is None:
        return None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _address(text: str) -> str | None:
    """The commenter's IP address, or None when WordPress recorded none or junk."""
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None
