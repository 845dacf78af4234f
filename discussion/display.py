"""The discussion under a page: its conversations, their order and page, and the reply form."""

from __future__ import annotations

from masthead.page_cache import refuse_query, vouch_for_query
from masthead.pagination import paginate

from .comments import comment_form_for, discussion, masthead_max_thread_level
from .models import CommentOrder, DiscussionSettings, comments_open, edit_window_start


def discussion_context(page, request) -> dict:
    """``comments`` (a page of conversations), their order and count, whether the page
    takes comments now, and the signed reply form for this visitor."""
    settings = DiscussionSettings.for_request(request)
    order = request.GET.get("corder", settings.default_order)
    if order not in CommentOrder.values or {"page", "tag"} & set(request.GET):
        # ?corder=junk, or a listing's parameter, names no variant of this page.
        order = order if order in CommentOrder.values else settings.default_order
        refuse_query(request)
    elif "corder" in request.GET:
        vouch_for_query(request)
    threads, comment_count = discussion(page, newest_first=order == CommentOrder.NEWEST)
    accepts = comments_open(page, settings)
    return {
        "comments": paginate(request, threads, settings.comments_per_page, "cpage"),
        "comment_order": order,
        "comments_open": accepts,
        "viewer_id": request.user.pk,
        "edit_window_start": edit_window_start(settings),
        "reply_form": (
            comment_form_for(page, request, settings.anonymous_comments) if accepts else None
        ),
        "max_thread_level": masthead_max_thread_level(),
        "comment_count": comment_count,
    }
