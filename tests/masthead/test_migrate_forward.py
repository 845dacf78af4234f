"""A database made by the code base before the discussion and sharing apps took their
models over migrates forward with every row, value and permission kept.

The work happens in processes of their own (migrate_forward_worker.py), on a new
database that pytest-django's test database never sees: an SQLite file, or, when
``DATABASE_URL`` names PostgreSQL, a throwaway database on that server. The first
builds the old database and stores rows through the old state's historical models;
the second runs ``migrate`` as an operator would and reads them back through the
current models.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.masthead.migrate_forward_worker import GRANTED, MOVED, OLD_LEAVES
from tests.servers import NOT_INHERITED, postgres_database

ROOT = Path(__file__).resolve().parents[2]
WORKER = "tests.masthead.migrate_forward_worker"
NEW_APPS = ("discussion", "sharing", "sentiment")


def environment(database_url: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
    return env | {"DJANGO_SETTINGS_MODULE": "masthead.settings.test", "DATABASE_URL": database_url}


def database_name(database_url: str) -> str:
    return "SQLite" if database_url.startswith("sqlite:") else "PostgreSQL"


def run_worker(step: str, database_url: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", WORKER, step],
        cwd=ROOT,
        env=environment(database_url),
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode:
        pytest.fail(
            f"The worker's {step!r} step failed on {database_name(database_url)} "
            f"(exit {done.returncode}):\n{done.stderr[-8000:]}",
            pytrace=False,
        )
    return json.loads(done.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def database_url(tmp_path_factory):
    configured = os.environ.get("DATABASE_URL", "")
    if configured.startswith(("postgres://", "postgresql://")):
        with postgres_database(configured, prefix="masthead_forward") as url:
            yield url
        return
    yield f"sqlite:///{tmp_path_factory.mktemp('forward') / 'db.sqlite3'}"


@pytest.fixture(scope="module")
def old(database_url) -> dict:
    """The old database, built: its applied migrations, its tables, the rows stored."""
    return run_worker("before", database_url)


@pytest.fixture(scope="module")
def new(old, database_url) -> dict:
    """The same database after ``migrate``, read through the current models."""
    return run_worker("after", database_url)


def section(new: dict, name: str):
    """One section the ``after`` step read; the test fails with its error if it has one."""
    migrated = new["migrate"]
    if "error" in migrated:
        pytest.fail(
            f"migrate failed, so nothing could be read: {migrated['error']}\n"
            f"{migrated['traceback']}",
            pytrace=False,
        )
    found = new[name]
    if isinstance(found, dict) and "error" in found:
        pytest.fail(
            f"Reading {name} after migrate failed: {found['error']}\n{found['traceback']}",
            pytrace=False,
        )
    return found


def table(label: str) -> str:
    """The table Django names for ``app.model`` by default."""
    return label.replace(".", "_")


# --- before: the old database is what the old code base made -------------------------


def test_the_old_database_stops_at_the_old_leaves(old):
    newest = {app: names[-1] for app, names in old["applied"].items()}
    assert newest == OLD_LEAVES, (
        "The old database must have exactly the old leaves applied and nothing of the new "
        f"apps ({', '.join(NEW_APPS)}); it has {old['applied']}"
    )


def test_the_old_database_has_the_old_tables_only(old):
    tables = set(old["tables"])
    assert {table(label) for label in MOVED} <= tables, "an old table is missing"
    assert not {table(label) for label in MOVED.values()} & tables, "a new table is there already"


def test_the_old_rows_are_stored(old):
    stored = old["stored"]
    assert [row["provider"] for row in stored["providers"]] == ["mastodon", "email", "bluesky"]
    assert [row["parent_id"] for row in stored["comments"]] == [stored["comments"][0]["id"]] * 2
    assert stored["comment_edit"]["comment_id"] == stored["comments"][1]["id"]
    granted = [
        stored["content_types"][label]["permissions"][codename]
        for label, codename in GRANTED.items()
    ]
    assert stored["group"]["permissions"] == sorted(granted)


# --- after: migrate keeps every row ---------------------------------------------------


def test_migrate_applies_every_migration(new):
    migrated = section(new, "migrate")
    assert migrated["unapplied"] == [], (
        f"Still unapplied after migrate: {migrated['unapplied']}\n{migrated['output']}"
    )


def test_discussion_settings_keep_their_values(old, new):
    assert section(new, "discussion_settings") == [old["stored"]["discussion_settings"]], (
        "Settings → Discussion must keep its row and every value"
    )


def test_share_settings_keep_their_values_and_their_buttons_in_order(old, new):
    found = section(new, "share_settings")
    assert found["settings"] == [old["stored"]["share_settings"]], (
        "Settings → Sharing must keep its row and every value"
    )
    assert found["providers"] == old["stored"]["providers"], (
        "The share buttons must keep their rows, read through the settings in their order"
    )


def test_the_article_keeps_its_comment_share_and_sentiment_fields(old, new):
    assert section(new, "article") == [old["stored"]["article"]], (
        "The article must keep its comment, share-row and sentiment fields"
    )


def test_comments_keep_their_thread_and_the_reply_its_edit(old, new):
    found = section(new, "comments")
    assert found["comments"] == old["stored"]["comments"], "The comments must keep their thread"
    assert found["edits"] == [old["stored"]["comment_edit"]], "The reply must keep its edit"


def test_the_group_keeps_both_permissions_now_on_the_moved_models(old, new):
    before = old["stored"]["content_types"]
    expected = [
        {
            "id": before[label]["permissions"][codename],
            "label": f"{MOVED[label].split('.')[0]}.{codename}",
            "content_type_id": before[label]["id"],
        }
        for label, codename in GRANTED.items()
    ]
    found = section(new, "group")["permissions"]
    assert found == sorted(expected, key=lambda permission: permission["id"]), (
        "The group's permissions must be the same rows, on the same content types, renamed "
        "to the new apps (a content type recreated, not renamed, leaves them on the old one)"
    )


def test_the_moved_models_keep_their_content_types_and_permissions(old, new):
    before = old["stored"]["content_types"]
    found = section(new, "content_types")
    wrong = [
        f"{old_label} → {new_label}: was {before[old_label]}, now {found[new_label]}"
        f" (and {old_label} is {found[old_label]})"
        for old_label, new_label in MOVED.items()
        if found[new_label] != before[old_label] or found[old_label] is not None
    ]
    assert not wrong, (
        "Each moved model's content type must be renamed, keeping its id and its "
        "permissions, with none left under the old app:\n" + "\n".join(wrong)
    )


def test_the_moved_models_have_new_tables_and_the_old_ones_are_gone(new):
    models = section(new, "moved_models")
    tables = set(section(new, "tables"))
    wrong = []
    for old_label, new_label in MOVED.items():
        if models[new_label] != {
            "app_label": new_label.split(".")[0],
            "db_table": table(new_label),
        }:
            wrong.append(f"{new_label} is {models[new_label]}, expected table {table(new_label)}")
        if table(new_label) not in tables:
            wrong.append(f"no table {table(new_label)}")
        if table(old_label) in tables:
            wrong.append(f"the old table {table(old_label)} is still there")
    assert not wrong, "\n".join(wrong)


def test_no_foreign_key_points_nowhere(new):
    assert section(new, "broken_foreign_keys") == [], (
        "PRAGMA foreign_key_check found rows whose foreign key points nowhere "
        "(table, rowid, referenced table, key index)"
    )


def test_the_moved_tables_take_new_rows(old, new):
    created = section(new, "new_rows")
    stored = old["stored"]
    assert created["provider_id"] > max(row["id"] for row in stored["providers"])
    assert created["comment_edit_id"] > stored["comment_edit"]["id"]


def test_models_and_migrations_agree(tmp_path):
    done = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env=environment(f"sqlite:///{tmp_path / 'db.sqlite3'}"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, (
        f"The models have changes no migration makes:\n{done.stdout}{done.stderr}"
    )
