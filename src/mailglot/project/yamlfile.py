"""YAML loading that remembers where every value came from.

PyYAML's composed node tree carries start marks; we keep them in a map from the value's
path (("subject", "a"), ("markets", 2), ...) to its line, so schema errors found later
by pydantic can still point at `file:line`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import IO, Any

import yaml

from mailglot.containment import link_out, outside_project
from mailglot.errors import Diagnostic
from mailglot.project.yaml_scalars import Refused, read_scalar

try:  # libyaml is several times faster; fall back quietly where it is not built in
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Loc = tuple[str | int, ...]


def leaves(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    """Every value in a parsed YAML value that is neither a mapping nor a list, with its
    location (what a line is looked up by)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from leaves(item, (*loc, i))
    else:
        yield loc, value


def shown(value: Any) -> str:
    """A parsed value quoted in a message as it was typed: a date or a time in its ISO form
    ('got 2026-12-01'), not as Python writes it ('got datetime.date(2026, 12, 1)')."""
    if isinstance(value, date | time):
        return value.isoformat()
    return repr(value)


def string_leaves(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every string in a parsed YAML value with its location, for the checks and extraction
    that read campaign text wherever it sits in nested mappings and lists."""
    return ((at, leaf) for at, leaf in leaves(value, loc) if isinstance(leaf, str))


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


# Plain data only: a tag that builds anything else (`!!python/object`, `!!binary`, `!!set`,
# an application's `!Ref`) is refused by name instead of failing deep inside the loader.
PLAIN_TAGS = {
    f"tag:yaml.org,2002:{t}"
    for t in ("null", "bool", "int", "float", "str", "timestamp", "seq", "map", "merge")
}
MERGE_TAG = "tag:yaml.org,2002:merge"
# Values an alias may add beyond the file's own: anchors are for reuse, not for expansion
# (a "billion laughs" file of a few hundred bytes would otherwise build billions of values).
ALIAS_BUDGET = 10_000
# How deep mappings and lists may sit inside each other: far more than any hand-written file
# needs, far less than what Python's recursion allows here and in every stage that walks the
# values (past about 480 levels the reader failed as a whole, at line 1).
MAX_DEPTH = 100
# Campaign, settings and calendar files are hand-written and small; PyYAML needs about 2 s of
# CPU and 75 MB of memory per MB of file, so a file past this size is refused before it is
# read (a 50 MB campaign took 3.7 GB and two minutes of CPU).
MAX_BYTES = 2 * 1024 * 1024


class _Builder:
    """Turns PyYAML's node tree into plain values, noting each key's line on the way.

    Nodes an alias shares are built again wherever they are used (so that each use has its
    own lines), but only within a budget, and a node that contains itself is refused."""

    def __init__(self, doc: YamlDoc, loader: Any) -> None:
        self.doc, self.loader = doc, loader
        self.built: set[int] = set()
        self.active: set[int] = set()
        self.reused = 0

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.doc.lines.setdefault(loc, node.start_mark.line + 1)
        if len(loc) > MAX_DEPTH:
            raise Refused(
                node,
                f"values nested more than {MAX_DEPTH} levels deep (mappings and lists inside "
                "each other); flatten them",
            )
        if id(node) in self.active:
            raise Refused(node, "an alias refers to the value that contains it (endless nesting)")
        if id(node) in self.built:
            self.reused += 1
            if self.reused > ALIAS_BUDGET:
                raise Refused(
                    node,
                    f"aliases (*name) expand to more than {ALIAS_BUDGET:,} values; write the "
                    "values out or reuse fewer",
                    self.doc.line_of(loc[:1]),  # the top-level key that uses them
                )
        self.built.add(id(node))
        if node.tag not in PLAIN_TAGS:
            raise Refused(
                node,
                f"unsupported tag {node.tag.replace('tag:yaml.org,2002:', '!!')}"
                "; mailglot files hold plain text, numbers, dates, lists and mappings",
            )
        if isinstance(node, yaml.ScalarNode):
            return read_scalar(self.loader, node)
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
            return self.mapping(node, loc)
        finally:
            self.active.discard(id(node))

    def key(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return None
        if node.tag not in PLAIN_TAGS:
            raise Refused(node, f"unsupported tag {node.tag} on a key")
        key = read_scalar(self.loader, node)
        if isinstance(key, bool):
            return node.value  # NO (Norway), ON (Ontario): codes, not booleans
        if isinstance(key, (str, int, float)):
            return key if isinstance(key, str) else str(key)
        return None

    def mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        merged: set[str] = set()
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:  # `<<: *base`, as PyYAML would, within the budget
                sources = (
                    value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                )
                for source in sources:
                    value = self.build(source, loc)
                    if not isinstance(value, dict):
                        raise Refused(source, "'<<' merges a mapping (or a list of mappings)")
                    fresh = {k: v for k, v in value.items() if k not in out}
                    out.update(fresh)
                    merged.update(fresh)
                continue
            key = self.key(key_node)
            line = key_node.start_mark.line + 1
            if key is None:
                self.doc.problems.append(
                    _syntax(self.doc, line, f"a key must be a plain value, got {key_node.tag}")
                )
                continue
            child = (*loc, key)
            if key in out and key not in merged:
                first = self.doc.lines[child]
                self.doc.problems.append(
                    _syntax(self.doc, line, f"duplicate key '{key}' (first given on line {first})")
                )
                continue
            merged.discard(key)
            self.doc.lines[child] = line
            out[key] = self.build(value_node, child)
        return out


def parse_yaml(text: str, rel: str) -> YamlDoc:
    """Parse YAML text; syntax errors become diagnostics instead of exceptions."""
    doc = YamlDoc(rel=rel, data=None)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            doc.data = _Builder(doc, loader).build(node, ())
    except Refused as exc:
        mark = exc.node.start_mark
        doc.data = None
        where = f"{exc}" if exc.line else f"{exc} (column {mark.column + 1})"
        doc.problems.append(_syntax(doc, exc.line or mark.line + 1, where))
    except RecursionError:
        doc.data = None
        doc.problems.append(_syntax(doc, 1, "values nested too deeply to read"))
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
    except yaml.reader.ReaderError as exc:
        doc.problems.append(_unreadable_character(doc, text, exc))
    except yaml.YAMLError as exc:
        doc.problems.append(Diagnostic(rel, None, "yaml", "error", f"YAML error: {exc}"))
    finally:
        loader.dispose()
    return doc


def _unreadable_character(doc: YamlDoc, text: str, exc: yaml.reader.ReaderError) -> Diagnostic:
    """A character YAML does not allow (NUL, a control character), at its line and column;
    libyaml counts its position in UTF-8 bytes, PyYAML's reader in characters."""
    before = (
        text.encode("utf-8")[: exc.position].decode("utf-8", "replace")
        if _Loader.__name__.startswith("C")
        else text[: exc.position]
    )
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
    return _syntax(
        doc,
        line,
        f"character U+{code:04X} (column {column}) is not allowed in YAML ({exc.reason}); "
        "remove it, or write it as an escape in a double-quoted string",
    )


def load_yaml(path: Path, root: Path) -> YamlDoc:
    rel = path.relative_to(root).as_posix()
    target = link_out(root, path)
    if target is not None:
        return YamlDoc(rel, None, problems=[_problem(rel, None, outside_project(target))])
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            message = "a folder, not a file; mailglot reads a YAML file here"
            return YamlDoc(rel, None, problems=[_problem(rel, None, message)])
        if stat.S_ISFIFO(info.st_mode) or stat.S_ISSOCK(info.st_mode) or stat.S_ISCHR(info.st_mode):
            # reading a FIFO waits for a writer: the build hung, for ever
            message = "not a plain file (a pipe, socket or device); mailglot reads files"
            return YamlDoc(rel, None, problems=[_problem(rel, None, message)])
        if info.st_size > MAX_BYTES:
            return YamlDoc(rel, None, problems=[_problem(rel, None, _too_large(info.st_size))])
        data = path.read_bytes()
    except OSError as exc:
        return YamlDoc(rel, None, problems=[_problem(rel, None, f"cannot read: {exc.strerror}")])
    return yaml_from_bytes(data, rel)


def read_yaml_stream(fileobj: IO[bytes], rel: str) -> YamlDoc:
    """`load_yaml` for an open file (Babel's extractors get one): the same size limit, checked
    before reading, and the same reader, so `mailglot extract` cannot be made to explode
    either."""
    try:
        size = os.fstat(fileobj.fileno()).st_size
    except (AttributeError, OSError, ValueError):  # not a real file: read one byte too many
        size = 0
    data = fileobj.read(MAX_BYTES + 1) if size <= MAX_BYTES else b""
    if size > MAX_BYTES or len(data) > MAX_BYTES:
        return YamlDoc(rel, None, problems=[_problem(rel, None, _too_large(max(size, len(data))))])
    return yaml_from_bytes(data, rel)


def yaml_from_bytes(data: bytes, rel: str) -> YamlDoc:
    """UTF-8 bytes (a byte order mark allowed) to a located document; bad bytes are an error
    at their line and column."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return YamlDoc(
            rel,
            None,
            problems=[
                _problem(
                    rel,
                    line,
                    f"byte 0x{data[exc.start]:02x} (column {column}) is not UTF-8 text; save "
                    "the file as UTF-8",
                )
            ],
        )
    return parse_yaml(text.removeprefix("\ufeff"), rel)


def _too_large(size: int) -> str:
    return (
        f"{size / 1024 / 1024:.1f} MB is more than the {MAX_BYTES // 1024 // 1024} MB a mailglot "
        "YAML file may hold; keep large data out of it"
    )


def _problem(rel: str, line: int | None, message: str) -> Diagnostic:
    return Diagnostic(rel, line, "yaml", "error", message)
