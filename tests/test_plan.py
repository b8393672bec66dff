"""plan.py: the build as data. Which jobs exist, which markets are skipped and why, and what
each job's key depends on."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mailglot.errors import UsageError
from mailglot.plan import Selection, plan_jobs, template_closure
from mailglot.project.loader import load_project
from mailglot.records import JobPlace

TODAY = date(2026, 11, 2)


def keys(root: Path) -> dict[str, str]:
    return {j.id: j.key for j in plan_jobs(load_project(root), Selection(), TODAY).jobs}


def test_the_example_plans_every_campaign_locale_and_variant(example: Path) -> None:
    plan = plan_jobs(load_project(example), Selection(), TODAY)
    ids = {j.id for j in plan.jobs}
    assert len(ids) == len(plan.jobs)  # one job per place
    assert {"black_friday/fr_FR/a", "black_friday/fr_FR/b", "winback/ja_JP/a"} <= ids
    assert "black_friday/zh_CN/a" not in ids  # China does not observe Black Friday
    [skip] = plan.skipped
    assert (skip.campaign, skip.market) == ("black_friday", "CN")
    assert skip.reason.startswith("CN does not observe black_friday")
    job = next(j for j in plan.jobs if j.id == "winback/pt_BR/b")
    assert job.place == JobPlace("winback", "pt_BR", "b")
    assert job.market == "BR"
    assert dict(job.inputs)["locales/pt_BR/LC_MESSAGES/messages.po"] != "absent"
    assert not plan.failed


def test_pseudo_locales_mail_the_source_market(example: Path) -> None:
    plan = plan_jobs(load_project(example), Selection(locales=("en_XA", "ar_XB")), TODAY)
    assert {j.market for j in plan.jobs} == {"US"}
    assert {j.locale for j in plan.jobs} == {"en_XA", "ar_XB"}


def test_a_selection_naming_something_unknown_is_a_usage_error(example: Path) -> None:
    with pytest.raises(UsageError, match=r"unknown campaign 'promo'; known: black_friday, "):
        plan_jobs(load_project(example), Selection(campaigns=("promo",)), TODAY)
    with pytest.raises(UsageError, match=r"unknown locale 'fr_CA'"):
        plan_jobs(load_project(example), Selection(locales=("fr_CA",)), TODAY)


def test_a_job_key_follows_exactly_the_files_it_reads(example: Path) -> None:
    before = keys(example)
    partial = example / "templates/partials/cta.mjml.j2"
    partial.write_text(partial.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after = keys(example)
    closure = template_closure(example / "templates")
    project = load_project(example)
    users = {
        cid
        for cid, campaign in project.campaigns.items()
        if "partials/cta.mjml.j2" in closure[campaign.template]
    }
    changed = {i.split("/")[0] for i in before if before[i] != after[i]}
    assert users and changed == users
    catalog = example / "locales/de_DE/LC_MESSAGES/messages.po"
    catalog.write_text(catalog.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = keys(example)
    assert {i for i in after if after[i] != again[i]} == {i for i in after if "/de_DE/" in i}


def test_the_send_date_is_part_of_the_key(example: Path) -> None:
    """A rebuild on another day moves days_left for event campaigns, and only for them."""
    project = load_project(example)
    one = {j.id: j.key for j in plan_jobs(project, Selection(), TODAY).jobs}
    two = {j.id: j.key for j in plan_jobs(project, Selection(), date(2026, 11, 3)).jobs}
    changed = {i.split("/")[0] for i in one if one[i] != two[i]}
    assert "black_friday" in changed and "winback" not in changed
