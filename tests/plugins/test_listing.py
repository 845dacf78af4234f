"""What operators see: ``manage.py plugins`` (table and JSON) and Reports → Plugins."""

from __future__ import annotations

import csv
import io
import json
from importlib.metadata import EntryPoint

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import Client

from plugins.manager import PluginHost, set_host

SAMPLES = "tests.plugins.sample_plugins"


@pytest.fixture
def host():
    """The site's host, holding one plugin of each status."""
    points = [
        EntryPoint("alpha_good", f"{SAMPLES}.good", "masthead"),
        EntryPoint("beta_broken", f"{SAMPLES}.failing_import", "masthead"),
        EntryPoint("gamma_off", f"{SAMPLES}.good", "masthead"),
        EntryPoint("delta_misspelt", f"{SAMPLES}.misspelt", "masthead"),
    ]
    host = PluginHost(points, disabled={"gamma_off"})
    set_host(host)
    yield host
    set_host(None)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("plugins", *args, stdout=out)
    return out.getvalue()


def test_the_table_lists_every_plugin_in_load_order(host):
    lines = run().splitlines()
    assert lines[0].split() == ["NAME", "DISTRIBUTION", "VERSION", "HOOKS", "STATUS", "ERROR"]
    names = [line.split()[0] for line in lines[1:]]
    assert names == ["alpha_good", "beta_broken", "delta_misspelt", "gamma_off"]
    rows = dict(zip(names, lines[1:], strict=True))
    assert "badges_for_article, moderate_comment, register_share_providers" in rows["alpha_good"]
    assert " loaded" in rows["alpha_good"]
    assert " failed " in rows["beta_broken"]
    assert "No module named 'masthead_missing_dependency'" in rows["beta_broken"]
    assert " invalid " in rows["delta_misspelt"] and "did you mean" in rows["delta_misspelt"]
    assert rows["gamma_off"].rstrip().endswith("disabled")
    # Columns line up: every status starts where the header's STATUS does.
    column = lines[0].index("STATUS")
    assert all(
        line[column:].split()[0] in {"loaded", "failed", "invalid", "disabled"}
        for line in lines[1:]
    )


def test_json_gives_the_same_as_a_list(host):
    listed = json.loads(run("--json"))
    assert listed == [info.as_dict() for info in host.plugins]
    assert [item["name"] for item in listed] == [
        "alpha_good",
        "beta_broken",
        "delta_misspelt",
        "gamma_off",
    ]
    assert listed[0]["module"] == f"{SAMPLES}.good"
    assert listed[0]["status"] == "loaded"
    assert listed[0]["hooks"] == [
        "badges_for_article",
        "moderate_comment",
        "register_share_providers",
    ]
    assert listed[1]["status"] == "failed" and "ModuleNotFoundError" in listed[1]["error"]
    assert listed[3] == {**listed[3], "status": "disabled", "hooks": [], "error": ""}


def test_the_listing_runs_even_when_a_plugin_fails_the_checks(host):
    # An invalid plugin stops every command that runs the system checks; the
    # listing is how the operator finds it, so it must still run (and exit 0).
    from django.core.management import get_commands, load_command_class

    command = load_command_class(get_commands()["plugins"], "plugins")
    assert command.requires_system_checks == []
    assert "delta_misspelt" in run()


def test_help_tells_operators_how_to_switch_a_plugin_off():
    from django.core.management import get_commands, load_command_class

    command = load_command_class(get_commands()["plugins"], "plugins")
    text = command.create_parser("manage.py", "plugins").format_help()
    assert "DISABLED_PLUGINS" in text and "--json" in text
    assert "failed" in text and "invalid" in text


def test_no_plugins_says_so():
    set_host(PluginHost([]))
    try:
        assert run() == "No plugins are installed.\n"
        assert json.loads(run("--json")) == []
    finally:
        set_host(None)


# --- The admin report ---------------------------------------------------------------


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.org", "pw-123456789")


@pytest.fixture
def editor(db):
    """Staff with admin access and every page permission, but not a superuser."""
    user = get_user_model().objects.create_user(
        "ed", "ed@example.org", "pw-123456789", is_staff=True
    )
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def signed_in_as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_superusers_see_the_report(host, superuser):
    response = signed_in_as(superuser).get("/admin/reports/plugins/")
    assert response.status_code == 200
    html = response.content.decode()
    for expected in (
        "alpha_good",
        "badges_for_article, moderate_comment, register_share_providers",
        "No module named &#x27;masthead_missing_dependency&#x27;",
        "did you mean &#x27;badges_for_article&#x27;?",
        "disabled",
        "DISABLED_PLUGINS",
    ):
        assert expected in html
    assert html.index("alpha_good") < html.index("beta_broken") < html.index("gamma_off")


def test_the_report_downloads_as_csv(host, superuser):
    response = signed_in_as(superuser).get("/admin/reports/plugins/?export=csv")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv"
    rows = list(csv.reader(b"".join(response.streaming_content).decode().splitlines()))
    assert rows[0] == ["Name", "Distribution", "Version", "Hooks", "Status", "Error"]
    assert rows[1] == [
        "alpha_good",
        "",
        "",
        "badges_for_article, moderate_comment, register_share_providers",
        "loaded",
        "",
    ]
    assert [row[0] for row in rows[1:]] == [info.name for info in host.plugins]


def test_superusers_find_it_in_the_reports_menu(host, superuser):
    html = signed_in_as(superuser).get("/admin/").content.decode()
    assert "/admin/reports/plugins/" in html


def test_other_staff_neither_see_nor_reach_it(host, editor):
    client = signed_in_as(editor)
    assert "/admin/reports/plugins/" not in client.get("/admin/").content.decode()
    response = client.get("/admin/reports/plugins/")
    assert response.status_code == 302 and response.url == "/admin/"
    assert "alpha_good" not in client.get(response.url).content.decode()


def test_visitors_are_sent_to_sign_in(host, client, db):
    response = client.get("/admin/reports/plugins/")
    assert response.status_code == 302 and "/accounts/login/" in response.url
