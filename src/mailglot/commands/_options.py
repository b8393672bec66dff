"""Options several commands share, defined once so that their help reads the same everywhere:
`--campaign` said "Only this campaign." on one command and nothing about giving it twice."""

from __future__ import annotations

import click

campaign_option = click.option(
    "--campaign",
    "campaigns",
    multiple=True,
    metavar="ID",
    help="Only this campaign (repeatable).",
)
locale_option = click.option(
    "--locale", "locales", multiple=True, metavar="L", help="Only this locale (repeatable)."
)
market_option = click.option(
    "--market", "markets", multiple=True, metavar="M", help="Only this market (repeatable)."
)
