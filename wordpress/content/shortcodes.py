"""WordPress shortcodes: ``[caption]``, ``[gallery]``, ``[embed]``, ``[audio]``, ``[video]``.

Each known shortcode becomes a marker element that the HTML pass turns into body
blocks (a captioned figure, a gallery, an embed); an unknown one stays in the text,
visible, and is reported. ``[[name]]`` is WordPress's way of writing a shortcode's
name literally, and shows as ``[name]``.
"""

from __future__ import annotations

import html
import re

from .markers import ATTACHMENT_MARKER, CAPTION_MARKER, EMBED_MARKER, GALLERY_MARKER
from .plain import plain_text
from .urls import is_web_address
from .values import Conversion

# WordPress's get_shortcode_regex(), for any name: an opening tag, its attributes,
# then either "/]" or "]" with the content up to the first matching closing tag.
_SHORTCODE = re.compile(
    r"\[(?P<open_escape>\[?)"
    r"(?P<tag>[A-Za-z][A-Za-z0-9_-]*)(?![\w-])"
    r"(?P<attrs>[^\]/]*(?:/(?!\])[^\]/]*)*?)"
    r"(?:(?P<self_closing>/)\]|\](?:(?P<content>[^\[]*(?:\[(?!/(?P=tag)\])[^\[]*)*)\[/(?P=tag)\])?)"
    r"(?P<close_escape>\]?)"
)
# WordPress's shortcode_parse_atts(): name="value", name='value', name=value or a
# bare value.
_ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)"""
    r"""|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)"""
)
_ATTACHMENT_ID = re.compile(r"attachment_(\d+)")
_MEDIA_SOURCES = {
    "audio": ("src", "mp3", "m4a", "ogg", "oga", "wav", "wma", "flac"),
    "video": ("src", "mp4", "m4v", "webm", "ogv", "wmv", "flv"),
}
# What an unknown shortcode looks like, as opposed to a bracketed aside such as
# "[Editor's note: …]" or a markdown link: a lower-case name followed by nothing, or
# by a space, and not by "(".
_LOOKS_LIKE_SHORTCODE = re.compile(r"[a-z][a-z0-9_-]*")


def expand(text: str, conversion: Conversion) -> str:
    """``text`` with each known shortcode replaced by its marker element."""
    return _SHORTCODE.sub(lambda match: _replace(match, conversion), text)


def parse_attributes(text: str) -> dict[str, str]:
    """A shortcode's attributes; bare values are keyed by their position ("0", "1", …)."""
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(text):
        groups = match.groups()
        for name, value in ((groups[0], groups[1]), (groups[2], groups[3]), (groups[4], groups[5])):
            if name:
                found[name.lower()] = html.unescape(value)
                break
        else:
            bare = next(value for value in groups[6:] if value is not None)
            found[str(len(found))] = html.unescape(bare)
    return found


def _replace(match: re.Match[str], conversion: Conversion) -> str:
    if match["open_escape"] and match["close_escape"]:
        return match.group(0)[1:-1]
    tag = match["tag"].lower()
    attrs = parse_attributes(match["attrs"])
    content = match["content"]
    replaced = None
    if tag in ("caption", "wp_caption"):
        replaced = _caption(attrs, content or "", conversion)
    elif tag == "gallery":
        replaced = _gallery(attrs)
    elif tag == "embed":
        # The content is an address, sometimes linked by the editor: its text.
        replaced = _embed(plain_text(content or ""))
    elif tag in _MEDIA_SOURCES:
        replaced = _media(tag, attrs, content or "")
    if replaced is not None:
        return match["open_escape"] + replaced + match["close_escape"]
    return _keep(match, conversion)


def _keep(match: re.Match[str], conversion: Conversion) -> str:
    whole = match.group(0)
    tag = match["tag"]
    followed_by = match.string[match.end() : match.end() + 1]
    if (
        match["attrs"][:1] not in ("", " ", "\t", "\n")
        or not _LOOKS_LIKE_SHORTCODE.fullmatch(tag)
        or followed_by == "("
    ):
        # Not a shortcode after all: keep its text, and look inside for real ones.
        return "[" + expand(whole[1:], conversion)
    if tag == "gallery":
        conversion.warn("[gallery] with no usable ids kept as text")
    elif tag in ("audio", "video", "embed"):
        conversion.warn(f"[{tag}] without an http(s) address kept as text")
    else:
        conversion.warn(f"unknown shortcode [{tag}] kept as text")
    content = match["content"]
    if content is None:
        return whole
    # Known shortcodes inside an unknown one still convert; its own tags stay visible.
    opening = whole[: whole.index("]") + 1]
    return opening + expand(content, conversion) + f"[/{tag}]" + match["close_escape"]


def _caption(attrs: dict[str, str], content: str, conversion: Conversion) -> str:
    caption = attrs.get("caption", "")
    attachment = _ATTACHMENT_ID.search(attrs.get("id", ""))
    attributes = f' {CAPTION_MARKER}="{html.escape(caption)}"'
    if attachment:
        attributes += f' {ATTACHMENT_MARKER}="{attachment.group(1)}"'
    return f"<figure{attributes}>{expand(content, conversion)}</figure>"


def _gallery(attrs: dict[str, str]) -> str | None:
    if "ids" not in attrs and "include" not in attrs:
        # WordPress shows the pictures attached to the post, in their order.
        excluded = ",".join(_numbers(attrs.get("exclude", "")))
        return f'<{GALLERY_MARKER} data-attached="" data-exclude="{excluded}"></{GALLERY_MARKER}>'
    ids = _numbers(attrs.get("ids") or attrs.get("include") or "")
    if not ids:
        return None
    return f'<{GALLERY_MARKER} data-ids="{",".join(ids)}"></{GALLERY_MARKER}>'


def _numbers(listed: str) -> list[str]:
    return [part.strip() for part in listed.split(",") if part.strip().isdigit()]


def _embed(url: str) -> str | None:
    url = url.strip()
    if not is_web_address(url):
        return None
    return f'<{EMBED_MARKER} data-url="{html.escape(url)}"></{EMBED_MARKER}>'


def _media(tag: str, attrs: dict[str, str], content: str) -> str | None:
    for name in _MEDIA_SOURCES[tag]:
        if attrs.get(name):
            return _embed(attrs[name])
    if is_web_address(attrs.get("0", "")):
        return _embed(attrs["0"])  # WordPress.com's [audio https://…]
    # [video]https://…[/video] names its file in its content.
    return _embed(plain_text(content))
