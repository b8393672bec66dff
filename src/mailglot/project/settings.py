"""`mailglot.yaml`: project settings, declared once with a docstring per option."""

from __future__ import annotations

from collections.abc import Callable
from email.utils import getaddresses
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from babel import Locale
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)

from mailglot.check_codes import unknown_code
from mailglot.checks.client_families import unknown_client
from mailglot.i18n.locales import validate_locale_code
from mailglot.i18n.pseudo import PSEUDO_LOCALES
from mailglot.project.settings_address import header_sender
from mailglot.project.settings_mailto import mailto_address
from mailglot.project.settings_recipient import check_recipient
from mailglot.project.settings_terms import TermEntry


def locale_code(code: str) -> str:
    """A locale code as gettext and Babel spell it. `fr_fr` was accepted next to `fr_FR`, as
    another locale: two folders in build/ and locales/ that macOS and Windows hold as one, and
    a catalog folder that a case-sensitive system does not find under the other spelling."""
    validate_locale_code(code)
    if code in PSEUDO_LOCALES:
        return code
    spelled = str(Locale.parse(code))
    if spelled != code and spelled.lower() == code.lower():
        raise ValueError(f"locale {code!r} should be written {spelled!r}")
    return code


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Brand(BaseModel):
    """Brand identity shown by templates; extra keys (colors, logo, tagline) pass through."""

    model_config = ConfigDict(extra="allow", frozen=True, populate_by_name=True)

    name: str
    sender: str = Field(alias="from", description="The From header: 'Name <address>'.")
    website: str = ""

    @field_validator("sender")
    @classmethod
    def _sender(cls, v: str) -> str:
        """Held as the From header writes it: an IDN domain in IDNA (settings_address)."""
        return header_sender(one_address(v, "'Name <address@domain>'"))

    @field_validator("website")
    @classmethod
    def _website(cls, v: str) -> str:
        """Templates build links on it, and the link checks take its host for the brand's own:
        `streamly.example` without https:// made each link of every email an error located in
        build/*.html instead of here."""
        return web_address(v, "the brand's web address, like https://acme.example")


def web_address(value: str, form: str) -> str:
    """An http(s) address with a host, or nothing (the setting unused). urlsplit refuses a
    broken IPv6 host ('Invalid IPv6 URL') and reading the port refuses one out of range,
    which no link built on the address would reach: both are told as the field's form."""
    if not value:
        return value
    try:
        parts = urlsplit(value)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        parts, port_ok = None, False
    if parts is None or not port_ok or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"expected {form}, got {value!r}")
    return value


def one_address(value: str, form: str) -> str:
    """An email header's address as typed in mailglot.yaml: one line (a line break would add
    a header to every email) holding one address with an @."""
    found = getaddresses([value])
    if any(ord(c) < 32 or c == "\x7f" for c in value) or len(found) != 1 or "@" not in found[0][1]:
        raise ValueError(f"expected {form} on one line, got {value!r}")
    return value


class Screenshots(Strict):
    phone: int = Field(375, ge=200, le=1000, description="Phone viewport width in CSS px.")
    desktop: int = Field(1200, ge=600, le=3000, description="Desktop viewport width in CSS px.")
    dark: bool = Field(True, description="Also shoot with prefers-color-scheme: dark.")
    browser: str | None = Field(None, description="Path to a Chromium/Chrome executable.")


def _known(problem: Callable[[str], str | None]) -> AfterValidator:
    """A name checked against what mailglot knows: `problem(name)` says why it is unknown (a
    typo in `checks.disable` silenced nothing; one in `checks.clients` judged no client)."""

    def check(name: str) -> str:
        if (why := problem(name)) is not None:
            raise ValueError(why)
        return name

    return AfterValidator(check)


CheckCode = Annotated[str, _known(unknown_code)]
Client = Annotated[str, _known(unknown_client)]


class Checks(Strict):
    disable: list[CheckCode] = Field(default_factory=list, description="Check codes to silence.")
    max_html_bytes: int = Field(
        102_000, ge=1, description="Gmail clips messages larger than ~102 KB."
    )
    subject_columns: int = Field(
        45,
        ge=10,
        description="Subject width phone inboxes show in one line (CJK characters count twice).",
    )
    clients: list[Client] = Field(
        default_factory=lambda: ["gmail", "apple-mail", "outlook", "yahoo"],
        description="caniemail client families whose newest versions judge CSS/HTML support.",
    )


class Render(Strict):
    timeout_s: float = Field(
        10,
        gt=0,
        le=3600,
        description="Seconds a job's template may run; past that the job fails, located, and "
        "the others still build.",
    )


TypographicTag = Literal["sup", "sub", "br", "em", "strong", "span"]


