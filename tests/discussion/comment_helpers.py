"""Helpers for comment tests: the article's signed comment form, posting, stored comments."""

from __future__ import annotations

import re

from django.contrib.contenttypes.models import ContentType
from django_comments_xtd.models import XtdComment

from articles.models import ArticlePage


def comment_form(client, article) -> dict:
    """The hidden fields of the article's comment form, as a browser would send them."""
    html = client.get(article.url).content.decode()
    form = html.split('id="post-a-comment"', 1)[1].split("</form>", 1)[0]
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    fields.update(
        re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"[^>]*type="hidden"', form)
    )
    return fields


def post_comment(client, article, text, **extra):
    data = {**comment_form(client, article), "comment": text, **extra}
    data.pop("csrfmiddlewaretoken", None)
    return client.post("/comments/post/", data)


def post_and_commit(capture, client, article, text, **extra):
    """Post, then run what waits for the commit (follow-up mails), as a real request does.

    ``capture`` is pytest-django's ``django_capture_on_commit_callbacks``.
    """
    with capture(execute=True):
        return post_comment(client, article, text, **extra)


def add_comment(article, text, user=None, parent=None, **fields):
    comment = XtdComment.objects.create(
        content_type=ContentType.objects.get_for_model(ArticlePage),
        object_pk=str(article.pk),
        site_id=1,
        user=user,
        user_name=user.get_full_name() if user else "Guest",
        user_email=user.email if user else "guest@example.org",
        comment=text,
        parent_id=parent.pk if parent else 0,
        **fields,
    )
    return comment
