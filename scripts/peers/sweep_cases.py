"""The documents scripts/mjml_sweep.py compiles: where each MJML component is written, and a
representative value, not the default, for each of its attributes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

HEAD_ONLY = ("mj-head", "mj-attributes", "mj-html-attributes", "mj-preview", "mj-title")

# Where each component is written: (mj-head content, mj-body content), "{A}" being the
# place of the swept attributes in the component's start tag.
COL = "<mj-section><mj-column>{}</mj-column></mj-section>"
TEXT = "<mj-text>Hello <b>world</b></mj-text>"
PLACES: dict[str, tuple[str, str]] = {
    "mj-body": ("", "<mj-body{A}>" + COL.format(TEXT) + "</mj-body>"),
    "mj-breakpoint": ("<mj-breakpoint{A} />", COL.format(TEXT)),
    "mj-font": (
        '<mj-font{A} name="Roboto" href="https://fonts.example/roboto.css" />',
        COL.format('<mj-text font-family="Roboto, Arial">Hi</mj-text>'),
    ),
    "mj-style": (
        "<mj-style{A}>.hl { color: #ff0000; }</mj-style>",
        COL.format('<mj-text css-class="hl">Hi</mj-text>'),
    ),
    "mj-hero": (
        "",
        '<mj-hero{A} background-url="https://example.com/hero.jpg">' + TEXT + "</mj-hero>",
    ),
    "mj-button": ("", COL.format('<mj-button{A} href="https://example.com/b">Buy</mj-button>')),
    "mj-column": ("", "<mj-section><mj-column{A}>" + TEXT + "</mj-column></mj-section>"),
    "mj-divider": ("", COL.format("<mj-divider{A} />")),
    "mj-group": (
        "",
        "<mj-section><mj-group{A}><mj-column>"
        + TEXT
        + "</mj-column><mj-column>"
        + TEXT
        + "</mj-column></mj-group></mj-section>",
    ),
    "mj-image": ("", COL.format('<mj-image{A} src="https://example.com/p.png" />')),
    "mj-raw": ("", COL.format("<mj-raw{A}><p>raw</p></mj-raw>")),
    "mj-section": ("", "<mj-section{A}><mj-column>" + TEXT + "</mj-column></mj-section>"),
    "mj-spacer": ("", COL.format("<mj-spacer{A} />")),
    "mj-text": ("", COL.format("<mj-text{A}>Hello <b>world</b></mj-text>")),
    "mj-table": ("", COL.format("<mj-table{A}><tr><td>a</td><td>b</td></tr></mj-table>")),
    "mj-wrapper": (
        "",
        "<mj-wrapper{A}>"
        + "<mj-section><mj-column>"
        + TEXT
        + "</mj-column></mj-section>"
        + "<mj-section><mj-column>"
        + TEXT
        + "</mj-column></mj-section></mj-wrapper>",
    ),
    "mj-social": (
        "",
        COL.format(
            '<mj-social{A}><mj-social-element name="facebook" href="https://example.com/f">'
            "Facebook</mj-social-element></mj-social>"
        ),
    ),
    "mj-social-element": (
        "",
        COL.format(
            '<mj-social><mj-social-element{A} name="facebook" href="https://example.com/f">'
            "Facebook</mj-social-element></mj-social>"
        ),
    ),
    "mj-navbar": (
        "",
        COL.format(
            '<mj-navbar{A}><mj-navbar-link href="/a">A</mj-navbar-link>'
            '<mj-navbar-link href="/b">B</mj-navbar-link></mj-navbar>'
        ),
    ),
    "mj-navbar-link": (
        "",
        COL.format(
            '<mj-navbar><mj-navbar-link{A} href="/a">A</mj-navbar-link>'
            '<mj-navbar-link href="/b">B</mj-navbar-link></mj-navbar>'
        ),
    ),
}
_ACCORDION = (
    "<mj-accordion{0}><mj-accordion-element{1}><mj-accordion-title{2}>Q</mj-accordion-title>"
    "<mj-accordion-text{3}>A</mj-accordion-text></mj-accordion-element></mj-accordion>"
)
for _i, _name in enumerate(
    ("mj-accordion", "mj-accordion-element", "mj-accordion-title", "mj-accordion-text")
):
    _marks = ["", "", "", ""]
    _marks[_i] = "{A}"
    PLACES[_name] = ("", COL.format(_ACCORDION.format(*_marks)))
_CAROUSEL = (
    '<mj-carousel{0}><mj-carousel-image{1} src="https://example.com/1.jpg" />'
    '<mj-carousel-image src="https://example.com/2.jpg" /></mj-carousel>'
)
PLACES["mj-carousel"] = ("", COL.format(_CAROUSEL.format("{A}", "")))
PLACES["mj-carousel-image"] = ("", COL.format(_CAROUSEL.format("", "{A}")))

# representative values, by attribute name first, then by the type Node declares
BY_NAME = {
    "href": "https://example.com/go",
    "src": "https://example.com/pic.png",
    "srcset": "https://example.com/pic.png 1x, https://example.com/pic2.png 2x",
    "sizes": "(max-width: 600px) 100vw, 600px",
    "alt": "Alt text",
    "title": "Title text",
    "rel": "noopener",
    "target": "_self",
    "name": "anchor1",
    "id": "top",
    "usemap": "#map1",
    "border-radius": "9px",
    "inner-border-radius": "9px",
    "tb-border-radius": "9px",
    "font-family": "Georgia, serif",
    "font-style": "italic",
    "font-weight": "700",
    "text-decoration": "underline",
    "text-transform": "lowercase",
    "background-url": "https://example.com/bg.jpg",
    "background-size": "cover",
    "background-position": "bottom right",
    "background-position-x": "right",
    "background-position-y": "bottom",
    "mode": "fluid-height",
    "icon-wrapped-url": "https://example.com/plus.png",
    "icon-unwrapped-url": "https://example.com/minus.png",
    "icon-wrapped-alt": "open",
    "icon-unwrapped-alt": "close",
    "left-icon": "https://example.com/left.png",
    "right-icon": "https://example.com/right.png",
    "thumbnails-src": "https://example.com/thumb.png",
    "base-url": "https://example.com",
    "hamburger": "hamburger",
    "ico-open": "+",
    "ico-close": "x",
    "ico-text-transform": "lowercase",
    "ico-text-decoration": "underline",
    "inline": "inline",
    "full-width": "full-width",
    "width": "300px",
    "height": "90px",
    "line-height": "27px",
    "css-class": "extra",
}
BY_COMPONENT = {
    ("mj-body", "width"): "480px",
    ("mj-breakpoint", "width"): "320px",
    ("mj-column", "width"): "40%",
    ("mj-group", "width"): "80%",
    ("mj-image", "width"): "120px",
    ("mj-font", "name"): "Roboto",
    ("mj-font", "href"): "https://fonts.example/roboto.css",
    ("mj-hero", "height"): "300px",
    ("mj-social-element", "name"): "twitter",
    ("mj-hero", "mode"): "fluid-height",
}
BY_TYPE = {
    "color": "#1a2b3c",
    "unit(px)": "17px",
    "unit(px,%)": "17px",
    "unit(px,auto)": "90px",
    "unit(px,%,auto)": "300px",
    "unit(px,%){1,4}": "7px 11px 13px 17px",
    "unitWithNegative(px,em)": "2px",
    "unit(px,%,)": "27px",
    "boolean": "true",
    "integer": "3",
    "string": "3px dashed #ff0000",  # every other string attribute is a border
}


def value_for(component: str, name: str, kind: str, default: object) -> str:
    if (component, name) in BY_COMPONENT:
        return BY_COMPONENT[(component, name)]
    if name in BY_NAME and not (kind.startswith("enum(") or kind.startswith("unit")):
        return BY_NAME[name]
    if kind.startswith("enum("):
        choices = [c for c in kind[5:-1].split(",") if c and c != default]
        return choices[-1] if name != "mode" else choices[0]
    if name in BY_NAME:
        return BY_NAME[name]
    return BY_TYPE.get(kind, BY_TYPE["string"])


@dataclass(frozen=True)
class Case:
    component: str
    attribute: str  # "(bare)" for the component without it
    how: str  # own | default | combination
    mjml: str


def document(head: str, body: str, root: str = "") -> str:
    return f"<mjml{root}><mj-head>{head}</mj-head><mj-body>{body}</mj-body></mjml>"


def place(component: str, attrs: str, head_extra: str = "") -> str:
    head, body = PLACES[component]
    head = head_extra + head.replace("{A}", attrs)
    body = body.replace("{A}", attrs)
    if body.startswith("<mj-body"):
        return f"<mjml><mj-head>{head}</mj-head>{body}</mjml>"
    return document(head, body)


def cases(registry: dict[str, dict]) -> Iterator[Case]:
    for component, meta in registry.items():
        if component in HEAD_ONLY or component not in PLACES:
            continue
        yield Case(component, "(bare)", "own", place(component, ""))
        names = dict(meta["allowed"])
        if not meta["head"] and component != "mj-body":
            names["css-class"] = "string"
        for name, kind in names.items():
            value = value_for(component, name, kind, meta["defaults"].get(name))
            quoted = value.replace('"', "&quot;")
            yield Case(component, name, "own", place(component, f' {name}="{quoted}"'))
            if meta["head"]:
                continue
            defaults = f'<mj-attributes><{component} {name}="{quoted}" /></mj-attributes>'
            yield Case(component, name, "default", place(component, "", defaults))
    yield from combinations()
    yield from nested()


def combinations() -> Iterator[Case]:
    def both(component: str, label: str, attrs: str, head: str = "") -> Case:
        return Case(component, label, "combination", place(component, attrs, head))

    classes = (
        '<mj-attributes><mj-class name="a" color="#ff0000" font-size="20px" css-class="ca" />'
        '<mj-class name="b" color="#00ff00" padding="3px" /></mj-attributes>'
    )
    yield both("mj-text", "mj-class", ' mj-class="a"', classes)
    yield both("mj-text", "mj-class a b", ' mj-class="a b"', classes)
    yield both("mj-text", "mj-class + css-class", ' mj-class="a" css-class="own"', classes)
    yield both("mj-text", "mj-class + own color", ' mj-class="a" color="#0000ff"', classes)
    yield both("mj-button", "mj-class", ' mj-class="a"', classes)
    yield both("mj-image", "mj-class", ' mj-class="b"', classes)
    yield both("mj-section", "mj-class", ' mj-class="b"', classes)
    yield both("mj-social-element", "mj-class", ' mj-class="a"', classes)
    framed = (
        '<mj-attributes><mj-class name="f" border-radius="0" tb-border="3px solid #ff0000" />'
        "</mj-attributes>"
    )
    yield both("mj-carousel-image", "mj-class", ' mj-class="f"', framed)
    yield both("mj-hero", "mj-class", ' mj-class="b"', classes)
    yield both("mj-section", "full-width=full-width", ' full-width="full-width"')
    yield both("mj-wrapper", "full-width=full-width", ' full-width="full-width"')
    all_ = '<mj-attributes><mj-all font-family="Georgia, serif" padding="5px" /></mj-attributes>'
    for component in ("mj-text", "mj-button", "mj-section", "mj-image", "mj-social"):
        yield both(component, "mj-all", "", all_)
    for lang, direction in (("fr", "ltr"), ("ar", "rtl")):
        root = f' lang="{lang}" dir="{direction}"'
        mjml = document("", COL.format(TEXT), root)
        yield Case("mjml", f"lang={lang} dir={direction}", "combination", mjml)
    no_href = '<mj-button title="Title text" rel="noopener" name="n1">Buy</mj-button>'
    yield Case("mj-button", "title, no href", "combination", document("", COL.format(no_href)))
    empty = '<mj-button href="" title="Title text">Buy</mj-button>'
    yield Case("mj-button", "title, href=''", "combination", document("", COL.format(empty)))
    linked = (
        '<mj-image src="https://example.com/p.png" href="https://example.com/go" '
        'title="Title text" sizes="100vw" srcset="https://example.com/p.png 1x" />'
    )
    yield Case("mj-image", "href+title+sizes", "combination", document("", COL.format(linked)))
    yield from linked_and_inner()
    titled = "<mj-title>Sale</mj-title><mj-preview>Ten percent off</mj-preview>"
    yield Case("mj-head", "mj-title + mj-preview", "combination", document(titled, TEXT))


def linked_and_inner() -> Iterator[Case]:
    """Attributes that only show with another one: a link's rel/target/name, a column's
    inner box, a fluid hero's picture size, a coloured section inside a wrapper."""
    link = ' href="https://example.com/go" rel="noopener" target="_self" name="n1" title="T"'
    image = f'<mj-image src="https://example.com/p.png"{link} />'
    yield Case("mj-image", "href+rel+target+name", "combination", document("", COL.format(image)))
    carousel = (
        f'<mj-carousel><mj-carousel-image src="https://example.com/1.jpg"{link} />'
        '<mj-carousel-image src="https://example.com/2.jpg" /></mj-carousel>'
    )
    yield Case(
        "mj-carousel-image", "href+rel+title", "combination", document("", COL.format(carousel))
    )
    column = (
        '<mj-section><mj-column padding="10px" inner-border-radius="9px" inner-border="2px solid'
        ' #ff0000" inner-background-color="#1a2b3c" border-radius="4px">'
        + TEXT
        + "</mj-column></mj-section>"
    )
    yield Case("mj-column", "padding+inner box", "combination", document("", column))
    hero = (
        '<mj-hero mode="fluid-height" background-url="https://example.com/h.jpg"'
        ' background-width="600px" background-height="300px" padding="20px 10px">'
        + TEXT
        + "</mj-hero>"
    )
    yield Case("mj-hero", "fluid with picture size", "combination", document("", hero))
    section = (
        '<mj-section background-color="#ffffff"><mj-column>' + TEXT + "</mj-column></mj-section>"
    )
    wrapped = (
        '<mj-wrapper background-color="#eeeeee" padding="10px">' + section * 2 + "</mj-wrapper>"
    )
    yield Case("mj-wrapper", "coloured sections inside", "combination", document("", wrapped))
    gapped = wrapped.replace('padding="10px"', 'padding="10px" gap="8px"')
    yield Case("mj-wrapper", "coloured sections, gap", "combination", document("", gapped))


