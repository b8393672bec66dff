"""A job's subject variants share one template render only when the template prints the
subject as a whole `{{ subject }}` and reads no variant; every other template renders each
variant itself. Either way each variant's MJML, files and findings are the plain path's."""

from __future__ import annotations

import hashlib
import itertools
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from mailglot.calendars.scheduling import Timing
from mailglot.i18n.environment import locale_environment
from mailglot.plan import Job, Selection, plan_jobs
from mailglot.project.loader import Project, load_project
from mailglot.render.pipeline import Rendered, Renderer
from mailglot.render.subject_only import subject_only
from mailglot.render.variant_renders import VariantRenders
from mailglot.render.watchdog import RenderTimeout
from tests.conftest import REPO, TODAY, copy_example

PARTIAL = "<mj-text>{{ subject }}</mj-text>"
PASSING = {
    "plain": "<mj-title>{{ subject }}</mj-title>{{ campaign.id }}{{ campaign['id'] }}",
    "twice in a loop": "{% for i in range(2) %}{% if i %}{{ subject }}{% endif %}"
    "{{ loop.index }}{% endfor %}",
    "in a block": "{% block head %}<t>{{ subject }}</t>{% endblock %}",
    "an include": '{% include "partial.j2" %}',
    "a macro without it": "{% macro m(x) %}[{{ x|upper }}]{% endmacro %}{{ m('a') }}{{ subject }}",
    "a set": "{% set s = 'x' %}{{ s }}{{ subject }}",
}
REFUSED = {
    "a filter": "{{ subject|upper }}",
    "a concatenation": "{{ subject ~ '!' }}",
    "a test": "{% if subject %}x{% endif %}",
    "a length": "{{ subject|length }}",
    "the variant": "{{ subject }}{{ campaign.variant }}",
    "the campaign": "{{ subject }}{{ campaign }}",
    "the variant by key": "{{ campaign['variant'] }}",
    "a capture": "{% set s %}{{ subject }}{% endset %}{{ s|upper }}",
    "a macro": "{% macro m() %}{{ subject }}{% endmacro %}{{ m()|upper }}",
    "a filter block": "{% filter upper %}{{ subject }}{% endfilter %}",
    "no escaping": "{% autoescape false %}{{ subject }}{% endautoescape %}",
    "a set subject": "{% set subject = 'x' %}{{ subject }}",
    "a loop over it": "{% for s in [subject] %}{{ s }}{% endfor %}",
    "a trans block": "{% trans s=subject %}{{ s }}{% endtrans %}",
    "a gettext call": "{{ _(subject) }}",
    "lipsum": "{{ subject }}{{ lipsum(1) }}",
    "random": "{{ subject }}{{ [1, 2, 3]|random }}",
    "self": "{% block t %}{{ subject }}{% endblock %}{{ self.t()|upper }}",
    "super": "{{ subject }}{{ super }}",
    "a captured include": '{% set s %}{% include "partial.j2" %}{% endset %}{{ s|upper }}',
    "an include named at render time": "{{ subject }}{% include data.name %}",
    "an imported template": '{% import "partial.j2" as p with context %}{{ p|string|upper }}',
    "a recursive loop": "{% for x in [[[]]] recursive %}{{ subject }}{{ loop(x)|upper }}"
    "{% endfor %}",
}
SUBJECTS = {
    "a": 'Black Friday: <b>"all"</b> & more',
    "b": "Alex, l'offre de l'année",
}


def _environment(tmp_path: Path, source: str):
    templates = tmp_path / "templates"
    templates.mkdir(exist_ok=True)
    (templates / "job.j2").write_text(source, encoding="utf-8")
    (templates / "partial.j2").write_text(PARTIAL, encoding="utf-8")
    return locale_environment(tmp_path, "fr_FR", "en_US", "EUR", "Europe/Paris").env


def _job(variant: str, timing: Timing) -> Job:
    return Job("c", "fr_FR", variant, "FR", "job.j2", timing, (), variant)


def _context(variant: str) -> dict:
    return {
        "subject": SUBJECTS[variant],
        "campaign": {"id": "c", "variant": variant},
        "data": {"name": "partial.j2"},
    }


@pytest.mark.parametrize("case", sorted(PASSING))
def test_a_template_that_prints_the_subject_whole_is_rendered_once(tmp_path, case):
    env = _environment(tmp_path, PASSING[case])
    template = env.get_template("job.j2")
    assert subject_only(env, "job.j2", template)
    shared, timing = VariantRenders(), Timing(send_at=datetime(2026, 11, 27, 9))
    for variant in ("a", "b", "b", "a"):
        plain = template.render(_context(variant))
        assert shared.render(env, "job.j2", template, _context(variant), _job(variant, timing)) == (
            plain
        )
    assert shared._kept is not None  # the first render served the others


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_template_that_reads_the_subject_otherwise_renders_each_variant(tmp_path, case):
    env = _environment(tmp_path, REFUSED[case])
    template = env.get_template("job.j2")
    assert not subject_only(env, "job.j2", template)
    shared, timing = VariantRenders(), Timing()
    for variant in ("a", "b"):
        job = _job(variant, timing)
        got = _outcome(shared.render, env, "job.j2", template, _context(variant), job)
        plain = _outcome(template.render, _context(variant))
        if case not in ("lipsum", "random"):  # other text each render: not compared
            assert got == plain
        assert shared._kept is None


def _outcome(render, *args):
    try:
        return render(*args)
    except Exception as exc:
        return type(exc), str(exc)


