"""Hypothesis profiles for the fuzz tests (see tests/fuzz/__init__.py for how to choose one)."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings
from hypothesis.database import DirectoryBasedExampleDatabase

# Every example goes through the real views, which is slow on a shared machine:
# no per-example deadline, and the health checks that time data generation off.
_COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    "print_blob": True,
}

# CI: the same examples on every run (derandomized, no example database), few
# enough that the whole fuzz suite stays within about two minutes on SQLite.
settings.register_profile(
    "ci",
    max_examples=20,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    **_COMMON,
)
# Locally, for as long as it takes: random examples, failures kept for replay in a
# git-ignored folder.
settings.register_profile(
    "thorough",
    max_examples=400,
    database=DirectoryBasedExampleDatabase(
        Path(__file__).resolve().parents[2] / ".pytest_cache" / "hypothesis"
    ),
    **_COMMON,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
