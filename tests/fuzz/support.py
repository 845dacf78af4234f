"""What the fuzz tests share: hostile text, the no-markup-from-the-input check, one example."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from html.parser import HTMLParser
from urllib.parse import quote

from django.core import mail
from django.core.cache import cache
from django.db import transaction
from hypothesis import settings
from hypothesis import strategies as st

# Every hostile fragment carries "fuzz", so markup that came from the input is told
# apart from the site's own: no tag, attribute or script of the site says "fuzz".
HOSTILE_FRAGMENTS = (
    "<script>x_fuzz(1)</script>",
    "<SCRIPT SRC=//x-fuzz.example/a.js></SCRIPT>",
    "\"'><img src=x onerror=x_fuzz(2)>",
    "<x-fuzz-tag>",
    "<x-fuzz-a href='javascript:x_fuzz(3)'>",
    "</textarea><x-fuzz-textarea>",
    "</title><x-fuzz-title>",
    "</script><x-fuzz-script>",
    "</style><x-fuzz-style>",
    "<!--<x-fuzz-comment>-->",
    "<![CDATA[<x-fuzz-cdata>]]>",
    '" onmouseover="x_fuzz(4)" x-fuzz-attr="',
    "' onfocus='x_fuzz(5)' x-fuzz-attr='",
    "javascript:x_fuzz(6)",
    "JaVaScRiPt:x_fuzz(7)",
    "data:text/html,<x-fuzz-data>",
    'http://a.example/"onmouseover=x_fuzz(8)',
    "https://a.example/?q=<x-fuzz-url>&r='\"",
    "www.x-fuzz.example/'\"><x-fuzz-www>",
    'fuzz@example.org"><x-fuzz-mail>',
    "&lt;x-fuzz-entity&gt;",
    "&#60;x-fuzz-numeric&#62;",
    "&amp;lt;x-fuzz-double&amp;gt;",
    "{{ x_fuzz }}",
    "{% now 'Y' %}",
    "${x_fuzz}",
    "%",
    "%s%d%n%%",
    "%00",
    "%ff%zz",
    "\x00",
    "\x00<x-fuzz-nul>",
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\u2060",  # word joiner
    "\ufeff",  # byte-order mark
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\u200f",  # right-to-left mark
    "\r\n",
    "\\",
    "`",
    "²",  # a digit to str.isdigit, not to int()
    "١٢٣",  # Arabic-Indic digits, which int() reads
    "9" * 5000,  # more digits than int() converts
    "-1",
    "0",
    "日本語",
    "ﷺ",
    "İß",
    "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
    "👨\u200d👩\u200d👧",
)

# Any text but lone surrogates, which no request can carry.
_ANY_CHARACTER = st.characters(blacklist_categories=("Cs",))


def _hostile() -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(HOSTILE_FRAGMENTS), st.text(_ANY_CHARACTER, max_size=12))
    short = st.lists(piece, max_size=6).map("".join)
    # Very long: one short hostile text repeated (cheap to generate, long to handle),
    # up to 20,000 characters (past every limit the site sets, short of a DoS test).
    long = st.builds(
        lambda text, times: (text * times)[:20_000], short.filter(bool), st.integers(50, 800)
    )
    return st.one_of(st.sampled_from(HOSTILE_FRAGMENTS), short, short, long)


hostile_text = _hostile()
# What only an editor types (a title, a tag): the admin's forms refuse NUL characters.
editor_text = hostile_text.map(lambda text: text.replace("\x00", ""))
# Numbers as readers send them in ?page= and friends: mostly plausible, sometimes not.
page_number = st.one_of(
    st.integers(-3, 30).map(str),
    st.integers(min_value=2**63 - 2, max_value=2**70).map(str),
    st.sampled_from(["", "1.0", "1e3", " 2", "0x10", "²", "١", "nan", "inf", "9" * 5000]),
    hostile_text,
)


def examples(weight: int) -> int:
    """``weight`` examples under the CI profile, scaled to the loaded profile's count."""
    return max(1, weight * settings.default.max_examples // 20)


def path_segment(text: str) -> str:
    """``text`` as one percent-encoded path segment."""
    return quote(text, safe="")


# --- The check: no markup from the input ---------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster"})
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")


def url_scheme(value: str) -> str:
    """The scheme a browser would read from an attribute's address ("" for a relative one)."""
    # The URL standard: C0 controls and spaces around the address are dropped, and
    # tabs and line breaks anywhere in it.
    address = _TAB_OR_NEWLINE.sub("", value).strip("".join(map(chr, range(0x21))))
    match = _SCHEME.match(address.lower())
    return match.group(1) if match else ""


class _MarkupFinder(HTMLParser):
    """Collects markup that can only have come from the fuzzed input."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self._script_type: str | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if "fuzz" in tag:
            self.findings.append(f"an element <{tag}>")
        for name, value in attrs:
            value = value or ""
            if "fuzz" in name:
                self.findings.append(f"an attribute {name}= on <{tag}>")
            # The CSP allows no inline handler, and the site writes none.
            if name.startswith("on"):
                self.findings.append(f"an event handler {name}={value!r} on <{tag}>")
            if name in _URL_ATTRIBUTES and url_scheme(value) not in _SAFE_SCHEMES | {""}:
                self.findings.append(f"a {url_scheme(value)}: address in <{tag} {name}={value!r}>")
        if tag == "script":
            script_type = dict(attrs).get("type") or "text/javascript"
            self._script_type = script_type
            self._script_text = []
            if "fuzz" in (dict(attrs).get("src") or ""):
                self.findings.append("a script loaded from the input's address")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._script_type is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag != "script" or self._script_type is None:
            return
        text = "".join(self._script_text)
        if self._script_type == "application/ld+json":
            try:
                json.loads(text)
            except ValueError:
                self.findings.append(f"a JSON-LD block that is not JSON: {text[:200]!r}")
        elif "fuzz" in text:
            self.findings.append(f"a script with the input in it: {text[:200]!r}")
        self._script_type = None


def markup_from_input(html: str) -> list[str]:
    """What in ``html`` is markup the fuzzed input made (empty when everything was escaped)."""
    finder = _MarkupFinder()
    finder.feed(html)
    finder.close()
    raw = re.search(r"<\s*/?\s*(x-fuzz|script>x_fuzz|img src=x)", html, re.IGNORECASE)
    if raw:
        finder.findings.append(f"raw markup {raw.group()!r}")
    return finder.findings


def assert_escaped(response, what: str = "") -> str:
    """The response's HTML, after checking it is not a server error and shows no markup
    from the input."""
    where = what or response.request.get("PATH_INFO", "")
    assert response.status_code < 500, f"{where} answered {response.status_code}"
    html = response.content.decode(response.charset or "utf-8", errors="replace")
    findings = markup_from_input(html)
    assert not findings, f"{where} shows markup from the input: {findings}"
    return html


def assert_clean_feed(response, address: str) -> None:
    """A feed that is well-formed XML, whose entries' HTML shows no markup from the input."""
    assert response.status_code == 200, address
    root = ET.fromstring(response.content)  # raises on markup that broke the XML
    for element in root.iter():
        assert "fuzz" not in element.tag, f"{address}: an element {element.tag} from the input"
        assert not any("fuzz" in name for name in element.attrib), address
    # What feed readers show as HTML: an RSS item's description, an Atom entry's
    # summary and content (Django's Atom feed says type="html").
    entries = root.iter("item") if root.tag == "rss" else root.iter(f"{ATOM}entry")
    for entry in entries:
        for name in ("description", f"{ATOM}summary", f"{ATOM}content"):
            for element in entry.iter(name):
                findings = markup_from_input(element.text or "")
                assert not findings, f"{address}: an entry's {name} shows {findings}"


# --- One example's scope -------------------------------------------------------------


class _RolledBack(Exception):
    pass


@contextmanager
def one_example():
    """Run one example on a clean slate: an empty cache (the page cache and the rate
    limits) and mail outbox, and everything it wrote to the database rolled back, so
    examples do not pile up comments and a database error cannot poison the next."""
    cache.clear()
    if hasattr(mail, "outbox"):
        mail.outbox.clear()
    try:
        with transaction.atomic():
            yield
            raise _RolledBack
    except _RolledBack:
        pass
