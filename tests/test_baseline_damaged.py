"""Baselines that are not what they seem, and approve over paths it cannot write.

A Git LFS pointer where an approved PNG goes (a clone without git-lfs), a truncated PNG, a
small PNG declaring a huge image: build, `build --no-screenshots` and shots stopped with
Pillow's traceback, the whole build with them. approve over a folder named `phone.png`, or an
`approved` that is a file, stopped with a traceback after overwriting the baselines of every
job sorted before it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from PIL import Image

from tests.conftest import run_cli
from tests.unreadable import lines, run_with

LFS = (
    "version https://git-lfs.github.com/spec/v1\n"
    "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
    "size 71630\n"
)
FIX = "run `mailglot approve` to take the current screenshots as the baseline"


def approved_copy(review_shots: Path, tmp_path: Path) -> Path:
    """The session's shot build of tests/projects/review, copied, with its shots approved."""
    root = tmp_path / "review"
    shutil.copytree(review_shots, root, ignore=shutil.ignore_patterns("approved"))
    result = run_cli(root, "approve")
    assert result.exit_code == 0, result.output
    return root


def snapshot(folder: Path) -> dict[str, bytes | None]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None
        for p in sorted(folder.rglob("*"))
    }


def visual(root: Path, job: str) -> dict:
    return json.loads((root / "build" / job / "meta.json").read_text(encoding="utf-8"))["visual"]


def test_damaged_baselines_are_findings_and_the_build_goes_on(
    review_shots: Path, tmp_path: Path
) -> None:
    root = approved_copy(review_shots, tmp_path)
    approved = root / "approved"
    (approved / "welcome/fr_FR/a/phone.png").write_text(LFS)
    for shot in approved.glob("welcome/ar_XB/a/*.png"):  # every baseline of a job
        shot.write_text(LFS)
    desktop = approved / "welcome/en_US/a/desktop.png"
    desktop.write_bytes(desktop.read_bytes()[:3000])
    Image.new("1", (20000, 10000)).save(approved / "notice/en_US/a/phone.png")  # 24 KB
    (approved / "notice/fr_FR/a/dark-phone.png").write_text("<html>not found</html>")

    expected = [
        "approved/notice/en_US/a/phone.png: a PNG of 20000x10000 pixels, larger than any "
        "screenshot (at most 3000x16000); not decoded: the phone shot is compared with "
        f"nothing; {FIX} [error: shots.baseline] (1 job: notice/en_US/a)",
        "approved/notice/fr_FR/a/dark-phone.png: not a PNG: the dark-phone shot is compared "
        f"with nothing; {FIX} [error: shots.baseline] (1 job: notice/fr_FR/a)",
        "approved/welcome/en_US/a/desktop.png: a damaged PNG (image file is truncated): the "
        f"desktop shot is compared with nothing; {FIX} [error: shots.baseline] (1 job: "
        "welcome/en_US/a)",
        "approved/welcome/fr_FR/a/phone.png: not a PNG but a Git LFS pointer to one: the phone "
        "shot is compared with nothing; run `git lfs pull` to fetch the approved image, or "
        "`mailglot approve` to take the current screenshots as the baseline [error: "
        "shots.baseline] (1 job: welcome/fr_FR/a)",
    ]
    for args in (("build", "--no-screenshots"), ("shots",), ("build",)):
        result = run_cli(root, *args)
        assert "Traceback" not in result.output
        said = sorted(line for line in result.output.splitlines() if line.startswith("approved/"))
        if args == ("shots",):  # shots prints each job's findings, not grouped
            expected_here = [line.rsplit(" (1 job", 1)[0] for line in expected]
        else:
            expected_here = expected
        lfs_job = [line for line in said if line.startswith("approved/welcome/ar_XB/a/")]
        assert len(lfs_job) == 4, result.output
        assert [line for line in said if line not in lfs_job] == expected_here, args
        # shots exits 1 only for shots it could not take; build for any error
        assert result.exit_code == (0 if args == ("shots",) else 1), (args, result.output)
    assert "6 unchanged" in result.output  # no job failed, none was left out

    v = visual(root, "welcome/fr_FR/a")
    assert v["baseline"] is True and v["shots"]["phone"] is None and v["shots"]["desktop"] == 0
    assert v["changed"] is True  # a shot not compared still asks for a look
    v = visual(root, "welcome/ar_XB/a")
    assert v["baseline"] is False and v["changed"] is False
    assert set(v["shots"].values()) == {None}
    assert not (root / "build/notice/en_US/a/diff-phone.png").exists()

    result = run_cli(root, "approve")
    assert result.exit_code == 0, result.output
    result = run_cli(root, "build", "--no-screenshots")
    assert result.exit_code == 0, result.output
    assert "approved/" not in result.output
    assert visual(root, "welcome/ar_XB/a")["baseline"] is True

    # the build's own screenshot cut short: that shot is not compared, the build goes on
    shot = root / "build/welcome/en_US/a/phone.png"
    shot.write_bytes(shot.read_bytes()[:3000])
    result = run_cli(root, "shots")  # the build itself is a no-op: its inputs did not change
    assert result.exit_code == 0, result.output
    assert (
        "build/welcome/en_US/a/phone.png: warning: a damaged PNG (image file is truncated): the "
        "phone shot is not compared with its baseline; delete it and run `mailglot shots` to "
        "take it again [shots.failed]"
    ) in result.output
    assert visual(root, "welcome/en_US/a")["shots"]["phone"] is None
    shot.unlink()
    assert run_cli(root, "shots").exit_code == 0
    assert visual(root, "welcome/en_US/a")["shots"]["phone"] == 0


