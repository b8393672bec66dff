"""Shortcuts of a build worker's render and write steps, each tested against the plain way
it replaced, on input built to reach the cases where the two could part."""

from __future__ import annotations

import base64
import binascii
import random
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from lxml import etree

from mailglot.plan import Selection, plan_jobs
from mailglot.project.loader import load_project
from mailglot.render import eml, inline, quoted_printable, text
from mailglot.render.pipeline import Renderer
from mailglot.runner import run_jobs
from tests.conftest import copy_example


def _encode_before(body: str) -> tuple[str, bytes]:
    """eml._encode as it was before lines were encoded one by one and remembered."""
    data = body.encode()
    lines = data.splitlines()
    if max(map(len, lines), default=0) <= 78:
        return ("7bit" if data.isascii() else "8bit"), b"\r\n".join(lines) + b"\r\n"
    qp = binascii.b2a_qp(b"\n".join(lines[:10]) + b"\n", istext=True)
    if len(qp) > len(binascii.b2a_base64(b"\r\n".join(lines[:10]) + b"\r\n")):
        crlf = b"\r\n".join(lines) + b"\r\n"
        return "base64", base64.encodebytes(crlf).replace(b"\n", b"\r\n")
    if len(lines) > 10:
        qp += quoted_printable.encode(lines[10:])
    return "quoted-printable", qp.replace(b"\n", b"\r\n")


_PIECES = [
    '<td style="padding:0 25px">',
    "Notre meilleure offre de l'année",
    "خصم 40% على اشتراك سنة كاملة",
    "年間プランが40%オフ",
    "a=b ",
    "tab\t",
    ".",
    " ",
    "=",
    "9,99\u00a0€",
    "x" * 70,
]


def test_parts_encoded_line_by_line_and_remembered_are_those_encoded_whole(monkeypatch):
    """Lines of every length around the long-line path's threshold and the 76-column cut,
    ending in a space or a tab, a lone '.', '=' and scripts of many bytes (base64 chosen),
    seen again and again among other lines (a remembered line must give only itself)."""
    monkeypatch.setattr(eml, "_SHORT_LINES", {})
    rng = random.Random(8)
    latin = [p for p in _PIECES if max(p) < "\u0600"]  # few bytes to encode: quoted-printable
    lines = [
        "".join(rng.choice(pieces) for _ in range(rng.choice([0, 1, 2, 5, 30, 60, 200])))
        for pieces in [latin] * 50 + [_PIECES] * 10
    ]
    lines += ["y" * n for n in (74, 75, 76, 77, 78, 999, 1000, 1001)]
    ways = set()
    for _ in range(400):
        body = "\n".join(rng.choice(lines) for _ in range(rng.choice([1, 3, 10, 11, 40])))
        assert eml._encode(body.encode()) == _encode_before(body), body
        ways.add(eml._encode(body.encode())[0])
    assert ways == {"7bit", "8bit", "quoted-printable", "base64"}
    assert 0 < len(eml._SHORT_LINES) <= 4096


def test_a_pools_results_are_each_jobs_own_as_one_process_makes_them(tmp_path: Path):
    """Workers get the jobs as they are forked and are sent their numbers; their results come
    back without the job and are matched to it again: every result (record, findings, text
    part, a failure's reason) must be the one a single process makes for that job, in order."""
    roots = [copy_example(tmp_path / name) for name in ("one", "two")]
    for root in roots:  # one campaign's jobs fail: their results cross back too
        partial = root / "templates/partials/cta.mjml.j2"
        partial.write_text(partial.read_text("utf-8").replace("}}", "}", 1), "utf-8")
    results = []
    for root, workers in zip(roots, (1, 2), strict=True):
        project = load_project(root)
        jobs = plan_jobs(project, Selection(), date(2026, 11, 2)).jobs
        made = run_jobs(lambda p=project: Renderer(p), root / "build", jobs, workers, final=True)
        assert [r.job for r in made] == jobs
        results.append([replace(r, seconds=0.0, stamp=None) for r in made])  # when, where
    assert {r.status for r in results[0]} == {"built", "failed"}
    assert results[0] == results[1]


_LEADING_STYLE = re.compile(r"<head>(<style>.*?</style>)", re.S)


def _at_rules_last_before(out: str) -> str:
    """inline._at_rules_last as it was, with a pattern."""
    head = out.find("<head>", 0, 1024)
    m = _LEADING_STYLE.match(out, head) if head != -1 else None
    if m is None:
        return out
    head_end = out.find("</head>", m.end())
    if head_end == -1:
        return out
    return out[: m.start(1)] + out[m.end(1) : head_end] + m.group(1) + out[head_end:]


def test_the_kept_rules_move_to_the_end_of_the_head_as_the_pattern_moved_them():
    rng = random.Random(4)
    pieces = ["<head>", "<style>", "</style>", "</head>", "@media x{}", "\n", "<meta>", "x" * 300]
    for _ in range(3_000):
        out = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert inline._at_rules_last(out) == _at_rules_last_before(out), out


_PIECES_TEXT = [
    "<!--[if mso]><table><tr><td><![endif]-->",
    "<!-- a note -->",
    "<!---->",
    "<!--[if !mso]><!-->",
    "<!--<![endif]-->",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<td>",
    "</td>",
    "<tr>",
    "<table>",
    "</table>",
    "<pre>",
    "</pre>",
    '<a href="https://s.example/x">',
    "</a>",
    "<br>",
    "<li>",
    "<ul>",
    '<div style="display:none">',
    " ",
    "  ",
    "\n",
    "word",
    "two words ",
    " lead",
    "&nbsp;",
    "9,99\u00a0€",
    "<span>",
    "</span>",
    "<?pi x?>",
]


def test_a_text_part_read_without_comment_nodes_is_the_one_read_with_them():
    """libxml2 joins the texts around a comment it does not keep: the walk must write the
    same text part as from the two texts and the comment between them, wherever comments
    fall (between words, in cells, in links, in pre, first or last in an element)."""
    with_comments = etree.HTMLParser()
    rng = random.Random(6)
    for _ in range(3_000):
        body = "".join(rng.choice(_PIECES_TEXT) for _ in range(rng.randint(1, 40)))
        html = f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>"
        doc = etree.fromstring(html, with_comments)
        assert text.html_to_text(html) == text._text_of(doc.find("body")), body
