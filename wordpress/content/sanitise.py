"""What a post's HTML may not bring into Masthead, removed and reported.

Scripts, styles, forms, plug-in objects and the like go, with their content;
event-handler attributes go; links keep only the addresses an editor could write
in markdown (``javascript:`` and ``data:`` links lose their address and keep their
text). Frames and ``<video>``/``<audio>`` from the web become embed markers. Links
are offered to the importer's ``rewrite_url`` first. Comments go too: the body
never shows them (``<!--more-->`` and ``<!--nextpage-->`` are read before this).
"""

from __future__ import annotations

from bs4 import (
    BeautifulSoup,
    CData,
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    ProcessingInstruction,
    Tag,
)

from .markers import EMBED_MARKER
from .urls import is_link_address, is_web_address, played_page, scheme
from .values import Conversion

# Deeper than any layout a person writes; past it elements are unwrapped.
MAX_DEPTH = 40
# Elements removed with everything in them. Markdown has no syntax for any of them,
# and some would run code or load from elsewhere if they reached a page.
_REMOVED = frozenset(
    {
        *("script", "style", "noscript", "template", "object", "embed", "applet", "param"),
        *("frame", "frameset", "form", "input", "button", "select", "option", "textarea"),
        *("link", "meta", "base", "svg", "math", "canvas", "head", "title", "dialog"),
    }
)


def sanitise(soup: BeautifulSoup, conversion: Conversion) -> None:
    """Remove from ``soup`` what must not reach the body, and report each kind once."""
    for element in soup.find_all(True):
        if element.decomposed:
            continue  # inside an element removed already
        name = element.name
        if name == "iframe":
            _frame(soup, element, conversion)
        elif name in ("video", "audio"):
            _media(soup, element, conversion)
        elif name in _REMOVED:
            conversion.warn(f"removed <{name}> element")
            element.decompose()
        else:
            _attributes(element, conversion)


def flatten(soup: BeautifulSoup, conversion: Conversion) -> None:
    """Unwrap elements nested deeper than ``MAX_DEPTH``: their text stays, in order.

    Old posts pasted from word processors can hold hundreds of unclosed ``<span>`` or
    ``<font>`` tags, each inside the last; converting such a tree would recurse as deep.
    """
    depths = {id(soup): 0}
    too_deep = []
    for element in soup.find_all(True):
        depth = depths[id(element.parent)] + 1
        depths[id(element)] = depth
        if depth > MAX_DEPTH:
            too_deep.append(element)
    if too_deep:
        conversion.warn(f"HTML nested over {MAX_DEPTH} elements deep: the deeper ones unwrapped")
    for element in too_deep:
        element.unwrap()


def remove_comments(soup: BeautifulSoup) -> None:
    """Remove comments and declarations; CDATA sections are kept as the text they hold."""
    for node in soup.find_all(string=True):
        if isinstance(node, CData):
            node.replace_with(NavigableString(str(node)))
        elif isinstance(node, (Comment, Declaration, Doctype, ProcessingInstruction)):
            node.extract()


def check_link(link: Tag, conversion: Conversion) -> None:
    """Offer ``link``'s address to ``rewrite_url``; remove it if no editor could write it."""
    href = str(link["href"]).strip()
    rewritten = conversion.rewrite_url(href)
    if rewritten is not None:
        href = rewritten
    if is_link_address(href):
        link["href"] = href
        return
    conversion.warn(f"removed a {scheme(href)}: link address (the link text is kept)")
    del link["href"]


def embed_marker(soup: BeautifulSoup, url: str) -> Tag:
    """The element that stands for an embed of ``url`` until blocks are made."""
    return soup.new_tag(EMBED_MARKER, attrs={"data-url": url})


def _attributes(element: Tag, conversion: Conversion) -> None:
    for attribute in list(element.attrs):
        if attribute.lower().startswith("on"):
            conversion.warn(f"removed {attribute.lower()} event handler attribute")
            del element[attribute]
    if element.name == "a" and element.get("href") is not None:
        check_link(element, conversion)


def _frame(soup: BeautifulSoup, frame: Tag, conversion: Conversion) -> None:
    source = str(frame.get("src") or "").strip()
    if not is_web_address(source):
        conversion.warn("removed <iframe> element")
        frame.decompose()
        return
    url = played_page(source)
    conversion.warn(f"<iframe> of {source} turned into an embed of {url}")
    frame.replace_with(embed_marker(soup, url))


def _media(soup: BeautifulSoup, media: Tag, conversion: Conversion) -> None:
    source = media_source(media)
    if not is_web_address(source):
        conversion.warn(f"removed <{media.name}> element without an http(s) address")
        media.decompose()
        return
    media.replace_with(embed_marker(soup, source))


def media_source(media: Tag) -> str:
    """The address a ``<video>`` or ``<audio>`` plays: its ``src`` or its first source's."""
    source = media.get("src") or next(
        (child.get("src") for child in media.find_all("source") if child.get("src")), ""
    )
    return str(source).strip()
