"""The note a send moved off public holidays carries (`avoid_holidays: true`).

python-holidays names every day of a block alike (Saudi Arabia's Eid al-Fitr: "Eid al-Fitr
Holiday" four days running, then "Eid al-Fitr Holiday (observed)" for the days given back for
a weekend), so listing a name per day skipped repeated it. Each holiday is said once; when the
send skipped more than one day, each holiday says which of them were its own, its observed
days folded in with the word "observed":

    moved from 2027-11-25 (Thanksgiving Day, a public holiday)
    moved from 2026-12-25 (Christmas Day 2026-12-25, Second Day of Christmas 2026-12-26,
        public holidays)
    moved from 2026-03-20 (Eid al-Fitr Holiday 2026-03-20 to 2026-03-22 and observed
        2026-03-23 to 2026-03-24, public holidays)
"""

from __future__ import annotations

from datetime import date, timedelta

OBSERVED = " (observed)"


def move_note(first: date, skipped: list[tuple[date, list[str]]]) -> str:
    """`skipped`: each day the send skipped, in order from `first`, with its holidays' names."""
    held: dict[str, tuple[list[date], list[date]]] = {}  # holiday -> (its days, observed days)
    for day, names in skipped:
        for name in names:
            observed = name.endswith(OBSERVED)
            key = name.removesuffix(OBSERVED)
            own, given_back = held.setdefault(key, ([], []))
            days = given_back if observed else own
            if day not in days:
                days.append(day)
    if len(skipped) == 1:
        [(_, names)] = skipped
        listed = ", ".join(dict.fromkeys(names))
        return f"moved from {first.isoformat()} ({listed}, a public holiday)"
    listed = ", ".join(_holiday(key, own, given_back) for key, (own, given_back) in held.items())
    return f"moved from {first.isoformat()} ({listed}, public holidays)"


def _holiday(name: str, own: list[date], observed: list[date]) -> str:
    if not own:
        return f"{name}{OBSERVED} {_spans(observed)}"
    said = f"{name} {_spans(own)}"
    return f"{said} and observed {_spans(observed)}" if observed else said


def _spans(days: list[date]) -> str:
    """Runs of consecutive days, `2026-03-20 to 2026-03-22 and 2026-03-24`."""
    runs: list[list[date]] = []
    for day in sorted(days):
        if runs and runs[-1][-1] + timedelta(days=1) == day:
            runs[-1].append(day)
        else:
            runs.append([day])
    return " and ".join(
        run[0].isoformat() if len(run) == 1 else f"{run[0].isoformat()} to {run[-1].isoformat()}"
        for run in runs
    )
