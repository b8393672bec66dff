"""MRML's work shared by the documents of one skeleton (render/skeletons.py): every document
must come out byte for byte as `compile_mjml` makes it, or fail with the same message,
whatever its texts and values, and each from its own runs, never another's."""

from __future__ import annotations

import importlib
import inspect
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from mailglot.render import mjml, run_forms, skeletons, text_runs
from mailglot.render.mjml import compile_mjml
from tests.both_ways import outcome, step_inputs

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
FIDELITY = sorted((Path(__file__).parent / "fidelity").glob("*.mjml"))

# Pieces of text: references named and numeric (whole, without ';', read in two ways),
# quotes, markup characters, white space of every kind, controls, noncharacters, marks,
# right-to-left text and marks, characters outside the BMP
TEXTS = (
    "Black Friday",
    "-40 %",
    "café",
    "e\u0301",
    "عرض خاص لك",
    "مَرْحَبًا",
    "שלום",
    "限定セール",
    "ｶﾞ",
    "🎉",
    "👨\u200d👩\u200d👧",
    "\u200f",
    "\u200e",
    "\u202b",
    "\u00ad",
    "&amp;",
    "&amp",
    "&nbsp;",
    "&nbsp",
    "&zwnj;",
    "\xa0",
    "\u202f",
    "\u3000",
    "&#39;",
    "&#34;",
    "&quot;",
    "&lt;",
    "&gt;",
    "&lt;b&gt;",
    "&#x1F600;",
    "&#128512;",
    "&#0;",
    "&#13;",
    "&#9;",
    "&#10;",
    "&#32;",
    "&#128;",
    "&#xD800;",
    "&#x110000;",
    "&#",
    "&#x;",
    "&bogus;",
    "&notit;",
    "&copy2024",
    "&copy;",
    "&NewLine;",
    "&Tab;",
    "&",
    "AT&T",
    "a & b",
    "?a=1&b=2",
    "'",
    '"',
    "<",
    ">",
    "=",
    "`",
    "\\",
    "{{first_name}}",
    "*|FNAME|*",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\x0b",
    "\x0c",
    "\x01",
    "\x7f",
    "\x85",
    "\ufffe",
    "\U0001fffe",
    "\u2028",
    "\U000e0001",
    "100%",
    "x",
)
URLS = (
    "https://shop.example/a",
    "https://shop.example/offer/c0031?utm_source=x&utm_medium=email",
    "https://shop.example/p?a=1&amp;b=2",
    "mailto:help@shop.example",
    "https://shop.example/é/ü",
    "{{unsubscribe_url}}",
    "#top",
)


COMMON = ("Black Friday", "-40 %", "café", "عرض خاص لك", "限定セール", "&amp;", "&#39;", "x y")


def _text(rng: random.Random) -> str:
    """Mostly words a template writes, sometimes a piece of any kind (or none), rarely with
    white space at its ends (a template's own, the same in each of its documents)."""
    if rng.random() < 0.02:
        return rng.choice(("", " ", "\n  "))
    pieces = [rng.choice(COMMON) for _ in range(rng.randint(1, 4))]
    while rng.random() < 0.06:
        pieces.insert(rng.randint(0, len(pieces)), rng.choice(TEXTS))
    text = "".join(pieces) * (60 if rng.random() < 0.02 else 1)  # now and then a long one
    return text if rng.random() < 0.03 else text.strip()


def _value(rng: random.Random) -> str:
    """An attribute written as a template would: its value in double quotes, or in single
    quotes when it holds a double quote."""
    value = rng.choice(URLS) if rng.random() < 0.7 else _text(rng)
    if rng.random() < 0.2:
        value = rng.choice(URLS) + _text(rng)
    if '"' in value and "'" in value:
        value = value.replace('"', "&#34;")
    return f"'{value}'" if '"' in value else f'"{value}"'


