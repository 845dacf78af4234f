"""WordPress's authors → author pages (and, when asked, user accounts that must reset
their password)."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model

from articles.models import AuthorIndexPage, AuthorPage

from .. import wxr
from .core import fingerprint
from .tree import home_page, place, publish, slug_for, unique_slug

PLACEHOLDER_LOGIN = "unknown-author"
PLACEHOLDER_NAME = "Unknown author"
# What a WordPress login looks like; anything else in dc:creator is not one.
_LOGIN = re.compile(r"^[\w.@+\- ]{1,60}$")


class Authors:
    """Authors as the import meets them: declared (WXR 1.1+) or named by posts (WXR 1.0)."""

    def __init__(self, importer) -> None:
        self.importer = importer
        self.report = importer.report
        self.memory = importer.memory
        self._index: AuthorIndexPage | None = None

    def index(self) -> AuthorIndexPage:
        """The site's author index, made ("Authors") when the site has none yet."""
        if self._index is None:
            home = home_page()
            found = AuthorIndexPage.objects.child_of(home).first()
            if found is None:
                found = AuthorIndexPage(title="Authors", slug=unique_slug(home, "authors"))
                place(home, found)
                publish(found)
            self._index = found
        return self._index

    def add(self, author: wxr.Author) -> None:
        if not author.login:
            self.report.warn("authors", author.wp_id, "", "has no login; skipped", author.source)
            self.report.count("authors", "skipped", "no login")
            return
        if author.wp_id is not None:
            self.memory.author_logins[author.wp_id] = author.login
        full_name = " ".join(filter(None, (author.first_name, author.last_name)))
        name = (author.display_name or full_name or author.login)[:255]
        self._page(author.login, name, author.wp_id, author)
        if self.importer.options.create_users:
            self._user(author)

    def for_creator(self, creator: str, item: wxr.Item) -> int:
        """The author page of a post's ``dc:creator``: the declared author of that login,
        else (a WXR 1.0 file declares none) one made from the login, else the placeholder."""
        if creator in self.memory.authors:
            return self.memory.authors[creator]
        if creator and _LOGIN.match(creator) and not self.memory.has_author_records:
            return self._page(creator, creator, None, None)
        self.report.warn(
            "posts",
            item.wp_id,
            item.title,
            f"its author {creator[:60]!r} is none of the export's authors; "
            f"attributed to “{PLACEHOLDER_NAME}”",
            item.source,
        )
        if PLACEHOLDER_LOGIN not in self.memory.authors:
            self._page(PLACEHOLDER_LOGIN, PLACEHOLDER_NAME, None, None)
        return self.memory.authors[PLACEHOLDER_LOGIN]

    def _page(self, login: str, name: str, wp_id: int | None, record) -> int:
        index = self.index()
        digest = fingerprint(login, name)
        known = self.importer.find("author", wp_id)
        page = AuthorPage.objects.filter(pk=known.object_id).first() if known else None
        slug = slug_for(login, name, fallback=f"author-{wp_id or 0}")
        if page is None:
            page = AuthorPage.objects.child_of(index).filter(slug=slug).first()
        if page is not None and page.title == name:
            self.report.count("authors", "unchanged")
        else:
            outcome = "updated" if page is not None else "created"
            page = page or AuthorPage(slug=unique_slug(index, slug))
            page.title = name
            place(index, page)
            publish(page)
            self.report.count("authors", outcome)
        if record is not None:
            self.importer.remember("author", record, page, digest)
        self.memory.authors[login] = page.pk
        return page.pk

    def _user(self, author: wxr.Author) -> None:
        """An account for the author, with no usable password: they set one through
        "Forgot your password?" with the address WordPress had."""
        users = get_user_model()
        user = users.objects.filter(username=author.login).first()
        if user is not None:
            self.report.count("users", "unchanged")
            return
        user = users(
            username=author.login[:150],
            email=author.email,
            first_name=author.first_name[:150],
            last_name=author.last_name[:150],
        )
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        self.report.count("users", "created")
