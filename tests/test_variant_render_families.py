"""The shared render of a job's subject variants across a template's family: the parents it
extends, the templates it includes and imports, and those these reach. Where a block or
another template's output goes is decided by the template that places it, so a child's
plain `{{ subject }}` can still end up filtered, captured or measured. For every shape,
each variant's shared render is byte for byte its plain render; the shapes that would not
be are refused by the reading, and the render's own check catches a transformed placeholder
even where the reading were wrong."""

from __future__ import annotations

import hashlib
import itertools
from datetime import datetime
from pathlib import Path

import pytest
from markupsafe import escape

from mailglot.calendars.scheduling import Timing
from mailglot.i18n.environment import locale_environment
from mailglot.plan import Job, Selection, plan_jobs
from mailglot.project.loader import load_project
from mailglot.render import variant_renders
from mailglot.render.pipeline import Rendered, Renderer
from mailglot.render.subject_only import subject_only
from mailglot.render.variant_renders import VariantRenders
from tests.conftest import TODAY, copy_example

CHILD = '{% extends "base.j2" %}{% block title %}{{ subject }}{% endblock %}'
SUBJ = "<p>{{ subject }}</p>"
# name -> the family's files; "job.j2" is the job's template
REFUSED = {
    "a parent filters the block": {
        "base.j2": "<t>{% filter upper %}{% block title %}{% endblock %}{% endfilter %}</t>",
        "job.j2": CHILD,
    },
    "a parent captures the block and truncates it": {
        "base.j2": "{% set t %}{% block title %}{% endblock %}{% endset %}{{ t|truncate(12) }}",
        "job.j2": CHILD,
    },
    "a parent captures the block and counts it": {
        "base.j2": "{% set t %}{% block title %}{% endblock %}{% endset %}{{ t|length }}"
        "{{ t|wordcount }}",
        "job.j2": CHILD,
    },
    "a parent places the block in a macro": {
        "base.j2": "{% macro m() %}{% block title %}{% endblock %}{% endmacro %}{{ m()|upper }}",
        "job.j2": CHILD,
    },
    "a parent places the block in a call block": {
        "base.j2": "{% macro m() %}{{ caller()|title }}{% endmacro %}"
        "{% call m() %}{% block title %}{% endblock %}{% endcall %}",
        "job.j2": CHILD,
    },
    "a parent turns escaping off around the block": {
        "base.j2": "{% autoescape false %}{% block title %}{% endblock %}{% endautoescape %}",
        "job.j2": CHILD,
    },
    "a parent captures the block in a namespace": {
        "base.j2": "{% set ns = namespace() %}{% set ns.t %}{% block title %}{% endblock %}"
        "{% endset %}{{ ns.t|lower }}",
        "job.j2": CHILD,
    },
    "a parent translates the captured block": {
        "base.j2": "{% set t %}{% block title %}{% endblock %}{% endset %}{{ _(t) }}",
        "job.j2": CHILD,
    },
    "a middle template filters the block": {
        "base.j2": "<b>{% block content %}{% endblock %}</b>",
        "mid.j2": '{% extends "base.j2" %}{% block content %}{% filter capitalize %}'
        "{% block title %}{% endblock %}{% endfilter %}{% endblock %}",
        "job.j2": '{% extends "mid.j2" %}{% block title %}{{ subject }}{% endblock %}',
    },
    "a parent places the block in a recursive loop": {
        "base.j2": "{% for x in [[]] recursive %}{% block title %}{% endblock %}"
        "{{ loop(x)|upper }}{% endfor %}",
        "job.j2": CHILD,
    },
    "a parent filters a block that includes the subject": {
        "base.j2": "{% filter upper %}{% block content %}{% endblock %}{% endfilter %}",
        "job.j2": '{% extends "base.j2" %}{% block content %}{% include "subj.j2" %}{% endblock %}',
        "subj.j2": SUBJ,
    },
    "a parent prints the block through self": {
        "base.j2": "{% block title %}{% endblock %}{{ self.title()|upper }}",
        "job.j2": CHILD,
    },
    "a child hands the parent's block to super": {
        "base.j2": "{% block title %}{{ subject }}{% endblock %}",
        "job.j2": '{% extends "base.j2" %}{% block title %}{{ super()|upper }}{% endblock %}',
    },
    "a parent filters an include": {
        "base.j2": '{% filter upper %}{% include "subj.j2" %}{% endfilter %}',
        "job.j2": '{% extends "base.j2" %}',
        "subj.j2": SUBJ,
    },
    "a parent loops a scoped block over its own subject": {
        "base.j2": "{% for subject in ['x'] %}{% block title scoped %}{% endblock %}{% endfor %}",
        "job.j2": CHILD,
    },
    "a parent's with names subject": {
        "base.j2": "{% with subject = 'x' %}{% block title scoped %}{% endblock %}{% endwith %}",
        "job.j2": CHILD,
    },
    "a parent sets subject": {
        "base.j2": "{% set subject = 'x' %}{% block title %}{% endblock %}",
        "job.j2": CHILD,
    },
    "a parent translates the subject": {
        "base.j2": "{% trans %}Re: {{ subject }}{% endtrans %}{% block title %}{% endblock %}",
        "job.j2": CHILD,
    },
    "gettext given the subject as a value": {
        "job.j2": '{{ _("Re: %(subject)s", subject=subject) }}',
    },
    "an import includes the subject (with context)": {
        "job.j2": '{% import "mod.j2" as m with context %}<x>{{ m|upper }}</x>',
        "mod.j2": '{% include "subj.j2" %}',
        "subj.j2": SUBJ,
    },
    "an import extends a template printing the subject": {
        "job.j2": '{% import "mod.j2" as m with context %}<x>{{ m|upper }}</x>',
        "mod.j2": '{% extends "subj.j2" %}',
        "subj.j2": SUBJ,
    },
    "an import imports one that includes the subject": {
        "job.j2": '{% import "mod.j2" as m with context %}<x>{{ m.n|upper }}</x>',
        "mod.j2": '{% import "inner.j2" as n with context %}{% set n = n %}',
        "inner.j2": '{% include "subj.j2" %}',
        "subj.j2": SUBJ,
    },
    "an imported template includes one named at render time": {
        "job.j2": '{% import "mod.j2" as m with context %}{{ subject }}',
        "mod.j2": "{% include data.name %}",
        "subj.j2": SUBJ,
    },
    "a macro named subject": {
        "job.j2": "{% macro subject() %}x{% endmacro %}{{ subject }}",
    },
    "a module imported as subject": {
        "job.j2": '{% import "subj.j2" as subject %}{{ subject }}',
        "subj.j2": "<p>x</p>",
    },
    "a macro imported as subject": {
        "job.j2": '{% from "mac.j2" import m as subject %}{{ subject() }}{{ subject }}',
        "mac.j2": "{% macro m() %}x{% endmacro %}",
    },
    "a caller looped and filtered": {
        "job.j2": "{% macro m() %}{% for i in range(2) %}{{ caller()|upper }}{% endfor %}"
        "{% endmacro %}{% call m() %}{{ subject }}{% endcall %}",
    },
    "an include of a missing template, ignored": {
        "job.j2": '{% include "gone.j2" ignore missing %}{{ subject }}',
    },
}
PASSING = {
    "a parent places the block straight": {
        "base.j2": "<t>{% block title %}{% endblock %}</t>{% block content %}{% endblock %}",
        "job.j2": CHILD + "{% block content %}{% include 'subj.j2' %}{% endblock %}",
        "subj.j2": SUBJ,
    },
    "a parent places the block in an if, a loop and a with": {
        "base.j2": "{% if true %}{% for i in range(2) %}{% with x = 1 %}{{ x }}"
        "{% block title %}{% endblock %}{% endwith %}{% endfor %}{% endif %}",
        "job.j2": CHILD,
    },
    "a parent filters and escapes text without a block": {
        "base.j2": "{% filter upper %}hi{% endfilter %}{% autoescape false %}<i>"
        "{% endautoescape %}{% block title %}{% endblock %}",
        "job.j2": CHILD,
    },
    "an import of macros that do not read the subject": {
        "job.j2": '{% import "mac.j2" as m %}{{ m.b("x") }}{{ subject }}',
        "mac.j2": "{% macro b(x) %}<b>{{ x|upper }}</b>{% endmacro %}",
    },
    "gettext with a value named subject that is not the subject": {
        "job.j2": '{{ _("Re: %(subject)s", subject="x") }}{{ subject }}',
    },
}
SUBJECTS = {"a": 'Black Friday: <b>"all"</b> & more', "b": "Alex, l'offre de l'année"}


