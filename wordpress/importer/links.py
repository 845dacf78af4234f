"""Links between imported things: a post's link to another post, page, section or file on
the old site points at what that became.

A link to the WordPress site (its address, with or without ``www.``, ``http``
or ``https``, or a path on it) is looked up among what the import made: an
uploaded file becomes the image's file or the document (``doc:ID``); anything
else is looked up among the redirects the import wrote, so every address a
redirect answers (``/2020/05/slug/``, ``/?p=12``, ``/category/news/``…) becomes
a link to the page itself (``page:ID``, which follows the page when an editor
moves it). A link to something not imported yet (a later post) stays as written
until everything is in, then the item is looked at again; a link that still
finds nothing is kept as written and reported. Links to other sites are left as
they are.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from wagtail.contrib.redirects.models import Redirect

from ..models import ImportedObject
from .uploads import upload_key

# Paths of WordPress's own machinery: never content, never looked up.
_MACHINERY = ("/wp-admin", "/wp-login.php", "/wp-json", "/xmlrpc.php", "/wp-includes")


def site_hosts(*addresses: str) -> frozenset[str]:
    """The host names the WordPress site answered on, each also with and without ``www.``."""
    hosts = set()
    for address in addresses:
        host = (urlsplit(address).hostname or "").lower()
        if host:
            bare = host.removeprefix("www.")
            hosts |= {bare, f"www.{bare}"}
    return frozenset(hosts)


class Links:
    """Rewrites links to the old site; remembers the items whose links wait for later ones."""

    def __init__(self, importer) -> None:
        self.importer = importer
        self.memory = importer.memory
        self.revisit: set[int] = set()  # WordPress IDs of items with a link not yet resolved
        self.unresolved: list[str] = []  # in the item being converted

    def rewrite(self, url: str) -> str | None:
        """The new address for a link to ``url`` (``rewrite_url`` of ``content.convert``);
        None to keep it as written. Clear ``unresolved`` before each item."""
        parts = urlsplit(url.strip())
        if parts.scheme and parts.scheme.lower() not in ("http", "https"):
            return None
        host = (parts.hostname or "").lower()
        if host and host not in self.memory.hosts and not self._serves_uploads(host, parts.path):
            return None
        if not host and not parts.path.startswith("/"):
            return None  # "#top", "other.html": relative to the page, left alone
        path = parts.path or "/"
        if path.startswith(_MACHINERY) or (path == "/" and not parts.query):
            return None
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        found = self._file(url) if upload_key(url) else self._page(path, parts.query, fragment)
        if found is not None:
            return found
        # Kept as written for now: the item is looked at again once everything is in.
        self.unresolved.append(url)
        return None

    def _serves_uploads(self, host: str, path: str) -> bool:
        """Whether ``host`` served the site's uploads: WordPress.com's ``blog.files.
        wordpress.com`` for ``blog.wordpress.com``, or Jetpack's ``i0.wp.com/<site>/…``."""
        if host.endswith(".files.wordpress.com"):
            return host.replace(".files.", ".", 1) in self.memory.hosts
        if host.endswith(".wp.com"):
            first = path.lstrip("/").split("/", 1)[0].lower()
            return first in self.memory.hosts or first.replace(".files.", ".", 1) in (
                self.memory.hosts
            )
        return False

    def _file(self, url: str) -> str | None:
        stored = self.importer.media.by_address(url)
        if stored is None:
            return None
        if hasattr(stored, "get_rendition"):
            return stored.file.url
        return f"doc:{stored.pk}"

    def _page(self, path: str, query: str, fragment: str) -> str | None:
        site = self.importer.redirects.site()
        wanted = [path + f"?{query}"] if query else []
        wanted.append(path)
        for candidate in wanted:
            old_path = Redirect.normalise_path(candidate)
            redirect = (
                Redirect.get_for_site(site)
                .filter(old_path=old_path)
                .select_related("redirect_page")
                .first()
            )
            if redirect is None:
                continue
            if redirect.redirect_page_id is not None:
                if fragment:
                    page_url = redirect.redirect_page.url
                    return page_url + fragment if page_url else None
                return f"page:{redirect.redirect_page_id}"
            return redirect.redirect_link + fragment if redirect.redirect_link else None
        # A page at its old address has no redirect: the address is its own.
        known = ImportedObject.objects.filter(
            site=self.memory.site, kind__in=("post", "page"), old_path__in=wanted
        ).first()
        if known is not None:
            return f"page:{known.object_id}" if not fragment else wanted[-1] + fragment
        return None
