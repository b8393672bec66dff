"""One diagnostic type for every problem mailglot reports, and the exceptions that carry them.

Every finding (YAML, template, catalog, output check) becomes a `Diagnostic` with a
location, so the CLI, the manifest and the gallery can show it the same way and users
can silence a family of them by its code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
# Terminal control characters (ESC sequences, CR, BEL...) and bidi overrides: a file name or
# a quoted translation must not be able to rewrite or reorder what the terminal shows.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def escape_control(text: str) -> str:
    return _CONTROL.sub(
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )


def escape_shown(text: str) -> str:
    """`escape_control`, and a line break written `\\n`: a finding is printed on one line,
    and one read back from a manifest (a merged shard's) must not start a line of its own
    choosing (`mailglot: 0 error(s)`) under the real one."""
    return escape_control(text).replace("\n", "\\n") if not text.isprintable() else text


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str  # relative to the project root, forward slashes
    line: int | None
    code: str  # e.g. "yaml", "schema", "template", "catalog.markup"
    severity: Severity
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", escape_shown(self.path))
        object.__setattr__(self, "code", escape_shown(self.code))
        object.__setattr__(self, "message", escape_shown(self.message))

    @property
    def where(self) -> str:
        """`path:line`, or the path alone when the finding concerns the whole file."""
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

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


# Findings whose refusal protects the email: a translation that would inject markup, template
# or merge-tag syntax, a placeholder field the source lacks, or break the string's formatting
# is refused whatever `checks.disable` says, so it is always reported too (README: translation
# policy). The translation checks (`mailglot.i18n.checks`) declare these codes.
PROTECTED_CODES = frozenset(
    {
        "catalog.markup",
        "catalog.syntax-injection",
        "catalog.placeholders.unknown",
        "catalog.placeholders.percent",
        "catalog.braces",
    }
)


def silence(findings: Iterable[Diagnostic], disabled: Iterable[str]) -> list[Diagnostic]:
    """`checks.disable` for every family of findings (output, layout, translation, client
    support...), applied in this one place so `build`, `check` and `l10n-status` silence the
    same codes. A disabled code silences its sub-codes too: `layout` covers `layout.overflow`.
    Protected codes (above) are never silenced."""
    off = tuple(disabled)
    if not off:
        return list(findings)
    return [
        f
        for f in findings
        if f.code in PROTECTED_CODES
        or not any(f.code == c or f.code.startswith(c + ".") for c in off)
    ]
