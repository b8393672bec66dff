"""Step 1: Jinja renders the campaign's template to MJML; its errors point at the template line.

Whatever a template does wrong (a typo, a loop past the time limit, endless recursion, a
blocked attribute), the job fails with the template's file and line and the build goes on.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import (
    Environment,
    Template,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
    meta,
)
from jinja2.sandbox import SecurityError

from mailglot.errors import Diagnostic, MailglotError
from mailglot.render.data_links import DataLinkError, refused_link, template_line
from mailglot.render.python_words import python_message
from mailglot.render.sandbox import Asked, BadTemplateFile
from mailglot.render.template_depth import too_deep
from mailglot.render.unset import asked_message, sandbox_message
from mailglot.render.watchdog import RenderTimeout, time_limit

DEFAULT_TIMEOUT_S = 10.0
# (environment, name, loaded template, context) -> the output: `render.variant_renders`
SharedRender = Callable[[Environment, str, Template, dict[str, Any]], str]


class TemplateFailure(Exception):
    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic
        super().__init__(str(diagnostic))


def _location(exc: BaseException, templates: Path, name: str) -> tuple[str, int | None]:
    """Where the fix goes; `name` is the job's template, named when nothing else is known."""
    if isinstance(exc, TemplateSyntaxError) and exc.name:
        return f"templates/{exc.name}", exc.lineno
    found = _template_frame(exc, templates)
    if found is None and isinstance(exc, BadTemplateFile) and exc.name:
        return f"templates/{exc.name}", None
    # A time limit's second interruption can land in Jinja's rewriting of the first one's
    # traceback: the first one, its __context__, still has the template's frames.
    seen = exc.__context__
    while found is None and seen is not None:
        found, seen = _template_frame(seen, templates), seen.__context__
    return found or (f"templates/{name}", None)


def _template_frame(exc: BaseException, templates: Path) -> tuple[str, int | None] | None:
    """Jinja rewrites tracebacks so that frames point at template files and lines; the
    innermost template frame is where the fix goes (for a recursion, the recursive call)."""
    root = templates.resolve()
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        try:
            rel = Path(frame.filename).resolve().relative_to(root)
        except ValueError:
            continue
        return f"templates/{rel.as_posix()}", frame.lineno
    return None


def _message(exc: BaseException, timeout_s: float) -> str:
    if isinstance(exc, RenderTimeout):
        return f"the template ran longer than render.timeout_s ({timeout_s:g} s); stopped here"
    if isinstance(exc, RecursionError):
        return "endless recursion: a macro or include calls itself without end"
    if isinstance(exc, BadTemplateFile):
        return str(exc.message)
    if isinstance(exc, MailglotError):  # written for the user, e.g. a filter's wrong value
        return str(exc)
    if isinstance(exc, TemplateNotFound):
        return f"template {exc.name!r} not found under templates/"
    if isinstance(exc, TemplateSyntaxError):
        return syntax_message(exc.message or str(exc))
    message = exc.message if isinstance(exc, TemplateError) and exc.message else str(exc)
    if isinstance(exc, SecurityError) or (
        isinstance(exc, OverflowError) and message.startswith("Range too big.")
    ):
        return sandbox_message(message)
    return python_message(exc, message)


def _asked(
    exc: BaseException,
    env: Environment,
    context: dict[str, Any],
    where: tuple[str, int | None],
) -> str | None:
    """An undefined value or an unsafe attribute, told in the template's terms (see
    `render.unset`): the line that failed says which value was asked."""
    asked = getattr(exc, "asked", None)
    if not isinstance(asked, Asked) or not isinstance(exc, (UndefinedError, SecurityError)):
        return None
    line = ""
    path, number = where
    if number is not None and env.loader is not None:
        try:
            source = env.loader.get_source(env, path.removeprefix("templates/"))[0]
            line = source.splitlines()[number - 1]
        except (TemplateNotFound, IndexError):  # an error's own path is there; be safe
            line = ""
    campaign = context.get("campaign")
    cid = campaign.get("id") if isinstance(campaign, dict) else None
    values = {**env.globals, **context}
    return asked_message(
        asked, isinstance(exc, SecurityError), values, line, f"campaigns/{cid}.yaml"
    )


# Jinja's parser names the delimiters a designer types, and some tokens, in its own words.
_DELIMITERS = {
    "'begin of statement block'": "'{%'",
    "'end of statement block'": "'%}'",
    "'begin of print statement'": "'{{'",
    "'end of print statement'": "'}}'",
    "'begin of comment'": "'{#'",
    "'end of comment'": "'#}'",
    "'end of template'": "the end of the template",
    "got 'string'": "got a quoted text",
    "got 'integer'": "got a number",
    "got 'float'": "got a number",
}
_EXPECTED_TOKEN = re.compile(r"expected token '([^']*)'")
_CHARACTER_AT = re.compile(r"unexpected char (.+) at \d+$")  # an offset in the file


def syntax_message(message: str) -> str:
    """A template that does not parse, told in what the designer typed: `{% if %}` is
    'syntax error: expected an expression, got '%}'', not Python's class name and the
    parser's 'got 'end of statement block''."""
    for words, typed in _DELIMITERS.items():
        message = message.replace(words, typed)
    message = _EXPECTED_TOKEN.sub(
        lambda m: "expected a name" if m[1] == "name" else f"expected '{m[1]}'", message
    )
    message = _CHARACTER_AT.sub(r"unexpected character \1", message).removesuffix(".")
    return f"syntax error: {message[:1].lower()}{message[1:]}"


def render_mjml(
    env: Environment,
    name: str,
    context: dict[str, Any],
    templates: Path,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    shared: SharedRender | None = None,
) -> str:
    """`shared`: renders in place of `template.render(context)`, the same text."""
    try:
        with time_limit(timeout_s):
            template = env.get_template(name)
            if shared is None:
                mjml = template.render(context)
            else:
                mjml = shared(env, name, template, context)
    except (Exception, RenderTimeout) as exc:  # a template's mistake fails its job, located
        code = "template.timeout" if isinstance(exc, RenderTimeout) else "template"
        deep = too_deep(exc, templates, env)
        if deep is not None:
            raise TemplateFailure(Diagnostic(*deep[:2], code, "error", deep[2])) from None
        path, line = _location(exc, templates, name)
        message = _asked(exc, env, context, (path, line)) or _message(exc, timeout_s)
        raise TemplateFailure(Diagnostic(path, line, code, "error", message)) from None
    bad = refused_link(mjml, context.get("data"))
    if bad is not None:  # render.data_origin puts it at the value's campaign line
        try:
            raise bad
        except DataLinkError:
            at = template_line(template_family(env, name), bad.written)
            path, line = (f"templates/{at[0]}", at[1]) if at else (f"templates/{name}", None)
            failure = Diagnostic(path, line, bad.code, "error", bad.message)
            raise TemplateFailure(failure) from bad  # data_origin reads it as __context__
    return mjml


def template_family(env: Environment, name: str) -> tuple[tuple[str, str], ...]:
    """The template and every template it extends or includes, (name, source), the job's
    own first."""
    todo, seen, out = [name], set(), []
    while todo:
        current = todo.pop(0)
        if current in seen or env.loader is None:
            continue
        seen.add(current)
        try:
            source = env.loader.get_source(env, current)[0]
        except TemplateNotFound:
            continue
        out.append((current, source))
        try:
            todo.extend(n for n in meta.find_referenced_templates(env.parse(source)) if n)
        except TemplateSyntaxError:
            continue
    return tuple(out)
