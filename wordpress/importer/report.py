"""What an import did, kind by kind, and every warning with the WordPress object it concerns."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field

# The kinds of thing an import makes, in the order the report lists them.
KINDS = (
    "posts",
    "pages",
    "authors",
    "users",
    "sections",
    "tags",
    "images",
    "documents",
    "comments",
    "redirects",
)
OUTCOMES = ("created", "updated", "unchanged", "skipped")


@dataclass(frozen=True)
class Notice:
    """Something the reader of the report should look at: what, and where it came from."""

    kind: str
    wp_id: int | None
    title: str
    message: str
    source: str = ""

    def __str__(self) -> str:
        who = f"{self.kind} {self.wp_id}" if self.wp_id is not None else self.kind
        title = f" “{self.title}”" if self.title else ""
        where = f" ({self.source})" if self.source else ""
        return f"{who}{title}: {self.message}{where}"


@dataclass
class Report:
    """Counts per kind and outcome, reasons for skipping, what is never imported, warnings."""

    dry_run: bool = False
    counts: dict[str, Counter[str]] = field(
        default_factory=lambda: {kind: Counter() for kind in KINDS}
    )
    skipped_because: Counter[str] = field(default_factory=Counter)
    not_imported: Counter[str] = field(default_factory=Counter)
    warnings: list[Notice] = field(default_factory=list)
    failed: list[Notice] = field(default_factory=list)
    _noted: set[Notice] = field(default_factory=set, repr=False)

    def count(self, kind: str, outcome: str, reason: str = "") -> None:
        """One ``kind`` (``posts``) came out as ``outcome`` (``created``); why, when skipped."""
        self.counts[kind][outcome] += 1
        if reason:
            self.skipped_because[f"{kind}: {reason}"] += 1

    def warn(self, kind: str, wp_id: int | None, title: str, message: str, source="") -> None:
        """Note something to look at; the same note about the same object is made once."""
        notice = Notice(kind, wp_id, title, message, str(source))
        if notice not in self._noted:
            self._noted.add(notice)
            self.warnings.append(notice)

    def fail(self, kind: str, wp_id: int | None, title: str, message: str, source="") -> None:
        """An object that could not be imported: nothing of it was written."""
        self.failed.append(Notice(kind, wp_id, title, message, str(source)))

    def as_dict(self) -> dict:
        """The report as ``--report FILE`` writes it (JSON)."""
        return {
            "dry_run": self.dry_run,
            "counts": {
                kind: {outcome: self.counts[kind][outcome] for outcome in OUTCOMES}
                for kind in KINDS
            },
            "skipped_because": dict(sorted(self.skipped_because.items())),
            "not_imported": dict(sorted(self.not_imported.items())),
            "warnings": [asdict(warning) for warning in self.warnings],
            "failed": [asdict(failure) for failure in self.failed],
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2)

    def write_json(self, handle) -> None:
        """The JSON report, written to ``handle`` piece by piece (not built as one text)."""
        json.dump(self.as_dict(), handle, ensure_ascii=False, indent=2)

    def lines(self) -> list[str]:
        """The report for people: a table of counts, then reasons, then every warning."""
        verb = "Would import" if self.dry_run else "Imported"
        out = [f"{verb} (dry run: nothing was written)" if self.dry_run else verb]
        width = max(len(kind) for kind in KINDS)
        out.append(f"  {'':{width}}  " + "  ".join(f"{outcome:>9}" for outcome in OUTCOMES))
        for kind in KINDS:
            row = "  ".join(f"{self.counts[kind][outcome]:>9}" for outcome in OUTCOMES)
            out.append(f"  {kind:{width}}  {row}")
        if self.skipped_because:
            out.append("Skipped:")
            out += [f"  {reason}: {n}" for reason, n in sorted(self.skipped_because.items())]
        if self.not_imported:
            out.append("Not imported (Masthead has no place for them):")
            out += [f"  {what}: {n}" for what, n in sorted(self.not_imported.items())]
        if self.failed:
            out.append(f"Failed ({len(self.failed)}), nothing of these was written:")
            out += [f"  {failure}" for failure in self.failed]
        if self.warnings:
            out.append(f"Warnings ({len(self.warnings)}):")
            out += [f"  {warning}" for warning in self.warnings]
        return out
