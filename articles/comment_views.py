"""Readers' comment actions: post, edit, delete, flag and stop follow-up mails.

Posting goes through django-contrib-comments' own view (its signed form, its
signals, xtd's threading and confirmation mails), wrapped so that it is rate
limited and runs in one transaction. xtd stores a reply in two steps (insert,
then work out its place in the thread and save again); inside one transaction,
with the thread's first comment locked, concurrent replies are placed one after
the other and a failure leaves nothing half-stored.
"""

from __future__ import annotations

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
from django_comments.views.comments import post_comment as contrib_post_comment
from django_comments_xtd import signed
from django_comments_xtd import views as xtd_views
from django_comments_xtd.conf import settings as xtd_settings
from django_comments_xtd.models import XtdComment

from home.page_cache import invalidate_all

from . import moderation
from .models import ArticlePage, CommentEdit, DiscussionSettings
from .models.discussion import edit_window


@require_POST
def post_comment(request):
    """Post a comment or reply; 429 once the commenter's rate limit is used up."""
    if not moderation.within_rate_limits(request):
        response = TemplateResponse(request, "comments/rate_limited.html", status=429)
        response["Retry-After"] = "60"
        return response
    with transaction.atomic():
        response = contrib_post_comment(request)
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


def _article_of(comment: XtdComment) -> ArticlePage:
    article = comment.content_object
    if not isinstance(article, ArticlePage):
        raise Http404("No such comment.")
    return article


def _own_comment(request, comment_id: int) -> XtdComment:
    """The signed-in reader's own, not yet removed comment, or 404 for anybody else's."""
    return get_object_or_404(XtdComment, pk=comment_id, user_id=request.user.pk, is_removed=False)


@login_required
def edit_comment(request, comment_id: int):
    """The author corrects their comment within the site's edit window."""
    comment = _own_comment(request, comment_id)
    article = _article_of(comment)
    window = edit_window(DiscussionSettings.for_request(request))
    deadline = comment.submit_date + window if window else None
    context = {"comment": comment, "article": article, "deadline": deadline}
    if deadline is None or timezone.now() > deadline:
        return TemplateResponse(request, "comments/edit_closed.html", context, status=403)
    form = CommentEditForm(request.POST or None, initial={"comment": comment.comment})
    if request.method == "POST" and form.is_valid():
        # An update, not save(): xtd's save signal would republish held replies.
        XtdComment.objects.filter(pk=comment.pk).update(comment=form.cleaned_data["comment"])
        CommentEdit.objects.update_or_create(
            comment=comment, defaults={"edited_at": timezone.now()}
        )
        transaction.on_commit(invalidate_all)
        messages.success(request, "Your comment is updated.")
        return HttpResponseRedirect(f"{article.url}#c{comment.pk}")
    context["form"] = form
    status = 400 if form.errors else 200
    return TemplateResponse(request, "comments/edit.html", context, status=status)


@login_required
def delete_comment(request, comment_id: int):
    """The author takes their comment down; replies to it stay."""
    comment = _own_comment(request, comment_id)
    article = _article_of(comment)
    if request.method == "POST":
        moderation.remove_own(comment)
        messages.success(request, "Your comment is deleted.")
        return HttpResponseRedirect(f"{article.url}#comments")
    context = {"comment": comment, "article": article}
    return TemplateResponse(request, "comments/delete.html", context)


def _signed_comment(key: str):
    """The comment a mailed link carries, or None when the link was cut or changed."""
    try:
        return signed.loads(str(key), extra_key=xtd_settings.COMMENTS_XTD_SALT)
    except (ValueError, signed.BadSignature):
        return None


def _broken_link(request) -> TemplateResponse:
    return TemplateResponse(request, "comments/confirm_invalid.html", status=400)


def confirm(request, key: str):
    """A visitor's confirmation link: asks first, then publishes on POST.

    xtd publishes on GET; a mail scanner that opens links would then publish
    for the visitor. The page shows what will be published and waits for a click.
    """
    pending = _signed_comment(key)
    if pending is None:
        return _broken_link(request)
    if request.method == "POST":
        with transaction.atomic():
            return xtd_views.confirm(request, key)
    context = {"comment": pending, "article": pending.content_object}
    return TemplateResponse(request, "comments/confirm.html", context)


def mute(request, key: str):
    """Stop follow-up mails for one article: asks first, so a mail scanner can't do it."""
    if _signed_comment(key) is None:
        return _broken_link(request)
    if request.method == "POST":
        return xtd_views.mute(request, key)
    return TemplateResponse(request, "comments/mute_confirm.html", {"key": key})


def flag(request, comment_id: int):
    """Report a comment to the editors (xtd's view, on articles only)."""
    comment = get_object_or_404(XtdComment, pk=comment_id, is_public=True, is_removed=False)
    _article_of(comment)
    return xtd_views.flag(request, comment_id)
