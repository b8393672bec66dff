"""A template's gettext call given the wrong arguments is told in the designer's terms at its
line: `pgettext("ctx")`, `_()` and `_("a", "b")` said "new_gettext() missing 1 required
positional argument: '__string'" (or "takes 2 positional arguments but 3 were given"), a
number written as text or none said "Plural value must be an integer, got str" (and only in
a translated locale), and `_("%s items")` rendered "{} items" without a word.

All cases share one build of the hostile corpus' small project; the welcome campaign must
still build."""

from __future__ import annotations

import pytest
from hostile.harness import build_template_cases, lines_of
from jinja2 import Environment
from markupsafe import Markup

from mailglot.i18n.gettext_calls import GettextCallError
from mailglot.i18n.newstyle import install_newstyle

FILM = '"%(num)d film", "%(num)d films"'

# case id -> (the call, the exact message after 'templates/t_<id>.mjml.j2:2: ')
CASES: dict[str, tuple[str, str]] = {
    "pgettext-one-text": (
        '{{ pgettext("ctx") }}',
        'pgettext("ctx") takes a context and the text to translate: write '
        'pgettext("button", "Watch now")',
    ),
    "gettext-no-text": ("{{ _() }}", '_() takes one text to translate: write _("Watch now")'),
    "gettext-two-texts": (
        '{{ _("a", "b") }}',
        '_("a", "b") takes one text to translate; a value for the text goes by its name: '
        'write _("a", name=...) for %(name)s',
    ),
    "ngettext-one-value-too-many": (
        '{{ ngettext("a", "b", 2, 3) }}',
        'ngettext("a", "b", 2, 3) takes the singular, the plural and the number; a value for '
        'the text goes by its name: write ngettext("a", "b", count, name=...) for %(name)s',
    ),
    "npgettext-one-text": (
        '{{ npgettext("cart", "a") }}',
        'npgettext("cart", "a") takes a context, the singular, the plural and the number: '
        'write npgettext("cart", "%(num)d film", "%(num)d films", count)',
    ),
    "number-as-text": (
        "{{ ngettext(" + FILM + ', "3") }}',
        f"ngettext({FILM}, ...) needs a whole number to pick the singular or the plural, got "
        f"the text '3': write ngettext({FILM}, count|int) for a number written as text",
    ),
    "number-none": (
        "{{ ngettext(" + FILM + ", none) }}",
        f"ngettext({FILM}, ...) needs a whole number to pick the singular or the plural, got "
        f"none: write ngettext({FILM}, count)",
    ),
    "lone-percent-s": (
        '{{ _("%s items") }}',
        "the msgid '%s items' has a % that starts no placeholder: write %% for a percent "
        "sign, %(name)s for a value",
    ),
    "lone-percent-s-with-values": (
        '{{ _("%s items", n=3) }}',
        "the msgid '%s items' has a % that starts no placeholder: write %% for a percent "
        "sign, %(name)s for a value",
    ),
}


@pytest.fixture(scope="module")
def mistakes_build(tmp_path_factory: pytest.TempPathFactory):
    calls = {cid: call for cid, (call, _) in CASES.items()}
    return build_template_cases(tmp_path_factory.mktemp("calls"), calls)


@pytest.mark.parametrize("cid", CASES)
def test_a_gettext_call_mistake_is_told_at_its_line(cid: str, mistakes_build) -> None:
    planted, result = mistakes_build
    shown = lines_of(result)
    expected = f"templates/t_{cid}.mjml.j2:2: {CASES[cid][1]} [error: template]"
    # both the source locale and the translated one fail the same way
    assert f"{expected} (2 jobs: t_{cid}/en_US/a, t_{cid}/fr_FR/a)" in shown, "\n".join(shown)
    assert "Traceback" not in result.output
    assert result.exit_code == 1
    assert planted.built("welcome/en_US/a") and planted.built("welcome/fr_FR/a")


def _environment(translation: str) -> Environment:
    env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    install_newstyle(
        env,
        lambda s: translation,
        lambda s, p, n: translation,
        lambda c, m: translation,
        lambda c, s, p, n: translation,
    )
    return env


def test_a_translation_with_a_lone_percent_is_its_fault() -> None:
    env = _environment("%s articles")
    with pytest.raises(GettextCallError) as caught:
        env.from_string('{{ _("%(n)s items", n=3) }}').render()
    assert str(caught.value) == (
        "the translation of the msgid '%(n)s items' has a % that starts no placeholder: write "
        "%% for a percent sign, %(name)s for a value (the msgid itself fills in: give the "
        "translation the msgid's placeholders)"
    )


@pytest.mark.parametrize(
    "call,shown",
    [
        ('{{ _("100%% sure") }}', "100% sure"),
        ('{{ _("%(n)s%% off", n=5) }}', "5% off"),
        ('{{ ngettext("%(num)d film", "%(num)d films", 2.0) }}', "2 films"),
        ('{{ ngettext("%(num)d film", "%(num)d films", 1) }}', "1 film"),
    ],
)
def test_percent_signs_and_numbers_gettext_takes_still_render(call: str, shown: str) -> None:
    env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    install_newstyle(
        env, lambda s: s, lambda s, p, n: s if n == 1 else p, lambda c, m: m, lambda c, s, p, n: s
    )
    assert env.from_string(call).render() == Markup(shown)
