"""The frozen records that cross stage boundaries: a job's place in build/, its metadata
(meta.json), its visual review and its manifest entry.

Each stage takes and returns these records; only `to_dict` and `from_dict` know the JSON
shape users see (SPEC 6), so the files on disk keep their exact form while the code in
between never passes a dict around. `from_dict` is strict: anything that is not the shape
mailglot writes raises `ValueError`, and callers treat the file as absent.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

from mailglot.errors import Diagnostic, Severity

Kind = Literal["built", "unchanged", "failed", "skipped"]
KINDS: tuple[str, ...] = get_args(Kind)
_SEVERITIES: tuple[str, ...] = get_args(Severity)


@dataclass(frozen=True, order=True)
class JobPlace:
    """Where a job lives under build/: `<campaign>/<locale>/<variant>`, the one spelling of it."""

    campaign: str
    locale: str
    variant: str

    @property
    def rel(self) -> str:
        return f"{self.campaign}/{self.locale}/{self.variant}"

    def folder(self, out: Path) -> Path:
        # One join of three parts costs half of three `/` (asked per job, 10,000 times a build).
        return out.joinpath(self.campaign, self.locale, self.variant)

    def in_build(self, build_dir: str) -> str:
        """Project-relative path, for findings located at the job's files."""
        return f"{build_dir}/{self.rel}"

    @staticmethod
    def to_project_root() -> str:
        """From a job's folder back to the project root: build/ plus the three levels."""
        return "../" * 4

    @classmethod
    def parse(cls, rel: str) -> JobPlace:
        parts = rel.split("/")
        if len(parts) != 3 or "" in parts or "." in parts or ".." in parts:
            raise ValueError(f"not a job path: {rel!r}")
        return cls(*parts)


def diagnostic_from_dict(data: Any) -> Diagnostic:
    if not isinstance(data, dict) or set(data) != {"path", "line", "code", "severity", "message"}:
        raise ValueError(f"not a finding: {data!r}")
    line = data["line"]
    if not isinstance(line, int | None) or data["severity"] not in _SEVERITIES:
        raise ValueError(f"not a finding: {data!r}")
    return Diagnostic(
        _str(data["path"]), line, _str(data["code"]), data["severity"], _str(data["message"])
    )


def findings_from_list(items: Any) -> tuple[Diagnostic, ...]:
    if not isinstance(items, list):
        raise ValueError("findings must be a list")
    if not items:  # most jobs: no generator to start (10,000 entries in a manifest)
        return ()
    return tuple([diagnostic_from_dict(f) for f in items])


@dataclass(frozen=True)
class Review:
    """The visual review of one job: its screenshots and how they compare with the approved
    baseline. `shots` maps each shot to the share of changed pixels (None: no baseline)."""

    current: bool = False
    sizes: tuple[tuple[str, int, int], ...] = ()  # (shot name, width, height)
    baseline: bool = False
    changed: bool = False
    changed_share: float = 0.0
    shots: tuple[tuple[str, float | None], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "current": self.current,
            "sizes": {name: [w, h] for name, w, h in self.sizes},
            "baseline": self.baseline,
            "changed": self.changed,
            "changed_share": self.changed_share,
            "shots": dict(self.shots),
        }

    @classmethod
    def from_dict(cls, data: Any) -> Review:
        if not isinstance(data, dict):
            raise ValueError("visual must be an object")
        if data == _NO_REVIEW and data["current"] is data["baseline"] is data["changed"] is False:
            return _NO_REVIEW_RECORD  # a job never shot: every entry of a --no-screenshots build
        sizes = _dict(data["sizes"])
        shots = _dict(data["shots"])
        return cls(
            _bool(data["current"]),
            tuple((_shot(k), *_size(v)) for k, v in sizes.items()),
            _bool(data["baseline"]),
            _bool(data["changed"]),
            _share(data["changed_share"]),
            tuple((_shot(k), None if v is None else _share(v)) for k, v in shots.items()),
        )