def _environment(tmp_path: Path, files: dict[str, str]):
    templates = tmp_path / "templates"
    templates.mkdir(exist_ok=True)
    for name, source in files.items():
        (templates / name).write_text(source, encoding="utf-8")
    return locale_environment(tmp_path, "fr_FR", "en_US", "EUR", "Europe/Paris").env


def _context(variant: str) -> dict:
    return {
        "subject": SUBJECTS[variant],
        "campaign": {"id": "c", "variant": variant},
        "data": {"name": "subj.j2"},
    }


def _shared_and_plain(env, template) -> list[tuple[str, str]]:
    shared, timing = VariantRenders(), Timing(send_at=datetime(2026, 11, 27, 9))
    pairs = []
    for variant in ("a", "b", "a"):
        job = Job("c", "fr_FR", variant, "FR", "job.j2", timing, (), variant)
        got = shared.render(env, "job.j2", template, _context(variant), job)
        pairs.append((got, template.render(_context(variant))))
    return pairs


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_family_that_may_transform_the_subject_renders_each_variant(tmp_path, case):
    env = _environment(tmp_path, REFUSED[case])
    template = env.get_template("job.j2")
    assert not subject_only(env, "job.j2", template)
    for got, plain in _shared_and_plain(env, template):
        assert got == plain
        assert "mgsubject" not in got.lower()


