"""A plugin that hangs costs its own contribution, never the page: every call of plugin code
has a time budget, and a plugin that keeps overrunning it is switched off until restart and
listed so (``manage.py plugins``, Reports → Plugins)."""

from __future__ import annotations

import io
import json
import os
import threading
import time
from importlib.metadata import EntryPoint

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import Client
from django_comments_xtd.models import XtdComment

from plugins import hookimpl
from plugins.budget import TimeBudget
from plugins.checks import time_budget_is_valid
from plugins.manager import PluginHost, Status, get_host
from plugins.testing import registered, render_article
from plugins.types import Badge, ShareProvider
from tests.discussion.comment_helpers import post_comment
from tests.servers import Reader, get, gunicorn, manage, prepare_site, production_environment, seed

from .sample_plugins import (
    good,
    sleeping_badge,
    sleeping_moderator,
    sleeping_share,
    sleeping_share_hook,
)
from .sample_plugins.sleep import SECONDS, wake
from .test_manager import install_distribution

SAMPLES = "tests.plugins.sample_plugins"
# Far below the samples' 30 s sleep, far above a render plus the 200 ms budget.
BOUND = 5.0
OVERRAN = "overran its time budget of 200 ms"


@pytest.fixture(autouse=True)
def _sleepers_wake_up_afterwards():
    """The samples sleep for the test; whatever they left stuck wakes when it ends."""
    wake.clear()
    yield
    wake.set()


@pytest.fixture
def reader(db):
    return get_user_model().objects.create_user("ada", "ada@example.org", "pw-123456789")


def timed_render(article, client=None) -> tuple[str, float]:
    started = time.monotonic()
    html = render_article(article, client)
    return html, time.monotonic() - started


def status_of(name: str) -> Status:
    return next(info.status for info in get_host().plugins if info.name == name)


def listed(name: str) -> dict:
    out = io.StringIO()
    call_command("plugins", "--json", stdout=out)
    return next(item for item in json.loads(out.getvalue()) if item["name"] == name)


def overruns(caplog) -> list[str]:
    """The log's overrun messages (one per abandoned call)."""
    return [r.getMessage() for r in caplog.records if "abandoned for this call" in r.getMessage()]


# --- The defaults ------------------------------------------------------------------------


def test_the_budget_is_200_ms_and_three_overruns_by_default():
    host = get_host()
    assert (host.budget.milliseconds, host.max_overruns) == (200, 3)
    assert SECONDS >= 30  # what the probe's provider slept


def test_the_budget_follows_the_settings(settings):
    settings.MASTHEAD = {**settings.MASTHEAD, "PLUGIN_TIME_BUDGET_MS": 50, "PLUGIN_MAX_OVERRUNS": 5}
    assert (get_host().budget.milliseconds, get_host().max_overruns) == (50, 5)


def test_unusable_budget_settings_are_check_errors(settings):
    settings.MASTHEAD = {**settings.MASTHEAD, "PLUGIN_TIME_BUDGET_MS": -1, "PLUGIN_MAX_OVERRUNS": 0}
    assert [message.id for message in time_budget_is_valid(None)] == [
        "plugins.E002",
        "plugins.E003",
    ]
    settings.MASTHEAD = {**settings.MASTHEAD, "PLUGIN_TIME_BUDGET_MS": 0, "PLUGIN_MAX_OVERRUNS": 1}
    assert time_budget_is_valid(None) == []


# --- A share provider that hangs -----------------------------------------------------------


def test_a_sleeping_share_provider_costs_only_its_own_button(article_factory, caplog):
    article = article_factory("Shared in time")
    with registered(sleeping_share, name="slow_share"):
        html, seconds = timed_render(article)
    assert seconds < BOUND
    assert "Shared in time" in html
    assert "share-row__button--slow" not in html
    for network in ("facebook", "x", "linkedin", "email"):
        assert f"share-row__button--{network}" in html
    assert overruns(caplog) == [
        "Plugin 'slow_share' overran its time budget of 200 ms in build_url "
        "(overrun 1 of 3 allowed); abandoned for this call"
    ]


