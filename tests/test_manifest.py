"""manifest.py: one entry per job with an explicit kind, merged with the previous build's
manifest the way SPEC 6 describes, and written in the same JSON shape as ever."""

from __future__ import annotations

import json
from dataclasses import fields, replace
from pathlib import Path

import pytest

from mailglot.calendars import Timing
from mailglot.errors import Diagnostic, UsageError
from mailglot.manifest import build_manifest, read_manifest, require_manifest, write_manifest
from mailglot.plan import Job, Plan, Skipped
from mailglot.records import JobPlace, Manifest, ManifestEntry, Review
from mailglot.runner import JobResult
from tests.test_output import sample_meta

BROKEN = Diagnostic("campaigns/promo.yaml", 3, "schema", "error", "markets: expected a list")
FAILURE = Diagnostic("templates/promo.mjml.j2", 12, "template", "error", "'price' is undefined")


def job(campaign: str, locale: str, market: str = "FR") -> Job:
    return Job(campaign, locale, "a", market, f"{campaign}.mjml.j2", Timing(), (), "key")


def result(campaign: str, locale: str, status: str, market: str = "FR") -> JobResult:
    meta = sample_meta(campaign=campaign, locale=locale, market=market, findings=())
    if status == "failed":
        return JobResult(job(campaign, locale, market), "failed", None, (FAILURE,))
    return JobResult(job(campaign, locale, market), status, meta, ())  # type: ignore[arg-type]


def kinds(manifest: Manifest) -> dict[str, tuple[str, bool]]:
    return {e.id: (e.kind, e.stale) for e in manifest.jobs}


def test_every_kind_of_entry_from_one_build() -> None:
    plan = Plan(skipped=[Skipped("promo", "CN", "CN does not observe black_friday")])
    results = [
        result("promo", "fr_FR", "built"),
        result("promo", "de_DE", "unchanged", "DE"),
        result("promo", "ja_JP", "failed", "JP"),
    ]
    manifest = build_manifest(None, plan, results, partial=False)
    assert kinds(manifest) == {
        "promo/de_DE/a": ("unchanged", False),
        "promo/fr_FR/a": ("built", False),
        "promo/ja_JP/a": ("failed", True),
        "promo@CN": ("skipped", False),
    }
    failed = manifest.by_id()["promo/ja_JP/a"]
    assert failed.findings == (FAILURE,)
    assert failed.place == JobPlace("promo", "ja_JP", "a")
    assert not failed.rendered  # never shot, reviewed or checked as current


def test_a_partial_build_keeps_the_entries_it_did_not_touch() -> None:
    first = build_manifest(
        None, Plan(), [result("promo", "fr_FR", "built"), result("news", "fr_FR", "built")], False
    )
    second = build_manifest(first, Plan(), [result("news", "fr_FR", "unchanged")], partial=True)
    assert kinds(second) == {
        "news/fr_FR/a": ("unchanged", False),
        "promo/fr_FR/a": ("built", False),
    }
    full = build_manifest(first, Plan(), [result("news", "fr_FR", "unchanged")], partial=False)
    assert kinds(full) == {"news/fr_FR/a": ("unchanged", False)}


def test_a_campaign_that_stops_loading_keeps_its_jobs_listed_failed_and_stale() -> None:
    first = build_manifest(None, Plan(), [result("promo", "fr_FR", "built")], partial=False)
    broken = Plan(failed={"promo": [BROKEN]})
    second = build_manifest(first, broken, [], partial=False)
    assert kinds(second) == {"promo/fr_FR/a": ("failed", True), "promo@*": ("failed", False)}
    campaign = second.by_id()["promo@*"]
    assert campaign.reason == "the campaign has errors; previous outputs are kept"
    assert campaign.findings == (BROKEN,)
    third = build_manifest(second, Plan(), [result("promo", "fr_FR", "built")], partial=False)
    assert kinds(third) == {"promo/fr_FR/a": ("built", False)}  # it loads again


