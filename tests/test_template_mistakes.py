"""A designer's template mistakes are told in the designer's terms, at the template's file and
line: "KeyError: 'x'", "new_ngettext() missing 1 required positional argument: '__num'",
"'datetime.date' object has no attribute 'tzname'", an IndentationError at a line of
generated Python or "endless recursion" for a deep expression were Python's own words.

All cases share one build of the hostile corpus' small project (each its own campaign and
template); the welcome campaign must still build."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile.harness import lines_of, plant
from jinja2 import FileSystemLoader

from mailglot.render.sandbox import TemplateSandbox
from mailglot.render.template import _location

_WRAP = '{% extends "layouts/base.mjml.j2" %}{% block content %}\n'
_END = "\n{% endblock %}\n"
_CAMPAIGN = 'template: {name}\nmarkets: all\nsubject: "Hello"\n'
DEEP_FOR = "{% for i in range(1) %}" * 200 + "x" + "{% endfor %}" * 200
NESTED = (
    "blocks nested too deeply to compile ({why}): Jinja turns each {{% for %}}, {{% if %}} or "
    "{{% with %}} into indented Python, which allows about 20 nested loops; move the inner part "
    "into a macro or an include"
)

# case id -> (template body, exact message, extra files)
CASES: dict[str, tuple[str, str, dict[str, str]]] = {
    "missing-variable": (
        '<mj-text>{{ _("Hi %(x)s") }}</mj-text>',
        "templates/t_missing-variable.mjml.j2:2: the msgid 'Hi %(x)s' needs x, which the call "
        'does not give: write _("Hi %(x)s", x=...)',
        {},
    ),
    "missing-variable-plural": (
        '<mj-text>{{ ngettext("%(num)d film for %(who)s", "%(num)d films for %(who)s", 2) }}'
        "</mj-text>",
        "templates/t_missing-variable-plural.mjml.j2:2: the msgid '%(num)d film for %(who)s' "
        'needs who, which the call does not give: write ngettext("%(num)d film for %(who)s", '
        '"%(num)d films for %(who)s", count, who=...)',
        {},
    ),
    "stray-percent": (
        '<mj-text>{{ _("50% off") }}</mj-text>',
        "templates/t_stray-percent.mjml.j2:2: the msgid '50% off' has a % that starts no "
        "placeholder: write %% for a percent sign, %(name)s for a value",
        {},
    ),
    "ngettext-without-number": (
        '<mj-text>{{ ngettext("a", "b") }}</mj-text>',
        'templates/t_ngettext-without-number.mjml.j2:2: ngettext("a", "b") needs the number that '
        'picks the singular or the plural: write ngettext("a", "b", count)',
        {},
    ),
    "gettext-of-a-number": (
        "<mj-text>{{ _(5) }}</mj-text>",
        "templates/t_gettext-of-a-number.mjml.j2:2: _() takes the text to translate in quotes, "
        'got 5: write _("Watch now")',
        {},
    ),
    "date-time-field": (
        '<mj-text>{{ "2027-01-02"|date("zzzz-NOPE") }}</mj-text>',
        "templates/t_date-time-field.mjml.j2:2: the date filter's format 'zzzz-NOPE': 'zzzz' is "
        "a time or time-zone field, which a date has not: use the datetime filter, or a date "
        "pattern such as 'd MMMM y'",
        {},
    ),
    "date-unknown-letter": (
        '<mj-text>{{ "2027-01-02"|date("NOPE") }}</mj-text>',
        "templates/t_date-unknown-letter.mjml.j2:2: the date filter's format 'NOPE': 'N' is not "
        "a CLDR date field (write words in single quotes: \"d 'de' MMMM\"); expected short, "
        "medium, long, full or a CLDR pattern such as 'd MMMM y'",
        {},
    ),
    "number-pattern": (
        '<mj-text>{{ 40|number("#,##0.###############################") }}</mj-text>',
        "templates/t_number-pattern.mjml.j2:2: the number filter takes the number of decimals, "
        "got '#,##0.###############################': write number(2) for two decimals (the "
        "locale writes the separators)",
        {},
    ),
    "nested-loops": (
        DEEP_FOR,
        "templates/t_nested-loops.mjml.j2:2: "
        + NESTED.format(why="too many levels of indentation"),
        {},
    ),
    "nested-parentheses": (
        "<mj-text>{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}</mj-text>",
        "templates/t_nested-parentheses.mjml.j2:2: nested too deeply to read: Jinja reads only "
        "so many parentheses, brackets or filters inside one another (about 60); split the "
        "expression with {% set %}",
        {},
    ),
    "nested-in-include": (
        '<mj-text>{% include "partials/deep.mjml.j2" %}</mj-text>',
        "templates/partials/deep.mjml.j2:3: "
        + NESTED.format(why="too many statically nested blocks"),
        {
            "templates/partials/deep.mjml.j2": "<p>\n</p>\n"
            + "{% for i in range(1) %}\n" * 25
            + "x"
            + "{% endfor %}" * 25
            + "\n"
        },
    ),
}


@pytest.fixture(scope="module")
def mistakes_build(tmp_path_factory: pytest.TempPathFactory):
    files: dict[str, str | bytes | None] = {}
    for cid, (body, _, extra) in CASES.items():
        files[f"campaigns/t_{cid}.yaml"] = _CAMPAIGN.format(name=f"t_{cid}.mjml.j2")
        files[f"templates/t_{cid}.mjml.j2"] = _WRAP + body + _END
        files.update(extra)
    planted = plant(tmp_path_factory.mktemp("mistakes"), files)
    return planted, planted.run("build", "--no-screenshots")


@pytest.mark.parametrize("cid", CASES)
def test_a_template_mistake_is_told_at_its_line(cid: str, mistakes_build) -> None:
    planted, result = mistakes_build
    shown = lines_of(result)
    expected = CASES[cid][1]
    assert any(line.startswith(expected + " [error: template]") for line in shown), "\n".join(shown)
    assert "Traceback" not in result.output
    assert result.exit_code == 1
    assert planted.built("welcome/en_US/a") and planted.built("welcome/fr_FR/a")
    assert not planted.built(f"t_{cid}/en_US/a")


def test_a_mistake_without_template_frames_is_located_by_the_one_before(tmp_path: Path):
    """A time limit's second interruption can land in Jinja's traceback rewriting, with no
    template frame: the first (its __context__) still names the line; with neither, the
    job's own template is named, never a bare 'templates'."""
    (tmp_path / "t.j2").write_text("a\n{{ 1 / 0 }}\n", encoding="utf-8")
    env = TemplateSandbox(loader=FileSystemLoader(str(tmp_path)))
    try:
        try:
            env.get_template("t.j2").render()
        except ZeroDivisionError:
            raise RuntimeError("interrupted again") from None
    except RuntimeError as exc:
        assert _location(exc, tmp_path, "t.j2") == ("templates/t.j2", 2)
        exc.__context__ = None
        assert _location(exc, tmp_path, "t.j2") == ("templates/t.j2", None)
