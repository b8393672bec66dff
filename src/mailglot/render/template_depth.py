"""A template nested too deeply for Jinja to read or compile, located at its file and line.

Jinja reads a template by recursive descent and turns it into Python, so 3,000 nested
parentheses ran out of recursion in its parser (reported as "endless recursion: a macro or
include calls itself", with no file), and 200 nested {% for %} gave Python's "too many
levels of indentation (winback.mjml.j2, line 341)", a line of generated code. Both are found
here from the failure's own frames: the parser's position, or the file being compiled, whose
deepest nest of blocks is then located.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from types import FrameType, TracebackType

from jinja2 import Environment, TemplateSyntaxError, nodes
from jinja2.parser import Parser

READ = (
    "nested too deeply to read: Jinja reads only so many parentheses, brackets or filters "
    "inside one another (about 60); split the expression with {% set %}"
)
COMPILE = (
    "blocks nested too deeply to compile ({reason}): Jinja turns each {{% for %}}, "
    "{{% if %}} or {{% with %}} into indented Python, which allows about 20 nested loops; "
    "move the inner part into a macro or an include"
)


def _frames(tb: TracebackType | None) -> Iterator[FrameType]:
    while tb is not None:
        yield tb.tb_frame
        tb = tb.tb_next


def too_deep(
    exc: BaseException, templates: Path, env: Environment
) -> tuple[str, int | None, str] | None:
    """(path, line, message) when `exc` is a template too deeply nested, else None."""
    if not isinstance(exc, (RecursionError, SyntaxError)) or isinstance(exc, TemplateSyntaxError):
        return None
    parser, compiled = None, None
    for frame in _frames(exc.__traceback__):
        owner = frame.f_locals.get("self")
        if isinstance(owner, Parser):
            parser = owner  # the innermost is where it stopped
        elif isinstance(owner, Environment) and frame.f_code.co_name == "_compile":
            compiled = frame.f_locals.get("filename")
    if parser is not None and parser.filename:
        return _path(parser.filename, templates), parser.stream.current.lineno, READ
    if isinstance(exc, SyntaxError) and exc.filename and compiled is None:
        compiled = exc.filename
    if not compiled or compiled.startswith("<"):
        return None
    path = _path(compiled, templates)
    reason = exc.msg if isinstance(exc, SyntaxError) else "too much recursion"
    return path, _deepest(env, path), COMPILE.format(reason=reason)


def _path(filename: str, templates: Path) -> str:
    rel = os.path.relpath(os.path.realpath(filename), os.path.realpath(templates))
    return "templates/" + Path(rel).as_posix()


def _deepest(env: Environment, path: str) -> int | None:
    """The line where the template's deepest nest of blocks starts (its outermost block other
    than a {% block %}, which a layout's child is always inside)."""
    name = path.removeprefix("templates/")
    try:
        source = env.loader.get_source(env, name)[0] if env.loader else None
        tree = env.parse(source) if source is not None else None
    except Exception:  # unreadable now: the file alone still says where to look
        return None
    if tree is None:
        return None
    deepest, line = 0, None
    todo: list[tuple[nodes.Node, int, int | None]] = [(tree, 0, None)]
    while todo:  # iterative: the nest is deep
        node, depth, start = todo.pop()
        if isinstance(node, nodes.Stmt) and hasattr(node, "body"):
            depth += 1
            if start is None and not isinstance(node, nodes.Block):
                start = node.lineno
            if depth > deepest:
                deepest, line = depth, start
        todo.extend(reversed([(c, depth, start) for c in node.iter_child_nodes()]))
    return line
