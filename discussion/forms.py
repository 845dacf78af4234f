"""The comment form readers post with: xtd's, minus invisible and direction-control characters.

Which characters go and which stay is told in :mod:`masthead.visible_text`.

The comment edit form reuses :func:`clean_comment_text`, so an edit is held to
the same rule as a new comment.
"""

from __future__ import annotations

from django import forms
from django_comments_xtd.forms import XtdCommentForm

from masthead.visible_text import shows_something, strip_invisible

EMPTY_COMMENT = "Your comment is empty."
EMPTY_NAME = "Please give your name."


def clean_comment_text(text: str) -> str:
    """The comment as stored: invisible characters stripped; ValidationError if nothing shows."""
    text = strip_invisible(text).strip()
    if not shows_something(text):
        raise forms.ValidationError(EMPTY_COMMENT, code="empty")
    return text


class CommentForm(XtdCommentForm):
    """xtd's comment form; the comment and the commenter's name are cleaned as above."""

    def clean_comment(self):
        self.cleaned_data["comment"] = clean_comment_text(self.cleaned_data["comment"])
        return super().clean_comment()

    def clean_name(self):
        name = strip_invisible(self.cleaned_data["name"]).strip()
        if not shows_something(name):
            raise forms.ValidationError(EMPTY_NAME, code="empty")
        return name