def test_approve_checks_every_target_before_writing_any(review_shots: Path, tmp_path: Path) -> None:
    root = approved_copy(review_shots, tmp_path)
    approved = root / "approved"
    for png in approved.rglob("*.png"):  # an earlier look: approve would replace each one
        Image.new("RGB", (4, 4), "white").save(png)
    (approved / "welcome/fr_FR/a/phone.png").unlink()
    (approved / "welcome/fr_FR/a/phone.png").mkdir()
    before = snapshot(approved)

    result = run_cli(root, "approve")
    assert (result.exit_code, result.output) == (
        2,
        "mailglot: approved/welcome/fr_FR/a/phone.png is a folder, where approve writes the "
        "phone screenshot of welcome/fr_FR/a: move it away, then approve again (nothing was "
        "approved)\n",
    )
    assert snapshot(approved) == before  # notice/*, sorted first, not overwritten either
    result = run_cli(root, "approve", "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["summary"]["error"].startswith(
        "approved/welcome/fr_FR/a/phone.png is a folder"
    )

    (approved / "welcome/fr_FR/a/phone.png").rmdir()
    (approved / "notice/en_US/a/old.png").mkdir()  # an old shot approve would remove
    result = run_cli(root, "approve")
    assert result.exit_code == 2
    assert result.output == (
        "mailglot: approved/notice/en_US/a/old.png is a folder, where approve writes the old "
        "screenshot of notice/en_US/a: move it away, then approve again (nothing was "
        "approved)\n"
    )
    (approved / "notice/en_US/a/old.png").rmdir()

    shutil.rmtree(approved / "welcome/fr_FR")
    (approved / "welcome/fr_FR").write_text("x")
    before = snapshot(approved)
    result = run_cli(root, "approve")
    assert (result.exit_code, result.output) == (
        2,
        "mailglot: approved/welcome/fr_FR is a file, where approve keeps baselines in a "
        "folder: move it away, then approve again (nothing was approved)\n",
    )
    assert snapshot(approved) == before

    shutil.rmtree(approved)
    approved.write_text("x")
    result = run_cli(root, "approve")
    assert (result.exit_code, result.output) == (
        2,
        "mailglot: approved is a file, where approve keeps baselines in a folder: move it "
        "away, then approve again (nothing was approved)\n",
    )
    assert approved.read_text() == "x"

    approved.unlink()
    result = run_cli(root, "approve")
    assert result.exit_code == 0, result.output
    shots = sorted(p.relative_to(approved).as_posix() for p in approved.rglob("*"))
    assert not [s for s in shots if s.rsplit("/", 1)[-1].startswith(".")]  # no temporaries
    for png in approved.rglob("*.png"):
        rel = png.relative_to(approved)
        assert png.read_bytes() == (root / "build" / rel).read_bytes(), rel


def test_approve_replaces_each_baseline_whole(review_shots: Path, tmp_path: Path) -> None:
    """A baseline is renamed into place (a new file), never rewritten in place, and one
    already identical is left as it is."""
    root = approved_copy(review_shots, tmp_path)
    changed = root / "approved/welcome/fr_FR/a/phone.png"
    Image.new("RGB", (4, 4), "white").save(changed)
    same = root / "approved/welcome/fr_FR/a/desktop.png"
    inodes = {changed: changed.stat().st_ino, same: same.stat().st_ino}
    assert run_cli(root, "approve").exit_code == 0
    assert changed.stat().st_ino != inodes[changed]
    assert changed.read_bytes() == (root / "build/welcome/fr_FR/a/phone.png").read_bytes()
    assert same.stat().st_ino == inodes[same]


def test_approve_in_a_folder_it_may_not_write_changes_nothing(
    review_shots: Path, tmp_path: Path
) -> None:
    root = approved_copy(review_shots, tmp_path)
    approved = root / "approved"
    for png in approved.rglob("*.png"):
        Image.new("RGB", (4, 4), "white").save(png)
    before = snapshot(approved)
    result = run_with(root, "approved/welcome/fr_FR/a", 0o555, "approve")
    assert result.returncode == 2
    assert lines(result) == [
        "mailglot: approved/welcome/fr_FR/a: approve may not write in this folder (permission "
        "denied): give yourself write access, then approve again (nothing was approved)"
    ]
    assert snapshot(approved) == before
