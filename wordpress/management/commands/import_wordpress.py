"""``manage.py import_wordpress``: bring a WordPress site's export into Masthead."""

from __future__ import annotations

from argparse import RawDescriptionHelpFormatter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter

from masthead.progress import Progress

from ...importer import Importer, Options
from ...importer.core import CATEGORIES_AS, ImportFailed
from ...importer.tree import home_page
from ...wxr import WXRError


class _HelpFormatter(DjangoHelpFormatter, RawDescriptionHelpFormatter):
    """Django's option order, with the description's line breaks kept."""


class Command(BaseCommand):
    help = """\
Import a WordPress site from its export file(s): Tools → Export → All content in
the WordPress admin gives one XML file (WXR); a big site may give several, which
are imported together.

What becomes what:
  posts       → articles, with their dates, excerpt (the lede), tags and author;
                published ones go live, drafts and pending ones stay drafts,
                scheduled ones are scheduled, private ones are for signed-in
                readers only, password-protected ones keep their password;
                trashed posts and auto-drafts are skipped and counted; the
                newest sticky post is featured on the home page
  pages       → pages (a title and a body), nested as in WordPress, subpages in
                their menu order, then by title; statuses as for posts; a page
                whose parent is not an imported page stays under the home page
  authors     → author pages (and, with --create-users, accounts that must set
                a password through "Forgot your password?")
  categories  → sections (or tags, with --categories tags)
  tags        → tags
  attachments → images (pictures, with their alt text) and documents (other
                files), read from --media-dir; a post's pictures, gallery and
                featured image (the hero) show them, whichever size the post
                named; a file that is missing or that the site refuses is
                reported, and nothing is ever fetched from the network
  comments    → comments, threaded; approved ones published, pending ones held
                for moderation, spam, trash, pingbacks and trackbacks skipped;
                nobody is mailed
  links       → a link to another imported post, page, section or file points
                at what it became
  old addresses → permanent redirects: each post's and page's own address,
                /?p=ID, /?page_id=ID, /?attachment_id=ID, old slugs,
                /category/…, /tag/…, /author/…, the feeds, attachment pages (to
                their post) and /wp-content/uploads/… files (any size, to the
                imported file)

Menus, widgets and plugin data are never imported; the report counts them.

Every file is read whole first: a file that is truncated, not a WordPress
export, in the wrong encoding or carrying a DOCTYPE (an "XML bomb") is refused
with its name and line before anything is written. Each post is then imported
in a transaction of its own (a failure leaves whole posts and is named in the
report); --atomic makes the whole import all or nothing. Importing the same
export again updates what changed and creates nothing twice, so an interrupted
import resumes by running it again.

Progress goes to stderr, the report to stdout; it exits with status 1 when any
object failed."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs["formatter_class"] = _HelpFormatter
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser) -> None:
        parser.add_argument("exports", nargs="+", type=Path, metavar="EXPORT.xml")
        parser.add_argument(
            "--media-dir",
            type=Path,
            metavar="DIR",
            help="The site's wp-content/uploads folder (or the folder holding wp-content): "
            "attachments' files are read from here, never from the network.",
        )
        parser.add_argument(
            "--section",
            default="",
            metavar="SLUG",
            help="Put every post in this section (made when missing) instead of the section "
            "of its first category.",
        )
        parser.add_argument(
            "--categories",
            choices=CATEGORIES_AS,
            default="sections",
            help="What WordPress categories become: sections (the default) or tags.",
        )
        parser.add_argument(
            "--create-users",
            action="store_true",
            help="Also give each WordPress author an account (no usable password).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Do everything, report it, then undo it: nothing is written.",
        )
        parser.add_argument(
            "--atomic",
            action="store_true",
            help="All or nothing: one failure undoes the whole import.",
        )
        parser.add_argument(
            "--report",
            type=Path,
            metavar="FILE",
            help="Also write the report to FILE, as JSON.",
        )

    def handle(self, *args, exports: list[Path], verbosity: int = 1, **options) -> None:
        missing = [str(path) for path in exports if not path.is_file()]
        if missing:
            raise CommandError(f"No such file: {', '.join(missing)}")
        media_dir = options["media_dir"]
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"No such folder for --media-dir: {media_dir}")
        if options["report"] and not Path(options["report"]).parent.is_dir():
            raise CommandError(f"No folder to write the report in: {options['report']}")
        importer = Importer(
            Options(
                paths=list(exports),
                media_dir=media_dir,
                section=options["section"],
                categories=options["categories"],
                create_users=options["create_users"],
                dry_run=options["dry_run"],
                atomic=options["atomic"],
            )
        )
        try:
            home_page()
        except RuntimeError as error:
            raise CommandError(f"Cannot import: {error}.") from None
        try:
            total = importer.check()
        except WXRError as error:
            raise CommandError(f"{error}\nNothing was imported.") from None
        progress = Progress(self.stderr, total, "items") if verbosity and total else None
        if progress is not None:
            importer.progress = progress.step
        try:
            report = importer.run()
        except WXRError as error:  # a file changed between the check and the import
            raise CommandError(str(error)) from None
        except ImportFailed as error:
            raise CommandError(f"{error}\nNothing was imported (--atomic).") from None
        if progress is not None:
            progress.finish()
        for line in report.lines():  # line by line: a big report is never one text
            self.stdout.write(line)
        if options["report"]:
            with Path(options["report"]).open("w", encoding="utf-8") as handle:
                report.write_json(handle)
        if report.failed:
            raise CommandError(f"{len(report.failed)} object(s) could not be imported; see above.")
