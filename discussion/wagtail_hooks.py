"""Admin wiring for the discussion: the Comments menu item, its queue, permission and
dashboard count."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.sidebar import LinkMenuItem

from masthead.moved_settings import settings_moved

from . import admin_views


class CommentsMenuItem(MenuItem):
    """ "Comments" in the sidebar, for moderators, with the queue's length in its label."""

    def is_shown(self, request) -> bool:
        return admin_views.can_moderate(request.user)

    def render_component(self, request):
        # Wagtail 8's sidebar items have no badge; the count goes in the label. Menu
        # items are shared between requests, so build a new component, never set self.label.
        count = admin_views.awaiting_count_for(request)
        label = f"{self.label} ({count})" if count else self.label
        return LinkMenuItem(
            self.name,
            label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


class CommentsSummaryItem(SummaryItem):
    """ "N comments awaiting moderation" on the admin's home page, for moderators."""

    order = 400
    template_name = "discussion/admin/summary_item.html"

    def is_shown(self) -> bool:
        return admin_views.can_moderate(self.request.user)

    def get_context_data(self, parent_context):
        return {
            "count": admin_views.awaiting_count_for(self.request),
            "queue_url": reverse(f"{admin_views.NAMESPACE}:index"),
        }


@hooks.register("register_admin_urls")
def register_moderation_urls():
    """The moderation queue at /admin/comments/."""
    return admin_views.admin_urls


@hooks.register("register_admin_urls")
def register_moved_settings_urls():
    """/admin/settings/articles/discussionsettings/ (articles held it once) still opens it."""
    return settings_moved("articles", "discussionsettings", "discussion")


@hooks.register("register_admin_menu_item")
def register_comments_menu_item():
    """Comments, after Pages and before the media libraries."""
    return CommentsMenuItem(
        "Comments",
        reverse(f"{admin_views.NAMESPACE}:index"),
        name="comments",
        icon_name="comment",
        order=250,
    )


@hooks.register("construct_homepage_summary_items")
def add_comments_summary_item(request, items) -> None:
    """Show moderators how many comments wait for them."""
    items.append(CommentsSummaryItem(request))


@hooks.register("register_permissions")
def register_moderation_permission():
    """ "Can moderate comments" on the group edit screen, so editors' groups can be given it."""
    app_label, codename = admin_views.MODERATE_PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)
