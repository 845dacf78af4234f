"""One step of the forward-migration test, in a process of its own (test_migrate_forward.py).

Run as ``python -m tests.masthead.migrate_forward_worker before|after`` from the
project folder, with ``DATABASE_URL`` naming an empty database:

- ``before`` migrates it to the state of the code base before the discussion and
  sharing apps took their models over (the old leaves below, every third-party app's
  newest migration, nothing of the new apps), stores rows through that state's
  historical models, and prints what it stored as JSON.
- ``after`` runs ``migrate`` as an operator would, then reads the rows back through
  the current models and prints them as JSON, section by section: a section that
  could not be read holds ``{"error": …}`` instead, so each test names its own failure.

The JSON is the last line of stdout.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# The newest migration of each of Masthead's apps before the move.
OLD_LEAVES = {
    "articles": "0006_repair_empty_tag_slugs",
    "home": "0003_limit_latest_count",
    "plugins": "0001_share_settings",
    "readers": "0001_reader_profile",
}
# Each moved model: where it was, where it is now.
MOVED = {
    "articles.discussionsettings": "discussion.discussionsettings",
    "articles.commentedit": "discussion.commentedit",
    "plugins.sharesettings": "sharing.sharesettings",
    "plugins.sharesettingsprovider": "sharing.sharesettingsprovider",
}
ARTICLE_FIELDS = (
    "title",
    "slug",
    "path",
    "depth",
    "lede",
    "published_at",
    "comment_policy",
    "comments_close_after_days",
    "show_share_row",
    "sentiment_score",
    "sentiment_label",
    "sentiment_analyzer",
    "sentiment_scored_at",
    "sentiment_label_override",
    "show_sentiment_badge",
)
COMMENT_FIELDS = (
    "id",
    "comment",
    "user_name",
    "user_email",
    "object_pk",
    "content_type_id",
    "site_id",
    "submit_date",
    "ip_address",
    "is_public",
    "is_removed",
    "thread_id",
    "parent_id",
    "level",
    "order",
    "followup",
    "nested_count",
)
DISCUSSION_SETTINGS = {
    "default_policy": "auto",
    "close_after_days": 12,
    "moderation": "first",
    "anonymous_comments": True,
    "edit_window_minutes": 45,
    "comments_per_page": 7,
    "default_order": "newest",
}
SHARE_SETTINGS = {
    "tag_with_network": True,
    "utm_source": "masthead",
    "utm_medium": "social",
    "utm_campaign": "spring-issue",
    "mastodon_instance": "fosstodon.org",
}
# Stored in this order (so primary keys do not give the order away): key, sort_order.
PROVIDERS = (("bluesky", 2), ("mastodon", 0), ("email", 1))
GROUP = "Discussion and sharing editors"
# The group's permissions: model (before the move) → codename.
GRANTED = {
    "articles.discussionsettings": "change_discussionsettings",
    "plugins.sharesettings": "change_sharesettings",
}


def moment(minute: int) -> datetime:
    return datetime(2026, 11, 20, 9, minute, tzinfo=UTC)


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.test")
    import django

    django.setup()


def our_apps() -> set[str]:
    """The labels of the installed apps that are this repository's top-level packages
    (not those installed into its virtualenv)."""
    from django.apps import apps

    return {config.label for config in apps.get_app_configs() if Path(config.path).parent == ROOT}


def migrate_to(targets: list[tuple[str, str]]) -> None:
    """What ``manage.py migrate`` does, to several targets at once: the pre- and
    post-migrate signals (content types, permissions, the default site) included."""
    from django.apps import apps
    from django.core.management.sql import emit_post_migrate_signal, emit_pre_migrate_signal
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor
    from django.utils.module_loading import module_has_submodule

    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "management"):
            import_module(".management", config.name)
    connection = connections[DEFAULT_DB_ALIAS]
    ours = our_apps()
    theirs = [target for target in targets if target[0] not in ours]
    # Third-party apps as today's migrate applies them (their squashed migrations
    # included); then ours as the old code base had them, before any squash.
    executor = MigrationExecutor(connection)
    executor.loader.check_consistent_history(connection)
    plan = executor.migration_plan(theirs)
    pre_state = executor._create_project_state(with_applied_migrations=True)
    emit_pre_migrate_signal(0, False, connection.alias, apps=pre_state.apps, plan=plan)
    executor.migrate(theirs, plan=plan)
    # The state to apply ours on is today's (third-party squashes resolved); only
    # the plan for our apps comes from the old graph.
    state = MigrationExecutor(connection)._create_project_state(with_applied_migrations=True)
    old = MigrationExecutor(connection)
    old.loader = old_loader(connection)
    mine = [target for target in targets if target[0] in ours]
    post_state = old.migrate(mine, plan=old.migration_plan(mine), state=state)
    post_state.clear_delayed_apps_cache()
    emit_post_migrate_signal(0, False, connection.alias, apps=post_state.apps, plan=plan)


def create_old_permissions(state_apps) -> None:
    """Content types and permissions for every model of the old state, as the old code
    base's ``migrate`` made them: post-migrate skips an app that has no models now
    (plugins, whose models moved), though it had them then."""
    from types import SimpleNamespace

    from django.contrib.auth.management import create_permissions
    from django.db import DEFAULT_DB_ALIAS

    for config in state_apps.get_app_configs():
        if any(True for _model in config.get_models()):
            as_then = SimpleNamespace(label=config.label, models_module=True)
            create_permissions(as_then, verbosity=0, using=DEFAULT_DB_ALIAS, apps=state_apps)


def old_loader(connection):
    """The migrations as the old code base had them: squashed migrations (which replace
    the old ones on a new install) do not stand in for the migrations they replace."""
    from django.db.migrations.loader import MigrationLoader

    return MigrationLoader(connection, replace_migrations=False)


def old_targets() -> list[tuple[str, str]]:
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    graph = old_loader(connection).graph
    missing = [node for node in OLD_LEAVES.items() if node not in graph.nodes]
    if missing:
        raise SystemExit(f"old migrations missing from the migration graph: {missing}")
    ours = our_apps()
    return sorted(OLD_LEAVES.items()) + sorted(
        leaf for leaf in MigrationLoader(connection).graph.leaf_nodes() if leaf[0] not in ours
    )


def applied_here() -> dict[str, list[str]]:
    """Our apps' applied migrations, by app."""
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    ours = our_apps()
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        if app in ours:
            applied.setdefault(app, []).append(name)
    return applied


