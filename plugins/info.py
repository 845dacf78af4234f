"""What the host knows of each plugin: its status and the record that ``manage.py plugins``,
the admin report and the system checks show (re-exported by plugins/manager.py)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any


class Status(enum.StrEnum):
    LOADED = "loaded"
    DISABLED = "disabled"
    FAILED = "failed"  # the module could not be imported
    INVALID = "invalid"  # it imported, but implements a hook wrongly (a system check error)
    SWITCHED_OFF = "switched off"  # it kept overrunning its time budget; off until restart


@dataclass(frozen=True)
class PluginInfo:
    """One plugin as ``manage.py plugins`` and the admin report show it."""

    name: str
    module: str
    distribution: str
    version: str
    status: Status
    hooks: tuple[str, ...] = ()
    error: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "module": self.module,
            "distribution": self.distribution,
            "version": self.version,
            "status": str(self.status),
            "hooks": list(self.hooks),
            "error": self.error,
        }
