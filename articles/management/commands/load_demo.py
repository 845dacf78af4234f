"""``manage.py load_demo``: build the demo publication, “Masthead Review”."""

from __future__ import annotations

from argparse import RawDescriptionHelpFormatter

from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter

from articles.demo import content
from articles.demo.loader import DemoError, build_demo, describe

_SECTIONS = ", ".join(section.title for section in content.SECTIONS[:-1])
_LEAD = next(spec for spec in content.ARTICLES if spec.slug == content.LEAD_ARTICLE)
_MONTHS = round(max(spec.days_ago for spec in content.ARTICLES) / 30)


class _HelpFormatter(DjangoHelpFormatter, RawDescriptionHelpFormatter):
    """Django's option order, with the description's line breaks kept."""


class Command(BaseCommand):
    help = f"""\
Build a demo publication, “{content.SITE_NAME}”, in the default site.

It creates, all published through revisions:
  - sections {_SECTIONS} and {content.SECTIONS[-1].title}, and an “{content.AUTHOR_INDEX_TITLE}” \
index, all in the menu;
  - {len(content.AUTHORS)} authors with generated portraits;
  - {len(content.ARTICLES)} tagged articles with generated hero images, dated over the past
    {_MONTHS} months and led by “{_LEAD.title}”,
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

    def create_parser(self, prog_name: str, subcommand: str, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = _HelpFormatter
        return parser

    def handle(self, *args, **options) -> None:
        verbosity = options["verbosity"]
        log = (lambda message: self.stdout.write(f"  {message}")) if verbosity >= 2 else None
        try:
            report = build_demo(log=log)
        except DemoError as error:
            raise CommandError(str(error)) from error
        if verbosity >= 1:
            style = self.style.SUCCESS if report.changed_anything else self.style.NOTICE
            lines = describe(report)
            self.stdout.write(style(lines[0]))
            for line in lines[1:]:
                self.stdout.write(line)
