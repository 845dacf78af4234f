"""What a WordPress export holds, as plain records; and the error a bad file raises."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


class WXRError(Exception):
    """The file is not a whole, well-formed WordPress export; says where and why."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Source:
    """Where a record starts: the file and line, for the report's warnings."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Channel:
    """The exported site: its name and addresses, and the WXR version of the file."""

    source: Source
    title: str = ""
    link: str = ""
    description: str = ""
    language: str = ""
    wxr_version: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""


@dataclass(frozen=True)
class Author:
    """A ``wp:author``: one of the site's users who wrote something (WXR 1.1 and later)."""

    source: Source
    wp_id: int | None
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass(frozen=True)
class Term:
    """A category, a tag or another taxonomy's term, declared for the whole site.

    ``kind`` is the taxonomy: ``category``, ``post_tag``, ``nav_menu``, … Slugs are
    percent-decoded (WordPress stores ``caf%c3%a9`` for ``café``).
    """

    source: Source
    kind: str
    wp_id: int | None
    slug: str
    name: str
    parent_slug: str = ""
    description: str = ""


@dataclass(frozen=True)
class ItemTerm:
    """One of an item's categories or tags, as the item names it."""

    kind: str
    slug: str
    name: str


@dataclass(frozen=True)
class Comment:
    """A comment, pingback or trackback on an item."""

    wp_id: int | None
    author: str = ""
    email: str = ""
    url: str = ""
    ip: str = ""
    date: datetime | None = None
    date_gmt: datetime | None = None
    content: str = ""
    approved: str = ""  # "1", "0" (pending), "spam", "trash"
    kind: str = ""  # "", "comment", "pingback", "trackback"
    parent_id: int | None = None
    user_id: int | None = None


@dataclass(frozen=True)
class Item:
    """A post, page, attachment, menu item or any other post type, with its comments."""

    source: Source
    wp_id: int | None
    post_type: str
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    date: datetime | None = None
    date_gmt: datetime | None = None
    slug: str = ""
    status: str = ""
    parent_id: int | None = None
    menu_order: int = 0
    password: str = ""
    sticky: bool = False
    attachment_url: str = ""
    terms: tuple[ItemTerm, ...] = ()
    meta: tuple[tuple[str, str], ...] = ()
    comments: tuple[Comment, ...] = ()
    problems: tuple[str, ...] = ()

    def meta_value(self, key: str) -> str:
        """The first value of post meta ``key`` (``_thumbnail_id``, …), or ""."""
        return next((value for name, value in self.meta if name == key), "")

    def meta_values(self, key: str) -> list[str]:
        """Every value of post meta ``key`` (``_wp_old_slug`` may repeat)."""
        return [value for name, value in self.meta if name == key]


Record = Channel | Author | Term | Item


@dataclass
class Summary:
    """What :func:`check` found in a file: how many records of each kind."""

    path: str
    wxr_version: str = ""
    counts: Counter[str] = field(default_factory=Counter)
