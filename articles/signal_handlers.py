"""Work done once when an article is published, so its first reader doesn't wait for it."""

from __future__ import annotations

import hashlib
import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.search import index
from wagtail.signals import page_published

from .models import (
    AUTHOR_PHOTO_RENDITION,
    BODY_IMAGE_RENDITIONS,
    CARD_RENDITION,
    HERO_RENDITIONS,
    SHARE_RENDITION,
    ArticlePage,
    bump_images_generation,
)

logger = logging.getLogger(__name__)


def prepare_renditions(sender, instance: ArticlePage, **kwargs) -> None:
    """Generate every image size the article page and its cards will ask for."""
    wanted = []
    if instance.hero_image is not None:
        wanted.append((instance.hero_image, [*HERO_RENDITIONS, SHARE_RENDITION, CARD_RENDITION]))
    for block in instance.body:
        if block.block_type == "image" and block.value.get("image") is not None:
            wanted.append((block.value["image"], list(BODY_IMAGE_RENDITIONS)))
    for author in instance.ordered_authors():
        if author.photo is not None:
            wanted.append((author.photo, [AUTHOR_PHOTO_RENDITION]))
    for image, filters in wanted:
        try:
            image.get_renditions(*filters)
        except OSError:
            # A missing or unreadable original is reported, not fatal to publishing;
            # the page shows the image as soon as the file is back.
            logger.warning("Could not prepare renditions of image %s for %s", image.pk, instance)


def reindex_with_tags(sender, instance: ArticlePage, **kwargs) -> None:
    """Index the article again once its tags are saved.

    Wagtail indexes a page while publishing it, before the revision's tags are
    written, so a tag added in an edit would otherwise stay unsearchable.
    """
    transaction.on_commit(lambda: index.insert_or_update_object(instance))


def forget_cached_bodies(sender, **kwargs) -> None:
    """An edited image (alt text, focal point, file) must show in cached article bodies."""
    bump_images_generation()


def give_the_tag_a_slug(sender, instance: Tag, **kwargs) -> None:
    """A tag whose name makes no slug ("?", "—", an emoji) still gets one, from its name.

    taggit stores such a tag with an empty slug, and every page that links the tag
    (its articles, the section's tag list) then failed with a 500.
    """
    if not instance.slug:
        instance.slug = f"tag-{hashlib.sha256(instance.name.encode()).hexdigest()[:10]}"


def connect() -> None:
    page_published.connect(prepare_renditions, sender=ArticlePage, dispatch_uid="renditions")
    page_published.connect(reindex_with_tags, sender=ArticlePage, dispatch_uid="reindex")
    pre_save.connect(give_the_tag_a_slug, sender=Tag, dispatch_uid="tag-slug")
    image_model = get_image_model()
    post_save.connect(forget_cached_bodies, sender=image_model, dispatch_uid="bodies-saved")
    post_delete.connect(forget_cached_bodies, sender=image_model, dispatch_uid="bodies-deleted")
