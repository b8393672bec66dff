"""mailglot's new-style gettext wrappers give what `jinja2.ext`'s give, for every form a
template can call, with and without autoescape, variables, `%%` and context."""

from __future__ import annotations

import gettext as gettext_module
import random

import pytest
from jinja2 import Environment, Template
from jinja2.sandbox import ImmutableSandboxedEnvironment

from mailglot.i18n.newstyle import install_newstyle
from mailglot.render.sandbox import TemplateSandbox

PIECES = ["Offer", "%%", "%(num)s", "%(name)s", "<b>", "&amp;", "ü", " ", "'", '"', "%(context)s"]


class Translations(gettext_module.NullTranslations):
    """Every lookup returns a different text from its input, so the lookup is seen."""

    def gettext(self, message: str) -> str:
        return f"[{message}]"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"[{singular if n == 1 else plural}]"

    def pgettext(self, context: str, message: str) -> str:
        return f"[{context}|{message}]"

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return f"[{context}|{singular if n == 1 else plural}]"


def environments(sandbox: type[Environment] = ImmutableSandboxedEnvironment):
    """(ours, Jinja's); ours in `sandbox`, whose `TemplateSandbox` calls them straight."""
    t = Translations()
    ours = sandbox(autoescape=True, extensions=["jinja2.ext.i18n"])
    install_newstyle(ours, t.gettext, t.ngettext, t.pgettext, t.npgettext)
    jinjas = ImmutableSandboxedEnvironment(autoescape=True, extensions=["jinja2.ext.i18n"])
    jinjas.install_gettext_callables(  # type: ignore[attr-defined]
        t.gettext, t.ngettext, newstyle=True, pgettext=t.pgettext, npgettext=t.npgettext
    )
    jinjas.globals["_"] = jinjas.globals["gettext"]
    return ours, jinjas


_compiled: dict[tuple[Environment, str], Template] = {}  # each call compiled once per test


def outcome(env: Environment, source: str, values: dict) -> str:
    """A format a translation cannot fill fails in both; ours says so in the designer's words
    (GettextCallError, tests/test_template_mistakes.py), Jinja's with Python's exception."""
    template = _compiled.get((env, source))
    if template is None:
        template = _compiled[env, source] = env.from_string(source)
    try:
        return template.render(**values)
    except (KeyError, ValueError, TypeError):
        return "cannot fill in"


CALLS = [
    "{{ _(s) }}",
    "{{ gettext(s) }}",
    "{{ _(s, name=v) }}",
    '{{ ngettext(s, s ~ "s", n) }}',
    '{{ ngettext(s, s ~ "s", n, name=v) }}',
    '{{ pgettext("menu", s) }}',
    '{{ pgettext("menu", s, name=v) }}',
    '{{ npgettext("menu", s, s ~ "s", n) }}',
    "{% trans %}Plain {{ v }} text{% endtrans %}",
    "{% trans count=n %}One {{ v }}{% pluralize %}{{ count }} {{ v }}{% endtrans %}",
    "{% autoescape false %}{{ _(s) }}{{ _(s, name=v) }}{% endautoescape %}",
    # calls Jinja hands the block's or the loop's variables (`_block_vars`, `_loop_vars`)
    "{% block b %}{% set w = v %}{{ _(s, name=w) }}{{ ngettext(s, s, n) }}{% endblock %}",
    "{% for i in range(2) %}{% set w = i %}{{ _(s, name=w) }}{{ pgettext(s, s) }}{% endfor %}",
    "{% for i in range(n) %}{% trans %}{{ v }} at {{ i }}{% endtrans %}{% endfor %}",
    "{% with w = v %}{% autoescape false %}{{ _(s, name=w) }}{% endautoescape %}{% endwith %}",
]


@pytest.mark.parametrize("sandbox", [ImmutableSandboxedEnvironment, TemplateSandbox])
@pytest.mark.parametrize("call", CALLS)
def test_every_call_renders_as_jinjas_own_wrappers(call: str, sandbox: type) -> None:
    ours, jinjas = environments(sandbox)
    if sandbox is TemplateSandbox:
        assert ours.globals["_"] in ours.trusted_calls  # called straight
    rng = random.Random(call)
    for _ in range(150):
        values = {
            "s": "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 5))),
            "v": rng.choice(["<i>x</i>", "5 %", "Zoë", ""]),
            "n": rng.choice([0, 1, 2, 21]),
        }
        assert outcome(ours, call, values) == outcome(jinjas, call, values), (call, values)


def test_a_translation_is_looked_up_on_every_call() -> None:
    """The formatted Markup is remembered by its text; the lookup (which records the job's
    missing strings and the entries it uses) still runs each time."""
    seen: list[str] = []

    def gettext(message: str) -> str:
        seen.append(message)
        return message

    env = ImmutableSandboxedEnvironment(autoescape=True, extensions=["jinja2.ext.i18n"])
    install_newstyle(env, gettext, lambda s, p, n: s, lambda c, m: m, lambda c, s, p, n: s)
    template = env.from_string('{{ _("Save 10%%") }} {{ _("Save 10%%") }}')
    assert template.render() == "Save 10% Save 10%"
    assert template.render() == "Save 10% Save 10%"
    assert seen == ["Save 10%%"] * 4


def test_only_a_plain_function_taking_the_context_or_nothing_is_trusted() -> None:
    from jinja2 import pass_environment

    env = TemplateSandbox()

    @pass_environment
    def takes_environment(environment: Environment) -> str:
        return ""

    for refused in (takes_environment, print, len, Translations().gettext):
        with pytest.raises(TypeError):
            env.trust(refused)


def test_a_filled_translation_is_remembered_by_its_values_and_their_types() -> None:
    from markupsafe import Markup

    ours, _ = environments(TemplateSandbox)
    template = ours.from_string("{{ _('Hi %(name)s', name=v) }}")
    for _ in range(2):  # the second time from memory
        assert template.render(v="<b>") == "[Hi &lt;b&gt;]"
        assert template.render(v=Markup("<b>")) == "[Hi <b>]"
        assert template.render(v=1) == "[Hi 1]"
        assert template.render(v=True) == "[Hi True]"
        assert template.render(v=-0.0) == "[Hi -0.0]"
        assert template.render(v=0.0) == "[Hi 0.0]"
