"""Recording a benchmark run: ``--record`` appends its table to bench/results.md with
the date, the command, the git commit, the versions of Python and the packages that
matter, the script's own details and the machine it ran on."""

from __future__ import annotations

import os
import platform
import shlex
import subprocess
import sys
from collections.abc import Sequence
from contextlib import suppress
from datetime import datetime
from importlib import metadata
from pathlib import Path

from harness import REPO_DIR, say

RESULTS_HEADER = """\
# Benchmark results

Figures recorded by the scripts in bench/ with `--record` (`make bench` runs
`.venv/bin/python bench/article_page.py --record`); bench/README.md says what they
measure and how to read them. Absolute figures depend on the machine: compare the
ratios, and compare absolute figures only between runs on the same machine.
"""


def git(*args: str) -> str:
    try:
        result = subprocess.run(
            # --no-optional-locks: status must not refresh (write) the index.
            ["git", "--no-optional-locks", *args],
            cwd=REPO_DIR,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return ""
    return result.stdout.strip()


def commit_description() -> str:
    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    if git("status", "--porcelain", "--untracked-files=all"):
        return f"{commit} (plus uncommitted changes)"
    return commit


def version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 0


def command_line() -> str:
    python = Path(sys.executable)
    with suppress(ValueError):
        python = python.relative_to(REPO_DIR)
    return shlex.join([str(python), *sys.argv])


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO_DIR))
    except ValueError:
        return str(path)


def append_record(
    path: Path,
    table: str,
    *,
    kind: str,
    started: datetime,
    load_before: str,
    packages: Sequence[str],
    details: Sequence[str],
) -> None:
    """Append a run to the results file (created with a header when missing): a heading
    with the date, ``kind`` and the commit, the command, the commit, the versions of
    Python and ``packages``, the script's ``details`` (Markdown list items), the machine
    and its load when the run started, then the table."""
    text = path.read_text() if path.exists() else RESULTS_HEADER
    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    heading = [f"## {started:%Y-%m-%d %H:%M} UTC", kind, f"commit {commit}"]
    versions = ", ".join(
        [f"Python {platform.python_version()}", *(f"{name} {version(name)}" for name in packages)]
    )
    entry = "\n".join(
        [
            ", ".join(part for part in heading if part),
            "",
            f"- Command: `{command_line()}`",
            f"- Commit: {commit_description()}",
            f"- Versions: {versions}",
            *details,
            f"- Machine: {os.cpu_count()} cores ({usable_cores()} usable), {cpu_model()}, "
            f"{platform.system()} {platform.release()}; 1-minute load average "
            f"{load_before} when the run started",
            "",
            table,
            "",
        ]
    )
    path.write_text(text.rstrip("\n") + "\n\n" + entry)
    say(f"recorded in {display_path(path)}")
