"""A document cut into its skeleton and its runs: the texts and values MRML passes through
(`skeletons` compiles the skeleton once for every document that has it).

A run is the text between two tags, without the white space at its ends (MRML trims some
texts: the ends stay in the skeleton), where MRML copies text: the `<mj-title>` and
`<mj-preview>` of the head, and in the body the content of the components whose content is
HTML (`mj-text`, `mj-button`, `mj-table`, `mj-raw`, a navbar link, a social element, an
accordion's title and text), outside the HTML elements whose text is not plain text
(`<style>`, `<script>`, `<pre>`, `<svg>`...). Or it is the value of an attribute MRML copies,
in double or single quotes: `href`, `src`, `alt`, `title` and `lang` in the body, and the
`lang` of `<mjml>`. A run whose fate is not certain (`run_forms`) stays in the skeleton,
as everything else: the CSS of the head, `mj-attributes`, every other attribute.

Read as MRML reads tags: a `<` that does not open a tag (a comment, a doctype, a stray `<`)
stops the cut, and the document compiles whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from mailglot.render.mjml_start_tags import HTML_ENDING_TAGS
from mailglot.render.run_forms import text_run_ok, value_run_ok

_TAG = re.compile(r"""(<)(/?)([A-Za-z][A-Za-z0-9:._-]*+)((?:[^>"']++|"[^"]*+"|'[^']*+')*+)(>)""")
_VALUE = re.compile(r"""(\s)([^\s"'=<>/]++)(\s*+=\s*+)(?:"([^"]*+)"|'([^']*+)')""")
HEAD_TEXTS = frozenset(["mj-title", "mj-preview"])
BODY_TEXTS = HTML_ENDING_TAGS  # the body components whose content is HTML
VALUES = frozenset(["href", "src", "alt", "title", "lang"])
_QUOTE_IN_SINGLE = re.compile(r"""=\s*+'[^'"]*+\"""")
_VALUED = re.compile(r"\s(?:href|src|alt|title|lang)\s*+=", re.I)
# HTML elements whose content is not read as plain text, or moved or dropped by an HTML
# parser by what it holds: nothing in them is a run
_APART = frozenset(
    [
        "style",
        "script",
        "xmp",
        "iframe",
        "noembed",
        "noframes",
        "noscript",
        "plaintext",
        "textarea",
        "title",
        "template",
        "pre",
        "listing",
        "svg",
        "math",
        "select",
        "option",
        "optgroup",
        "colgroup",
        "frameset",
        "object",
        "head",
    ]
)

# elements whose values load or point to something (a style sheet a CSS inliner may read, the
# base of every link): none of them is a run
_NO_VALUES = frozenset(["link", "base", "meta", "embed", "frame", "object", "param", "applet"])


@dataclass(frozen=True)
class Cut:
    skeleton: str  # the document with each run's placeholder where the run was
    runs: tuple[str, ...]  # the runs, in the order of their placeholders' numbers
    values: tuple[bool, ...]  # whether each run is an attribute's value (else text)
    quotes: bool  # a `"` in the skeleton's text or in a value of it in single quotes


def cut(source: str, placeholder: Callable[[int], str]) -> Cut | None:
    """`source` cut into its skeleton and runs, `placeholder(i)` standing for run i; None
    when a `<` opens no tag."""
    parts = _TAG.split(source)  # text, then per tag "<", "/" or "", name, attributes, ">", text
    runs: list[str] = []
    values: list[bool] = []
    components: list[str] = []  # the mj- elements open, innermost last
    apart = 0  # _APART elements open
    where = ""  # "head", "body" or "" (outside both)
    last = len(parts) - 1
    quotes = False
    for i in range(0, len(parts), 6):
        text = parts[i]
        if text and not text.isspace():
            if "<" in text:
                return None
            parent = components[-1] if components else ""
            if (where == "body" and not apart and parent in BODY_TEXTS) or (
                where == "head" and parent in HEAD_TEXTS
            ):
                parts[i] = text = _run(text, runs, values, False, placeholder)
            quotes = quotes or '"' in text
        if i == last:
            break
        name = parts[i + 3].lower()
        if parts[i + 2]:  # an end tag
            if name in components:
                del components[len(components) - 1 - components[::-1].index(name) :]
            elif name in _APART:
                apart = max(0, apart - 1)
            if name == "mj-head" or name == "mj-body":
                where = ""
            continue
        if name == "mj-head" or name == "mj-body":
            where = name[3:]
        attributes = parts[i + 4]
        if "'" in attributes and '"' in attributes and not quotes:
            quotes = _QUOTE_IN_SINGLE.search(attributes) is not None
        alone = attributes[-1:] == "/" or attributes.rstrip()[-1:] == "/"
        if name[:3] == "mj-":
            if not alone:
                components.append(name)
        elif name in _APART and not alone:
            apart += 1
        valued = (where == "body" and not apart and name not in _NO_VALUES) or name == "mjml"
        if valued and _VALUED.search(attributes):
            each = partial(_value, runs, values, placeholder, name == "mjml")
            parts[i + 4] = _VALUE.sub(each, attributes)
    return Cut("".join(parts), tuple(runs), tuple(values), quotes)


def recut(
    source: str, literals: tuple[str, ...], values: tuple[bool, ...]
) -> tuple[str, ...] | None:
    """The runs of `source` when `cut` would give it the skeleton whose pieces between
    placeholders are `literals`, else None; a search for each piece, not a reading of every
    tag. Each piece is found where it follows its run, since a text run holds no `<` (the
    piece after it begins with one, after white space) and a value no quote (the piece
    begins with the value's closing quote); a run taken must be one `cut` would take there:
    no white space at its ends, not empty, of the form its place asks. The tags are then
    those of the skeleton, so `cut` reads the document as it read the skeleton's."""
    head = literals[0]
    if not source.startswith(head):
        return None
    pos, last, runs = len(head), len(literals) - 1, []
    for i in range(last):
        piece = literals[i + 1]
        if i + 1 == last:
            end = len(source) - len(piece)
            if end < pos or not source.endswith(piece):
                return None
        else:
            end = source.find(piece, pos)
            if end == -1:
                return None
        run = source[pos:end]
        if not run or run.strip() != run or not (value_run_ok if values[i] else text_run_ok)(run):
            return None
        runs.append(run)
        pos = end + len(piece)
    return tuple(runs)


def _run(
    text: str,
    runs: list[str],
    values: list[bool],
    value: bool,
    placeholder: Callable[[int], str],
) -> str:
    core = text.strip()
    if not core or not (value_run_ok if value else text_run_ok)(core):
        return text
    start = text.index(core)
    runs.append(core)
    values.append(value)
    return f"{text[:start]}{placeholder(len(runs) - 1)}{text[start + len(core) :]}"


def _value(
    runs: list[str],
    values: list[bool],
    placeholder: Callable[[int], str],
    only_lang: bool,
    m: re.Match[str],
) -> str:
    name = m.group(2).lower()
    if name not in VALUES or (only_lang and name != "lang"):
        return m.group(0)
    quote = '"' if m.group(4) is not None else "'"
    value = m.group(4) if m.group(4) is not None else m.group(5)
    head = f"{m.group(1)}{m.group(2)}{m.group(3)}{quote}"
    return f"{head}{_run(value, runs, values, True, placeholder)}{quote}"
