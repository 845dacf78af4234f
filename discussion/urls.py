"""Comment URLs under ``/comments/``: the parts of django-contrib-comments and xtd
readers use, with Masthead's own views where it posts, edits, deletes, flags or mutes.

xtd's REST API, likes and moderator views are not routed: editors moderate in
the Wagtail admin, and every way to post passes the same checks.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("post/", views.post_comment, name="comments-post-comment"),
    path("posted/", views.posted, name="comments-comment-done"),
    path("<int:comment_id>/edit/", views.edit_comment, name="comments-edit"),
    path("<int:comment_id>/delete/", views.delete_comment, name="comments-delete-own"),
    path("flag/<int:comment_id>/", views.flag, name="comments-flag"),
    path("flagged/", views.flagged, name="comments-flag-done"),
    path("confirm/<str:key>/", views.confirm, name="comments-xtd-confirm"),
    path("mute/<str:key>/", views.mute, name="comments-xtd-mute"),
    path(
        "cr/<int:content_type_id>/<str:object_pk>/",
        views.comment_redirect,
        name="comments-url-redirect",
    ),
]
