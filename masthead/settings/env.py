"""Readers for settings that come from the environment, with clear errors for bad values."""

from __future__ import annotations

import os
import re
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    """Return the variable, or ``default`` when it is unset."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    """Return the variable as a boolean; anything but a known word is an error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean: use true or false.")


def env_int(name: str, default: int) -> int:
    """Return the variable as an integer."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


RATE = re.compile(r"^\d+/\d*[smhd]$")


def env_rates(name: str, default: str) -> str:
    """Return comma-separated rates such as ``5/m,40/h`` ("" for none), checked."""
    raw = os.environ.get(name, default)
    for part in filter(None, (piece.strip() for piece in raw.split(","))):
        if not RATE.match(part):
            raise ImproperlyConfigured(
                f"{name}={raw!r}: {part!r} is not a rate such as 5/m, 40/h or 3/10m."
            )
    return raw


def env_list(name: str, default: str) -> list[str]:
    """Return a comma-separated variable as a list without blanks."""
    raw = os.environ.get(name, default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def sqlite_database(path: os.PathLike | str) -> dict:
    """An SQLite database tuned for a web server: WAL, a busy timeout, immediate transactions.

    WAL lets readers carry on while one writer writes; ``IMMEDIATE`` takes the
    write lock when a transaction starts, so two writers queue behind the busy
    timeout instead of failing with "database is locked" half-way through.
    """
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            # Seconds a writer waits for the lock before "database is locked" (a 503).
            "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20),
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
            ),
        },
    }


def database_from_env(default_sqlite_path: os.PathLike | str) -> dict:
    """Build the default database from ``DATABASE_URL``, or the embedded SQLite file."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return sqlite_database(default_sqlite_path)
    import dj_database_url

    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {error}") from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        return sqlite_database(config["NAME"])
    return config


# The page cache's keys (masthead.page_cache): while Redis is away they are not kept in
# each process's memory, where emptying the page cache in one process would not
# reach the others.
PAGE_CACHE_KEY_PREFIXES = ("masthead:page:",)


def cache_from_env(shared: bool = False, database: dict | None = None) -> dict:
    """The default cache: Redis when ``REDIS_URL`` is set; otherwise this process's
    memory, or, when the cache must be ``shared`` by several server processes, one
    beside the ``database`` (its settings): files in a folder for SQLite, a table
    in it for any other database."""
    url = os.environ.get("REDIS_URL", "").strip()
    if url:
        return {
            "default": {
                # Django's RedisCache, answered from memory while Redis is away.
                "BACKEND": "masthead.cache.ResilientRedisCache",
                "LOCATION": url,
                "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "masthead"),
                "TIMEOUT": 600,
                "OPTIONS": {
                    # A Redis that is gone costs a fraction of a second, not a hang.
                    "socket_connect_timeout": 0.5,
                    "socket_timeout": 1.0,
                    "RETRY_SECONDS": env_int("CACHE_RETRY_SECONDS", 5),
                    "NOT_KEPT_LOCALLY": PAGE_CACHE_KEY_PREFIXES,
                },
            }
        }
    if shared and database and database.get("ENGINE") == "django.db.backends.sqlite3":
        # Not a table in SQLite: every cache write would wait for the database's one
        # write lock, so a long write would stall every reader. Files need no lock.
        folder = env_str("CACHE_DIR") or f"{database['NAME']}-cache"
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": folder,
                "TIMEOUT": 600,
                "OPTIONS": {"MAX_ENTRIES": 5000},
            }
        }
    if shared:
        # Every gunicorn worker sees the same entries, so emptying the page cache in
        # one worker empties it for all. `migrate` creates the table (home.apps).
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "masthead_cache",
                "TIMEOUT": 600,
                "OPTIONS": {"MAX_ENTRIES": 5000},
            }
        }
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "masthead",
            "TIMEOUT": 600,
        }
    }


def email_from_env() -> dict:
    """Turn ``EMAIL_URL`` into Django's email settings; the console when it is unset.

    Forms: ``smtp://user:pass@host:587?tls=true``, ``smtps://…`` (implicit TLS),
    ``console://``, ``locmem://``, ``file:///path/to/dir``.
    """
    url = os.environ.get("EMAIL_URL", "").strip() or "console://"
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if scheme == "file":
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": unquote(parts.path),
        }
    if scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured(
            f"EMAIL_URL scheme {scheme!r} is not supported: use smtp, smtps, console, "
            "locmem or file."
        )
    query = {key: values[-1].lower() for key, values in parse_qs(parts.query).items()}
    if not parts.hostname:
        raise ImproperlyConfigured("EMAIL_URL names no host.")
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": parts.port or (465 if scheme == "smtps" else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": query.get("tls") in TRUE_WORDS,
        "EMAIL_USE_SSL": scheme == "smtps" or query.get("ssl") in TRUE_WORDS,
        "EMAIL_TIMEOUT": 10,
    }
