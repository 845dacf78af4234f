"""A plugin that cannot be imported: it needs a package that is not installed."""

from __future__ import annotations

import masthead_missing_dependency  # noqa: F401 - the failure is the point
