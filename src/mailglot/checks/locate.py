"""Point a finding in the delivered HTML at the template line that produced it.

Output checks see the compiled, inlined HTML, but users change templates: a finding whose
text (a CSS property, an attribute, a URL) appears in one of the job's templates is located
there, at the first line that has it; otherwise at the line of `email.html`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=256)
def _lines(path: Path, digest: str) -> tuple[str, ...]:
    """Keyed by the file's hash from the job's inputs: `serve` runs for hours, files change."""
    try:
        return tuple(path.read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        return ()


@lru_cache(maxsize=8192)
def _find(
    files: tuple[tuple[Path, str, str], ...], pattern: re.Pattern[str]
) -> tuple[str, int] | None:
    for path, digest, rel in files:
        for number, line in enumerate(_lines(path, digest), 1):
            if pattern.search(line):
                return rel, number
    return None


@dataclass(frozen=True, eq=False)
class TemplateLines:
    """The job's templates (its inputs under templates/, its own template first), with the
    hash each had when the job was built. One object per distinct set of templates
    (`_template_lines`), compared and hashed by identity: the caches of the checks are keyed
    on it several times a job, and hashing its paths each time cost more than the look-ups."""

    files: tuple[tuple[Path, str, str], ...]  # (absolute path, sha256, project-relative path)

    def find(self, pattern: re.Pattern[str]) -> tuple[str, int] | None:
        """The first template line matching `pattern`, the job's own template before the
        layouts and partials it uses."""
        return _find(self.files, pattern)


@lru_cache(maxsize=1024)
def job_templates(root: Path, template: str, inputs: tuple[tuple[str, str], ...]) -> TemplateLines:
    """Remembered by the job's inputs: every job of a template and campaign has the same."""
    own = f"templates/{template}"
    digests = dict(inputs)
    order = [own, *sorted(p for p in digests if p.startswith("templates/") and p != own)]
    return _template_lines(root, tuple((rel, digests.get(rel, "")) for rel in order))


@lru_cache(maxsize=1024)
def _template_lines(root: Path, files: tuple[tuple[str, str], ...]) -> TemplateLines:
    """One object for every job whose templates are the same (all locales and variants of a
    template): the caches keyed on it then compare its paths by identity, not part by part."""
    return TemplateLines(tuple((root / rel, digest, rel) for rel, digest in files))


@lru_cache(maxsize=4096)
def literal(text: str) -> re.Pattern[str]:
    return re.compile(re.escape(text))


@lru_cache(maxsize=4096)
def href(url: str) -> re.Pattern[str]:
    """The template line that writes this link (`href="..."`, on HTML or MJML tags)."""
    return re.compile(r"""href\s*=\s*["']""" + re.escape(url))
