"""The README and docs/ say what a new user types and opens: every `mailglot COMMAND --option`
they show must be an option of that command, every file of this repository they name must be
there, and every check code they explain must be one mailglot reports. A renamed option or a
moved script otherwise stays in the README for months: users copy it and get 'No such option'.
"""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
import yaml

from mailglot.cli import main
from mailglot.project.settings import Settings

REPO = Path(__file__).resolve().parent.parent
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
SRC = REPO / "src" / "mailglot"

FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)
SPAN = re.compile(r"`((?:[^`\n]|\n(?!\n)){1,400})`")  # a span may wrap onto the next line
OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z0-9-]*|-[a-z])(?![\w-])")
# `mailglot [--project DIR] COMMAND ...`, or a bare `COMMAND --option` where the text
# already said it is mailglot's (`check --spam`, `build --year`).
INVOCATION = re.compile(
    r"(?:\bmailglot(?:\s+--project\s+\S+)?\s+(?P<cmd>[a-z][a-z0-9-]*)"
    r"|^(?P<bare>[a-z][a-z0-9-]*)(?=\s+--?[a-z]))"
    r"(?P<rest>(?:(?!\bmailglot\b)[^#`])*)"  # up to a comment or the next invocation
)
# Paths of this repository that a reader is sent to (scripts to run, files to read).
REPO_PATH = re.compile(
    r"^(?:\.ci|scripts|tests|docs|src|templates|calendars|campaigns|locales)/[\w./-]*$"
    r"|^[A-Z]+\.md$|^mailglot\.yaml$|^babel\.cfg$|^pyproject\.toml$"
)
# Module paths written relative to src/mailglot/ (`render/text.py`, `checks/data/`).
MODULE_PATH = re.compile(r"^(?:render|checks|i18n|project|shots|gallery|serve|commands)/[\w./-]*$")
# Example paths that stand for the user's own files, not files of this repository.
NOT_IN_REPO = {"locales/pt/", "templates/promo.mjml.j2:11:"}
CODE = re.compile(
    r"^(?:a11y|catalog|client|config|i18n|l10n|layout|legal|links|mjml|preheader|shots|size"
    r"|spam|subject|template|tracking|visual)\.[a-z][a-z.-]*[a-z]$"
)
# Fields of meta.json and the manifest that share a code's shape.
NOT_CODES = {"visual.changed", "visual.changed_share", "screenshots.dark"}
# Codes made in an f-string (render/direction.py: f"template.{attribute}").
MADE_CODES = {"template.lang", "template.dir"}


def doc_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def snippets(text: str) -> list[str]:
    """What a reader would type or look up: each line of a fenced block, each inline span."""
    found = [line for block in FENCE.findall(text) for line in block.splitlines()]
    return found + SPAN.findall(FENCE.sub("", text))


def commands() -> dict[str, click.Command]:
    ctx = click.Context(main)
    return {name: main.get_command(ctx, name) for name in main.list_commands(ctx)}


def option_names(command: click.Command) -> set[str]:
    return {name for param in command.params for name in (*param.opts, *param.secondary_opts)}


def unknown_options(text: str, cli: dict[str, click.Command]) -> list[str]:
    """Every `mailglot COMMAND --opt` (or `COMMAND --opt`) shown whose command or option the
    CLI does not have, as 'COMMAND --opt'."""
    wrong = []
    global_opts = option_names(main) | {"--help", "-h"}
    for snippet in snippets(text):
        for m in INVOCATION.finditer(snippet.strip()):
            name = m.group("cmd") or m.group("bare")
            if name not in cli:
                if m.group("cmd"):
                    wrong.append(f"mailglot {name}")
                continue
            rest = m.group("rest").split("|")[0] if m.group("bare") else m.group("rest")
            rest = re.split(r"&&|;", rest)[0]
            for opt in OPTION.findall(rest):
                if opt not in option_names(cli[name]) | global_opts:
                    wrong.append(f"{name} {opt}")
    return wrong


@pytest.fixture(scope="module")
def cli() -> dict[str, click.Command]:
    return commands()


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_command_and_option_shown_exists(doc: Path, cli: dict[str, click.Command]) -> None:
    assert unknown_options(doc_text(doc), cli) == []


def test_a_misspelt_option_or_command_is_caught(cli: dict[str, click.Command]) -> None:
    text = (
        "Run `mailglot build --no-screenshot` or `check --spams`.\n\n"
        "```\nmailglot calendar --year 2027 --markets FR   # a comment --ignored\n"
        "mailglot --project x buld\nmailglot build --json && mailglot check --spams\n```\n"
        "Fine: `mailglot shots --pages 2`, `mailglot --project DIR build --json`.\n"
    )
    assert unknown_options(text, cli) == [
        "calendar --markets",
        "mailglot buld",
        "check --spams",
        "build --no-screenshot",
        "check --spams",
    ]


def test_the_command_reference_lists_every_command(cli: dict[str, click.Command]) -> None:
    """The README's command table is where a user looks up what exists."""
    text = doc_text(REPO / "README.md")
    table = text.split("\n## Command reference", 1)[1].split("\n#", 1)[0]
    listed = set(re.findall(r"^\| `mailglot ([a-z0-9-]+)", table, re.M))
    assert listed == set(cli)