# The screenshots a build takes (shots/state.shot_list), each `<name>.png` in the job's folder,
# its diff `diff-<name>.png`. A name is written into the gallery's image URLs: a meta.json or
# manifest from elsewhere (a merged shard) naming any other shot is not mailglot's.
SHOT_NAMES = ("phone", "desktop", "dark-phone", "dark-desktop")


def _shot(name: Any) -> str:
    return name if name in SHOT_NAMES and isinstance(name, str) else _fail(repr(name))


def _size(value: Any) -> tuple[int, int]:
    """`[width, height]` in pixels, as whole numbers (a string is not one)."""
    if isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value):
        return value[0], value[1]
    return _fail(repr(value))


def _share(value: Any) -> float:
    """The share of a shot's pixels that changed: a number (JSON's), never a string."""
    return float(value) if type(value) in (int, float) else _fail(repr(value))


# A job never shot, as meta.json and manifest.json hold it. `==` takes 0 for False, so its
# flags are also checked to be the booleans themselves, as `_bool` insists.
_NO_REVIEW_RECORD = Review()
_NO_REVIEW = _NO_REVIEW_RECORD.to_dict()


@dataclass(frozen=True)
class InboxPreview:
    """The preview text an inbox shows under the subject (checks/preview_text.py): the hidden
    preheader's words, then the body's first words when the preheader does not fill the
    preview (`body`, ending in an ellipsis where the preview is full), and how many invisible
    padding characters follow the preheader's words."""

    preheader: str
    body: str
    padding: int

    def to_dict(self) -> dict[str, Any]:
        return {"preheader": self.preheader, "body": self.body, "padding": self.padding}

    @classmethod
    def from_dict(cls, data: Any) -> InboxPreview:
        padding = _dict(data)["padding"]
        if type(padding) is not int:
            _fail(repr(padding))
        return cls(_str(data["preheader"]), _str(data["body"]), padding)


@dataclass(frozen=True)
class EventMeta:
    id: str
    name: str
    date: str  # ISO 8601
    days_left: int | None


@dataclass(frozen=True)
class JobMeta:
    """What meta.json holds for one job (SPEC 6). Made by the renderer without findings, given
    its findings by the output checks and its review after the screenshots, then written once."""

    campaign: str
    locale: str
    market: str
    variant: str
    template: str
    lang: str
    dir: str
    subject: str
    subject_preview: str
    preheader: str
    preheader_preview: str
    send_at: str | None
    send_at_utc: str | None
    event: EventMeta | None
    send_note: str | None
    html_bytes: int
    text_bytes: int
    inputs: tuple[tuple[str, str], ...]
    key: str
    mailglot: str
    findings: tuple[Diagnostic, ...] = ()
    visual: Review | None = None
    inbox: InboxPreview | None = None  # optional in meta.json: older builds have none

    @property
    def place(self) -> JobPlace:
        return JobPlace(self.campaign, self.locale, self.variant)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {name: getattr(self, name) for name in _META_SCALARS[:13]}
        data["event"] = None if self.event is None else dict(vars(self.event))
        data.update({name: getattr(self, name) for name in _META_SCALARS[13:]})
        if self.inbox is not None:
            data["inbox_preview"] = self.inbox.to_dict()
        data["inputs"] = dict(self.inputs)
        data["key"], data["mailglot"] = self.key, self.mailglot
        data["findings"] = [f.to_dict() for f in self.findings]
        if self.visual is not None:
            data["visual"] = self.visual.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: Any) -> JobMeta:
        if not isinstance(data, dict):
            raise ValueError("meta.json must hold an object")
        values: dict[str, Any] = {}
        for name in _META_SCALARS:
            value = data[name]
            if name in _META_OPTIONAL and value is None:
                values[name] = None
            elif name in {"html_bytes", "text_bytes"}:
                values[name] = value if type(value) is int else _fail(name)
            else:
                values[name] = _str(value)
        event = data["event"]
        if event is not None:
            days = event["days_left"]
            if not isinstance(days, int | None) or isinstance(days, bool):
                _fail(repr(days))
            event = EventMeta(_str(event["id"]), _str(event["name"]), _str(event["date"]), days)
        inputs = tuple((_str(k), _str(v)) for k, v in _dict(data["inputs"]).items())
        visual = Review.from_dict(data["visual"]) if "visual" in data else None
        inbox = data.get("inbox_preview")
        return cls(
            **values,
            event=event,
            inputs=inputs,
            key=_str(data["key"]),
            mailglot=_str(data["mailglot"]),
            findings=findings_from_list(data["findings"]),
            visual=visual,
            inbox=None if inbox is None else InboxPreview.from_dict(inbox),
        )


