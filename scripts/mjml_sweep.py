#!/usr/bin/env python3
"""Markup sweep of mailglot's MJML compile against Node mjml 5, attribute by attribute.

    .venv/bin/python scripts/mjml_sweep.py                 # every component x attribute
    .venv/bin/python scripts/mjml_sweep.py --only mj-image --show sizes
    .venv/bin/python scripts/mjml_sweep.py --json sweep.json

For every component Node mjml registers and every attribute in its `allowedAttributes` (read
from Node itself, scripts/peers/components.js), a small document sets that attribute to a
representative value that is not the default, on the element itself ("own") and through
`<mj-attributes>` ("default"); `css-class` is swept on every body component, and a few
combinations follow (mj-class, mj-all, several classes, `lang`/`dir` on `<mjml>`, a button
without href...). Each document is compiled by mailglot's render stage (`compile_mjml`, the
MRML compile and its fix-ups, imported as scripts/fidelity.py imports it) and by Node mjml
(scripts/peers, before juice), and the two are compared as markup.

The comparison ignores only what cannot matter: white space between tags and around text
(Node indents its output), the order of attributes, the order of the names in a `class`, an
empty `class=""` or `style=""`, white space around the punctuation of CSS (in `<style>` and in
`style` attributes) and a last `;` before `}` or at the end of a `style`, the order of a
`style`'s declarations when no property is set twice and none is the shorthand of another,
adjacent Outlook conditional comments of the same condition (Outlook reads them as one), and
the random ids of carousels. Everything else counts: a missing or extra attribute, a value, a declaration,
an element.

A row says `same`, or `different` with the first difference; `only as the bare component
is` marks a document whose differences are all already in the same component without the
attribute (the component's own difference, listed once in its `(bare)` row). One difference
is in every document, known and left alone (docs/mjml-divergences.md): Node also writes
`word-spacing:normal` on the email wrapper `<div>`; rows and figures say where it is the only
one.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PEERS = REPO / "scripts" / "peers"
sys.path.insert(0, str(PEERS))

from markup_tokens import difference, short, tokens  # noqa: E402
from node_peer import NodePeer, ensure_installed, versions  # noqa: E402
from sweep_cases import Case, cases  # noqa: E402

from mailglot.render.mjml import compile_mjml  # noqa: E402


@dataclass(frozen=True)
class Result:
    case: Case
    hunks: tuple[tuple[str, str], ...]
    fresh: tuple[tuple[str, str], ...]  # the hunks its bare component does not have


def registry() -> dict[str, dict]:
    ensure_installed()
    run = subprocess.run(
        ["node", str(PEERS / "components.js")], cwd=PEERS, capture_output=True, check=True
    )
    return json.loads(run.stdout)


def sweep(selected: list[Case]) -> list[Result]:
    results: list[Result] = []
    bare: dict[str, set[tuple[str, str]]] = {}
    with NodePeer() as peer:
        for case in selected:
            node = peer.run(case.mjml).compiled
            try:
                ours = compile_mjml(case.mjml)
            except Exception as exc:  # a failure is a result, not the end of the sweep
                ours = f"<!doctype html><p>mailglot failed: {exc}</p>"
            hunks = difference(tokens(ours), tokens(node))
            if case.attribute == "(bare)":
                bare[case.component] = set(hunks)
                fresh = hunks
            else:
                fresh = tuple(h for h in hunks if h not in bare.get(case.component, set()))
            results.append(Result(case, hunks, fresh))
    return results


def wrapper_spacing(hunk: tuple[str, str]) -> bool:
    """The one difference every document has, known and left alone: Node also writes
    `word-spacing:normal` on the email wrapper `<div>` (the `<body>` has it in both)."""
    ours, node = hunk
    if node == 'div style="word-spacing:normal"' and not ours:
        return True
    return node.startswith("div style=") and node.replace(";word-spacing:normal", "") == ours


def report(results: list[Result], show: list[str] | None) -> None:
    for r in results:
        c = r.case
        label = f"{c.component} {c.attribute} ({c.how})"
        rest = [h for h in r.fresh if not wrapper_spacing(h)]
        if not r.hunks:
            verdict = "same"
        elif all(wrapper_spacing(h) for h in r.hunks):
            verdict = "same but for the wrapper's word-spacing"
        elif not rest:
            verdict = "different, only as the bare component is"
        else:
            verdict = f"different ({len(r.hunks)}): {short(rest[0])}"
        print(f"{label}: {verdict}")
        if show and r.hunks and any(s in label for s in show):
            print(f"    {c.mjml}")
            for hunk in r.hunks:
                print(f"    - {short(hunk, 400)}")
    counted = [r for r in results if r.case.attribute != "(bare)"]
    near = [r for r in counted if all(wrapper_spacing(h) for h in r.hunks)]
    own = [r for r in counted if not any(not wrapper_spacing(h) for h in r.fresh)]
    bare = [r for r in results if r.case.attribute == "(bare)"]
    print(
        f"\n{sum(not r.hunks for r in counted)} of {len(counted)} documents identical; "
        f"{len(near)} of {len(counted)} identical but for the wrapper's word-spacing "
        f"({sum(r.case.how in ('own', 'default') for r in near)} of "
        f"{sum(r.case.how in ('own', 'default') for r in counted)} component x attribute, own "
        f"and through mj-attributes; {sum(r.case.how == 'combination' for r in near)} of "
        f"{sum(r.case.how == 'combination' for r in counted)} combinations; "
        f"{sum(r.case.how == 'nested' for r in near)} of "
        f"{sum(r.case.how == 'nested' for r in counted)} nested in containers); "
        f"{len(counted) - len(own)} with a difference their bare component does not have; "
        f"bare components identical but for the wrapper's word-spacing: "
        f"{sum(all(wrapper_spacing(h) for h in r.hunks) for r in bare)} of {len(bare)}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", help="only components whose name has this")
    parser.add_argument("--show", action="append", help="print every difference of these rows")
    parser.add_argument("--json", help="also write the results to this JSON file")
    args = parser.parse_args()
    selected = list(cases(registry()))
    if args.only:
        selected = [c for c in selected if any(o in c.component for o in args.only)]
    results = sweep(selected)
    print(f"Node: {json.dumps(versions())}")
    report(results, args.show)
    if args.json:
        rows = [{**r.case.__dict__, "hunks": r.hunks, "fresh": r.fresh} for r in results]
        Path(args.json).write_text(json.dumps(rows, indent=1))
    return 0 if all(not r.hunks for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
