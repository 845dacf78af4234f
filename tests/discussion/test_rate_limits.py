"""Comment and confirmation-mail rate limits: a sliding window, in the shared cache,
holding across threads and server processes on every cache backend the site runs on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from django_comments_xtd.models import XtdComment

from discussion import rate_limits

from .comment_helpers import post_comment
from .test_comment_actions import signed_in_as

pytestmark = pytest.mark.django_db

PROJECT = Path(django_settings.BASE_DIR)
# DB 15 is the tests' own; keys carry a prefix of their own, so nothing else there is touched.
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
# Two seconds before a minute starts: calendar-minute counting would start afresh
# half-way through the posts below.
BEFORE_A_MINUTE = 1_700_000_040 - 2.0


class Clock:
    """The rate limits' clock, moved by hand."""

    def __init__(self, at: float) -> None:
        self.at = at

    def __call__(self) -> float:
        return self.at


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock(BEFORE_A_MINUTE)
    monkeypatch.setattr(rate_limits, "clock", fake)
    return fake


def _redis_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.exceptions.ConnectionError:
        return False


def cache_config(kind: str, folder: Path) -> dict:
    """Settings for one default cache of the kind production or development uses."""
    if kind == "locmem":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"rate-test-{uuid.uuid4().hex}",
        }
    if kind == "file":
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(folder / "cache"),
        }
    if kind == "database":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "rate_test_cache",
        }
    if not _redis_reachable(TEST_REDIS_URL):
        pytest.skip(f"needs a Redis server at {TEST_REDIS_URL} (none answered)")
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": TEST_REDIS_URL,
        "KEY_PREFIX": f"rate-test-{uuid.uuid4().hex}",
    }


def forget_redis_keys(config: dict) -> None:
    import redis

    client = redis.Redis.from_url(config["LOCATION"])
    for key in client.scan_iter(f"{config['KEY_PREFIX']}:*"):
        client.delete(key)


@contextmanager
def default_cache(kind: str, folder: Path) -> Iterator[dict]:
    """Make a cache of ``kind`` the default one for the block; yields its settings."""
    config = cache_config(kind, folder)
    # override_settings rather than the settings fixture: it is undone before the
    # suite's own fixture empties the cache, which must never flush the shared DB 15.
    with override_settings(CACHES={"default": {**config, "TIMEOUT": 600}}):
        if kind == "database":
            call_command("createcachetable", verbosity=0)
        try:
            yield config
        finally:
            if kind == "redis":
                forget_redis_keys(config)


@pytest.fixture(params=["locmem", "file", "database", "redis"])
def rate_cache(request, tmp_path):
    """The test runs once on each cache backend."""
    with default_cache(request.param, tmp_path) as config:
        yield config


def limits(settings, **rates: str) -> None:
    settings.MASTHEAD = {**settings.MASTHEAD, **rates}


# --- Comments, through the post view ----------------------------------------------------


def test_posts_straddling_a_minute_boundary_get_no_more_than_the_rate(
    settings, clock, signed_in, article_factory
):
    limits(settings, COMMENT_RATE_LIMIT_PER_USER="5/m", COMMENT_RATE_LIMIT_PER_ADDRESS="")
    article = article_factory("Fast talker")
    statuses = []
    for n in range(10):  # 0.4 s apart: four seconds, two calendar minutes
        statuses.append(post_comment(signed_in, article, f"Quick {n}").status_code)
        clock.at += 0.4
    assert statuses == [302] * 5 + [429] * 5
    assert XtdComment.objects.count() == 5
    clock.at += 55.0  # the ten attempts are all within the last minute
    assert post_comment(signed_in, article, "Still too soon").status_code == 429
    clock.at += 61.0  # a full minute of silence
    assert post_comment(signed_in, article, "Calmer now").status_code == 302
    assert XtdComment.objects.count() == 6


