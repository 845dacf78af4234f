"""Mail about comments: a visitor's confirmation request and followers' notices.

Masthead writes these itself rather than through django-comments-xtd, whose
links are signed pickles: every link here comes from :mod:`.links`.
A confirmation request never quotes what the visitor wrote (nor any link they
put in it), so the site can't be made to carry somebody else's words to an
inbox; it names only the article.
"""

from __future__ import annotations

from django.conf import settings
from django.template import loader
from django.urls import reverse
from django_comments_xtd.models import TmpXtdComment, XtdComment
from django_comments_xtd.utils import send_mail

from .comments import public_name
from .links import confirmation_key, mute_key


def send_confirmation_request(comment: TmpXtdComment) -> None:
    """Mail a visitor the link that publishes their comment."""
    confirmation_url = reverse("comments-xtd-confirm", args=[confirmation_key(comment)])
    text = loader.render_to_string(
        "django_comments_xtd/email_confirmation_request.txt",
        {
            "comment": comment,
            "article": comment.content_object,
            "confirmation_url": confirmation_url,
            "contact": settings.COMMENTS_XTD_CONTACT_EMAIL,
        },
    )
    send_mail("Publish your comment?", text, settings.COMMENTS_XTD_FROM_EMAIL, [comment.user_email])


def notify_followers(comment: XtdComment) -> None:
    """Tell everyone following the article's comments (but the author) of a public one."""
    followers: dict[str, str] = {}
    earlier = (
        XtdComment.norel_objects.filter(
            content_type_id=comment.content_type_id,
            object_pk=comment.object_pk,
            is_public=True,
            is_removed=False,
            followup=True,
        )
        .exclude(user_email__iexact=comment.user_email)
        .exclude(user_email="")
        .order_by("submit_date")
        .values_list("user_email", "user_name")
    )
    for email, name in earlier:
        followers.setdefault(email.lower(), name)
    article = comment.content_object
    template = loader.get_template("django_comments_xtd/email_followup_comment.txt")
    for email, name in followers.items():
        mute_url = reverse(
            "comments-xtd-mute", args=[mute_key(comment.content_type_id, comment.object_pk, email)]
        )
        text = template.render(
            {
                "user_name": name,
                "author": public_name(comment),
                "comment": comment,
                "content_object": article,
                "mute_url": mute_url,
            }
        )
        send_mail(
            f"New comment on “{article.title}”", text, settings.COMMENTS_XTD_FROM_EMAIL, [email]
        )
