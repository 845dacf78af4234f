"""One pass over one WXR file: safety checks, then lxml's iterparse, record by record."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from .data import Channel, Item, Record, Source, Summary, WXRError
from .elements import author, free, item, term, text

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
                free(element)
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
            return item(self.name, element, source)
        if kind == "wp" and name == "author":
            return author(self.name, element, source)
        if kind == "wp" and name in ("category", "tag", "term"):
            return term(self.name, element, name, source)
        key = name if kind == "" else f"{kind}:{name}"
        self.channel.setdefault(key, text(element))
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