def test_the_address_limit_slides_across_accounts(settings, clock, article_factory, reader):
    from .conftest import make_reader

    limits(settings, COMMENT_RATE_LIMIT_PER_USER="", COMMENT_RATE_LIMIT_PER_ADDRESS="3/10m")
    article = article_factory("Sock puppets")
    others = [make_reader(f"puppet{n}", f"puppet{n}@example.org") for n in range(4)]
    statuses = []
    for user in [reader, *others]:
        statuses.append(post_comment(signed_in_as(user), article, f"By {user}").status_code)
        clock.at += 150  # one post every 2.5 minutes: 4 in any 10 minutes
    assert statuses == [302, 302, 302, 429, 429]


# --- The sliding window on every cache backend ----------------------------------------


def test_a_window_never_holds_more_than_its_rate(rate_cache, clock):
    rates = rate_limits.parse_rates("5/m")
    answers = []
    for _ in range(10):
        answers.append(rate_limits._consume("test:straddle", rates))
        clock.at += 0.4
    assert answers == [True] * 5 + [False] * 5
    clock.at += 60.0
    assert rate_limits._consume("test:straddle", rates)
    assert rate_limits._consume("test:someone-else", rates)


def test_every_rate_of_a_source_holds(rate_cache, clock):
    rates = rate_limits.parse_rates("2/s,3/m")
    answers = []
    for _ in range(4):
        answers.append(rate_limits._consume("test:bursts", rates))
        clock.at += 0.6  # 2/s allows each, 3/m does not allow the fourth
    assert answers == [True, True, True, False]
    clock.at = BEFORE_A_MINUTE + 100
    assert rate_limits._consume("test:bursts", rates)
    assert rate_limits._consume("test:bursts", rates)
    assert not rate_limits._consume("test:bursts", rates)  # two in one second