@pytest.mark.parametrize("case", sorted(PASSING))
def test_a_family_that_prints_the_subject_straight_shares_one_render(tmp_path, case):
    env = _environment(tmp_path, PASSING[case])
    template = env.get_template("job.j2")
    assert subject_only(env, "job.j2", template)
    renders = _shared_and_plain(env, template)
    for got, plain in renders:
        assert got == plain
    assert renders[0][0] != renders[1][0]  # the subject is in the output


# shapes whose output keeps a changed form of the placeholder: the render's check catches them
TRACED = [
    "a parent filters the block",
    "a parent captures the block and truncates it",
    "a parent places the block in a macro",
    "a parent places the block in a call block",
    "a parent captures the block in a namespace",
    "a middle template filters the block",
    "a parent prints the block through self",
    "a child hands the parent's block to super",
    "a parent filters an include",
    "a parent filters a block that includes the subject",
    "an import includes the subject (with context)",
    "an import extends a template printing the subject",
]
REVERSED = {
    "base.j2": "{% set t %}{% block title %}{% endblock %}{% endset %}{{ t|reverse }}",
    "job.j2": CHILD,
}


@pytest.mark.parametrize("case", [*TRACED, "reversed"])
def test_a_transformed_placeholder_falls_back_to_the_plain_render(tmp_path, monkeypatch, case):
    """The reading taken as saying yes: the render's check alone keeps the bytes right."""
    env = _environment(tmp_path, REVERSED if case == "reversed" else REFUSED[case])
    template = env.get_template("job.j2")
    monkeypatch.setattr(variant_renders, "subject_only", lambda env, name, template: True)
    shared, timing = VariantRenders(), Timing()
    for variant in ("a", "b"):
        job = Job("c", "fr_FR", variant, "FR", "job.j2", timing, (), variant)
        got = shared.render(env, "job.j2", template, _context(variant), job)
        assert got == template.render(_context(variant))
        assert shared._kept is None


def test_the_render_check_finds_the_placeholder_in_any_other_form():
    shared = VariantRenders()
    placeholder = shared.placeholder
    assert placeholder.isalnum() and placeholder.isascii()
    text = f"<p>é {placeholder}</p><t>{placeholder}</t>"
    assert shared._whole(text) and shared._whole("<p>é</p>")
    for changed in (
        placeholder.lower(),
        placeholder.upper(),
        placeholder.title(),
        placeholder.capitalize(),
        placeholder[:12] + "...",
        placeholder[-12:],
        placeholder[::-1],
    ):
        assert changed != placeholder
        assert not shared._whole(f"{text}<i>{changed}</i>"), changed


class _Plain:
    """The plain path: every variant rendered with its own subject."""

    def render(self, env, name, template, context, job):
        return template.render(context)


