"""Benchmark: ``manage.py import_wordpress`` on generated WordPress exports.

The script writes WordPress exports (WXR 1.2) of its own, imports each into a
throwaway site of its own and reports how long the import took and how much
memory it needed at its peak:

* **N posts** for each size of ``--posts`` (1,000 and 10,000 by default): posts of
  a few kilobytes, half written in the block editor (Gutenberg) and half in the
  classic editor, each with paragraphs, headings, a list, a picture and links,
  one or two categories and a few tags from small pools, one of six authors and
  ``--comments`` comments (5 by default), some of them replies and replies to
  replies;
* **one big file** of about ``--big-mb`` megabytes (200 by default; ``--skip-big``
  leaves it out): ``--big-posts`` posts (1,000 by default) of the same kind but
  long-form, in long paragraphs, each with a body long enough to reach the size.

The exports are written item by item to a file, never built whole in memory.
Each import runs in a fresh site: a directory of its own with an SQLite database
(``DATABASE_URL=sqlite:///<dir>/db.sqlite3``) and ``MEDIA_ROOT``, migrated
(``manage.py migrate``, whose ``home`` migration makes Masthead's home page) and
run with the production settings, ``DEBUG=false`` and no ``REDIS_URL``. The
import is then a subprocess of its own, ``manage.py import_wordpress EXPORT.xml
--report FILE``; its peak memory is that one process's maximum resident set size
(``os.wait4``), its time the wall-clock time from starting it to its exit.

An import that exits with an error, names a failure in its report or does not
create every post and comment of the export is an error of the benchmark
(status 2), never a figure. The peak memory of the largest ``--posts`` size is
compared with that of the smallest: the promise is at most ``--max-ratio``
(1.2×) between 1,000 and 10,000 posts; the script exits with status 1 when it is
broken, after recording the figures. Times are reported, never judged.

Run from the repository root::

    .venv/bin/python bench/import_wordpress.py --posts 50,200 --skip-big   # quick
    .venv/bin/python bench/import_wordpress.py --record                    # the full run
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from harness import add_output_options, load_average, positive, run_in_workdir, say
from import_measure import Result, markdown_table, measure, memory_ratio, ratio_line, record
from wxr_export import (
    NEWS,
    Export,
    big_export,
)

# --- command line ------------------------------------------------------------------


def post_counts(text: str) -> list[int]:
    try:
        counts = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list like 1000,10000") from None
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give one or more positive numbers")
    return counts


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/import_wordpress.py",
        description=(
            "Generate WordPress exports (WXR 1.2), import each with `manage.py "
            "import_wordpress` into a fresh throwaway site (SQLite, production settings) "
            "and report wall time, CPU time, posts/s, comments/s and the import process's "
            "peak memory as a Markdown table, with the peak-memory ratio between the "
            "largest and the smallest --posts size. Run it with the project's virtualenv: "
            ".venv/bin/python bench/import_wordpress.py."
        ),
        epilog=(
            "Exit status: 0 when every import succeeded and the memory ratio is within "
            "--max-ratio, 1 when the ratio is over it (still recorded with --record), 2 when "
            "an import or a setup step failed (the message says which), 130 when "
            "interrupted. `make bench-import` runs it with --record; a full run takes about "
            "75 minutes on 2 cores. See bench/README.md."
        ),
    )
    exports = parser.add_argument_group("exports")
    exports.add_argument(
        "--posts",
        type=post_counts,
        default=[1000, 10000],
        metavar="N[,N…]",
        help="one export of N posts of a few kB for each N (default: 1000,10000)",
    )
    exports.add_argument(
        "--comments",
        type=int,
        default=5,
        metavar="N",
        help="comments per post, in threads of five: a comment, a reply; a comment, a reply, "
        "a reply to that (default: %(default)s)",
    )
    exports.add_argument(
        "--big-mb",
        type=positive,
        default=200,
        metavar="MB",
        help="the size of the big export, in MB (default: %(default)s)",
    )
    exports.add_argument(
        "--big-posts",
        type=positive,
        default=1000,
        metavar="N",
        help="posts in the big export; their bodies grow to fill --big-mb "
        "(default: %(default)s, so about 200 kB each)",
    )
    exports.add_argument("--skip-big", action="store_true", help="leave out the big export")
    exports.add_argument(
        "--seed",
        type=int,
        default=1,
        metavar="N",
        help="the random generator's seed: the same seed writes the same files "
        "(default: %(default)s)",
    )
    parser.add_argument(
        "--max-ratio",
        type=float,
        default=1.2,
        metavar="X",
        help="the promise: peak memory of the largest --posts import at most this many "
        "times that of the smallest (default: %(default)s)",
    )
    add_output_options(
        parser,
        holds="the exports, the sites and their logs",
        kept="(every export, database, report and the import's output)",
    )
    options = parser.parse_args(argv)
    if options.comments < 0:
        parser.error("--comments must be 0 or more")
    return options


def exports_of(options: argparse.Namespace) -> Iterator[Export]:
    for posts in sorted(set(options.posts)):
        yield Export(f"{posts:,} posts", posts, options.comments, NEWS)
    if not options.skip_big:
        yield big_export(options)


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_args(argv)
    started = datetime.now(UTC)
    load_before = load_average()

    def run(workdir: Path) -> list[Result]:
        return [measure(e, workdir, options.seed, options.keep) for e in exports_of(options)]

    results = run_in_workdir(options, "masthead-import-bench-", run)
    lines = [markdown_table(results)]
    within = True
    pair = memory_ratio(results)
    if pair is not None:
        line, within = ratio_line(pair, options.max_ratio)
        lines += ["", line]
    text = "\n".join(lines)
    print(text)
    if options.record:
        record(options.results, text, options, results, started, load_before)
    if not within:
        say(f"the peak memory grew more than {options.max_ratio:g}× (see above)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
