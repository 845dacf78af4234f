"""A WordPress post's content (``content:encoded``) as an article body.

The API, for the importer; nothing here touches the database::

    convert(content, *, rewrite_url=lambda url: None) -> Body
    plain_text(html) -> str

    Body(blocks: list[dict], warnings: list[str], has_more: bool, pages: int)
    ImageRef(url: str, attachment_id: int | None, alt: str, caption: str)
    AttachedPictures(exclude: tuple[int, ...])

``convert`` returns the StreamField blocks of ``articles.blocks.ArticleBodyBlock``:

- ``{"type": "text", "value": markdown}``: paragraphs, ``##`` headings (a post's
  ``<h1>`` too: the title is the page's only one), lists, links, code, tables,
  rules and quotations (a classic ``<blockquote>``) in the text, written so that
  wagtail-markdown renders them and nothing else (see ``to_markdown``);
- ``{"type": "image", "value": {"image": ImageRef, "alt_text", "caption", "credit": ""}}``
  for every picture: ``wp:image``, each picture of ``wp:gallery`` and
  ``[gallery ids="…"]`` (``url`` empty there), ``[caption]``, and an ``<img>``
  anywhere, which splits the paragraph it is in. The importer swaps the ``ImageRef``
  for an image's id; its ``url`` is as written, resized variants included;
- ``{"type": "attached_pictures", "value": AttachedPictures(exclude)}`` for a
  ``[gallery]`` that names no pictures: WordPress shows the post's attached ones,
  which the importer knows and puts in its place as image blocks;
- ``{"type": "pull_quote", "value": {"quote", "attribution"}}`` for ``wp:quote`` and
  ``wp:pullquote``, the attribution from their ``<cite>`` (a quote with links,
  lists or pictures in it, or too long, is a quotation in the text instead);
- ``{"type": "embed", "value": {"embed": url, "caption"}}`` for ``wp:embed`` and
  ``core-embed/*``, ``wp:video``/``wp:audio``, ``[embed]``, ``[video]``,
  ``[audio]``, frames and ``<video>``/``<audio>`` from the web, and an address a
  known oEmbed provider serves standing alone on its line (other such addresses
  become links).

Block-editor posts are read block by block (``gutenberg``); classic posts get
WordPress's automatic paragraphs first (``autop``). ``<!--more-->`` sets
``has_more`` and ``<!--nextpage-->`` counts ``pages``; the pages are joined and
neither shows. ``rewrite_url`` is asked about every link's address; an answer that
is not None replaces it (a ``page:12`` answer is wagtail-markdown's page link).

``warnings`` names, once each, what did not convert as it was: blocks without a
Masthead equivalent (their content is kept), unknown shortcodes (kept, visible, in
the text), removed scripts, styles, frames, forms, event handlers and
``javascript:``/``data:`` link addresses, frames turned into embeds, links a picture
or a citation loses, pictures without a usable address or moved out of a table,
alt text and captions cut to their fields' length, HTML nested too deep to keep.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import grammar, gutenberg
from .fragment import classic_blocks
from .plain import plain_text
from .to_markdown import LIST_BREAK, ends_with_list, starts_with_list
from .values import AttachedPictures, Body, Conversion, ImageRef

__all__ = ["AttachedPictures", "Body", "ImageRef", "convert", "plain_text"]

# WordPress reads these two comments as they are, wherever they are.
_MORE = re.compile(r"<!--more(.*?)?-->", re.DOTALL)
_NEXTPAGE = re.compile(r"<!--nextpage-->")


def convert(content: str, *, rewrite_url: Callable[[str], str | None] = lambda url: None) -> Body:
    """The article body for one post's content."""
    conversion = Conversion(rewrite_url)
    pages = _NEXTPAGE.split(content)
    if grammar.has_blocks(content):
        blocks = [
            found
            for block in grammar.parse(content)
            for found in gutenberg.blocks_for(block, conversion)
        ]
    else:
        # A classic "<!--more-->" sits on a line of its own: it ends a paragraph.
        blocks = [
            found for page in pages for found in classic_blocks(_MORE.sub("\n\n", page), conversion)
        ]
    return Body(
        blocks=_joined(blocks),
        warnings=conversion.warnings,
        has_more=_MORE.search(content) is not None,
        pages=len(pages),
    )


def _joined(blocks: list[dict]) -> list[dict]:
    # Text blocks that follow one another are one text block.
    joined: list[dict] = []
    for block in blocks:
        if block["type"] == "text" and joined and joined[-1]["type"] == "text":
            before = joined[-1]["value"]
            between = "\n\n"
            if ends_with_list(before) and starts_with_list(block["value"]):
                between = f"\n\n{LIST_BREAK}\n\n"  # two lists stay two lists
            joined[-1] = {"type": "text", "value": f"{before}{between}{block['value']}"}
        else:
            joined.append(block)
    return joined
