"""Markdown in an article's body, fuzzed with raw HTML, script addresses and event handlers.

What the body shows is only what ``WAGTAILMARKDOWN`` allows: its tags, its
attributes, ``text-align`` styles, and http(s)/mailto or relative addresses.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings as django_settings
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.blocks import ArticleBodyBlock

from .support import assert_escaped, examples, hostile_text, markup_from_input, one_example

pytestmark = pytest.mark.django_db

MARKDOWN_FRAGMENTS = (
    "[a](javascript:x_fuzz(1))",
    "[a](JaVaScRiPt:x_fuzz(2))",
    "[a](java\tscript:x_fuzz(3))",
    "[a]( javascript:x_fuzz(4) )",
    "[a](&#106;avascript:x_fuzz(5))",
    "[a](vbscript:x_fuzz(6))",
    "[a](data:text/html;base64,PHgtZnV6ej4=)",
    "![i](data:image/svg+xml,<svg onload=x_fuzz(7)>)",
    "![i](javascript:x_fuzz(8))",
    '[a](https://example.org/ "title\\" onmouseover=\\"x_fuzz(9)")',
    "[ref]: javascript:x_fuzz(10)\n\n[b][ref]",
    "<javascript:x_fuzz(11)>",
    '<http://x-fuzz.example/"onmouseover=x_fuzz(12)>',
    '<a href="javascript:x_fuzz(13)">a</a>',
    "<a href='jav&#x09;ascript:x_fuzz(14)'>a</a>",
    '<a href="  javascript:x_fuzz(15)">a</a>',
    '<a href="https://example.org/" onclick="x_fuzz(16)">a</a>',
    "<img src=x onerror=x_fuzz(17)>",
    "<svg><script>x_fuzz(18)</script></svg>",
    "<math><mi xlink:href='javascript:x_fuzz(19)'>m</mi></math>",
    "<iframe src='https://x-fuzz.example/'></iframe>",
    "<object data='javascript:x_fuzz(20)'></object>",
    "<form action='javascript:x_fuzz(21)'><button>b</button></form>",
    "<details open ontoggle=x_fuzz(22)>d</details>",
    "<style>x-fuzz{color:red}</style>",
    "<base href='https://x-fuzz.example/'>",
    "<meta http-equiv=refresh content='0;url=javascript:x_fuzz(23)'>",
    '<div style="background:url(javascript:x_fuzz(24))">s</div>',
    "| a | b |\n|---|:-:|\n| <x-fuzz-cell> | [c](javascript:x_fuzz(25)) |",
    '<td style="text-align:center;x_fuzz:expression(x_fuzz(26))">t</td>',
    '<abbr title="&quot; onmouseover=x_fuzz(27)">a</abbr>',
    "```\n<x-fuzz-fenced>\n```",
    "`<x-fuzz-inline>`",
    "    <x-fuzz-indented>",
    "> <x-fuzz-quote>",
    "*<x-fuzz-em>*",
    "## <x-fuzz-heading>",
    "<!-- <x-fuzz-comment> -->",
    "<![CDATA[<x-fuzz-cdata>]]>",
    "<x-fuzz-element onmouseover=x_fuzz(28)>",
    "<scr<script>ipt>x_fuzz(29)</scr</script>ipt>",
    "&lt;x-fuzz-entity&gt;",
    "\\<x-fuzz-escaped>",
    "1. <x-fuzz-list>\n2. b",
    "[![i](x)](javascript:x_fuzz(30))",
)

markdown = st.lists(
    st.one_of(st.sampled_from(MARKDOWN_FRAGMENTS), hostile_text), min_size=1, max_size=8
).flatmap(lambda pieces: st.sampled_from(["", " ", "\n", "\n\n"]).map(lambda sep: sep.join(pieces)))

_ALLOWED = django_settings.WAGTAILMARKDOWN
ALLOWED_TAGS = frozenset(_ALLOWED["allowed_tags"])
ALLOWED_STYLES = frozenset(_ALLOWED["allowed_styles"])


def allowed_attributes(tag: str) -> frozenset[str]:
    attributes = _ALLOWED["allowed_attributes"]
    return frozenset(attributes.get("*", [])) | frozenset(attributes.get(tag, []))


class _BodyChecker(HTMLParser):
    """What in rendered markdown goes beyond the allowed tags, attributes and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"a <{tag}> element")
        for name, value in attrs:
            if name not in allowed_attributes(tag):
                self.problems.append(f"a {name}= attribute on <{tag}>")
            if name == "style":
                for declaration in filter(None, (part.strip() for part in value.split(";"))):
                    prop = declaration.split(":", 1)[0].strip().lower()
                    if prop not in ALLOWED_STYLES:
                        self.problems.append(f"a {prop} style on <{tag}>")


def body_problems(html: str) -> list[str]:
    """Markup from the input in a rendered body, and anything the settings do not allow."""
    checker = _BodyChecker()
    checker.feed(html)
    checker.close()
    problems = checker.problems + markup_from_input(html)
    # Belt and braces beside the parser: no script element, whatever the nesting.
    if re.search(r"<\s*script", html, re.IGNORECASE):
        problems.append("a script element")
    return problems


def test_markdown_renders_only_allowed_markup():
    """The body's markdown block, rendered as the article template renders it."""
    body_block = ArticleBodyBlock()

    @settings(max_examples=examples(80))
    @given(text=markdown)
    def check(text):
        body = body_block.to_python([{"type": "text", "value": text}])
        html = "".join(str(block.render()) for block in body)
        problems = body_problems(html)
        assert not problems, f"{text!r} rendered as {html!r}: {problems}"

    check()


def _article_body(html: str) -> str:
    # The template closes the body's element on a line of its own.
    return html.split('<div class="article__body prose">', 1)[1].split("\n    </div>\n", 1)[0]


def test_an_article_page_shows_its_markdown_body_safely(article_factory):
    """Through the page: the body, and the excerpt taken from it (meta tags, JSON-LD)."""
    article = article_factory("Markdown under fuzz", slug="markdown-under-fuzz")
    client = Client()

    @settings(max_examples=examples(15))
    @given(text=markdown.map(lambda text: text.replace("\x00", "")).filter(str.strip))
    def check(text):
        with one_example():
            article.body = [("text", text)]
            article.save()
            html = assert_escaped(client.get(article.url), f"the article with body {text!r}")
            problems = body_problems(_article_body(html))
            assert not problems, f"{text!r}: the article's body shows {problems}"

    check()
