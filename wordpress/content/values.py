"""What a conversion produces (``ImageRef``, ``Body``) and what it carries along."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ImageRef:
    """A picture in the post, as WordPress described it; the importer finds the file.

    ``url`` is the address as written (a resized variant such as ``name-300x200.jpg``
    stays as it is) and is empty when only the attachment id is known (``[gallery]``).
    """

    url: str
    attachment_id: int | None
    alt: str
    caption: str


@dataclass(frozen=True)
class AttachedPictures:
    """``[gallery]`` without ids: the pictures attached to the post (less ``exclude``), which
    only the importer knows."""

    exclude: tuple[int, ...] = ()


@dataclass(frozen=True)
class Body:
    """An article body converted from one post's content.

    ``blocks`` are StreamField blocks of ``articles.blocks.ArticleBodyBlock``, with an
    ``ImageRef`` in each image block's ``image``; ``warnings`` say, one sentence each,
    what did not convert as it was; ``has_more`` tells whether the post had a
    ``<!--more-->`` teaser break and ``pages`` how many ``<!--nextpage-->`` pages were
    joined into the body.
    """

    blocks: list[dict]
    warnings: list[str]
    has_more: bool
    pages: int


@dataclass
class Conversion:
    """The state of converting one post: the link rewriter and the warnings so far."""

    rewrite_url: Callable[[str], str | None]
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        """Report ``message`` once, however often the same thing happens in the post."""
        if message not in self.warnings:
            self.warnings.append(message)
