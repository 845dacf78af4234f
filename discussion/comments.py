"""Comments on articles: django-comments-xtd stores them; this module shows them.

The whole discussion of an article is read in one query and arranged into
threads in Python, so an article with 200 comments costs what one with none
does. A comment's text is plain text: it is escaped, and web addresses become
links that search engines are told not to follow.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count
from django.utils.html import escape, linebreaks
from django.utils.html import urlize as django_urlize
from django.utils.safestring import SafeString, mark_safe
from django_comments_xtd.models import XtdComment

from readers.models import ANONYMOUS_NAME, display_name

AVATAR_COLOURS = ("#8a2b0e", "#14203a", "#2f5d50", "#6b3fa0", "#7a5c00", "#0f5c7a")


@dataclass
class ShownComment:
    """One comment as readers see it, with its replies."""

    comment: XtdComment
    replies: list[ShownComment] = field(default_factory=list)

    @property
    def removed(self) -> bool:
        return self.comment.is_removed

    @property
    def author(self) -> str:
        return public_name(self.comment)

    @property
    def initials(self) -> str:
        letters = [part[0] for part in self.author.split() if part[:1].isalnum()]
        return ("".join(letters[:2]) or "?").upper()

    @property
    def avatar_colour(self) -> str:
        """A colour drawn locally from the author's name: no request to gravatar."""
        digest = hashlib.sha256(self.author.lower().encode()).digest()
        return AVATAR_COLOURS[digest[0] % len(AVATAR_COLOURS)]

    @property
    def edited_at(self):
        """When its author last edited it, or None (read with the comment: no query)."""
        try:
            return self.comment.masthead_edit.edited_at
        except ObjectDoesNotExist:
            return None

    @property
    def html(self) -> SafeString:
        return render_comment_text(self.comment.comment)


def public_name(comment) -> str:
    """The byline of a comment: a reader's chosen name, never their username; a
    visitor's name as given. (django-comments' own ``comment.name`` falls back to
    the username.)"""
    if comment.user_id and comment.user is not None:
        return display_name(comment.user)
    return comment.user_name.strip() or ANONYMOUS_NAME


def render_comment_text(text: str) -> SafeString:
    """Plain text to safe HTML: escaped, paragraphs kept, addresses made into nofollow links."""
    linked = django_urlize(escape(text), trim_url_limit=60, nofollow=True, autoescape=False)
    return mark_safe(linebreaks(linked, autoescape=False))  # noqa: S308 - escaped above


def discussion(article, newest_first: bool = False) -> tuple[list[ShownComment], int]:
    """The article's public comments as threads, and how many there are, in one query.

    Threads come oldest or newest first; replies within a thread always read in
    the order they were written. Removed comments stay in place when they have
    replies ("comment removed"), so a conversation keeps its shape; removed
    comments without replies vanish.
    """
    content_type = ContentType.objects.get_for_model(type(article))  # cached by Django
    rows = (
        XtdComment.objects.filter(
            content_type=content_type, object_pk=str(article.pk), is_public=True
        )
        .select_related("user__reader_profile", "masthead_edit")
        .order_by("thread_id", "order")
    )
    by_id: dict[int, ShownComment] = {}
    roots: list[ShownComment] = []
    for row in rows:
        shown = ShownComment(row)
        by_id[row.pk] = shown
        parent = by_id.get(row.parent_id) if row.parent_id != row.pk else None
        (parent.replies if parent else roots).append(shown)
    roots = [thread for thread in roots if _keep(thread)]
    if newest_first:
        roots.reverse()
    count = sum(1 for shown in by_id.values() if not shown.removed)
    return roots, count


def _keep(shown: ShownComment) -> bool:
    shown.replies = [reply for reply in shown.replies if _keep(reply)]
    return not shown.removed or bool(shown.replies)


def with_comment_counts(articles) -> list:
    """Give each article a ``comment_count`` for list cards, in one query for the whole list."""
    articles = list(articles)
    if not articles:
        return articles
    content_type = ContentType.objects.get_for_model(type(articles[0]))
    counts = dict(
        XtdComment.objects.filter(
            content_type=content_type,
            object_pk__in=[str(article.pk) for article in articles],
            is_public=True,
            is_removed=False,
        )
        .order_by()  # the model's default ordering would split the groups
        .values("object_pk")
        .annotate(n=Count("pk"))
        .values_list("object_pk", "n")
    )
    for article in articles:
        article.comment_count = counts.get(str(article.pk), 0)
    return articles


def masthead_max_thread_level() -> int:
    """How deep replies go: 0 is a comment, 1 a reply, 2 a reply to a reply."""
    from django.conf import settings

    return settings.COMMENTS_XTD_MAX_THREAD_LEVEL


def comment_form_for(article, request, anonymous_allowed: bool):
    """The signed form (timestamp and security hash) for commenting on ``article``, or
    None when this visitor must sign in first."""
    if not request.user.is_authenticated and not anonymous_allowed:
        return None
    import django_comments

    return django_comments.get_form()(article)
