"""Comment URLs under ``/comments/``: the parts of django-contrib-comments and xtd
readers use, with Masthead's own views where it posts, edits, deletes, flags or mutes.

xtd's REST API, likes and moderator views are not routed: editors moderate in
the Wagtail admin, and every way to post passes the same checks.
"""

from django.urls import path

from . import comment_views

urlpatterns = [
    path("post/", comment_views.post_comment, name="comments-post-comment"),
    path("posted/", comment_views.posted, name="comments-comment-done"),
    path("<int:comment_id>/edit/", comment_views.edit_comment, name="comments-edit"),
    path("<int:comment_id>/delete/", comment_views.delete_comment, name="comments-delete-own"),
    path("flag/<int:comment_id>/", comment_views.flag, name="comments-flag"),
    path("flagged/", comment_views.flagged, name="comments-flag-done"),
    path("confirm/<str:key>/", comment_views.confirm, name="comments-xtd-confirm"),
    path("mute/<str:key>/", comment_views.mute, name="comments-xtd-mute"),
    path(
        "cr/<int:content_type_id>/<str:object_pk>/",
        comment_views.comment_redirect,
        name="comments-url-redirect",
    ),
]
