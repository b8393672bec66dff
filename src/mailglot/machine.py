"""What the machine offers this process."""

from __future__ import annotations

import os


def usable_cpus() -> int:
    """The cores this process may run on (a container or `taskset` can allow fewer than the
    machine has), at least one."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1
