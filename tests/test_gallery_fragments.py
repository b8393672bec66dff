"""gallery/fragments.py: the page data of jobs a rebuild left alone is reused as text, and
the page is the same bytes as one made from parsed data; a file mailglot did not write as it
is gets parsed as before."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mailglot import gallery
from mailglot.build import BuildOptions, build
from mailglot.buildstate import STATE
from mailglot.errors import Diagnostic
from mailglot.gallery import fragments
from mailglot.records import JobPlace, ManifestEntry
from tests.conftest import TODAY
from tests.test_shard import files_under, small_project

OPTIONS = BuildOptions(workers=1, screenshots=False, today=TODAY)
HEAD, TAIL = "window.MAILGLOT = ", ";\n"
NASTY = ', "stale": true}, {"baseline": </script> \\" "id": "x", "lang": \u2028 é'


def job(job_id: str, text: str) -> dict[str, object]:
    keys = sorted(gallery._JOB_KEYS)
    data: dict[str, object] = dict.fromkeys(keys, text)
    data.update(id=job_id, findings=[], review={"phone": 0.5}, shots={"phone": [375, 900]})
    data.update(stale=False, status="built", eml=True, html_bytes=12)
    return data


def test_each_job_object_is_cut_where_json_puts_it(tmp_path: Path) -> None:
    jobs = [job("c/fr_FR/a", NASTY), job("c/fr_FR/b", "plain"), job(NASTY, NASTY)]
    data = {"brand": NASTY, "jobs": jobs, "screenshots": {}, "sender": "x", "skipped": []}
    written = f"{HEAD}{fragments.encode(data)}{TAIL}".encode()
    (tmp_path / "gallery-data.js").write_bytes(written)
    fragments.seal(tmp_path, written)
    kept = fragments.previous(tmp_path, tmp_path / "gallery-data.js", HEAD, TAIL)
    assert kept is not None
    assert {k: v.text for k, v in kept.items()} == {j["id"]: fragments.encode(j) for j in jobs}
    problem = Diagnostic("locales/fr.po", 3, "l10n.missing", "warning", NASTY)
    entry = ManifestEntry(
        "c/fr_FR/a", "c", "unchanged", "FR", JobPlace("c", "fr_FR", "a"), True, (problem,)
    )
    expected = fragments.encode(gallery._restated(jobs[0], entry))
    assert fragments.restated(kept["c/fr_FR/a"], entry) == expected
    assert fragments.assemble(
        {k: v for k, v in data.items() if k != "jobs"}, [v.text for v in kept.values()]
    ) == fragments.encode(data)


@pytest.mark.parametrize("damage", ["edited", "unsealed", "cut"])
def test_a_file_other_than_the_one_sealed_is_not_cut(tmp_path: Path, damage: str) -> None:
    data = {"brand": "b", "jobs": [job("c/fr_FR/a", "t")], "screenshots": {}, "sender": "x"}
    written = f"{HEAD}{fragments.encode({**data, 'skipped': []})}{TAIL}".encode()
    path = tmp_path / "gallery-data.js"
    path.write_bytes(written)
    fragments.seal(tmp_path, written)
    assert fragments.previous(tmp_path, path, HEAD, TAIL) is not None
    if damage == "edited":
        path.write_bytes(written.replace(b'"t"', b'"u"'))
    elif damage == "unsealed":
        (tmp_path / fragments.SEAL).unlink()
    else:
        path.write_bytes(written[:-10])
    assert fragments.previous(tmp_path, path, HEAD, TAIL) is None


def _rebuild_after_a_change(tmp_path: Path, cli) -> tuple[Path, Path]:
    """A project built, its promo campaign changed, and a twin without a build state (whose
    rebuild parses or reads every job)."""
    project = small_project(tmp_path, cli, "p")
    po = project / "locales/fr_FR/LC_MESSAGES/messages.po"
    text = po.read_text(encoding="utf-8")  # findings in the jobs whose text is reused
    po.write_text(text.replace('msgstr "Voici comment bien démarrer."', 'msgstr ""'), "utf-8")
    build(project, OPTIONS)
    promo = project / "campaigns/promo.yaml"
    promo.write_text(promo.read_text().replace("Hello from Acme", "Hi from Acme"))
    twin = tmp_path / "twin"
    shutil.copytree(project, twin, symlinks=True)
    (twin / "build" / STATE).unlink()
    return project, twin


def test_a_rebuild_reuses_the_text_and_writes_the_same_page(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, twin = _rebuild_after_a_change(tmp_path, cli)

    def never(out: Path) -> None:
        raise AssertionError("parsed instead of cut")

    monkeypatch.setattr(gallery, "_previous_jobs", never)
    build(project, OPTIONS)
    monkeypatch.undo()
    build(twin, OPTIONS)
    assert files_under(project / "build") == files_under(twin / "build")
    page = (project / "build/gallery-data.js").read_text(encoding="utf-8")
    jobs = json.loads(page.removeprefix(HEAD).removesuffix(TAIL))["jobs"]
    welcome = [j for j in jobs if j["id"].startswith("welcome/")]
    assert welcome and {j["status"] for j in welcome} == {"unchanged"}
    assert any(j["findings"] for j in welcome)


def test_an_edited_page_is_parsed_as_before(tmp_path: Path, cli) -> None:
    """Edited by hand, the page is no longer the one sealed: its jobs are parsed and reused
    with the edit, as before fragments.py."""
    project, _ = _rebuild_after_a_change(tmp_path, cli)
    page = project / "build/gallery-data.js"
    page.write_text(page.read_text(encoding="utf-8").replace("Acme", "Acme (edited)"))
    build(project, OPTIONS)
    jobs = json.loads(page.read_text(encoding="utf-8").removeprefix(HEAD).removesuffix(TAIL))
    welcome = [j for j in jobs["jobs"] if j["id"].startswith("welcome/")]
    assert welcome and all("(edited)" in j["text"] for j in welcome)
    assert not any("(edited)" in j["text"] for j in jobs["jobs"] if j not in welcome)
