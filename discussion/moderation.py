"""Whether a comment is published, held for an editor or refused, and editors' decisions.

A new comment passes, in order: the commenter's rate limits (per account and per
address, counted in the shared cache so they hold across server processes), the
plugins' hook ``moderate_comment``, then the site's Settings → Discussion policy.
The strictest answer wins: one "reject" refuses the comment, one "hold" sends it
to the moderation queue.

Editors' decisions (approve, remove) go through :func:`approve` and :func:`remove`,
so the article's cached page, the flags and the follow-up mails stay consistent
whichever screen made them.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import secrets
import time
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.filebased import FileBasedCache
from django.db import transaction
from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from masthead.conf import masthead_setting
from masthead.page_cache import invalidate_all
from plugins.manager import get_host
from plugins.types import Verdict

from .models import ModerationPolicy, discussed_page_types

logger = logging.getLogger(__name__)


# --- Rate limits ------------------------------------------------------------------
#
# Each source (an account, an address, a mail recipient) has a log of its latest
# attempts in the default cache: an attempt is allowed when, for every rate, fewer
# than ``amount`` earlier attempts fall in the ``seconds`` before it. The window
# slides with the clock, so no stretch of ``seconds`` ever admits more than
# ``amount``, whatever calendar minute it straddles. Refused attempts are logged
# too: a source that keeps trying faster than its rate stays refused.
#
# Django's cache has no compare-and-set, so reading and rewriting a log happens
# under a short per-source lock taken with ``cache.add`` (atomic on Redis, local
# memory and the database cache). The file cache's ``add`` is a check then a
# write, not atomic: there one ``flock``-ed file beside the entries serialises the
# read and the rewrite across processes instead.


@dataclass(frozen=True)
class Rate:
    amount: int
    seconds: int


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# A lock left by a process that died mid-update blocks its source for this long.
_LOCK_SECONDS = 5
# How long an attempt waits for its source's lock before it is refused.
_LOCK_WAIT_SECONDS = 2.0


def parse_rates(text: str) -> list[Rate]:
    """``"5/m,40/h"`` → two rates; an empty string means no limit."""
    rates = []
    for part in filter(None, (piece.strip() for piece in text.split(","))):
        amount, _, unit = part.partition("/")
        count = "".join(ch for ch in unit if ch.isdigit()) or "1"
        letter = unit[len(count) :] if unit[:1].isdigit() else unit
        if not amount.isdigit() or letter not in _UNITS:
            raise ValueError(f"{part!r} is not a rate like '5/m', '40/h' or '3/10m'")
        rates.append(Rate(int(amount), int(count) * _UNITS[letter]))
    return rates


def client_address(request) -> str:
    """The commenter's address as allauth sees it (it honours trusted proxy settings)."""
    from allauth.account.adapter import get_adapter

    return get_adapter(request).get_client_ip(request)


def clock() -> float:
    """The clock the rate limits count by, in seconds (tests move it)."""
    return time.time()


@contextmanager
def _file_lock() -> Iterator[bool]:
    folder = Path(settings.CACHES[DEFAULT_CACHE_ALIAS]["LOCATION"])
    folder.mkdir(parents=True, exist_ok=True)
    # Not a *.djcache file, so the cache's clear() and culling leave it alone.
    with open(folder / "masthead-rate-limits.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def _cache_lock(key: str) -> Iterator[bool]:
    token = secrets.token_hex(8)
    deadline = time.monotonic() + _LOCK_WAIT_SECONDS
    while not cache.add(key, token, timeout=_LOCK_SECONDS):
        if time.monotonic() > deadline:
            yield False
            return
        time.sleep(0.005)
    try:
        yield True
    finally:
        if cache.get(key) == token:  # not a lock that expired and was taken since
            cache.delete(key)


def _locked(key: str):
    """Hold ``key``'s lock across processes; yields False if it could not be had in time."""
    if isinstance(caches[DEFAULT_CACHE_ALIAS], FileBasedCache):
        return _file_lock()
    return _cache_lock(f"{key}:lock")


def _consume(source: str, rates: Iterable[Rate]) -> bool:
    """Log one attempt by ``source``; False if any rate's window already holds its amount."""
    rates = list(rates)
    if not rates:
        return True
    key = f"masthead:rate:{source}"
    longest = max(rate.seconds for rate in rates)
    with _locked(key) as locked:
        if not locked:
            logger.warning("Rate limit lock for %s stayed taken; attempt refused", source)
            return False
        moment = clock()
        log = sorted(t for t in cache.get(key, ()) if t > moment - longest)
        allowed = all(
            sum(1 for t in log if t > moment - rate.seconds) < rate.amount for rate in rates
        )
        log.append(moment)
        # The latest ``amount`` attempts decide whether a window is full, so a source
        # that keeps hammering costs no more room than one at its limit.
        keep = max(rate.amount for rate in rates) or 1
        cache.set(key, log[-keep:], timeout=longest + 1)
    return allowed


def within_rate_limits(request) -> bool:
    """Whether this request may post one more comment (counts it if so or not)."""
    allowed = True
    if request.user.is_authenticated:
        rates = parse_rates(masthead_setting("COMMENT_RATE_LIMIT_PER_USER"))
        allowed = _consume(f"comment:user:{request.user.pk}", rates)
    rates = parse_rates(masthead_setting("COMMENT_RATE_LIMIT_PER_ADDRESS"))
    return _consume(f"comment:ip:{client_address(request)}", rates) and allowed


def normalise_recipient(email: str) -> str:
    """One mailbox, however its address is written: case, spaces, ``+tags`` and Gmail's dots.

    Only for counting: a limit per mailbox must not be dodged by writing
    ``Victim+1@Example.org``, ``v.ictim@gmail.com`` and so on.
    """
    local, _, domain = unicodedata.normalize("NFKC", email).strip().lower().rpartition("@")
    local = local.split("+", 1)[0]
    if domain in {"gmail.com", "googlemail.com"}:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


def within_confirmation_mail_limits(request, email: str) -> bool:
    """Whether the site may mail one more "confirm your comment" link to ``email`` for
    this request (counts it if so or not): limited per recipient and per sender address."""
    # Hashed: the cache holds no readers' addresses, and any address makes a valid key.
    recipient = hashlib.sha256(normalise_recipient(email).encode()).hexdigest()
    rates = parse_rates(masthead_setting("CONFIRMATION_MAIL_RATE_LIMIT_PER_RECIPIENT"))
    allowed = _consume(f"confirm-mail:to:{recipient}", rates)
    rates = parse_rates(masthead_setting("CONFIRMATION_MAIL_RATE_LIMIT_PER_ADDRESS"))
    return _consume(f"confirm-mail:ip:{client_address(request)}", rates) and allowed


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
