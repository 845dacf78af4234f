"""The plugin host: discovery, isolation of broken plugins, validation, disabling, order,
comment moderation through plugins, and the helpers plugin authors test with."""

from __future__ import annotations

import logging
from importlib.metadata import EntryPoint, distributions
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django_comments_xtd.models import XtdComment

from plugins import hookimpl
from plugins.checks import plugins_are_valid
from plugins.manager import PluginHost, Status, get_host, set_host
from plugins.testing import (
    HOSTILE_TARGET,
    assert_page_survives,
    check_share_provider,
    registered,
    render_article,
)
from plugins.types import Badge, ShareKind, ShareProvider
from tests.discussion.comment_helpers import post_comment

from .sample_plugins import good, holding, misspelt, raising, unknown_argument, wrong_return

SAMPLES = "tests.plugins.sample_plugins"
ARTICLE = SimpleNamespace(title="Any article")  # the badge hooks only pass it along


def point(name: str, target: str) -> EntryPoint:
    return EntryPoint(name, f"{SAMPLES}.{target}", "masthead")


@pytest.fixture
def site_host():
    """Make a host the site's host for one test; the real one is rebuilt afterwards."""

    def install(host: PluginHost) -> PluginHost:
        set_host(host)
        return host

    yield install
    set_host(None)


def statuses(host: PluginHost) -> dict[str, Status]:
    return {info.name: info.status for info in host.plugins}


def check_ids(messages) -> list[str]:
    return [message.id for message in messages]


# --- Discovery ------------------------------------------------------------------------


def install_distribution(folder: Path, name: str, version: str, entry_points: str) -> Path:
    """Write the metadata pip leaves for an installed distribution (a .dist-info folder)."""
    info = folder / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    (info / "entry_points.txt").write_text(entry_points)
    return folder


def test_plugins_are_found_through_another_distributions_entry_points(tmp_path):
    install_distribution(
        tmp_path,
        "masthead-samples",
        "1.2.3",
        f"[masthead]\nsample_good = {SAMPLES}.good\n[console_scripts]\nunrelated = x:y\n",
    )
    points = [
        entry
        for dist in distributions(path=[str(tmp_path)])
        for entry in dist.entry_points.select(group="masthead")
    ]
    host = PluginHost(points)
    [info] = host.plugins
    assert (info.name, info.module, info.status) == ("sample_good", f"{SAMPLES}.good", "loaded")
    assert (info.distribution, info.version) == ("masthead-samples", "1.2.3")
    assert info.hooks == ("badges_for_article", "moderate_comment", "register_share_providers")
    assert list(host.share_providers()) == ["sample"]


def test_the_first_party_plugins_load_through_the_same_entry_points():
    host = PluginHost()
    ours = {info.name: info for info in host.plugins if info.distribution == "masthead"}
    assert {"share_networks", "sentiment_vader"} <= set(ours)
    assert ours["share_networks"].module == "sharing.providers"
    assert ours["sentiment_vader"].version == "0.1.0"
    assert {ours[name].status for name in ("share_networks", "sentiment_vader")} == {"loaded"}


# --- A plugin that fails to import ------------------------------------------------------


def test_a_plugin_that_fails_to_import_is_recorded_and_the_rest_work(site_host, caplog):
    host = site_host(PluginHost([point("broken", "failing_import"), point("fine", "good")]))
    broken = next(info for info in host.plugins if info.name == "broken")
    assert broken.status == Status.FAILED
    assert broken.error == "ModuleNotFoundError: No module named 'masthead_missing_dependency'"
    assert "Plugin 'broken'" in caplog.text and "failed to import" in caplog.text
    assert [badge.key for badge in host.badges_for_article(ARTICLE)] == ["sample-good"]
    [warning] = [m for m in plugins_are_valid(None) if m.id == "plugins.W001"]
    assert "'broken'" in warning.msg and "masthead_missing_dependency" in warning.msg
    assert "E001" not in " ".join(check_ids(plugins_are_valid(None)))


# --- A hook that raises or returns the wrong type ----------------------------------------


