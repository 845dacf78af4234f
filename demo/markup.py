"""Article bodies as demo/content/articles/*.md write them, read back into StreamField blocks.

Markdown is a ``text`` block; a ``>`` blockquote is a ``pull_quote`` (a last line that
opens with “—” is its attribution); a ``::: figure`` … ``:::`` fence of TOML keys is an
``image``; a ``<!-- block -->`` line ends one text block and starts the next.
demo/content/README.md explains the same to editors.
"""

from __future__ import annotations

import tomllib
from typing import Any

Block = dict[str, Any]

BLOCK_BREAK = "<!-- block -->"
FENCE = ":::"
FIGURE = "figure"
ATTRIBUTION_DASH = "—"
# The image block's keys, in the order the block stores them.
FIGURE_KEYS = ("image", "alt_text", "caption", "credit")


class BodyError(ValueError):
    """A body that can't be read; the message starts with the file's line number."""


def parse_body(text: str, first_line: int = 1) -> tuple[Block, ...]:
    """The blocks ``text`` encodes; ``first_line`` is its first line's number in the file."""
    return _BodyReader(text.split("\n"), first_line).read()


class _BodyReader:
    """Walks a body's lines once, ending a text block at each quote, figure or break."""

    def __init__(self, lines: list[str], first_line: int) -> None:
        self.lines = lines
        self.first_line = first_line
        self.at = 0
        self.blocks: list[Block] = []
        self.text: list[str] = []

    def read(self) -> tuple[Block, ...]:
        while self.at < len(self.lines):
            line = self.lines[self.at]
            if line.startswith(">"):
                self._end_text()
                self._pull_quote()
            elif line.startswith(FENCE):
                self._end_text()
                self._figure()
            elif line.strip() == BLOCK_BREAK:
                self._end_text()
                self.at += 1
            else:
                self.text.append(line)
                self.at += 1
        self._end_text()
        return tuple(self.blocks)

    def _error(self, index: int, message: str) -> BodyError:
        return BodyError(f"line {self.first_line + index}: {message}")

    def _end_text(self) -> None:
        value = "\n".join(self.text).strip()
        self.text = []
        if value:
            self.blocks.append({"type": "text", "value": value})

    def _pull_quote(self) -> None:
        start = self.at
        quoted: list[str] = []
        while self.at < len(self.lines) and self.lines[self.at].startswith(">"):
            quoted.append(self.lines[self.at][1:].strip(" \t"))
            self.at += 1
        while quoted and not quoted[0]:
            quoted.pop(0)
        while quoted and not quoted[-1]:
            quoted.pop()
        attribution = ""
        if quoted and quoted[-1].startswith(ATTRIBUTION_DASH):
            attribution = quoted.pop().removeprefix(ATTRIBUTION_DASH).strip(" \t")
            while quoted and not quoted[-1]:
                quoted.pop()
        if not quoted:
            raise self._error(start, "a pull quote (“>” lines) has no words to quote")
        if "" in quoted:
            raise self._error(
                start,
                "a pull quote is one paragraph; only its “— attribution” line may follow a "
                "blank “>” line",
            )
        # As in Markdown, the quote's line breaks are only wrapping: they read as spaces.
        self.blocks.append(
            {"type": "pull_quote", "value": {"quote": " ".join(quoted), "attribution": attribution}}
        )

    def _figure(self) -> None:
        start = self.at
        opening = self.lines[start].strip()
        if opening.removeprefix(FENCE).strip() != FIGURE:
            raise self._error(
                start, f"“{opening}” is not a block this format knows; use “::: figure”"
            )
        end = next(
            (i for i in range(start + 1, len(self.lines)) if self.lines[i].strip() == FENCE), None
        )
        if end is None:
            raise self._error(start, "“::: figure” has no closing “:::” line")
        # Leading newlines make TOML count lines the way the file does.
        source = "\n" * (self.first_line + start) + "\n".join(self.lines[start + 1 : end])
        try:
            data = tomllib.loads(source)
        except tomllib.TOMLDecodeError as error:
            raise self._error(start, f"the figure's keys are not valid TOML: {error}") from error
        unknown = sorted(set(data) - set(FIGURE_KEYS))
        if unknown:
            raise self._error(
                start,
                f"a figure has no key “{unknown[0]}”; its keys are {', '.join(FIGURE_KEYS)}",
            )
        if not data.get("image"):
            raise self._error(start, "a figure needs “image”, the key of a picture in images.toml")
        wrong = [key for key, value in data.items() if not isinstance(value, str)]
        if wrong:
            raise self._error(start, f"the figure's “{wrong[0]}” should be a string, in quotes")
        self.blocks.append(
            {"type": "image", "value": {key: data.get(key, "") for key in FIGURE_KEYS}}
        )
        self.at = end + 1
