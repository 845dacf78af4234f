"""Reading WordPress eXtended RSS (WXR) exports: safely, in constant memory, any version.

WordPress's Tools → Export writes one XML file (or several, for a big site):
an RSS 2.0 channel whose items are posts, pages, attachments and menu items,
with WordPress's own data in the ``wp:`` namespace. This module turns such a
file into plain records (:class:`Channel`, :class:`Author`, :class:`Term`,
:class:`Item` with its :class:`Comment` s) and nothing else: it writes nothing.

- **Any version.** WXR 1.0, 1.1 and 1.2, whatever spelling of the namespace the
  exporter used (``http://`` or ``https://wordpress.org/export/1.x/``): the
  namespace is recognised by its shape, never compared with one hard-coded URI.
- **Safe.** A file with a document type declaration (``<!DOCTYPE``) is refused
  before it is parsed, so no entity is ever expanded (the "billion laughs")
  and no external entity or DTD is fetched; the parser itself is told the same
  (no entities resolved, no network, no DTD loaded).
- **Flat memory.** The file is read with lxml's ``iterparse``; each item is
  handed over as soon as it is complete and its elements are freed, so a 200 MB
  export needs no more memory than a small one. ``huge_tree`` lets a single
  very long post through.
- **Clear errors.** Anything that is not a whole, well-formed WordPress export
  (an empty or truncated file, an RSS feed, another tool's XML, bytes that are
  not in the declared encoding) raises :class:`WXRError` naming the file and
  line. :func:`check` reads a whole file this way without keeping anything, so
  an importer can refuse a bad file before it writes a single row.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

# http:// or https://wordpress.org/export/1.0/ … 1.2/, and their excerpt namespace.
_WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.(\d+)/$")
_EXCERPT_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.\d+/excerpt/$")
# The other modules WXR uses, compared without their scheme.
_STANDARD_NAMESPACES = {
    "purl.org/rss/1.0/modules/content/": "content",
    "purl.org/dc/elements/1.1/": "dc",
    "wellformedweb.org/CommentAPI/": "wfw",
}
# How far into a file its prolog (XML declaration, comments, a DOCTYPE) may reach.
_PROLOG_LIMIT = 1 << 20
_NO_DATE = "0000-00-00 00:00:00"


class WXRError(Exception):
    """The file is not a whole, well-formed WordPress export; says where and why."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Source:
    """Where a record starts: the file and line, for the report's warnings."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Channel:
    """The exported site: its name and addresses, and the WXR version of the file."""

    source: Source
    title: str = ""
    link: str = ""
    description: str = ""
    language: str = ""
    wxr_version: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""


@dataclass(frozen=True)
class Author:
    """A ``wp:author``: one of the site's users who wrote something (WXR 1.1 and later)."""

    source: Source
    wp_id: int | None
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass(frozen=True)
class Term:
    """A category, a tag or another taxonomy's term, declared for the whole site.

    ``kind`` is the taxonomy: ``category``, ``post_tag``, ``nav_menu``, … Slugs are
    percent-decoded (WordPress stores ``caf%c3%a9`` for ``café``).
    """

    source: Source
    kind: str
    wp_id: int | None
    slug: str
    name: str
    parent_slug: str = ""
    description: str = ""


@dataclass(frozen=True)
class ItemTerm:
    """One of an item's categories or tags, as the item names it."""

    kind: str
    slug: str
    name: str


@dataclass(frozen=True)
class Comment:
    """A comment, pingback or trackback on an item."""

    wp_id: int | None
    author: str = ""
    email: str = ""
    url: str = ""
    ip: str = ""
    date: datetime | None = None
    date_gmt: datetime | None = None
    content: str = ""
    approved: str = ""  # "1", "0" (pending), "spam", "trash"
    kind: str = ""  # "", "comment", "pingback", "trackback"
    parent_id: int | None = None
    user_id: int | None = None


@dataclass(frozen=True)
class Item:
    """A post, page, attachment, menu item or any other post type, with its comments."""

    source: Source
    wp_id: int | None
    post_type: str
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    date: datetime | None = None
    date_gmt: datetime | None = None
    slug: str = ""
    status: str = ""
    parent_id: int | None = None
    menu_order: int = 0
    password: str = ""
    sticky: bool = False
    attachment_url: str = ""
    terms: tuple[ItemTerm, ...] = ()
    meta: tuple[tuple[str, str], ...] = ()
    comments: tuple[Comment, ...] = ()
    problems: tuple[str, ...] = ()

    def meta_value(self, key: str) -> str:
        """The first value of post meta ``key`` (``_thumbnail_id``, …), or ""."""
        return next((value for name, value in self.meta if name == key), "")

    def meta_values(self, key: str) -> list[str]:
        """Every value of post meta ``key`` (``_wp_old_slug`` may repeat)."""
        return [value for name, value in self.meta if name == key]


