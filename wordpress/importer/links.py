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

from urllib.parse import parse_qsl, urlencode

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from ..content.urls import split
from ..models import ImportedObject
from .uploads import upload_key

# The keys of WordPress's own query-string addresses (``/?p=12``, ``/?cat=3``).
WORDPRESS_KEYS = ("p", "page_id", "attachment_id", "cat", "tag", "author")
# Paths of WordPress's own machinery: never content, never looked up.
_MACHINERY = ("/wp-admin", "/wp-login.php", "/wp-json", "/xmlrpc.php", "/wp-includes")


def site_hosts(*addresses: str) -> frozenset[str]:
    """The host names the WordPress site answered on, each also with and without ``www.``."""
    hosts = set()
    for address in addresses:
        host = (split(address).hostname or "").lower()
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
        self._produced: set[str] = set()  # addresses given out for it (asked about again)

    def start(self) -> None:
        """Begin a new item."""
        self.unresolved = []
        self._produced = set()

    def rewrite(self, url: str) -> str | None:
        """The new address for a link to ``url`` (``rewrite_url`` of ``content.convert``);
        None to keep it as written. Call ``start`` before each item."""
        if url in self._produced:
            return None  # already this site's: the converter may ask twice
        parts = split(url.strip())
        if parts.scheme and parts.scheme.lower() not in ("http", "https"):
            return None
        host = (parts.hostname or "").lower()
        if host and host not in self.memory.hosts and not self._serves_uploads(host, parts.path):
            return None
        if not host and not parts.path.startswith("/"):
            return None  # "#top", "other.html": relative to the page, left alone
        path = parts.path or "/"
        if path.startswith(_MACHINERY):
            return None
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        if upload_key(url):
            found = self._file(url)
        else:
            candidates = old_paths(path, parts.query)
            if not candidates:
                return None  # the home page, a search: nothing imported
            found = self._page(candidates, fragment)
        if found is not None:
            self._produced.add(found)
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

    def _page(self, candidates: list[str], fragment: str) -> str | None:
        """Where the first of ``candidates`` (old addresses) now is: ``page:ID`` (or the
        page's address, with a fragment), another link, or None."""
        site = self.importer.redirects.site()
        found = {
            redirect.old_path: redirect
            for redirect in Redirect.get_for_site(site).filter(old_path__in=candidates)
        }
        redirect = next((found[path] for path in candidates if path in found), None)
        if redirect is not None and redirect.redirect_page_id is None:
            return redirect.redirect_link + fragment if redirect.redirect_link else None
        if redirect is not None:
            page_pk = redirect.redirect_page_id
        else:
            # A page at its old address has no redirect: the address is its own.
            own = [variant for path in candidates for variant in (path, f"{path}/")]
            known = ImportedObject.objects.filter(
                site=self.memory.site, kind__in=("post", "page"), old_path__in=own
            ).first()
            if known is None:
                return None
            page_pk = int(known.object_id)
        if not fragment:
            return f"page:{page_pk}"  # wagtail-markdown's page link: follows the page
        if self.importer.pages.may_move(page_pk):
            return None  # its address is known once the pages are in place
        page = Page.objects.filter(pk=page_pk).first()
        return page.url + fragment if page is not None and page.url else None


def old_paths(path: str, query: str) -> list[str]:
    """The redirects' old paths an address on the old site may be, most exact first. For
    the site's root only WordPress's own keys count (``/?p=12&utm_source=x`` is
    ``/?p=12``); the root itself is the home page, which nothing imported replaces."""
    if path == "/":
        kept = [(key, value) for key, value in parse_qsl(query) if key in WORDPRESS_KEYS]
        return [Redirect.normalise_path(f"/?{urlencode(kept)}")] if kept else []
    wanted = [f"{path}?{query}"] if query else []
    return list(dict.fromkeys(Redirect.normalise_path(one) for one in [*wanted, path]))
