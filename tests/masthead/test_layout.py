"""The layout is the architecture: one app per concern, arrows between apps that run one
way (the design's "Layout" section). Each rule fails naming every module and line that
breaks it, and the import.

Imports are read with ``ast`` from the source files, never by importing them: every
``import`` and ``from … import`` counts, inside functions and ``TYPE_CHECKING``
blocks too, with relative imports resolved against the importing module. Migrations
count like any other module. Imports spelled as strings (``import_module("…")``,
dotted paths in settings) are not imports and are not seen here.
"""

from __future__ import annotations

import ast
import importlib.metadata
import os
import sys
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatch
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT = "masthead"
# The apps, in INSTALLED_APPS; masthead/ is the project, not one of them.
APPS = (
    "home",
    "articles",
    "discussion",
    "sharing",
    "sentiment",
    "readers",
    "plugins",
    "demo",
    "wordpress",
)
HOST = "plugins"
FIRST_PARTY = (PROJECT, *APPS)
# Code of this repository that is not an installed package either.
OURS = (*FIRST_PARTY, "tests", "bench")
# What a first-party plugin module may import of Masthead: the host's public API.
PLUGIN_API = ("plugins", "plugins.hookimpl")
PLUGIN_API_PACKAGES = ("plugins.types",)
# What each first-party plugin may import besides the host's API and the standard
# library: its own dependency, as a third-party plugin declares its own. Not Django,
# not Wagtail: a plugin sees pages and comments only as its hooks' arguments.
OWN_DEPENDENCIES = {"sentiment.vader": {"vaderSentiment"}}
URLS_MODULE = "masthead.urls"
TEST_LAYERS = ("e2e", "fuzz")
MAX_LINES = 400
LINE_COUNTED = (*FIRST_PARTY, "bench", "examples")
NOT_SCANNED = {".venv", "node_modules", "static", "media", "__pycache__", "build"}


@dataclass(frozen=True)
class Import:
    """One name a module imports: ``from a.b import c`` is ``a.b.c``."""

    module: str
    path: str
    line: int
    target: str

    @property
    def package(self) -> str:
        """The top-level package the import reaches."""
        return self.target.partition(".")[0]

    @property
    def importer(self) -> str:
        """The top-level package of the importing module."""
        return self.module.partition(".")[0]

    def __str__(self) -> str:
        return f"{self.path}:{self.line} → {self.target}"


def python_files(top: str) -> Iterator[Path]:
    """Every ``*.py`` under ``ROOT/top``, skipping virtualenvs, assets and build output."""
    for folder, subfolders, files in os.walk(ROOT / top):
        subfolders[:] = sorted(
            name
            for name in subfolders
            if name not in NOT_SCANNED
            and not name.startswith(".")
            and not name.endswith(".egg-info")
        )
        for name in sorted(files):
            if name.endswith(".py"):
                yield Path(folder, name)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def resolve(module: str, is_package: bool, level: int, name: str | None) -> str:
    """The absolute name of ``from <level dots><name> import …`` written in ``module``."""
    if level == 0:
        return name or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    if level > len(base):
        # Beyond the top-level package: kept as written, so no rule mistakes it for anything.
        return "." * level + (name or "")
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, name] if name else base)