def _components(rng: random.Random, t: Callable[..., str]) -> str:
    """One column's content: the components whose texts and values MRML passes through."""
    choices = [
        lambda: f"<mj-text>{t()}</mj-text>",
        lambda: f"<mj-text><p>{t()} <a href={t(1)} title={t(1)}>{t()}</a><br>{t()}</p></mj-text>",
        lambda: f"<mj-text><span lang={t(1)}>{t()}</span><b>{t()}</b></mj-text>",
        lambda: f"<mj-button href={t(1)} title={t(1)}>{t()}</mj-button>",
        lambda: f"<mj-button>{t()}</mj-button>",
        lambda: f"<mj-image src={t(1)} alt={t(1)} href={t(1)} title={t(1)} />",
        lambda: f"<mj-table><tr><td>{t()}</td><td title={t(1)}>{t()}</td></tr></mj-table>",
        lambda: f"<mj-table>{t()}<tr><td>{t()}</td></tr></mj-table>",
        lambda: f"<mj-raw><p title={t(1)}>{t()}</p></mj-raw>",
        lambda: f"<mj-text><style>.a {{ color: red }}</style>{t()}<pre>{t()}</pre></mj-text>",
        lambda: (
            f"<mj-navbar base-url={t(1)}><mj-navbar-link href={t(1)}>{t()}</mj-navbar-link>"
            f"<mj-navbar-link href={t(1)} title={t(1)}>{t()}</mj-navbar-link></mj-navbar>"
        ),
        lambda: (
            f'<mj-social><mj-social-element name="facebook" href={t(1)} alt={t(1)}>{t()}'
            f'</mj-social-element><mj-social-element name="x" href={t(1)} src={t(1)}>{t()}'
            "</mj-social-element></mj-social>"
        ),
        lambda: (
            f"<mj-accordion><mj-accordion-element><mj-accordion-title>{t()}"
            f"</mj-accordion-title><mj-accordion-text>{t()}</mj-accordion-text>"
            "</mj-accordion-element></mj-accordion>"
        ),
        lambda: (
            f"<mj-carousel><mj-carousel-image src={t(1)} alt={t(1)} title={t(1)} href={t(1)} />"
            f"<mj-carousel-image src={t(1)} /></mj-carousel>"
        ),
        lambda: "<mj-divider /><mj-spacer />",
    ]
    return "".join(rng.choice(choices)() for _ in range(rng.randint(1, 4)))


def _structure(rng: random.Random) -> list:
    """A document's shape: which components where, the head, the language and direction;
    `_document` fills it with texts, so documents of one shape share a skeleton."""
    return [rng.random() for _ in range(12)] + [rng.randint(0, 2**30)]


def _document(shape: list, texts: random.Random) -> str:
    rng = random.Random(shape[-1])  # the same components for every document of the shape

    def t(value: int = 0) -> str:
        return _value(texts) if value else _text(texts)

    head = f"<mj-title>{t()}</mj-title>" if shape[0] < 0.8 else ""
    head += f"<mj-preview>{t()}</mj-preview>" if shape[1] < 0.6 else ""
    sheet = ".x" if shape[7] < 0.7 else "a[href*=shop]" if shape[7] < 0.85 else "img[alt]"
    head += f'<mj-style inline="inline">{sheet} {{ color: #123456; }}</mj-style>' * (shape[2] < 0.5)
    head += (
        "<mj-attributes><mj-all font-family='Arial' /></mj-attributes>" if shape[3] < 0.3 else ""
    )
    rtl = ' dir="rtl"' if shape[4] < 0.3 else ""
    lang = f" lang={t(1)}" if shape[5] < 0.7 else ""
    sections = []
    for _ in range(rng.randint(1, 3)):
        columns = "".join(
            f"<mj-column>{_components(rng, t)}</mj-column>" for _ in range(rng.randint(1, 2))
        )
        sections.append(f"<mj-section css-class='x'>{columns}</mj-section>")
    if shape[6] < 0.2:
        sections.append(
            f"<mj-hero background-url='https://x.example/h.png'><mj-text>{t()}</mj-text>"
            f"<mj-button href={t(1)}>{t()}</mj-button></mj-hero>"
        )
    body = "\n  ".join(sections)
    return f"<mjml{lang}{rtl}><mj-head>{head}</mj-head><mj-body>\n  {body}\n</mj-body></mjml>"