def tables() -> list[str]:
    from django.db import connection

    return sorted(connection.introspection.table_names())


def content_types_and_permissions(apps, labels) -> dict:
    """For each ``app.model``: its content type's id and its permissions' ids by codename."""
    content_type = apps.get_model("contenttypes", "ContentType")
    permission = apps.get_model("auth", "Permission")
    found = {}
    for label in labels:
        app_label, model = label.split(".")
        row = content_type.objects.filter(app_label=app_label, model=model).first()
        found[label] = row and {
            "id": row.pk,
            "permissions": dict(
                permission.objects.filter(content_type=row).values_list("codename", "pk")
            ),
        }
    return found


def store_old_rows(apps) -> dict:
    """Rows a site running the old code base would hold, through its historical models."""
    from django.conf import settings

    content_type = apps.get_model("contenttypes", "ContentType")
    page = apps.get_model("wagtailcore", "Page")
    site = apps.get_model("wagtailcore", "Site").objects.get(is_default_site=True)
    home = page.objects.get(pk=site.root_page_id)

    discussion = apps.get_model("articles", "DiscussionSettings").objects.create(
        site=site, **DISCUSSION_SETTINGS
    )
    sharing = apps.get_model("plugins", "ShareSettings").objects.create(site=site, **SHARE_SETTINGS)
    provider = apps.get_model("plugins", "ShareSettingsProvider")
    providers = [
        provider.objects.create(site_settings=sharing, provider=key, sort_order=order)
        for key, order in PROVIDERS
    ]

    # Wagtail's tree by hand (historical models have no treebeard methods):
    # the home page the home app's migration made, a section under it, an article under that.
    section = apps.get_model("articles", "ArticleIndexPage").objects.create(
        title="News",
        draft_title="News",
        slug="news",
        content_type=content_type.objects.get(app_label="articles", model="articleindexpage"),
        path=f"{home.path}0001",
        depth=home.depth + 1,
        numchild=1,
        url_path=f"{home.url_path}news/",
        locale_id=home.locale_id,
        live=True,
        intro="Kept across the move.",
    )
    page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)
    article_type = content_type.objects.get(app_label="articles", model="articlepage")
    article = apps.get_model("articles", "ArticlePage").objects.create(
        title="Forward",
        draft_title="Forward",
        slug="forward",
        content_type=article_type,
        path=f"{section.path}0001",
        depth=section.depth + 1,
        numchild=0,
        url_path=f"{section.url_path}forward/",
        locale_id=home.locale_id,
        live=True,
        first_published_at=moment(0),
        last_published_at=moment(0),
        lede="Every row survives the move.",
        published_at=moment(0),
        comment_policy="auto",
        comments_close_after_days=9,
        show_share_row=False,
        sentiment_score=-0.3125,
        sentiment_label="negative",
        sentiment_analyzer="vader 3.3.2",
        sentiment_scored_at=moment(1),
        sentiment_label_override="mixed",
        show_sentiment_badge=False,
    )

    # comments-xtd's threading fields are set by its model's save(), which historical
    # models do not have: set as it would.
    comment = apps.get_model("django_comments_xtd", "XtdComment")
    on_article = {
        "content_type": article_type,
        "object_pk": str(article.pk),
        "site_id": settings.SITE_ID,
        "is_public": True,
        "is_removed": False,
    }
    first = comment.objects.create(
        **on_article,
        comment="The first comment.",
        user_name="Ada",
        user_email="ada@example.com",
        submit_date=moment(10),
        ip_address="203.0.113.5",
        level=0,
        order=1,
        followup=True,
        nested_count=1,
    )
    comment.objects.filter(pk=first.pk).update(thread_id=first.pk, parent_id=first.pk)
    reply = comment.objects.create(
        **on_article,
        comment="A reply, edited since.",
        user_name="Grace",
        user_email="grace@example.com",
        submit_date=moment(20),
        ip_address="2001:db8::7",
        thread_id=first.pk,
        parent_id=first.pk,
        level=1,
        order=2,
        followup=False,
        nested_count=0,
    )
    edit = apps.get_model("articles", "CommentEdit").objects.create(
        comment=reply, edited_at=moment(25)
    )

    permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.create(name=GROUP)
    for label, codename in GRANTED.items():
        group.permissions.add(
            permission.objects.get(content_type__app_label=label.split(".")[0], codename=codename)
        )

    return {
        "discussion_settings": {"id": discussion.pk, "site_id": site.pk, **DISCUSSION_SETTINGS},
        "share_settings": {"id": sharing.pk, "site_id": sharing.site_id, **SHARE_SETTINGS},
        "providers": sorted(
            (
                {"id": row.pk, "provider": row.provider, "sort_order": row.sort_order}
                for row in providers
            ),
            key=lambda row: row["sort_order"],
        ),
        "section": {"id": section.pk, "path": section.path},
        "article": {"id": article.pk, **values(article, ARTICLE_FIELDS)},
        "comments": [
            values(comment.objects.get(pk=pk), COMMENT_FIELDS) for pk in (first.pk, reply.pk)
        ],
        "comment_edit": {"id": edit.pk, "comment_id": reply.pk, "edited_at": edit.edited_at},
        "group": {
            "id": group.pk,
            "permissions": sorted(group.permissions.values_list("pk", flat=True)),
        },
        "content_types": content_types_and_permissions(apps, MOVED),
    }


