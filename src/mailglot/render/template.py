"""Step 1: Jinja renders the campaign's template to MJML; its errors point at the template line."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

from jinja2 import Environment, TemplateError, TemplateSyntaxError

from mailglot.errors import Diagnostic


class TemplateFailure(Exception):
    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic
        super().__init__(str(diagnostic))


def _location(exc: BaseException, templates: Path) -> tuple[str, int | None]:
    if isinstance(exc, TemplateSyntaxError) and exc.name:
        return f"templates/{exc.name}", exc.lineno
    # Jinja rewrites tracebacks so that frames point at template files and lines.
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        try:
            rel = Path(frame.filename).resolve().relative_to(templates.resolve())
        except ValueError:
            continue
        return f"templates/{rel.as_posix()}", frame.lineno
    return "templates", None


def render_mjml(env: Environment, name: str, context: dict[str, Any], templates: Path) -> str:
    try:
        return env.get_template(name).render(context)
    except (TemplateError, TypeError, ValueError, KeyError, AttributeError) as exc:
        path, line = _location(exc, templates)
        kind = type(exc).__name__
        message = exc.message if isinstance(exc, TemplateError) and exc.message else str(exc)
        raise TemplateFailure(
            Diagnostic(path, line, "template", "error", f"{kind}: {message}")
        ) from exc
