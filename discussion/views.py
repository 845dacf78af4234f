"""Readers' comment actions: post, edit, delete, flag and stop follow-up mails.

Posting goes through django-contrib-comments' own view (its signed form, its
signals, xtd's threading and confirmation mails), wrapped so that it is rate
limited and runs in one transaction. xtd stores a reply in two steps (insert,
then work out its place in the thread and save again); inside one transaction,
with the thread's first comment locked, concurrent replies are placed one after
the other and a failure leaves nothing half-stored.
"""

from __future__ import annotations

import time

import django_comments
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_comments.forms import DEFAULT_COMMENTS_TIMEOUT
from django_comments.views.comments import post_comment as contrib_post_comment
from django_comments_xtd import views as xtd_views
from django_comments_xtd.models import TmpXtdComment, XtdComment
from django_comments_xtd.signals import confirmation_received

from masthead.numbers import whole_number
from masthead.page_cache import invalidate_all
from readers.models import display_name

from . import moderation, rate_limits
from .forms import clean_comment_text
from .links import CLOCK_SKEW_SECONDS, mute_target, pending_comment
from .mail import notify_followers
from .models import (
    CommentEdit,
    DiscussionSettings,
    discussed_type_for_content_type,
    discussed_type_named,
    edit_window,
    is_discussed,
)

# django-contrib-comments refuses a comment form older than this (its two hours).
FORM_LIFETIME_SECONDS = DEFAULT_COMMENTS_TIMEOUT


