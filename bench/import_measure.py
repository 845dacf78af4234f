"""One measured import for ``import_wordpress.py``: a fresh site, the import in a process
of its own (time, CPU, peak memory, progress), its report checked; and the tables."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from harness import REPO_DIR, load_average, say
from recording import append_record, git
from wxr_export import (
    AUTHORS,
    CATEGORIES,
    LONG_SENTENCES,
    NEWS,
    TAGS,
    Export,
    write_export,
)

# harness has put the repository root on sys.path.
from tests.servers import SETTINGS_MODULE, SiteError, manage, production_environment, query, tail

# The site's home page, as the importer wants it: the default site's root is
# Masthead's HomePage (the ``home`` app's second migration makes it).
HOME_PAGE_QUERY = """
SELECT count(*) FROM wagtailcore_site AS site
JOIN wagtailcore_page AS page ON page.id = site.root_page_id
JOIN django_content_type AS type ON type.id = page.content_type_id
WHERE site.is_default_site AND type.app_label = 'home' AND type.model = 'homepage'
"""
# The lines import_wordpress's progress writes to a pipe: one per tenth of the items.
PROGRESS_LINE = re.compile(r"^(\d+)/(\d+) items \((\d+)%\)$")


# --- one import ------------------------------------------------------------------


@dataclass
class Result:
    """One import: what was in the file, what the report says was made, what it cost."""

    export: Export
    file_bytes: int
    posts_created: int
    comments_created: int
    warnings: int
    wall_seconds: float
    cpu_seconds: float
    peak_rss_kib: int
    # The checkout the site was migrated and the import run with (see checkout_state);
    # "before → after" when it changed meanwhile.
    checkout: str = ""
    # (seconds since the start, items done) at each tenth the import's progress reported.
    tenths: list[tuple[float, int]] = field(default_factory=list)

    @property
    def peak_mib(self) -> float:
        return self.peak_rss_kib / 1024


def checkout_state() -> str:
    """The commit and a digest of the uncommitted changes to the Python code outside bench/
    (migrations included): others may work in the checkout during a long run, and each
    import runs the code of its moment."""
    code = ["--", "*.py", ":(exclude)bench/*"]
    changes = git("diff", "HEAD", *code) + git("ls-files", "--others", "--exclude-standard", *code)
    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    if not changes:
        return commit
    return f"{commit} + changes {hashlib.sha256(changes.encode()).hexdigest()[:8]}"


def fresh_site(site_dir: Path) -> dict[str, str]:
    """A migrated SQLite site in ``site_dir`` with Masthead's home page; its environment."""
    site_dir.mkdir(parents=True)
    (site_dir / "media").mkdir()
    database_url = f"sqlite:///{site_dir / 'db.sqlite3'}"
    env = production_environment(site_dir, database_url)
    # Migrated for each site, never copied: the schema is the checkout's of this moment.
    manage(env, "migrate", "--noinput", log=site_dir / "migrate.log")
    if query(database_url, HOME_PAGE_QUERY) != [(1,)]:
        raise SiteError(
            f"{site_dir}: after migrate, the default site's root is not Masthead's home page; "
            "import_wordpress refuses such a site (home/migrations/0002_create_homepage.py "
            "should make it)"
        )
    return env


def follow_progress(stream: TextIO, log: TextIO, started: float, tenths: list) -> None:
    """Copy the import's standard error to ``log``; note and show each tenth it reports."""
    for line in stream:
        log.write(line)
        found = PROGRESS_LINE.match(line.strip())
        if found:
            elapsed = time.perf_counter() - started
            tenths.append((elapsed, int(found[1])))
            say(f"    {found[1]}/{found[2]} items ({found[3]}%) after {elapsed:.0f} s")


