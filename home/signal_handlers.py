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


def model_changed(sender, instance=None, created: bool = False, **kwargs) -> None:
    if isinstance(instance, ThemeSettings) and created:
        return  # the first read of a site creates its theme with the defaults it already shows
    # Pages of every type: a save can change a live page's title, menu flag or order.
    if isinstance(instance, Page | Site | ThemeSettings | get_image_model()):
        invalidate_all()


def connect() -> None:
    page_published.connect(page_changed, dispatch_uid="masthead-cache-published")
    page_unpublished.connect(page_changed, dispatch_uid="masthead-cache-unpublished")
    post_page_move.connect(page_changed, dispatch_uid="masthead-cache-moved")
    post_save.connect(model_changed, dispatch_uid="masthead-cache-saved")
    post_delete.connect(model_changed, dispatch_uid="masthead-cache-deleted")
