#!/usr/bin/env python3
"""Node mjml's validator and mailglot's MJML checks, document for document.

    .venv/bin/python scripts/validator_parity.py                  # the corpus: agreement
    .venv/bin/python scripts/validator_parity.py --random 3000    # more random documents
    .venv/bin/python scripts/validator_parity.py --show 5         # print 5 disagreements
    .venv/bin/python scripts/validator_parity.py --check-table    # exit 1 if the table is stale
    .venv/bin/python scripts/validator_parity.py --table          # write it again from Node

A generated corpus of MJML documents (every component with a valid and an invalid value of
each of its attributes, typos of each attribute name, the edge cases of Node's parser and
type checks, misplaced and unknown elements, random documents mixing them, the files of
tests/fidelity/, and how htmlparser2 reads quotes, CDATA, declarations, comments, text-only
elements, svg/math and odd end tags, alone and in random mixtures) is validated twice: by Node `mjml` (`mjml2html` at `validationLevel:
"soft"`, `keepComments: false` as mailglot compiles, from scripts/peers/, installed there by
npm on first use) and by mailglot's checks (`render/mjml_validator.problems`: what
`mjml.placement`, `mjml.element`, `mjml.attribute` and `mjml.attribute-value` report). A
document agrees when both give the same messages for the same elements at the same lines.

`--table` writes `src/mailglot/render/mjml_attributes_table.py` from the components Node
registers (`ruff format` it after), `--check-table` compares that module with Node's
components, its validator's whitelists and its colour names. Only this script needs Node; mailglot and
its tests never do.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts" / "peers"))
sys.path.insert(0, str(REPO / "src"))

from node_peer import PEERS, ensure_installed, versions  # noqa: E402

from mailglot.render import mjml_attributes_table as table  # noqa: E402
from mailglot.render.mjml_attributes import ALLOWED  # noqa: E402
from mailglot.render.mjml_rules import ALLOWED_CHILDREN, COMPONENTS  # noqa: E402
from mailglot.render.mjml_validator import lines_of, problems  # noqa: E402

# Node's side: the components' tables, and each document's validation errors.
_NODE_TABLE = r"""
require('mjml');
const fs = require('fs');
const core = require('mjml-core');
const source = (p) => fs.readFileSync(require.resolve(p), 'utf8');
const list = (text, name) => JSON.parse(
  text.match(new RegExp(`const ${name} = (\\[[^\\]]*\\])`))[1].replace(/'/g, '"'));
const components = {};
for (const [tag, C] of Object.entries(core.components)) components[tag] = C.allowedAttributes || {};
console.log(JSON.stringify({
  components,
  whitelist: list(source('mjml-validator/lib/rules/validAttributes.js'), 'WHITELIST'),
  componentLess: list(source('mjml-validator/lib/rules/validTag.js'), 'componentLessTags'),
  colors: require('mjml-core/lib/types/helpers/colors'),
}));
"""
_NODE_VALIDATE = r"""
// mjml2html's errors, and the same validation done the way mjml-core does it (its parser and
// validator, same options): random documents can make Node's renderer throw after the
// validator ran, which loses its errors, so those are compared with the direct call.
const mjml2html = require('mjml');
const core = require('mjml-core');
const parse = require('mjml-parser-xml');
const validator = require('mjml-validator');
const { initializeType } = require('mjml-core/lib/types/type');
const OPTIONS = { validationLevel: 'soft', fonts: {}, keepComments: false };
const rows = (errors) => errors.map((e) => [e.line, e.tagName, e.message]);
const failed = (err) => String(err && err.message ? err.message : err);
let input = '';
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', async () => {
  const out = [];
  const components = core.components;
  const dependencies = validator.assignDependencies({}, validator.dependencies);
  for (const doc of JSON.parse(input)) {
    let compiled, direct;
    try {
      compiled = rows((await mjml2html(doc, OPTIONS)).errors);
    } catch (err) {
      compiled = failed(err);
    }
    try {
      const tree = parse(doc, { keepComments: false, components, ignoreIncludes: true });
      direct = rows(validator.default(tree, { components, dependencies, initializeType }));
    } catch (err) {
      direct = failed(err);
    }
    out.push([compiled, direct]);
  }
  process.stdout.write(JSON.stringify(out));
});
"""


def node(script: str, stdin: str = "") -> Any:
    """What the script prints, as JSON."""
    ensure_installed()
    done = subprocess.run(
        ["node", "-e", script], cwd=PEERS, input=stdin, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def write_table() -> None:
    """The data module, from Node's own tables."""
    found = node(_NODE_TABLE)
    mjml = versions()["mjml"]
    lines = [
        f'"""The attributes each MJML component takes and their types: Node mjml {mjml}\'s',
        "tables, as data (generated by scripts/validator_parity.py --table; do not edit).",
        "",
        "Each component's `allowedAttributes` (`require('mjml-core').components[tag]` once `mjml`",
        "is loaded) as `name=type` words, in Node's order; the attributes every element may carry",
        "(mjml-validator's rules/validAttributes.js WHITELIST); the tags its rules/validTag.js",
        "accepts without a component; the colour names of mjml-core's `color` type. Read by",
        "render/mjml_attributes.py.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "ALLOWED_ATTRIBUTES: dict[str, str] = {",
    ]
    for tag, attributes in found["components"].items():
        words = [f"{name}={kind}" for name, kind in attributes.items()]
        lines += _strings(f"    {json.dumps(tag)}: ", _chunks(words, 80) or [""], ",")
    lines += ["}", f"WHITELIST = ({', '.join(map(json.dumps, found['whitelist']))})"]
    less = ", ".join(map(json.dumps, found["componentLess"]))
    lines.append(f"COMPONENT_LESS = frozenset([{less}])")
    lines += _strings("COLOR_NAMES = ", _chunks(found["colors"], 80), "")
    Path(table.__file__).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {Path(table.__file__).relative_to(REPO)}: now ruff format it")


def _strings(start: str, chunks: list[str], end: str) -> list[str]:
    """`start` then the chunks as one string (implicitly concatenated when several)."""
    if len(chunks) == 1:
        return [f"{start}{json.dumps(chunks[0])}{end}"]
    indent = " " * (len(start) - len(start.lstrip()) + 4)
    return [f"{start}(", *(f"{indent}{json.dumps(c)}" for c in chunks), f"{indent[4:]}){end}"]


def _chunks(words: list[str], width: int) -> list[str]:
    """Words in strings of about `width` characters, each ending with a space."""
    out = [""]
    for word in words:
        if out[-1] and len(out[-1]) + len(word) > width:
            out.append("")
        out[-1] += word + " "
    return [chunk for chunk in out if chunk]


def check_table() -> int:
    found = node(_NODE_TABLE)
    ours = (
        [(tag, list(types.items())) for tag, types in ALLOWED.items()],  # in Node's order
        sorted(COMPONENTS),  # mjml_rules' components
        list(table.WHITELIST),
        sorted(table.COMPONENT_LESS),
        sorted(table.COLOR_NAMES.split()),
    )
    theirs = (
        [(tag, list(types.items())) for tag, types in found["components"].items()],
        sorted(found["components"]),
        found["whitelist"],
        sorted(found["componentLess"]),
        sorted(found["colors"]),
    )
    names = ("attributes", "components", "whitelist", "component-less tags", "colours")
    stale = [name for name, a, b in zip(names, ours, theirs, strict=True) if a != b]
    if stale:
        print(f"stale: {', '.join(stale)}; write the table again with --table")
        return 1
    print(f"the table is Node mjml {versions()['mjml']}'s")
    return 0


# The corpus.
def paths() -> dict[str, list[str]]:
    """Each component's ancestors in a document where it is well placed (the first way
    down from the root in Node's table)."""
    found: dict[str, list[str]] = {"mjml": []}
    queue = ["mjml"]
    while queue:
        parent = queue.pop(0)
        for child in ALLOWED_CHILDREN.get(parent, ()):
            if child not in found and parent != "mj-attributes":
                found[child] = [*found[parent], parent]
                queue.append(child)
    return found


PATHS = paths()
FIDELITY = REPO / "tests" / "fidelity"  # real documents: every component as templates use it


def document(tag: str, attributes: str, inner: str = "x") -> str:
    """`<tag attributes>` in a document where it is well placed."""
    ancestors = PATHS[tag][1:]  # under <mjml>
    element = f"<{tag}{attributes}>{inner}</{tag}>"
    for parent in reversed(ancestors):
        element = f"<{parent}>\n{element}\n</{parent}>"
    body = "" if "mj-body" in ancestors else "\n<mj-body></mj-body>"  # Node needs one
    return f"<mjml>\n{element}{body}\n</mjml>"


def samples(kind: str) -> tuple[list[str], list[str]]:
    """Values Node accepts and values it refuses, for a type as Node's tables write it."""
    tricky = ["$value", "$&x", "a$$b$`c$'d", "x\ny", "false"]
    if kind == "boolean":
        return ["true", "false"], ["yes", "True", "1", "", "$value"]
    if kind == "color":
        good = ["#abc", "#A0B1C2", "red", "transparent", "rgb(1,2,3)", "rgba(10, 20, 30, 0.5)"]
        good += ["RGB(1,2,3)", "x rgb(1,2,3) y"]
        return good, ["reddish", "#abcd", "Red", "#12345g", "rgb(1,2)", "blue ", "", *tricky]
    if kind == "integer":
        return ["2", "x2", "10px"], ["x", "", "true", *tricky]
    if kind == "string":
        return ["anything", "", "true", *tricky], []
    words = re.search(r"\(([^)]*)\)", kind)
    listed = words.group(1).split(",") if words else []
    if kind.startswith("enum"):
        bad = ["centre", listed[0].upper(), listed[0] + " ", " " + listed[0], *tricky]
        return listed, [b for b in bad if b not in listed] + ([""] if "" not in listed else [])
    counts = re.search(r"\{([^}]+)\}", kind)
    most = int(counts.group(1).split(",")[-1]) if counts else 1
    units = [u for u in listed if u != "auto"]
    good = ["0", *(f"10{u}" for u in units), f"1.5{units[0]}", f"1,5{units[0]}", f"10{units[0]} "]
    good += [" ".join(["0", *(f"{n}{units[0]}" for n in range(1, most))])] if most > 1 else []
    good += ["auto"] if "auto" in listed else []
    good += [f"-2{units[0]}"] if kind.startswith("unitWithNegative") else []
    bad = ["10", "10em", "10pt", "px", f" 10{units[0]}", f"10{units[0]}  ", "auto", "-1px"]
    bad += [" ".join(f"{n}px" for n in range(1, most + 2)), f"1px\n2{units[0]}", *tricky]
    return good, [b for b in bad if b not in good]


def typo(name: str, rng: random.Random) -> str:
    at = rng.randrange(len(name))
    return name[:at] + name[at + 1 :] if len(name) > 2 else name + "x"


def quote(value: str) -> str:
    return f"'{value}'" if '"' in value else f'"{value}"'


def attribute_documents(rng: random.Random) -> list[str]:
    docs = []
    for tag, types in ALLOWED.items():
        if tag in ("mj-body", "mj-head") or tag not in PATHS:
            continue
        docs.append(document(tag, ' mj-class="a" css-class="b"'))
        for name, kind in types.items():
            good, bad = samples(kind)
            docs += [document(tag, f" {name}={quote(v)}") for v in good + bad]
            docs.append(document(tag, f" {typo(name, rng)}={quote(good[0] if good else 'x')}"))
            docs.append(document(tag, f" {name.upper()}=\"1\" {name}\n='1' {name}=2"))
        names = list(types)
        docs.append(document(tag, " " + " ".join(f"{typo(n, rng)}=1" for n in names[:3])))
    for name, kind in ALLOWED["mj-body"].items():
        good, bad = samples(kind)
        for value in good + bad:
            docs.append(f"<mjml><mj-body {name}={quote(value)}><mj-section /></mj-body></mjml>")
    docs.append('<mjml><mj-head lang="x"><mj-title>t</mj-title></mj-head><mj-body /></mjml>')
    return docs


SPECIAL = [
    "<mjml><mj-body><mj-section><mj-column><mj-colum /><div>x<p>y</p></div><br>"
    "<MJ-TEXT Align='centre'>z</MJ-TEXT></mj-column></mj-section></mj-body></mjml>",
    "<mjml><mj-body><mj-raw><mj-colum /><div></div></mj-raw><mj-section><mj-column>"
    "<mj-text><mj-foo /><table><tr><td>x</td></tr></table></mj-text><mj-button paddng=1>"
    "<mj-bar /></mj-button></mj-column></mj-section></mj-body></mjml>",
    "<mjml><mj-head><mj-attributes><mj-all paddng='1' /><mj-class name='a' paddng='1' />"
    "<mj-text paddng='1' align='centre'></mj-text><mj-foo /></mj-attributes>"
    "<mj-html-attributes><mj-selector path='.a'><mj-html-attribute name='x'>1"
    "</mj-html-attribute></mj-selector></mj-html-attributes></mj-head><mj-body /></mjml>",
    "<mjml lang='x' foo='1'><mj-body><mj-include path='x.mjml' /><mj-section>\n<mj-column"
    "\n  width='50'\n  paddng='1'>\n<mj-spacer height=10px 1=x 0=y /></mj-column>"
    "</mj-section><mj-spacer /></mj-body></mjml>",
    "<mjml><mj-body><mj-section><mj-column><mj-image src=a.png align = center alt /><mj-image"
    " align=\"left\"align='right'/></mj-column></mj-section><div><mj-column /></div>"
    "<mj-wrapper><mjml /></mj-wrapper></mj-body></mjml>",
    "<mjml><mj-body><mj-section><mj-column><mj-spacer height=20px/>\n<mj-text>x</mj-text>"
    "</mj-column></mj-section></mj-body></mjml>",
]


def _column(inner: str) -> str:
    return (
        f"<mjml><mj-body><mj-section><mj-column>{inner}</mj-column></mj-section></mj-body></mjml>"
    )


# How htmlparser2 reads what is not plain: quotes in names and unquoted values, CDATA
# sections, declarations and processing instructions, comments short or left open, the text
# of <script>/<style>/<title>/<textarea>, self-closing tags in <svg> and <math>, odd end tags.
CORNERS = [
    _column(inner)
    for inner in [
        '<mj-text align=a"b>x</mj-text>',
        "<mj-image src=a\"b alt=c'd paddng=1 />",
        '<mj-spacer height=1"0px />',
        '<mj-spacer height=10px"/> <mj-foo />',
        '<mj-spacer height=a"b c"d />',
        '<mj-spacer a"b=1 />',
        '<mj-spacer "x=1 /><mj-foo />',
        "<mj-spacer height=x'>' /><mj-foo />",
        '<mj-spacer height=x"> <mj-foo paddng=1 /> " />',
        '<mj-spacer =x height="1px"/>',
        '<mj-spacer height="1px"paddng=2 />',
        '<mj-spacer height="1px /><mj-foo />',
        "<![CDATA[<mj-foo />]]><mj-bar />",
        "<mj-text>x</mj-text><![CDATA[ <mj-section> ]]>",
        "<![CDATA[ <mj-foo> ",
        "<![cdata[<mj-foo />]]><mj-bar />",
        "<![CDATA <mj-foo /> ]]> <mj-bar />",
        "<!DOCTYPE x <mj-foo /> <mj-bar />",
        "<!> <mj-foo /> <mj-bar />",
        "<!-x <mj-foo /> <mj-bar />",
        "<? <mj-foo /> ?><mj-bar />",
        "<!--><mj-foo /><!---><mj-bar />",
        "<!--x<mj-foo />",
        "<style><mj-foo /></style><mj-bar />",
        "<mj-raw><style>a[title='</style>']{}</style></mj-raw><mj-foo />",
        "<title><mj-foo /></title x><mj-bar />",
        "<textarea><mj-foo /></textareax></textarea><mj-bar />",
        "<script/><mj-foo />",
        "<mj-raw><svg><path /></svg></mj-raw>",
        "<svg><path /><mj-foo /></svg><mj-bar />",
        "<svg><path/><mj-text>x</mj-text></svg>",
        "<math><mi /><mj-text>x</mj-text></math>",
        "<svg><foreignObject><div /><mj-foo /></foreignObject></svg>",
        "<svg/><mj-text>x</mj-text><mj-foo />",
        "<mj-spacer / ><mj-foo />",
        "</ mj-column><mj-foo />",
        "</1 <mj-foo /> ><mj-bar />",
        "<mj-foo!x />",
        "<mj-spacer height='1px",
    ]
]
CORNER_PIECES = ["<mj-text", "<mj-spacer", "<mj-foo", "</mj-text>", "</mj-foo>", "<mj-raw>"]
CORNER_PIECES += ["</mj-raw>", "<svg>", "</svg>", "<math>", "<path", "<style>", "</style>"]
CORNER_PIECES += ["<title>", "</title>", "<script>", "</script >", "<![CDATA[", "]]>", "<!--"]
CORNER_PIECES += ["-->", "<!-->", "<!--->", "<!x", "<!-x", "<?", ">", "/>", "/ >", " / ", " "]
CORNER_PIECES += ['="', '"', "=", "'", 'a"b', 'c=d"e', 'height=1"0px', "x", "<", "</", "=x"]
CORNER_PIECES += ["</ mj-foo>", "</1", "align=left", "<mj-column", "</mj-column>", "\n"]


def corner_documents(count: int, rng: random.Random) -> list[str]:
    """Random mixtures of the pieces of CORNERS."""
    return [
        _column("".join(rng.choice(CORNER_PIECES) for _ in range(rng.randint(1, 14))))
        for _ in range(count)
    ]


HTML = ["div", "span", "p", "br", "li", "td", "tr", "table", "script", "MJ-TEXT", "Div"]
EXTRA = ["mj-colum", "mj-foo", "mj-include", "mj-all", "mj-class", "mjml", *HTML]


def random_documents(count: int, rng: random.Random) -> list[str]:
    """Random trees of components (well or badly placed), HTML and unknown tags, with
    attributes right, wrong or misspelt and written every way HTML allows; some elements
    left unclosed, stray end tags and comments."""
    tags = [*ALLOWED, *EXTRA]
    docs = []
    for _ in range(count):
        body = "".join(_random_element(rng, tags, 0) for _ in range(rng.randint(1, 3)))
        docs.append(f"<mjml>\n<mj-body>\n{body}</mj-body>\n</mjml>")
    return docs


def _random_element(rng: random.Random, tags: list[str], depth: int) -> str:
    tag = rng.choice(tags)
    types = ALLOWED.get(tag.lower(), {"color": "color"})
    attributes = ""
    for name in rng.sample(list(types), min(len(types), rng.randint(0, 3))):
        good, bad = samples(types[name])
        value = rng.choice(good + bad if bad and rng.random() < 0.5 else good or bad)
        written = typo(name, rng) if rng.random() < 0.1 else name
        attributes += rng.choice([" ", "\n  "]) + _written(rng, written, value)
    ending = rng.choice(["", "", "", "<!-- <mj-foo> -->", f"</{rng.choice(tags)}>"])
    if depth > 2 or rng.random() < 0.3:
        return f"<{tag}{attributes}{rng.choice([' ', ''])}/>{ending}\n"
    inner = "".join(_random_element(rng, tags, depth + 1) for _ in range(rng.randint(0, 3)))
    close = "" if rng.random() < 0.1 else f"</{tag}>"
    return f"<{tag}{attributes}>\n{inner}{close}{ending}\n"


def _written(rng: random.Random, name: str, value: str) -> str:
    form = rng.randrange(6)
    if form == 0 and value and not re.search(r"[\s\"'>/=]", value):
        return f"{name}={value}"  # unquoted
    if form == 1:
        return f"{name} = {quote(value)}"
    if form == 2:
        return f"{name}"  # no value
    if form == 3:
        return f"{name}={quote(value)} {name}='x'"  # duplicated
    return f"{name}={quote(value)}"


# The comparison.
def ours(mjml: str) -> Counter:
    _, found = problems(mjml)
    return Counter(
        (line, p.element, p.message) for line, p in zip(lines_of(mjml, found), found, strict=True)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--random", type=int, default=1000, help="random documents (1000)")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--show", type=int, default=10, help="disagreements to print (10)")
    parser.add_argument("--table", action="store_true", help="write the table module")
    parser.add_argument("--check-table", action="store_true", help="compare it with Node's")
    args = parser.parse_args()
    if args.table:
        write_table()
        return 0
    if args.check_table:
        return check_table()
    rng = random.Random(args.seed)
    corpus = {
        "attributes": attribute_documents(rng),
        "special": SPECIAL,
        "fidelity": [f.read_text(encoding="utf-8") for f in sorted(FIDELITY.glob("*.mjml"))],
        "random": random_documents(args.random, rng),
        "corners": CORNERS + corner_documents(args.random, rng),
    }
    every = [doc for docs in corpus.values() for doc in docs]
    answers = node(_NODE_VALIDATE, json.dumps(every))
    print(f"Node mjml {versions()['mjml']} (validationLevel soft) and mailglot's MJML checks")
    shown, at, total, agreeing, compiled, same = 0, 0, 0, 0, 0, 0
    for kind, docs in corpus.items():
        agree = 0
        for doc in docs:
            by_mjml2html, theirs = answers[at]
            at += 1
            if isinstance(by_mjml2html, list):  # Node compiled it: its own errors
                compiled += 1
                same += by_mjml2html == theirs
            mine = ours(doc)
            if isinstance(theirs, list) and Counter(map(tuple, theirs)) == mine:
                agree += 1
            elif shown < args.show:
                shown += 1
                print(f"\n--- disagreement:\n{doc}\nNode:     {theirs}\nmailglot: {sorted(mine)}")
        print(f"  {kind:<11} {agree:>5} / {len(docs):<5} documents agree")
        total, agreeing = total + len(docs), agreeing + agree
    print(f"  {'all':<11} {agreeing:>5} / {total:<5} documents agree")
    print(
        f"  ({compiled} documents compiled by mjml2html, its errors the same as the direct"
        f" validation's in {same}; the others made Node's renderer throw after validating)"
    )
    return 0 if agreeing == total else 1


if __name__ == "__main__":
    sys.exit(main())
