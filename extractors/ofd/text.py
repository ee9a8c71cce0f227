"""OFD text objects → positioned glyphs.

A ``TextObject`` carries the style (``Font``, ``Size``, ``HScale``, ``Weight``,
``FillColor``, ``CharDirection``) and one or more ``TextCode`` runs: ``X``/``Y``
is the first character's baseline origin, ``DeltaX``/``DeltaY`` the steps to
each next character, compressed as ``g N d`` (N steps of d). A producer may
write one object per run or one per character; both come out the same.

Glyph boxes are built the way pdfminer builds a PDF character's, so that the
shared layout stage treats an OFD and its PDF twin alike:

* the box is the em square standing on the baseline: ``top = baseline - size``,
  ``bottom = baseline`` (pdfminer's box for a font that declares no descent,
  which LibreOffice's PDFs do; OFD carries no descent at all);
* the width is the advance to the next character, capped at one em
  (× ``HScale``): a half-width digit takes its own advance and does not reach
  into the next cell ("24" set at one em would), while a gap wider than an em
  stays a gap, as in PDF, where the word-space rule needs it;
* the last character of a run has no advance: it reaches the object's
  ``Boundary`` right edge, which producers draw around the run, capped the
  same; without a usable Boundary it is one em wide if East Asian wide or
  ambiguous (ideographs, full-width marks, “” in a CJK font), half an em (半角)
  otherwise.
"""

from __future__ import annotations

import math
import unicodedata

import regex
from lxml import etree

from extractors.layout.page import Glyph
from extractors.model import ExtractionError
from extractors.ofd.geometry import Matrix, box_of
from extractors.ofd.xml import kid, kids, number

BOLD_WEIGHT = 700
"""``Weight`` from which a face is bold (the CSS/OpenType scale the standard uses)."""


def deltas(text: str | None, limit: int) -> list[float]:
    """A ``DeltaX``/``DeltaY`` list with ``g N d`` expanded, at most *limit* long
    (a run never needs more steps than it has characters)."""
    tokens = (text or "").split()
    out: list[float] = []
    i = 0
    try:
        while i < len(tokens) and len(out) < limit:
            if tokens[i] == "g":
                count, step = int(tokens[i + 1]), float(tokens[i + 2])
                out += [step] * max(0, min(count, limit - len(out)))
                i += 3
            else:
                out.append(float(tokens[i]))
                i += 1
    except (ValueError, IndexError) as exc:
        raise ExtractionError("corrupt_ofd", f"TextCode delta list {text!r} is malformed") from exc
    return out


def natural_width(char: str, em: float) -> float:
    """One em for wide, full-width and ambiguous characters (a CJK font sets
    “” and — full width), half an em otherwise (半角)."""
    return em if unicodedata.east_asian_width(char) in ("W", "F", "A") else em / 2


def colour(el: etree._Element) -> tuple[float, ...] | None:
    """``FillColor Value`` as 0–1 components; values are 0–255, decimal or ``#hex``."""
    fill = kid(el, "FillColor")
    value = fill.get("Value") if fill is not None else None
    if not value:
        return None
    try:
        return tuple(int(v[1:], 16) / 255 if v.startswith("#") else float(v) / 255 for v in value.split())
    except ValueError:
        return None  # a colour is decoration; a malformed one costs nothing


