"""`asset()` given a folder of templates/assets/ says it is a folder and names a file in it:
`asset('posters')` said 'no file templates/assets/posters (no folder templates/assets/)',
though both folders are there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

TEMPLATE = "templates/recommendations.mjml.j2"
CALL = "{{ asset('posters/' ~ pick.id ~ '.png') }}"


def _message(cli, project: Path, call: str) -> str:
    template = project / TEMPLATE
    text = template.read_text(encoding="utf-8")
    assert CALL in text
    template.write_text(text.replace(CALL, call), encoding="utf-8")
    result = cli(project, "build", "--no-screenshots", "--campaign", "recommendations", "--json")
    assert result.exit_code == 1, result.output
    found = {
        (f["path"], f["line"], f["code"], f["message"])
        for f in json.loads(result.stdout)["findings"]
    }
    [(path, line, code, message)] = found
    assert (path, line, code) == (TEMPLATE, 13, "template")
    return message


@pytest.mark.parametrize("folder", ["posters", "posters/"])
def test_a_folder_is_told_as_a_folder(example: Path, cli, folder: str):
    assert _message(cli, example, f"{{{{ asset({folder!r}) }}}}") == (
        f"asset({folder!r}): templates/assets/posters is a folder; name a file in it, "
        "like 'posters/lighthouse.png'"
    )


def test_a_missing_name_at_the_top_names_the_folders_there(example: Path, cli):
    assert _message(cli, example, "{{ asset('zzz.png') }}") == (
        "asset('zzz.png'): no file templates/assets/zzz.png (templates/assets/ holds the "
        "folders posters/)"
    )
