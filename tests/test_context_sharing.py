"""A job's variants share the part of the template context the subject does not change
(data with its translated strings, preheader, event): the next variant gets copies of its
own and the same catalog lookups, so its context and findings are those it makes alone."""

from __future__ import annotations

from typing import Any

from mailglot.plan import Selection, plan_jobs
from mailglot.project.loader import load_project
from mailglot.render import context as context_module
from mailglot.render.context import job_context
from mailglot.render.pipeline import Renderer
from tests.conftest import TODAY, copy_example
from tests.test_variant_renders import variant_pairs


def _containers(value: Any, path: str = "") -> dict[int, str]:
    """id -> where, of every dict and list in `value`."""
    found: dict[int, str] = {}
    if isinstance(value, dict):
        found[id(value)] = path
        for k, v in value.items():
            found.update(_containers(v, f"{path}.{k}"))
    elif isinstance(value, list):
        found[id(value)] = path
        for i, v in enumerate(value):
            found.update(_containers(v, f"{path}[{i}]"))
    return found


def _context(renderer: Renderer, job, record: bool) -> tuple[dict, set, list]:
    lenv = renderer.environment(job.locale, job.market)
    lenv.catalog.start_job()
    made = job_context(
        job,
        renderer.project,
        lenv.info,
        lenv.gettext,
        renderer.merge,
        lenv.env.filters,
        lenv.catalog if record else None,
    )
    looked_up = set(lenv.catalog.looked_up)
    return made, looked_up, lenv.catalog.recorder.take_missing()


def test_the_next_variant_gets_its_own_context_and_the_same_lookups(tmp_path):
    root = copy_example(tmp_path / "example")
    campaign = root / "campaigns/black_friday.yaml"  # a string no catalog translates
    text = campaign.read_text(encoding="utf-8")
    campaign.write_text(
        text.replace(
            '    season: "Black Friday"', '    season: "Black Friday"\n    new: "Brand new words"'
        ),
        encoding="utf-8",
    )
    project, pairs = variant_pairs(root)
    shared, alone = Renderer(project), Renderer(project)
    alone.merge = shared.merge  # the same merge tags' placeholders
    missing_seen = event_seen = 0
    for a, b in pairs:
        first = _context(shared, a, record=True)
        second = _context(shared, b, record=True)
        assert context_module._LAST[0].names == (a.campaign, a.locale, a.market)  # kept
        plain = _context(alone, b, record=False)  # no record: worked out afresh
        assert second[0].keys() == plain[0].keys()
        for key in plain[0]:
            assert second[0][key] == plain[0][key], (b.id, key)
            assert type(second[0][key]) is type(plain[0][key])
        assert second[1:] == plain[1:], b.id  # the entries used, the strings missing
        assert second[0]["subject"] != first[0]["subject"]
        # no dict or list of one job's context in the other's, but those the plain path
        # shares too (the campaign's data for the market, `market_data`)
        ours, theirs = _containers(first[0]), _containers(second[0])
        plain_a = _containers(_context(alone, a, record=False)[0])
        plain_shared = {plain_a[i] for i in plain_a.keys() & _containers(plain[0]).keys()}
        assert {ours[i] for i in ours.keys() & theirs.keys()} <= plain_shared
        missing_seen += bool(second[2])
        event_seen += second[0]["event"] is not None
    assert missing_seen and event_seen  # the cases that carry lookups and an event


def test_another_campaign_locale_or_catalog_is_worked_out_afresh(tmp_path):
    project = load_project(copy_example(tmp_path / "example"))
    jobs = plan_jobs(project, Selection(), TODAY).jobs
    renderer = Renderer(project)
    a = jobs[0]
    other = next(j for j in jobs if j.campaign == a.campaign and j.locale != a.locale)
    _context(renderer, a, record=True)
    kept = context_module._LAST[0]
    _context(renderer, other, record=True)
    assert context_module._LAST[0] is not kept
    again = Renderer(project)  # its own catalogs: not the kept record
    _context(again, a, record=True)
    assert context_module._LAST[0].same[4] is again.environment(a.locale, a.market).catalog