def _assert_same(source: str) -> None:
    assert outcome(skeletons.compile_shared, source) == outcome(compile_mjml, source), source


def _entries() -> list:
    return [*skeletons._KEPT.values(), *skeletons._SEEN_ONCE.values()]


def _served() -> int:
    return sum(kept.compiled is not None for kept in _entries())


def test_generated_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hundreds of shapes, several documents each (the later ones filled in from the kept
    skeleton): the same HTML or the same error as their own compile."""
    filled, compiled = [], []
    fill, compile_ = skeletons._filled, skeletons._compiled
    monkeypatch.setattr(skeletons, "_filled", lambda s: filled.append(fill(s)) or filled[-1])
    monkeypatch.setattr(
        skeletons, "_compiled", lambda *a: compiled.append(compile_(*a)) or compiled[-1]
    )
    rng = random.Random(20261130)
    skeletons.forget()
    for _ in range(60):
        shape = _structure(rng)
        for _ in range(6):
            _assert_same(_document(shape, rng))
        skeletons.forget()
    shared = sum(html is not None for html in filled)
    from_kept = shared - sum(c is not None for c in compiled)
    assert shared > 150 and from_kept > 35  # of 360 documents (216 and 55 when written)


def test_runs_of_every_kind_are_filled_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """A document that holds each kind of run, in both ways MRML writes (as it came and
    written again by `<mj-style inline>`): one skeleton, and every text and value of a
    second document comes from that document."""
    given = _counted(monkeypatch)
    for inline in ("", '<mj-style inline="inline">.x { color: red; }</mj-style>'):
        skeletons.forget()
        htmls = []
        for n in (1, 2):
            source = (
                f'<mjml lang="l{n}"><mj-head><mj-title>T{n}</mj-title><mj-preview>P{n}'
                f"</mj-preview>{inline}</mj-head><mj-body><mj-section><mj-column>"
                f'<mj-text>A{n} <a href="https://x.example/{n}?a=1&amp;b=2">L{n}</a></mj-text>'
                f'<mj-button href="https://x.example/b{n}">B{n}</mj-button>'
                f'<mj-image src="https://x.example/{n}.png" alt="I{n}\xa0é" title="t{n}" />'
                f"<mj-table><tr><td>C{n} &amp; D{n}</td></tr></mj-table>"
                "</mj-column></mj-section></mj-body></mjml>"
            )
            html = skeletons.compile_shared(source)
            assert html == compile_mjml(source)
            htmls.append(html)
        assert len(_entries()) == 1 and _served() == 1
        assert len(given) == 1  # the skeleton's compile, none for either document
        given.clear()
        one, two = htmls
        for piece in ("l2", "T2", "P2", "A2", "L2", "x.example/2?", "b2", "B2", "2.png", "I2"):
            assert piece in two and piece not in one
        for piece in ("t2", "C2", "D2"):
            assert piece in two


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents MRML is given by the shared path, noted as it goes."""
    given: list[str] = []
    for name in ("_mrml", "_to_html"):  # a document's own compile, a skeleton's
        call = getattr(skeletons, name)
        monkeypatch.setattr(skeletons, name, lambda s, call=call: given.append(s) or call(s))
    return given


def test_a_run_that_needs_its_own_compile_gets_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """One skeleton, kept; then a document of it with a run whose form there is not certain
    (a `"` in the title, which is also the wrapper's label in a document written again):
    that document is compiled itself, and the next one is filled in from the kept skeleton."""
    given = _counted(monkeypatch)
    skeletons.forget()

    def document(title: str, text: str) -> str:
        return (
            f"<mjml><mj-head><mj-title>{title}</mj-title><mj-style inline='inline'>.x "
            "{ color: red; }</mj-style></mj-head><mj-body><mj-section><mj-column>"
            f"<mj-text>{text}</mj-text></mj-column></mj-section></mj-body></mjml>"
        )

    for title, text, compiles in (
        ("Plain", "one", 1),  # the skeleton's compile
        ('Say "hi"', "two", 1),  # its own
        ("Again", "three", 0),  # filled in
    ):
        source = document(title, text)
        before = len(given)
        html = skeletons.compile_shared(source)
        assert html == compile_mjml(source)
        assert len(given) - before == compiles
        assert f">{text}<" in html and title.replace('"', "&quot;") in html
    assert len(_entries()) == 1 and _served() == 1


