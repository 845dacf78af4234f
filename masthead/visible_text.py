"""Text readers write, made safe to show: no invisible or direction-changing characters.

A comment made only of zero-width characters looks empty yet is stored and shown;
bidirectional overrides and isolates (the "Trojan Source" characters) make text
display in another order than it was written, so a comment or a name can read
differently from what it says. Letters carry their own direction: Arabic and
Hebrew display right to left without any of these controls, so they all go,
the direction marks (U+200E, U+200F, U+061C) too, since they can still reorder
digits in left-to-right text.

Two invisible characters are part of real writing and stay where they join
something: the zero-width joiner (emoji sequences such as 👨‍👩‍👧, and Indic
scripts) and the zero-width non-joiner (Persian, Urdu, Indic scripts), kept
only between two visible characters. Tag characters stay only inside an emoji
tag sequence (the flags of England, Scotland, Wales); elsewhere they hide text.

Used for comments (``discussion.forms``) and readers' public names
(``readers.profile``).
"""

from __future__ import annotations

import re
import unicodedata

# Removed wherever they are: bidirectional embeddings, overrides, isolates and
# marks; zero-width space, word joiner, byte-order mark, Mongolian vowel
# separator, invisible operators, deprecated format controls, interlinear
# annotation; control characters other than tab and line breaks; tag characters
# outside an emoji tag sequence (the first alternative keeps those whole).
_REMOVED = re.compile(
    "(\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f)"
    "|[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
    "\u200b\u2060-\u2064\u206a-\u206f\ufeff\u180e\ufff9-\ufffb"
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\U000e0000-\U000e007f]"
)
_JOINERS = {"\u200c", "\u200d"}
# Characters that show nothing on their own (besides whitespace and format
# characters): Hangul fillers, the Braille blank, soft hyphen, combining
# grapheme joiner, variation selectors. They may stay in a comment, but a
# comment of nothing else is empty.
_BLANK = re.compile("[\u3164\u115f\u1160\uffa0\u2800\u00ad\u034f\ufe00-\ufe0f]")


def _joinable(ch: str | None) -> bool:
    """Whether a joiner next to ``ch`` joins something visible."""
    return ch is not None and not ch.isspace() and unicodedata.category(ch) not in {"Cc", "Cf"}


def strip_invisible(text: str) -> str:
    """``text`` without bidirectional controls and stray invisible characters."""
    text = _REMOVED.sub(lambda match: match.group(1) or "", text)
    kept: list[str] = []
    for index, ch in enumerate(text):
        if ch in _JOINERS:
            following = text[index + 1] if index + 1 < len(text) else None
            if not (_joinable(kept[-1] if kept else None) and _joinable(following)):
                continue
        kept.append(ch)
    return "".join(kept)


def shows_something(text: str) -> bool:
    """Whether ``text`` has a character a reader can see."""
    return any(
        not ch.isspace() and unicodedata.category(ch) not in {"Cc", "Cf"}
        for ch in _BLANK.sub("", text)
    )
