"""`mailglot calendar`: every event and campaign send per market, local and UTC; --ics exports."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import click
from rich.table import Table
from rich.text import Text

from mailglot.calendars.ics import to_ics
from mailglot.calendars.listing import year_entries
from mailglot.commands._context import build_date, project_dir
from mailglot.console import err, table_console
from mailglot.errors import ContentError, UsageError
from mailglot.output import atomic_write
from mailglot.project.loader import load_project


@click.command("calendar")
@click.option(
    "--year",
    type=click.IntRange(2000, 2100),
    default=None,
    help="The year to show (default: this year).",
)
@click.option("--market", "markets", multiple=True, metavar="M", help="Only this market.")
@click.option(
    "--ics",
    "ics_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write an iCalendar file.",
)
@click.pass_context
def command(
    ctx: click.Context, year: int | None, markets: tuple[str, ...], ics_path: Path | None
) -> None:
    """Every event and every campaign send per market, in local time and UTC."""
    project = load_project(project_dir(ctx))
    for market in markets:
        if market not in project.markets:
            raise UsageError(f"unknown market {market!r}; known: {', '.join(project.markets)}")
    year = year or build_date().year
    plan = year_entries(project, year, markets)
    table = Table("market", "date", "what", "local", "UTC", "note", box=None, pad_edge=False)
    for e in plan.entries:
        if e.day is None:
            _row(table, e.market, "-", f"{e.title} (skipped)", "", "", e.note or "")
            continue
        local = e.local.strftime("%H:%M %Z") if e.local else ""
        utc = ""
        if e.utc is not None:
            utc = e.utc.strftime("%H:%MZ" if e.utc.date() == e.day else "%Y-%m-%d %H:%MZ")
        what = e.title if e.kind == "event" else f"send {e.ref}"
        _row(table, e.market, e.day.isoformat(), what, local, utc, e.note or "")
    table_console().print(table)
    if ics_path is not None:
        brand = project.settings.brand
        domain = urlsplit(brand.website).hostname or "mailglot"
        previous = ics_path.read_bytes() if ics_path.is_file() else None
        data = to_ics(plan.entries, brand.name, year, datetime.now(UTC), domain, previous)
        atomic_write(ics_path, data, ics_path.resolve().parent)
        err.print(f"mailglot: wrote {ics_path}", markup=False)
    problems = [d for ds in project.campaign_errors.values() for d in ds] + plan.problems
    problems = list(dict.fromkeys(problems))
    if problems:  # the table above still shows everything that could be resolved
        raise ContentError(problems)


def _row(table: Table, *cells: str) -> None:
    """Cells as plain text: names from events.yaml are not rich markup ("[VIP] Sale")."""
    table.add_row(*(Text(c) for c in cells))
