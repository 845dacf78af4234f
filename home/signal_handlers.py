"""Empty the anonymous page cache whenever what readers see may have changed."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import ThemeSettings
from .page_cache import invalidate_all


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
    if isinstance(instance, ThemeSettings | get_image_model()):
        # A new theme row holds the defaults already shown; a new image isn't used yet.
        return not created
    return isinstance(instance, Site)


def model_changed(sender, instance=None, created: bool = False, update_fields=None, **kwargs):
    if readers_see(instance, created, update_fields):
        invalidate_all()


def connect() -> None:
    page_published.connect(page_changed, dispatch_uid="masthead-cache-published")
    page_unpublished.connect(page_changed, dispatch_uid="masthead-cache-unpublished")
    post_page_move.connect(page_changed, dispatch_uid="masthead-cache-moved")
    post_save.connect(model_changed, dispatch_uid="masthead-cache-saved")
    post_delete.connect(model_changed, dispatch_uid="masthead-cache-deleted")
