"""How mailglot reads a plain value of its YAML files where YAML 1.1 surprises the person who
typed it: 9:30 and 007 stay text, a number too long to be a value or a UTC offset no clock has
is refused at its line, in the user's words rather than Python's."""

from __future__ import annotations

import re
from typing import Any

import yaml


class Refused(Exception):
    """A value the file may not hold; carries the node where the fix goes."""

    def __init__(self, node: yaml.Node, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.node = node
        self.line = line  # where the fix goes, when that is not the node itself


_LEADING_ZERO = re.compile(r"[-+]?0[0-9_]+")
_INT, _TIMESTAMP = "tag:yaml.org,2002:int", "tag:yaml.org,2002:timestamp"
_NUMBERS = {_INT, "tag:yaml.org,2002:float"}
# The longest whole number read (Python refuses to read one of more than 4,300 digits and
# names its own setting); no value in a mailglot file needs more than a few dozen.
MAX_DIGITS = 1000


def read_scalar(loader: Any, node: yaml.ScalarNode) -> Any:
    """The value of a scalar node, built by `loader`'s constructors; Refused when it may not
    be read."""
    if node.tag in _NUMBERS and ":" in node.value:
        return node.value  # 9:30 is text, as in YAML 1.2, not YAML 1.1's base 60 (570)
    if node.tag == _INT and _LEADING_ZERO.fullmatch(node.value):
        # 007 or a ZIP code 02134 is text whose zeros count: YAML 1.1 read it as octal
        # (02134 became 1116, while 08 stayed text), YAML 1.2 drops the zeros
        return node.value
    if node.tag == _INT:
        _check_digits(node)
    elif node.tag == _TIMESTAMP:
        _check_offset(node, loader)
    try:
        construct = loader.yaml_constructors.get(node.tag)
        if construct is None:  # `a: <<` (a merge key used as a value)
            raise ValueError(f"{node.tag} is not a value")
        return construct(loader, node)  # no memo, unlike construct_object: faster
    except (ValueError, OverflowError) as exc:
        if node.tag.endswith(":timestamp"):
            raise Refused(
                node,
                f"{node.value} is not a date that exists ({exc}); write YYYY-MM-DD, or "
                "quote it to keep it as text",
            ) from None
        raise Refused(node, f"{node.value[:40]!r} cannot be read: {exc}") from None


def _check_digits(node: yaml.ScalarNode) -> None:
    """A whole number too long to be a value (0x, 0o and 0b numbers counted in their digits)."""
    digits = node.value.lstrip("+-").replace("_", "")
    if digits[:2].lower() in ("0x", "0o", "0b"):
        digits = digits[2:]
    if len(digits) > MAX_DIGITS:
        raise Refused(
            node,
            f"a number of {len(digits):,} digits: mailglot reads numbers of up to "
            f"{MAX_DIGITS:,} digits; write it in quotes to keep it as text",
        )


def _check_offset(node: yaml.ScalarNode, loader: Any) -> None:
    """A time's UTC offset as a clock has it: +99:00 failed in Python's words (a timedelta's
    repr), and +01:99 was read as +02:39."""
    found = loader.timestamp_regexp.match(node.value)
    if found is None or not found.group("tz_hour"):
        return
    hours, minutes = int(found.group("tz_hour")), int(found.group("tz_minute") or 0)
    if hours > 23 or minutes > 59:
        offset = node.value[found.start("tz_sign") :]
        raise Refused(
            node,
            f"{node.value}: {offset} is not a UTC offset (they go from -23:59 to +23:59, like "
            "+01:00 or -05:30); correct it, or quote the value to keep it as text",
        )
