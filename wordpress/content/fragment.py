"""A piece of a post's HTML to body blocks: text, with pictures and embeds between.

The piece is parsed by bs4, sanitised, its shortcodes expanded into marker
elements, and (for classic content) given WordPress's automatic paragraphs. Each
picture, embed and gallery is then lifted out of the paragraph, list or quote it
sits in, which is split around it, so that it stands between the text blocks
before and after it; what is left between them becomes markdown.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, NavigableString, Tag

from . import shortcodes
from .autop import autop
from .markers import MARKERS
from .pictures import picture_unit, unit_blocks
from .plain import parse
from .sanitise import check_link, embed_marker, flatten, remove_comments, sanitise
from .to_markdown import to_markdown
from .urls import ADDRESS_LINE, is_bare_url, is_embeddable
from .values import Conversion

# Where a post's text is code, shortcodes are text too.
_VERBATIM = ("pre", "code")
_VERBATIM_MARKER = "wp-verbatim"
# Text in these is never an address alone on its line.
_NOT_PROSE = frozenset({"a", "pre", "code", "kbd", "samp", "script", "style", "textarea"})
# Elements that count as content even with no text in them.
_SOLID = ("img", "hr", "table", *MARKERS)


def html_blocks(html: str, conversion: Conversion) -> list[dict]:
    """The body blocks for a piece of HTML written in the block editor."""
    return _blocks(_prepared(html, conversion), conversion)


def classic_blocks(html: str, conversion: Conversion) -> list[dict]:
    """The body blocks for classic-editor HTML, which WordPress gives paragraphs itself."""
    soup = _prepared(html, conversion)
    _embed_address_lines(soup, conversion)
    autop(soup)
    return _blocks(soup, conversion)


def _prepared(html: str, conversion: Conversion) -> BeautifulSoup:
    soup = parse(html)
    flatten(soup, conversion)
    sanitise(soup, conversion)
    if "[" in html:
        soup = _expand_shortcodes(soup, conversion)
    remove_comments(soup)
    return soup


def _expand_shortcodes(soup: BeautifulSoup, conversion: Conversion) -> BeautifulSoup:
    # Shortcodes span elements ("[caption]<img> text[/caption]"), so they are read in
    # the serialised HTML, with the post's code set aside until they are expanded.
    kept: list[Tag] = []
    for element in soup.find_all(_VERBATIM):
        if element.find_parent(_VERBATIM) is None:
            kept.append(element)
            element.replace_with(soup.new_tag(_VERBATIM_MARKER, attrs={"data-n": len(kept) - 1}))
    expanded = parse(shortcodes.expand(soup.decode(), conversion))
    # Markers the shortcodes made, or the post spelled itself, are sanitised with the rest.
    sanitise(expanded, conversion)
    for marker in expanded.find_all(_VERBATIM_MARKER):
        index = str(marker.get("data-n") or "")
        if index.isdigit() and int(index) < len(kept) and kept[int(index)] is not None:
            marker.replace_with(kept[int(index)])
            kept[int(index)] = None
        else:
            marker.decompose()
    return expanded


def _embed_address_lines(soup: BeautifulSoup, conversion: Conversion) -> None:
    # WordPress's autoembed: an address alone on its line embeds when a provider knows
    # it, and is a link otherwise.
    for text in list(soup.find_all(string=True)):
        if type(text) is not NavigableString or "http" not in text:
            continue
        if any(parent.name in _NOT_PROSE for parent in text.parents):
            continue
        parts = ADDRESS_LINE.split(str(text))
        if len(parts) == 1:
            continue
        # split() alternates: text, address, text, address, …, text.
        pieces = [
            _address(soup, part, conversion) if number % 2 else NavigableString(part)
            for number, part in enumerate(parts)
        ]
        text.replace_with(*[piece for piece in pieces if piece != ""])


def _address(soup: BeautifulSoup, url: str, conversion: Conversion) -> Tag:
    if is_embeddable(url):
        return embed_marker(soup, url)
    link = soup.new_tag("a", attrs={"href": url})
    link.string = url
    check_link(link, conversion)
    return link


def _embed_paragraphs(soup: BeautifulSoup) -> None:
    # WordPress embeds a paragraph that is nothing but an address a provider knows.
    for paragraph in soup.find_all("p"):
        children = [child for child in paragraph.contents if not _blank(child)]
        if len(children) != 1 or type(children[0]) is not NavigableString:
            continue
        url = children[0].strip()
        if is_bare_url(url) and is_embeddable(url):
            paragraph.replace_with(embed_marker(soup, url))


def _remove_empty_paragraphs(soup: BeautifulSoup) -> None:
    # The classic editor keeps an empty line as <p>&nbsp;</p>; the body needs none.
    for paragraph in soup.find_all("p"):
        if _empty(paragraph):
            paragraph.decompose()


def _blocks(soup: BeautifulSoup, conversion: Conversion) -> list[dict]:
    _remove_empty_paragraphs(soup)
    _embed_paragraphs(soup)
    units: list[Tag] = []
    for element in soup.find_all(["img", *MARKERS]):
        unit = picture_unit(element) if element.name == "img" else element
        if not any(unit is known for known in units):
            units.append(unit)
    _out_of_tables(units, conversion)
    for unit in units:
        _lift(soup, unit)
    lifted = {id(unit) for unit in units}
    blocks: list[dict] = []
    between: list = []
    for node in list(soup.contents):
        if id(node) not in lifted:
            between.append(node)
            continue
        blocks += _text_blocks(between)
        between = []
        blocks += unit_blocks(node, conversion)
    return blocks + _text_blocks(between)


def _out_of_tables(units: list[Tag], conversion: Conversion) -> None:
    # A table is not split around a picture in a cell: the picture follows the table.
    last_after: dict[int, Tag] = {}
    for unit in units:
        tables = unit.find_parents("table")
        if not tables:
            continue
        table = tables[-1]
        anchor = last_after.get(id(table), table)
        anchor.insert_after(unit.extract())
        last_after[id(table)] = unit
        conversion.warn("a picture or embed inside a table was moved after the table")


def _lift(soup: BeautifulSoup, unit: Tag) -> None:
    """Move ``unit`` up to the top level, splitting each element it leaves in two."""
    while unit.parent is not soup:
        parent = unit.parent
        following = [node.extract() for node in list(unit.next_siblings)]
        parent.insert_after(unit.extract())
        if any(not _blank(node) for node in following):
            rest = soup.new_tag(parent.name, attrs=dict(parent.attrs))
            if parent.name == "ol":
                start = str(parent.get("start") or "1")
                items = len(parent.find_all("li", recursive=False))
                rest["start"] = str((int(start) if start.isdigit() else 1) + items)
            rest.extend(following)
            unit.insert_after(rest)
        if _empty(parent):
            parent.decompose()


def _text_blocks(nodes: list) -> list[dict]:
    if not nodes:
        return []
    fragment = parse("")
    for node in nodes:
        fragment.append(node.extract())
    markdown = to_markdown(fragment)
    return [{"type": "text", "value": markdown}] if markdown else []


def _blank(node) -> bool:
    return isinstance(node, NavigableString) and not node.strip()


def _empty(tag: Tag) -> bool:
    return not tag.get_text(strip=True) and tag.find(_SOLID) is None