def values(row, fields) -> dict:
    return {field: getattr(row, field) for field in fields}


def before() -> dict:
    from django.db import connection

    targets = old_targets()
    migrate_to(targets)
    apps = old_loader(connection).project_state(targets).apps
    create_old_permissions(apps)
    return {
        "targets": targets,
        "applied": applied_here(),
        "tables": tables(),
        "stored": store_old_rows(apps),
    }


# --- after ------------------------------------------------------------------------


def migrate() -> dict:
    """``manage.py migrate``, then what is left to apply (nothing, when it worked)."""
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    output = StringIO()
    call_command("migrate", interactive=False, verbosity=1, stdout=output, stderr=output)
    executor = MigrationExecutor(connection)
    left = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return {
        "output": output.getvalue(),
        "unapplied": [str(migration) for migration, _backwards in left],
    }


def moved_models() -> dict:
    """Each moved model as the current code has it: its app, its table."""
    from django.apps import apps

    found = {}
    for label in MOVED.values():
        model = apps.get_model(label)
        found[label] = {"app_label": model._meta.app_label, "db_table": model._meta.db_table}
    return found


def discussion_settings() -> list[dict]:
    from discussion.models import DiscussionSettings

    return list(DiscussionSettings.objects.values("id", "site_id", *DISCUSSION_SETTINGS))