# --- nested: components inside containers that narrow them ---------------------------------

# what is put inside each container: the components whose size Node computes from their
# container's width, and a few that should not care
NESTED_CONTENT = {
    "mj-image": '<mj-image src="https://example.com/p.png" />',
    "mj-image width": '<mj-image src="https://example.com/p.png" width="580px" />',
    "mj-image padding 0": '<mj-image src="https://example.com/p.png" padding="0 5px" />',
    "mj-image border width last": (
        '<mj-image src="https://example.com/p.png" border="solid 3px #ff0000" />'
    ),
    "mj-divider": "<mj-divider />",
    "mj-divider 50%": '<mj-divider width="50%" />',
    "mj-button width": '<mj-button href="https://example.com/b" width="300px">Buy</mj-button>',
    "mj-button width border": (
        '<mj-button href="https://example.com/b" width="300px" border="2px solid #000">Buy'
        "</mj-button>"
    ),
    "mj-carousel": _CAROUSEL.format("", ""),
    "mj-social": (
        '<mj-social><mj-social-element name="facebook" href="https://example.com/f">'
        "Facebook</mj-social-element></mj-social>"
    ),
    "mj-text": TEXT,
    "mj-table": "<mj-table><tr><td>a</td><td>b</td></tr></mj-table>",
}
_HERO_OPEN = '<mj-hero background-url="https://example.com/h.jpg" height="300px"{}>'
_SECTION = "<mj-section{}><mj-column{}>{{}}</mj-column></mj-section>"
# name -> (mj-attributes content, mj-body content with "{}" where the content goes)
NESTED_CONTAINERS: dict[str, tuple[str, str]] = {
    "mj-hero padding": ("", _HERO_OPEN.format(' padding="40px 30px"') + "{}</mj-hero>"),
    "mj-hero padding 0 30px": ("", _HERO_OPEN.format(' padding="0 30px"') + "{}</mj-hero>"),
    "mj-hero padding-left/right": (
        "",
        _HERO_OPEN.format(' padding-left="30px" padding-right="10px"') + "{}</mj-hero>",
    ),
    "mj-hero padding from mj-attributes": (
        '<mj-hero padding="20px 40px" />',
        _HERO_OPEN.format("") + "{}</mj-hero>",
    ),
    "mj-hero padding from mj-class": (
        '<mj-class name="h" padding="20px 40px" />',
        _HERO_OPEN.format(' mj-class="h"') + "{}</mj-hero>",
    ),
    "mj-hero in padded mj-wrapper": (
        "",
        '<mj-wrapper padding="10px 20px">'
        + _HERO_OPEN.format(' padding="0px 30px"')
        + "{}</mj-hero></mj-wrapper>",
    ),
    "mj-hero in mj-wrapper padding 0 20px": (
        "",
        '<mj-wrapper padding="0 20px">' + _HERO_OPEN.format("") + "{}</mj-hero></mj-wrapper>",
    ),
    "mj-column padding": ("", _SECTION.format("", ' padding="10px 15px"')),
    "mj-column padding 0 15px": ("", _SECTION.format("", ' padding="0 15px"')),
    "mj-column padding-left": ("", _SECTION.format("", ' padding-left="20px"')),
    "mj-column border": ("", _SECTION.format("", ' border="3px solid #ff0000"')),
    "mj-column border-left": ("", _SECTION.format("", ' border-left="6px solid #ff0000"')),
    "mj-column border width last": ("", _SECTION.format("", ' border="solid 3px #ff0000"')),
    "mj-column inner-border": ("", _SECTION.format("", ' inner-border="solid 4px #ff0000"')),
    "mj-column inner-border + padding": (
        "",
        _SECTION.format("", ' padding="8px" inner-border="4px solid #ff0000"'),
    ),
    "mj-column width 40%": ("", _SECTION.format("", ' width="40%"')),
    "mj-column in mj-group": (
        "",
        "<mj-section><mj-group><mj-column>{}</mj-column><mj-column>"
        + TEXT
        + "</mj-column></mj-group></mj-section>",
    ),
    "mj-column padding in mj-group width": (
        "",
        '<mj-section><mj-group width="500px"><mj-column padding="0 10px">{}</mj-column>'
        "<mj-column>" + TEXT + "</mj-column></mj-group></mj-section>",
    ),
    "mj-column padding + border in mj-group": (
        "",
        '<mj-section><mj-group><mj-column padding="0px 10px" border="2px solid #ff0000">{}'
        "</mj-column><mj-column>" + TEXT + "</mj-column></mj-group></mj-section>",
    ),
    "mj-column unitless padding + border width last in rtl mj-group": (
        "",
        '<mj-section><mj-group direction="rtl" background-color="#ffeeee" '
        'vertical-align="middle"><mj-column padding="0 8" border="solid 2px #ff0000">{}'
        "</mj-column><mj-column>" + TEXT + "</mj-column></mj-group></mj-section>",
    ),
    "mj-column % padding + border width last in mj-group": (
        "",
        '<mj-section><mj-group><mj-column padding="0 5%" border="dashed 2px #000000">{}'
        "</mj-column><mj-column>" + TEXT + "</mj-column></mj-group></mj-section>",
    ),
    "mj-section padding": ("", _SECTION.format(' padding="10px 40px"', "")),
    "mj-section padding 0 40px": ("", _SECTION.format(' padding="0 40px"', "")),
    "mj-section border-left": ("", _SECTION.format(' border-left="5px solid #ff0000"', "")),
    "mj-section border-left width last": (
        "",
        _SECTION.format(' border-left="dashed 5px #ff0000"', ""),
    ),
    "mj-wrapper padding": (
        "",
        '<mj-wrapper padding="20px 30px">' + _SECTION.format("", "") + "</mj-wrapper>",
    ),
    "mj-wrapper padding 0 30px": (
        "",
        '<mj-wrapper padding="0 30px">' + _SECTION.format("", "") + "</mj-wrapper>",
    ),
    "mj-wrapper border": (
        "",
        '<mj-wrapper border="4px solid #ff0000">' + _SECTION.format("", "") + "</mj-wrapper>",
    ),
    "mj-wrapper border width last": (
        "",
        '<mj-wrapper border="solid 4px #ff0000">' + _SECTION.format("", "") + "</mj-wrapper>",
    ),
    "mj-wrapper + section padding": (
        "",
        '<mj-wrapper padding="10px 20px">'
        + _SECTION.format(' padding="0px 15px"', ' padding="5px"')
        + "</mj-wrapper>",
    ),
    "mj-attributes on parents": (
        '<mj-column padding="10px" /><mj-section padding="0px 30px" />'
        '<mj-wrapper padding="0px 25px" />',
        "<mj-wrapper>" + _SECTION.format("", "") + "</mj-wrapper>",
    ),
    "mj-attributes on parents, unitless": (
        '<mj-column padding="0 10px" /><mj-section padding="0 30px" />',
        _SECTION.format("", ""),
    ),
    "mj-all padding": ('<mj-all padding="6px 12px" />', _SECTION.format("", "")),
    "mj-class on column": (
        '<mj-class name="c" padding="0px 20px" border="2px solid #ff0000" />',
        _SECTION.format("", ' mj-class="c"'),
    ),
    "mj-body width + column padding": (
        "",
        _SECTION.format("", ' padding="10px 15px"'),
    ),
}


def nested() -> Iterator[Case]:
    """Each width-dependent component inside each container that narrows it."""
    for container, (defaults, body) in NESTED_CONTAINERS.items():
        head = f"<mj-attributes>{defaults}</mj-attributes>" if defaults else ""
        for content, markup in NESTED_CONTENT.items():
            if container.startswith("mj-hero") and content == "mj-text":
                continue  # the hero with a text is the hero's own row
            inner = body.replace("{}", markup)
            if container.startswith("mj-body width"):
                mjml = f'<mjml><mj-head>{head}</mj-head><mj-body width="480px">{inner}</mj-body></mjml>'
            else:
                mjml = document(head, inner)
            yield Case(content, f"in {container}", "nested", mjml)
