"""One diagnostic type for every problem mailglot reports, and the exceptions that carry them.

Every finding (YAML, template, catalog, output check) becomes a `Diagnostic` with a
location, so the CLI, the manifest and the gallery can show it the same way and users
can silence a family of them by its code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str  # relative to the project root, forward slashes
    line: int | None
    code: str  # e.g. "yaml", "schema", "template", "catalog.markup"
    severity: Severity
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


class MailglotError(Exception):
    """Base of every error the CLI prints without a traceback."""

    exit_code = 1


class UsageError(MailglotError):
    """The command line asked for something that cannot be (an unknown campaign id, ...)."""

    exit_code = 2


class ContentError(MailglotError):
    """Project content is wrong; carries every diagnostic found, not just the first."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))


class ProjectNotFound(UsageError):
    pass


def silence(findings: Iterable[Diagnostic], disabled: Iterable[str]) -> list[Diagnostic]:
    """`checks.disable` for every family of findings (output, layout, translation, client
    support...), applied in this one place so `build`, `check` and `l10n-status` silence the
    same codes. A disabled code silences its sub-codes too: `layout` covers `layout.overflow`."""
    off = tuple(disabled)
    if not off:
        return list(findings)
    return [f for f in findings if not any(f.code == c or f.code.startswith(c + ".") for c in off)]
