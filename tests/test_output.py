"""output.py: writes are whole or absent, never outside build/, and meta.json has one reader
and one writer that agree."""

from __future__ import annotations

import errno
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from mailglot.errors import Diagnostic
from mailglot.output import (
    OutputError,
    atomic_write,
    read_meta,
    write_files,
    write_meta,
)
from mailglot.pruning import Pruning, prune
from mailglot.records import EventMeta, JobMeta, JobPlace, Review

PLACE = JobPlace("winback", "fr_FR", "a")


def sample_meta(**changes: object) -> JobMeta:
    meta = JobMeta(
        campaign="winback",
        locale="fr_FR",
        market="FR",
        variant="a",
        template="winback.mjml.j2",
        lang="fr-FR",
        dir="ltr",
        subject="{{first_name}}, votre liste vous attend",
        subject_preview="Alex, votre liste vous attend",
        preheader="Votre profil est resté tel quel.",
        preheader_preview="Votre profil est resté tel quel.",
        send_at="2026-11-26T09:00:00+01:00",
        send_at_utc="2026-11-26T08:00:00Z",
        event=EventMeta("black_friday", "Black Friday", "2026-11-27", 1),
        send_note=None,
        html_bytes=18293,
        text_bytes=727,
        inputs=(("mailglot.yaml", "ab12"), ("campaigns/winback.yaml", "cd34")),
        key="k1",
        mailglot="0.1.0",
        findings=(
            Diagnostic("build/winback/fr_FR/a/email.html", None, "a11y.alt", "warning", "x"),
        ),
        visual=Review(current=True, sizes=(("phone", 375, 900),), shots=(("phone", None),)),
    )
    return replace(meta, **changes)


def test_atomic_write_writes_whole_files_and_skips_identical_content(tmp_path: Path) -> None:
    out = tmp_path / "build"
    target = out / "c/l/v/email.html"
    assert atomic_write(target, b"<p>one</p>", out) is True
    mtime = target.stat().st_mtime_ns
    assert atomic_write(target, b"<p>one</p>", out) is False  # unchanged: not rewritten
    assert target.stat().st_mtime_ns == mtime
    assert atomic_write(target, b"<p>two</p>", out) is True
    assert target.read_bytes() == b"<p>two</p>"
    assert [p.name for p in target.parent.iterdir()] == ["email.html"]  # no temporary left


def test_a_fifo_in_place_of_an_output_is_replaced_without_waiting(tmp_path: Path) -> None:
    """Comparing with what is there must not block on a named pipe left in build/."""
    out = tmp_path / "build"
    out.mkdir()
    os.mkfifo(out / "email.txt")
    assert atomic_write(out / "email.txt", b"Hello", out)  # returns at once, no reader waits
    assert (out / "email.txt").read_bytes() == b"Hello"


def test_a_failed_write_leaves_the_previous_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "build"
    target = out / "c/l/v/email.txt"
    atomic_write(target, b"previous", out)

    def interrupted(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(OutputError, match=r"cannot write .*email\.txt: No space left on device"):
        atomic_write(target, b"new, never seen half-written", out)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in target.parent.iterdir()] == ["email.txt"]


@pytest.mark.parametrize("escape", ["../outside.txt", "c/../../outside.txt", "/tmp/elsewhere.txt"])
def test_nothing_is_written_outside_the_output_folder(tmp_path: Path, escape: str) -> None:
    out = tmp_path / "build"
    out.mkdir()
    with pytest.raises(ValueError, match="refusing to write outside the output folder"):
        atomic_write(out / escape, b"x", out)
    assert not (tmp_path / "outside.txt").exists()


def test_meta_json_round_trips_through_its_one_writer_and_reader(tmp_path: Path) -> None:
    out = tmp_path / "build"
    meta = sample_meta()
    write_meta(out, meta)
    assert read_meta(out, PLACE) == meta
    data = json.loads((out / PLACE.rel / "meta.json").read_text(encoding="utf-8"))
    assert list(data)[:4] == ["campaign", "locale", "market", "variant"]
    assert data["findings"][0] == {
        "path": "build/winback/fr_FR/a/email.html",
        "line": None,
        "code": "a11y.alt",
        "severity": "warning",
        "message": "x",
    }
    assert data["event"] == {
        "id": "black_friday",
        "name": "Black Friday",
        "date": "2026-11-27",
        "days_left": 1,
    }
    assert data["visual"]["sizes"] == {"phone": [375, 900]}
    assert data["inputs"] == {"mailglot.yaml": "ab12", "campaigns/winback.yaml": "cd34"}


