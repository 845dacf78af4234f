"""The demo publication as specs, read from the editable files in demo/content/.

``site.toml``, ``sections.toml`` and ``images.toml`` hold the identity, sections and
pictures; ``authors/<slug>.md`` and ``articles/<slug>.md`` are Markdown with TOML front
matter between ``+++`` lines (see demo/content/README.md). They are read once, on first
use, into the constants the loader and ``manage.py load_demo`` use (SITE_NAME, SECTIONS,
AUTHORS, ARTICLES, IMAGES …); a file that can't be read raises ContentError, naming it.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .files import ContentError, Fields, pages, read_page, read_toml
from .images import MOTIFS, HeroArt, Portrait
from .markup import Block, BodyError, parse_body

__all__ = [
    "CONTENT_DIR",
    "ArticleSpec",
    "AuthorSpec",
    "Block",
    "ContentError",
    "DemoContent",
    "ImageSpec",
    "SectionSpec",
    "content",
    "read_content",
]

# Beside this module, never relative to the working directory.
CONTENT_DIR = Path(__file__).resolve().parent / "content"


@dataclass(frozen=True)
class ImageSpec:
    """A picture to draw and store, found again on later runs by its title."""

    title: str
    description: str
    art: HeroArt | Portrait


@dataclass(frozen=True)
class SectionSpec:
    """A section (``ArticleIndexPage``) under the home page."""

    slug: str
    title: str
    intro: str


@dataclass(frozen=True)
class AuthorSpec:
    """An ``AuthorPage`` under the author index."""

    slug: str
    name: str
    role: str
    bio: str
    photo: str
    website_url: str = ""
    website_name: str = ""
    social_links: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ArticleSpec:
    """An ``ArticlePage`` in a section; ``related`` are slugs of the editor's picks, in order."""

    slug: str
    title: str
    section: str
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    days_ago: int
    hero: str
    lede: str
    body: tuple[Block, ...]
    hero_alt: str = ""
    hero_caption: str = ""
    source_name: str = ""
    source_url: str = ""
    related: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoContent:
    """Everything in one content directory, checked to refer only to what it defines."""

    site_name: str
    tagline: str
    footer_text: str
    home_intro: str
    lead_article: str
    author_index_slug: str
    author_index_title: str
    author_index_intro: str
    images: dict[str, ImageSpec]
    sections: tuple[SectionSpec, ...]
    authors: tuple[AuthorSpec, ...]
    articles: tuple[ArticleSpec, ...]


# --- reading each kind of file --------------------------------------------


def _read_images(path: Path) -> dict[str, ImageSpec]:
    images: dict[str, ImageSpec] = {}
    for key, table in read_toml(path).data.items():
        fields = Fields(table, path, key)
        title, description = fields.text("title"), fields.text("description")
        hero, portrait = fields.table("hero"), fields.table("portrait")
        if (hero is None) == (portrait is None):
            raise fields.error(f"needs exactly one of [{key}.hero] and [{key}.portrait]")
        art = _hero(hero) if hero is not None else _portrait(portrait)
        fields.finish()
        images[key] = ImageSpec(title, description, art)
    return images


def _hero(fields: Fields) -> HeroArt:
    motif = fields.text("motif")
    if motif not in MOTIFS:
        raise fields.error(f"“motif” should be one of {', '.join(MOTIFS)}")
    art = HeroArt(
        motif, fields.gradient("colours"), fields.colour("accent"), fields.integer("seed")
    )
    fields.finish()
    return art


def _portrait(fields: Fields) -> Portrait:
    art = Portrait(fields.text("initials"), fields.colour("colour"))
    fields.finish()
    return art


def _read_sections(path: Path) -> tuple[SectionSpec, ...]:
    fields = read_toml(path)
    sections = []
    for section in fields.tables("section"):
        sections.append(
            SectionSpec(section.text("slug"), section.text("title"), section.text("intro"))
        )
        section.finish()
    fields.finish()
    if not sections:
        raise fields.error("lists no [[section]]; the demo needs at least one")
    return tuple(sections)


def _in_weight_order(found: list[tuple[int, Path, Any]]) -> tuple[Any, ...]:
    """The specs ordered by their files' ``weight``, which must differ."""
    found.sort(key=lambda item: item[0])
    for (weight, first, _), (same, second, _) in itertools.pairwise(found):
        if weight == same:
            raise ContentError(second, f"has the same weight ({weight}) as {first.name}")
    return tuple(spec for _, _, spec in found)


