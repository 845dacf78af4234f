"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Playwright never downloads a browser here: Chromium is launched from
/usr/bin/chromium, and without it every ``e2e`` test is skipped.

Every browser context may only talk to the live server. Requests for any other
host are aborted and recorded, and a test that attempted one fails at teardown.
Uploaded images are not served by the live server (test settings have
DEBUG = False), so the route handler answers /media/ requests from MEDIA_ROOT.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect, sync_playwright

from articles.models import ArticleIndexPage, ArticlePage, AuthorPage

CHROMIUM = Path("/usr/bin/chromium")
NO_CHROMIUM = "needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"

# Auto-waiting assertions give up after this long; a busy 2-core machine needs
# more than Playwright's 5 s default for the admin's first page load.
expect.set_options(timeout=15_000)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM.exists() and os.access(CHROMIUM, os.X_OK):
        return
    skip = pytest.mark.skip(reason=NO_CHROMIUM)
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(skip)


# Playwright runs for the e2e package only, not the whole session: pytest-django
# runs tests that need no database after the transactional ones, and they must
# not inherit Playwright's event loop or DJANGO_ALLOW_ASYNC_UNSAFE (one of them
# runs `manage.py check --deploy`, which rejects that variable).


@pytest.fixture(scope="package")
def _orm_beside_playwright() -> Iterator[None]:
    """Let the ORM run in the main thread while Playwright's event loop runs there too.

    Playwright's sync API keeps an asyncio event loop running in the main thread
    from start to stop. Django sees that loop and refuses ORM calls with
    SynchronousOnlyOperation, though nothing here is asynchronous: factories,
    and pytest-django's database flush, are plain blocking calls made between
    browser steps. The variable is set only while Playwright runs and restored
    afterwards, so it does not leak into tests that run without a browser.
    """
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    yield
    if previous is None:
        os.environ.pop(ASYNC_UNSAFE, None)
    else:
        os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture(scope="package")