def test_a_failing_document_reports_its_own_error() -> None:
    """A skeleton MRML refuses, or a run that makes the document fail where its skeleton
    compiles (U+FFFE): the document's own error, cold and with what the first call kept."""
    good = "<mjml><mj-body><mj-section><mj-column><mj-text>{}</mj-text></mj-column></mj-section>"
    for source in (
        good.format("fine") + "</mj-body>",
        good.format("a < b") + "</mj-body></mjml>",
        good.format("bad \ufffe text") + "</mj-body></mjml>",
        "<mjml><mj-body><mj-section><mj-column><mj-unknown>x</mj-unknown>",
    ):
        skeletons.forget()
        for _ in range(2):
            assert outcome(skeletons.compile_shared, source) == outcome(compile_mjml, source)


def test_memory_is_bounded() -> None:
    """Skeletons seen twice are kept up to LIMIT, those seen once up to NEW, apart: a stream
    of skeletons never seen again does not push out the kept ones."""
    skeletons.forget()

    def document(i: int, text: str) -> str:
        return (
            f"<mjml><mj-body><mj-section css-class='s{i}'><mj-column><mj-text>{text}"
            "</mj-text></mj-column></mj-section></mj-body></mjml>"
        )

    for i in range(skeletons.LIMIT + 20):
        for text in ("one", "two"):
            _assert_same(document(i, text))
        assert len(skeletons._KEPT) <= skeletons.LIMIT
    kept = dict(skeletons._KEPT)
    assert len(kept) == skeletons.LIMIT
    for i in range(1000, 1000 + 3 * skeletons.NEW):
        _assert_same(document(i, "once"))
        assert len(skeletons._SEEN_ONCE) <= skeletons.NEW
    assert kept == skeletons._KEPT


@pytest.mark.parametrize("path", FIDELITY, ids=lambda p: p.stem)
def test_fidelity_documents(path: Path) -> None:
    """The MJML corpus compared with Node's: each as written, then with every run changed."""
    source = path.read_text(encoding="utf-8")
    skeletons.forget()
    _assert_same(source)
    cut = text_runs.cut(source, lambda i: f"RUN{i}END")
    if cut is None or not cut.runs:
        return
    rng = random.Random(path.stem)
    for _ in range(3):
        changed = cut.skeleton
        for i in range(len(cut.runs)):
            changed = changed.replace(f"RUN{i}END", rng.choice(("Other", "Ünï &amp; x", "y")))
        _assert_same(changed)


def test_recut_reads_as_cut_does() -> None:
    """The quick reading of a document by a kept skeleton's pieces (`recut`) finds its runs
    only where `cut` gives that skeleton, and then the same runs: documents of one shape
    and of others, runs with white space, quotes, brackets and references."""
    rng = random.Random(5)
    shapes = [_structure(rng) for _ in range(40)]
    documents = [_document(shape, rng) for shape in shapes for _ in range(4)]
    documents += [d.replace("x y", "x <b>y</b>", 1) for d in documents[:40]]
    documents += [d.replace("café", " café ", 1) for d in documents[:40]]
    cuts = [text_runs.cut(d, skeletons._placeholder) for d in documents]
    kept = [c for c in cuts if c is not None and c.runs][::3]
    matched = 0
    for document, own in zip(documents, cuts, strict=True):
        for other in kept:
            literals = tuple(skeletons._PLACEHOLDER.split(other.skeleton))
            runs = text_runs.recut(document, literals, other.values)
            if runs is not None:
                matched += 1
                assert own is not None and own.skeleton == other.skeleton and own.runs == runs
            else:
                assert own is None or own.skeleton != other.skeleton or not own.runs
    assert matched > 50


