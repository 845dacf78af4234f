"""What every benchmark script in bench/ shares to run: the repository root on
``sys.path`` (for tests/servers.py), progress on standard error, the options every
benchmark takes, and running in a working directory with the exit statuses.

A script here runs as a file, so it imports this module as ``harness``, before
anything from ``tests``. Recording a run in bench/results.md is recording.py's.
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

REPO_DIR = Path(__file__).resolve().parent.parent
# Run as a file, a script here finds only bench/ on its path; the plumbing of the
# servers (tests/servers.py), which the tests use too, is at the repository root.
sys.path.insert(1, str(REPO_DIR))

from tests.servers import SiteError  # noqa: E402

DEFAULT_RESULTS = REPO_DIR / "bench" / "results.md"

T = TypeVar("T")


def say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def percentile(latencies: Sequence[float], percent: float) -> float:
    """Nearest-rank percentile of latencies in seconds, in ms (NaN without any)."""
    if not latencies:
        return math.nan
    ordered = sorted(latencies)
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return ordered[rank - 1] * 1000


def load_average() -> str:
    """The machine's 1-minute load average: other work competing with the benchmark."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "unknown"


# --- command line ------------------------------------------------------------


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive whole number")
    return value


def add_common_options(
    parser: argparse.ArgumentParser, *, workers: int, threads: int
) -> argparse._ArgumentGroup:
    """The options every benchmark here takes: gunicorn's workers and threads (with
    these defaults), its start-up timeout, and the output group (--record, --results,
    --workdir, --keep). Returns the "server" group, for the script's own options."""
    server = parser.add_argument_group("server")
    server.add_argument(
        "--workers",
        type=positive,
        default=workers,
        help="gunicorn worker processes (default: %(default)s)",
    )
    server.add_argument(
        "--threads",
        type=positive,
        default=threads,
        help="threads per worker; 1 runs gunicorn's sync worker, which closes the connection "
        "after each response; more run the gthread worker, which keeps connections "
        "alive (default: %(default)s)",
    )
    server.add_argument(
        "--startup-timeout",
        type=float,
        default=60.0,
        help="seconds to wait for gunicorn to answer (default: %(default)s)",
    )
    add_output_options(
        parser,
        holds="the database, media, logs and the rest of the run's files",
        kept="(database, media, manage.py and gunicorn logs), and any database the run made",
    )
    return server


def add_output_options(parser: argparse.ArgumentParser, holds: str, kept: str) -> None:
    """The output group every benchmark has: --record, --results, --workdir (a folder for
    what the run ``holds``) and --keep (which keeps it: ``kept`` says what is in it)."""
    output = parser.add_argument_group("output")
    output.add_argument(
        "--record",
        action="store_true",
        help="append the table and the run's details to the results file",
    )
    output.add_argument(
        "--results",
        type=Path,
        metavar="FILE",
        default=DEFAULT_RESULTS,
        help="the file --record appends to (default: bench/results.md)",
    )
    output.add_argument(
        "--workdir",
        type=Path,
        metavar="DIR",
        help=f"a new or empty directory for {holds} (default: a new temporary directory)",
    )
    output.add_argument(
        "--keep",
        action="store_true",
        help=f"keep the working directory afterwards {kept}",
    )


# --- the run -----------------------------------------------------------------


def stop_on_sigterm() -> None:
    """Make SIGTERM unwind like Ctrl-C, so that gunicorn is stopped and files removed."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def show_server_steps() -> None:
    """Print what tests/servers.py logs (steps done, servers started and stopped) as
    progress, the way :func:`say` does."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("[bench] %(message)s"))
    servers = logging.getLogger("tests.servers")
    servers.addHandler(handler)
    servers.setLevel(logging.INFO)


def run_in_workdir(options: argparse.Namespace, prefix: str, run: Callable[[Path], T]) -> T:
    """``run(workdir)`` in --workdir, or a new temporary directory named ``prefix``…;
    the directory is removed afterwards unless --keep. A failed step exits with
    status 2, and Ctrl-C or SIGTERM with 130, once gunicorn has been stopped."""
    stop_on_sigterm()
    show_server_steps()
    if options.workdir:
        workdir = options.workdir.resolve()
        if workdir.exists() and (not workdir.is_dir() or any(workdir.iterdir())):
            # It is removed afterwards (without --keep), so it must hold nothing else.
            say(f"error: --workdir {workdir} must be a new or empty directory")
            raise SystemExit(2)
        workdir.mkdir(parents=True, exist_ok=True)
    else:
        workdir = Path(tempfile.mkdtemp(prefix=prefix))
    say(f"working directory: {workdir}; load average {load_average()} on {os.cpu_count()} cores")
    try:
        return run(workdir)
    except SiteError as error:
        say(f"error: {error}")
        raise SystemExit(2) from None
    except KeyboardInterrupt:
        say("interrupted")
        raise SystemExit(130) from None
    finally:
        if options.keep:
            say(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
