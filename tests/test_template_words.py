"""A template that reaches for something that is not there, or that the sandbox refuses, is
told in the template author's terms at the template's file and line: "brand.twitter is not set
in mailglot.yaml", where it was "UndefinedError: 'dict object' has no attribute 'twitter'",
and "... is not allowed in a template (sandbox): ..." where it was "SecurityError: access to
attribute '__class__' of 'str' object is unsafe.".

All cases share one build of a copy of the example project, each its own campaign (a copy of
renewal) and template; renewal itself must still build."""

from __future__ import annotations

import pytest
from template_cases import build_cases

# case id -> (the template's second line, the exact message at that line)
CASES: dict[str, tuple[str, str]] = {
    "brand-unset": (
        "<mj-text>{{ brand.twitter }}</mj-text>",
        "brand.twitter is not set in mailglot.yaml: add twitter: under brand:, or test "
        "`brand.twitter is defined` first",
    ),
    "brand-unset-in-if": (
        "{% if brand.twitter %}<mj-text>x</mj-text>{% endif %}",
        "brand.twitter is not set in mailglot.yaml: add twitter: under brand:, or test "
        "`brand.twitter is defined` first",
    ),
    "brand-typo": (
        "<mj-text>{{ brand.websit }}</mj-text>",
        "brand.websit is not set in mailglot.yaml; did you mean brand.website?",
    ),
    "brand-aliased": (
        "{% set b = brand %}<mj-text>{{ b['twitter'] }}</mj-text>",
        "brand.twitter is not set in mailglot.yaml: add twitter: under brand:, or test "
        "`brand.twitter is defined` first",
    ),
    "data-typo-in-filter": (
        "<mj-text>{{ data.pric|currency }}</mj-text>",
        "data.pric is not set in campaigns/t_data-typo-in-filter.yaml; did you mean data.price?",
    ),
    "data-strings": (
        "<mj-text>{{ data.strings.intro }}</mj-text>",
        "data.strings.intro is not set in campaigns/t_data-strings.yaml: add intro: under "
        "strings:, or test `data.strings.intro is defined` first",
    ),
    "list-item": (
        "<mj-text>{{ data.strings.features[7] }}</mj-text>",
        "data.strings.features has no item 7: it holds 4, numbered from 0",
    ),
    "text-attribute": (
        "<mj-text>{{ data.plan.tier }}</mj-text>",
        "data.plan is a text, which has no attribute 'tier'",
    ),
    "loop-attribute": (
        "{% for f in data.strings.features %}{{ loop.size }}{% endfor %}",
        "the loop has no attribute 'size'",
    ),
    "recipient-unset": (
        "<mj-text>{{ recipient.phone }}</mj-text>",
        "recipient.phone is not set in mailglot.yaml: add phone: under recipient:, or test "
        "`recipient.phone is defined` first",
    ),
    "market-key": (
        "<mj-text>{{ market.holidays }}</mj-text>",
        "market.holidays is not given to templates; they are given market.code, "
        "market.currency, market.timezone, market.address, market.name",
    ),
    "market-typo": (
        "<mj-text>{{ market.curency }}</mj-text>",
        "market.curency is not given to templates; did you mean market.currency?",
    ),
    "no-event": (
        "<mj-text>{{ event.name }}</mj-text>",
        "event is not set: this campaign's schedule names no event; test `{% if event %}` first",
    ),
    "unknown-name": (
        "<mj-text>{{ no_such_name }}</mj-text>",
        "'no_such_name' is not defined: not a value templates are given, nor set before this line",
    ),
    "name-typo": (
        "<mj-text>{{ brnad.name }}</mj-text>",
        "'brnad' is not defined; did you mean 'brand'?",
    ),
    "empty-first": (
        "<mj-text>{{ [] | first + 1 }}</mj-text>",
        "no first item, sequence was empty",
    ),
    "python-internals": (
        "<mj-text>{{ data.plan.__class__ }}</mj-text>",
        "data.plan.__class__ is not allowed in a template (sandbox): templates cannot reach "
        "Python internals",
    ),
    "global-internals": (
        "<mj-text>{{ cycler.__init__.__globals__ }}</mj-text>",
        "cycler.__init__ is not allowed in a template (sandbox): templates cannot reach Python "
        "internals",
    ),
    "mutate-data": (
        "<mj-text>{{ data.strings.features.append('x') }}</mj-text>",
        "data.strings.features.append is not allowed in a template (sandbox): templates cannot "
        "change a list or mapping they are given or have made",
    ),
    "size-bound": (
        '<mj-text>{{ "x" * 10**9 }}</mj-text>',
        "not allowed in a template (sandbox): '*' would build 1,000,000,000 items; templates may "
        "build at most 10,000,000",
    ),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, list[str]]:
    bodies = {cid: body for cid, (body, _) in CASES.items()}
    return build_cases(tmp_path_factory.mktemp("words"), bodies)


@pytest.mark.parametrize("cid", CASES)
def test_each_mistake_is_told_at_its_line(cid: str, built: tuple[int, list[str]]) -> None:
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
    for word in ("UndefinedError", "SecurityError", "dict object", "Undefined", "is unsafe"):
        assert word not in shown
    assert lines[-1].startswith(f"mailglot: 1 built, 0 unchanged, {len(CASES)} failed, ")