def test_a_raising_hook_is_logged_and_skipped(caplog):
    host = PluginHost([point("a_raising", "raising"), point("b_good", "good")])
    with caplog.at_level(logging.ERROR, logger="plugins.manager"):
        badges = host.badges_for_article(ARTICLE, request=None)
    assert [badge.key for badge in badges] == ["sample-good"]
    assert "Plugin 'a_raising' failed in badges_for_article; skipped" in caplog.text
    assert "the badge service is down" in caplog.text
    assert list(host.share_providers()) == ["sample"]
    assert host.sentiment_analyzers() == []
    assert "Plugin 'a_raising' failed in register_sentiment_analyzers" in caplog.text
    assert host.call("badges_for_article", article=ARTICLE, request=None).failed == ["a_raising"]


def test_a_raising_hook_raises_when_errors_are_raised():
    host = PluginHost([point("a_raising", "raising"), point("b_good", "good")], raise_errors=True)
    with pytest.raises(RuntimeError, match="the badge service is down"):
        host.badges_for_article(ARTICLE)


def test_tests_and_development_raise_by_default(settings):
    assert settings.MASTHEAD["PLUGINS_RAISE_ERRORS"] is True
    assert get_host().raise_errors is True


def test_a_wrong_return_type_is_skipped():
    host = PluginHost([point("a_wrong", "wrong_return"), point("b_good", "good")])
    assert [badge.key for badge in host.badges_for_article(ARTICLE)] == ["sample-good"]
    assert list(host.share_providers()) == ["sample"]
    gathered = host.moderate_comment(comment=object(), request=None)
    assert gathered.results == [("b_good", None)] and gathered.failed == ["a_wrong"]
    strict = PluginHost([point("a_wrong", "wrong_return")], raise_errors=True)
    with pytest.raises(TypeError, match="expected a list of Badge"):
        strict.badges_for_article(ARTICLE)


# --- Plugins that implement hooks wrongly -----------------------------------------------


def test_a_misspelt_hook_makes_the_plugin_invalid_with_a_suggestion(site_host):
    host = site_host(PluginHost([point("typo", "misspelt"), point("fine", "good")]))
    typo = host.plugins[1]
    assert (typo.name, typo.status) == ("typo", Status.INVALID)
    assert (
        typo.error
        == "'badges_for_artcle' is not a Masthead hook; did you mean 'badges_for_article'?"
    )
    [error] = [m for m in plugins_are_valid(None) if m.id == "plugins.E001"]
    assert "plugin 'typo'" in error.msg and "did you mean 'badges_for_article'?" in error.msg
    with pytest.raises(SystemCheckError, match=r"plugins\.E001"):
        call_command("check")
    # An invalid plugin is not half-registered: nothing of it is ever called.
    assert [badge.key for badge in host.badges_for_article(ARTICLE)] == ["sample-good"]


def test_an_unknown_argument_makes_the_plugin_invalid(site_host):
    host = site_host(PluginHost([point("asks_too_much", "unknown_argument")]))
    [info] = host.plugins
    assert info.status == Status.INVALID
    assert "{'reader'} are declared in the hookimpl but can not be found" in info.error
    [error] = plugins_are_valid(None)
    assert error.id == "plugins.E001" and "'reader'" in error.msg
    assert host.badges_for_article(ARTICLE) == []


# --- Disabling ------------------------------------------------------------------------------


def test_a_plugin_is_disabled_by_name_in_settings(settings):
    settings.MASTHEAD = {**settings.MASTHEAD, "DISABLED_PLUGINS": ("sentiment_vader",)}
    host = get_host()
    assert statuses(host)["sentiment_vader"] == Status.DISABLED
    assert not any(info.hooks for info in host.plugins if info.name == "sentiment_vader")
    assert host.sentiment_analyzers() == []
    assert "plugins.W002" not in check_ids(plugins_are_valid(None))


def test_the_host_is_rebuilt_when_the_setting_changes(settings):
    before = get_host()
    settings.MASTHEAD = {**settings.MASTHEAD, "DISABLED_PLUGINS": ("share_networks",)}
    assert get_host() is not before
    assert statuses(get_host())["share_networks"] == Status.DISABLED


