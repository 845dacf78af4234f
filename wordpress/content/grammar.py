"""The block editor's serialisation: ``<!-- wp:name {attrs} -->…<!-- /wp:name -->``.

A port of WordPress's own block parser (``WP_Block_Parser``): the delimiters are
HTML comments naming the block and carrying its attributes as JSON; a block may
close itself (``<!-- wp:name /-->``) and may hold other blocks. What lies between
top-level blocks is freeform HTML (``Block`` with no name). The HTML inside a block
is left as it is, for bs4.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

# WordPress's delimiter grammar. The serializer escapes "-->" inside attributes, so
# the attributes end at the first "}" followed by whitespace and the comment's end.
_DELIMITER = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<namespace>[a-z][a-z0-9_-]*/)?(?P<name>[a-z][a-z0-9_-]*)"
    r"\s+(?P<attrs>\{(?:(?!-->).)*?\}\s+)?(?P<void>/)?-->",
    re.DOTALL,
)


@dataclass
class Block:
    """One block: its full name (``core/paragraph``), attributes and content in order.

    ``content`` interleaves the block's own HTML (strings) with the blocks inside it.
    """

    name: str | None
    attrs: dict = field(default_factory=dict)
    content: list[str | Block] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The name as the block comment spells it: ``wp:paragraph``, ``wp:jetpack/map``."""
        return "wp:" + (self.name or "freeform").removeprefix("core/")

    @property
    def inner_blocks(self) -> list[Block]:
        return [piece for piece in self.content if isinstance(piece, Block)]

    def html(self) -> str:
        """The block's HTML with the blocks inside it in place, and no delimiters."""
        return "".join(piece if isinstance(piece, str) else piece.html() for piece in self.content)


def has_blocks(content: str) -> bool:
    """Whether ``content`` was written in the block editor (WordPress's ``has_blocks``)."""
    return _DELIMITER.search(content) is not None


def parse(content: str) -> list[Block]:
    """The top-level blocks of ``content``, freeform HTML between them as nameless blocks."""
    top: list[Block] = []
    stack: list[Block] = []

    def add(piece: str | Block) -> None:
        if stack:
            stack[-1].content.append(piece)
        elif isinstance(piece, Block):
            top.append(piece)
        elif piece:
            top.append(Block(None, {}, [piece]))

    position = 0
    for match in _DELIMITER.finditer(content):
        add(content[position : match.start()])
        position = match.end()
        name = (match["namespace"] or "core/") + match["name"]
        if match["closer"]:
            _close(stack, name, add)
            continue
        block = Block(name, _attributes(match["attrs"]))
        if match["void"]:
            add(block)
        else:
            stack.append(block)
    add(content[position:])
    while stack:
        _close(stack, stack[-1].name, add)
    return top


def _close(stack: list[Block], name: str | None, add) -> None:
    # A closer with no opener is ignored, as WordPress does; one that closes an outer
    # block closes the blocks left open inside it too.
    if not any(block.name == name for block in stack):
        return
    while stack:
        block = stack.pop()
        add(block)
        if block.name == name:
            return


def _attributes(text: str | None) -> dict:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
