"""WordPress's automatic paragraphs (``wpautop``), on a parsed tree.

Classic posts are often written without ``<p>``: a blank line ends a paragraph
and a single newline is a line break. Text between block-level elements becomes
paragraphs, also inside ``<div>``, ``<blockquote>`` and the like; inside an element
that holds only a line of text (``<p>``, ``<li>``, a table cell) newlines become
``<br>``; ``<pre>`` and its kind are left alone.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

from .markers import MARKERS

# WordPress's $allblocks, with the elements the sanitiser turns into markers or drops.
BLOCK_LEVEL = frozenset(
    {
        *("table", "thead", "tfoot", "caption", "col", "colgroup", "tbody", "tr", "td", "th"),
        *("div", "dl", "dd", "dt", "ul", "ol", "li", "pre", "form", "map", "area"),
        *("blockquote", "address", "math", "style", "p", "hr", "fieldset", "legend"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "aside", "hgroup"),
        *("header", "footer", "nav", "main", "figure", "figcaption", "details", "menu"),
        *("summary", "video", "audio", "iframe", "object", "embed", "script", "noscript"),
        *MARKERS,
    }
)
# Elements whose text runs are paragraphs of their own.
_FLOW = frozenset(
    {"div", "blockquote", "section", "article", "aside", "header", "footer", "nav", "main"}
    | {"details", "form", "fieldset"}
)
# Elements that hold one run of text, in which a newline is a line break.
_PHRASING = frozenset(
    {"p", "li", "td", "th", "dd", "dt", "figcaption", "caption", "address", "legend"}
    | {"summary", "h1", "h2", "h3", "h4", "h5", "h6"}
)
# Elements whose newlines mean what they say.
_VERBATIM = frozenset({"pre", "script", "style", "textarea", "svg", "math"})
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n\s*")
_NEWLINE = re.compile(r"[ \t\r]*\n[ \t\r]*")


def autop(soup: BeautifulSoup, container: Tag | None = None) -> None:
    """Wrap the text runs of ``container`` (the whole ``soup`` by default) in paragraphs."""
    container = soup if container is None else container
    nodes = _joined([node.extract() for node in list(container.contents)])
    run: list = []
    for node in nodes:
        if isinstance(node, Tag) and node.name in BLOCK_LEVEL:
            _paragraphs(soup, container, run)
            run = []
            container.append(node)
            if node.name in _FLOW:
                autop(soup, node)
            elif node.name in _PHRASING:
                line_breaks(soup, node)
        else:
            run.append(node)
    _paragraphs(soup, container, run)


def line_breaks(soup: BeautifulSoup, tag: Tag) -> None:
    """Turn the newlines in ``tag``'s text into ``<br>``, outside ``<pre>`` and its kind."""
    for text in list(tag.find_all(string=True)):
        if type(text) is not NavigableString or "\n" not in text:
            continue
        if any(parent.name in _VERBATIM for parent in text.parents):
            continue
        value = str(text)
        if _is_break(text.previous_sibling):
            value = value.lstrip(" \t\r\n")
        if _is_break(text.next_sibling):
            value = value.rstrip(" \t\r\n")
        lines = _NEWLINE.split(value)
        pieces: list = [NavigableString(lines[0])]
        for line in lines[1:]:
            pieces += [soup.new_tag("br"), NavigableString(line)]
        pieces = [piece for piece in pieces if piece != ""]
        if pieces:
            text.replace_with(*pieces)
        else:
            text.extract()


def _paragraphs(soup: BeautifulSoup, container: Tag, run: list) -> None:
    paragraphs: list[list] = [[]]
    for node in run:
        if type(node) is NavigableString and _BLANK_LINE.search(node):
            first, *others = _BLANK_LINE.split(str(node))
            paragraphs[-1].append(NavigableString(first))
            paragraphs += [[NavigableString(other)] for other in others]
        else:
            paragraphs[-1].append(node)
    for nodes in paragraphs:
        if not any(_has_content(node) for node in nodes):
            continue
        paragraph = soup.new_tag("p")
        for node in nodes:
            paragraph.append(node)
        _trim(paragraph)
        line_breaks(soup, paragraph)
        container.append(paragraph)


def _joined(nodes: list) -> list:
    # Text split in two (where a comment was) is one text for finding blank lines.
    joined: list = []
    for node in nodes:
        if type(node) is NavigableString and joined and type(joined[-1]) is NavigableString:
            joined[-1] = NavigableString(joined[-1] + node)
        else:
            joined.append(node)
    return joined


def _has_content(node) -> bool:
    if isinstance(node, Tag):
        return True
    return type(node) is NavigableString and bool(node.strip())


def _trim(paragraph: Tag) -> None:
    first = paragraph.contents[0]
    if type(first) is NavigableString:
        first.replace_with(first.lstrip())
    last = paragraph.contents[-1]
    if type(last) is NavigableString:
        last.replace_with(last.rstrip())


def _is_break(node) -> bool:
    return isinstance(node, Tag) and node.name == "br"
