"""Comment URLs under ``/comments/``: the parts of django-contrib-comments and xtd
readers use, with Masthead's own views where it posts, edits, deletes, flags or mutes.

xtd's REST API, likes and moderator views are not routed: editors moderate in
the Wagtail admin, and every way to post passes the same checks.
"""

from django.contrib.contenttypes.views import shortcut
from django.urls import path, re_path
from django_comments.views.comments import comment_done
from django_comments.views.moderation import flag_done

from . import comment_views

urlpatterns = [
    path("post/", comment_views.post_comment, name="comments-post-comment"),
    path("posted/", comment_done, name="comments-comment-done"),
    path("<int:comment_id>/edit/", comment_views.edit_comment, name="comments-edit"),
    path("<int:comment_id>/delete/", comment_views.delete_comment, name="comments-delete-own"),
    path("flag/<int:comment_id>/", comment_views.flag, name="comments-flag"),
    path("flagged/", flag_done, name="comments-flag-done"),
    path("confirm/<str:key>/", comment_views.confirm, name="comments-xtd-confirm"),
    path("mute/<str:key>/", comment_views.mute, name="comments-xtd-mute"),
    re_path(r"^cr/(\d+)/(.+)/$", shortcut, name="comments-url-redirect"),
]