def run_import(env: dict[str, str], site_dir: Path, export: Export, path: Path) -> Result:
    """``manage.py import_wordpress PATH --report FILE`` as a child of its own: what its
    report says it made, its time and its peak memory."""
    report = site_dir / "report.json"
    command = [sys.executable, "manage.py", "import_wordpress", str(path), "--report", str(report)]
    tenths: list[tuple[float, int]] = []
    with (site_dir / "import.out").open("w") as out, (site_dir / "import.err").open("w") as err:
        started = time.perf_counter()
        child = subprocess.Popen(
            command, cwd=REPO_DIR, env=env, stdout=out, stderr=subprocess.PIPE, text=True
        )
        follower = threading.Thread(
            target=follow_progress, args=(child.stderr, err, started, tenths), daemon=True
        )
        follower.start()
        reaped = False
        try:
            # wait4 gives the resources of this one child, whatever else has run.
            _, status, usage = os.wait4(child.pid, 0)
            reaped = True
        finally:
            if not reaped:  # Ctrl-C or SIGTERM: the import must not outlive the bench
                child.kill()
                child.wait()
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        follower.join()
    if child.returncode != 0:
        output = (site_dir / "import.out").read_text() + (site_dir / "import.err").read_text()
        raise SiteError(
            f"import_wordpress {path.name} failed (exit {child.returncode}):\n{tail(output)}"
        )
    facts = json.loads(report.read_text())
    check_report(facts, export)
    return Result(
        export=export,
        file_bytes=path.stat().st_size,
        posts_created=facts["counts"]["posts"]["created"],
        comments_created=facts["counts"]["comments"]["created"],
        warnings=len(facts["warnings"]),
        wall_seconds=wall,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        # Linux reports ru_maxrss in KiB.
        peak_rss_kib=usage.ru_maxrss,
        tenths=tenths,
    )


def check_report(facts: dict, export: Export) -> None:
    """Every post and comment of the export created, and no failure: else no figure."""
    failed = facts["failed"]
    if failed:
        examples = "; ".join(f"{f['kind']} {f['wp_id']}: {f['message']}" for f in failed[:3])
        raise SiteError(
            f"{export.name}: the import reports {len(failed)} failures, e.g. {examples}"
        )
    counts = facts["counts"]
    made = (counts["posts"]["created"], counts["comments"]["created"])
    wanted = (export.posts, export.posts * export.comments)
    if made != wanted:
        raise SiteError(
            f"{export.name}: the export holds {wanted[0]:,} posts and {wanted[1]:,} comments, "
            f"the import created {made[0]:,} and {made[1]:,}; see the report ({counts})"
        )


def measure(export: Export, workdir: Path, seed: int, keep: bool) -> Result:
    """Generate ``export``, import it into a fresh site, check the report; the figures."""
    slug = re.sub(r"[^a-z0-9]+", "-", export.name.lower()).strip("-")
    site_dir = workdir / slug
    path = workdir / f"export-{slug}.xml"
    say(f"{export.name}: writing {path.name}")
    started = time.perf_counter()
    size = write_export(export, path, seed)
    say(f"{export.name}: {size / 1e6:,.1f} MB in {time.perf_counter() - started:.0f} s")
    checkout = checkout_state()
    env = fresh_site(site_dir)
    say(f"{export.name}: importing (manage.py import_wordpress {path.name})")
    result = run_import(env, site_dir, export, path)
    after = checkout_state()
    if after != checkout:
        say(f"warning: the checkout changed while {export.name} was migrated and imported")
        checkout = f"{checkout} → {after}"
    result.checkout = checkout
    say(
        f"{export.name}: {result.posts_created:,} posts and {result.comments_created:,} "
        f"comments in {result.wall_seconds:.1f} s, peak {result.peak_mib:,.0f} MiB"
    )
    if not keep:
        # The exports and databases of a full run take a gigabyte or more.
        path.unlink()
        for name in ("db.sqlite3", "db.sqlite3-wal", "db.sqlite3-shm"):
            (site_dir / name).unlink(missing_ok=True)
    return result


# --- reporting -------------------------------------------------------------------


def per_second(count: int, seconds: float) -> str:
    return f"{count / seconds:,.1f}" if seconds > 0 else "n/a"


def steadiness(result: Result) -> str:
    """Items per second in the second tenth of the items and in the last: whether the
    import slows down as the site fills (the first tenth also holds start-up and the
    file's check pass, so it is left out)."""
    if len(result.tenths) < 3:
        return "n/a"
    (t1, n1), (t2, n2) = result.tenths[0], result.tenths[1]
    (t9, n9), (t10, n10) = result.tenths[-2], result.tenths[-1]
    return f"{per_second(n2 - n1, t2 - t1)} → {per_second(n10 - n9, t10 - t9)}"