def named_paths(text: str) -> set[str]:
    found = set()
    for snippet in snippets(text):
        for word in snippet.split():
            word = word.strip("(),;:'\"")
            if REPO_PATH.match(word) or MODULE_PATH.match(word):
                found.add(word)
        span = snippet.strip()
        if REPO_PATH.match(span) or MODULE_PATH.match(span):
            found.add(span)
    return {p for p in found if not re.search(r"[<>*{}]|\.\.\.", p)} - NOT_IN_REPO


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_repository_file_named_exists(doc: Path) -> None:
    paths = named_paths(doc_text(doc))
    assert "scripts/example.sh" in paths or doc.name != "README.md"
    missing = sorted(
        p
        for p in paths
        if not (REPO / p).exists() and not (MODULE_PATH.match(p) and (SRC / p).exists())
    )
    assert missing == []


def test_a_missing_file_is_caught() -> None:
    paths = named_paths(
        "See `scripts/benchmark.py` and `render/nothing.py`, and `build/index.html`."
    )
    assert paths == {"scripts/benchmark.py", "render/nothing.py"}
    assert not (REPO / "scripts/benchmark.py").exists()


def source_codes() -> set[str]:
    return {
        code
        for path in SRC.rglob("*.py")
        for code in re.findall(r"[\"']([a-z0-9]+(?:\.[a-z0-9-]+)+)[\"']", path.read_text("utf-8"))
    }


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_check_code_explained_is_reported_by_mailglot(doc: Path) -> None:
    codes = {s for s in SPAN.findall(doc_text(doc)) if CODE.match(s)} - NOT_CODES
    known = source_codes() | MADE_CODES
    # A family (`catalog.placeholders`) is fine when mailglot reports codes under it.
    unknown = {c for c in codes - known if not any(k.startswith(c + ".") for k in known)}
    assert unknown == set()


def test_quick_start_is_the_two_scripts() -> None:
    text = doc_text(REPO / "README.md")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert FENCE.findall(quick) == ["bash scripts/example.sh\n", "bash scripts/test.sh\n"]
    for script in ("scripts/example.sh", "scripts/test.sh"):
        assert (REPO / script).is_file()


def test_the_mailglot_yaml_shown_is_valid() -> None:
    """The annotated mailglot.yaml is what a designer copies to start a project."""
    text = doc_text(REPO / "README.md")
    blocks = [
        b for b in re.findall(r"^```yaml\n(.*?)^```", text, re.S | re.M) if b.startswith("brand:")
    ]
    assert len(blocks) == 1
    settings = Settings.model_validate(yaml.safe_load(blocks[0]))
    shown = set(yaml.safe_load(blocks[0]))
    assert shown == set(Settings.model_fields)  # every key a project can set is shown
    assert settings.screenshots == Settings.model_fields["screenshots"].default_factory()
    assert settings.checks.max_html_bytes == 102_000


SCRIPT_RUN = re.compile(r"\b(scripts/[\w-]+\.py)(?P<rest>[^#`|;]*)")


def unknown_script_options(text: str) -> list[str]:
    """Every `scripts/x.py --opt` shown whose script does not declare the option."""
    wrong = []
    for snippet in snippets(text):
        for m in SCRIPT_RUN.finditer(snippet):
            script = REPO / m.group(1)
            declared = script.read_text("utf-8") if script.is_file() else ""
            rest = re.split(r"scripts/|\bmailglot\b", m.group("rest"))[0]
            wrong += [f"{m.group(1)} {o}" for o in OPTION.findall(rest) if f'"{o}"' not in declared]
    return wrong


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_script_option_shown_exists(doc: Path) -> None:
    assert unknown_script_options(doc_text(doc)) == []


def test_a_misspelt_script_option_is_caught() -> None:
    text = "`.venv/bin/python scripts/bench.py --job 400 --profile` then `scripts/fidelity.py --save x`"
    assert unknown_script_options(text) == ["scripts/bench.py --job"]


def test_the_command_reference_shows_every_option(cli: dict[str, click.Command]) -> None:
    """An option added to the CLI is added to the README's table too."""
    text = doc_text(REPO / "README.md")
    table = text.split("\n## Command reference", 1)[1].split("\n#", 1)[0]
    for name, command in cli.items():
        row = re.search(rf"^\| `mailglot {re.escape(name)}\b([^`]*)`", table, re.M)
        assert row, name
        shown = set(OPTION.findall(row.group(1)))
        longs = {o for o in option_names(command) if o.startswith("--")} - {"--help"}
        assert longs - shown == set(), name


def test_every_fix_named_in_the_divergences_exists() -> None:
    """docs/mjml-divergences.md sends a reader to the function that makes mailglot agree with
    Node (`mjml_fixes.empty_alt`): it must be defined in that module of render/."""
    text = doc_text(REPO / "docs" / "mjml-divergences.md")
    named = {
        (module, name)
        for module, name in re.findall(r"`([a-z_]+)\.([a-z_]+)`", text)
        if (SRC / "render" / f"{module}.py").is_file()
    }
    assert len(named) >= 15
    missing = [
        f"{module}.{name}"
        for module, name in sorted(named)
        if not re.search(
            rf"^def {name}\b", (SRC / "render" / f"{module}.py").read_text("utf-8"), re.M
        )
    ]
    assert missing == []


def github_anchor(heading: str) -> str:
    """The id GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_link_within_the_page_has_its_heading(doc: Path) -> None:
    text = FENCE.sub("", doc_text(doc))
    anchors = {github_anchor(h) for h in re.findall(r"^#+ (.+)$", text, re.M)}
    assert github_anchor("Building across CI runners: `--shard` and `merge`") == (
        "building-across-ci-runners---shard-and-merge"
    )
    assert set(re.findall(r"\]\(#([^)]+)\)", text)) - anchors == set()
