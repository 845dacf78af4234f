"""Reading one demo content file: TOML, front matter, typed keys, errors that name the file.

demo.specs builds on this to read demo/content/; demo.markup reads article bodies.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from .images import RGB

SLUG = re.compile(r"^[-a-z0-9]+$")


class ContentError(Exception):
    """A demo content file that is missing, malformed or refers to something absent."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


def read_text(path: Path) -> str:
    """The text of ``path``; a byte-order mark and Windows line ends are dropped."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ContentError(path, "the file is missing") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError(path, f"can't be read: {error}") from error


def parse_toml(path: Path, source: str) -> dict[str, Any]:
    """``source``, TOML taken from ``path``, as a dict."""
    try:
        return tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        raise ContentError(path, f"not valid TOML: {error}") from error


def read_page(path: Path) -> tuple[dict[str, Any], str, int]:
    """A Markdown file's front matter, its body, and the body's first line number."""
    lines = read_text(path).split("\n")
    if lines[0].strip() != "+++":
        raise ContentError(path, "should open with a “+++” line, the start of its front matter")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "+++"), None)
    if end is None:
        raise ContentError(path, "its front matter has no closing “+++” line")
    # The leading newline makes TOML count lines the way the file does.
    front = parse_toml(path, "\n" + "\n".join(lines[1:end]))
    return front, "\n".join(lines[end + 1 :]), end + 2


def _rgb(value: object) -> RGB | None:
    """``value`` as a colour if it is three numbers 0–255, else None."""
    if not (isinstance(value, list) and len(value) == 3):
        return None
    if not all(isinstance(c, int) and not isinstance(c, bool) and 0 <= c <= 255 for c in value):
        return None
    return (value[0], value[1], value[2])


class Fields:
    """One TOML table's values, taken key by key with their types checked."""

    def __init__(self, data: object, path: Path, where: str = "") -> None:
        self.path = path
        self.where = where  # the table's place in the file, like "bubbles-teal.hero"
        if not isinstance(data, dict):
            raise self.error("should be a table of keys")
        self.data = dict(data)
        self.known: list[str] = []

    def error(self, message: str) -> ContentError:
        return ContentError(self.path, f"{self.where}: {message}" if self.where else message)

    def _take(self, key: str, default: Any) -> Any:
        self.known.append(key)
        value = self.data.pop(key, default)
        if value is None:
            raise self.error(f"“{key}” is missing")
        return value

    def text(self, key: str, default: str | None = None) -> str:
        value = self._take(key, default)
        if not isinstance(value, str):
            raise self.error(f"“{key}” should be a string, in quotes")
        return value

    def integer(self, key: str) -> int:
        value = self._take(key, None)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.error(f"“{key}” should be a whole number")
        return value

    def texts(self, key: str, required: bool = True) -> tuple[str, ...]:
        value = self._take(key, None if required else [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error(f'“{key}” should be a list of strings, like ["a", "b"]')
        return tuple(value)

    def colour(self, key: str) -> RGB:
        colour = _rgb(self._take(key, None))
        if colour is None:
            raise self.error(f"“{key}” should be a colour, three numbers 0–255 like [18, 52, 86]")
        return colour

    def gradient(self, key: str) -> tuple[RGB, RGB, RGB]:
        value = self._take(key, None)
        stops = [_rgb(stop) for stop in value] if isinstance(value, list) else []
        if len(stops) != 3 or None in stops:
            raise self.error(
                f"“{key}” should be three colours, like [[18, 52, 86], [36, 130, 140], "
                "[242, 183, 120]]"
            )
        return (stops[0], stops[1], stops[2])

    def table(self, key: str) -> Fields | None:
        value = self._take(key, {})
        where = f"{self.where}.{key}" if self.where else key
        return Fields(value, self.path, where) if value else None

    def tables(self, key: str) -> list[Fields]:
        value = self._take(key, [])
        if not isinstance(value, list):
            raise self.error(f"“{key}” should be a list of tables")
        return [Fields(item, self.path, f"{key} #{n}") for n, item in enumerate(value, 1)]

    def finish(self) -> None:
        """Refuse keys nobody asked for: a misspelt key would otherwise be lost silently."""
        if self.data:
            raise self.error(
                f"unknown key “{next(iter(self.data))}”; the keys here are {', '.join(self.known)}"
            )


def pages(directory: Path) -> list[tuple[str, Path]]:
    """The ``<slug>.md`` files in ``directory``, by slug."""
    found = []
    for path in sorted(directory.glob("*.md")):
        if not SLUG.match(path.stem):
            raise ContentError(path, "a file's name is its slug: lower-case letters, digits, “-”")
        found.append((path.stem, path))
    if not found:
        raise ContentError(directory, "holds no .md files")
    return found


def read_toml(path: Path) -> Fields:
    """The TOML file ``path``, its top-level keys ready to take."""
    return Fields(parse_toml(path, read_text(path)), path)
