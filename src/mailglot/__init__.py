"""mailglot: localized marketing emails from one build."""

from __future__ import annotations

__version__ = "0.1.0"
