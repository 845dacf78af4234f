"""Settings from the environment: embedded defaults, URLs, and production's checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from masthead.settings import env

ROOT = Path(__file__).resolve().parents[2]


def test_bool_words(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env.env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "off")
    assert env.env_bool("FLAG", True) is False
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG='maybe' is not a boolean"):
        env.env_bool("FLAG", True)
    monkeypatch.delenv("FLAG")
    assert env.env_bool("FLAG", True) is True


def test_list_and_int(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.example , ,b.example")
    assert env.env_list("HOSTS", "") == ["a.example", "b.example"]
    monkeypatch.setenv("NUMBER", "x")
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        env.env_int("NUMBER", 1)


def test_rates_are_checked_when_settings_load(monkeypatch):
    monkeypatch.setenv("LIMIT", "5/m, 3/10m")
    assert env.env_rates("LIMIT", "") == "5/m, 3/10m"
    monkeypatch.setenv("LIMIT", "")
    assert env.env_rates("LIMIT", "1/m") == ""  # set but empty: no limit
    monkeypatch.setenv("LIMIT", "5 per minute")
    with pytest.raises(ImproperlyConfigured, match=r"LIMIT=.*'5 per minute' is not a rate"):
        env.env_rates("LIMIT", "")


def test_default_database_is_tuned_sqlite(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = env.database_from_env(tmp_path / "db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert config["OPTIONS"]["timeout"] >= 5
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_database_url_switches_to_postgres(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://user:secret@db.internal:5433/news")
    config = env.database_from_env(tmp_path / "db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.internal", 5433, "news")


def test_bad_database_url_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "nonsense://x")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env.database_from_env(tmp_path / "db.sqlite3")


def test_redis_url_switches_the_cache(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert "LocMemCache" in env.cache_from_env()["default"]["BACKEND"]
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")
    cache = env.cache_from_env()["default"]
    assert cache["BACKEND"] == "masthead.cache.ResilientRedisCache"
    assert cache["LOCATION"] == "redis://127.0.0.1:6379/3"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("console://", {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}),
        (
            "smtp://me%40example.org:p%3Ass@mail.example.org:587?tls=true",
            {
                "EMAIL_HOST": "mail.example.org",
                "EMAIL_PORT": 587,
                "EMAIL_HOST_USER": "me@example.org",
                "EMAIL_HOST_PASSWORD": "p:ss",
                "EMAIL_USE_TLS": True,
                "EMAIL_USE_SSL": False,
            },
        ),
        ("smtps://mail.example.org", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True}),
    ],
)
def test_email_url(monkeypatch, url, expected):
    monkeypatch.setenv("EMAIL_URL", url)
    config = env.email_from_env()
    assert {key: config[key] for key in expected} == expected


def test_unknown_email_scheme_is_refused(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "pigeon://loft")
    with pytest.raises(ImproperlyConfigured, match="pigeon"):
        env.email_from_env()


def test_a_file_database_really_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    # The test database lives in memory, so check a real file through manage.py.
    probe = (
        "from django.db import connection\n"
        "cursor = connection.cursor()\n"
        "print(cursor.execute('PRAGMA journal_mode').fetchone()[0])\n"
        "print(cursor.execute('PRAGMA busy_timeout').fetchone()[0])\n"
    )
    result = run_manage("shell", "-c", probe, DATABASE_URL=f"sqlite:///{tmp_path / 'file.sqlite3'}")
    assert result.returncode == 0, result.stderr
    mode, timeout_ms = result.stdout.split()[-2:]
    assert mode == "wal"
    assert int(timeout_ms) == 20_000


def run_manage(*args: str, **environ: str) -> subprocess.CompletedProcess:
    ignored = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in ignored}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **environ},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage(
        "check", DJANGO_SETTINGS_MODULE="masthead.settings.production", SECRET_KEY=""
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_check_deploy():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="masthead.settings.production",
        SECRET_KEY="k" * 20 + "x9-Q_r" * 10,
        ALLOWED_HOSTS="news.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_cache_is_shared_between_processes_without_redis(monkeypatch, tmp_path):
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("CACHE_DIR", raising=False)
    postgres = {"ENGINE": "django.db.backends.postgresql", "NAME": "news"}
    cache = env.cache_from_env(shared=True, database=postgres)["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    # On SQLite the shared cache lives in files beside the database, out of its lock.
    sqlite = env.sqlite_database(tmp_path / "db.sqlite3")
    cache = env.cache_from_env(shared=True, database=sqlite)["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert cache["LOCATION"] == f"{tmp_path / 'db.sqlite3'}-cache"
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    assert "RedisCache" in env.cache_from_env(shared=True)["default"]["BACKEND"]


def test_migrate_keeps_the_production_cache_out_of_sqlite(tmp_path):
    database = tmp_path / "prod.sqlite3"
    result = run_manage(
        "migrate",
        "--noinput",
        "-v0",
        DJANGO_SETTINGS_MODULE="masthead.settings.production",
        SECRET_KEY="k" * 20 + "x9-Q_r" * 10,
        DATABASE_URL=f"sqlite:///{database}",
        REDIS_URL="",
    )
    assert result.returncode == 0, result.stderr
    import sqlite3

    with sqlite3.connect(database) as db:
        tables = {row[0] for row in db.execute("select name from sqlite_master")}
    assert "masthead_cache" not in tables