def test_a_signed_in_reader_does_not_wait_for_it_either(article_factory, reader):
    # Signed-in readers are never served from the page cache: every page renders.
    article = article_factory("Signed in")
    client = Client()
    client.force_login(reader)
    with registered(sleeping_share, name="slow_share"):
        html, seconds = timed_render(article, client)
    assert seconds < BOUND
    assert 'id="post-a-comment"' in html
    assert "share-row__button--slow" not in html and "share-row__button--facebook" in html


def test_a_share_hook_that_sleeps_costs_only_its_own_buttons(article_factory, caplog):
    article = article_factory("Hook asleep")
    with registered(sleeping_share_hook, name="late_share"):
        html, seconds = timed_render(article)
        assert seconds < BOUND
        assert "share-row__button--late" not in html
        assert "share-row__button--facebook" in html
        assert f"Plugin 'late_share' {OVERRAN} in register_share_providers" in caplog.text
        for _ in range(2):
            render_article(article)
        assert status_of("late_share") == Status.SWITCHED_OFF
        html, seconds = timed_render(article)
    assert seconds < BOUND and "share-row__button--facebook" in html


def test_after_three_overruns_the_plugin_is_switched_off_until_restart(article_factory, caplog):
    article = article_factory("Three strikes")
    with registered(sleeping_share, name="slow_share"):
        for _ in range(3):
            render_article(article)
        assert status_of("slow_share") == Status.SWITCHED_OFF
        assert "Plugin 'slow_share' is switched off until the server restarts" in caplog.text
        assert len(overruns(caplog)) == 3
        caplog.clear()
        # No longer called at all: no wait, no overrun, and its button is gone from the row.
        html, seconds = timed_render(article)
        assert seconds < 1.0
        assert overruns(caplog) == []
        assert "share-row__button--slow" not in html and "share-row__button--facebook" in html
        assert "slow" not in get_host().share_providers()
        item = listed("slow_share")
        assert item["status"] == "switched off"
        assert item["error"] == (
            "timed out: overran its time budget of 200 ms 3 times, last in build_url"
        )
        table = io.StringIO()
        call_command("plugins", stdout=table)
        [row] = [line for line in table.getvalue().splitlines() if line.startswith("slow_share")]
        assert "switched off" in row and "timed out: overran its time budget" in row


def test_the_admin_report_shows_the_switched_off_plugin(article_factory, db):
    root = get_user_model().objects.create_superuser("root", "root@example.org", "pw-123456789")
    admin = Client()
    admin.force_login(root)
    article = article_factory("Reported")
    with registered(sleeping_share, name="slow_share"):
        for _ in range(3):
            render_article(article)
        html = admin.get("/admin/reports/plugins/").content.decode()
    assert "slow_share" in html and "switched off" in html
    assert "timed out: overran its time budget of 200 ms 3 times, last in build_url" in html
    assert "PLUGIN_TIME_BUDGET_MS" in html  # the report says what the status means


def test_another_process_lists_the_switch_off_from_the_shared_cache(article_factory):
    # manage.py plugins runs in a process of its own: it learns of switch-offs through
    # the shared cache. A second host stands for that process here; the real thing
    # runs under gunicorn below.
    article = article_factory("Elsewhere")
    with registered(sleeping_share, name="slow_share"):
        for _ in range(3):
            render_article(article)
    other = PluginHost([EntryPoint("slow_share", f"{SAMPLES}.sleeping_share", "masthead")])
    [info] = other.plugins
    assert info.status == Status.LOADED  # this process never called it
    [reported] = other.report()
    assert reported.status == Status.SWITCHED_OFF
    assert reported.error.startswith("timed out: overran its time budget of 200 ms 3 times")
    assert "server process" in reported.error


# --- Badges and moderators that hang -------------------------------------------------------


def test_a_sleeping_badge_costs_only_its_own_badge(article_factory, caplog):
    article = article_factory("Badged")
    with registered(good, name="sample_good"), registered(sleeping_badge, name="sleepy_badge"):
        html, seconds = timed_render(article)
        assert seconds < BOUND
        assert "Sampled" in html and "Sleepy badge" not in html
        assert "Plugin 'sleepy_badge' overran its time budget of 200 ms in badges_for_article" in (
            caplog.text
        )
        for _ in range(2):
            render_article(article)
        assert status_of("sleepy_badge") == Status.SWITCHED_OFF
        assert status_of("sample_good") == Status.LOADED
        assert "Sampled" in render_article(article)


