"""Block-editor posts: each ``wp:`` block to the body blocks it becomes.

Text blocks (paragraph, heading, list, code, table, separator…) and pictures
(image, gallery) go through the HTML pass; quotes and pull-quotes become
pull-quote blocks; embeds (``wp:embed``, the older ``core-embed/*``, video and
audio) become embed blocks. Layout blocks (columns, group, cover, buttons…) and
blocks from plug-ins have no Masthead equivalent: their content is kept, and the
block is named in a warning.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .autop import line_breaks
from .fragment import classic_blocks, html_blocks
from .grammar import Block
from .pictures import embed_block, image_block
from .plain import parse, text_of
from .sanitise import media_source, sanitise
from .urls import is_bare_url, is_web_address
from .values import Conversion, ImageRef

# The limits of articles.blocks.PullQuoteBlock.
QUOTE_LIMIT = 600
ATTRIBUTION_LIMIT = 200
# Formatting a pull-quote may lose: it is plain text, shown as it is.
_PLAIN_QUOTE = frozenset(
    {"p", "br", "em", "strong", "i", "b", "span", "cite", "figcaption", "blockquote", "figure"}
    | {"mark", "small", "sub", "sup", "abbr", "s", "del", "ins", "q", "u"}
)
# Layout: the content is kept and the layout is not. Their parts (a column, a button)
# are not reported again.
_LAYOUT = frozenset(
    {"core/columns", "core/group", "core/buttons", "core/media-text", "core/details"}
    | {"core/row", "core/stack", "core/social-links"}
)
_LAYOUT_PARTS = frozenset({"core/column", "core/button", "core/social-link"})
_AS_HTML = frozenset(
    {"core/paragraph", "core/heading", "core/list", "core/list-item", "core/code"}
    | {"core/preformatted", "core/table", "core/separator", "core/freeform"}
)
# Stands for a <br> in a pull-quote while its text is collapsed; a private-use character.
_LINE_BREAK = "\ue000"
_NOTHING = frozenset({"core/more", "core/nextpage", "core/spacer"})


def blocks_for(block: Block, conversion: Conversion) -> list[dict]:
    """The body blocks for one block of a post, and those inside it."""
    name = block.name
    if name is None or name in _AS_HTML:
        return html_blocks(block.html(), conversion)
    if name in _NOTHING:
        return []
    if name.startswith("core-embed/"):
        return _embed(block, conversion)
    handler = _HANDLERS.get(name)
    if handler is not None:
        return handler(block, conversion)
    if name in _LAYOUT:
        conversion.warn(f"{block.label} has no Masthead equivalent: its content is kept")
        return _contents(block, conversion)
    if name in _LAYOUT_PARTS:
        return _contents(block, conversion)
    return _unknown(block, conversion)


def _contents(block: Block, conversion: Conversion) -> list[dict]:
    # A container's own HTML is wrapping (often unclosed here): each piece on its own.
    found: list[dict] = []
    for piece in block.content:
        if isinstance(piece, Block):
            found += blocks_for(piece, conversion)
        else:
            found += html_blocks(piece, conversion)
    return found


def _unknown(block: Block, conversion: Conversion) -> list[dict]:
    if block.inner_blocks:
        found = _contents(block, conversion)
    else:
        found = html_blocks(block.html(), conversion)
    if found:
        conversion.warn(f"{block.label} has no Masthead equivalent: its content is kept")
    else:
        conversion.warn(f"{block.label} has no Masthead equivalent and no content: left out")
    return found


def _image(block: Block, conversion: Conversion) -> list[dict]:
    ids = [_integer(block.attrs.get("id"))]
    return _with_attachment_ids(html_blocks(block.html(), conversion), ids)


def _gallery(block: Block, conversion: Conversion) -> list[dict]:
    # Since WordPress 5.9 a gallery holds image blocks; before, it listed their ids.
    inner = [inner for inner in block.inner_blocks if inner.name == "core/image"]
    if inner:
        ids = [_integer(image.attrs.get("id")) for image in inner]
    else:
        ids = [_integer(value) for value in block.attrs.get("ids") or []]
    return _with_attachment_ids(html_blocks(block.html(), conversion), ids)


def _integer(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return int(value) if isinstance(value, str) and value.isdigit() else None


def _with_attachment_ids(blocks: list[dict], ids: list[int | None]) -> list[dict]:
    # The block's attributes know the attachments when the <img> class does not say.
    images = [block for block in blocks if block["type"] == "image"]
    if len(images) != len(ids):
        return blocks
    for block, attachment in zip(images, ids, strict=True):
        ref = block["value"]["image"]
        if ref.attachment_id is None and attachment is not None:
            block["value"]["image"] = replace(ref, attachment_id=attachment)
    return blocks


def _quote(block: Block, conversion: Conversion) -> list[dict]:
    soup = parse(block.html())
    citations = soup.find_all(["cite", "figcaption"])
    links = [link["href"] for citation in citations for link in citation.find_all("a", href=True)]
    attribution = " ".join(filter(None, (text_of(citation) for citation in citations)))
    for citation in citations:
        citation.extract()
    body = soup.find("blockquote") or soup
    for line_break in body.find_all("br"):
        line_break.replace_with(_LINE_BREAK)
    paragraphs = [_lines(paragraph) for paragraph in body.find_all("p")] or [_lines(body)]
    quote = "\n\n".join(filter(None, paragraphs))
    rich = [tag.name for tag in body.find_all(True) if tag.name not in _PLAIN_QUOTE]
    if not rich and len(quote) <= QUOTE_LIMIT and len(attribution) <= ATTRIBUTION_LIMIT:
        sanitise(soup, conversion)  # only to report what a plain-text quote leaves out
        for href in links:
            conversion.warn(f"{block.label}: the link in its citation to {href} is not kept")
        if not quote:
            return []
        return [{"type": "pull_quote", "value": {"quote": quote, "attribution": attribution}}]
    why = f"it holds <{rich[0]}>" if rich else "it is too long for a pull-quote"
    conversion.warn(f"{block.label} kept as a quotation in the text: {why}")
    return html_blocks(_quotation(block.html()), conversion)


def _lines(tag) -> str:
    return "\n".join(filter(None, (line.strip() for line in text_of(tag).split(_LINE_BREAK))))


def _quotation(html: str) -> str:
    # The quote as a markdown blockquote, its citation the last line: "— Who".
    soup = parse(html)
    body = soup.find("blockquote")
    for citation in soup.find_all(["cite", "figcaption"]):
        line = soup.new_tag("p")
        line.append("— ")
        line.extend(citation.extract().contents)
        (body or soup).append(line)
    if body is None:
        wrapper = soup.new_tag("blockquote")
        wrapper.extend(soup.contents)
        soup.append(wrapper)
    return soup.decode()


def _embed(block: Block, conversion: Conversion) -> list[dict]:
    soup = parse(block.html())
    caption = soup.find("figcaption")
    caption_text = text_of(caption) if caption is not None else ""
    if caption is not None:
        caption.extract()
    url = str(block.attrs.get("url") or block.attrs.get("src") or "").strip()
    if not url:
        media = soup.find(["video", "audio"])
        url = media_source(media) if media is not None else text_of(soup)
    if not is_web_address(url) or not is_bare_url(url):
        conversion.warn(f"{block.label} without an http(s) address kept as text")
        return html_blocks(block.html(), conversion)
    return [embed_block(url, caption_text, conversion)]


def _verse(block: Block, conversion: Conversion) -> list[dict]:
    # A poem's lines are lines of text, not code: a paragraph with line breaks.
    soup = parse(block.html())
    for verse in soup.find_all("pre"):
        verse.name = "p"
        line_breaks(soup, verse)
    return html_blocks(soup.decode(), conversion)


def _cover(block: Block, conversion: Conversion) -> list[dict]:
    conversion.warn(f"{block.label} has no Masthead equivalent: its picture and text are kept")
    found: list[dict] = []
    url = str(block.attrs.get("url") or "")
    has_img = parse(block.html()).find("img") is not None
    if url and block.attrs.get("backgroundType", "image") == "image" and not has_img:
        ref = ImageRef(
            url=url,
            attachment_id=_integer(block.attrs.get("id")),
            alt=str(block.attrs.get("alt") or ""),
            caption="",
        )
        found.append(image_block(ref, conversion))
    return found + _contents(block, conversion)


def _html(block: Block, conversion: Conversion) -> list[dict]:
    found = html_blocks(block.html(), conversion)
    if found:
        conversion.warn(f"{block.label} (custom HTML) converted to text: check how it reads")
    return found


def _shortcode(block: Block, conversion: Conversion) -> list[dict]:
    # WordPress gives a shortcode block's text automatic paragraphs.
    return classic_blocks(block.html(), conversion)


def _missing(block: Block, conversion: Conversion) -> list[dict]:
    original = str(block.attrs.get("originalName") or "an uninstalled plug-in's block")
    conversion.warn(f"wp:missing ({original}) has no Masthead equivalent: its content is kept")
    return html_blocks(str(block.attrs.get("originalContent") or block.html()), conversion)


def _reusable(block: Block, conversion: Conversion) -> list[dict]:
    ref = block.attrs.get("ref")
    conversion.warn(f"{block.label} (reusable block {ref}) is stored apart from the post: left out")
    return []


_HANDLERS: dict[str, Callable[[Block, Conversion], list[dict]]] = {
    "core/image": _image,
    "core/gallery": _gallery,
    "core/quote": _quote,
    "core/pullquote": _quote,
    "core/embed": _embed,
    "core/video": _embed,
    "core/audio": _embed,
    "core/verse": _verse,
    "core/cover": _cover,
    "core/html": _html,
    "core/shortcode": _shortcode,
    "core/missing": _missing,
    "core/block": _reusable,
}
