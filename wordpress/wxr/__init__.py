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

from .data import (
    Author,
    Channel,
    Comment,
    Item,
    ItemTerm,
    Record,
    Source,
    Summary,
    Term,
    WXRError,
)
from .reader import check, records

__all__ = [
    "Author",
    "Channel",
    "Comment",
    "Item",
    "ItemTerm",
    "Record",
    "Source",
    "Summary",
    "Term",
    "WXRError",
    "check",
    "records",
]
