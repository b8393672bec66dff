"""`mj-class="muted big"`: Node lets the later class win where both set an attribute, MRML
the first; listing the classes in reverse gives MRML Node's result (a fix of `mjml_fixes`).
"""

from __future__ import annotations

import re

# a look at the whole document before the rewrite (it also matches a single class followed
# by another attribute, where the rewrite changes nothing but the quotes)
SEVERAL_CLASSES = re.compile(r"""mj-class\s*=\s*(?:"[^"]*\S\s+\S|'[^']*\S\s+\S)""")
_MJ_CLASS_VALUE = re.compile(r"""(\smj-class\s*=\s*)(?:"([^"]*)"|'([^']*)')""")


def last_mj_class_wins(value: str) -> str:
    return " ".join(reversed(value.split()))


def _reverse_classes(m: re.Match[str]) -> str:
    value = m.group(2) if m.group(2) is not None else m.group(3)
    return f'{m.group(1)}"{last_mj_class_wins(value)}"'


def reverse_mj_classes(mjml: str) -> str:
    """`_MJ_CLASS_VALUE.sub(_reverse_classes, mjml)`, tried only where "mj-class" is: the
    pattern starts with a space, so `sub` tried it after every space of the text. A match
    starts just before an "mj-class" and the next one no earlier than where it ends, so
    trying the places `str.find` gives, in order, finds the same matches."""
    out: list[str] = []
    done = 0
    at = mjml.find("mj-class", 1)
    while at != -1:
        m = _MJ_CLASS_VALUE.match(mjml, at - 1)
        if m is None:
            at = mjml.find("mj-class", at + 1)
            continue
        out.append(mjml[done : m.start()])
        out.append(_reverse_classes(m))
        done = m.end()
        at = mjml.find("mj-class", done + 1)
    if not out:
        return mjml
    out.append(mjml[done:])
    return "".join(out)
