"""An indicative spam score for each built .eml, from Debian's SpamAssassin run locally.

Local rules only (`-L`: no DNS blocklists, no network), no Bayes database, no preferences file
written. All messages go through one `spamassassin --mbox` process: it loads its rules once
(about 3 s) and then takes about 0.4 s per message. Messages are scored as `send` would
deliver them: a campaign without a schedule gets the moment of sending as its Date (a build
carries none, see render/eml.py), otherwise SpamAssassin adds 2.7 points for MISSING_DATE.
Scores are indicative: inbox providers run their own, different filters.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime
from email import message_from_bytes, policy
from email.utils import format_datetime

from mailglot.errors import Diagnostic, MailglotError

INSTALL_HINT = (
    "SpamAssassin is not installed, so there is no spam score: install it "
    "(`sudo apt-get install spamassassin` on Debian/Ubuntu, `brew install spamassassin` on "
    "macOS) and run `mailglot check --spam` again"
)
COMMAND = ("-L", "-t", "-x", "--mbox", "--cf=use_bayes 0", "--cf=report_safe 0")
_SUMMARY = re.compile(r"Content analysis details:\s+\((-?[\d.]+) points, (-?[\d.]+) required\)")
_RULE = re.compile(r"^\s*(-?\d+\.\d+)\s+([A-Z0-9_]+)\s+(.*)$")
_INDEX = re.compile(r"^X-Mailglot-Index: (\d+)$", re.MULTILINE)
INDEX_HEADER = "X-Mailglot-Index"
_FROM_LINE = re.compile(rb"^(>*From )", re.MULTILINE)


class SpamAssassinFailed(MailglotError):
    pass


@dataclass(frozen=True)
class RuleHit:
    name: str
    points: float
    description: str


@dataclass(frozen=True)
class SpamScore:
    score: float
    required: float
    rules: tuple[RuleHit, ...]

    @property
    def counted(self) -> tuple[RuleHit, ...]:
        """Rules that moved the score (NO_RECEIVED and friends score 0 on every local test)."""
        return tuple(r for r in self.rules if abs(r.points) >= 0.05)


def find_spamassassin() -> str | None:
    return shutil.which("spamassassin")


def as_sent(eml: bytes, now: datetime, index: int) -> bytes:
    """`--mbox` answers in its own order, not the input's: an index header pairs them up."""
    msg = message_from_bytes(eml, policy=policy.SMTP)
    if msg["Date"] is None:
        msg["Date"] = format_datetime(now)
    msg[INDEX_HEADER] = str(index)
    return msg.as_bytes()


def mbox(messages: list[bytes]) -> bytes:
    """One mbox for one process; body lines that start with `From ` are escaped (mboxrd)."""
    parts = []
    for raw in messages:
        body = _FROM_LINE.sub(rb">\1", raw.replace(b"\r\n", b"\n"))
        parts.append(b"From mailglot@localhost Thu Jan  1 00:00:00 1970\n" + body.rstrip(b"\n"))
    return b"\n\n".join(parts) + b"\n"


def parse_reports(output: str) -> dict[int, SpamScore]:
    """The `-t` report after each message: a summary line, then a table of rules hit whose
    descriptions may continue on indented lines; keyed by the message's index header."""
    indexes = [(m.start(), int(m.group(1))) for m in _INDEX.finditer(output)]
    scores: dict[int, SpamScore] = {}
    for match in _SUMMARY.finditer(output):
        before = [i for pos, i in indexes if pos < match.start()]
        if not before:
            continue
        rules: list[RuleHit] = []
        lines = output[match.end() :].splitlines()[1:]
        for line in lines[3:]:  # after: blank, header, dashes
            if not line.strip():
                break
            rule = _RULE.match(line)
            if rule:
                rules.append(RuleHit(rule.group(2), float(rule.group(1)), rule.group(3).strip()))
            elif rules:
                last = rules[-1]
                rules[-1] = RuleHit(last.name, last.points, f"{last.description} {line.strip()}")
        scores[before[-1]] = SpamScore(float(match.group(1)), float(match.group(2)), tuple(rules))
    return scores


def score(messages: list[bytes], now: datetime, executable: str) -> list[SpamScore]:
    if not messages:
        return []
    try:
        done = subprocess.run(
            [executable, *COMMAND],
            input=mbox([as_sent(m, now, i) for i, m in enumerate(messages)]),
            capture_output=True,
            timeout=60 + 5 * len(messages),
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SpamAssassinFailed(f"SpamAssassin did not run: {exc}") from exc
    scores = parse_reports(done.stdout.decode("utf-8", "replace"))
    if set(scores) != set(range(len(messages))):
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        raise SpamAssassinFailed(
            f"SpamAssassin scored {len(scores)} of {len(messages)} messages "
            f"(exit {done.returncode}): {detail[0]}"
        )
    return [scores[i] for i in range(len(messages))]


def spam_finding(path: str, result: SpamScore) -> Diagnostic:
    """Info below SpamAssassin's threshold, a warning at or above it; never an error, since
    the score is only indicative."""
    rules = ", ".join(f"{r.name} {r.points:+.1f} ({r.description})" for r in result.counted)
    verdict = "would be marked as spam" if result.score >= result.required else "indicative"
    return Diagnostic(
        path,
        None,
        "spam.score",
        "warning" if result.score >= result.required else "info",
        f"SpamAssassin score {result.score:.1f} of {result.required:.1f} ({verdict}; local "
        f"rules only): {rules or 'no rules that count'}",
    )


def score_jobs(
    emls: list[tuple[str, str, bytes]], now: datetime, executable: str
) -> list[tuple[str, Diagnostic]]:
    """(job id, path of its .eml, its bytes) -> (job id, spam.score finding) for each."""
    results = score([raw for _, _, raw in emls], now, executable)
    return [(job, spam_finding(path, r)) for (job, path, _), r in zip(emls, results, strict=True)]