@pytest.mark.parametrize(
    "content",
    [
        "",  # an interrupted write by another tool
        "{not json",
        "[]",  # JSON, but not an object
        '{"campaign": "winback"}',  # an older or foreign layout
        None,  # the right keys with a wrong type (below)
    ],
)
def test_a_corrupt_or_foreign_meta_json_counts_as_absent(
    tmp_path: Path, content: str | None
) -> None:
    out = tmp_path / "build"
    write_meta(out, sample_meta())
    path = out / PLACE.rel / "meta.json"
    if content is None:
        data = json.loads(path.read_text(encoding="utf-8"))
        data["html_bytes"] = "18293"
        content = json.dumps(data)
    path.write_text(content, encoding="utf-8")
    assert read_meta(out, PLACE) is None


def test_a_meta_json_of_another_job_is_not_this_jobs(tmp_path: Path) -> None:
    out = tmp_path / "build"
    write_meta(out, sample_meta())
    moved = out / "winback/de_DE/a"
    moved.mkdir(parents=True)
    (out / PLACE.rel / "meta.json").rename(moved / "meta.json")
    assert read_meta(out, JobPlace("winback", "de_DE", "a")) is None


def test_write_files_does_not_write_meta_json(tmp_path: Path) -> None:
    """meta.json comes last, after review: until then the job counts as not built."""
    out = tmp_path / "build"
    write_files(out, PLACE, {"email.html": b"<p>x</p>", "email.txt": b"x"})
    assert sorted(p.name for p in (out / PLACE.rel).iterdir()) == ["email.html", "email.txt"]


def test_pruning_found_before_the_workers_leaves_what_they_write_alone(tmp_path: Path) -> None:
    """A whole build looks for what to prune before its workers write (pruning.Pruning) and
    removes it after: a job folder or temporary that appears meanwhile (a live worker's) is
    not touched, what was there before goes."""
    out = tmp_path / "build"
    for rel in ("winback/fr_FR/a", "promo/fr_FR/a"):
        (out / rel).mkdir(parents=True)
        (out / rel / "meta.json").write_text("{}", encoding="utf-8")
    (out / "winback/fr_FR/.b.4242-1.tmp").mkdir()  # a killed build's
    pruning = Pruning.find(out, {JobPlace("winback", "fr_FR", "a")}, set())
    live = out / "winback/fr_FR/.c.4243-1.tmp"  # a worker's, still being filled
    live.mkdir()
    (live / "email.html").write_text("<p>x</p>", encoding="utf-8")
    (out / "promo/de_DE/a").mkdir(parents=True)  # written meanwhile: not known to this look
    (out / "promo/de_DE/a/meta.json").write_text("{}", encoding="utf-8")
    assert pruning.remove() == ["promo/fr_FR/a"]
    assert sorted(os.listdir(out / "winback/fr_FR")) == [".c.4243-1.tmp", "a"]
    assert (live / "email.html").is_file()
    assert os.listdir(out / "promo") == ["de_DE"]


def test_prune_removes_jobs_the_plan_dropped_and_keeps_failed_campaigns(tmp_path: Path) -> None:
    out = tmp_path / "build"
    for rel in ("winback/fr_FR/a", "winback/de_DE/a", "promo/fr_FR/a", "broken/fr_FR/a"):
        (out / rel).mkdir(parents=True)
        (out / rel / "meta.json").write_text("{}", encoding="utf-8")
    (out / "index.html").write_text("gallery", encoding="utf-8")
    removed = prune(out, {JobPlace("winback", "fr_FR", "a")}, {"broken"})
    assert removed == ["promo/fr_FR/a", "winback/de_DE/a"]
    assert not (out / "promo").exists()  # empty parents go too
    assert not (out / "winback/de_DE").exists()
    assert (out / "winback/fr_FR/a/meta.json").is_file()
    assert (out / "broken/fr_FR/a/meta.json").is_file()
    assert (out / "index.html").is_file()