def _pipeline_mjml(project_root: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The MJML each job of a project hands to the compile, as the pipeline makes it."""
    return step_inputs(project_root, monkeypatch, "compile_variant")


def test_example_project_emails(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _pipeline_mjml(example, monkeypatch)
    assert len(seen) > 20
    skeletons.forget()
    for source in seen:
        _assert_same(source)
    assert _served() >= 1 and len(_entries()) < len(seen) / 3


def test_small_emails_of_the_bench(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bench's small emails (many campaigns of one template, every locale): one skeleton
    for each direction, every email its own HTML."""
    monkeypatch.syspath_prepend(str(SCRIPTS))
    bench = importlib.import_module("bench")
    root = bench.synthetic_project(tmp_path / "small", 60, "small")
    seen = _pipeline_mjml(root, monkeypatch)
    skeletons.forget()
    for source in seen:
        _assert_same(source)
    assert _served() == len(_entries()) <= 2


def test_steps_are_those_of_compile_mjml() -> None:
    """`compile_shared` repeats `compile_mjml`'s steps with MRML's own shared: a step added
    there must be added here (this test then fails until it is)."""
    steps = [line.strip() for line in inspect.getsource(mjml.compile_mjml).splitlines()[1:]]
    assert steps == [
        "_refuse_deep(source)",
        "fixing = mjml_fixes.Fixing()",
        "for before in mjml_fixes.BEFORE:",
        "source = before(source, fixing)",
        "html = _mrml(source)",
        "for after in mjml_fixes.AFTER:",
        "html = after(html, fixing)",
        "return html",
    ]


def test_debug_form_of_a_character() -> None:
    """Rust's `{:?}`: a no-break space and a format character as `\\u{hex}`; a combining mark
    (escaped or not by Rust's Unicode tables) not put back."""
    assert run_forms.written("a\xa0b\u200fc\t\\", run_forms.Form.DEBUG) == (
        "a\\u{a0}b\\u{200f}c\\t\\\\"
    )
    assert run_forms.written("e\u0301", run_forms.Form.DEBUG) is None
    assert run_forms.written("&amp;&zwnj;x", run_forms.Form.TEXT_AGAIN) == "&amp;\u200cx"
    assert run_forms.written("&copy2024", run_forms.Form.TEXT_AGAIN) is None


def test_a_style_sheet_that_picks_elements_by_value() -> None:
    """MRML applies `<mj-style inline>` itself: a rule that picks links by their address (or
    elements by their language, which it does not apply) must see each email's own, not the
    placeholder's."""
    skeletons.forget()
    for sheet, colour in (("a[href*=sale]", "#ff0000"), ("p:lang(fr)", "")):
        htmls = []
        for href, lang in (("https://x.example/sale", "fr"), ("https://x.example/new", "de")):
            source = (
                f"<mjml><mj-head><mj-style inline='inline'>{sheet} {{ color: #ff0000; }}"
                "</mj-style></mj-head><mj-body><mj-section><mj-column><mj-text>"
                f'<p lang="{lang}"><a href="{href}">Go</a></p></mj-text></mj-column>'
                "</mj-section></mj-body></mjml>"
            )
            html = skeletons.compile_shared(source)
            assert html == compile_mjml(source)
            htmls.append(html)
        if colour:
            assert f'sale" style="color: {colour};"' in htmls[0] and colour not in htmls[1]


@pytest.mark.parametrize("panicked", [False, True])
def test_after_a_panic_of_mrml(panicked: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once MRML has panicked in a process, a document with a '>' after a character outside
    ASCII is given to it with its text's '>' as `&gt;` (mjml._mrml): a skeleton and its
    document may differ there (a run outside ASCII, or the placeholder's), and each must
    come out as its own compile makes it, whatever came before."""
    monkeypatch.setattr(mjml, "_PANICKED", panicked)
    skeletons.forget()
    for alt in ("cafe", "café", "cafe", "Black"):
        source = (
            "<mjml><mj-body><mj-section><mj-column>"
            f'<mj-image css-class="a>b" alt="{alt}" src="https://x.example/a.png" />'
            "<mj-text>Black Friday></mj-text><mj-text>Plain</mj-text>"
            "</mj-column></mj-section></mj-body></mjml>"
        )
        assert skeletons.compile_shared(source) == compile_mjml(source)
