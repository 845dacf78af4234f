"""Empty the anonymous page cache whenever what readers see may have changed."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.view_restrictions import BaseViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from masthead.page_cache import invalidate_all

from .models import ThemeSettings


def page_changed(sender, **kwargs) -> None:
    invalidate_all()


# What saving a draft, locking or commenting in the admin writes to a page row:
# none of it is shown to readers.
EDITORIAL_FIELDS = {
    "comments",
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
}


def readers_see(instance, created: bool, update_fields) -> bool:
    """Whether saving or deleting ``instance`` may change a public page."""
    if isinstance(instance, Page):
        if not instance.live:
            return False  # drafts; unpublishing has its own signal
        return not (update_fields and set(update_fields) <= EDITORIAL_FIELDS)
    if isinstance(instance, BaseViewRestriction):
        # A page (and its subtree) made private, public, or private another way:
        # the page itself, and every listing, feed and related block showing it.
        return True
    if isinstance(instance, ThemeSettings | get_image_model()):
        # A new theme row holds the defaults already shown; a new image isn't used yet.
        return not created
    return isinstance(instance, Site)


def model_changed(sender, instance=None, created: bool = False, update_fields=None, **kwargs):
    if readers_see(instance, created, update_fields):
        invalidate_all()


def restriction_groups_changed(sender, action: str, **kwargs) -> None:
    """The admin's privacy form saves the restriction, then its groups."""
    if action.startswith("post_"):
        invalidate_all()


def connect() -> None:
    # Wagtail sends these for the admin's actions and for `publish_scheduled`
    # (a scheduled expiry unpublishes through the same action).
    page_published.connect(page_changed, dispatch_uid="masthead-cache-published")
    page_unpublished.connect(page_changed, dispatch_uid="masthead-cache-unpublished")
    post_page_move.connect(page_changed, dispatch_uid="masthead-cache-moved")
    # No sender: deleting a page sends post_delete for its concrete class (ArticlePage),
    # and view restrictions of every kind (pages, collections) count.
    post_save.connect(model_changed, dispatch_uid="masthead-cache-saved")
    post_delete.connect(model_changed, dispatch_uid="masthead-cache-deleted")
    m2m_changed.connect(
        restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="masthead-cache-restriction-groups",
    )
