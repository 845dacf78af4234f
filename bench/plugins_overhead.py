"""Benchmark: what the plugin host costs an article render (share row and badges).

The demo's reference article is rendered in this process through Django's test
client, with the page cache off, by two plugin hosts taking turns in one run:

* **with plugins** - the site's host, built from the installed entry points (the
  first-party share providers and the VADER sentiment badge, plus whatever else is
  installed in the environment);
* **without plugins** - an empty host: the same page, minus the share row and the
  badges.

The difference between the two is the host's overhead per render: loading the
share settings, building the share links, asking every plugin for badges and
rendering them. The article's sentiment was scored when the demo was published,
so no analyzer runs while measuring, as on a real site.

Rounds alternate which host goes first, so that noise on the machine hits both.
Timings are reported, never asserted; query counts per render are exact.

Run from the repository root::

    .venv/bin/python bench/plugins_overhead.py            # print the table
    .venv/bin/python bench/plugins_overhead.py --record   # and append it to results.md
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from harness import load_average, percentile, positive, say
from recording import append_record

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_RESULTS = Path(__file__).resolve().parent / "results.md"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Measure the plugin host's cost per article render: the demo article "
        "rendered in-process with the installed plugins and with none, side by side.",
    )
    parser.add_argument(
        "--renders",
        type=positive,
        default=200,
        help="renders per host and round (default: %(default)s)",
    )
    parser.add_argument("--rounds", type=positive, default=4, help="rounds (default: %(default)s)")
    parser.add_argument(
        "--warmup",
        type=positive,
        default=20,
        help="unmeasured renders per host first (default: %(default)s)",
    )
    parser.add_argument(
        "--record",
        action="store_true",
        help="append the table and the run's details to the results file",
    )
    parser.add_argument(
        "--results",
        type=Path,
        default=DEFAULT_RESULTS,
        help="the file --record appends to (default: bench/results.md)",
    )
    return parser.parse_args(argv)


def build_site(workdir: Path) -> str:
    """A fresh SQLite database with the demo publication; the reference article's path."""
    os.environ.update(
        {
            # The test settings: static files served from the source folders (no
            # collectstatic), mail kept in memory; DEBUG off as in production.
            "DJANGO_SETTINGS_MODULE": "masthead.settings.test",
            "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "DEBUG": "false",
            "PAGE_CACHE_SECONDS": "0",
            "PLUGINS_RAISE_ERRORS": "false",
            "ALLOWED_HOSTS": "testserver",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.MEDIA_ROOT = str(workdir / "media")
    say("building the demo site (migrate, load_demo)")
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    from articles.models import ArticlePage
    from demo.specs import LEAD_ARTICLE

    article = ArticlePage.objects.live().get(slug=LEAD_ARTICLE)
    return article.url


def measure(path: str, options: argparse.Namespace) -> dict[str, dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from plugins.manager import PluginHost, get_host, set_host

    hosts = {"with plugins": get_host(), "without plugins": PluginHost(points=[])}
    client = Client()
    results: dict[str, dict] = {name: {"times": []} for name in hosts}
    for name, host in hosts.items():
        set_host(host)
        for _ in range(options.warmup):
            assert client.get(path).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            html = client.get(path).content.decode()
        results[name]["queries"] = len(queries)
        results[name]["share links"] = html.count('class="share-row__item"')
        results[name]["badges"] = html.count("data-badge=")
    order = list(hosts)
    for round_number in range(options.rounds):
        for name in order if round_number % 2 == 0 else reversed(order):
            set_host(hosts[name])
            times = results[name]["times"]
            for _ in range(options.renders):
                started = time.perf_counter()
                response = client.get(path)
                times.append(time.perf_counter() - started)
                assert response.status_code == 200
    set_host(None)
    return results


def table(results: dict[str, dict]) -> str:
    without = statistics.fmean(results["without plugins"]["times"])
    columns = "host | renders | mean ms | p50 ms | p90 ms | queries | share links | badges"
    lines = [
        f"| {columns} | vs without plugins |",
        "| --- | --: | --: | --: | --: | --: | --: | --: | --- |",
    ]
    for name, result in results.items():
        times = result["times"]
        mean = statistics.fmean(times)
        lines.append(
            f"| {name} | {len(times)} | {mean * 1000:.2f} | {percentile(times, 50):.2f} | "
            f"{percentile(times, 90):.2f} | {result['queries']} | {result['share links']} | "
            f"{result['badges']} | {mean / without:.3f}× ({(mean - without) * 1000:+.2f} ms) |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_args(argv)
    started = datetime.now(UTC)
    load_before = load_average()
    with tempfile.TemporaryDirectory(prefix="masthead-plugins-bench-") as workdir:
        path = build_site(Path(workdir))
        say(f"measuring {path}: {options.rounds} rounds of {options.renders} renders per host")
        results = measure(path, options)
    text = table(results)
    print(text)
    if options.record:
        append_record(
            options.results,
            text,
            kind="plugin host overhead",
            started=started,
            load_before=load_before,
            packages=["Django", "Wagtail", "pluggy", "vaderSentiment"],
            details=[
                "- In-process renders through Django's test client, the suite's test settings "
                "with DEBUG off, SQLite, page cache off"
            ],
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
