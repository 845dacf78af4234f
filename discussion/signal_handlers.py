"""What happens around a comment: vetting it before it is stored, storing it or mailing
the visitor's confirmation link, telling the commenter, and refreshing cached pages."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django_comments.models import CommentFlag
from django_comments.signals import comment_was_posted, comment_will_be_posted
from django_comments_xtd import views as xtd_views
from django_comments_xtd.models import (
    TmpXtdComment,
    XtdComment,
    max_thread_level_for_content_type,
)
from django_comments_xtd.signals import confirmation_received

from masthead.page_cache import invalidate_all

from . import moderation, rate_limits
from .mail import notify_followers, send_confirmation_request
from .models import DiscussionSettings, is_discussed, is_readable


def vet_comment(sender, comment, request, **kwargs) -> bool:
    """Refuse, hold or pass a comment before it is stored (False makes the post a 400).

    Only signed-in readers comment, unless Settings → Discussion lets visitors
    in; only on articles readers can see and that accept comments; a reply only
    under a published comment on the same article. Then the moderators and the
    site's policy decide whether it is published at once or held.
    """
    target = comment.content_object
    if not is_discussed(target):
        return False
    discussion_settings = DiscussionSettings.for_request(request)
    if not request.user.is_authenticated and not discussion_settings.anonymous_comments:
        return False
    if not is_readable(target):
        return False
    if not target.accepts_comments(request):
        return False
    parent_id = getattr(comment, "parent_id", 0)
    if parent_id and not _reply_allowed(comment, parent_id):
        return False
    verdict = moderation.decide(comment, request, discussion_settings.moderation)
    if verdict == moderation.Verdict.REJECT:
        return False
    if verdict == moderation.Verdict.HOLD:
        comment.is_public = False
    if not request.user.is_authenticated and not rate_limits.within_confirmation_mail_limits(
        request, comment.user_email
    ):
        # Counted only for a comment that passed everything else, so nobody can use
        # up someone's allowance with junk posts; the view answers 429.
        request.masthead_confirmation_mail_refused = True
        return False
    return True


def _reply_allowed(comment, parent_id: int) -> bool:
    """A reply goes under a published comment on the same article, within the depth.

    The thread's first comment is locked until the reply is stored, so replies
    posted at the same moment take their places in the thread one at a time.
    """
    parent = XtdComment.objects.filter(pk=parent_id).first()
    if parent is None or parent.is_removed or not parent.is_public:
        return False
    # xtd hands over a TmpXtdComment (a dict): read the content type object.
    if (parent.content_type_id, str(parent.object_pk)) != (
        comment.content_type.pk,
        str(comment.object_pk),
    ):
        return False
    if parent.level >= max_thread_level_for_content_type(parent.content_type):
        return False  # xtd would raise while saving: refuse cleanly instead
    lock_thread(parent.thread_id)
    return True


def lock_thread(thread_id: int) -> None:
    """Hold the thread's first comment until the transaction ends (a no-op on SQLite,
    whose immediate transactions already let one writer in at a time)."""
    if transaction.get_connection().in_atomic_block:
        list(XtdComment.norel_objects.select_for_update().filter(pk=thread_id).values("pk"))


def vet_confirmation(sender, comment, request, **kwargs) -> bool:
    """A visitor's confirmation link: the site must still take visitors' comments, and
    the article must still be public and take comments, when the link is pressed.

    The same signal comes right after a signed-in reader's comment is stored
    (``xtd_comment`` set); that one was vetted when it was posted.
    """
    if comment.xtd_comment is not None:
        return True
    target = comment.content_object
    if not is_discussed(target):
        return False
    if not DiscussionSettings.for_request(request).anonymous_comments:
        return False
    if not is_readable(target):
        return False
    if not target.accepts_comments(request):
        return False
    return not comment.parent_id or _reply_allowed(comment, comment.parent_id)


def tell_commenter(sender, comment, request, **kwargs) -> None:
    """Say what became of the comment just posted, on the page the reader returns to."""
    if not request.user.is_authenticated:
        text = "Almost there: follow the link we emailed you to publish your comment."
    elif comment.is_public:
        text = "Your comment is published."
    else:
        text = "Thanks! Your comment will appear once an editor has approved it."
    messages.info(request, text)


def store_or_ask_confirmation(sender, comment, request, **kwargs) -> None:
    """Store a signed-in reader's comment, or mail a visitor the link that publishes theirs.

    This replaces django-comments-xtd's own receiver, which signs the visitor's
    comment as a pickle; Masthead's links are signed JSON (see ``links``).
    """
    if not request.user.is_authenticated:
        send_confirmation_request(comment)
        return
    stored = XtdComment(**comment)
    stored.save()
    comment.xtd_comment = stored
    confirmation_received.send(sender=TmpXtdComment, comment=comment, request=request)
    if stored.is_public:
        transaction.on_commit(lambda: notify_followers(stored))


def forget_cached_pages(sender, **kwargs) -> None:
    """A new, edited, removed or approved comment shows on the article at once."""
    invalidate_all()


def connect() -> None:
    # xtd connects its pickle-signing receiver when its views module is imported.
    comment_was_posted.disconnect(xtd_views.on_comment_was_posted, sender=TmpXtdComment)
    comment_was_posted.connect(
        store_or_ask_confirmation, sender=TmpXtdComment, dispatch_uid="store-comment"
    )
    comment_will_be_posted.connect(vet_comment, dispatch_uid="vet-comment")
    comment_was_posted.connect(tell_commenter, dispatch_uid="tell-commenter")
    confirmation_received.connect(vet_confirmation, dispatch_uid="vet-confirmation")
    post_save.connect(forget_cached_pages, sender=XtdComment, dispatch_uid="comment-saved")
    post_delete.connect(forget_cached_pages, sender=XtdComment, dispatch_uid="comment-deleted")
    for model in (XtdComment, CommentFlag):
        for signal in (post_save, post_delete):
            signal.connect(
                moderation.forget_awaiting_count,
                sender=model,
                dispatch_uid=f"awaiting-count-{model.__name__}-{signal is post_save}",
            )
