"""Work done once when an article is published, so its first reader doesn't wait for it."""

from __future__ import annotations

import logging

from wagtail.signals import page_published

from .models import (
    AUTHOR_PHOTO_RENDITION,
    BODY_IMAGE_RENDITIONS,
    CARD_RENDITION,
    HERO_RENDITIONS,
    SHARE_RENDITION,
    ArticlePage,
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


page_published.connect(prepare_renditions, sender=ArticlePage)
