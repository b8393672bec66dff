"""approve and jobs that failed: their earlier baselines stay, and the user is told.

approve used to pass only the rendered jobs to the baseline step, which removed every other
folder of the campaign under approved/: a job that merely failed in the last build lost its
committed baseline ("1 stale baseline(s) removed", approved/welcome/fr_FR/ left empty)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import run_cli

SHOTS = ["dark-desktop.png", "dark-phone.png", "desktop.png", "phone.png"]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.png")}


def test_a_failed_job_keeps_its_baseline_and_approve_says_so(
    fixture_project: Callable[[str], Path],
) -> None:
    root = fixture_project("review")
    assert run_cli(root, "build", "--jobs", "1").exit_code == 0
    assert run_cli(root, "approve").exit_code == 0
    approved = root / "approved"
    before = _snapshot(approved)
    assert len(before) == 24

    # welcome/fr_FR/a fails (an undefined name in French only); its old files stay in build/
    template = root / "templates/welcome.mjml.j2"
    original = template.read_text(encoding="utf-8")
    intro = "<mj-text>{{ data.strings.intro }}</mj-text>"
    broken = (
        '<mj-text>{{ data.strings.intro }}{% if locale.code == "fr_FR" %}{{ broken }}'
        "{% endif %}</mj-text>"
    )
    template.write_text(original.replace(intro, broken), encoding="utf-8")
    built = run_cli(root, "build")
    assert built.exit_code == 1
    assert (
        "'broken' is not defined: not a value templates are given, nor set before this line "
        "[error: template] (1 job: welcome/fr_FR/a)"
    ) in built.output

    result = run_cli(root, "approve")
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"mailglot: approved the screenshots of 5 job(s) -> {approved} (commit it)\n"
        "mailglot: warning: 1 job(s) failed in the last build and were not approved: "
        "welcome/fr_FR/a; baselines kept as they were: approved/welcome/fr_FR/a (fix them, "
        "build, then approve again)\n"
    )
    assert sorted(p.name for p in (approved / "welcome/fr_FR/a").iterdir()) == SHOTS
    assert _snapshot(approved) == before  # nothing moved: the other jobs looked the same

    document = json.loads(run_cli(root, "approve", "--campaign", "welcome", "--json").stdout)
    summary = document["summary"]
    assert summary["approved"] == ["welcome/ar_XB/a", "welcome/en_US/a"]
    assert summary["failed"] == ["welcome/fr_FR/a"]
    assert summary["kept"] == ["approved/welcome/fr_FR/a"]
    assert summary["removed"] == []
    quiet = run_cli(root, "approve", "--quiet")
    assert quiet.exit_code == 0 and quiet.output == ""
    assert _snapshot(approved) == before

    # a job the plan no longer has (a locale dropped) is still removed
    gone = approved / "welcome/de_DE/a"
    gone.mkdir(parents=True)
    (gone / "phone.png").write_bytes(b"old")
    result = run_cli(root, "approve", "--campaign", "welcome")
    assert result.exit_code == 0
    assert ", 1 stale baseline(s) removed\n" in result.output
    assert not gone.exists() and (approved / "welcome/fr_FR/a/phone.png").is_file()

    # fixed and rebuilt: approved like the others, no warning
    template.write_text(original, encoding="utf-8")
    assert run_cli(root, "build").exit_code == 0
    result = run_cli(root, "approve")
    assert result.output == (
        f"mailglot: approved the screenshots of 6 job(s) -> {approved} (commit it)\n"
    )


def test_a_campaign_that_no_longer_loads_keeps_every_baseline(
    fixture_project: Callable[[str], Path],
) -> None:
    root = fixture_project("review")
    assert run_cli(root, "build").exit_code == 0
    assert run_cli(root, "approve").exit_code == 0
    before = _snapshot(root / "approved")
    campaign = root / "campaigns/welcome.yaml"
    campaign.write_text(campaign.read_text(encoding="utf-8") + "unknown_key: 1\n", "utf-8")
    assert run_cli(root, "build").exit_code == 1

    result = run_cli(root, "approve")
    assert result.exit_code == 0, result.output
    assert result.output.endswith(
        "mailglot: warning: 4 job(s) failed in the last build and were not approved: "
        "welcome/ar_XB/a, welcome/en_US/a, welcome/fr_FR/a, welcome@*; baselines kept as they "
        "were: approved/welcome/ar_XB/a, approved/welcome/en_US/a, approved/welcome/fr_FR/a "
        "(fix them, build, then approve again)\n"
    )
    assert _snapshot(root / "approved") == before
