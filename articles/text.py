"""Plain text from an article body: for the derived lede, reading time, feeds and the
sentiment analyzer."""

from __future__ import annotations

import html
import math
import re

import markdown
from django.utils.html import strip_tags

_WHITESPACE = re.compile(r"\s+")


def markdown_to_text(source: str) -> str:
    """Render markdown and drop the markup, leaving readable plain text."""
    if not source:
        return ""
    rendered = markdown.markdown(source, extensions=["extra"], output_format="html")
    # Block boundaries become spaces so words from adjacent paragraphs do not fuse.
    rendered = re.sub(r"</(p|h[1-6]|li|blockquote|pre|div)>", " ", rendered)
    return _WHITESPACE.sub(" ", html.unescape(strip_tags(rendered))).strip()


def body_text(body) -> str:
    """The reader-visible text of an ``ArticleBodyBlock`` stream, in order."""
    parts: list[str] = []
    for block in body or []:
        if block.block_type == "text":
            parts.append(markdown_to_text(str(block.value)))
        elif block.block_type == "pull_quote":
            parts.append(str(block.value.get("quote") or ""))
        elif block.block_type in {"image", "embed"}:
            parts.append(str(block.value.get("caption") or ""))
    return " ".join(part for part in parts if part)


def shorten(text: str, limit: int = 220) -> str:
    """Cut ``text`` at a sentence, or else a word, boundary at most ``limit`` characters long."""
    text = _WHITESPACE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    window = text[: limit + 1]
    sentence_end = max(window.rfind(". "), window.rfind("! "), window.rfind("? "))
    if sentence_end >= limit // 2:
        return window[: sentence_end + 1]
    word_end = window.rfind(" ")
    cut = window[:word_end] if word_end > 0 else text[:limit]
    return cut.rstrip(",;:-–— ") + "…"


def reading_minutes(text: str, words_per_minute: int) -> int:
    """Whole minutes to read ``text``; at least one for any text at all."""
    words = len(text.split())
    if not words:
        return 0
    return max(1, math.ceil(words / words_per_minute))


# Paragraphs, headings and list items: each ends a sentence even without a full stop.
_MARKDOWN_BLOCKS = re.compile(r"\n\s*\n|\n(?=\s*(?:#|[-*+] |\d+\. ))")


def article_text(article) -> str:
    """What a reader reads: title, lede and body as plain text, one paragraph a line."""
    lines = [article.title, article.lede]
    for block in article.body or []:
        if block.block_type == "text":
            chunks = _MARKDOWN_BLOCKS.split(str(block.value))
            lines.extend(markdown_to_text(chunk) for chunk in chunks)
        else:
            lines.append(body_text([block]))
    return "\n".join(line.strip() for line in lines if line and line.strip())