class L10n(Strict):
    """What translations may do beyond the msgid (README: translation policy)."""

    keep_as_is: list[str] = Field(
        default_factory=list,
        description="Words or phrases a translation may leave in the source language.",
    )
    allowed_links: list[str] = Field(
        default_factory=list,
        description="URL patterns a translation may point a link to (** any, * one segment, "
        "{lang} the locale's language: fr, fr-FR, fr_FR).",
    )
    typographic_tags: list[TypographicTag] = Field(
        default_factory=list,
        description="Attribute-less tags a translation may add or drop (sup, sub, br, em, "
        "strong, span).",
    )
    protected_terms: list[TermEntry] | None = Field(
        None,
        description="Brand and product names a translation must keep exactly as the source "
        "writes them (not translated, respelled, re-cased or dropped), each a name or "
        "{name: {language: spelling}}; unset: brand.name; [] checks none.",
    )


class Tracking(Strict):
    """Campaign parameters added to tracked links at build time (never unsubscribe links)."""

    params: dict[str, str] = Field(
        description="Query parameters; {campaign}, {locale}, {lang}, {market}, {variant} filled."
    )
    domains: list[str] = Field(
        default_factory=list, description="Hosts whose links are tracked; default brand.website's."
    )
    skip: list[str] = Field(
        default_factory=lambda: ["*/unsubscribe*", "*/privacy*", "*/terms*", "*/legal*"],
        description="URL patterns never tagged (legal pages); the unsubscribe link never is.",
    )


def _one_line(value: str) -> str:
    """A sample value reaches previews' headers (To:, List-Unsubscribe:): a line break there
    failed every job as an 'internal' render error."""
    if any(ord(c) < 32 or c == "\x7f" for c in value):
        raise ValueError(f"expected a sample value on one line, got {value!r}")
    return value


SampleValue = Annotated[str, AfterValidator(_one_line)]


class Settings(Strict):
    brand: Brand
    source_locale: str = Field("en_US", description="The language msgids are written in.")
    locales: list[str] = Field(default_factory=list, description="Locales to build.")
    pseudo_locales: list[str] = Field(default_factory=list, description="en_XA, ar_XB previews.")
    merge_tags: Literal["handlebars", "mailchimp", "liquid"] = "handlebars"
    recipient: dict[str, SampleValue] = Field(
        default_factory=lambda: {
            "first_name": "Alex",
            "email": "alex@example.com",
            "unsubscribe_url": "https://example.com/unsubscribe",
        },
        description="Per-recipient merge fields, with the sample values previews use.",
    )
    assets_base_url: str = ""
    screenshots: Screenshots = Field(default_factory=Screenshots)
    checks: Checks = Field(default_factory=Checks)
    render: Render = Field(default_factory=Render)
    l10n: L10n = Field(default_factory=L10n)
    inliner: Literal["css-inline", "premailer"] = Field(
        "css-inline", description="CSS inliner: css-inline (fast, juice-faithful) or premailer."
    )
    unsubscribe_mailto: str = Field(
        "", description="Address for List-Unsubscribe's mailto (next to the https one-click URL)."
    )
    tracking: Tracking | None = Field(None, description="UTM (or own) parameters on links.")

    @field_validator("assets_base_url")
    @classmethod
    def _assets(cls, v: str) -> str:
        """Every recipient's client fetches images from here: a relative, file: or schemeless
        address shows in previews (which use templates/assets/) and breaks in every inbox."""
        return web_address(
            v, "the http(s) address the images are served from, like https://cdn.example.com/email/"
        )

    @field_validator("unsubscribe_mailto")
    @classmethod
    def _mailto(cls, v: str) -> str:
        """Kept percent-encoded, as the List-Unsubscribe header takes it (settings_mailto)."""
        return v and mailto_address(v)

    @field_validator("source_locale")
    @classmethod
    def _source_locale(cls, v: str) -> str:
        return locale_code(v)

    @field_validator("locales")
    @classmethod
    def _locales(cls, v: list[str]) -> list[str]:
        seen: set[str] = set()
        for code in v:
            if code in PSEUDO_LOCALES:
                raise ValueError(f"{code} is a pseudo-locale: list it under pseudo_locales")
            locale_code(code)
            if code in seen:
                raise ValueError(f"locale {code} is listed twice")
            seen.add(code)
        return v

    @field_validator("pseudo_locales")
    @classmethod
    def _pseudo(cls, v: list[str]) -> list[str]:
        for i, code in enumerate(v):
            if code not in PSEUDO_LOCALES:
                raise ValueError(
                    f"unknown pseudo-locale {code!r}; expected one of: {', '.join(PSEUDO_LOCALES)}"
                )
            if code in v[:i]:  # built twice into one folder, counted twice in the summary
                raise ValueError(f"pseudo-locale {code} is listed twice")
        return v

    @field_validator("recipient")
    @classmethod
    def _recipient(cls, v: dict[str, Any], info: ValidationInfo) -> dict[str, str]:
        for name in v:
            if not name.isidentifier():
                raise ValueError(f"merge field {name!r} must be a plain name like first_name")
        fields = {k: str(val) for k, val in v.items()}
        # tags that meet, the sample URL, the sample address (held with an IDN domain in IDNA)
        return check_recipient(fields, info.data.get("merge_tags"))

    def all_locales(self) -> list[str]:
        locales = self.locales or [self.source_locale]
        return [*locales, *self.pseudo_locales]
