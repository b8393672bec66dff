"""The output checks a job's variants share (checks/variants.py) find for each variant what
they find for it alone: its own path, its own lines, its own links, never the other's."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from mailglot.checks import features, reading, variants
from mailglot.checks.registry import check_output
from mailglot.output import BUILD_DIR
from mailglot.plan import Selection, plan_jobs
from mailglot.project.loader import Project, load_project
from mailglot.records import JobMeta
from mailglot.render.pipeline import Renderer
from mailglot.render.title_spans import title_spans
from tests.conftest import copy_example

HEAD = '<!doctype html><html lang="en-US" dir="ltr"><head>{head}<title>{title}</title></head>'
BODY = (
    '<body><div style="display:none">The preheader</div>'
    '<div aria-label="{label}" role="article" lang="en-US" dir="ltr">{body}</div></body></html>'
)
PIECES = [
    '<a href="https://placeholder.example/x">x</a>',
    "<a href='http://streamly.example/plain'>y</a>",
    '<a href="#">top</a>',
    '<img src="https://cdn.example/a.png">',
    '<img src="https://cdn.example/b.png" alt="">',
    '<table role="presentation"><tr><td>t</td></tr></table>',
    '<table border="0"><tr><td>layout</td></tr></table>',
    "\n",
    "text ",
]
HEADS = ["", "<!--x-->", "<!-- <a href='https://open.example/ -->", '<meta charset="utf-8">']
CHARS = ["a", " ", "'", "&amp;", "<", ">", "\n", "é", "Z"]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return load_project(copy_example(tmp_path_factory.mktemp("variants") / "project"))


@pytest.fixture(scope="module")
def meta(project: Project) -> JobMeta:
    jobs = [
        j for j in plan_jobs(project, Selection(), date(2026, 11, 1)).jobs if j.locale == "en_US"
    ]
    return Renderer(project).render(jobs[0]).meta


def _email(title: str, label: str, body: str, head: str = "") -> str:
    return HEAD.format(title=title, head=head) + BODY.format(label=label, body=body)


def _findings(project: Project, meta: JobMeta, variant: str, html: str) -> list:
    place = replace(meta.place, variant=variant)
    return check_output(project, place, BUILD_DIR, html, "text", meta)


def _alone(project: Project, meta: JobMeta, variant: str, html: str) -> list:
    """The findings with nothing kept from an earlier email."""
    variants._KEPT.clear()
    variants._last = None
    return _findings(project, meta, variant, html)


def test_second_variant_located_at_its_own_email(project: Project, meta: JobMeta) -> None:
    body = "".join(PIECES[:7])
    a = _email("Half price", "Half price", body)
    b = _email("Alex, half price", "Alex, half price", body)
    expected = _alone(project, meta, "b", b)
    _alone(project, meta, "a", a)
    found = _findings(project, meta, "b", b)
    assert found == expected
    assert variants.masked(b).inert
    codes = {d.code for d in found}
    assert {"a11y.alt", "a11y.table-role", "links.placeholder", "links.https"} <= codes
    at_email = [d for d in found if d.path.endswith("/email.html")]
    own = f"{replace(meta.place, variant='b').in_build(BUILD_DIR)}/email.html"
    assert at_email and all(d.path == own for d in at_email)


def test_line_break_in_the_label_moves_the_lines(project: Project, meta: JobMeta) -> None:
    """A label with a line break is not inert: the links after it are one line further."""
    body = '<a href="https://placeholder.example/x">x</a>'
    a = _email("Sale", "Sale", body)
    b = _email("Sale", "Sale\nnow", body)
    _alone(project, meta, "a", a)
    first = [d.line for d in _findings(project, meta, "a", a) if d.code == "links.placeholder"]
    second = [d.line for d in _findings(project, meta, "b", b) if d.code == "links.placeholder"]
    assert (first, second) == ([1], [2])


def test_link_running_through_the_title_is_each_variant_own(
    project: Project, meta: JobMeta
) -> None:
    """An `<a href='` before the title whose value ends at a quote in it: the link differs
    with the title, so links is not shared there."""
    head = "<!-- <a href='https://open.example/ -->"
    a = _email("Singles' Day", "Sale", "x", head)
    b = _email("Black Friday's here", "Sale", "x", head)
    _alone(project, meta, "a", a)
    found = [d.message for d in _findings(project, meta, "b", b) if d.code.startswith("links")]
    assert found == [d.message for d in _alone(project, meta, "b", b) if d.code.startswith("links")]
    assert any("Black Friday" in message for message in found)


def test_random_variants_find_what_each_finds_alone(project: Project, meta: JobMeta) -> None:
    rng = random.Random(15)
    shared = 0
    for _ in range(300):
        body = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 8)))
        head = rng.choice(HEADS)
        texts = ["".join(rng.choice(CHARS) for _ in range(rng.randint(0, 6))) for _ in range(4)]
        a = _email(texts[0].replace("<", ""), texts[1].replace('"', ""), body, head)
        b = _email(texts[2].replace("<", ""), texts[3].replace('"', ""), body, head)
        expected = _alone(project, meta, "b", b)
        _alone(project, meta, "a", a)
        found = _findings(project, meta, "b", b)
        assert found == expected, (a, b)
        mask = variants.masked(b)
        shared += mask is not None and mask.inert and mask.mask is variants.masked(a).mask
    assert shared > 50  # enough of them were shared to say so


def test_masked_keys_are_one_object(tmp_path: Path) -> None:
    a = _email("One", "One", "<p>x</p>")
    b = _email("Two", "Two", "<p>x</p>")
    assert variants.masked(a).mask is variants.masked(b).mask
    assert variants.masked(b).mask.key == _email(variants.TITLE, variants.LABEL, "<p>x</p>")
    other = variants.masked(_email("One", "One", "<p>y</p>"))
    assert other.mask is not variants.masked(a).mask
    assert variants.masked(_email("Three", "Three", "<p>x</p>")).mask is variants.masked(a).mask


def test_a_recent_mask_finds_the_spans_title_spans_finds() -> None:
    """An email compared with a recent mask is split where `title_spans` splits it."""
    rng = random.Random(13)
    chars = ["a", " ", "<", ">", '"', "'", "&", "</title>", "\n", "é", '" x="']
    for _ in range(500):
        texts = ["".join(rng.choice(chars) for _ in range(rng.randint(0, 5))) for _ in range(4)]
        body = rng.choice(PIECES)
        variants._last = None
        variants.masked(_email(texts[0], texts[1], body))
        email = _email(texts[2], texts[3], body)
        found, spans = variants.masked(email), title_spans(email)
        assert (found is None) == (spans is None), email
        if spans is not None:
            (a, b), (c, d) = spans
            assert (found.title, found.label) == (email[a:b], email[c:d])
            masked = f"{email[:a]}{variants.TITLE}{email[b:c]}{variants.LABEL}{email[d:]}"
            assert found.mask.key == masked


def test_the_label_is_read_in_its_one_tag() -> None:
    """The shared reading puts each variant's label back in the one tag holding it once."""
    a = _email("Sale", "Sale", '<p title="x">one</p><img alt="y" src="z.png">')
    key = variants.masked(a).mask.key
    doctype, plain, at = reading._read_with_placeholders(key, features._parse)
    assert doctype and variants.LABEL in plain.body[at] and at == 2  # <body>, the preheader
    twice = key.replace('title="x"', f'title="{variants.LABEL}"')
    assert reading._read_with_placeholders(twice, features._parse) is None
    doubled = key.replace(variants.LABEL, variants.LABEL * 2)
    assert reading._read_with_placeholders(doubled, features._parse) is None