def _digest(rendered: Rendered) -> str:
    parts = [f"{n}={hashlib.sha256(b).hexdigest()}" for n, b in sorted(rendered.files.items())]
    return " ".join([*parts, hashlib.sha256(repr(rendered.findings).encode()).hexdigest()])


def _example_with(tmp_path: Path, edits: dict[str, tuple[str, str]], new: dict[str, str]):
    root = copy_example(tmp_path / "example")
    for name, (old, replacement) in edits.items():
        path = root / "templates" / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, replacement, 1), encoding="utf-8")
    for name, text in new.items():
        (root / "templates" / name).write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("edits", "new"),
    [
        pytest.param(  # a layout upper-cases a title block the campaign's template fills
            {
                "layouts/base.mjml.j2": (
                    "<mj-title>{{ subject }}</mj-title>",
                    "<mj-title>{% filter upper %}{% block title %}{% endblock %}"
                    "{% endfilter %}</mj-title>",
                ),
                "winback.mjml.j2": (
                    "{% block content %}",
                    "{% block title %}{{ subject }}{% endblock %}{% block content %}",
                ),
            },
            {},
            id="a filtered block",
        ),
        pytest.param(  # an imported module includes a partial printing the subject
            {
                "winback.mjml.j2": (
                    "{% block content %}",
                    '{% block content %}{% import "partials/mod.j2" as m with context %}'
                    "<mj-section><mj-column><mj-text>{{ m|upper }}</mj-text></mj-column>"
                    "</mj-section>",
                ),
            },
            {
                "partials/mod.j2": '{% include "partials/subj.j2" %}',
                "partials/subj.j2": "{{ subject }}",
            },
            id="an imported include",
        ),
    ],
)
def test_the_reviewed_layouts_give_each_variant_its_plain_bytes(tmp_path, edits, new):
    root = _example_with(tmp_path, edits, new)
    # a case filter on a merge field fails the job (render/merge_tokens.py): variant a's
    # subject without {first_name}, so both variants render and can be compared
    campaign = root / "campaigns/winback.yaml"
    text = campaign.read_text(encoding="utf-8")
    assert '"{first_name}, your watchlist misses you"' in text
    campaign.write_text(
        text.replace('"{first_name}, your watchlist misses you"', '"Your watchlist misses you"'),
        encoding="utf-8",
    )
    project = load_project(root)
    jobs = [j for j in plan_jobs(project, Selection(), TODAY).jobs if j.campaign == "winback"]
    pairs = [
        (a, b)
        for a, b in itertools.pairwise(jobs)
        if (a.campaign, a.locale) == (b.campaign, b.locale) and a.variant != b.variant
    ]
    assert pairs
    for a, b in pairs:
        # one renderer: its merge tags' placeholders are its own
        renderer = Renderer(project)
        shared = [renderer.render(job) for job in (a, b)]
        assert renderer._variants._kept is None
        renderer._variants = _Plain()
        for job, rendered in zip((a, b), shared, strict=True):
            assert _digest(rendered) == _digest(renderer.render(job)), job.id
            assert not any(b"mgsubject" in data.lower() for data in rendered.files.values())


def test_a_thrown_away_render_leaves_no_lookup_in_the_jobs_findings(tmp_path, monkeypatch):
    """The reading taken as saying yes on a parent handing the captured subject to `_()`:
    the text is the same either way (an untranslated text is itself), the missing strings
    the job reports are the plain render's."""
    env = _environment(tmp_path, REFUSED["a parent translates the captured block"])
    template = env.get_template("job.j2")
    record = env.lookup_record
    monkeypatch.setattr(variant_renders, "subject_only", lambda env, name, template: True)
    shared, timing = VariantRenders(), Timing()
    for variant in ("a", "b"):
        record.start_job()
        template.render(_context(variant))
        plain = (sorted(record.looked_up), record.recorder.take_missing())
        record.start_job()
        job = Job("c", "fr_FR", variant, "FR", "job.j2", timing, (), variant)
        got = shared.render(env, "job.j2", template, _context(variant), job)
        assert got == template.render(_context(variant))
        assert (sorted(record.looked_up), record.recorder.take_missing()) == plain
        escaped = escape(SUBJECTS[variant])
        assert plain == ([(None, escaped)], [(None, escaped)])
        assert shared._kept is None
