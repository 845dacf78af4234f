"""What the article models share: image sizes, list cards, cache generations."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.db.models import Prefetch
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.images import get_image_model_string

from discussion.comments import with_comment_counts
from masthead.pagination import paginate

if TYPE_CHECKING:
    from django.http import HttpRequest


IMAGE_MODEL = get_image_model_string()
logger = logging.getLogger(__name__)

# Renditions the templates ask for; prefetched together so a list of cards or
# authors costs one query for all its images, not one per image.
CARD_RENDITION = "fill-640x400"
HERO_RENDITIONS = ("fill-800x450", "fill-1600x900")
SHARE_RENDITION = "fill-1200x630"
AUTHOR_PHOTO_RENDITION = "fill-160x160"
BODY_IMAGE_RENDITIONS = ("width-640", "width-1280")


IMAGES_GENERATION_KEY = "masthead:images-generation"


def images_generation() -> int:
    """A number that changes whenever an image is edited or deleted (see signal_handlers)."""
    generation = cache.get(IMAGES_GENERATION_KEY)
    if generation is None:
        generation = int(time.time() * 1000)
        cache.add(IMAGES_GENERATION_KEY, generation, timeout=None)
    return generation


def bump_images_generation() -> None:
    """Make every cached article body that shows images render afresh."""
    cache.set(IMAGES_GENERATION_KEY, int(time.time() * 1000), timeout=None)


def paginate_cards(request: HttpRequest, articles, per_page: int):
    """A page of article cards, each with its comment count (one query for the page)."""
    page = paginate(request, articles, per_page)
    page.object_list = with_comment_counts(page.object_list)
    return page


def article_cards(queryset):
    """Articles ready for list cards (image, renditions, authors) in a fixed number of queries."""
    from .article import ArticleAuthor  # the article module imports this one

    # Cards never show the body; leaving it out spares parsing every article's stream.
    return (
        queryset.defer("body")
        .select_related("hero_image")
        .prefetch_related(
            Prefetch("hero_image__renditions"),
            Prefetch(
                "article_authors",
                queryset=ArticleAuthor.objects.filter(author__live=True)
                .select_related("author")
                .order_by("sort_order"),
            ),
        )
    )


class FeedRoutesMixin(RoutablePageMixin):
    """A page with feeds of its own at ``feed/rss/`` and ``feed/atom/``.

    ``feed_class_name`` names the feed class in ``articles.feeds`` that lists
    the page's articles.
    """

    feed_class_name = ""

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("feed/rss/", name="rss")
    def rss_feed(self, request):
        return self.feed(request, "rss")

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        return self.feed(request, "atom")

    def feed(self, request, kind: str):
        from .. import feeds  # feeds imports the models

        return getattr(feeds, self.feed_class_name)(self, kind)(request)