def share_settings() -> dict:
    from sharing.models import ShareSettings, ShareSettingsProvider

    return {
        "settings": list(ShareSettings.objects.values("id", "site_id", *SHARE_SETTINGS)),
        # Through the settings' own relation, as the share row reads them.
        "providers": [
            {"id": row.pk, "provider": row.provider, "sort_order": row.sort_order}
            for settings in ShareSettings.objects.all()
            for row in settings.providers.all()
        ],
        "provider_model": f"{ShareSettingsProvider._meta.label}",
    }


def article() -> list[dict]:
    from articles.models import ArticlePage

    return [{"id": page.pk, **values(page, ARTICLE_FIELDS)} for page in ArticlePage.objects.all()]


def comments() -> dict:
    from django_comments_xtd.models import XtdComment

    from discussion.models import CommentEdit

    return {
        "comments": [values(row, COMMENT_FIELDS) for row in XtdComment.objects.order_by("pk")],
        "edits": list(CommentEdit.objects.values("id", "comment_id", "edited_at")),
    }


def group() -> dict:
    from django.contrib.auth.models import Group

    found = Group.objects.get(name=GROUP)
    permissions = found.permissions.select_related("content_type").order_by("pk")
    return {
        "id": found.pk,
        "permissions": [
            {
                "id": permission.pk,
                "label": f"{permission.content_type.app_label}.{permission.codename}",
                "content_type_id": permission.content_type_id,
            }
            for permission in permissions
        ],
    }


def content_types() -> dict:
    from django.apps import apps

    return content_types_and_permissions(apps, [*MOVED, *MOVED.values()])


def broken_foreign_keys() -> list:
    """Rows whose foreign key points nowhere (SQLite checks only when asked)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return []  # PostgreSQL enforces every foreign key on every write
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA foreign_key_check")
        return [list(row) for row in cursor.fetchall()]


def new_rows() -> dict:
    """A row written through each moved model now: the tables take inserts, with new keys."""
    from django_comments_xtd.models import XtdComment

    from discussion.models import CommentEdit
    from sharing.models import ShareSettings, ShareSettingsProvider

    settings = ShareSettings.objects.get()
    provider = ShareSettingsProvider.objects.create(
        site_settings=settings, provider="x", sort_order=3
    )
    unedited = XtdComment.objects.filter(masthead_edit__isnull=True).order_by("pk").first()
    edit = CommentEdit.objects.create(comment=unedited, edited_at=moment(30))
    return {"provider_id": provider.pk, "comment_edit_id": edit.pk}


AFTER: dict[str, Callable[[], object]] = {
    "applied": applied_here,
    "tables": tables,
    "moved_models": moved_models,
    "discussion_settings": discussion_settings,
    "share_settings": share_settings,
    "article": article,
    "comments": comments,
    "group": group,
    "content_types": content_types,
    "broken_foreign_keys": broken_foreign_keys,
    "new_rows": new_rows,
}


def attempt(read: Callable[[], object]) -> object:
    try:
        return read()
    except Exception as error:  # each section reports its own failure to its own test
        return {"error": f"{type(error).__name__}: {error}", "traceback": traceback.format_exc()}


def after() -> dict:
    result = {"migrate": attempt(migrate)}
    if "error" in result["migrate"]:
        return result
    return result | {name: attempt(read) for name, read in AFTER.items()}


def main() -> None:
    step = {"before": before, "after": after}[sys.argv[1]]
    setup()
    from django.core.serializers.json import DjangoJSONEncoder

    result = step()
    sys.stdout.write("\n" + json.dumps(result, cls=DjangoJSONEncoder) + "\n")


if __name__ == "__main__":
    main()