def test_written_json_keeps_the_shape_users_read(tmp_path: Path) -> None:
    review = Review(current=True, sizes=(("phone", 375, 1200),), shots=(("phone", 0.25),))
    manifest = Manifest(
        (
            ManifestEntry(
                "promo/fr_FR/a",
                "promo",
                "built",
                "FR",
                JobPlace("promo", "fr_FR", "a"),
                findings=(FAILURE,),
                visual=review,
            ),
            ManifestEntry("promo@CN", "promo", "skipped", "CN", reason="CN does not observe it"),
            ManifestEntry(
                "news@*", "news", "failed", reason="the campaign has errors", findings=(BROKEN,)
            ),
        )
    )
    write_manifest(tmp_path, manifest)
    data = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert list(data) == ["mailglot", "jobs", "diagnostics"]
    built, skipped = data["jobs"][1], data["jobs"][2]
    assert data["jobs"][0] == {
        "id": "news@*",
        "campaign": "news",
        "status": "failed",
        "reason": "the campaign has errors",
        "findings": [BROKEN.to_dict()],
    }
    assert list(built) == [
        "id", "campaign", "locale", "market", "variant", "status", "path", "stale", "findings",
        "visual",
    ]  # fmt: skip
    assert built["visual"]["sizes"] == {"phone": [375, 1200]}
    assert built["visual"]["shots"] == {"phone": 0.25}
    assert skipped == {
        "id": "promo@CN",
        "campaign": "promo",
        "market": "CN",
        "status": "skipped",
        "reason": "CN does not observe it",
    }
    assert read_manifest(tmp_path) == Manifest(tuple(sorted(manifest.jobs, key=lambda e: e.id)))


def test_no_manifest_means_nothing_built(tmp_path: Path):
    assert read_manifest(tmp_path) is None
    with pytest.raises(UsageError, match="nothing built yet: run `mailglot build` first"):
        require_manifest(tmp_path)


@pytest.mark.parametrize("content", ["", "{", "[]", '{"jobs": [{"id": 1}]}'])
def test_a_damaged_or_foreign_manifest_is_named(tmp_path: Path, content: str):
    """check, shots, approve and export said "nothing built yet" with a build there."""
    (tmp_path / "manifest.json").write_text(content, encoding="utf-8")
    assert read_manifest(tmp_path) is None
    with pytest.raises(UsageError) as exc:
        require_manifest(tmp_path)
    assert str(exc.value) == (
        f"{tmp_path.name}/manifest.json is damaged or not written by this mailglot, so what "
        "was built is not known: run `mailglot build` to write it again"
    )


@pytest.mark.parametrize(
    "review",
    [None, Review(), Review(changed=True), Review(baseline=True), Review(changed_share=0.5)],
    ids=["none", "never-shot", "changed", "baseline", "share"],
)
def test_every_entry_reads_back_as_written(tmp_path: Path, review: Review | None) -> None:
    entries = tuple(
        ManifestEntry(
            f"promo/{locale}/a",
            "promo",
            "built",
            "FR",
            JobPlace("promo", locale, "a"),
            stale=locale == "fr_CA",
            findings=findings,
            visual=review,
        )
        for locale, findings in (("fr_CA", ()), ("fr_FR", (FAILURE, BROKEN)))
    )
    write_manifest(tmp_path, Manifest(entries, (BROKEN,)))
    assert read_manifest(tmp_path) == Manifest(entries, (BROKEN,))


NEVER_SHOT = Review().to_dict()


@pytest.mark.parametrize(
    "change",
    [
        {"visual": {**NEVER_SHOT, "current": 0}},  # equal to false for ==, still not a boolean
        {"visual": {**NEVER_SHOT, "changed": None}},
        {"visual": {**NEVER_SHOT, "sizes": []}},
        {"stale": 0},
        {"findings": None},
        {"path": None},
        {"path": "promo/../a"},
        {"path": "promo//a"},
    ],
)
def test_an_entry_of_another_shape_makes_the_manifest_unreadable(
    tmp_path: Path, change: dict[str, object]
) -> None:
    entry = ManifestEntry("promo/fr_FR/a", "promo", "built", "FR", JobPlace("promo", "fr_FR", "a"))
    write_manifest(tmp_path, Manifest((replace(entry, visual=Review()),)))
    data = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert read_manifest(tmp_path) is not None
    data["jobs"][0].update(change)
    (tmp_path / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    assert read_manifest(tmp_path) is None


def test_an_entry_reviewed_is_the_entry_with_that_review_and_nothing_else() -> None:
    entry = ManifestEntry(
        "promo/fr_FR/a",
        "promo",
        "failed",
        "FR",
        JobPlace("promo", "fr_FR", "a"),
        stale=True,
        findings=(BROKEN,),
        visual=Review(changed=True),
        reason="why",
    )
    review = Review(current=True, sizes=(("phone", 375, 900),))
    assert entry.reviewed((FAILURE,), review) == replace(entry, findings=(FAILURE,), visual=review)
    assert all(getattr(entry, f.name) != f.default for f in fields(ManifestEntry))  # all set
