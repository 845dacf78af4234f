"""One process of the cross-process rate limit test: counts attempts when told to go.

Run as ``python -m tests.discussion.rate_limit_worker ROUNDS_JSON ATTEMPTS [--create-tables]``
from the project folder. ROUNDS_JSON is a list of ``CACHES`` settings. For each, it
prints ``ready``, waits for a line on stdin (so every process starts counting at
the same moment), then prints a JSON list: whether each attempt was allowed.
"""

from __future__ import annotations

import json
import os
import sys


def main() -> None:
    rounds, attempts = json.loads(sys.argv[1]), int(sys.argv[2])
    create_tables = "--create-tables" in sys.argv[3:]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import override_settings

    from discussion import rate_limits

    rates = rate_limits.parse_rates("10/m")
    for caches in rounds:
        with override_settings(CACHES=caches):
            if create_tables and caches["default"]["BACKEND"].endswith("DatabaseCache"):
                call_command("createcachetable", verbosity=0)
            print("ready", flush=True)
            sys.stdin.readline()
            answers = [rate_limits._consume("test:processes", rates) for _ in range(attempts)]
            print(json.dumps(answers), flush=True)


if __name__ == "__main__":
    main()
