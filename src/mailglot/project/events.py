"""`calendars/events.yaml`: commercial dates, each with one rule per market that observes it.

(Placeholder until the calendars issue: events load as names only and schedules are accepted
without resolution. Replaced by the full rule set of SPEC 2.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from mailglot.errors import Diagnostic
from mailglot.project.yamlfile import YamlDoc


class Event(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    name: str
    markets: dict[str, Any]


def load_events(
    root: Path, rel: str, markets: dict[str, Any]
) -> tuple[dict[str, Event], list[Diagnostic]]:
    return {}, []


def validate_campaign_schedule(
    doc: YamlDoc, campaign: Any, events: dict[str, Event]
) -> list[Diagnostic]:
    return []
