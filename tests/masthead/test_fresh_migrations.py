"""A new install's migration history is clean: no app creates a table another app owns."""

from __future__ import annotations

import pytest
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import CreateModel, SeparateDatabaseAndState

ARTICLES_SQUASH = "0001_squashed_0007_hand_discussion_models_to_discussion"
PLUGINS_SQUASH = "0001_squashed_0002_hand_share_settings_to_sharing"


OURS = {"home", "articles", "discussion", "sharing", "sentiment", "readers", "plugins", "demo"}


def our_fresh_plan() -> list[tuple[str, str]]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    plan = []
    for leaf in sorted(loader.graph.leaf_nodes()):
        for node in loader.graph.forwards_plan(leaf):
            if node[0] in OURS and node not in plan:
                plan.append(node)
    return plan


def test_a_new_install_runs_the_squashed_migrations_not_the_hand_overs():
    plan = our_fresh_plan()
    assert ("articles", ARTICLES_SQUASH) in plan
    assert ("plugins", PLUGINS_SQUASH) in plan
    handed_over = {
        ("articles", "0003_discussion_moderation_and_display"),
        ("articles", "0005_comment_edit"),
        ("articles", "0007_hand_discussion_models_to_discussion"),
        ("plugins", "0001_share_settings"),
        ("plugins", "0002_hand_share_settings_to_sharing"),
    }
    assert not handed_over & set(plan), plan


@pytest.mark.parametrize(
    ("app", "name", "foreign"),
    [
        ("articles", ARTICLES_SQUASH, {"discussionsettings", "commentedit"}),
        ("plugins", PLUGINS_SQUASH, {"sharesettings", "sharesettingsprovider"}),
    ],
)
def test_the_squashed_migrations_create_no_model_another_app_owns(app, name, foreign):
    migration = MigrationLoader(None, ignore_no_migrations=True).graph.nodes[app, name]
    created = {op.name_lower for op in migration.operations if isinstance(op, CreateModel)}
    assert not created & foreign
    assert not [op for op in migration.operations if isinstance(op, SeparateDatabaseAndState)]
