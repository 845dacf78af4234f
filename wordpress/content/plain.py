"""HTML as plain text: for titles, excerpts, captions, alt text and pull-quotes."""

from __future__ import annotations

import re
import warnings

from bs4 import BeautifulSoup, CData, MarkupResemblesLocatorWarning, NavigableString, Tag

from .autop import BLOCK_LEVEL

# Elements whose text is code or styling, never words on the page.
_UNSEEN = frozenset({"script", "style", "template", "noscript", "head", "title"})
_WHITESPACE = re.compile(r"\s+")


def parse(html: str) -> BeautifulSoup:
    """``html`` parsed by bs4 with Python's own HTML parser, as a fragment."""
    with warnings.catch_warnings():
        # A post that is nothing but an address is HTML all the same.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return BeautifulSoup(html, "html.parser")


def plain_text(html: str) -> str:
    """``html``'s text: entities decoded, tags stripped, whitespace collapsed."""
    return text_of(parse(html))


def text_of(tag: Tag) -> str:
    """The words in ``tag``, blocks and line breaks apart, whitespace collapsed."""
    # Iterative, not recursive: a deeply nested tree is read like any other.
    pieces: list[str] = []
    block_before = None
    for node in tag.descendants:
        if isinstance(node, Tag):
            if node.name == "br":
                pieces.append(" ")
            continue
        if type(node) not in (NavigableString, CData):
            continue
        block, seen = _placing(node, tag)
        if not seen:
            continue
        if block is not block_before:
            pieces.append(" ")
            block_before = block
        pieces.append(str(node))
    return _WHITESPACE.sub(" ", "".join(pieces)).strip()


def _placing(node, top: Tag) -> tuple[Tag | None, bool]:
    # The block element a piece of text is in (text in different blocks is kept apart),
    # and whether it is seen at all.
    block = None
    for parent in node.parents:
        if parent.name in _UNSEEN:
            return None, False
        if block is None and parent.name in BLOCK_LEVEL:
            block = parent
        if parent is top:
            break
    return block, True
