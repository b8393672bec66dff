"""A job's variants compile once (render/shared_compile.py): every email must come out byte
for byte as `compile_mjml` makes it, or fail with the same message, whatever its title."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from mailglot.plan import Selection, plan_jobs
from mailglot.project.loader import load_project
from mailglot.render import pipeline, shared_compile
from mailglot.render.merge import MergeFields
from mailglot.render.mjml import compile_mjml
from mailglot.render.pipeline import Renderer
from mailglot.render.title_spans import title_spans
from tests.both_ways import outcome
from tests.conftest import TODAY

FIDELITY = sorted((Path(__file__).parent / "fidelity").glob("*.mjml"))
_TITLE = re.compile(r"<mj-title>.*?</mj-title>", re.S)
_TOKEN = MergeFields(("first_name", "email"), {}, "mailchimp").tokens()["first_name"]

PIECES = (
    "Black Friday",
    "-40 %",
    "Ünïcödé straße",
    "café",
    "e\u0301",
    "عرض خاص لك",
    "שלום וברכה",
    "限定セール",
    "会员专享",
    "🎉",
    "👍🏽",
    "👨\u200d👩\u200d👧",
    "❤️",
    "\u200f",
    "\u200e",
    "\u202b",
    "&amp;",
    "&nbsp;",
    "\xa0",
    "&#39;",
    "&#34;",
    "&quot;",
    "&lt;b&gt;",
    "&zwnj;",
    "&#x1F600;",
    "&#0;",
    "&bogus;",
    "&",
    "AT&T",
    "'",
    '"',
    "<",
    ">",
    "<b>x</b>",
    "</mj-title>",
    "<mj-title>",
    "{{first_name}}",
    "*|FNAME|*",
    "{{ first_name }}",
    _TOKEN,
    " ",
    "  ",
    "\n",
    "\r\n",
    "\t",
    "\\",
    "=",
    "`",
    "\x0b",
    "\x85",
    "\ufffe",
    "\u2028",
    "100%",
)


def _titles(rng: random.Random, n: int) -> list[str]:
    out = ["Your weekly digest", " Leading and trailing ", "x" * 5000, "", "   "]
    for _ in range(n):
        title = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 8)))
        out.append(title * (40 if rng.random() < 0.1 else 1))
    return out


def _with_title(mjml: str, title: str) -> str:
    if _TITLE.search(mjml):
        return _TITLE.sub(lambda _: f"<mj-title>{title}</mj-title>", mjml, count=1)
    if "<mj-head>" in mjml:
        return mjml.replace("<mj-head>", f"<mj-head><mj-title>{title}</mj-title>", 1)
    head = f"<mj-head><mj-title>{title}</mj-title></mj-head>"
    return re.sub(r"(<mjml\b[^>]*>)", lambda m: m.group(1) + head, mjml, count=1)


def _assert_same(mjml: str) -> None:
    assert outcome(shared_compile.compile_variant, mjml) == outcome(compile_mjml, mjml)


def _shared_entries() -> int:
    return sum(v is not None for v in shared_compile._COMPILED.values())


@pytest.mark.parametrize("path", FIDELITY, ids=lambda p: p.stem)
def test_fidelity_documents_with_generated_titles(path: Path) -> None:
    rng = random.Random(path.stem)
    source = path.read_text(encoding="utf-8")
    shared_compile._COMPILED.clear()
    for title in _titles(rng, 10):
        _assert_same(_with_title(source, title))
    # a plain title takes the shared path (so the comparisons above tested it), unless the
    # HTML is not plainly written (a <meta /> from mj-raw in <head>) or lxml writes it again
    plain = _with_title(source, "Plain subject &amp; more")
    _assert_same(plain)
    plainly = title_spans(compile_mjml(plain)) is not None and "mj-html-attributes" not in plain
    assert _shared_entries() >= 1 or not plainly


def test_variants_of_one_document_come_from_one_compile() -> None:
    """Many titles, one compile: the later variants are served from the kept one, still
    equal to their own compile; a cold start for each gives the same again."""
    source = (Path(__file__).parent / "fidelity" / "newsletter.mjml").read_text(encoding="utf-8")
    rng = random.Random(7)
    titles = _titles(rng, 300)
    shared_compile._COMPILED.clear()
    for title in titles:
        _assert_same(_with_title(source, title))
    assert len(shared_compile._COMPILED) == 1 and _shared_entries() == 1
    for title in titles[:40]:
        shared_compile._COMPILED.clear()
        _assert_same(_with_title(source, title))


@pytest.mark.parametrize("name", ["newsletter", "style-inline"])
def test_every_character_in_a_title(name: str) -> None:
    """Code points in blocks, and alone where a block parts: MRML refuses some (U+FFFE), and
    writes others again where it inlines `<mj-style inline>` (a CR): the guard keeps those
    out. Both ways MRML writes a title: as it came (newsletter) and parsed again."""
    source = (Path(__file__).parent / "fidelity" / f"{name}.mjml").read_text(encoding="utf-8")
    blocks = [range(start, start + 128) for start in range(0, 0x3000, 128)]
    blocks += [range(0xFF00, 0x10000), range(0x1F300, 0x1F400), range(0x10FF80, 0x110000)]
    for block in blocks:
        chars = [chr(c) for c in block if not 0xD800 <= c <= 0xDFFF]
        together = _with_title(source, "a" + "".join(chars) + "b")
        if outcome(shared_compile.compile_variant, together) == outcome(compile_mjml, together):
            continue
        for char in chars:
            _assert_same(_with_title(source, f"a{char}b"))


def test_a_failing_document_reports_its_own_error() -> None:
    """The placeholder's version failing (or passing where the variant fails) never hides or
    changes the variant's error."""
    broken = "<mjml><mj-head><mj-title>Subject</mj-title></mj-head><mj-body><mj-section>"
    for mjml in (
        broken,
        broken + "</mj-body></mjml>",
        _with_title("<mjml><mj-body></mj-body></mjml>", "bad \ufffe title"),
        _with_title("<mjml><mj-body></mj-body></mjml>", "bad \x01 title"),
    ):
        for _ in range(2):  # cold, then with what the first call kept
            with pytest.raises(Exception) as shared:
                shared_compile.compile_variant(mjml)
            with pytest.raises(Exception) as plain:
                compile_mjml(mjml)
            assert (type(shared.value), str(shared.value)) == (type(plain.value), str(plain.value))