def test_another_job_or_another_timing_is_never_served_the_kept_render(tmp_path):
    env = _environment(tmp_path, "{{ subject }} {{ campaign.id }}")
    template = env.get_template("job.j2")
    shared = VariantRenders()
    first = Timing(send_at=datetime(2026, 11, 27, 9))
    shared.render(env, "job.j2", template, _context("a"), _job("a", first))
    other = {**_context("b"), "campaign": {"id": "d", "variant": "b"}}
    job = Job("d", "fr_FR", "b", "FR", "job.j2", first, (), "k")
    assert shared.render(env, "job.j2", template, other, job) == f"{SUBJECTS['b']} d".replace(
        "'", "&#39;"
    )
    later = Timing(send_at=datetime(2026, 11, 27, 9))  # equal, but another plan's
    shared.render(env, "job.j2", template, _context("a"), _job("a", first))
    shared.render(env, "job.j2", template, _context("b"), _job("b", later))
    assert shared._kept.job.timing is later  # rendered afresh


def test_a_render_that_fails_fails_as_the_plain_path_does(tmp_path):
    env = _environment(tmp_path, "{{ subject }}{{ data.missing }}")
    template = env.get_template("job.j2")
    shared = VariantRenders()
    with pytest.raises(Exception) as plain:
        template.render(_context("a"))
    with pytest.raises(Exception) as failed:
        shared.render(env, "job.j2", template, _context("a"), _job("a", Timing()))
    assert (type(failed.value), str(failed.value)) == (type(plain.value), str(plain.value))
    assert shared._kept is None


class _Failing:
    """A lookup record whose render fails with `error`."""

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def apart(self, make):
        raise self.error


def test_a_render_out_of_time_is_not_run_again(tmp_path):
    """The plain path after a timeout would run on until the watchdog's next interruption."""
    env = _environment(tmp_path, "{{ subject }}")
    template = env.get_template("job.j2")
    env.lookup_record = _Failing(RenderTimeout())
    with pytest.raises(RenderTimeout):
        VariantRenders().render(env, "job.j2", template, _context("a"), _job("a", Timing()))
    env.lookup_record = _Failing(RuntimeError("any other failure"))  # told by the plain path
    shared = VariantRenders()
    got = shared.render(env, "job.j2", template, _context("a"), _job("a", Timing()))
    assert got == template.render(_context("a"))
    assert shared._kept is None


def _digest(rendered: Rendered) -> str:
    parts = [f"{n}={hashlib.sha256(b).hexdigest()}" for n, b in sorted(rendered.files.items())]
    return " ".join([*parts, hashlib.sha256(repr(rendered.findings).encode()).hexdigest()])


def variant_pairs(root: Path) -> tuple[Project, list[tuple[Job, Job]]]:
    """The project at `root` and its jobs that follow one another as two variants of one
    campaign and locale: the second the one a shared render can serve."""
    project = load_project(root)
    jobs = plan_jobs(project, Selection(), TODAY).jobs
    pairs = [
        (a, b)
        for a, b in itertools.pairwise(jobs)
        if (a.campaign, a.locale) == (b.campaign, b.locale) and a.variant != b.variant
    ]
    assert len(pairs) > 20
    return project, pairs


def test_a_variant_served_from_the_shared_render_has_the_plain_paths_files_and_findings(
    tmp_path,
):
    """Findings included: the catalog lookups of the one render are given to each variant
    (pt_BR's catalog misses strings: `l10n.missing`)."""
    root = copy_example(tmp_path / "example")
    promo = root / "templates/promo.mjml.j2"  # a string no catalog translates
    text = promo.read_text(encoding="utf-8")
    promo.write_text(text.replace("</mj-text>", '{{ _("Brand new words") }}</mj-text>', 1))
    project, pairs = variant_pairs(root)
    served = missing = 0
    for a, b in pairs:
        shared = Renderer(project)
        shared.render(a)
        kept = shared._variants._kept
        second = shared.render(b)
        served += kept is not None and shared._variants._kept is kept
        assert _digest(second) == _digest(Renderer(project).render(b)), b.id
        missing += "'Brand new words'" in repr(second.findings)
    assert served == len(pairs)  # every template of the example prints its subject whole
    assert missing  # the lookups of the one render, given to the next variant


ISOLATED = """
import hashlib, sys
from pathlib import Path
from mailglot.plan import Selection, plan_jobs
from mailglot.project.loader import load_project
from mailglot.render.pipeline import Renderer
from tests.conftest import TODAY
project = load_project(Path(sys.argv[1]))
jobs = {job.id: job for job in plan_jobs(project, Selection(), TODAY).jobs}
renderer = Renderer(project)
for job_id in sys.argv[2:]:
    rendered = renderer.render(jobs[job_id])
    parts = [f"{n}={hashlib.sha256(b).hexdigest()}" for n, b in sorted(rendered.files.items())]
    print(job_id, *parts, hashlib.sha256(repr(rendered.findings).encode()).hexdigest())
"""


def _in_a_process(root: Path, *job_ids: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", ISOLATED, str(root), *job_ids],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.splitlines()


def test_jobs_of_one_process_never_see_each_others_data(tmp_path):
    """Job A, then other campaigns, locales, directions and A's other variant, then A again:
    A's bytes and findings are those of A alone in a fresh process."""
    root = copy_example(tmp_path / "example")
    a = "black_friday/fr_FR/a"
    others = ["renewal/ar_SA/a", "black_friday/fr_FR/b", "winback/ja_JP/b", "black_friday/pt_BR/a"]
    alone = _in_a_process(root, a)
    together = _in_a_process(root, a, *others, a)
    assert together[0] == alone[0]
    assert together[-1] == alone[0]
    for job_id, line in zip(others, together[1:-1], strict=True):
        assert _in_a_process(root, job_id) == [line]
