"""`mailglot calendar`: every event and campaign send per market, local and UTC; --ics exports."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import click
from rich.table import Table
from rich.text import Text

from mailglot.calendars.ics import to_ics
from mailglot.calendars.listing import Entry, YearPlan, year_entries
from mailglot.commands._context import build_date, in_existing_folder, project_dir
from mailglot.commands._options import market_option
from mailglot.console import err, print_diagnostics, table_console
from mailglot.errors import ContentError, Diagnostic, UsageError, escape_control
from mailglot.output import atomic_write
from mailglot.project.loader import Project, load_project
from mailglot.reporting import errors_as_json, json_document, print_json, report_options


@click.command("calendar")
@click.option(
    "--year",
    type=click.IntRange(2000, 2100),
    default=None,
    help="The year to show (default: this year).",
)
@market_option
@click.option(
    "--ics",
    "ics_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write an iCalendar file ('-': to standard output, in place of the table).",
)
@report_options
@click.pass_context
def command(
    ctx: click.Context,
    year: int | None,
    markets: tuple[str, ...],
    ics_path: Path | None,
    as_json: bool,
    quiet: bool,
) -> None:
    """Every event and every campaign send per market, in local time and UTC."""
    to_stdout = ics_path == Path("-")  # the convention: it wrote a file named "-"
    with errors_as_json("calendar", as_json):
        if to_stdout and as_json:
            raise UsageError(
                "--ics - writes the calendar to standard output, where --json writes its "
                "document: name a file, e.g. --ics calendar.ics"
            )
        if ics_path is not None and not to_stdout:
            in_existing_folder("--ics", ics_path)
            _refuse_to_replace(project_dir(ctx), ics_path)
        project = load_project(project_dir(ctx))
        for market in markets:
            if market not in project.markets:
                raise UsageError(f"unknown market {market!r}; known: {', '.join(project.markets)}")
        plan = year_entries(project, year or build_date().year, markets)
        shown = [m for m in project.markets if not markets or m in markets]
        if to_stdout:
            click.echo(_ics(project, plan, None), nl=False)
        elif ics_path is not None:
            _write_ics(project, plan, ics_path)
    problems = [d for ds in project.campaign_errors.values() for d in ds] + plan.problems
    problems = list(dict.fromkeys(problems))
    if as_json:
        rows = {"entries": [_entry(e) for e in plan.entries]}
        found = [(None, d) for d in problems + project.warnings]
        print_json(
            json_document(
                "calendar", not problems, _summary(plan, shown, problems, ics_path), found, rows
            )
        )
        ctx.exit(1 if problems else 0)
    if not quiet and not to_stdout:
        _table(plan)
        if ics_path is not None:
            err.print(f"mailglot: wrote {ics_path}", markup=False)
    if not quiet:  # sends the table shows as asked that are not (avoid_holidays, no calendar)
        print_diagnostics(project.warnings)
    if problems:  # the table above still shows everything that could be resolved
        raise ContentError(problems)


# What mailglot reads in a project: an export written there would replace or join its input
INPUTS = ("mailglot.yaml", "calendars", "campaigns", "locales", "templates")
ICAL_START = b"BEGIN:VCALENDAR"


def _refuse_to_replace(root: Path, ics_path: Path) -> None:
    """`--ics mailglot.yaml` replaced the settings with a calendar: an export never goes into
    a project input, and never replaces a file that is not an earlier export (an iCalendar).
    Checked before the project is read, as the link or the path names it."""
    base = Path(os.path.abspath(root))
    for target in (Path(os.path.abspath(ics_path)), ics_path.resolve()):
        for name in INPUTS:
            for top in (base / name, base.resolve() / name):
                if target == top or top in target.parents:
                    what = (
                        f"would replace {name}, a project input"
                        if name.endswith(".yaml")
                        else f"would write into {name}/, which holds project input"
                    )
                    raise UsageError(
                        f"--ics {ics_path}: {what}; write the calendar to a file of its own, "
                        "e.g. --ics calendar.ics"
                    )
    if not os.path.lexists(ics_path):
        return
    try:
        with open(ics_path, "rb") as file:
            start = file.read(len(ICAL_START) + 3).removeprefix(b"\xef\xbb\xbf")
    except OSError as exc:
        raise UsageError(f"--ics {ics_path}: cannot read: {exc.strerror}") from None
    if not start.startswith(ICAL_START):
        raise UsageError(
            f"--ics {ics_path}: the file is there and is not an iCalendar (it does not start "
            "with BEGIN:VCALENDAR); mailglot replaces only an earlier export: name a new "
            "file, or move this one away first"
        )


def _write_ics(project: Project, plan: YearPlan, ics_path: Path) -> None:
    previous = ics_path.read_bytes() if ics_path.is_file() else None
    atomic_write(ics_path, _ics(project, plan, previous), ics_path.resolve().parent)


def _ics(project: Project, plan: YearPlan, previous: bytes | None) -> bytes:
    brand = project.settings.brand
    domain = urlsplit(brand.website).hostname or "mailglot"
    return to_ics(plan.entries, brand.name, plan.year, datetime.now(UTC), domain, previous)


def _table(plan: YearPlan) -> None:
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


def _summary(
    plan: YearPlan, markets: list[str], problems: list[Diagnostic], ics_path: Path | None
) -> dict[str, object]:
    """The counts of the table, for --json; `markets` those shown."""
    kinds = [e.kind for e in plan.entries]
    return {
        "year": plan.year,
        "markets": markets,
        "events": kinds.count("event"),
        "sends": kinds.count("send"),
        "skipped": kinds.count("skip"),
        "errors": len(problems),
        "ics": None if ics_path is None else str(ics_path),
    }


def _entry(e: Entry) -> dict[str, object]:
    """One row of the table: `id` the event's or the campaign's, `local` and `utc` in ISO 8601
    (null for a skipped campaign), `n` which occurrence of the year it is."""
    return {
        "market": e.market,
        "date": e.day.isoformat() if e.day else None,
        "kind": e.kind,
        "id": e.ref,
        "title": e.title,
        "n": e.n,
        "local": e.local.isoformat() if e.local else None,
        "utc": e.utc.isoformat() if e.utc else None,
        "note": e.note,
    }


def _row(table: Table, *cells: str) -> None:
    """Cells as plain text: names from events.yaml are not rich markup ("[VIP] Sale"), and
    their control characters are shown as escapes, never sent to the terminal."""
    table.add_row(*(Text(escape_control(c)) for c in cells))
