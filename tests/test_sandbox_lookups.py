"""The sandbox reads `a.b` on a dict as Jinja's sandbox does (the attribute, else the item),
with the item looked up first only where no attribute of that name can exist."""

from __future__ import annotations

from collections import OrderedDict

import pytest
from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from mailglot.render.sandbox import TemplateSandbox

VALUES = {
    "d": {"x": 1, "items": "the item", "keys": "k", "__class__": "c", "_p": 2, "": 3},
    "o": OrderedDict(x=1, items="the item"),
    "n": {"x": {"y": [1, 2]}},
}
SOURCES = [
    "{{ d.x }}",
    "{{ d.items }}",
    "{{ d.items() | list }}",
    "{{ d['items'] }}",
    "{{ d.keys }}",
    "{{ d.get('x') }}",
    "{{ d.__class__ }}",
    "{{ d._p }}",
    "{{ d.missing }}",
    "{{ d.missing is defined }}",
    "{{ o.x }}",
    "{{ o.items }}",
    "{{ n.x.y.1 }}",
    "{{ n.x.y.count }}",
    "{{ d.update }}",
    "{{ d.pop }}",
]


def _outcome(env, source: str) -> str:
    try:
        return env.from_string(source).render(VALUES)
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"


@pytest.mark.parametrize("source", SOURCES)
def test_a_dict_is_read_as_jinjas_sandbox_reads_it(source: str) -> None:
    ours = TemplateSandbox(undefined=StrictUndefined)
    jinjas = ImmutableSandboxedEnvironment(undefined=StrictUndefined)
    assert _outcome(ours, source) == _outcome(jinjas, source)


def test_a_key_named_as_a_dict_method_is_the_method() -> None:
    env = TemplateSandbox()
    assert env.from_string("{{ d.items is callable }}").render(VALUES) == "True"
    assert env.from_string("{{ d.x }}").render(VALUES) == "1"