def test_a_sleeping_moderator_holds_the_comment_for_an_editor(article_factory, reader, caplog):
    article = article_factory("Moderated slowly")
    client = Client()
    client.force_login(reader)
    with registered(sleeping_moderator, name="sleepy_moderator"):
        started = time.monotonic()
        response = post_comment(client, article, "Waiting for the spam check")
        assert time.monotonic() - started < BOUND
        assert response.status_code == 302
        comment = XtdComment.objects.get(comment="Waiting for the spam check")
        assert not comment.is_public  # held, as when a moderator raises: never waved through
        assert "Plugin 'sleepy_moderator' overran its time budget of 200 ms" in caplog.text
        for text in ("Second", "Third"):
            post_comment(client, article, text)
        assert status_of("sleepy_moderator") == Status.SWITCHED_OFF
        # Switched off, it checks nothing: comments are held at once rather than published.
        started = time.monotonic()
        post_comment(client, article, "After the switch-off")
        assert time.monotonic() - started < 1.0
        assert not XtdComment.objects.get(comment="After the switch-off").is_public
    # Once the moderator is gone (uninstalled and restarted), comments publish again.
    post_comment(client, article, "Moderator uninstalled")
    assert XtdComment.objects.get(comment="Moderator uninstalled").is_public


# --- What a call in a worker thread still gets ------------------------------------------------


class Raising:
    @hookimpl
    def register_share_providers(self):
        def build_url(target):
            raise RuntimeError("the share service is down")

        return [
            ShareProvider(
                key="broken",
                label="Share on Broken",
                icon=good.ICON,
                build_url=build_url,
                shown_by_default=True,
            )
        ]


def test_real_errors_still_raise_in_development_and_tests(article_factory):
    assert get_host().raise_errors is True
    article = article_factory("Loud")
    with (
        registered(Raising(), name="raising_share"),
        pytest.raises(RuntimeError, match="the share service is down"),
    ):
        render_article(article)


def test_real_errors_are_logged_and_skipped_in_production(settings, article_factory, caplog):
    settings.MASTHEAD = {**settings.MASTHEAD, "PLUGINS_RAISE_ERRORS": False}
    article = article_factory("Quiet")
    with registered(Raising(), name="raising_share"):
        html = render_article(article)
    assert "share-row__button--broken" not in html and "share-row__button--facebook" in html
    assert "Share provider 'broken' failed to build its link; skipped" in caplog.text
    assert status_of("share_networks") == Status.LOADED  # an error is no overrun


class OwnTimeout:
    @hookimpl
    def badges_for_article(self, article):
        raise TimeoutError("the plugin's own socket timed out")


def test_a_plugins_own_timeout_error_is_an_error_not_an_overrun(caplog):
    host = PluginHost([], raise_errors=True)
    host.add("own_timeout", OwnTimeout())
    with pytest.raises(TimeoutError, match="own socket"):
        host.badges_for_article(article=None)
    assert overruns(caplog) == []


class Threads:
    """Which thread each call ran in, and the database connection it queried on."""

    def __init__(self) -> None:
        self.seen: list[tuple[threading.Thread, object]] = []

    @hookimpl
    def badges_for_article(self, article):
        wrapper = connections[DEFAULT_DB_ALIAS]  # this thread's, not a proxy
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT 1")
        self.seen.append((threading.current_thread(), wrapper))
        return [Badge(key="threads", label="Threads")]


def test_calls_run_in_a_worker_thread_that_closes_its_database_connection(article_factory):
    article = article_factory("Threaded")
    spy = Threads()
    with registered(spy, name="threads"):
        html = render_article(article)
    assert "Threads" in html
    [(worker, used)] = spy.seen
    assert worker is not threading.current_thread()
    assert worker.name.startswith("masthead-plugin-") and worker.daemon
    # Its own connection (it sees committed data only), not the request's.
    assert used is not connections[DEFAULT_DB_ALIAS]
    # Django never closes SQLite's shared in-memory test database (closing would drop
    # it); every other database's connection is closed when the call ends.
    assert used.connection is None or used.is_in_memory_db()