# The database cache is left out: the test's database is one open transaction the
# threads' connections cannot see; the process test below covers that backend.
@pytest.mark.parametrize("kind", ["locmem", "file", "redis"])
def test_concurrent_attempts_in_threads_get_exactly_the_rate(kind, tmp_path):
    rates = rate_limits.parse_rates("10/m")
    start = threading.Barrier(6)
    answers: list[bool] = []

    def attempt() -> None:
        start.wait()
        answers.extend(rate_limits._consume("test:threads", rates) for _ in range(5))

    with default_cache(kind, tmp_path):
        threads = [threading.Thread(target=attempt) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(answers) == 30 and answers.count(True) == 10


def test_server_processes_together_get_exactly_the_rate(tmp_path):
    """Three processes sharing each cache backend, 8 attempts each at once: 10 allowed."""
    # Redis too when one answers (production's cache); the other two need nothing.
    kinds = ["file", "database", *(["redis"] if _redis_reachable(TEST_REDIS_URL) else [])]
    configs = [cache_config(kind, tmp_path) for kind in kinds]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "masthead.settings.test"}
    # The processes' own database: a file they share (the test's is in memory).
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    env.pop("REDIS_URL", None)
    rounds = json.dumps([{"default": config} for config in configs])
    command = [sys.executable, "-m", "tests.discussion.rate_limit_worker", rounds, "8"]
    workers = [
        subprocess.Popen(
            [*command, *(["--create-tables"] if n == 0 else [])],
            cwd=PROJECT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(3)
    ]
    try:
        for kind in kinds:
            for worker in workers:
                assert worker.stdout.readline().strip() == "ready", kind
            for worker in workers:  # all at once: each waits for this line
                worker.stdin.write("go\n")
                worker.stdin.flush()
            answers = [answer for w in workers for answer in json.loads(w.stdout.readline())]
            assert len(answers) == 24 and answers.count(True) == 10, kind
        for worker in workers:
            worker.stdin.close()
            assert worker.wait(timeout=60) == 0
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
        if "redis" in kinds:
            forget_redis_keys(configs[-1])


def test_a_lock_left_by_a_dead_process_refuses_only_while_it_lasts(monkeypatch, clock):
    monkeypatch.setattr(rate_limits, "_LOCK_WAIT_SECONDS", 0.05)
    cache.add("masthead:rate:test:stuck:lock", "someone who died", timeout=1)
    rates = rate_limits.parse_rates("5/m")
    assert not rate_limits._consume("test:stuck", rates)
    assert rate_limits._consume("test:free", rates)
    cache.delete("masthead:rate:test:stuck:lock")  # as its timeout would
    assert rate_limits._consume("test:stuck", rates)


def test_a_hammering_source_costs_no_more_room_than_its_rate(clock):
    rates = rate_limits.parse_rates("3/h")
    for _ in range(500):
        rate_limits._consume("test:hammer", rates)
        clock.at += 1
    assert len(cache.get("masthead:rate:test:hammer")) == 3


# --- Confirmation mails ----------------------------------------------------------------


def visitor(address: str = "203.0.113.7"):
    request = RequestFactory().post("/comments/post/", REMOTE_ADDR=address)
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    return request


def test_confirmation_mails_to_one_mailbox_are_limited_however_it_is_written(clock):
    spellings = ["victim@example.org", "  Victim@Example.ORG ", "victim+comments@example.org"]
    for n, spelling in enumerate(spellings):
        assert rate_limits.within_confirmation_mail_limits(visitor(f"198.51.100.{n}"), spelling)
        clock.at += 60
    # A fourth within the hour, from yet another address: refused (default 3/h).
    assert not rate_limits.within_confirmation_mail_limits(
        visitor("198.51.100.99"), "VICTIM@example.org"
    )
    assert rate_limits.within_confirmation_mail_limits(
        visitor("198.51.100.99"), "other@example.org"
    )


def test_confirmation_mails_count_over_hours_and_days(clock):
    sent = []
    for hour in range(8):
        clock.at = BEFORE_A_MINUTE + hour * 3600 + 3700  # one each hour and a bit
        sent.append(rate_limits.within_confirmation_mail_limits(visitor(), "val@example.org"))
    # 3/h never binds at one an hour; 6/d stops the seventh and eighth of the day.
    assert sent == [True] * 6 + [False] * 2
    clock.at += 86400  # a day after the last attempt
    assert rate_limits.within_confirmation_mail_limits(visitor(), "val@example.org")


def test_one_sender_address_cannot_mail_many_mailboxes(clock):
    request = visitor("192.0.2.10")
    sent = [
        rate_limits.within_confirmation_mail_limits(request, f"stranger{n}@example.org")
        for n in range(11)
    ]
    assert sent == [True] * 10 + [False]  # default 10/h per sender address
    clock.at += 3599
    assert not rate_limits.within_confirmation_mail_limits(request, "one-more@example.org")
    assert rate_limits.within_confirmation_mail_limits(visitor("192.0.2.11"), "x@example.org")


def test_confirmation_mail_limits_are_settings(settings, clock):
    limits(
        settings,
        CONFIRMATION_MAIL_RATE_LIMIT_PER_RECIPIENT="1/d",
        CONFIRMATION_MAIL_RATE_LIMIT_PER_ADDRESS="",
    )
    assert rate_limits.within_confirmation_mail_limits(visitor("192.0.2.1"), "a@example.org")
    clock.at += 23 * 3600
    assert not rate_limits.within_confirmation_mail_limits(visitor("192.0.2.2"), "a@example.org")
    for n in range(20):  # no limit per sender address
        assert rate_limits.within_confirmation_mail_limits(visitor(), f"b{n}@example.org")


def test_the_default_mail_limits_are_per_hour_and_per_day():
    from masthead.conf import DEFAULTS, masthead_setting

    assert DEFAULTS["CONFIRMATION_MAIL_RATE_LIMIT_PER_RECIPIENT"] == "3/h,6/d"
    assert DEFAULTS["CONFIRMATION_MAIL_RATE_LIMIT_PER_ADDRESS"] == "10/h,30/d"
    for name in ("RECIPIENT", "ADDRESS"):
        rates = rate_limits.parse_rates(
            masthead_setting(f"CONFIRMATION_MAIL_RATE_LIMIT_PER_{name}")
        )
        assert min(rate.seconds for rate in rates) >= 3600


def test_recipients_are_counted_by_mailbox():
    normalise = rate_limits.normalise_recipient
    assert normalise("  Ada+News@Example.ORG ") == "ada@example.org"
    assert normalise("a.d.a@googlemail.com") == normalise("ADA@gmail.com") == "ada@gmail.com"
    assert normalise("a.da@example.org") == "a.da@example.org"  # dots matter elsewhere
