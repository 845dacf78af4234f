"""examples/masthead-share-example, installed as an operator would install it: found through
its entry point, listed by ``manage.py plugins``, shown once an editor enables it, and
passing its own tests."""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import sys
from importlib.metadata import distributions, entry_points
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from plugins.manager import PluginHost, Status, set_host
from plugins.testing import check_share_provider, render_article

EXAMPLE = Path(django_settings.BASE_DIR) / "examples" / "masthead-share-example"
REPO = Path(django_settings.BASE_DIR)
MODULE = "masthead_share_example"


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The example pip-installed into a folder of its own (offline, no build isolation)."""
    root = tmp_path_factory.mktemp("example")
    # Built from a copy: setuptools leaves build/ and egg-info folders beside the source.
    source = shutil.copytree(EXAMPLE, root / "source", ignore=shutil.ignore_patterns("build"))
    target = root / "site-packages"
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index"]
    subprocess.run(
        [*pip, "--no-build-isolation", "--target", str(target), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return target


def environment(installed: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(installed), os.environ.get("PYTHONPATH")])),
        "DJANGO_SETTINGS_MODULE": "masthead.settings.test",
    }


@pytest.fixture
def importable(installed, monkeypatch):
    """The installed example on sys.path for one test, and forgotten afterwards."""
    monkeypatch.syspath_prepend(str(installed))
    yield installed
    sys.modules.pop(MODULE, None)


@pytest.fixture
def host_with_example(importable):
    """The site's host as it is once the example is installed beside Masthead's own plugins."""
    [example] = distributions(path=[str(importable)])
    points = [*entry_points(group="masthead"), *example.entry_points.select(group="masthead")]
    host = PluginHost(points, raise_errors=True)
    set_host(host)
    yield host
    set_host(None)


def test_the_package_installs_with_its_entry_point(installed):
    [dist] = distributions(path=[str(installed)])
    assert (dist.name, dist.version) == ("masthead-share-example", "0.1.0")
    [point] = dist.entry_points.select(group="masthead")
    assert (point.name, point.value) == ("share_example", MODULE)


def test_manage_py_plugins_lists_it(installed):
    result = subprocess.run(
        [sys.executable, "manage.py", "plugins", "--json"],
        cwd=REPO,
        env=environment(installed),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    listed = {item["name"]: item for item in json.loads(result.stdout)}
    assert listed["share_example"] == {
        "name": "share_example",
        "module": MODULE,
        "distribution": "masthead-share-example",
        "version": "0.1.0",
        "status": "loaded",
        "hooks": ["register_share_providers"],
        "error": "",
    }
    # Masthead's own plugins come through the same group, in the same listing.
    assert {"share_networks", "sentiment_vader"} <= set(listed)


def test_its_provider_joins_the_sites(host_with_example):
    info = next(info for info in host_with_example.plugins if info.name == "share_example")
    assert info.status == Status.LOADED
    providers = host_with_example.share_providers()
    assert providers["diaspora"].label == "Share on diaspora*"
    check_share_provider(providers["diaspora"])


def test_it_is_rendered_on_an_article_once_enabled(host_with_example, site, article_factory):
    from sharing.models import ShareSettings, ShareSettingsProvider

    article = article_factory("Shared far and wide")
    assert "share.diasporafoundation.org" not in render_article(article)
    share_settings = ShareSettings.for_site(site)
    ShareSettingsProvider.objects.create(site_settings=share_settings, provider="diaspora")
    page = render_article(article)
    row = page.split('class="share-row"', 1)[1].split("</section>", 1)[0]
    assert "Share on diaspora*" in row
    links = [html.unescape(part.split('"', 1)[0]) for part in row.split('href="')[1:]]
    [link] = [link for link in links if link.startswith("https://share.diasporafoundation.org/")]
    assert "title=Shared+far+and+wide" in link and "url=http%3A%2F%2F" in link


def test_it_can_be_disabled_by_name(importable):
    [example] = distributions(path=[str(importable)])
    host = PluginHost(example.entry_points.select(group="masthead"), disabled={"share_example"})
    assert [(info.name, info.status) for info in host.plugins] == [
        ("share_example", Status.DISABLED)
    ]
    assert host.share_providers() == {}


def test_the_examples_own_tests_pass(installed):
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(EXAMPLE / "tests")],
        cwd=REPO,
        env=environment(installed),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout
