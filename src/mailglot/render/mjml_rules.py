"""Where each MJML element may be placed: Node mjml's validator table, as data.

Follows mjml 5.4.1 (`mjml-validator` and the `dependencies` each `mjml-*` component package
registers through `mjml-preset-core`): the components Node knows, the children each one
accepts, in the order Node lists them (its message names the allowed parents in that order),
and the "ending tags" whose content Node reads as raw HTML, not as MJML. MRML compiles most
misplaced elements without a word; `placement` reports them as Node does at its default
validation level ("soft"). To follow a newer mjml, compare these with what
`require('mjml-validator').dependencies` holds once `mjml` is loaded.
"""

from __future__ import annotations

# Every tag mjml 5.4.1 registers as a component (`require('mjml-core').components`): an
# element whose tag is not one of these is never checked, nor are its children.
COMPONENTS = frozenset(
    [
        "mj-body",
        "mj-head",
        "mj-attributes",
        "mj-breakpoint",
        "mj-html-attributes",
        "mj-font",
        "mj-preview",
        "mj-style",
        "mj-title",
        "mj-hero",
        "mj-button",
        "mj-column",
        "mj-divider",
        "mj-group",
        "mj-image",
        "mj-raw",
        "mj-section",
        "mj-spacer",
        "mj-text",
        "mj-table",
        "mj-wrapper",
        "mj-social",
        "mj-social-element",
        "mj-navbar",
        "mj-navbar-link",
        "mj-accordion",
        "mj-accordion-element",
        "mj-accordion-text",
        "mj-accordion-title",
        "mj-carousel",
        "mj-carousel-image",
    ]
)

# Components whose `endingTag` is true: their content is HTML (or CSS, or text), not MJML.
ENDING_TAGS = frozenset(
    [
        "mj-breakpoint",
        "mj-preview",
        "mj-style",
        "mj-title",
        "mj-button",
        "mj-raw",
        "mj-text",
        "mj-table",
        "mj-social-element",
        "mj-navbar-link",
        "mj-accordion-text",
        "mj-accordion-title",
        "mj-carousel-image",
    ]
)

# mjml-validator's `dependencies`, in its key order; ANY stands for mj-attributes' pattern
# (`/^.*^/`), which accepts every tag. A component missing here accepts no component child.
ANY = "*"
ALLOWED_CHILDREN: dict[str, tuple[str, ...]] = {
    "mjml": ("mj-body", "mj-head", "mj-raw"),
    "mj-accordion": ("mj-accordion-element", "mj-raw"),
    "mj-accordion-element": ("mj-accordion-title", "mj-accordion-text", "mj-raw"),
    "mj-accordion-title": (),
    "mj-accordion-text": (),
    "mj-attributes": (ANY,),
    "mj-body": ("mj-raw", "mj-section", "mj-wrapper", "mj-hero"),
    "mj-button": (),
    "mj-carousel": ("mj-carousel-image",),
    "mj-carousel-image": (),
    "mj-column": (
        "mj-accordion",
        "mj-button",
        "mj-carousel",
        "mj-divider",
        "mj-image",
        "mj-raw",
        "mj-social",
        "mj-spacer",
        "mj-table",
        "mj-text",
        "mj-navbar",
    ),
    "mj-html-attribute": (),
    "mj-html-attributes": ("mj-selector",),
    "mj-divider": (),
    "mj-group": ("mj-column", "mj-raw"),
    "mj-head": (
        "mj-attributes",
        "mj-breakpoint",
        "mj-html-attributes",
        "mj-font",
        "mj-preview",
        "mj-style",
        "mj-title",
        "mj-raw",
    ),
    "mj-hero": (
        "mj-accordion",
        "mj-button",
        "mj-carousel",
        "mj-divider",
        "mj-image",
        "mj-social",
        "mj-spacer",
        "mj-table",
        "mj-text",
        "mj-navbar",
        "mj-raw",
    ),
    "mj-image": (),
    "mj-navbar": ("mj-navbar-link", "mj-raw"),
    "mj-raw": (),
    "mj-section": ("mj-column", "mj-group", "mj-raw"),
    "mj-selector": ("mj-html-attribute",),
    "mj-social": ("mj-social-element", "mj-raw"),
    "mj-social-element": (),
    "mj-spacer": (),
    "mj-table": (),
    "mj-text": (),
    "mj-wrapper": ("mj-hero", "mj-raw", "mj-section"),
}

# The root is not checked (the validator's `skipElements`), only its descendants.
SKIPPED_PARENTS = frozenset({"mjml"})


def allowed(parent: str, child: str) -> bool:
    kids = ALLOWED_CHILDREN.get(parent, ())
    return ANY in kids or child in kids


def parents_of(child: str) -> tuple[str, ...]:
    """The elements `child` may be placed in, in the order Node's message lists them."""
    return tuple(parent for parent in ALLOWED_CHILDREN if allowed(parent, child))


def message(child: str, parent: str) -> str:
    """mjml-validator's words (rules/validChildren.js)."""
    return f"{child} cannot be used inside {parent}, only inside: {', '.join(parents_of(child))}"
