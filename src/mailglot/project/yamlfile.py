"""YAML loading that remembers where every value came from.

PyYAML's composed node tree carries start marks; we keep them in a map from the value's
path (("subject", "a"), ("markets", 2), ...) to its line, so schema errors found later
by pydantic can still point at `file:line`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mailglot.errors import Diagnostic

try:  # libyaml is several times faster; fall back quietly where it is not built in
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Loc = tuple[str | int, ...]


@dataclass
class YamlDoc:
    """A parsed YAML file: its data, and the line of every key and list item."""

    rel: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)

    def line_of(self, loc: Loc) -> int | None:
        """The line of the deepest part of `loc` that exists in the file."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)

    def error(self, loc: Loc, message: str, code: str = "schema") -> Diagnostic:
        return Diagnostic(self.rel, self.line_of(loc), code, "error", message)


def _syntax(doc: YamlDoc, line: int, message: str) -> Diagnostic:
    return Diagnostic(doc.rel, line, "yaml", "error", message)


def _construct(node: yaml.Node, loc: Loc, doc: YamlDoc, loader: Any) -> Any:
    doc.lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, (str, int, float, bool)) or key is None:
                doc.problems.append(
                    _syntax(doc, line, f"a key must be a plain value, got {key_node.tag}")
                )
                continue
            if isinstance(key, bool) and isinstance(key_node, yaml.ScalarNode):
                key = key_node.value  # NO (Norway), ON (Ontario): codes, not booleans
            key = str(key) if not isinstance(key, str) else key
            child = (*loc, key)
            if key in out:
                first = doc.lines[child]
                doc.problems.append(
                    _syntax(doc, line, f"duplicate key '{key}' (first given on line {first})")
                )
                continue
            doc.lines[child] = line
            out[key] = _construct(value_node, child, doc, loader)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, (*loc, i), doc, loader) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def parse_yaml(text: str, rel: str) -> YamlDoc:
    """Parse YAML text; syntax errors become diagnostics instead of exceptions."""
    doc = YamlDoc(rel=rel, data=None)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            doc.data = _construct(node, (), doc, loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or "invalid YAML"
        if exc.context:
            opened = exc.context_mark
            if opened and mark and opened.line != mark.line and "end of stream" not in what:
                what = f"{what} ({exc.context} that starts on line {opened.line + 1})"
            else:
                what = f"{what} ({exc.context})"
        if exc.context_mark and "end of stream" in what:
            # An unclosed quote or bracket: where it opened is where the fix goes.
            mark = exc.context_mark
            what += " that starts here and is never closed"
        line = mark.line + 1 if mark else None
        doc.problems.append(Diagnostic(rel, line, "yaml", "error", f"YAML syntax error: {what}"))
    except yaml.YAMLError as exc:
        doc.problems.append(Diagnostic(rel, None, "yaml", "error", f"YAML error: {exc}"))
    finally:
        loader.dispose()
    return doc


def load_yaml(path: Path, root: Path) -> YamlDoc:
    rel = path.relative_to(root).as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return YamlDoc(
            rel,
            None,
            problems=[Diagnostic(rel, None, "yaml", "error", f"not UTF-8 text: {exc.reason}")],
        )
    return parse_yaml(text, rel)