Record = Channel | Author | Term | Item


@dataclass
class Summary:
    """What :func:`check` found in a file: how many records of each kind."""

    path: str
    wxr_version: str = ""
    counts: Counter[str] = field(default_factory=Counter)


# --- reading ------------------------------------------------------------------------


def records(path: Path | str) -> Iterator[Record]:
    """Every record of the export at ``path``, in the file's order.

    The :class:`Channel` comes first (before the first author, term or item).
    Raises :class:`WXRError` where the file stops being a WordPress export;
    records before that point have been handed over already, so read a file
    through :func:`check` first when nothing may be written from a bad one.
    """
    path = Path(path)
    _refuse_unsafe_prolog(path)
    reader = _Reader(path)
    try:
        yield from reader.read()
    except etree.XMLSyntaxError as error:
        raise _syntax_error(path, error) from None
    except UnicodeDecodeError as error:
        message = f"the file is not in its declared encoding: {error}"
        raise WXRError(path, reader.line, message) from None


def check(path: Path | str) -> Summary:
    """Read the whole export at ``path``, keeping nothing: its counts, or the first
    error (:class:`WXRError`) that would stop an import."""
    summary = Summary(str(path))
    for record in records(path):
        if isinstance(record, Channel):
            summary.wxr_version = record.wxr_version
        elif isinstance(record, Item):
            summary.counts[record.post_type] += 1
        else:
            summary.counts[type(record).__name__.lower()] += 1
    return summary


def _refuse_unsafe_prolog(path: Path) -> None:
    """Refuse an empty file, and any DOCTYPE before the root element, without parsing."""
    try:
        with path.open("rb") as stream:
            head = stream.read(_PROLOG_LIMIT)
    except OSError as error:
        raise WXRError(path, None, f"cannot be read: {error.strerror or error}") from None
    if not head.strip():
        raise WXRError(path, None, "the file is empty: export again from Tools → Export")
    text = head.decode("utf-8", errors="replace")
    prolog = re.sub(r"<!--.*?-->|<\?.*?\?>", " ", text, flags=re.DOTALL)
    root = re.search(r"<[A-Za-z_]", prolog)
    doctype = re.search(r"<!DOCTYPE", prolog[: root.start()] if root else prolog, re.IGNORECASE)
    if doctype:
        line = text.count("\n", 0, text.upper().find("<!DOCTYPE")) + 1
        raise WXRError(
            path,
            line,
            "the file has a document type declaration (<!DOCTYPE …>), which WordPress "
            "exports never have; it is refused, since its entities could expand without "
            "end or read other files",
        )


def _syntax_error(path: Path, error: etree.XMLSyntaxError) -> WXRError:
    line = error.lineno or None
    message = (error.msg or str(error)).strip()
    lowered = message.lower()
    if "document is empty" in lowered or "start tag expected" in lowered:
        return WXRError(path, line, "the file holds no XML: export again from Tools → Export")
    if "premature end" in lowered or (line and line >= _last_line(path)):
        return WXRError(
            path, line, f"the file ends too early (a download or copy cut short?): {message}"
        )
    if "encoding" in lowered or "utf-8" in lowered or "char" in lowered:
        return WXRError(path, line, f"the file is not in its declared encoding: {message}")
    return WXRError(path, line, f"not well-formed XML: {message}")


def _last_line(path: Path) -> int:
    """The number of the file's last line with anything on it (read in chunks)."""
    lines, last = 1, b""
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            lines += chunk.count(b"\n")
            last = chunk
    return lines - 1 if last.endswith(b"\n") else lines


