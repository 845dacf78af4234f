"""Sections, articles and authors."""

from .article import (
    ArticleAuthor,
    ArticlePage,
    ArticlePageManager,
    ArticlePageQuerySet,
    ArticlePageTag,
    RelatedArticle,
)
from .author import AuthorPage, AuthorSocialLink
from .common import (
    AUTHOR_PHOTO_RENDITION,
    BODY_IMAGE_RENDITIONS,
    CARD_RENDITION,
    HERO_RENDITIONS,
    SHARE_RENDITION,
    article_cards,
    bump_images_generation,
    images_generation,
    paginate_cards,
    with_comment_counts,
)
from .sections import ArticleIndexPage, AuthorIndexPage

__all__ = [
    "AUTHOR_PHOTO_RENDITION",
    "BODY_IMAGE_RENDITIONS",
    "CARD_RENDITION",
    "HERO_RENDITIONS",
    "SHARE_RENDITION",
    "ArticleAuthor",
    "ArticleIndexPage",
    "ArticlePage",
    "ArticlePageManager",
    "ArticlePageQuerySet",
    "ArticlePageTag",
    "AuthorIndexPage",
    "AuthorPage",
    "AuthorSocialLink",
    "RelatedArticle",
    "article_cards",
    "bump_images_generation",
    "images_generation",
    "paginate_cards",
    "with_comment_counts",
]
