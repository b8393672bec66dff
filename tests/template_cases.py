"""One build of a copy of the example for many template cases: each case is its own
template (its body on line 2, inside the layout's content block) and its own campaign (a copy
of renewal), built together with renewal for fr_FR, so each failure is told at its own line
and renewal shows the rest still builds."""

from __future__ import annotations

from pathlib import Path

from conftest import copy_example, run_cli

_WRAP = '{% extends "layouts/base.mjml.j2" %}{% block content %}\n'
_END = "\n{% endblock %}\n"


def build_cases(folder: Path, bodies: dict[str, str]) -> tuple[int, list[str]]:
    """Build `templates/t_<id>.mjml.j2` (body on line 2) for each case; exit code and lines."""
    project = copy_example(folder / "example")
    renewal = (project / "campaigns/renewal.yaml").read_text(encoding="utf-8")
    args = ["build", "--no-screenshots", "--locale", "fr_FR", "--campaign", "renewal"]
    for cid, body in bodies.items():
        name = f"t_{cid}.mjml.j2"
        (project / "templates" / name).write_text(_WRAP + body + _END, encoding="utf-8")
        (project / f"campaigns/t_{cid}.yaml").write_text(
            renewal.replace("renewal.mjml.j2", name), encoding="utf-8"
        )
        args += ["--campaign", f"t_{cid}"]
    result = run_cli(project, *args)
    return result.exit_code, result.output.splitlines()