def _too_many(request, template: str, retry_after: int) -> TemplateResponse:
    response = TemplateResponse(request, template, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def _as_the_account(request) -> None:
    """A signed-in reader's comment carries the account's own name and verified address.

    django-contrib-comments keeps whatever ``name`` and ``email`` the form sends and
    fills them only when blank; anyone can send other values, so both are replaced
    here. The address is the account's verified one: follow-up mails go only there.
    """
    from allauth.account.models import EmailAddress

    user = request.user
    verified = (
        EmailAddress.objects.filter(user=user, verified=True)
        .order_by("-primary", "pk")
        .values_list("email", flat=True)
        .first()
    )
    data = request.POST.copy()
    data["name"] = display_name(user)[:50]
    data["email"] = verified or user.email
    if not verified:
        data.pop("followup", None)  # nowhere we may write to
    request.POST = data


def _form_timestamp(request) -> int | None:
    return whole_number(request.POST.get("timestamp"))


def _renewed_form(request):
    """For a genuine form that was open too long (over django-comments' two hours): the
    same form, filled in with what was written, newly signed; None for anything else.

    django-contrib-comments answers such a post with an empty 400 and the reader's
    text is lost; here it comes back to be sent again.
    """
    data = request.POST.copy()
    page_type = discussed_type_named(str(data.get("content_type", "")))
    pk = whole_number(data.get("object_pk"))
    target = None if page_type is None or pk is None else page_type.objects.filter(pk=pk).first()
    if target is None:
        return None
    form = django_comments.get_form()(target, data=data)
    if set(form.security_errors()) != {"timestamp"}:
        return None  # not only stale: forged, or the honeypot was filled
    data.update(form.generate_security_data())
    return django_comments.get_form()(target, data=data)


@require_POST
def post_comment(request):
    """Post a comment or reply; 429 once the commenter's rate limit is used up."""
    if request.user.is_authenticated:
        _as_the_account(request)
    stamp = _form_timestamp(request)
    if stamp is not None and stamp > time.time() + CLOCK_SKEW_SECONDS:
        # Signed by this site, yet from the future: not a form this site handed out.
        return TemplateResponse(request, "comments/form_invalid.html", status=400)
    if stamp is not None and time.time() - stamp > FORM_LIFETIME_SECONDS:
        form = _renewed_form(request)
        if form is not None:
            context = {"form": form, "stale": True}
            return TemplateResponse(request, "comments/preview.html", context, status=400)
    if not rate_limits.within_rate_limits(request):
        return _too_many(request, "comments/rate_limited.html", 60)
    with transaction.atomic():
        response = contrib_post_comment(request)
    if getattr(request, "masthead_confirmation_mail_refused", False):
        return _too_many(request, "comments/mail_limited.html", 3600)
    if response.status_code == 200:
        # django-contrib-comments answers a form with errors by drawing it again
        # (comments/preview.html) with 200; nothing was stored, so say so.
        response.status_code = 400
    return response


class CommentEditForm(forms.Form):
    comment = forms.CharField(
        label="Your comment",
        max_length=settings.COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        strip=True,
    )

    def clean_comment(self) -> str:
        # The same rule as a new comment: no bidi controls, not only invisible characters.
        return clean_comment_text(self.cleaned_data["comment"])


def may_read(request, article) -> bool:
    """Whether this requester may read ``article``: live, and past its view restrictions
    (signed in, in a group, or the password given in this session)."""
    if not is_discussed(article) or not article.live:
        return False
    return all(
        restriction.accept_request(request) for restriction in article.get_view_restrictions()
    )


def _article_of(comment: XtdComment, request):
    """The article a comment is on, or 404 when there is none this requester may read."""
    article = comment.content_object
    if not may_read(request, article):
        raise Http404("No such comment.")
    return article


def _own_comment(request, comment_id: int) -> XtdComment:
    """The signed-in reader's own, not yet removed comment, or 404 for anybody else's."""
    return get_object_or_404(XtdComment, pk=comment_id, user_id=request.user.pk, is_removed=False)


def _save_edit(request, comment: XtdComment, text: str) -> str | None:
    """Store an edit after the same moderation as a new comment; what to tell the author,
    or None when the edit is refused (the comment stays as it was).

    An approved comment edited into spam must not go public unseen: a held edit
    takes the comment out of view until an editor approves it again.
    """
    original, comment.comment = comment.comment, text
    policy = DiscussionSettings.for_request(request).moderation
    verdict = moderation.decide(comment, request, policy)
    if verdict == moderation.Verdict.REJECT:
        comment.comment = original
        return None
    held = verdict == moderation.Verdict.HOLD
    # An update, not save(): xtd's save signal would republish held replies.
    changes = {"comment": text, **({"is_public": False} if held else {})}
    XtdComment.objects.filter(pk=comment.pk).update(**changes)
    CommentEdit.objects.update_or_create(comment=comment, defaults={"edited_at": timezone.now()})
    transaction.on_commit(invalidate_all)
    transaction.on_commit(moderation.forget_awaiting_count)
    if held:
        return "Thanks! Your edit will appear once an editor has approved it."
    return "Your comment is updated."


@login_required
def edit_comment(request, comment_id: int):
    """The author corrects their comment within the site's edit window."""
    comment = _own_comment(request, comment_id)
    article = _article_of(comment, request)
    window = edit_window(DiscussionSettings.for_request(request))
    deadline = comment.submit_date + window if window else None
    context = {"comment": comment, "article": article, "deadline": deadline}
    if deadline is None or timezone.now() > deadline:
        return TemplateResponse(request, "comments/edit_closed.html", context, status=403)
    form = CommentEditForm(request.POST or None, initial={"comment": comment.comment})
    if request.method == "POST" and form.is_valid():
        edited = _save_edit(request, comment, form.cleaned_data["comment"])
        if edited is not None:
            messages.success(request, edited)
            return HttpResponseRedirect(f"{article.url}#c{comment.pk}")
        form.add_error("comment", "This edit can't be published. Your comment is unchanged.")
    context["form"] = form
    status = 400 if form.errors else 200
    return TemplateResponse(request, "comments/edit.html", context, status=status)


@login_required
def delete_comment(request, comment_id: int):
    """The author takes their comment down; replies to it stay."""
    comment = _own_comment(request, comment_id)
    article = _article_of(comment, request)
    if request.method == "POST":
        moderation.remove_own(comment)
        messages.success(request, "Your comment is deleted.")
        return HttpResponseRedirect(f"{article.url}#comments")
    context = {"comment": comment, "article": article}
    return TemplateResponse(request, "comments/delete.html", context)


def _page_of(content_type_id: int, object_pk: str):
    """The page a link names, or None (other kinds of object are never commented on)."""
    page_type = discussed_type_for_content_type(content_type_id)
    pk = whole_number(object_pk)
    return None if page_type is None or pk is None else page_type.objects.filter(pk=pk).first()


def _broken_link(request) -> TemplateResponse:
    return TemplateResponse(request, "comments/confirm_invalid.html", status=400)


def _stored_twin(pending: TmpXtdComment) -> XtdComment | None:
    """The comment already stored from this confirmation link, if it was pressed before."""
    return XtdComment.norel_objects.filter(
        content_type=pending.content_type,
        object_pk=pending.object_pk,
        user_email=pending.user_email,
        submit_date=pending.submit_date,
    ).first()


def confirm(request, key: str):
    """A visitor's confirmation link: asks first, then publishes on POST.

    A mail scanner that opens links must not publish for the visitor, so the
    page shows what will be published and waits for a click. Pressing twice
    publishes once; an article that stopped taking comments publishes nothing.
    """
    pending = pending_comment(key)
    if pending is None:
        return _broken_link(request)
    article = pending.content_object
    if request.method != "POST":
        context = {"comment": pending, "article": article}
        return TemplateResponse(request, "comments/confirm.html", context)
    with transaction.atomic():
        stored = _stored_twin(pending)
        if stored is None:
            answers = confirmation_received.send(
                sender=TmpXtdComment, comment=pending, request=request
            )
            if any(answer is False for _, answer in answers):
                context = {"comment": pending}
                return TemplateResponse(request, "django_comments_xtd/discarded.html", context)
            stored = XtdComment(**pending)
            stored.save()
            if stored.is_public:
                transaction.on_commit(lambda: notify_followers(stored))
    if not stored.is_public:
        return TemplateResponse(request, "django_comments_xtd/moderated.html", {"comment": stored})
    return HttpResponseRedirect(f"{article.url}#c{stored.pk}")


def mute(request, key: str):
    """Stop follow-up mails for one article: asks first, so a mail scanner can't do it."""
    target = mute_target(key)
    if target is None:
        return _broken_link(request)
    article = _page_of(target.content_type_id, target.object_pk)
    if article is None:
        return _broken_link(request)
    if request.method != "POST":
        return TemplateResponse(request, "comments/mute_confirm.html", {"key": key})
    XtdComment.norel_objects.filter(
        content_type_id=target.content_type_id,
        object_pk=target.object_pk,
        user_email__iexact=target.email,
        followup=True,
    ).update(followup=False)
    context = {"content_object": article}
    return TemplateResponse(request, "django_comments_xtd/muted.html", context)


def flag(request, comment_id: int):
    """Report a comment to the editors (xtd's view, on articles the reader may read)."""
    comment = get_object_or_404(XtdComment, pk=comment_id, is_public=True, is_removed=False)
    _article_of(comment, request)
    return xtd_views.flag(request, comment_id)


def _comment_from_query(request) -> XtdComment | None:
    """The comment ``?c=`` names, when it is on an article this requester may read."""
    comment_id = whole_number(request.GET.get("c"))
    if comment_id is None:
        return None
    comment = XtdComment.objects.filter(pk=comment_id).first()
    if comment is None or not may_read(request, comment.content_object):
        return None
    return comment


def flagged(request):
    """After a report: thanks, and a way back to an article the reader may read."""
    context = {"comment": _comment_from_query(request)}
    return TemplateResponse(request, "comments/flagged.html", context)


def posted(request):
    """After posting: what became of the comment, told only to its own author."""
    comment = _comment_from_query(request)
    if comment is not None and comment.user_id != request.user.pk:
        comment = None
    return TemplateResponse(request, "comments/posted.html", {"comment": comment})


def comment_redirect(request, content_type_id: int, object_pk: str):
    """``/comments/cr/…`` (xtd's permalinks): to the article, if the requester may read it."""
    article = _page_of(content_type_id, object_pk)
    if not may_read(request, article):
        raise Http404("No such article.")
    return HttpResponseRedirect(article.full_url)