def test_titles_written_otherwise_take_the_plain_path() -> None:
    """A title with attributes, in a comment or raw block, or twice: compiled plainly."""
    body = "<mj-body><mj-section><mj-column><mj-text>Hi</mj-text></mj-column></mj-section>"
    for head in (
        '<mj-head><mj-title css-class="x">Subject</mj-title></mj-head>',
        "<mj-head><!-- <mj-title>Old</mj-title> --><mj-title>Subject</mj-title></mj-head>",
        "<mj-head><mj-title>One</mj-title><mj-title>Two</mj-title></mj-head>",
        "<mj-head><mj-raw><mj-title>Raw</mj-title></mj-raw></mj-head>",
    ):
        mjml = f"<mjml>{head}{body}</mj-body></mjml>"
        _assert_same(mjml)
    raw = (
        f"<mjml><mj-head></mj-head>{body}<mj-raw><mj-title>Raw</mj-title></mj-raw></mj-body></mjml>"
    )
    shared_compile._COMPILED.clear()
    _assert_same(raw)
    assert _shared_entries() == 0  # the placeholder shows outside <title>: not shared


def test_memory_is_bounded() -> None:
    shared_compile._COMPILED.clear()
    for i in range(shared_compile._LIMIT * 3):
        mjml = (
            f"<mjml><mj-head><mj-title>T {i}</mj-title></mj-head><mj-body><mj-section>"
            f"<mj-column><mj-text>Body {i}</mj-text></mj-column></mj-section></mj-body></mjml>"
        )
        _assert_same(mjml)
        assert len(shared_compile._COMPILED) <= shared_compile._LIMIT


def test_example_project_emails(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The example's MJML as the pipeline hands it over (merge tokens, direction, every
    locale), with its own subject and with generated ones: the same HTML both ways."""
    project = load_project(example)
    jobs = plan_jobs(project, Selection(), TODAY).jobs
    seen: list[str] = []

    def noted(mjml: str) -> str:
        seen.append(mjml)
        return shared_compile.compile_variant(mjml)

    monkeypatch.setattr(pipeline, "compile_variant", noted)
    renderer = Renderer(project)
    shared_compile._COMPILED.clear()
    for job in jobs:
        html = renderer.render(job).files["email.html"]
        assert html
    assert len(seen) == len(jobs) > 20
    assert _shared_entries() >= 1
    rng = random.Random(11)
    for mjml in seen:
        assert shared_compile._title_cut(mjml) is not None  # every subject is shared
        _assert_same(mjml)
    for mjml in rng.sample(seen, 12):
        for title in _titles(rng, 3):
            _assert_same(_with_title(mjml, title))


def test_a_document_with_html_attributes_is_compiled_plainly() -> None:
    """mj-html-attributes makes the fix-ups write the whole document again with lxml, which
    writes a title its own way (a raw no-break space, a label of quotes in '...')."""
    head = (
        "<mj-html-attributes><mj-selector path='.x'>"
        "<mj-html-attribute name='data-t'>v</mj-html-attribute></mj-selector>"
        "</mj-html-attributes>"
    )
    for title in ("Black\xa0Friday", "&#34;Sale&#34;"):
        mjml = (
            f"<mjml><mj-head><mj-title>{title}</mj-title>{head}</mj-head><mj-body>"
            "<mj-section><mj-column><mj-text css-class='x'>hi</mj-text></mj-column>"
            "</mj-section></mj-body></mjml>"
        )
        assert shared_compile.compile_variant(mjml) == compile_mjml(mjml)


def test_a_subject_naming_the_carousel_query_is_left_as_written() -> None:
    """The carousel fix rewrites MRML's Yahoo query in style sheets only, so a subject that
    says it is kept, and the shared compile gives what the plain one gives."""
    title = "Deals @media screen, yahoo { now"
    mjml = (
        f"<mjml><mj-head><mj-title>{title}</mj-title></mj-head><mj-body><mj-section>"
        "<mj-column><mj-carousel><mj-carousel-image src='https://example.com/a.png' />"
        "<mj-carousel-image src='https://example.com/b.png' /></mj-carousel></mj-column>"
        "</mj-section></mj-body></mjml>"
    )
    html = compile_mjml(mjml)
    assert f"<title>{title}</title>" in html
    assert "@media screen yahoo {" in html
    assert shared_compile.compile_variant(mjml) == html
