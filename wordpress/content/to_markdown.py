"""HTML to the markdown that wagtail-markdown renders (Python-Markdown with "extra").

markdownify does the converting; what it writes is made to mean, under Python-
Markdown, exactly the text it came from: every character that Python-Markdown
would read as markup is escaped (a backslash where Python-Markdown honours one, an
HTML entity where it does not, as for ``<`` and ``&``), code keeps its text only
where code is verbatim (fenced blocks at the top level, one-line code spans
elsewhere), and nested lists are indented the four spaces Python-Markdown needs. No raw HTML is
ever written: elements that markdown has no syntax for keep only their text.
"""

from __future__ import annotations

import re

from bs4 import Tag
from markdownify import ATX, MarkdownConverter, chomp, strip_pre

from .urls import link_destination

# Characters Python-Markdown's backslash escapes cover and that may start markup
# anywhere in a line: emphasis, code, links, attribute lists, table cells.
_BACKSLASHED = re.compile(r"([\\`*_{}\[\]|])")
# Markup that starts a line. Where a converted piece of text will sit in its line is
# not known here, so "after whitespace" stands in for "at the start of a line".
_LIST_MARKER = re.compile(r"(^|\s)([-+])(?=[-+]*(?:\s|$))")
_HASH = re.compile(r"(^|\s)#|#(?=\s|$)")
_ORDERED_ITEM = re.compile(r"(^|\s)(\d+)\.(?=\s|$)")
# A line of "=" underlines a heading; ": " starts a definition. Python-Markdown has no
# escape for either character, so they become entities.
_SETEXT_LINE = re.compile(r"(^|\n)([ \t]*)=(?==*[ \t]*(?:\n|$))")
_DEFINITION = re.compile(r"(^|\n)([ \t]*):(?=[ \t])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "~": "&#126;"}
_ENTITY_CHARACTERS = re.compile("[&<>~]")
_WHITESPACE = re.compile(r"\s+")
_BACKTICKS = re.compile(r"`+")
_LANGUAGE = re.compile(r"(?:^|\s)(?:language|lang)-([\w+-]+)|brush:\s*([\w+-]+)")
# Elements markdownify writes around a block without changing its lines: a fence in
# them is still a fence.
# Python-Markdown carries a list on across a blank line, so a list right after another
# would become part of it (a numbered list after a bulleted one loses its numbers). An
# HTML comment between them ends the first; the sanitiser removes it from the page.
LIST_BREAK = "<!-- -->"
_LIST_ITEM = re.compile(r"^(?:[*+-]|\d+\.)[ \t]")
_TRANSPARENT = frozenset(
    {"[document]", "html", "body", "div", "section", "article", "main", "header", "footer"}
    | {"aside", "nav", "figure", "figcaption", "details", "summary", "p", "span", "font"}
    | {"center"}
)
# Blocks whose lines markdownify indents or marks: code in them is lines of code spans.
_LISTS = frozenset({"ul", "ol"})
_CONTAINERS = frozenset({"li", "ul", "ol", "blockquote", "dd", "dl"})


def escape(text: str) -> str:
    """``text`` written so that Python-Markdown shows it as it is, markup-free."""
    text = _BACKSLASHED.sub(r"\\\1", text)
    text = _ENTITY_CHARACTERS.sub(lambda match: _ENTITIES[match.group(0)], text)
    text = _LIST_MARKER.sub(r"\1\\\2", text)
    text = _HASH.sub(lambda match: (match.group(1) or "") + "\\#", text)
    text = _ORDERED_ITEM.sub(r"\1\2\\.", text)
    text = _SETEXT_LINE.sub(r"\1\2&#61;", text)
    return _DEFINITION.sub(r"\1\2&#58;", text)


def to_markdown(fragment: Tag) -> str:
    """The markdown for ``fragment``: a parsed, sanitised piece of a post with no images."""
    return _Converter().convert_soup(fragment).strip()


def ends_with_list(markdown: str) -> bool:
    """Whether ``markdown``'s last line belongs to a list (an item or a line inside one)."""
    last = markdown.rstrip().rsplit("\n", 1)[-1]
    return bool(_LIST_ITEM.match(last)) or last.startswith((" ", "\t"))


def starts_with_list(markdown: str) -> bool:
    return bool(_LIST_ITEM.match(markdown.lstrip("\n")))


def code_span(text: str) -> str:
    """``text`` as one inline code span, on one line, delimited so that it stays whole."""
    text = _WHITESPACE.sub(" ", text).strip()
    if not text:
        return ""
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    delimiter = "`" * (longest + 1)
    if longest:
        text = f" {text} "
    return f"{delimiter}{text}{delimiter}"


class _Converter(MarkdownConverter):
    class Options(MarkdownConverter.DefaultOptions):
        heading_style = ATX
        autolinks = False
        # escape() below does all the escaping; markdownify's own is CommonMark's.
        escape_asterisks = False
        escape_underscores = False
        escape_misc = False

    def escape(self, text, parent_tags):
        return escape(text) if text else ""

    def convert_a(self, el, text, parent_tags):
        if "_noformat" in parent_tags:
            return text
        prefix, suffix, text = chomp(text)
        href = el.get("href")
        if not text or not href:
            return f"{prefix}{text}{suffix}"
        title = _WHITESPACE.sub(" ", el.get("title") or "").replace('"', "'").replace("\\", "")
        title_part = f' "{title.strip()}"' if title.strip() else ""
        return f"{prefix}[{text}]({link_destination(href)}{title_part}){suffix}"

    def convert_code(self, el, text, parent_tags):
        if "_noformat" in parent_tags:
            return text
        prefix, suffix, text = chomp(text)
        span = code_span(text)
        return f"{prefix}{span}{suffix}" if span else ""

    convert_kbd = convert_code
    convert_samp = convert_code

    def convert_hN(self, n, el, text, parent_tags):
        # The article's title is its only <h1>: a heading in the body starts at <h2>.
        return super().convert_hN(max(2, n), el, text, parent_tags)

    def convert_img(self, el, text, parent_tags):
        # Pictures are image blocks; one left in the text shows its description.
        return escape(el.get("alt") or "")

    def convert_video(self, el, text, parent_tags):
        return text

    convert_audio = convert_video

    def convert_list(self, el, text, parent_tags):
        markdown = super().convert_list(el, text, parent_tags)
        following = el.find_next_sibling()
        if "li" not in parent_tags and following is not None and following.name in _LISTS:
            return f"{markdown.rstrip()}\n\n{LIST_BREAK}\n\n"
        return markdown

    convert_ul = convert_list
    convert_ol = convert_list

    def convert_li(self, el, text, parent_tags):
        text = (text or "").strip("\n").rstrip()
        if not text.strip():
            return "\n"
        parent = el.parent
        if parent is not None and parent.name == "ol":
            start = str(parent.get("start") or "1")
            first = int(start) if start.isdigit() else 1
            bullet = f"{first + len(el.find_previous_siblings('li'))}."
        else:
            # Not "-": a line of "- " under a line of text would underline a heading.
            bullet = "*"
        first, *others = text.lstrip().split("\n")
        body = "\n".join([first, *(f"    {line}" if line else "" for line in others)])
        # An item of several paragraphs ends with a blank line, as Python-Markdown's
        # loose lists do.
        return f"{bullet} {body}" + ("\n\n" if "\n\n" in body else "\n")

    def convert_pre(self, el, text, parent_tags):
        if "_noformat" in parent_tags:
            return text  # inside other code, which keeps it verbatim
        text = strip_pre(text or "")
        if not text.strip():
            return ""
        around = parent_tags - _TRANSPARENT
        if not around:
            longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
            fence = "`" * max(3, longest + 1)
            return f"\n\n{fence}{_language(el)}\n{text}\n{fence}\n\n"
        # Python-Markdown reads fenced code only at the top level, and markdownify's
        # lists, quotes and cells reflow the indentation an indented block would need:
        # in there each line is a code span, which holds its text whatever surrounds it.
        spans = [code_span(line) for line in text.split("\n") if line.strip()]
        if around <= _CONTAINERS:
            return "\n\n" + "  \n".join(spans) + "\n\n"
        return " ".join(spans)


def _language(pre: Tag) -> str:
    code = pre.find("code")
    for tag in (pre, code):
        if not isinstance(tag, Tag):
            continue
        match = _LANGUAGE.search(" ".join(tag.get("class") or []))
        if match:
            return match.group(1) or match.group(2)
    return ""
