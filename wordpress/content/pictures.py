"""Image and embed blocks: from the elements that stand for them to StreamField values."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from bs4 import Tag

from .markers import ATTACHMENT_MARKER, CAPTION_MARKER, EMBED_MARKER, GALLERY_MARKER, MARKERS
from .plain import text_of
from .urls import is_image_address, is_web_address, scheme, split
from .values import AttachedPictures, Conversion, ImageRef

# The limits of articles.blocks' fields.
ALT_LIMIT = 255
CAPTION_LIMIT = 300
_ATTACHMENT_CLASS = re.compile(r"^wp-image-(\d+)$")
# Links a picture carries to itself: its file (any size) or its attachment page.
_PICTURE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|bmp|tiff?|svg)(?:[?#].*)?$", re.I)
_WRAPPERS = frozenset({"a", "picture"})
_SIZED = re.compile(r"-\d{1,5}x\d{1,5}$")


def picture_unit(img: Tag) -> Tag:
    """What a picture stands in: its link, its ``<picture>``, its own ``<figure>``."""
    unit = img
    while unit.parent is not None and unit.parent.name in _WRAPPERS and _alone(unit):
        unit = unit.parent
    figure = unit.parent
    if (
        figure is not None
        and figure.name == "figure"
        and len(figure.find_all("img")) == 1
        and figure.find(MARKERS) is None
    ):
        return figure
    return unit


def unit_blocks(unit: Tag, conversion: Conversion) -> list[dict]:
    """The blocks for a unit that ``picture_unit`` found, or a marker."""
    if unit.name == EMBED_MARKER:
        url = str(unit.get("data-url") or "")
        if not is_web_address(url):
            # Markers are made only for http(s) addresses; a post may spell one itself.
            conversion.warn(f"removed <{EMBED_MARKER}> element without an http(s) address")
            return []
        return [embed_block(url, "", conversion)]
    if unit.name == GALLERY_MARKER:
        if unit.has_attr("data-attached"):
            excluded = str(unit.get("data-exclude") or "").split(",")
            exclude = tuple(int(part) for part in excluded if part.isdigit())
            return [{"type": "attached_pictures", "value": AttachedPictures(exclude)}]
        ids = str(unit.get("data-ids") or "").split(",")
        refs = [ImageRef("", int(part), "", "") for part in ids if part.isdigit()]
        return [image_block(ref, conversion) for ref in refs]
    img = unit if unit.name == "img" else unit.find("img")
    source = str(img.get("src") or "").strip()
    if not is_image_address(source):
        kind = f"a {scheme(source)}:" if source else "no"
        conversion.warn(f"removed a picture with {kind} address")
        return []
    _check_picture_link(img, source, conversion)
    ref = ImageRef(
        url=source,
        attachment_id=_attachment_id(unit, img),
        alt=text_of_attribute(img.get("alt")),
        caption=_caption(unit),
    )
    return [image_block(ref, conversion)]


def image_block(ref: ImageRef, conversion: Conversion) -> dict:
    """An image block showing ``ref``, its alt text and caption cut to the fields' limits."""
    return {
        "type": "image",
        "value": {
            "image": ref,
            "alt_text": fit(ref.alt, ALT_LIMIT, "alt text", conversion),
            "caption": fit(ref.caption, CAPTION_LIMIT, "caption", conversion),
            "credit": "",
        },
    }


def embed_block(url: str, caption: str, conversion: Conversion) -> dict:
    """An embed block of ``url``, an http(s) address, with ``caption``."""
    return {
        "type": "embed",
        "value": {"embed": url, "caption": fit(caption, CAPTION_LIMIT, "caption", conversion)},
    }


def fit(text: str, limit: int, what: str, conversion: Conversion) -> str:
    """``text``, shortened with an ellipsis (and reported) if it is over ``limit``."""
    if len(text) <= limit:
        return text
    conversion.warn(f"{what} longer than {limit} characters shortened: {text[:40]}…")
    return text[: limit - 1].rstrip() + "…"


def text_of_attribute(value: object) -> str:
    """An attribute's value as one line of text."""
    return " ".join(str(value or "").split())


def _alone(node: Tag) -> bool:
    return all(
        sibling is node or (isinstance(sibling, str) and not sibling.strip())
        for sibling in node.parent.contents
    )


def _attachment_id(unit: Tag, img: Tag) -> int | None:
    marked = str(unit.get(ATTACHMENT_MARKER) or "")
    if marked.isdigit():
        return int(marked)
    for name in img.get("class") or []:
        match = _ATTACHMENT_CLASS.match(name)
        if match:
            return int(match.group(1))
    data_id = str(img.get("data-id") or "")
    return int(data_id) if data_id.isdigit() else None


def _caption(unit: Tag) -> str:
    if unit.name != "figure":
        return ""
    caption = unit.find("figcaption")
    if caption is not None:
        return text_of(caption)
    if unit.has_attr(CAPTION_MARKER):
        # [caption]: the caption attribute, or else the words beside the picture.
        return text_of_attribute(unit[CAPTION_MARKER]) or text_of(unit)
    return ""


def _is_attachment_page(href: str, source: str) -> bool:
    # WordPress links a picture to its attachment page by default: an address ending in
    # the file's name without its size and extension ("…/beach/" for beach-300x225.jpg,
    # "…/beach-2/" for a second upload of that name).
    stem = _SIZED.sub("", PurePosixPath(split(source).path).stem).lower()
    last = PurePosixPath(split(href).path).name.lower()
    return bool(stem) and (
        last == stem or re.fullmatch(rf"{re.escape(stem)}-\d+", last) is not None
    )


def _check_picture_link(img: Tag, source: str, conversion: Conversion) -> None:
    link = img.find_parent("a")
    href = str(link.get("href") or "") if link is not None else ""
    if not href or href == source or _PICTURE_FILE.search(href) or "attachment" in href:
        return
    if _is_attachment_page(href, source):
        return
    conversion.warn(f"the link on a picture to {href} is not kept")
