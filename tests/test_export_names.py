"""Export names that meet: two jobs given one file or one platform name are refused, every
clash named by its campaign files, before anything is written.

Names keep only letters, digits, _ and - (Postmark's aliases only letters, digits and -):
`wb.x` and `wb-x`, `café` and `caf-`, `wb_y` and `wb-y` (in Postmark) gave two jobs one
file, so the summary listed 12 files where 6 existed and one template replaced the other."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

US_ONLY = "markets: [US]"


def _project(tmp_path: Path, cli, *campaigns: str, variants: str = "") -> Path:
    root = tmp_path / "p"
    assert cli(tmp_path, "init", str(root)).exit_code == 0
    welcome = root / "campaigns/welcome.yaml"
    text = welcome.read_text(encoding="utf-8").replace("markets: all", US_ONLY)
    if variants:
        text = text.replace('subject: "Welcome to Acme, {first_name}"', variants)
    for cid in campaigns:
        (root / f"campaigns/{cid}.yaml").write_text(text, encoding="utf-8")
    return root


def _exported(root: Path) -> dict[str, bytes]:
    exports = root / "build/exports"
    return {p.relative_to(exports).as_posix(): p.read_bytes() for p in exports.rglob("*.json")}


def test_two_campaigns_one_ses_name_is_refused_and_nothing_is_written(tmp_path: Path, cli):
    root = _project(tmp_path, cli)
    assert cli(root, "build", "--no-screenshots").exit_code == 0
    assert cli(root, "export", "--format", "ses").exit_code == 0
    before = _exported(root)
    assert sorted(before) == [
        "ses/welcome-en_US-a.json",
        "ses/welcome-en_XA-a.json",
        "ses/welcome-fr_FR-a.json",
    ]
    for cid in ("wb.x", "wb-x"):
        (root / f"campaigns/{cid}.yaml").write_text(
            (root / "campaigns/welcome.yaml")
            .read_text(encoding="utf-8")
            .replace("markets: all", US_ONLY),
            encoding="utf-8",
        )
    assert cli(root, "build", "--no-screenshots").exit_code == 0

    result = cli(root, "export", "--format", "ses")
    assert result.exit_code == 1
    assert result.output == (
        "mailglot: campaigns/wb-x.yaml and campaigns/wb.x.yaml give their emails the same SES "
        "template name 'wb-x-en_US-a' (wb-x/en_US/a and wb.x/en_US/a, and 1 more): one would "
        "replace the "
        "other (names keep only letters, digits, _ and -); rename one of the campaign files. "
        "Nothing was exported\n"
    )
    assert _exported(root) == before  # nothing written, nothing pruned
    document = json.loads(cli(root, "export", "--format", "ses", "--json").stdout)
    assert document["ok"] is False
    assert document["summary"]["error"].startswith("campaigns/wb-x.yaml and campaigns/wb.x.yaml")
    out = tmp_path / "elsewhere"
    result = cli(root, "export", "--format", "sendgrid", "--out", str(out))
    assert result.exit_code == 1
    assert "the same export file name 'wb-x-en_US-a.json'" in result.output
    assert not out.exists() or not any(out.iterdir())

    (root / "campaigns/wb.x.yaml").rename(root / "campaigns/wb.z.yaml")
    assert cli(root, "build", "--no-screenshots").exit_code == 0
    result = cli(root, "export", "--format", "ses")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("mailglot: 7 Amazon SES template(s) in ")
    assert sorted(_exported(root)) == [
        "ses/wb-x-en_US-a.json",
        "ses/wb-x-en_XA-a.json",
        "ses/wb-z-en_US-a.json",
        "ses/wb-z-en_XA-a.json",
        "ses/welcome-en_US-a.json",
        "ses/welcome-en_XA-a.json",
        "ses/welcome-fr_FR-a.json",
    ]


def test_postmark_aliases_and_file_names_that_meet(tmp_path: Path, cli):
    root = _project(tmp_path, cli, "wb_y", "wb-y", "café", "caf-")
    assert cli(root, "build", "--no-screenshots").exit_code == 0
    result = cli(root, "export", "--format", "postmark")
    assert result.exit_code == 1
    assert result.output == (
        "mailglot: campaigns/caf-.yaml and campaigns/café.yaml give their emails the same "
        "Postmark alias 'caf--en-US-a' (caf-/en_US/a and café/en_US/a, and 1 more): one would "
        "replace the "
        "other (aliases keep only letters, digits and -); rename one of the campaign files\n"
        "campaigns/wb-y.yaml and campaigns/wb_y.yaml give their emails the same Postmark alias "
        "'wb-y-en-US-a' (wb-y/en_US/a and wb_y/en_US/a, and 1 more): one would replace the other "
        "(aliases "
        "keep only letters, digits and -); rename one of the campaign files. Nothing was "
        "exported\n"
    )
    assert not (root / "build/exports").exists()
    result = cli(root, "export", "--format", "sendgrid")
    assert result.exit_code == 1
    assert result.output == (
        "mailglot: campaigns/caf-.yaml and campaigns/café.yaml give their emails the same "
        "export file name 'caf--en_US-a.json' (caf-/en_US/a and café/en_US/a, and 1 more): one "
        "would "
        "replace the other (names keep only letters, digits, _ and -); rename one of the "
        "campaign files. Nothing was exported\n"
    )
    (root / "campaigns/café.yaml").unlink()
    assert cli(root, "build", "--no-screenshots").exit_code == 0
    assert cli(root, "export", "--format", "sendgrid").exit_code == 0  # wb_y and wb-y differ
    assert {"sendgrid/wb_y-en_US-a.json", "sendgrid/wb-y-en_US-a.json"} <= set(_exported(root))


@pytest.mark.parametrize("fmt", ["ses", "sendgrid"])
def test_file_names_that_differ_only_by_case(tmp_path: Path, cli, fmt: str):
    root = _project(tmp_path, cli, "Wb.x", "wb-x")
    assert cli(root, "build", "--no-screenshots").exit_code == 0
    result = cli(root, "export", "--format", fmt)
    assert result.exit_code == 1
    assert result.output == (
        "mailglot: campaigns/Wb.x.yaml and campaigns/wb-x.yaml give their emails export file "
        "names 'Wb-x-en_US-a.json' and 'wb-x-en_US-a.json', one file on macOS and Windows "
        "(Wb.x/en_US/a and wb-x/en_US/a, and 1 more): one would replace the other (names keep "
        "only letters, digits, _ and -); rename one of the campaign files. Nothing was "
        "exported\n"
    )


def test_two_variants_of_one_campaign_with_one_postmark_alias(tmp_path: Path, cli):
    variants = 'subject:\n  a_b: "Welcome, {first_name}"\n  a-b: "Hello, {first_name}"'
    root = _project(tmp_path, cli, "welcome", variants=variants)
    assert cli(root, "build", "--no-screenshots").exit_code == 0
    result = cli(root, "export", "--format", "postmark")
    assert result.exit_code == 1
    assert result.output == (
        "mailglot: campaigns/welcome.yaml gives two of its emails the same Postmark alias "
        "'welcome-en-US-a-b' (welcome/en_US/a-b and welcome/en_US/a_b, and 1 more): one would "
        "replace the "
        "other (aliases keep only letters, digits and -); rename one of the subject variants. "
        "Nothing was exported\n"
    )
    assert cli(root, "export", "--format", "ses").exit_code == 0