def memory_ratio(results: Sequence[Result]) -> tuple[Result, Result] | None:
    """The smallest and the largest of the ``--posts`` imports (not the big file)."""
    sized = sorted((r for r in results if not r.export.size_mb), key=lambda r: r.export.posts)
    if len(sized) < 2 or sized[0].export.posts == sized[-1].export.posts:
        return None
    return sized[0], sized[-1]


def ratio_line(pair: tuple[Result, Result], limit: float) -> tuple[str, bool]:
    small, large = pair
    ratio = large.peak_rss_kib / small.peak_rss_kib
    within = ratio <= limit
    verdict = f"within {limit:g}×" if within else f"**over {limit:g}×**"
    return (
        f"Peak memory, {large.export.name} / {small.export.name}: "
        f"{large.peak_mib:,.0f} / {small.peak_mib:,.0f} MiB = **{ratio:.3f}×** ({verdict})"
    ), within


def markdown_table(results: Sequence[Result]) -> str:
    rows = [
        "| export | file MB | posts | comments | warnings | wall s | CPU s | posts/s | "
        "comments/s | items/s, 2nd → last tenth | peak RSS MiB |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results:
        body = f"{r.export.shape.body_bytes / 1000:,.0f} kB bodies" if r.export.size_mb else ""
        name = f"{r.export.name} ({r.export.posts:,} posts, {body})" if body else r.export.name
        rows.append(
            f"| {name} | {r.file_bytes / 1e6:,.1f} | {r.posts_created:,} | "
            f"{r.comments_created:,} | {r.warnings:,} | {r.wall_seconds:,.1f} | "
            f"{r.cpu_seconds:,.1f} | {per_second(r.posts_created, r.wall_seconds)} | "
            f"{per_second(r.comments_created, r.wall_seconds)} | {steadiness(r)} | "
            f"{r.peak_mib:,.1f} |"
        )
    return "\n".join(rows)


def checkout_text(results: Sequence[Result]) -> str:
    states = {r.checkout for r in results}
    if len(states) == 1:
        return f"- Code imported with: {states.pop()} (the same for every import)"
    each = "; ".join(f"{r.export.name}: {r.checkout}" for r in results)
    return f"- Code imported with (the checkout changed during the run): {each}"


def record(
    path: Path, text: str, options: argparse.Namespace, results: Sequence[Result], started, load
) -> None:
    """Append this run to the results file."""
    append_record(
        path,
        text,
        kind="WordPress import",
        started=started,
        load_before=load,
        packages=["Django", "Wagtail", "lxml", "beautifulsoup4", "Markdown", "vaderSentiment"],
        details=[
            f"- Exports: generated WXR 1.2 (seed {options.seed}), written item by item: posts "
            "half block-editor, half classic, each with paragraphs, headings, a list, a "
            "picture (no --media-dir: named in the report) and two links (one to another post "
            f"of the site, one in ten to a later one), 1-2 of {len(CATEGORIES)} categories, "
            f"1-4 of {len(TAGS)} tags, one of {len(AUTHORS)} authors, {options.comments} "
            "comments each (two threads, replies two levels deep, one in twenty pending); "
            f"posts of about {NEWS.body_bytes / 1000:.1f} kB of HTML in paragraphs of "
            f"{NEWS.sentences[0]}-{NEWS.sentences[1]} sentences; the big file's posts "
            f"long-form, paragraphs of {LONG_SENTENCES[0]}-{LONG_SENTENCES[1]} sentences",
            f"- Import: `manage.py import_wordpress EXPORT.xml --report FILE`, one process per "
            f"export, each into a fresh site (`manage.py migrate`): {SETTINGS_MODULE}, DEBUG "
            "off, SQLite (WAL), no REDIS_URL (production's fallback cache: files in a folder "
            "beside the database); every post and comment created, no failure",
            "- Wall s: from starting the process to its exit (start-up, the check pass over "
            "the whole file, the import, the last look at forward links); posts/s and "
            "comments/s over that time; CPU s: user + system; items/s: the import's own "
            "progress, its second tenth against its last; peak RSS: that process's "
            "ru_maxrss (os.wait4)",
            checkout_text(results),
            # A long run: other work may have started on the machine meanwhile.
            f"- 1-minute load average {load_average()} when the run ended",
        ],
    )
