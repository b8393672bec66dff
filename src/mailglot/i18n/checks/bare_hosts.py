"""Host names written without `https://` or `www.`: mail clients make them links all the same.

Gmail, Apple Mail and Outlook turn `paypal-streamly.com/fr` in a message into a link, in the
HTML part and in the text part, so a translation or a campaign text that writes one adds a link
nobody reviewed, as surely as one that writes `https://`. What counts is how clients read text:
a dotted name whose last label is a real top-level domain (`tlds.TLDS`, IANA's list), with the
port, path, query or fragment written after it.

Every word is a TLD in some language (`im`, `jetzt`, `today`, `deals`, `kg`, `net`, `io`), and a
missing space after a full stop is a common slip, so a finding (an error: the translation is
refused, a campaign subject fails the build) needs a name a reader and a client take for a host:
- Followed by a port, path, query or fragment (`PAYPAL.COM/fr`, `сайт.рф/оплата`): a host,
  whatever the case of its TLD.
- Without one, the TLD must be written in lower case (`Streamly.tv`, `streamly-billing.com`,
  `evil.example.co.uk`). A capital right after the dot reads as a missing space (`Abo.Im
  Dezember`, `40% off.Today`, `Black Friday.Deals`) or as a name or abbreviation (`GmbH &
  Co.KG`, `M.Sc`, `ASP.NET`, `Socket.IO`, `Prime.Video`); so does a TLD all in capitals
  (`STREAMLY.TV` with no path passes, a known gap: shouted text is rarely a host name).
- A name of two labels without one whose TLD is a file type (`trailer.mov`, `backup.zip`,
  `script.py`, `setup.sh`) is a file name.
- An internationalized TLD (`السعودية`, `ストア`, `рф`) is a host only with a path after it and
  with the labels before it in its own script: those TLDs are ordinary words (`الأحد.السعودية`
  is "Sunday. Saudi Arabia" without its space, `ご利用ください.ストア` "please use. store").
A one-letter label can be a host (`x.com`, `t.co`); the abbreviations it writes end with a
period (below).

What is not a host name in real text either: decimals (`9.99`: no TLD is digits),
abbreviations (`z. B.`, `e.g.`, `U.S.`, `i.e.`, `f.Kr.`: runs of one- and two-letter pieces
ending with a period), file and library names (`photo.jpg`, `Node.js`: `jpg` and `js` are no
TLD). Names that are one (`Streamly.tv`, `Booking.com`, `readme.md`) are links in a mail client
too: a translation may keep the source's, and write others only where `l10n.allowed_links`
allows. The ideographic full stop (`。`) is not read as a dot: Chinese and Japanese sentences
end with one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from mailglot.i18n.checks.base import (
    BRACE_FIELD,
    EMAIL,
    PERCENT_FIELD,
    TAG,
    URL,
    Finding,
    Pair,
    Policy,
    decode_references,
)
from mailglot.i18n.checks.memo import per_text
from mailglot.i18n.checks.tlds import TLDS

# A dotted run of labels starting where a label starts (not inside a word or after `-`: tried
# at every character of 'a.a.a...' it would be quadratic), then what a URL carries after its
# host. A run after a `.` is part of the run before it, which the pattern took whole.
HOSTLIKE = re.compile(r"(?<![\w-])([\w-]+(?:\.[\w-]+)+)((?::[0-9]{1,5})?(?:[/?#][^\s<>\"'«»]*)?)")
# What ends a sentence after a link (as `check_links` strips it from a URL).
TRAILING = ".,;:!?)]}»'\"。、！？"
# Tags between words: the words on either side are apart in the email. Other tags (<b>, <span>)
# join what is around them: `<b>paypal</b>.com` is "paypal.com" in the text part.
_BREAKS = re.compile(r"br|p|div|li|[uo]l|t[rdh]|table|h[1-6]|hr|blockquote|section", re.I)
WHY = "mail clients make a host name a link"


# TLDs that are file types first: `trailer.mov` is a file, `trailer.mov/watch` a host
FILE_TYPES = frozenset({"zip", "mov", "py", "sh"})
# scripts that write one language together: Japanese mixes kana and kanji
_SCRIPT_FAMILY = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "KATAKANA-HIRAGANA": "CJK", "HANGUL": "CJK"}


def _host(run: str, path: bool) -> tuple[str, bool]:
    """The host name at the start of a dotted run ('' if none), and whether it is the whole
    run: `Streamly.tv.Merci` holds `Streamly.tv`, a client links that much. `path`: whether
    a port, path, query or fragment follows the run."""
    labels = run.split(".")
    for end in range(len(labels) - 1, 0, -1):
        whole = end == len(labels) - 1
        if any(c.isalnum() for c in labels[end - 1]) and _reads_as_host(
            labels[: end + 1], path and whole
        ):
            return ".".join(labels[: end + 1]), whole
    return "", False


def _reads_as_host(labels: list[str], path: bool) -> bool:
    """Whether `labels`, the last a TLD, read as a host name (the rules of the docstring)."""
    written = unicodedata.normalize("NFKC", labels[-1])  # `ｃｏｍ` is `com`
    if not written.isascii():
        return path and written.casefold() in TLDS and _one_script(labels)
    if written.lower() not in TLDS:
        return False
    if path:
        return True
    if not written.islower():  # `Im`, `KG`, `NET`: a missing space, a name, an abbreviation
        return False
    return not (len(labels) == 2 and written in FILE_TYPES)


def _one_script(labels: list[str]) -> bool:
    """Whether the labels before the TLD are written in the TLD's script (digits aside)."""
    tld = {_script(c) for c in labels[-1] if c.isalpha()}
    rest = {_script(c) for label in labels[:-1] for c in label if c.isalpha()}
    return bool(rest) and rest <= tld


