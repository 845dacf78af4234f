"""Whole numbers read from request data (ids, page numbers, timestamps)."""

from __future__ import annotations

import re

# At most 20 ASCII digits: str.isdigit() also accepts "²" and other scripts' digits,
# and int() refuses "²" and anything over 4300 digits; each was a 500.
WHOLE_NUMBER = re.compile(r"[0-9]{1,20}")


def whole_number(value) -> int | None:
    """``value`` as a whole number when it is written as one, else None."""
    text = str(value or "")
    return int(text) if WHOLE_NUMBER.fullmatch(text) else None