class _Reader:
    """One pass over one file (see :func:`records`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.line: int | None = None
        self.kinds: dict[str, str] = {}
        self.channel: dict[str, str] = {}
        self.channel_line = 1
        self.channel_sent = False

    def read(self) -> Iterator[Record]:
        events = etree.iterparse(
            str(self.path),
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=True,
            remove_comments=True,
            remove_pis=True,
        )
        depth = 0
        seen_root = False
        for event, element in events:
            if event == "start":
                depth += 1
                if not seen_root:
                    seen_root = True
                    self._vet_root(element)
                elif depth == 2:
                    self.channel_line = element.sourceline or 1
                continue
            depth -= 1
            self.line = element.sourceline
            if depth == 2:  # a child of <channel>
                record = self._channel_child(element)
                if record is not None:
                    if not self.channel_sent:
                        self.channel_sent = True
                        yield self._channel_record()
                    yield record
                _free(element)
        if not seen_root:
            raise WXRError(self.path, None, "the file holds no XML")
        if not self.channel_sent:
            yield self._channel_record()

    # --- the root and the channel ------------------------------------------------

    def _vet_root(self, root) -> None:
        if root.getroottree().docinfo.doctype:
            raise WXRError(self.path, root.sourceline, "a document type declaration is refused")
        for uri in (root.nsmap or {}).values():
            self._kind_of_namespace(uri)
        name = etree.QName(root).localname
        if name != "rss":
            raise WXRError(
                self.path,
                root.sourceline,
                f"not a WordPress export: the document is <{name}>, not the <rss> of a WXR "
                "file (export from Tools → Export in WordPress)",
            )
        if "wp" not in self.kinds.values():
            raise WXRError(
                self.path,
                root.sourceline,
                "an RSS feed, not a WordPress export: it declares no "
                "wordpress.org/export/1.x/ namespace (export from Tools → Export, not the "
                "site's /feed/)",
            )

    def _kind_of_namespace(self, uri: str) -> str:
        if uri in self.kinds:
            return self.kinds[uri]
        if _WP_NAMESPACE.match(uri):
            kind = "wp"
        elif _EXCERPT_NAMESPACE.match(uri):
            kind = "excerpt"
        else:
            kind = _STANDARD_NAMESPACES.get(re.sub(r"^https?://", "", uri), uri)
        self.kinds[uri] = kind
        return kind

    def name(self, element) -> tuple[str, str]:
        """(namespace kind, local name): ``("wp", "post_id")``, ``("", "title")``."""
        qname = etree.QName(element)
        kind = self._kind_of_namespace(qname.namespace) if qname.namespace else ""
        return kind, qname.localname

    def _channel_child(self, element) -> Record | None:
        kind, name = self.name(element)
        source = Source(str(self.path), element.sourceline or 0)
        if (kind, name) == ("", "item"):
            return _item(self, element, source)
        if kind == "wp" and name == "author":
            return _author(self, element, source)
        if kind == "wp" and name in ("category", "tag", "term"):
            return _term(self, element, name, source)
        key = name if kind == "" else f"{kind}:{name}"
        self.channel.setdefault(key, _text(element))
        return None

    def _channel_record(self) -> Channel:
        meta = self.channel
        return Channel(
            source=Source(str(self.path), self.channel_line),
            title=meta.get("title", ""),
            link=meta.get("link", ""),
            description=meta.get("description", ""),
            language=meta.get("language", ""),
            wxr_version=meta.get("wp:wxr_version", ""),
            base_site_url=meta.get("wp:base_site_url", ""),
            base_blog_url=meta.get("wp:base_blog_url", ""),
        )


# --- records from elements ------------------------------------------------------------


def _fields(reader: _Reader, element) -> dict[str, str]:
    """The element's simple children as ``{"wp:post_id": "12", "title": …}`` (first wins)."""
    found: dict[str, str] = {}
    for child in element:
        kind, name = reader.name(child)
        found.setdefault(name if kind == "" else f"{kind}:{name}", _text(child))
    return found


def _author(reader: _Reader, element, source: Source) -> Author:
    got = _fields(reader, element)
    wp_id, _ = _number(got.get("wp:author_id", ""), "author_id")
    return Author(
        source=source,
        wp_id=wp_id,
        login=got.get("wp:author_login", "").strip(),
        email=got.get("wp:author_email", "").strip(),
        display_name=got.get("wp:author_display_name", "").strip(),
        first_name=got.get("wp:author_first_name", "").strip(),
        last_name=got.get("wp:author_last_name", "").strip(),
    )


def _term(reader: _Reader, element, name: str, source: Source) -> Term:
    got = _fields(reader, element)
    if name == "category":
        kind, slug, label = "category", "category_nicename", "cat_name"
        parent, description = "category_parent", "category_description"
    elif name == "tag":
        kind, slug, label, parent, description = (
            "post_tag",
            "tag_slug",
            "tag_name",
            "",
            "tag_description",
        )
    else:
        kind = got.get("wp:term_taxonomy", "").strip()
        slug, label, parent, description = (
            "term_slug",
            "term_name",
            "term_parent",
            "term_description",
        )
    wp_id, _ = _number(got.get("wp:term_id", ""), "term_id")
    return Term(
        source=source,
        kind=kind,
        wp_id=wp_id,
        slug=unquote(got.get(f"wp:{slug}", "").strip()),
        name=got.get(f"wp:{label}", "").strip(),
        parent_slug=unquote(got.get(f"wp:{parent}", "").strip()) if parent else "",
        description=got.get(f"wp:{description}", ""),
    )