def _script(char: str) -> str:
    name = unicodedata.name(char, "").split(" ", 1)[0]
    return _SCRIPT_FAMILY.get(name, name)


def _joined(match: re.Match[str]) -> str:
    name = match.group(2)
    return " " if name is None or _BREAKS.fullmatch(name) else ""


def shown_text(text: str) -> str:
    """`text` as it reads once in the email: character references decoded (`paypal&#46;com`
    is "paypal.com"), tags taken out, placeholders blanked (`%(name)s.com` is no `s.com`)."""
    text = decode_references(text)
    if "{" in text:
        text = BRACE_FIELD.sub("\ufffc", text)
    if "%" in text:
        text = PERCENT_FIELD.sub("\ufffc", text)
    if "<" in text:
        text = TAG.sub(_joined, text)
    return text


def plain_text(text: str) -> str:
    """`shown_text` with URLs and addresses blanked: the other link checks read those."""
    text = shown_text(text)
    if "@" in text:
        text = EMAIL.sub(" ", text)
    if "://" in text or "w." in text or "W." in text:
        text = URL.sub(" ", text)
    return text


def written_links(text: str) -> tuple[list[str], list[str], tuple[str, ...]]:
    """(URLs, addresses, host names) a reader of `text` gets as links, each as written, in
    order: the URLs and addresses `catalog.links` compares, and `host_links`."""
    shown = shown_text(text)
    urls = [u.rstrip(TRAILING) for u in URL.findall(shown)]
    addresses = EMAIL.findall(URL.sub(" ", shown)) if "@" in shown else []
    return urls, addresses, host_links(text)


@per_text
def host_links(text: str) -> tuple[str, ...]:
    """Each host name written as text (no `https://`, no `www.`), with what follows it as a
    URL would (`paypal-streamly.com/fr`), in order; sentence punctuation after it left out."""
    if "." not in text and "&" not in text:
        return ()
    out = []
    plain = plain_text(text)
    for m in HOSTLIKE.finditer(plain):
        host, whole = _host(m.group(1), bool(m.group(2)))
        if host and not (not m.group(2) and _abbreviation(m.group(1), plain, m.end())):
            out.append((host + m.group(2) if whole else host).rstrip(TRAILING))
    return tuple(out)


def _abbreviation(run: str, text: str, end: int) -> bool:
    """A run of one- and two-letter pieces each ending with a period, as abbreviations are
    written (`f.Kr.`, `p.sh.`, `i.st.f.`, `p.es.`: Danish, Albanian, Swedish, Italian), not a
    host name, though `kr`, `sh`, `st` and `es` are TLDs."""
    return text[end : end + 1] == "." and all(len(label) <= 2 for label in run.split("."))


def link_key(link: str) -> str:
    """A host link as two texts compare it: the host's case does not matter."""
    host, sep, rest = _split(link)
    return host.lower() + sep + rest


def _split(link: str) -> tuple[str, str, str]:
    m = re.search(r"[:/?#]", link)
    if m is None:
        return link, "", ""
    return link[: m.start()], m.group(), link[m.end() :]


def allowed(link: str, policy: Policy) -> bool:
    """Whether `l10n.allowed_links` allows a host link, read as the URL a client makes of it
    (http:// or https://; a bare host is its site's first page)."""
    if not policy.allowed_links:
        return False
    tails = (link, link + "/") if _split(link)[1] == "" else (link,)
    return any(
        policy.link_allowed(scheme + tail) for scheme in ("https://", "http://") for tail in tails
    )


def check_host_links(pair: Pair) -> Iterator[Finding]:
    """`catalog.links` for a host name the translation writes and the source text does not
    (nor `l10n.allowed_links` allows)."""
    added = host_links(pair.translation)
    if not added:
        return
    known = {link_key(link) for link in host_links(pair.source)}
    for link in dict.fromkeys(added):
        if link_key(link) not in known and not allowed(link, pair.policy):
            yield Finding("catalog.links", f"{link} is not in the source text ({WHY})")
