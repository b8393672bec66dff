"""jsonfile.dump_json: the same bytes as `json.dumps(indent=2, ensure_ascii=False)` and a
newline, for every value, whichever of its two paths writes them."""

from __future__ import annotations

import enum
import json
from collections import OrderedDict
from typing import Any

import pytest

from mailglot.jsonfile import dump_json


class Level(enum.IntEnum):
    HIGH = 3


class Tag(str):
    pass


class Ratio(float):
    def __repr__(self) -> str:
        return "not what json writes"


def reference(value: Any) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode()


VALUES: list[Any] = [
    {},
    [],
    "",
    0,
    None,
    {"a": {}, "b": [], "c": [[]], "d": [{}], "e": {"f": {"g": []}}},
    {"quote": 'say "hi"', "slash": "a\\b", "close": "</script>", "tab": "a\tb\nc\r\x00\x1f"},
    {"fr": "9,99 €", "ar": "الجمعة البيضاء", "emoji": "🎬", "sep": "\u2028\u2029", "bom": "\ufeff"},
    {"floats": [0.0, -0.0, 0.1, 1e300, 1e-300, 12.5, float("nan"), float("inf"), float("-inf")]},
    {"ints": [1, -1, 2**70, -(2**70)], "bools": [True, False, None], "mixed": [1, "1", 1.0]},
    {"tuple": (1, ("a", ()), {"k": (None,)}), "nested": [[1, [2, [3, {"x": [4]}]]]]},
    {'key with "quotes" and é': 1, "": "", "\n": [None]},
    [{"id": "c/fr_FR/a", "findings": [{"line": None, "message": "m"}], "visual": {"s": {}}}],
    {"metas": {"c/fr_FR/a": [12, 1700000000123456789, "9f" * 32, 1700000000123456789]}},
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_the_bytes_of_json_dumps_with_indent(value: Any) -> None:
    assert dump_json(value) == reference(value)


@pytest.mark.parametrize(
    "value",
    [
        {"level": Level.HIGH},  # json.dumps writes an IntEnum's int value
        {"tag": Tag("x")},
        {"ratio": Ratio(0.5)},
        {7: "int key", 2.5: "float key", False: "bool key", None: "null key"},
        OrderedDict([("b", 1), ("a", 2)]),
        [OrderedDict(a=[Level.HIGH])],
    ],
    ids=["intenum", "str-subclass", "float-subclass", "non-string-keys", "ordered", "deep"],
)
def test_values_json_dumps_handles_its_own_way_are_written_as_it_writes_them(value: Any) -> None:
    assert dump_json(value) == reference(value)


def test_a_cycle_is_refused_as_json_dumps_refuses_it() -> None:
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular reference"):
        dump_json({"loop": loop})


def test_an_object_json_cannot_write_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        dump_json({"when": object()})
