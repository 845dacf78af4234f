"""``manage.py load_demo``: build the demo publication, “Masthead Review”, from demo/content/."""

from __future__ import annotations

from argparse import RawDescriptionHelpFormatter

from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter

from demo import specs
from demo.loader import DemoError, build_demo, describe
from demo.specs import ContentError


class _HelpFormatter(DjangoHelpFormatter, RawDescriptionHelpFormatter):
    """Django's option order, with the description's line breaks kept."""


def _help() -> str:
    """The command's description, with the counts and names of the demo's content."""
    sections = ", ".join(section.title for section in specs.SECTIONS[:-1])
    lead = next(spec for spec in specs.ARTICLES if spec.slug == specs.LEAD_ARTICLE)
    months = round(max(spec.days_ago for spec in specs.ARTICLES) / 30)
    return f"""\
Build a demo publication, “{specs.SITE_NAME}”, in the default site.

It creates, all published through revisions:
  - sections {sections} and {specs.SECTIONS[-1].title}, and an “{specs.AUTHOR_INDEX_TITLE}” \
index, all in the menu;
  - {len(specs.AUTHORS)} authors with generated portraits;
  - {len(specs.ARTICLES)} tagged articles with generated hero images, dated over the past
    {months} months and led by “{lead.title}”,
    which becomes the home page's featured article;
and fills in the site's name, the theme's site name, tagline and footer, and the
home page's intro where they are blank (a site name still at the default
“Masthead” counts as blank).

Images are drawn locally with Pillow and saved under MEDIA_ROOT; nothing is
downloaded.

Safe to run again: pages are recognised by slug and images by title, and
whatever already exists is left as it is, so a second run creates nothing.
Nothing is deleted, and nothing an editor has written is overwritten.

Prints a summary; -v 2 lists each page and image as it is created, -v 0 prints
nothing."""


class Command(BaseCommand):
    @property
    def help(self) -> str:
        """What --help describes, with the demo's own names and counts."""
        try:
            return _help()
        except ContentError as error:  # still list the options, and say what is wrong
            return (
                f"Build a demo publication in the default site.\n\nIts content is broken: {error}"
            )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = _HelpFormatter
        return parser

    def handle(self, *args, **options) -> None:
        verbosity = options["verbosity"]
        log = (lambda message: self.stdout.write(f"  {message}")) if verbosity >= 2 else None
        try:
            report = build_demo(log=log)
        except (ContentError, DemoError) as error:
            raise CommandError(str(error)) from error
        if verbosity >= 1:
            style = self.style.SUCCESS if report.changed_anything else self.style.NOTICE
            lines = describe(report)
            self.stdout.write(style(lines[0]))
            for line in lines[1:]:
                self.stdout.write(line)
