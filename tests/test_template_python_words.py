"""Python's own errors from a template line are told in the template author's words, at the
template's file and line, never with the exception's class name: it was
`TypeError: can only concatenate str (not "int") to str` and
`ZeroDivisionError: division by zero`.

All cases share one build of a copy of the example project, each its own campaign (a copy of
renewal) and template; renewal itself must still build."""

from __future__ import annotations

import pytest
from template_cases import build_cases

_JOIN = 'join them as text with ~ ("Save " ~ 20), or make both numbers with |int or |float'
_COMPARE = "make both numbers with |int or |float, or both texts with |string"

# case id -> (the template's second line, the exact message at that line)
CASES: dict[str, tuple[str, str]] = {
    "text-plus-number": ("{{ 'Save ' + 20 }}", f"cannot add a number to a text: {_JOIN}"),
    "number-plus-text": ("{{ 20 + 'x' }}", f"cannot add a text to a number: {_JOIN}"),
    "data-plus-number": ("{{ data.plan + 1 }}", f"cannot add a number to a text: {_JOIN}"),
    "sum-of-texts": ("{{ ['a', 'b'] | sum }}", f"cannot add a text to a number: {_JOIN}"),
    "list-plus-text": ("{{ [1] + 'x' }}", "cannot add a text to a list"),
    "minus-text": ("{{ 3 - 'x' }}", "cannot use - between a number and a text"),
    "division": ("{{ 1 / 0 }}", "division by zero"),
    "floor-division": ("{{ 7 // 0 }}", "division by zero"),
    "modulo": ("{{ 7 % 0 }}", "division by zero"),
    "slice-zero": ("{{ [1] | slice(0) | list }}", "division by zero"),
    "compare": (
        "{% if 'a' < 1 %}x{% endif %}",
        f"cannot compare a text with a number (<, or in a sort): {_COMPARE}",
    ),
    "sort-mixed": (
        "{{ [1, 'a'] | sort | join }}",
        f"cannot compare a text with a number (<, or in a sort): {_COMPARE}",
    ),
    "repeat-by-text": (
        "{{ 'a' * 'b' }}",
        "a text or list can be repeated (*) only by a whole number, not by a text",
    ),
    "negate-text": ("{{ -'a' }}", "cannot put - before a text"),
    "call-text": ("{{ data.plan() }}", "a text is not a function: remove the ( ) after it"),
    "range-text": ("{{ range('a') | list }}", "expected a whole number, got a text"),
    "loop-number": (
        "{% for x in 3 %}{% endfor %}",
        "a number cannot be looped over or unpacked: expected a list",
    ),
    "percent-format": ("{{ '%d' % 'x' }}", "%d in a format needs a number, not a text"),
    "percent-few": (
        "{{ '%s %s' % 'x' }}",
        "the format has more % places than the values given after %",
    ),
    "format-key": ("{{ '{x}'.format() }}", "key 'x' is not there"),
    "format-index": (
        "{{ '{0} {1}'.format('a') }}",
        "this expression failed: an index past the end of a list",
    ),
    "format-value": (
        "{{ '{:d}'.format('x') }}",
        "this expression failed: unknown format code 'd' for a text",
    ),
    "round-text": ("{{ 'x' | round }}", "cannot round a text"),
    "float-overflow": ("{{ 10.0 ** 400 }}", "a number too large to compute"),
    "char-overflow": (
        "{{ '%c' % 99999999 }}",
        "a number out of range: %c arg not in range(0x110000)",
    ),
}
CLASSES = (
    "TypeError",
    "ValueError",
    "ZeroDivisionError",
    "KeyError",
    "IndexError",
    "AttributeError",
    "OverflowError",
    "RuntimeError",
    "Error:",
    "'str'",
    "'int'",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, list[str]]:
    bodies = {cid: f"<mj-text>{body}</mj-text>" for cid, (body, _) in CASES.items()}
    return build_cases(tmp_path_factory.mktemp("pywords"), bodies)


@pytest.mark.parametrize("cid", CASES)
def test_each_failure_is_told_at_its_line(cid: str, built: tuple[int, list[str]]) -> None:
    expected = (
        f"templates/t_{cid}.mjml.j2:2: {CASES[cid][1]} [error: template] (1 job: t_{cid}/fr_FR/a)"
    )
    assert expected in built[1]


def test_no_class_name_reaches_the_user_and_the_rest_builds(
    built: tuple[int, list[str]],
) -> None:
    code, lines = built
    assert code == 1
    shown = "\n".join(lines)
    for word in CLASSES:
        assert word not in shown
    assert lines[-1].startswith(f"mailglot: 1 built, 0 unchanged, {len(CASES)} failed, ")