def imports_in(path: Path) -> list[Import]:
    tree = ast.parse(path.read_bytes(), filename=str(path))
    module = module_name(path)
    is_package = path.name == "__init__.py"
    where = path.relative_to(ROOT).as_posix()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [Import(module, where, node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            source = resolve(module, is_package, node.level, node.module)
            found += [
                Import(module, where, node.lineno, f"{source}.{alias.name}") for alias in node.names
            ]
    return sorted(found, key=lambda found_import: found_import.line)


@cache
def all_imports() -> tuple[Import, ...]:
    """The imports of every module of the apps and of masthead/, migrations included."""
    return tuple(
        found for top in FIRST_PARTY for path in python_files(top) for found in imports_in(path)
    )


@cache
def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def declared_plugins() -> dict[str, str]:
    """``[project.entry-points.masthead]``: entry point name → module."""
    return dict(pyproject().get("project", {}).get("entry-points", {}).get("masthead", {}))


def listing(lines: Iterable[object]) -> str:
    return "\n".join(f"  {line}" for line in lines)


def fail_on(problems: list, rule: str) -> None:
    """Fail with ``rule`` and every problem, one a line; pass when there is none."""
    if problems:
        pytest.fail(f"{rule}\n{listing(problems)}", pytrace=False)


def test_the_plugin_host_imports_no_app():
    offending = [
        found
        for found in all_imports()
        if found.importer == HOST and found.package in APPS and found.package != HOST
    ]
    fail_on(
        offending,
        "plugins/ is the host and knows no app (pages reach plugins as hook arguments); "
        "these imports reach into one:",
    )


def plugin_file(module: str) -> Path | None:
    relative = Path(*module.split("."))
    for candidate in (relative.with_suffix(".py"), relative / "__init__.py"):
        if (ROOT / candidate).is_file():
            return ROOT / candidate
    return None


@cache
def third_party_packages() -> frozenset[str]:
    """Top-level import names that an installed distribution other than Masthead provides."""
    return frozenset(
        package
        for package, distributions in importlib.metadata.packages_distributions().items()
        if any(distribution.lower() != PROJECT for distribution in distributions)
    )


def why_not_allowed_in_a_plugin(found: Import) -> str | None:
    """Why a first-party plugin module may not make this import; None when it may."""
    if found.target in PLUGIN_API or any(
        found.target == package or found.target.startswith(f"{package}.")
        for package in PLUGIN_API_PACKAGES
    ):
        return None
    if found.package in OURS:
        return "Masthead's own code, beyond plugins, plugins.hookimpl and plugins.types"
    if found.package == "__future__" or found.package in sys.stdlib_module_names:
        return None
    if found.package in OWN_DEPENDENCIES.get(found.module, set()):
        if found.package in third_party_packages():
            return None
        return "its own dependency, but not installed"
    return "neither the standard library nor the plugin's own dependency (OWN_DEPENDENCIES)"


@pytest.mark.parametrize("entry_point", sorted(declared_plugins()))
def test_first_party_plugins_import_only_the_hosts_public_api(entry_point):
    module = declared_plugins()[entry_point].partition(":")[0]
    path = plugin_file(module)
    if path is None:
        where = module.replace(".", "/")
        pytest.fail(
            f"pyproject.toml's entry point {entry_point} = {module!r} names no module: "
            f"there is neither {where}.py nor {where}/__init__.py",
            pytrace=False,
        )
    offending = [
        f"{found}  ({reason})"
        for found in imports_in(path)
        if (reason := why_not_allowed_in_a_plugin(found))
    ]
    fail_on(
        offending,
        f"{module} (entry point {entry_point}) is a plugin like a third party's: it may "
        "import plugins, plugins.hookimpl, plugins.types, the standard library and its "
        "own dependency only, not:",
    )


def test_first_party_plugins_load_through_the_installed_entry_points():
    declared = declared_plugins()
    assert declared, "pyproject.toml declares no [project.entry-points.masthead]"
    installed = {
        point.name: point.value for point in importlib.metadata.entry_points(group=PROJECT)
    }
    missing = [
        f"{name} = {value!r} (installed: {installed.get(name, 'nothing by that name')!r})"
        for name, value in sorted(declared.items())
        if installed.get(name) != value
    ]
    fail_on(
        missing,
        "pyproject.toml declares these masthead entry points, but the installed metadata "
        "lists them otherwise (reinstall: .venv/bin/pip install -e .):",
    )


def app_graph() -> dict[tuple[str, str], list[Import]]:
    """(app, app it imports) → the imports behind that arrow."""
    arrows = defaultdict(list)
    for found in all_imports():
        if found.importer in APPS and found.package in APPS and found.importer != found.package:
            arrows[found.importer, found.package].append(found)
    return dict(arrows)


def cycles(arrows: Iterable[tuple[str, str]]) -> list[tuple[str, ...]]:
    """Every simple cycle, each once, starting from its alphabetically first app."""
    following = defaultdict(set)
    for source, target in arrows:
        following[source].add(target)
    found = []

    def walk(start: str, path: list[str]) -> None:
        for target in sorted(following[path[-1]]):
            if target == start:
                found.append(tuple(path))
            elif target > start and target not in path:
                walk(start, [*path, target])

    for start in sorted(following):
        walk(start, [start])
    return found


def test_no_two_apps_import_each_other():
    arrows = app_graph()
    loops = cycles(arrows)
    if not loops:
        return
    in_loops = sorted(
        {(loop[n], loop[(n + 1) % len(loop)]) for loop in loops for n in range(len(loop))}
    )
    evidence = "\n".join(
        f"  {source} → {target}:\n{listing(f'  {found}' for found in arrows[source, target])}"
        for source, target in in_loops
    )
    drawn = listing(" → ".join([*loop, loop[0]]) for loop in loops)
    pytest.fail(
        "Apps import each other (the shared piece belongs lower down):\n"
        f"{drawn}\nThe imports behind those arrows:\n{evidence}",
        pytrace=False,
    )


# The arrows the design draws (README "Layout"): home lists articles; an article shows
# its discussion, share row and badge; a comment's byline is a reader's name. Every
# app may ask the plugin host; the demo and the WordPress importer, which nothing imports,
# may use any app.
ALLOWED_ARROWS = {
    "home": {"articles", HOST},
    "articles": {"discussion", "sharing", "sentiment", HOST},
    "discussion": {"readers", HOST},
    "sharing": {HOST},
    "sentiment": {HOST},
    "readers": {HOST},
    "demo": set(APPS) - {"demo", "wordpress"},
    # The importer, like the demo, builds pages, comments and redirects; nothing imports it.
    "wordpress": set(APPS) - {"demo", "wordpress"},
    HOST: set(),
}


def test_apps_import_only_along_the_designed_arrows():
    offending = [
        found
        for (source, target), imports in sorted(app_graph().items())
        if target not in ALLOWED_ARROWS[source]
        for found in imports
    ]
    fail_on(
        offending,
        "These imports draw an arrow the layout does not have (see ALLOWED_ARROWS; a piece "
        "two apps share belongs lower down, or reaches the other app through its public API):",
    )


def test_masthead_imports_no_app_outside_its_urls():
    offending = [
        found
        for found in all_imports()
        if found.importer == PROJECT and found.module != URLS_MODULE and found.package in APPS
    ]
    fail_on(
        offending,
        "masthead/ is infrastructure that every app may use; only masthead/urls.py may "
        "import an app, and these modules do:",
    )


def test_every_folder_under_tests_is_an_app_or_a_testing_layer():
    allowed = {*FIRST_PARTY, *TEST_LAYERS, "__pycache__"}
    strays = sorted(
        f"tests/{entry.name}/"
        for entry in (ROOT / "tests").iterdir()
        if entry.is_dir() and not entry.name.startswith(".") and entry.name not in allowed
    )
    fail_on(
        strays,
        "tests/ mirrors the apps: each folder in it is named for an app "
        f"({', '.join(FIRST_PARTY)}) or is a testing layer ({', '.join(TEST_LAYERS)}); "
        "these are neither:",
    )


def test_every_app_has_its_tests_in_a_folder_named_for_it():
    patterns = pyproject()["tool"]["pytest"]["ini_options"].get("python_files", ["test_*.py"])
    missing = []
    for app in FIRST_PARTY:
        folder = ROOT / "tests" / app
        if not folder.is_dir():
            missing.append(f"tests/{app}/ does not exist")
        elif not any(
            fnmatch(path.name, pattern) for path in folder.rglob("*.py") for pattern in patterns
        ):
            missing.append(f"tests/{app}/ holds no test file ({' or '.join(patterns)})")
    fail_on(missing, "Every app's tests live in tests/<app>/:")


def test_no_module_is_over_400_lines():
    too_long = []
    for top in LINE_COUNTED:
        for path in python_files(top):
            relative = path.relative_to(ROOT)
            if {"migrations", "tests"} & set(relative.parts[:-1]):
                continue
            lines = len(path.read_bytes().splitlines())
            if lines > MAX_LINES:
                too_long.append(f"{relative.as_posix()}: {lines} lines")
    fail_on(
        too_long,
        f"A module over {MAX_LINES} lines becomes a package of modules, one per concern "
        "(migrations and tests aside):",
    )
