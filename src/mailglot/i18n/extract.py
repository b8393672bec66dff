"""Extraction: every translatable string of a project into `locales/messages.pot`.

Templates go through Jinja's own Babel extractor; campaign and event YAML through
`extract_yaml`, registered as the Babel extractor `mailglot_yaml`, so a plain
`pybabel extract -F babel.cfg -c Translators: -o messages.pot .` finds the same messages
as `mailglot extract`. Like Sphinx, the template is rewritten only when something other
than its creation date changed, so it does not churn in version control.

A source that cannot be read (a template with a syntax error, a file that is not UTF-8 or
not readable, a folder that cannot be listed) is reported at its file and line and the
template is not written at all: a .pot without that file's messages would make `mailglot
update` turn every translation of them into an obsolete entry. Jinja's own extractor skips
such a template without a word (its `silent` option), so it is asked to raise instead.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, check_and_call_extract_file
from babel.messages.pofile import write_po
from jinja2 import TemplateSyntaxError
from jinja2.ext import babel_extract

from mailglot.containment import link_out, outside_project
from mailglot.errors import ContentError, Diagnostic
from mailglot.folders import blocking_folder, folder_diagnostic
from mailglot.output import atomic_write
from mailglot.project.yamlfile import Loc, read_yaml_stream, string_leaves
from mailglot.render.template import syntax_message

TEMPLATE_FILE = "locales/messages.pot"
COMMENT_TAGS = ("Translators:",)
# The same mapping babel.cfg declares, so both ways of extracting agree.
METHOD_MAP = [
    ("templates/**.j2", "jinja2"),
    ("campaigns/*.yaml", "mailglot_yaml"),
    ("calendars/events.yaml", "mailglot_yaml"),
]
# newstyle_gettext: as the build renders (i18n/newstyle.py), so a `{% trans %}` block without
# variables keeps its `%%` in the msgid it looks up ("Up to 100%% of your plan"); old-style
# extraction wrote "100%", an entry the build never asks for.
OPTIONS_MAP = {"templates/**.j2": {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"}}
# The only top-level folders a pattern above can match: Babel otherwise walks the whole
# project, a build/ folder of 10,000 emails included (~70,000 files, ~5 CPU-s).
READ_FOLDERS = frozenset(pattern.split("/", 1)[0] for pattern, _ in METHOD_MAP)
SUBJECT_COMMENT = "Subject line"
# What the translator needs to know of the `subject.length` budget (README, Translator guide).
SUBJECT_HINT = "phones show ~45 Latin or ~22 CJK characters."
_CREATION = re.compile(rb'^"POT-Creation-Date: [^"]*"\n', re.M)

Found = tuple[int, None, str, list[str]]
Extractor = Callable[..., Iterator[Any]]


def _campaign(data: dict[str, Any]) -> Iterator[tuple[Loc, str, str]]:
    subject = data.get("subject")
    if isinstance(subject, str):
        yield ("subject",), subject, f"{SUBJECT_COMMENT}: {SUBJECT_HINT}"
    elif isinstance(subject, dict):
        for variant, text in subject.items():
            if isinstance(text, str):
                yield (
                    ("subject", variant),
                    text,
                    f"{SUBJECT_COMMENT} (A/B variant {variant}): {SUBJECT_HINT}",
                )
    if isinstance(data.get("preheader"), str) and data["preheader"]:
        yield (
            ("preheader",),
            data["preheader"],
            "Preheader: the preview text shown after the subject.",
        )
    strings = (
        (data.get("data") or {}).get("strings") if isinstance(data.get("data"), dict) else None
    )
    for loc, text in string_leaves(strings, ("data", "strings")):
        if text:
            yield loc, text, ".".join(str(p) for p in loc)


def _events(data: dict[str, Any]) -> Iterator[tuple[Loc, str, str]]:
    for event_id, body in data.items():
        if isinstance(body, dict) and isinstance(body.get("name"), str):
            yield (event_id, "name"), body["name"], f"Name of the commercial event '{event_id}'."


def extract_yaml(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[Found]:
    """Babel extractor for campaign and event files (the entry point `mailglot_yaml`). Read
    by the build's own reader (size limit, safe loader, bounded aliases); a file it refuses
    gives no messages here, and `mailglot extract` reports why (the build's own error)."""
    doc = read_yaml_stream(fileobj, str(getattr(fileobj, "name", "<yaml>")))
    if doc.problems or not isinstance(doc.data, dict):
        return
    data = doc.data
    is_campaign = "subject" in data or "template" in data
    found = _campaign(data) if is_campaign else _events(data)
    for loc, text, comment in found:
        yield doc.line_of(loc) or 1, None, text, [comment]


def _guarded(root: Path, method: Extractor, refused: list[Diagnostic]) -> Extractor:
    """An extractor that reads nothing from a file that is a link out of the project (Babel
    opens the file; reading it is left to the extractor), and that reports a template it
    cannot parse or decode in `refused` instead of skipping it."""

    def run(fileobj: IO[bytes], *args: Any, **kwargs: Any) -> Iterator[Any]:
        name = str(getattr(fileobj, "name", ""))
        rel = Path(name).relative_to(root).as_posix()
        target = link_out(root, name)
        if target is not None:
            refused.append(Diagnostic(rel, None, "extract", "error", outside_project(target)))
            return
        if method is babel_extract:
            kwargs["options"] = {**kwargs.get("options", {}), "silent": "false"}
        try:
            yield from method(fileobj, *args, **kwargs)
        except TemplateSyntaxError as exc:  # parsed before any message is yielded
            refused.append(
                Diagnostic(rel, exc.lineno, "template", "error", syntax_message(str(exc.message)))
            )
        except UnicodeDecodeError as exc:
            refused.append(_not_utf8(rel, exc))

    return run


def _not_utf8(rel: str, exc: UnicodeDecodeError) -> Diagnostic:
    data = exc.object if isinstance(exc.object, bytes) else b""
    line = data[: exc.start].count(b"\n") + 1
    column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    message = (
        f"byte 0x{data[exc.start]:02x} (column {column}) is not UTF-8 text; save the file as UTF-8"
    )
    return Diagnostic(rel, line, "template", "error", message)


def extract_catalog(
    root: Path, project: str = "", refused: list[Diagnostic] | None = None
) -> Catalog:
    """Every message of the project. Files it could not take messages from (links out of
    the project, left unread; templates that do not parse; files or folders that cannot be
    read) are listed in `refused`: the catalog then lacks their messages and must not be
    written."""
    catalog = Catalog(project=project or None, charset="utf-8", fuzzy=False)
    refused = [] if refused is None else refused
    methods = {"jinja2": babel_extract, "mailglot_yaml": extract_yaml}
    method_map = [(pattern, _guarded(root, methods[m], refused)) for pattern, m in METHOD_MAP]
    for path in _sources(root, refused):
        try:
            found = list(
                check_and_call_extract_file(
                    path,
                    method_map,  # type: ignore[arg-type]
                    OPTIONS_MAP,
                    None,
                    DEFAULT_KEYWORDS,
                    COMMENT_TAGS,
                    True,
                    dirpath=str(root),
                )
            )
        except OSError as exc:  # Babel opens the file itself
            rel = Path(os.path.relpath(path, root)).as_posix()
            refused.append(Diagnostic(rel, None, "extract", "error", _cannot_read(exc)))
            continue
        for filename, lineno, message, comments, context in found:
            rel = Path(filename).as_posix()
            catalog.add(message, None, [(rel, lineno)], auto_comments=comments, context=context)
    drop_false_python_format(catalog)
    return catalog


def _cannot_read(exc: OSError) -> str:
    return f"cannot read: {exc.strerror or exc}"


def _sources(root: Path, refused: list[Diagnostic]) -> Iterator[str]:
    """Every file extraction looks at, in Babel's order (`extract_from_dir`'s walk); a folder
    that cannot be listed is refused, where Babel's walk passed over it without a word."""

    def unlisted(exc: OSError) -> None:
        rel = Path(os.path.relpath(exc.filename, root)).as_posix()
        refused.append(Diagnostic(f"{rel}/", None, "extract", "error", _cannot_read(exc)))

    for top, dirs, files in os.walk(root, onerror=unlisted):
        dirs[:] = sorted(d for d in dirs if _walked(root, os.path.join(top, d)))
        for name in sorted(files):
            yield os.path.join(top, name).replace(os.sep, "/")


def _walked(root: Path, path: str) -> bool:
    """Whether extraction looks into a folder: one under a folder `METHOD_MAP` reads, and
    not hidden (Babel's own rule: no leading `.` or `_`)."""
    name = os.path.basename(path)
    if name.startswith((".", "_")):
        return False
    top = Path(os.path.relpath(path, root)).parts[0]
    return top in READ_FOLDERS


def drop_false_python_format(catalog: Catalog) -> None:
    """Babel flags any msgid that looks %-formatted, and does so again each time it reads a
    catalog; `{percent}% off` in YAML is not, so the flag would only make Poedit and
    `msgfmt -c` complain about a correct translation."""
    for message in catalog:
        if message.id and all(not path.startswith("templates/") for path, _ in message.locations):
            message.flags.discard("python-format")


def render_template(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, catalog, width=100)
    return buf.getvalue()


def write_template(root: Path, catalog: Catalog) -> bool:
    """Write the .pot unless only its creation date would change; True when written. One
    that cannot be read is left as it is: comparing with it is how an unchanged .pot keeps
    its date, and replacing a file its owner cannot read would hide that it was."""
    path = root / TEMPLATE_FILE
    new = render_template(catalog)
    try:
        old = path.read_bytes()
    except FileNotFoundError:
        old = b""
    except OSError as exc:
        rel, why = blocking_folder(root, path) or (TEMPLATE_FILE, _cannot_read(exc))
        raise ContentError([folder_diagnostic(rel, f"{why}; no .pot written")]) from None
    if _CREATION.sub(b"", old) == _CREATION.sub(b"", new):
        return False
    atomic_write(path, new, root)
    return True
