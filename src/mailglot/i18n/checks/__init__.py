"""Translation checks: a plain list of functions with one signature, and the codes they report.

Each check takes a `Pair` (a source string, its translation and the project's policy) and
yields `Finding`s; `CODES` says for each code whether it refuses the string (error: the
source text is used) or warns, whether it is protected (refused whatever `checks.disable`
or an accept comment says), and the one-line hint `l10n-status` prints. To add a check, write
the function in the module of its family and add it to `CHECKS` and its code to `CODES`.
"""

from __future__ import annotations

from mailglot.i18n.checks.base import Check, Code, Finding, Pair, Policy, display_columns
from mailglot.i18n.checks.registry import CHECKS, CODES
from mailglot.i18n.checks.screening import (
    check_message,
    fuzzy_finding,
    is_refused,
    message_label,
    screen_catalog,
)

__all__ = [
    "CHECKS",
    "CODES",
    "Check",
    "Code",
    "Finding",
    "Pair",
    "Policy",
    "check_message",
    "display_columns",
    "fuzzy_finding",
    "is_refused",
    "message_label",
    "screen_catalog",
]
