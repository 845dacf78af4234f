"""A progress bar for management commands: redrawn in place on a terminal, else a line
per tenth (a log file or a CI console gets readable lines, not a stream of ``\\r``)."""

from __future__ import annotations

from django.core.management.base import OutputWrapper

BAR_WIDTH = 30


class Progress:
    """``step()`` once per thing done; ``finish()`` at the end. Writes to ``out`` (stderr)."""

    def __init__(self, out: OutputWrapper, total: int, noun: str) -> None:
        self.out = out
        self.total = total
        self.noun = noun
        self.done = 0
        self.in_place = out.isatty()
        self.last_tenth = 0

    def step(self) -> None:
        self.done += 1
        if not self.total:
            return
        if self.in_place:
            filled = BAR_WIDTH * self.done // self.total
            bar = "#" * filled + "." * (BAR_WIDTH - filled)
            percent = 100 * self.done // self.total
            self.out.write(f"\r[{bar}] {self.done}/{self.total} {percent:3d}%", ending="")
            self.out.flush()
            return
        tenth = 10 * self.done // self.total
        if tenth > self.last_tenth:
            self.last_tenth = tenth
            self.out.write(f"{self.done}/{self.total} {self.noun} ({tenth * 10}%)")

    def finish(self) -> None:
        if self.in_place and self.total:
            self.out.write("")
