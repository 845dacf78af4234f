"""``manage.py score_sentiment``: score live articles' sentiment again, with a progress bar."""

from __future__ import annotations

from argparse import RawDescriptionHelpFormatter

from django.core.management.base import (
    BaseCommand,
    CommandError,
    DjangoHelpFormatter,
)

from masthead.conf import masthead_setting
from masthead.progress import Progress

from ...models import scored_page_types
from ...scoring import chosen_analyzer, score_article, signature, stale


class _HelpFormatter(DjangoHelpFormatter, RawDescriptionHelpFormatter):
    """Django's option order, with the description's line breaks kept."""


class Command(BaseCommand):
    help = """\
Score the sentiment of live articles again and store it on each article.

Articles are scored when they are published, so this is only needed after
changing or upgrading the analyzer (MASTHEAD["SENTIMENT_ANALYZER"], or a new
version of its plugin), or to score articles published before the analyzer was
installed. Nothing is republished: no revision is created and no editor's
override or "show the sentiment badge" choice changes.

  --all    score every live article (the default);
  --stale  only articles never scored, or scored by another analyzer or version
           (the analyzer and version are stored with each score).

Progress goes to stderr; a summary (scored, skipped, failed) to stdout. An
article whose scoring fails keeps its previous score, and the command exits
with status 1 once the others are done; the log says what went wrong."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs["formatter_class"] = _HelpFormatter
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser) -> None:
        which = parser.add_mutually_exclusive_group()
        which.add_argument(
            "--all",
            action="store_const",
            dest="which",
            const="all",
            help="Score every live article again (the default).",
        )
        which.add_argument(
            "--stale",
            action="store_const",
            dest="which",
            const="stale",
            help="Score only live articles never scored, or scored by another analyzer or version.",
        )
        parser.set_defaults(which="all")

    def handle(self, *args, which: str = "all", verbosity: int = 1, **options) -> None:
        analyzer = chosen_analyzer()
        if analyzer is None:
            wanted = masthead_setting("SENTIMENT_ANALYZER")
            missing = (
                f"The sentiment analyzer {wanted!r} is not installed"
                if wanted
                else "No sentiment analyzer is installed"
            )
            raise CommandError(f"{missing}; `manage.py plugins` lists the plugins.")
        lives = [model.objects.live().order_by("pk") for model in scored_page_types()]
        todos = [stale(live, analyzer) if which == "stale" else live for live in lives]
        total = sum(todo.count() for todo in todos)
        skipped = sum(live.count() for live in lives) - total
        scored = failed = 0
        progress = Progress(self.stderr, total, "articles") if verbosity and total else None
        for todo in todos:
            # In chunks: a large archive's bodies need not all sit in memory at once.
            for article in todo.iterator(chunk_size=200):
                if score_article(article, analyzer):
                    scored += 1
                else:
                    failed += 1
                if progress:
                    progress.step()
        if progress:
            progress.finish()
        self.stdout.write(
            f"Scored {scored}, skipped {skipped}, failed {failed} (analyzer {signature(analyzer)})."
        )
        if failed:
            raise CommandError(f"{failed} article(s) could not be scored; the log says why.")
