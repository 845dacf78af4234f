"""The demo site the article benchmark measures: building it (``manage.py migrate``,
``load_demo`` and ``collectstatic``), reading the demo article's URL and the page
cache setting off it, and finding the hashed stylesheet the article links to, the
benchmark's static yardstick."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import harness  # noqa: F401 - puts the repository root, and so tests/, on sys.path

from tests.servers import SiteError, manage, prepare_site, tail

ARTICLE_TITLE = "7 Ways Social Media Can Benefit Mental Health"
STYLESHEET = "home/css/masthead.css"

# The article's URL and whether the anonymous page cache is on, as one JSON line.
SITE_SNIPPET = f"""
import json
from articles.models import ArticlePage
from masthead.conf import masthead_setting
url = ArticlePage.objects.live().get(title={ARTICLE_TITLE!r}).url
cache_seconds = int(masthead_setting("PAGE_CACHE_SECONDS"))
print(json.dumps({{"url": url, "page_cache_seconds": cache_seconds}}))
"""


def load_demo(env: dict[str, str], workdir: Path) -> None:
    """Run ``manage.py load_demo``; say so plainly when the command does not exist."""
    try:
        manage(env, "load_demo", log=workdir / "load_demo.log")
    except SiteError as error:
        if "Unknown command: 'load_demo'" in str(error):
            raise SiteError(
                "the load_demo management command is missing (expected in "
                "demo/management/commands/load_demo.py). The benchmark measures the "
                f"demo article {ARTICLE_TITLE!r} that load_demo creates, so it cannot run "
                "without it."
            ) from None
        raise


@dataclass(frozen=True)
class Site:
    """What the benchmark needs to know about the demo site."""

    article_path: str
    page_cache_seconds: int


def site_facts(env: dict[str, str], workdir: Path) -> Site:
    """The demo article's path, as Wagtail reports it, and the page cache setting."""
    output = manage(env, "shell", "-c", SITE_SNIPPET, what="find article", log=workdir / "site.log")
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    try:
        facts = json.loads(lines[-1])
        url, cache_seconds = str(facts["url"] or ""), int(facts["page_cache_seconds"])
    except (IndexError, ValueError, KeyError, TypeError):
        raise SiteError(f"could not read the site's facts from:\n{tail(output)}") from None
    path = urlsplit(url).path
    if not path.startswith("/"):
        raise SiteError(
            f"the article's URL came back as {url!r}: is the demo site's root page "
            "reachable from a Site?"
        )
    return Site(path, cache_seconds)


def build_site(env: dict[str, str], workdir: Path) -> Site:
    """Migrate, load the demo and collect static files; return the site's facts."""
    with prepare_site(env, workdir):
        load_demo(env, workdir)
        return site_facts(env, workdir)


class StylesheetFinder(HTMLParser):
    """Collects the ``href`` of every ``<link rel="stylesheet">``."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        rel = (values.get("rel") or "").lower().split()
        if tag == "link" and "stylesheet" in rel and values.get("href"):
            self.hrefs.append(values["href"] or "")


def stylesheet_path(html: str) -> str:
    """The hashed path of masthead.css, from the article's ``<link rel="stylesheet">``."""
    finder = StylesheetFinder()
    finder.feed(html)
    stem, suffix = STYLESHEET.rsplit(".", 1)
    hashed = re.compile(rf"/{re.escape(stem)}\.[0-9a-f]{{12}}\.{suffix}$")
    for href in finder.hrefs:
        path = urlsplit(href).path
        if hashed.search(path):
            return path
    raise SiteError(
        f"the article links no hashed {STYLESHEET} (stylesheets: {finder.hrefs or 'none'}); "
        "is the manifest static files storage in use?"
    )
