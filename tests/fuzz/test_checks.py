"""The fuzz tests' own check finds markup from the input, and only that."""

from __future__ import annotations

import pytest

from .support import markup_from_input, url_scheme


@pytest.mark.parametrize(
    "html",
    [
        "<p><x-fuzz-tag></p>",
        '<input value=""><img src=x onerror=x_fuzz(2)>">',
        '<a href="/" x-fuzz-attr="">a</a>',
        "<p onclick='anything'>p</p>",
        '<a href=" java&#x0A;script:x_fuzz()">a</a>',
        "<iframe src='data:text/html,x'></iframe>",
        "<script>var title = 'x_fuzz(1)';</script>",
        '<script type="application/ld+json">{"name": "</script><b>"}</script>',
    ],
)
def test_markup_from_the_input_is_found(html):
    assert markup_from_input(html)


@pytest.mark.parametrize(
    "html",
    [
        "<p>&lt;x-fuzz-tag&gt; &quot; onmouseover=x_fuzz(4)</p>",
        '<a href="https://example.org/?q=%3Cx-fuzz%3E" title="&lt;x-fuzz&gt;">a</a>',
        '<a href="java    script:x_fuzz()">a relative address</a>',
        '<script type="application/ld+json">{"name": "\\u003cx-fuzz\\u003e"}</script>',
        "<textarea>&lt;/textarea&gt;&lt;x-fuzz-textarea&gt;</textarea>",
    ],
)
def test_escaped_input_is_not_a_finding(html):
    assert markup_from_input(html) == []


def test_schemes_are_read_as_a_browser_reads_them():
    assert url_scheme(" \x01Java\tScript:alert(1)") == "javascript"
    assert url_scheme("/relative:path") == ""
    assert url_scheme("mailto:a@example.org") == "mailto"
