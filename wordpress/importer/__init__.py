"""The WordPress import: ``Importer(Options(...)).run()`` streams checked WXR files into
Masthead and returns a :class:`~.report.Report`. ``manage.py import_wordpress`` is its
command line."""

from .core import Importer, Options
from .report import Report

__all__ = ["Importer", "Options", "Report"]
