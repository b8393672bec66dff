"""`asset(path)` names a file under templates/assets/, checked without screenshots: a missing
picture or a path made from data that leaves the folder fails the job at the template line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

TEMPLATE = "templates/recommendations.mjml.j2"
CALL = "{{ asset('posters/' ~ pick.id ~ '.png') }}"


def _errors(cli, project: Path) -> list[dict]:
    result = cli(project, "build", "--no-screenshots", "--campaign", "recommendations", "--json")
    assert result.exit_code == 1, result.output
    found = json.loads(result.stdout)["findings"]
    assert all(f["severity"] == "error" for f in found)
    assert "recommendations/en_US/a" in {f["job"] for f in found}
    unique = {(f["path"], f["line"], f["code"], f["message"]): f for f in found}
    return list(unique.values())


def _use(project: Path, call: str) -> None:
    template = project / TEMPLATE
    text = template.read_text(encoding="utf-8")
    assert CALL in text
    template.write_text(text.replace(CALL, call), encoding="utf-8")


def _pick_id(project: Path, new: str) -> None:
    campaign = project / "campaigns/recommendations.yaml"
    text = campaign.read_text(encoding="utf-8")
    assert "{id: orbit9," in text
    campaign.write_text(text.replace("{id: orbit9,", f"{{id: {new},"), encoding="utf-8")


def test_a_missing_asset_fails_its_jobs_at_the_template_line(example: Path, cli):
    _use(example, "{{ asset('posters/orbit.png') }}")
    [error] = _errors(cli, example)
    assert (error["path"], error["line"], error["code"]) == (TEMPLATE, 13, "template")
    assert error["message"] == (
        "asset('posters/orbit.png'): no file templates/assets/posters/orbit.png"
        " (did you mean 'posters/orbit9.png'?)"
    )


def test_a_missing_asset_with_nothing_close_names_what_its_folder_holds(example: Path, cli):
    _pick_id(example, "zz")
    [error] = _errors(cli, example)
    assert error["message"] == (
        "asset('posters/zz.png'): no file templates/assets/posters/zz.png"
        " (templates/assets/posters/ holds lighthouse.png, night_market.png, orbit9.png)"
    )


def test_a_path_from_data_that_leaves_the_assets_folder_is_refused(example: Path, cli):
    _pick_id(example, '"../../../../../../etc/hostname#"')
    [error] = _errors(cli, example)
    assert (error["path"], error["line"]) == (TEMPLATE, 13)
    assert error["message"] == (
        "asset('posters/../../../../../../etc/hostname#.png'):"
        " '..' would leave templates/assets/; name a file under it"
    )


def test_a_missing_folder_is_told_with_the_closest_path(example: Path, cli):
    _use(example, "{{ asset('poster/orbit9.png') }}")
    [error] = _errors(cli, example)
    assert error["message"] == (
        "asset('poster/orbit9.png'): no file templates/assets/poster/orbit9.png"
        " (did you mean 'posters/orbit9.png'?)"
    )


@pytest.mark.parametrize(
    ("call", "why"),
    [
        ("https://cdn.example/x.png", "a URL, not a path under templates/assets/"),
        ("/posters/orbit9.png", "an absolute path; name the file from templates/assets/ on"),
        ("posters/orbit9.png#top", "'#' in the path; asset() takes the file's path alone"),
        ("posters/orbit9.png?v=2", "'?' in the path; asset() takes the file's path alone"),
        ("posters\\\\orbit9.png", "a backslash; paths under templates/assets/ use '/'"),
        ("posters/./orbit9.png", "'.' or '//' in the path"),
        ("", "an empty path"),
    ],
)
def test_what_is_not_a_plain_path_is_told(example: Path, cli, call: str, why: str):
    _use(example, "{{ asset('" + call + "') }}")
    [error] = _errors(cli, example)
    assert error["line"] == 13
    assert why in error["message"], error["message"]


def test_an_asset_added_later_is_found_by_the_next_build(example: Path, cli):
    """The listing is kept per loaded project: a new file under templates/assets/ counts."""
    _use(example, "{{ asset('posters/new.png') }}")
    assert _errors(cli, example)
    (example / "templates/assets/posters/new.png").write_bytes(
        (example / "templates/assets/posters/orbit9.png").read_bytes()
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "recommendations")
    assert result.exit_code == 0, result.output
    html = (example / "build/recommendations/en_US/a/email.html").read_text(encoding="utf-8")
    assert 'src="https://cdn.streamly.example/email/posters/new.png"' in html


def test_an_asset_removed_later_fails_the_next_build(example: Path, cli):
    """The listing is not kept across builds of one process (serve, or this test's runner)."""
    result = cli(example, "build", "--no-screenshots", "--campaign", "recommendations")
    assert result.exit_code == 0, result.output
    (example / "templates/assets/posters/orbit9.png").unlink()
    [error] = _errors(cli, example)
    assert error["message"].startswith(
        "asset('posters/orbit9.png'): no file templates/assets/posters/orbit9.png"
    )


def test_a_folder_linked_out_of_the_project_is_not_listed_but_reported(
    example: Path, cli, tmp_path: Path
):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.png").write_bytes(b"\x89PNG")
    (example / "templates/assets/ext").symlink_to(elsewhere)
    _use(example, "{{ asset('ext/x.png') }}")
    [error] = _errors(cli, example)
    assert (error["path"], error["code"]) == ("templates/assets/ext/x.png", "asset.outside")