def _read_authors(directory: Path, images: dict[str, ImageSpec]) -> tuple[AuthorSpec, ...]:
    found = []
    for slug, path in pages(directory):
        front, body, _ = read_page(path)
        fields = Fields(front, path)
        links = []
        for link in fields.tables("social_links"):
            links.append((link.text("label"), link.text("url")))
            link.finish()
        spec = AuthorSpec(
            slug=slug,
            name=fields.text("name"),
            role=fields.text("role", ""),
            bio=body.strip(),
            photo=fields.text("photo"),
            website_url=fields.text("website_url", ""),
            website_name=fields.text("website_name", ""),
            social_links=tuple(links),
        )
        weight = fields.integer("weight")
        fields.finish()
        if spec.photo not in images:
            raise fields.error(f"its photo “{spec.photo}” is not an image in images.toml")
        found.append((weight, path, spec))
    return _in_weight_order(found)


def _read_article(slug: str, path: Path) -> tuple[int, ArticleSpec]:
    front, body, first_line = read_page(path)
    fields = Fields(front, path)
    try:
        blocks = parse_body(body, first_line)
    except BodyError as error:
        raise ContentError(path, str(error)) from error
    spec = ArticleSpec(
        slug=slug,
        title=fields.text("title"),
        section=fields.text("section"),
        authors=fields.texts("authors"),
        tags=fields.texts("tags"),
        days_ago=fields.integer("days_ago"),
        hero=fields.text("hero"),
        lede=fields.text("lede"),
        body=blocks,
        hero_alt=fields.text("hero_alt", ""),
        hero_caption=fields.text("hero_caption", ""),
        source_name=fields.text("source_name", ""),
        source_url=fields.text("source_url", ""),
        related=fields.texts("related", required=False),
    )
    weight = fields.integer("weight")
    fields.finish()
    return weight, spec


def _check_article(spec: ArticleSpec, path: Path, content: DemoContent) -> None:
    """Refuse an article that names a section, author, image or article the demo lacks."""
    wanted = (
        (
            "section",
            (spec.section,),
            [section.slug for section in content.sections],
            "sections.toml",
        ),
        ("author", spec.authors, [author.slug for author in content.authors], "authors/"),
        ("image", (spec.hero, *_figure_images(spec)), list(content.images), "images.toml"),
        (
            "editor's pick",
            spec.related,
            [article.slug for article in content.articles],
            "articles/",
        ),
    )
    missing = [
        f"{kind} “{name}” is not in {where}"
        for kind, names, known, where in wanted
        for name in names
        if name not in known
    ]
    if spec.slug in spec.related:
        missing.append("it lists itself among its editor's picks")
    if missing:
        raise ContentError(path, "; ".join(missing))


def _figure_images(spec: ArticleSpec) -> list[str]:
    return [block["value"]["image"] for block in spec.body if block["type"] == "image"]


def read_content(directory: Path = CONTENT_DIR) -> DemoContent:
    """The demo publication the files in ``directory`` describe; ContentError names a bad file."""
    images = _read_images(directory / "images.toml")
    site = read_toml(directory / "site.toml")
    index = site.table("author_index")
    if index is None:
        raise site.error("needs an [author_index] table: its slug, title and intro")
    paths = dict(pages(directory / "articles"))
    found = []
    for slug, path in paths.items():
        weight, spec = _read_article(slug, path)
        found.append((weight, path, spec))
    content = DemoContent(
        site_name=site.text("site_name"),
        tagline=site.text("tagline"),
        footer_text=site.text("footer_text"),
        home_intro=site.text("home_intro"),
        lead_article=site.text("lead_article"),
        author_index_slug=index.text("slug"),
        author_index_title=index.text("title"),
        author_index_intro=index.text("intro"),
        images=images,
        sections=_read_sections(directory / "sections.toml"),
        authors=_read_authors(directory / "authors", images),
        articles=_in_weight_order(found),
    )
    index.finish()
    site.finish()
    if content.lead_article not in paths:
        raise site.error(f"lead_article “{content.lead_article}” is not in articles/")
    for spec in content.articles:
        _check_article(spec, paths[spec.slug], content)
    return content


@functools.cache
def content() -> DemoContent:
    """The demo content shipped in demo/content/, read on first use."""
    return read_content()


# The module's constants, each a field of content(). They are read when first asked for,
# not on import, so a broken file surfaces where load_demo can report it.
_CONSTANTS = {
    "SITE_NAME": "site_name",
    "TAGLINE": "tagline",
    "FOOTER_TEXT": "footer_text",
    "HOME_INTRO": "home_intro",
    "LEAD_ARTICLE": "lead_article",  # the article the home page features
    "AUTHOR_INDEX_SLUG": "author_index_slug",
    "AUTHOR_INDEX_TITLE": "author_index_title",
    "AUTHOR_INDEX_INTRO": "author_index_intro",
    "IMAGES": "images",
    "SECTIONS": "sections",
    "AUTHORS": "authors",
    # In weight order, the order the loader creates them; an article's editor's picks
    # are created first whatever their place.
    "ARTICLES": "articles",
}


def __getattr__(name: str) -> Any:
    if name in _CONSTANTS:
        return getattr(content(), _CONSTANTS[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_CONSTANTS])
