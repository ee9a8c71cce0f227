"""Text-layer repair for CJK text, shared by every extractor.

Extractors call :func:`repair` on every run of text they emit, so that the
document model holds the characters a reader sees, whatever the producer of the
file did to them: compatibility code points for radicals, a radical drawn in
front of its own ideograph, odd space characters, and characters spread apart by
distributed justification (``工 作 任 务``).

It also removes what no reader sees but every comparison does: control
characters and invisible format characters (:data:`_INVISIBLE`), so that
``市财<ZWSP>政局`` and ``市财政局`` are one unit, whichever format carried them.

It deliberately does not fold full-width punctuation to ASCII (NFKC would).
:func:`repair` keeps line breaks; :func:`join_lines` is the one rule for joining
lines, used by the PDF extractor for the lines a layout wrapped and by
normalization for the paragraphs of running text.
"""

from __future__ import annotations

import unicodedata

import regex

from cjk.radicals import RADICAL_SUPPLEMENT

KANGXI = range(0x2F00, 0x2FE0)
"""Kangxi Radicals block: every assigned code point has a <compat> decomposition
to its unified ideograph, so NFKC of that one character is exact."""

_SPACES = regex.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_LINE_BREAKS = regex.compile(r"\r\n?|[\v\f\u2028\u2029]")
"""Line ends other than ``\\n`` (Unicode's mandatory breaks, UAX #14 BK/CR):
CR and CRLF, vertical tab (Word's manual line break in its plain text), form
feed (a page break in plain text), LINE and PARAGRAPH SEPARATOR. Each is the
one break the model knows, ``\\n``. NEL (U+0085) is not among them: see
:data:`_INVISIBLE`."""
_INVISIBLE = regex.compile(
    r"[\x00-\x08\x0e-\x1f\x7f-\x9f"  # C0 controls but tab and line ends, DEL, C1 controls
    r"\u00ad"  # soft hyphen: a hyphenation point, shown only where a line breaks
    r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides, isolates
    r"\u200b-\u200d\u2060\ufeff"  # zero-width space, non-joiner, joiner; word joiner; BOM / ZWNBSP
    r"\u2061-\u2064\u206a-\u206f]"  # invisible math operators; deprecated format characters
)
"""Characters a reader never sees, removed from every piece of text.

Controls carry nothing in a notice: no producer writes them on purpose, and
where they occur they are debris (a C1 code point is a byte of a Windows-1252
text read as Latin-1; a NUL, a field code's remains). NEL (U+0085) is removed
with the other C1 controls although Unicode calls it a line break: no
document producer writes it for one, and what it is in practice is the ``…``
of Windows-1252 (byte 0x85) read as Latin-1. The format characters here change
no glyph of Chinese text (bidi controls order right-to-left scripts, which
notices do not use; a soft hyphen shows only at a line end, and the model's
lines are joined), but they make two spellings of one unit name compare
unequal (``市财政局`` and ``市财<U+200B>政局``, a BOM pasted into a cell) and
so split a group-by. Kept on purpose: variation selectors
(U+FE00–FE0F, U+E0100–E01EF), which choose a glyph of the ideograph before them
and so belong to the character, and U+180E, a letter-shaping mark of Mongolian
script. Spaces are :data:`_SPACES`' business (U+3000 and NBSP become a space)."""
_CJK = r"\p{Han}"
_HAN = regex.compile(_CJK)
_RUN_OF_SPACES = regex.compile(r" {2,}")
_SPACED_RUN = regex.compile(rf"(?<!{_CJK})(?:{_CJK}[ ]+){{1,}}{_CJK}(?!{_CJK})")
"""Two or more single ideographs separated by spaces: distributed justification
(``序 号``, ``工 作 任 务``). Runs of words (``市工商局 市委编办``) do not match,
because each token there is longer than one character."""
_SPACES_IN_RUN = regex.compile(r"[ ]+")
_RADICAL = regex.compile(f"[{chr(KANGXI.start)}-{chr(KANGXI.stop - 1)}{''.join(RADICAL_SUPPLEMENT)}]")
"""Any code point :func:`unify_char` maps: text without one (nearly all) skips the per-character pass."""


def unify_char(ch: str) -> str:
    """The unified ideograph for a radical code point; any other char as is."""
    cp = ord(ch)
    if cp in KANGXI:
        return unicodedata.normalize("NFKC", ch)
    return RADICAL_SUPPLEMENT.get(ch, ch)


def unify_radicals(text: str) -> str:
    """Map radical code points to unified ideographs and drop doubled radicals.

    Some CMaps map one glyph to *radical + ideograph*, which reads as ``⼯工``:
    when a radical is immediately followed by the ideograph it stands for, the
    radical is dropped instead of mapped.
    """
    if _RADICAL.search(text) is None:
        return text
    out: list[str] = []
    for i, ch in enumerate(text):
        unified = unify_char(ch)
        if unified != ch and i + 1 < len(text) and text[i + 1] == unified:
            continue
        out.append(unified)
    return "".join(out)


def collapse_spaced_run(match: regex.Match[str]) -> str:
    return _SPACES_IN_RUN.sub("", match.group(0))


def repair(text: str) -> str:
    """Repair one piece of extracted text; line breaks are kept as ``\\n``."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = unify_radicals(text)
    lines = []
    for line in text.split("\n"):
        line = _RUN_OF_SPACES.sub(" ", line).strip()
        lines.append(_SPACED_RUN.sub(collapse_spaced_run, line))
    return "\n".join(lines).strip("\n")


def is_cjk(ch: str) -> bool:
    """Han ideographs and the full-width punctuation that goes with them."""
    if not ch:
        return False
    cp = ord(ch)
    return (
        0x3000 <= cp <= 0x303F  # CJK symbols and punctuation
        or 0xFF00 <= cp <= 0xFFEF  # full-width forms
        or 0x2018 <= cp <= 0x201F  # curly quotes used as Chinese quotes
        or cp in (0x2014, 0x2026, 0x00B7)  # ——, …, ·
        or _HAN.match(ch) is not None
    )


def join_lines(text: str) -> str:
    """Join wrapped lines the way a reader would.

    Between two CJK characters a line end is nothing; between two Latin or
    digit tokens it was a space, except between two digits: a layout breaks a
    number only when it does not fit its cell (``202`` ⏎ ``0年6月底前`` in a
    narrow 完成时限 column), never at a space.
    """
    lines = [ln.strip() for ln in text.split("\n")]
    out = ""
    for line in lines:
        if not line:
            continue
        if out and not (is_cjk(out[-1]) or is_cjk(line[0]) or (out[-1].isdigit() and line[0].isdigit())):
            out += " "
        out += line
    return out