def test_disabling_a_name_nobody_has_is_a_warning(settings):
    settings.MASTHEAD = {**settings.MASTHEAD, "DISABLED_PLUGINS": ("share_exmaple",)}
    [warning] = [m for m in plugins_are_valid(None) if m.id == "plugins.W002"]
    assert "'share_exmaple'" in warning.msg


def test_disabled_entry_points_are_never_imported():
    host = PluginHost([point("broken", "failing_import")], disabled={"broken"})
    assert statuses(host) == {"broken": Status.DISABLED}
    assert host.problems() == []


# --- Order ----------------------------------------------------------------------------------


def test_plugins_load_alphabetically_and_tryfirst_trylast_are_respected():
    points = [
        point("m_late", "ordering:late"),
        point("b_plain", "ordering:plain_b"),
        point("z_early", "ordering:early"),
        point("a_plain", "ordering:plain_a"),
    ]
    for attempt in (points, list(reversed(points))):
        host = PluginHost(attempt)
        assert [info.name for info in host.plugins] == ["a_plain", "b_plain", "m_late", "z_early"]
        keys = [badge.key for badge in host.badges_for_article(ARTICLE)]
        assert keys == ["early", "plain-a", "plain-b", "late"]


def test_the_first_share_provider_with_a_key_wins(caplog):
    class Copycat:
        @hookimpl
        def register_share_providers(self):
            [original] = good.register_share_providers()
            return [ShareProvider("sample", "Impostor", good.ICON, original.build_url)]

    host = PluginHost([point("a_good", "good")])
    host.add("b_copycat", Copycat())
    assert [provider.label for provider in host.share_providers().values()] == ["Share on Sample"]
    assert "Share provider 'sample' from 'b_copycat' ignored" in caplog.text


# --- Comment moderation through plugins --------------------------------------------------


@pytest.fixture
def signed_in(client, db):
    reader = get_user_model().objects.create_user(
        "ada", "ada@example.org", "pw-123456789", first_name="Ada", last_name="Lovelace"
    )
    client.force_login(reader)
    return client


def test_a_moderation_plugin_holds_a_comment(signed_in, article_factory):
    article = article_factory("Moderated by a plugin")
    with registered(holding, name="holding") as info:
        assert info.status == Status.LOADED
        assert post_comment(signed_in, article, "Hold me").status_code == 302
    assert not XtdComment.objects.get(comment="Hold me").is_public
    # Once the plugin is gone, comments publish at once again (the site's default).
    assert post_comment(signed_in, article, "Free again").status_code == 302
    assert XtdComment.objects.get(comment="Free again").is_public


def test_a_raising_moderation_plugin_holds_the_comment_instead_of_losing_it(
    settings, signed_in, article_factory, caplog
):
    settings.MASTHEAD = {**settings.MASTHEAD, "PLUGINS_RAISE_ERRORS": False}
    article = article_factory("Fragile plugin")
    with registered(raising, name="raising"):
        assert post_comment(signed_in, article, "Kept safe").status_code == 302
    comment = XtdComment.objects.get()
    assert comment.comment == "Kept safe" and not comment.is_public
    assert "the spam service is down" in caplog.text


# --- Helpers for plugin authors (plugins.testing) -----------------------------------------


def test_registered_adds_a_plugin_for_the_block_only():
    before = [info.name for info in get_host().plugins]
    with registered(good, name="sample_good") as info:
        assert info.status == Status.LOADED
        assert "sample" in get_host().share_providers()
    assert [info.name for info in get_host().plugins] == before
    assert "sample" not in get_host().share_providers()


def test_registered_refuses_to_shadow_an_installed_plugin():
    with pytest.raises(ValueError, match="already registered"), registered(good, "sentiment_vader"):
        pass
    assert statuses(get_host())["sentiment_vader"] == Status.LOADED


