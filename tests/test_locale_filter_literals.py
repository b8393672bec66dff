"""A locale filter applied to a literal in a template (`{{ 9.99|currency }}`) is written the
way each locale and market writes it. Jinja ran such a filter while compiling and wrote its
result into the template's code, which every locale of a build shares: every email got the
format of the locale compiled first ('$9.99' in the French email), and a build of one locale
wrote other bytes than a full build."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.conftest import run_cli

TEMPLATE = """{% extends "layouts/base.mjml.j2" %}
{% block content %}
{% set monthly = 9.99|currency %}
<mj-section padding="0">
  <mj-column>
    <mj-text>C1:{{ 9.99|currency }} C2:{{ 14256.6|currency("USD") }} \
N1:{{ 1234567.891|number }} N2:{{ 0.5|number(2) }} P1:{{ 40|percent }} \
D1:{{ "2026-12-15"|date }} D2:{{ "2026-12-15T09:30:00"|datetime("short") }} \
S1:{{ monthly }} F1:{% filter number %}2500{% endfilter %}</mj-text>
  </mj-column>
</mj-section>
{% endblock %}
"""

CAMPAIGN = """template: literals.mjml.j2
markets: all
subject: "Formats"
preheader: "Formats of literals"
data: {}
"""

# Babel 2.19's forms, each in the market's own currency (en_US USD, fr_FR EUR, ja_JP JPY)
EXPECTED = {
    "en_US": (
        "C1:$9.99 C2:$14,256.60 N1:1,234,567.891 N2:0.50 P1:40% D1:December 15, 2026 "
        "D2:12/15/26, 9:30\u202fAM S1:$9.99 F1:2,500"
    ),
    "fr_FR": (
        "C1:9,99\u00a0€ C2:14\u202f256,60\u00a0$US N1:1\u202f234\u202f567,891 N2:0,50 "
        "P1:40\u00a0% D1:15 décembre 2026 D2:15/12/2026 09:30 S1:9,99\u00a0€ F1:2\u202f500"
    ),
    "ja_JP": (
        "C1:￥10 C2:$14,256.60 N1:1,234,567.891 N2:0.50 P1:40% D1:2026年12月15日 "
        "D2:2026/12/15 9:30 S1:￥10 F1:2,500"
    ),
}


def _project(example: Path) -> Path:
    (example / "templates/literals.mjml.j2").write_text(TEMPLATE, encoding="utf-8")
    (example / "campaigns/literals.yaml").write_text(CAMPAIGN, encoding="utf-8")
    return example


def _line(project: Path, locale: str) -> str:
    text = (project / f"build/literals/{locale}/a/email.txt").read_text(encoding="utf-8")
    found = re.search(r"C1:.*", text)
    assert found, text
    return found.group(0)


def _outputs(folder: Path) -> dict[str, bytes]:
    """Every output file's bytes, meta.json's input key left out (it names the selection)."""
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.name == "meta.json":
                data = re.sub(rb'\n  "key": "[^"]*",?', b"", data)
            files[path.relative_to(folder).as_posix()] = data
    return files


def test_each_locale_formats_literals_its_own_way_in_one_process(example: Path) -> None:
    """One process (--jobs 1) renders en_US, then fr_FR, then ja_JP with one compiled
    template: each email shows its own locale's forms, in the text part and the HTML."""
    project = _project(example)
    result = run_cli(
        project,
        "build",
        "--no-screenshots",
        "--campaign",
        "literals",
        "--locale",
        "en_US",
        "--locale",
        "fr_FR",
        "--locale",
        "ja_JP",
        "--jobs",
        "1",
    )
    assert result.exit_code == 0, result.output
    for locale, expected in EXPECTED.items():
        assert _line(project, locale) == expected
    french = (project / "build/literals/fr_FR/a/email.html").read_text(encoding="utf-8")
    assert "C1:9,99&nbsp;€ " in french
    assert "$9.99" not in french
    japanese = (project / "build/literals/ja_JP/a/email.html").read_text(encoding="utf-8")
    assert "C1:￥10 " in japanese


def test_one_locale_alone_writes_the_bytes_of_a_full_build(example: Path, tmp_path: Path) -> None:
    """`--locale fr_FR` compiles the template in French first; a full build compiles it in
    en_US first. The French email is the same byte for byte."""
    project = _project(example)
    full = run_cli(project, "build", "--no-screenshots", "--campaign", "literals", "--jobs", "1")
    assert full.exit_code == 0, full.output
    assert _line(project, "fr_FR") == EXPECTED["fr_FR"]
    kept = tmp_path / "full"
    shutil.copytree(project / "build/literals", kept)
    shutil.rmtree(project / "build")
    alone = run_cli(
        project, "build", "--no-screenshots", "--campaign", "literals", "--locale", "fr_FR"
    )
    assert alone.exit_code == 0, alone.output
    assert _outputs(project / "build/literals/fr_FR") == _outputs(kept / "fr_FR")
    assert _line(project, "fr_FR") == EXPECTED["fr_FR"]