# meta.json's keys in their order on disk; `event` comes after the first 13.
_META_SCALARS = (
    "campaign",
    "locale",
    "market",
    "variant",
    "template",
    "lang",
    "dir",
    "subject",
    "subject_preview",
    "preheader",
    "preheader_preview",
    "send_at",
    "send_at_utc",
    "send_note",
    "html_bytes",
    "text_bytes",
)
_META_OPTIONAL = {"send_at", "send_at_utc", "send_note"}


@dataclass(frozen=True)
class ManifestEntry:
    """One line of build/manifest.json. A job's entry has a place; a skipped market
    (`<campaign>@<market>`) or a campaign that failed to load (`<campaign>@*`) has none."""

    id: str
    campaign: str
    kind: Kind
    market: str | None = None
    place: JobPlace | None = None
    stale: bool = False  # a failed job whose previous outputs are still there
    findings: tuple[Diagnostic, ...] = ()
    visual: Review | None = None
    reason: str | None = None

    def reviewed(self, findings: tuple[Diagnostic, ...], visual: Review | None) -> ManifestEntry:
        """`dataclasses.replace(self, findings=..., visual=...)` at half its cost: made for
        every job of every build."""
        return ManifestEntry(
            self.id,
            self.campaign,
            self.kind,
            self.market,
            self.place,
            self.stale,
            findings,
            visual,
            self.reason,
        )

    @property
    def rendered(self) -> bool:
        """Has outputs from this or an earlier build that can be shot, reviewed, checked."""
        return self.place is not None and self.kind != "failed"

    def to_dict(self) -> dict[str, Any]:
        if self.place is not None:
            data: dict[str, Any] = {
                "id": self.id,
                "campaign": self.campaign,
                "locale": self.place.locale,
                "market": self.market,
                "variant": self.place.variant,
                "status": self.kind,
                "path": self.place.rel,
                "stale": self.stale,
                "findings": [f.to_dict() for f in self.findings],
            }
            if self.visual is not None:
                data["visual"] = self.visual.to_dict()
            return data
        if self.kind == "skipped":
            return {
                "id": self.id,
                "campaign": self.campaign,
                "market": self.market,
                "status": self.kind,
                "reason": self.reason,
            }
        return {
            "id": self.id,
            "campaign": self.campaign,
            "status": self.kind,
            "reason": self.reason,
            "findings": [f.to_dict() for f in self.findings],
        }

    @classmethod
    def from_dict(cls, data: Any) -> ManifestEntry:
        if not isinstance(data, dict) or data.get("status") not in KINDS:
            raise ValueError(f"not a manifest entry: {data!r}")
        market, reason = data.get("market"), data.get("reason")
        return cls(
            _str(data["id"]),
            _str(data["campaign"]),
            data["status"],
            None if market is None else _str(market),
            JobPlace.parse(_str(data["path"])) if "path" in data else None,
            _bool(data.get("stale", False)),
            findings_from_list(data["findings"]) if "findings" in data else (),
            Review.from_dict(data["visual"]) if "visual" in data else None,
            None if reason is None else _str(reason),
        )


@dataclass(frozen=True)
class Manifest:
    """build/manifest.json in memory: every entry, and the build-wide findings (a missing
    browser) that belong to no job."""

    jobs: tuple[ManifestEntry, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()

    def by_id(self) -> dict[str, ManifestEntry]:
        return {e.id: e for e in self.jobs}


def _str(value: Any) -> str:
    return value if isinstance(value, str) else _fail(repr(value))


def _bool(value: Any) -> bool:
    return value if isinstance(value, bool) else _fail(repr(value))


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else _fail(repr(value))


def _fail(what: str) -> Any:
    raise ValueError(f"unexpected value: {what}")