def text_glyphs(obj: etree._Element, ctm: Matrix, boundary_width: float, to_page: Matrix,
                fonts: dict[str, str]) -> list[Glyph]:
    """Glyphs of one TextObject: *ctm* maps its coordinates into its Boundary,
    *to_page* from the Boundary (origin at its corner) to page points."""
    size = number(obj, "Size", 0.0)
    if size <= 0:
        raise ExtractionError("corrupt_ofd", f"TextObject {obj.get('ID')} has no positive Size")
    em = size * number(obj, "HScale", 1.0)
    matrix = ctm.then(to_page)
    # The Boundary's right edge in the object's own x.
    right = (boundary_width - ctm.e) / ctm.a if ctm.axis_aligned else math.inf
    fontname = fonts.get(obj.get("Font", ""), "")
    if number(obj, "Weight", 400) >= BOLD_WEIGHT and "bold" not in fontname.lower():
        fontname += "-Bold"  # the layout stage reads boldness from the font name, as PDF carries it
    turn = math.radians(number(obj, "CharDirection", 0.0))
    upright = matrix.axis_aligned and turn == 0
    fill = colour(obj)
    clusters = _clusters(obj)
    glyphs: list[Glyph] = []
    x = y = 0.0
    offset = 0
    for code in kids(obj, "TextCode"):
        chars = _FORMATTING.sub("", code.text or "")
        x, y = number(code, "X", x), number(code, "Y", y)
        dx = per_char(deltas(code.get("DeltaX"), len(chars) - 1), len(chars), clusters, offset)
        dy = per_char(deltas(code.get("DeltaY"), len(chars) - 1), len(chars), clusters, offset)
        offset += len(chars)
        vertical = bool(dy) and not dx
        for i, char in enumerate(chars):
            if i < len(dx) and dx[i] > 0:
                width = min(dx[i], em)
            elif i == len(chars) - 1 and right - x > 0:
                width = min(right - x, em)
            else:
                width = natural_width(char, em)
            glyphs.append(_glyph(char, x, y, width, size, matrix, turn, upright, fontname, fill))
            x += dx[i] if i < len(dx) else (0.0 if vertical else width)
            y += dy[i] if i < len(dy) else 0.0
    return glyphs


def _clusters(obj: etree._Element) -> dict[int, tuple[int, int]]:
    """``CGTransform``s as CodePosition → (CodeCount, GlyphCount): characters
    drawn as fewer or more glyphs (the ``fi`` ligature, Thai, Tamil)."""
    out = {}
    for cg in kids(obj, "CGTransform"):
        position, codes, glyphs = (int(number(cg, a, 1)) for a in ("CodePosition", "CodeCount", "GlyphCount"))
        if codes >= 1 and glyphs >= 1:
            out[position] = (codes, glyphs)
    return out


def per_char(steps: list[float], n_chars: int, clusters: dict[int, tuple[int, int]], offset: int) -> list[float]:
    """Steps from each character to the next. ``DeltaX`` counts glyphs, so a
    cluster of characters drawn as other glyphs takes as many steps as it has
    glyphs, shared out over its characters."""
    if not clusters:
        return steps
    out: list[float] = []
    i = g = 0
    while i < n_chars - 1 and g < len(steps):
        codes, n_glyphs = clusters.get(offset + i, (1, 1))
        codes = min(codes, n_chars - i)
        out += [sum(steps[g:g + n_glyphs]) / codes] * codes
        i, g = i + codes, g + n_glyphs
    return out[: n_chars - 1]


_FORMATTING = regex.compile(r"^\s*[\r\n]\s*|\s*[\r\n]\s*$")
"""Line breaks and indentation around a TextCode's text are the producer's
XML pretty-printing (``<TextCode …>⏎He…``), not drawn characters: its
DeltaX does not count them."""


def _glyph(char: str, x: float, y: float, width: float, size: float, matrix: Matrix, turn: float,
           upright: bool, fontname: str, fill: tuple[float, ...] | None) -> Glyph:
    corners = [(0.0, -size), (width, -size), (width, 0.0), (0.0, 0.0)]
    if turn:
        cos, sin = math.cos(turn), math.sin(turn)
        corners = [(u * cos - v * sin, u * sin + v * cos) for u, v in corners]
    x0, top, x1, bottom = box_of([matrix.apply(x + u, y + v) for u, v in corners])
    return Glyph(text=char, x0=x0, top=top, x1=x1, bottom=bottom, fontname=fontname,
                 size=size * matrix.y_scale, upright=upright, colour=fill)