def test_registered_reports_an_invalid_plugin_and_cleans_up():
    with registered(misspelt) as info:
        assert info.status == Status.INVALID and "did you mean" in info.error
    assert misspelt.__name__ not in statuses(get_host())


@pytest.mark.parametrize("broken", [raising, wrong_return, misspelt, unknown_argument])
def test_a_broken_plugin_cannot_take_the_article_page_down(broken, article_factory):
    article = article_factory("Sturdy")
    html = assert_page_survives(broken, article)
    assert "Sturdy" in html
    assert get_host().raise_errors is True  # restored for the rest of the tests


def test_render_article_gives_the_readers_html(article_factory):
    article = article_factory("Rendered for readers")
    assert "<h1" in render_article(article) and "Rendered for readers" in render_article(article)


def test_render_article_says_when_the_page_is_missing(article_factory):
    article = article_factory("Soon gone")
    article.unpublish()
    with pytest.raises(AssertionError, match="answered 404, not 200"):
        render_article(article)


def provider(build_url, key: str = "sample", **fields) -> ShareProvider:
    return ShareProvider(
        key=key, label="Share on Sample", icon=good.ICON, build_url=build_url, **fields
    )


def test_a_well_built_provider_keeps_the_share_contract():
    [sample] = good.register_share_providers()
    url = check_share_provider(sample)
    assert url.startswith("https://share.example.org/new?url=https%3A%2F%2Fnews.example.org")


def test_a_mailto_provider_keeps_the_share_contract():
    def by_mail(target):
        return "mailto:?" + urlencode({"subject": target.title, "body": target.url})

    assert check_share_provider(provider(by_mail)).startswith("mailto:?subject=")


@pytest.mark.parametrize(
    ("build_url", "complaint"),
    [
        (lambda t: f"https://share.example.org/?url={t.url}&text={t.title}", "unencoded"),
        (
            lambda t: (
                "https://share.example.org/?" + urlencode({"url": t.url, "text": t.title[:10]})
            ),
            "the title",
        ),
        (lambda t: "https://share.example.org/?" + urlencode({"text": t.title}), "address"),
        (lambda t: "http://share.example.org/?" + urlencode({"url": t.url}), "only https"),
        (lambda t: "javascript:alert(document.cookie)", "only https"),
        (lambda t: "https:///?" + urlencode({"url": t.url}), "no host"),
        (lambda t: None, "not a str"),
    ],
    ids=["unencoded", "truncated-title", "no-address", "http", "javascript", "no-host", "none"],
)
def test_a_provider_breaking_the_share_contract_is_told_why(build_url, complaint):
    with pytest.raises(AssertionError, match=complaint):
        check_share_provider(provider(build_url))


def test_the_icon_and_label_are_checked():
    url = good.build_url
    with pytest.raises(AssertionError, match="event handlers"):
        check_share_provider(ShareProvider("sample", "Share", '<svg onload="alert(1)"></svg>', url))
    with pytest.raises(AssertionError, match="label"):
        check_share_provider(ShareProvider("sample", "<b>Share</b>", good.ICON, url))


def test_every_installed_share_provider_keeps_the_contract():
    # The first-party buttons are held to the contract third parties are.
    providers = get_host().share_providers()
    assert providers
    for installed in providers.values():
        check_share_provider(installed)


def test_copy_and_native_buttons_need_only_a_safe_address():
    assert (
        check_share_provider(provider(lambda t: t.url, kind=ShareKind.COPY)) == HOSTILE_TARGET.url
    )


def test_the_hostile_target_is_hostile():
    text = HOSTILE_TARGET.url + HOSTILE_TARGET.title
    assert all(character in text for character in "&#?\"'") and not text.isascii()


def test_badges_are_collected_in_order():
    class Two:
        @hookimpl
        def badges_for_article(self, article, request):
            return [Badge(key="one", label="One"), Badge(key="two", label="Two")]

    host = PluginHost([point("a_good", "good")])
    host.add("b_two", Two())
    assert [badge.key for badge in host.badges_for_article(ARTICLE)] == [
        "sample-good",
        "one",
        "two",
    ]
