"""Whether a comment is published, held for an editor or refused, and editors' decisions.

A new comment passes, in order: the commenter's rate limits (``rate_limits``), the
plugins' hook ``moderate_comment``, then the site's Settings → Discussion policy.
The strictest answer wins: one "reject" refuses the comment, one "hold" sends it
to the moderation queue.

Editors' decisions (approve, remove) go through :func:`approve` and :func:`remove`,
so the article's cached page, the flags and the follow-up mails stay consistent
whichever screen made them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from masthead.page_cache import invalidate_all
from plugins.manager import get_host
from plugins.types import Verdict

from .models import ModerationPolicy, discussed_page_types

logger = logging.getLogger(__name__)


# --- Deciding on a new comment ------------------------------------------------------


def _has_approved_comment(comment, request) -> bool:
    mine = Q(user_email__iexact=comment.user_email) if comment.user_email else Q(pk__in=[])
    if request.user.is_authenticated:
        mine |= Q(user=request.user)
    return XtdComment.objects.filter(mine, is_public=True, is_removed=False).exists()


def decide(comment, request, policy: str) -> Verdict:
    """The verdict on a new comment: the strictest of the plugins' and the site's."""
    verdict = Verdict.APPROVE
    plugins = get_host().moderate_comment(comment, request)
    for answer in plugins.values():
        if answer is not None:
            verdict = max(verdict, answer)
    if plugins.failed:
        # A moderation plugin that broke must not lose the reader's comment or wave
        # it through unchecked: an editor sees it in the queue.
        verdict = max(verdict, Verdict.HOLD)
    if verdict == Verdict.REJECT or getattr(request.user, "is_staff", False):
        return verdict
    if policy == ModerationPolicy.HOLD_ALL:
        return max(verdict, Verdict.HOLD)
    if policy == ModerationPolicy.HOLD_FIRST and not _has_approved_comment(comment, request):
        return max(verdict, Verdict.HOLD)
    return verdict


# --- The moderation queue ---------------------------------------------------------


def _latest_flag(kind: str) -> Subquery:
    return Subquery(
        CommentFlag.objects.filter(comment=OuterRef("pk"), flag=kind)
        .order_by()
        .values("comment")
        .annotate(latest=Max("flag_date"))
        .values("latest")[:1]
    )


def page_comments() -> QuerySet[XtdComment]:
    """Every comment on a page that takes comments (the only things readers comment on)."""
    from django.contrib.contenttypes.models import ContentType

    content_types = ContentType.objects.get_for_models(*discussed_page_types()).values()
    return XtdComment.objects.filter(content_type__in=list(content_types))


def awaiting_moderation() -> QuerySet[XtdComment]:
    """Comments held for approval, and published comments readers flagged since an
    editor last approved them; oldest first."""
    flag_count = (
        CommentFlag.objects.filter(comment=OuterRef("pk"), flag=CommentFlag.SUGGEST_REMOVAL)
        .order_by()
        .values("comment")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    flagged_since_approval = Q(last_flagged__isnull=False) & (
        Q(last_approved__isnull=True) | Q(last_flagged__gt=F("last_approved"))
    )
    return (
        page_comments()
        .filter(is_removed=False)
        .annotate(
            last_flagged=_latest_flag(CommentFlag.SUGGEST_REMOVAL),
            last_approved=_latest_flag(CommentFlag.MODERATOR_APPROVAL),
        )
        .filter(Q(is_public=False) | flagged_since_approval)
        .annotate(flag_count=Subquery(flag_count))
        .select_related("user", "content_type")
        .order_by("submit_date", "pk")
    )


AWAITING_COUNT_KEY = "masthead:moderation:awaiting-count"


def awaiting_count() -> int:
    """How many comments wait for an editor: the number in the admin menu and on the
    dashboard. Kept in the shared cache, since every admin page shows it; any change
    to a comment or a flag forgets it."""
    count = cache.get(AWAITING_COUNT_KEY)
    if count is None:
        count = awaiting_moderation().count()
        cache.set(AWAITING_COUNT_KEY, count, timeout=3600)
    return count


def forget_awaiting_count(**kwargs) -> None:
    """Drop the cached count (also a receiver for comment and flag saves and deletes)."""
    cache.delete(AWAITING_COUNT_KEY)


# --- Editors' decisions -------------------------------------------------------------


def _record(comments: list[XtdComment], kind: str, user) -> None:
    now = timezone.now()
    for comment in comments:
        CommentFlag.objects.update_or_create(
            comment=comment, user=user, flag=kind, defaults={"flag_date": now}
        )


def approve(comments: Iterable[XtdComment], user) -> int:
    """Publish held comments and clear readers' flags; followers hear of newly public ones."""
    from .mail import notify_followers

    comments = [comment for comment in comments if not comment.is_removed]
    newly_public = [comment for comment in comments if not comment.is_public]
    with transaction.atomic():
        XtdComment.objects.filter(pk__in=[c.pk for c in comments]).update(is_public=True)
        _record(comments, CommentFlag.MODERATOR_APPROVAL, user)
        transaction.on_commit(forget_awaiting_count)
    for comment in newly_public:
        comment.is_public = True
        transaction.on_commit(lambda comment=comment: notify_followers(comment))
    transaction.on_commit(invalidate_all)
    return len(comments)


def remove(comments: Iterable[XtdComment], user) -> int:
    """Take comments down. Their replies stay, under a "comment removed" line.

    xtd's own save hides a removed comment's whole branch; an update keeps the
    replies (they are other readers' words) and so skips that signal on purpose.
    """
    comments = list(comments)
    with transaction.atomic():
        XtdComment.objects.filter(pk__in=[c.pk for c in comments]).update(is_removed=True)
        _record(comments, CommentFlag.MODERATOR_DELETION, user)
        transaction.on_commit(forget_awaiting_count)
    transaction.on_commit(invalidate_all)
    return len(comments)


def remove_own(comment: XtdComment) -> None:
    """A reader deletes their own comment; replies to it stay."""
    XtdComment.objects.filter(pk=comment.pk).update(is_removed=True)
    transaction.on_commit(invalidate_all)
    transaction.on_commit(forget_awaiting_count)


def has_flagged(user, comment_ids: Iterable[int]) -> set[int]:
    """Which of these comments ``user`` has already flagged."""
    if not user.is_authenticated:
        return set()
    return set(
        CommentFlag.objects.filter(
            user=user, comment_id__in=list(comment_ids), flag=CommentFlag.SUGGEST_REMOVAL
        ).values_list("comment_id", flat=True)
    )
