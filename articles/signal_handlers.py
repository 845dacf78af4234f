"""Work done once when an article is published, so its first reader doesn't wait for it."""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django_comments.signals import comment_will_be_posted
from django_comments_xtd.models import XtdComment, max_thread_level_for_content_type
from wagtail.images import get_image_model
from wagtail.search import index
from wagtail.signals import page_published

from home.page_cache import invalidate_all
from masthead.conf import masthead_setting

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


def vet_comment(sender, comment, request, **kwargs) -> bool:
    """Refuse a comment before it is stored: returning False makes the post a 400.

    Only signed-in readers comment (unless MASTHEAD["ANONYMOUS_COMMENTS"]); only on
    articles readers can see; a reply only under a comment on the same article.
    """
    if not request.user.is_authenticated and not masthead_setting("ANONYMOUS_COMMENTS"):
        return False
    target = comment.content_object
    if not isinstance(target, ArticlePage):
        return False
    if not ArticlePage.objects.readable().filter(pk=target.pk).exists():
        return False
    if not target.accepts_comments(request):
        return False
    parent_id = getattr(comment, "parent_id", 0)
    if parent_id:
        parent = XtdComment.objects.filter(pk=parent_id).first()
        if parent is None or parent.is_removed or not parent.is_public:
            return False
        # xtd hands over a TmpXtdComment (a dict): read the content type object.
        if (parent.content_type_id, str(parent.object_pk)) != (
            comment.content_type.pk,
            str(comment.object_pk),
        ):
            return False
        if parent.level >= max_thread_level_for_content_type(parent.content_type):
            return False  # xtd would raise while saving: refuse cleanly instead
    return True


def forget_cached_pages(sender, **kwargs) -> None:
    """A new, edited, removed or approved comment shows on the article at once."""
    invalidate_all()


def connect() -> None:
    comment_will_be_posted.connect(vet_comment, dispatch_uid="vet-comment")
    post_save.connect(forget_cached_pages, sender=XtdComment, dispatch_uid="comment-saved")
    post_delete.connect(forget_cached_pages, sender=XtdComment, dispatch_uid="comment-deleted")
    page_published.connect(prepare_renditions, sender=ArticlePage, dispatch_uid="renditions")
    page_published.connect(reindex_with_tags, sender=ArticlePage, dispatch_uid="reindex")
    image_model = get_image_model()
    post_save.connect(forget_cached_bodies, sender=image_model, dispatch_uid="bodies-saved")
    post_delete.connect(forget_cached_bodies, sender=image_model, dispatch_uid="bodies-deleted")