def _item(reader: _Reader, element, source: Source) -> Item:
    got = _fields(reader, element)
    problems: list[str] = []
    wp_id, problem = _number(got.get("wp:post_id", ""), "post_id")
    problems += [problem] if problem else []
    parent_id, problem = _number(got.get("wp:post_parent", "0") or "0", "post_parent")
    problems += [problem] if problem else []
    menu_order, problem = _number(got.get("wp:menu_order", "0") or "0", "menu_order")
    problems += [problem] if problem else []
    terms, meta, comments = [], [], []
    for child in element:
        kind, name = reader.name(child)
        if (kind, name) == ("", "category"):
            terms.append(_item_term(child))
        elif (kind, name) == ("wp", "postmeta"):
            pair = _fields(reader, child)
            meta.append((pair.get("wp:meta_key", ""), pair.get("wp:meta_value", "")))
        elif (kind, name) == ("wp", "comment"):
            comments.append(_comment(reader, child))
    return Item(
        source=source,
        wp_id=wp_id,
        post_type=got.get("wp:post_type", "post").strip() or "post",
        title=got.get("title", ""),
        link=got.get("link", "").strip(),
        guid=got.get("guid", "").strip(),
        creator=got.get("dc:creator", "").strip(),
        content=got.get("content:encoded", ""),
        excerpt=got.get("excerpt:encoded", ""),
        date=_date(got.get("wp:post_date", "")),
        date_gmt=_date(got.get("wp:post_date_gmt", ""), utc=True),
        slug=unquote(got.get("wp:post_name", "").strip()),
        status=got.get("wp:status", "").strip(),
        parent_id=parent_id or None,
        menu_order=menu_order or 0,
        password=got.get("wp:post_password", ""),
        sticky=got.get("wp:is_sticky", "0").strip() == "1",
        attachment_url=got.get("wp:attachment_url", "").strip(),
        terms=tuple(terms),
        meta=tuple(meta),
        comments=tuple(comments),
        problems=tuple(problems),
    )


def _item_term(element) -> ItemTerm:
    # WXR 1.0 may leave out the domain (a category) or call tags "tag".
    domain = (element.get("domain") or "category").strip()
    kind = {"tag": "post_tag"}.get(domain, domain)
    name = _text(element).strip()
    slug = unquote((element.get("nicename") or "").strip())
    return ItemTerm(kind=kind, slug=slug, name=name)


def _comment(reader: _Reader, element) -> Comment:
    got = _fields(reader, element)
    wp_id, _ = _number(got.get("wp:comment_id", ""), "comment_id")
    parent_id, _ = _number(got.get("wp:comment_parent", "0") or "0", "comment_parent")
    user_id, _ = _number(got.get("wp:comment_user_id", "0") or "0", "comment_user_id")
    return Comment(
        wp_id=wp_id,
        author=got.get("wp:comment_author", "").strip(),
        email=got.get("wp:comment_author_email", "").strip(),
        url=got.get("wp:comment_author_url", "").strip(),
        ip=got.get("wp:comment_author_IP", "").strip(),
        date=_date(got.get("wp:comment_date", "")),
        date_gmt=_date(got.get("wp:comment_date_gmt", ""), utc=True),
        content=got.get("wp:comment_content", ""),
        approved=got.get("wp:comment_approved", "").strip(),
        kind=got.get("wp:comment_type", "").strip(),
        parent_id=parent_id or None,
        user_id=user_id or None,
    )


# --- values ------------------------------------------------------------------------


def _text(element) -> str:
    """The element's text, CDATA sections joined (lxml does that), never None."""
    return element.text or ""


def _number(value: str, what: str) -> tuple[int | None, str]:
    """An id or order as a number, or None and what was wrong with it."""
    value = value.strip()
    if not value:
        return None, f"no {what}"
    try:
        return int(value), ""
    except ValueError:
        return None, f"{what} {value[:40]!r} is not a number"


def _date(value: str, utc: bool = False) -> datetime | None:
    """WordPress's ``2024-03-05 14:30:00``; None for its "no date" zeros or junk."""
    value = value.strip()
    if not value or value == _NO_DATE:
        return None
    try:
        moment = datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if utc else moment


def _free(element) -> None:
    """Let go of a finished element and the siblings before it: memory stays flat."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is None:
        return
    while element.getprevious() is not None:
        del parent[0]