def test_a_budget_of_zero_runs_plugins_inline_without_a_deadline(article_factory):
    host = PluginHost([], time_budget_ms=0)
    spy = Threads()
    host.add("threads", spy)
    article = article_factory("Inline")
    host.badges_for_article(article)
    [(worker, _)] = spy.seen
    assert worker is threading.current_thread()


# --- Abandoned calls cannot pile up ----------------------------------------------------------


def test_a_full_pool_refuses_calls_at_once_instead_of_queueing_behind_stuck_ones(caplog):
    host = PluginHost(
        [
            EntryPoint("a_sleepy", f"{SAMPLES}.sleeping_badge", "masthead"),
            EntryPoint("b_good", f"{SAMPLES}.good", "masthead"),
        ],
        max_overruns=5,
    )
    host.budget = TimeBudget(200, pool_size=1)
    started = time.monotonic()
    gathered = host.call("badges_for_article", article=None, request=None)
    assert time.monotonic() - started < BOUND
    # The sleeper holds the only worker; the good plugin is refused, not blamed.
    assert gathered.failed == ["a_sleepy", "b_good"]
    assert "Plugin 'b_good' was not called in badges_for_article" in caplog.text
    assert [r for r in overruns(caplog) if "b_good" in r] == []
    assert {info.name: info.status for info in host.plugins} == {
        "a_sleepy": Status.LOADED,
        "b_good": Status.LOADED,
    }


def test_stuck_calls_are_bounded_by_the_switch_off():
    host = PluginHost([EntryPoint("sleepy", f"{SAMPLES}.sleeping_badge", "masthead")])
    for _ in range(10):
        assert host.badges_for_article(article=None) == []
    assert {info.name: info.status for info in host.plugins} == {"sleepy": Status.SWITCHED_OFF}
    # Three calls were abandoned, each leaving a worker stuck; the seven after the
    # switch-off started none.
    assert host.budget.workers == 3


# --- Under gunicorn ------------------------------------------------------------------------


@pytest.mark.slow
def test_under_gunicorn_a_sleeping_share_provider_holds_no_article(tmp_path):
    """The probe's case on production settings: the sleeping provider installed as an
    operator would (a distribution with a ``masthead`` entry point), two workers."""
    installed = install_distribution(
        tmp_path / "site-packages",
        "masthead-slow-share",
        "0.1.0",
        f"[masthead]\nslow_share = {SAMPLES}.sleeping_share\n",
    )
    python_path = os.pathsep.join(filter(None, [str(installed), os.environ.get("PYTHONPATH")]))
    env = production_environment(
        tmp_path,
        redis_url=os.environ.get("REDIS_URL", ""),
        PYTHONPATH=python_path,
        PAGE_CACHE_SECONDS="0",  # every request renders the article, as the probe's uncached ones
    )
    with prepare_site(env, tmp_path):
        seeded = seed(env, ["slowly"], readers=1)
    path = seeded.paths["slowly"]
    bound = SECONDS / 3  # the sleep is 30 s; a held article would take all of it
    with gunicorn(env, tmp_path, workers=2) as server:
        # Eight renders over two workers: one of them has overrun three times at least.
        for _ in range(8):
            started = time.monotonic()
            status, _, body = get(server.port, path, timeout=2 * SECONDS)
            html = body.decode()
            assert status == 200 and time.monotonic() - started < bound
            assert "share-row__button--slow" not in html
            assert "share-row__button--facebook" in html
        reader = Reader(server.port, seeded.cookie, seeded.sessions[0], timeout=2 * SECONDS)
        started = time.monotonic()
        status, html = reader.request("GET", path)
        assert status == 200 and time.monotonic() - started < bound
        assert 'id="post-a-comment"' in html and "share-row__button--slow" not in html
        # An operator's listing, in a process of its own, sees what a worker switched off.
        [slow] = [
            item
            for item in json.loads(manage(env, "plugins", "--json"))
            if item["name"] == "slow_share"
        ]
        log = server.log.read_text()
    assert slow["status"] == "switched off"
    assert slow["error"].startswith(
        "timed out: overran its time budget of 200 ms 3 times, last in build_url"
    )
    assert "server process" in slow["error"]
    assert "Plugin 'slow_share' overran its time budget of 200 ms in build_url" in log
    assert "Plugin 'slow_share' is switched off until the server restarts" in log