def browser(_orm_beside_playwright) -> Iterator[Browser]:
    """One headless Chromium for all the e2e tests (Debian's, never a downloaded one)."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="package")
def _base_data_to_restore(browser, django_db_setup, django_db_blocker) -> None:
    """Give the connection the tests use a snapshot of the migrated database.

    The live server needs ``transactional_db``, whose flush after every test also
    deletes the Wagtail root page, default site and home page that migrations
    create; a serialized rollback puts them back. Django keeps that snapshot on
    the connection object, but while Playwright's loop runs, Django hands the
    main thread a different connection object (its connections are stored per
    async context), which lacks the snapshot when the database was created
    before the browser started. That connection gets one here, taken while the
    database is still as migrations left it.
    """
    from django.db import connection

    if not hasattr(connection, "_test_serialized_contents"):
        with django_db_blocker.unblock():
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()


def _serve_locally(origin: str, blocked: list[str]) -> Callable[[Route], None]:
    """A route handler: the live server's URLs go through, media come from disk, others abort."""

    def handle(route: Route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != origin:
            blocked.append(url)
            route.abort("blockedbyclient")
            return
        if parts.path.startswith(settings.MEDIA_URL):
            media_root = Path(settings.MEDIA_ROOT).resolve()
            file = (media_root / unquote(parts.path[len(settings.MEDIA_URL) :])).resolve()
            if file.is_file() and file.is_relative_to(media_root):
                route.fulfill(path=file)
            else:
                route.fulfill(status=404, body="Not found")
            return
        route.continue_()

    return handle


@pytest.fixture
def new_page(
    browser: Browser, live_server, _base_data_to_restore, django_db_serialized_rollback
) -> Iterator[Callable[..., Page]]:
    """Open a page in a fresh browser context pointed at the live server.

    ``new_page()`` may be called more than once in a test (an editor and an
    anonymous reader, say); keyword arguments go to ``browser.new_context``.

    The live server brings ``transactional_db``; the migrated base data (root
    page, default site, home page) is restored before each test by a serialized
    rollback (see ``_base_data_to_restore``).
    """
    origin = live_server.url.rstrip("/")
    blocked: list[str] = []
    contexts: list[BrowserContext] = []

    def open_page(**context_options) -> Page:
        context = browser.new_context(base_url=origin, **context_options)
        context.set_default_timeout(15_000)
        context.route("**/*", _serve_locally(origin, blocked))
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    hosts = sorted({urlsplit(url).netloc for url in blocked})
    assert not blocked, (
        f"The browser tried to reach hosts other than the live server: {', '.join(hosts)}\n  "
        + "\n  ".join(dict.fromkeys(blocked))
    )


@pytest.fixture
def page(new_page) -> Page:
    """A desktop-sized page in its own browser context."""
    return new_page(viewport={"width": 1280, "height": 900})


LEAD_BODY = """\
Most of us think of sleep as time off. The body does not: it spends the night
sorting, repairing and filing, on a schedule set by light, meals and movement.
Researchers call these cues zeitgebers, and a [short primer](https://example.org/zeitgeber)
explains where the word comes from.

## What happens overnight

- Memories of the day are replayed and stored.
- Growth hormone peaks in the first deep-sleep cycle.
- The brain's waste-clearing system works hardest.

| Stage | Share of the night | What it does |
| ----- | ------------------ | ------------ |
| Light sleep | About half | Eases the way down |
| Deep sleep | A fifth | Repairs tissue |
| REM sleep | A quarter | Sorts memories |
"""

CLOSING_BODY = """\
## Small changes that help

Keep the same wake-up time at the weekend, get outside in the morning, and leave
the screen in another room. None of it is new; all of it works.

```
bedtime = wake_time - timedelta(hours=8)  # a simple rule that fits most adults' nights well
```
"""


@dataclass
class Magazine:
    """A small publication: two sections, two authors, a full article and its neighbours."""

    health: ArticleIndexPage
    culture: ArticleIndexPage
    mira: AuthorPage
    jonas: AuthorPage
    lead: ArticlePage
    walking: ArticlePage
    nutrition: ArticlePage
    night_owls: ArticlePage


@pytest.fixture
def magazine(section, section_factory, author_factory, article_factory, image_factory) -> Magazine:
    """Everything a reader can see, built through the shared factories in tests/conftest.py."""
    culture = section_factory("Culture", slug="culture")
    mira = author_factory(
        "Mira Okafor",
        role="Health editor",
        photo=image_factory("Mira Okafor portrait", size=(320, 320), colour=(150, 90, 60)),
        bio="Mira writes about *sleep*, habits and the science of feeling better.",
        website_url="https://mira.example/",
        website_name="Night Notes",
    )
    jonas = author_factory(
        "Jonas Berg",
        role="Science writer",
        photo=image_factory("Jonas Berg portrait", size=(320, 320), colour=(60, 110, 90)),
        bio="Jonas covers research on the brain.",
    )
    walking = article_factory(
        "Walking for a better mood",
        authors=[mira],
        tags=["research"],
        lede="A daily walk lifts the mood more than most people expect.",
        days_ago=3,
    )
    nutrition = article_factory(
        "Breakfast, reconsidered",
        authors=[jonas],
        tags=["nutrition"],
        lede="What the evidence says about the first meal of the day.",
        days_ago=5,
    )
    night_owls = article_factory(
        "Night owls in literature",
        parent=culture,
        authors=[jonas],
        tags=["sleep"],
        lede="Poets, novelists and the hours after midnight.",
        days_ago=2,
    )
    lead = article_factory(
        "The quiet science of sleep",
        authors=[mira, jonas],
        tags=["sleep", "research"],
        related=[walking],
        lede="Why the brain needs the night, and how to give it a better one.",
        hero_image=image_factory("Moonlit bedroom", description="A bedroom lit by the moon"),
        hero_caption="Darkness is the first signal the body waits for.",
        source_name="Psychology Today",
        source_url="https://www.psychologytoday.example/sleep",
        days_ago=0,
        body=[
            ("text", LEAD_BODY),
            (
                "pull_quote",
                {"quote": "Sleep is the best meditation.", "attribution": "The Dalai Lama"},
            ),
            (
                "image",
                {
                    "image": image_factory("Alarm clock", colour=(200, 170, 90)),
                    "alt_text": "An alarm clock on a bedside table at dawn",
                    "caption": "Waking at the same time every day anchors the body clock.",
                    "credit": "Photo: Masthead",
                },
            ),
            ("text", CLOSING_BODY),
        ],
    )
    return Magazine(
        health=section,
        culture=culture,
        mira=mira,
        jonas=jonas,
        lead=lead,
        walking=walking,
        nutrition=nutrition,
        night_owls=night_owls,
    )


# Content-Security-Policy violations: a document listener in every frame reports each
# `securitypolicyviolation` event to Python as it happens, so none is lost when the
# page navigates away; the browser's own console complaints about the policies
# (a Permissions-Policy it cannot parse, say) are recorded beside them.
VIOLATION_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.__mastheadPolicyViolation({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: `${event.sourceFile}:${event.lineNumber}`,
        sample: event.sample,
        page: document.location.href,
    });
});
"""
POLICY_WORDS = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy")


def record_policy_violations(page: Page) -> list[dict]:
    """Start recording ``page``'s CSP violations (and policy errors); returns the live list."""
    violations: list[dict] = []
    page.context.expose_binding(
        "__mastheadPolicyViolation", lambda source, violation: violations.append(violation)
    )
    page.context.add_init_script(VIOLATION_LISTENER)

    def on_console(message) -> None:
        if any(word in message.text for word in POLICY_WORDS):
            violations.append({"console": message.text, "page": page.url})

    page.on("console", on_console)
    return violations


EDITOR_USERNAME = "editor"
EDITOR_PASSWORD = "a-long-test-password"


@pytest.fixture
def editor(db):
    """A superuser with a verified email address, as every real editor account has:
    allauth's door, the admin's only sign-in, admits no other."""
    user = get_user_model().objects.create_superuser(
        EDITOR_USERNAME, "editor@example.org", EDITOR_PASSWORD
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user
