"""docs/plugins.md documents every hook with an example that really works, and every
hook is exercised by a test (as Datasette checks its own documentation)."""

from __future__ import annotations

import re
import types
from pathlib import Path

import pytest

from plugins import hookspecs
from plugins.manager import PluginHost, Status
from plugins.types import Sentiment, SentimentLabel, ShareTarget, Verdict

ROOT = Path(__file__).resolve().parents[2]
DOCS = (ROOT / "docs" / "plugins.md").read_text()
HOOKS = sorted(name for name, value in vars(hookspecs).items() if hasattr(value, "masthead_spec"))


def python_examples() -> list[str]:
    return [
        block for block in re.findall(r"```python\n(.*?)```", DOCS, re.S) if "@hookimpl" in block
    ]


def load_example(source: str, name: str) -> types.ModuleType:
    module = types.ModuleType(name)
    exec(compile(source, f"docs/plugins.md:{name}", "exec"), module.__dict__)
    return module


def test_the_hooks_are_the_documented_four():
    assert HOOKS == [
        "badges_for_article",
        "moderate_comment",
        "register_sentiment_analyzers",
        "register_share_providers",
    ]


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_has_a_documentation_section(hook):
    assert re.search(rf"^### `{hook}\(", DOCS, re.M), f"docs/plugins.md has no section for {hook}"
    docstring = getattr(hookspecs, hook).__doc__ or ""
    assert docstring.strip(), f"the hook spec {hook} has no docstring"


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_is_exercised_by_a_test(hook):
    here = Path(__file__).name
    tests = [
        path
        for path in (ROOT / "tests").rglob("test_*.py")
        if path.name != here and hook in path.read_text()
    ]
    assert tests, f"no test mentions the hook {hook}"


def test_every_example_plugin_in_the_docs_loads_and_works():
    examples = python_examples()
    assert len(examples) >= len(HOOKS)
    host = PluginHost(points=[])
    implemented = set()
    for number, source in enumerate(examples):
        module = load_example(source, f"example_{number}")
        info = host.add(f"example_{number}", module)
        assert info.status == Status.LOADED, (info.error, source)
        implemented.update(info.hooks)
    assert implemented == set(HOOKS)

    target = ShareTarget(url="https://news.example/a?b=1&c=2", title="Café & co")
    (provider,) = host.share_providers().values()
    assert provider.build_url(target).startswith("https://share.diasporafoundation.org/?")
    assert "title=Caf%C3%A9+%26+co" in provider.build_url(target)

    (analyzer,) = host.sentiment_analyzers()
    assert analyzer.analyze("a great and helpful read") == Sentiment(1.0, SentimentLabel.POSITIVE)

    spam = types.SimpleNamespace(comment="Cheap CASINO chips")
    links = types.SimpleNamespace(comment="http://a http://b http://c")
    assert host.moderate_comment(spam, None).values() == [Verdict.REJECT]
    assert host.moderate_comment(links, None).values() == [Verdict.HOLD]

    article = types.SimpleNamespace(reading_time=12, source_url="https://elsewhere.example/")
    labels = [badge.label for badge in host.badges_for_article(article, None)]
    assert labels == ["Long read", "Republished"]
