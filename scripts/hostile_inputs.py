"""Plant a large or explosive campaign in a copy of a project, to measure what a build costs.

    python scripts/hostile_inputs.py big  DEST [--mb 50]   # a 50 MB campaign (data: a long list)
    python scripts/hostile_inputs.py bomb DEST             # a YAML alias bomb ("billion laughs")
    /usr/bin/time -v .venv/bin/mailglot --project DEST build --no-screenshots

DEST receives a copy of the example project (the repository root) plus campaigns/big.yaml or
campaigns/bomb.yaml; the example's own campaigns still build. Peak memory is /usr/bin/time's
"Maximum resident set size", elapsed time its "Elapsed (wall clock) time".
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PARTS = ("mailglot.yaml", "templates", "campaigns", "locales", "calendars")
HEAD = (
    "template: promo.mjml.j2\n"
    "markets: [US]\n"
    'subject: "A very large campaign"\n'
    "data:\n"
    "  percent: 10\n"
    "  annual_price: 1\n"
    "  regular_price: 2\n"
    "  strings: {season: Season, tagline: Tagline}\n"
)


def copy_project(dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, dest / part, dirs_exist_ok=True)
        else:
            shutil.copy2(src, dest / part)


def big(dest: Path, megabytes: int) -> Path:
    """A campaign whose `data:` holds a long list of mappings, written line by line."""
    path = dest / "campaigns" / "big.yaml"
    target = megabytes * 1024 * 1024
    with path.open("w", encoding="utf-8") as fh:
        fh.write(HEAD + "  catalogue:\n")
        size, i = len(HEAD), 0
        while size < target:
            line = f'    - {{id: {i}, title: "Film number {i}", year: {1950 + i % 70}}}\n'
            fh.write(line)
            size += len(line)
            i += 1
    return path


def bomb(dest: Path) -> Path:
    """Nine levels of nine aliases: 387,420,489 strings from a file of under a kilobyte."""
    lines = [HEAD, "  bomb:\n"]
    for level in range(9):
        items = ", ".join([f"*l{level - 1}"] * 9 if level else ["lol"] * 9)
        lines.append(f"    l{level}: &l{level} [{items}]\n")
    path = dest / "campaigns" / "bomb.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("kind", choices=["big", "bomb"])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--mb", type=int, default=50, help="size of the big campaign")
    args = parser.parse_args()
    copy_project(args.dest)
    path = big(args.dest, args.mb) if args.kind == "big" else bomb(args.dest)
    print(f"{path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
