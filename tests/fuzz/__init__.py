"""Property-based fuzz tests (hypothesis) of what readers send and editors write.

Through the real views, with Django's test client: the comment form (signed in
and as a visitor), search, tag pages and feeds, listing, paging and comment
parameters, markdown in article bodies, and the share row's addresses. The
properties: never a server error (5xx), never markup from the input in a page
(no element, attribute, event handler, script or ``javascript:`` address that
the input made), share addresses that parse and go to the provider's own host.

The same tests run on SQLite and, with ``DATABASE_URL`` set, on PostgreSQL.

Profiles (``HYPOTHESIS_PROFILE``):

- ``ci`` (the default): derandomized, the same few examples on every run, no
  example database; the whole folder runs in about two minutes on SQLite::

      .venv/bin/python -m pytest tests/fuzz -q

- ``thorough``: twenty times the examples, random each run, failures kept in
  ``.pytest_cache/hypothesis`` and replayed first next time::

      HYPOTHESIS_PROFILE=thorough .venv/bin/python -m pytest tests/fuzz -q
"""
