"""PDF → :class:`PageLayout` pages on pdfium (pypdfium2), the default PDF engine.

pdfium parses a page in C several times faster than pdfminer does in Python,
but it measures glyphs its own way. This module rebuilds from pdfium's raw
facts (each character's origin, matrix, advance, font size and descent) the
geometry pdfminer gives, and from pdfium's path objects the edges pdfplumber
makes of pdfminer's lines, rectangles and curves, in the coordinates
pdfplumber reports. The shared layout stage then sees the same glyphs and
segments from either engine, so both give the same rows
(:mod:`extractors.pdf` is the pdfminer source and the reference in the parity
test).

What is rebuilt, and why:

* A glyph's box is pdfminer's em box: from the baseline, ``descent × size``
  down and ``size`` up, as wide as the glyph's advance. pdfium's own boxes are
  the ink (tight) or scaled between ascent and descent (loose), 0.9–1.8 pt off
  pdfminer's, enough to move a glyph across a cell border.
* A path is split into subpaths at each move-to and each subpath is a line, a
  rectangle or a curve by pdfminer's rules; a rectangle gives its four sides
  (pdfium stores ``re`` as four points and a close flag, so the closing edge
  is added back), a curve one edge per pair of points. A thin filled
  rectangle, which is how Word and WPS draw cell borders, is a rectangle like
  any other: its two long sides snap into one ruling in the table finder.
  Clipping paths are not page objects (neither engine treats a clip as a
  ruling).
* Characters pdfium generates itself (spaces and line breaks between text
  runs) are not glyphs in the file and are skipped; glyphs without a Unicode
  mapping read ``(cid:N)``, as pdfminer spells them, so the text-layer check
  counts them alike.
"""

from __future__ import annotations

import ctypes
import itertools
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from extractors.layout import Glyph, PageLayout, Segment
from extractors.model import Document, ExtractionError
from extractors.ocr import layout_with_ocr
from extractors.ocr.render import PdfRenderer
from extractors.ocr_modes import OcrMode
from extractors.pdf_fonts import FontFacts, document_fonts, plain_name
from extractors.pdf_sample import tiny_pdf

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]

_LINE_BREAKS = frozenset((0x0A, 0x0D, 0x20, 0x02))
"""Code points pdfium may generate between text runs; only these can be generated."""

_ENCRYPTED = frozenset((raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY))


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF's row-vector convention, as pdfminer's ``mult_matrix``)."""
    a, b, c, d, e, f = m
    a1, b1, c1, d1, e1, f1 = n
    return (a * a1 + b * c1, a * b1 + b * d1, c * a1 + d * c1, c * b1 + d * d1,
            e * a1 + f * c1 + e1, e * b1 + f * d1 + f1)


def _apply(m: Matrix, x: float, y: float) -> Point:
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


@dataclass(frozen=True)
class _Frame:
    """User space → pdfplumber's page coordinates (top-left origin, y down).

    pdfminer first maps user space through a page matrix that undoes the
    MediaBox origin and applies /Rotate; pdfplumber then flips y and adds the
    MediaBox offsets back. Both steps are reproduced so that rotated pages
    and offset MediaBoxes land where the pdfminer engine puts them.
    """

    matrix: Matrix
    """User space → pdfminer's device space."""
    height: float
    x_offset: float
    top_offset: float
    width: float

    @classmethod
    def of(cls, page: Any) -> _Frame:
        box = [ctypes.c_float() for _ in range(4)]
        if not raw.FPDFPage_GetMediaBox(page, *(ctypes.byref(v) for v in box)):
            raise ExtractionError("corrupt_pdf", "cannot parse PDF: a page has no MediaBox")
        x0, y0, x1, y1 = (v.value for v in box)
        rotation = raw.FPDFPage_GetRotation(page) * 90
        matrix: Matrix = {
            90: (0.0, -1.0, 1.0, 0.0, -y0, x1),
            180: (-1.0, 0.0, 0.0, -1.0, x1, y1),
            270: (0.0, 1.0, -1.0, 0.0, y1, -x0),
        }.get(rotation, (1.0, 0.0, 0.0, 1.0, -x0, -y0))
        nx0, nx1 = sorted((x0, x1))
        ny0, ny1 = sorted((y0, y1))
        if rotation in (90, 270):
            nx0, ny0, nx1, ny1 = ny0, nx0, ny1, nx1
        return cls(matrix=matrix, height=ny1 - ny0, x_offset=nx0, top_offset=-ny0, width=nx1 - nx0)

    def point(self, x: float, y: float) -> Point:
        """A user-space point as pdfplumber's (x, top)."""
        dx, dy = _apply(self.matrix, x, y)
        return dx + self.x_offset, self.height - dy + self.top_offset


# --- characters -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Run:
    """What the characters of one text object share."""

    fontname: str
    size: float
    """The ``Tf`` size, in text space."""
    descent: float
    """The font's descent as a fraction of the size (negative), as pdfminer reads it."""
    matrix: tuple[float, float, float, float]
    """The object's text matrix times its CTM, without translation."""
    upright: bool
    """pdfminer's test, on the matrix that includes the page's rotation."""


def _font_name(font: Any) -> str:
    n = raw.FPDFFont_GetBaseFontName(font, None, 0)
    buf = ctypes.create_string_buffer(n)
    raw.FPDFFont_GetBaseFontName(font, buf, n)
    return buf.value.decode("utf-8", "replace")


class _Runs:
    """The runs of one page, each read once: pdfium has one text object per
    ``Tj``/``TJ``, so a page has hundreds, but only a few fonts."""

    def __init__(self, textpage: Any, frame: _Frame, fonts: dict[str, FontFacts]) -> None:
        self.textpage = textpage
        self.frame = frame
        self.fonts = fonts
        self.by_object: dict[int | None, tuple[_Run, tuple[float, ...] | None]] = {}
        self.by_font: dict[int | None, FontFacts] = {}
        self.size = ctypes.c_float()
        self.matrix = raw.FS_MATRIX()
        self.rgba = [ctypes.c_uint() for _ in range(4)]

    def get(self, obj: Any, index: int) -> tuple[_Run, tuple[float, ...] | None]:
        key = ctypes.cast(obj, ctypes.c_void_p).value
        known = self.by_object.get(key)
        if known is None:
            known = self.by_object[key] = self._read(obj, index)
        return known

    def _read(self, obj: Any, index: int) -> tuple[_Run, tuple[float, ...] | None]:
        raw.FPDFTextObj_GetFontSize(obj, ctypes.byref(self.size))
        raw.FPDFText_GetMatrix(self.textpage, index, ctypes.byref(self.matrix))
        m = self.matrix
        font = raw.FPDFTextObj_GetFont(obj)
        font_key = ctypes.cast(font, ctypes.c_void_p).value
        facts = self.by_font.get(font_key)
        if facts is None:
            facts = self.by_font[font_key] = self._facts(font)
        colour = None
        if raw.FPDFPageObj_GetFillColor(obj, *(ctypes.byref(c) for c in self.rgba)):
            colour = tuple(c.value / 255 for c in self.rgba[:3])
        da, db, dc, dd, _, _ = _mul((m.a, m.b, m.c, m.d, 0.0, 0.0), self.frame.matrix)
        upright = da * dd > 0 and db * dc <= 0
        return _Run(facts.fontname, self.size.value, facts.descent, (m.a, m.b, m.c, m.d), upright), colour

    def _facts(self, font: Any) -> FontFacts:
        name = _font_name(font)
        facts = self.fonts.get(plain_name(name))
        if facts is None:  # a font pdfminer's reading of the resources did not find: pdfium's own metrics
            descent = ctypes.c_float()
            raw.FPDFFont_GetDescent(font, ctypes.c_float(1.0), ctypes.byref(descent))
            facts = FontFacts(name, -abs(descent.value))
        return facts


def _glyphs(textpage: Any, frame: _Frame, fonts: dict[str, FontFacts]) -> list[Glyph]:
    runs = _Runs(textpage, frame, fonts)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    box = raw.FS_RECTF()
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    origin_refs = (ctypes.byref(ox), ctypes.byref(oy))
    box_ref = ctypes.byref(box)
    tight_refs = tuple(ctypes.byref(v) for v in (left, right, bottom, top))
    get_unicode, is_generated = raw.FPDFText_GetUnicode, raw.FPDFText_IsGenerated
    get_object = raw.FPDFText_GetTextObject
    unmapped, get_origin = raw.FPDFText_HasUnicodeMapError, raw.FPDFText_GetCharOrigin
    get_loose, get_tight = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetCharBox
    chars: list[_Char] = []
    for i in range(raw.FPDFText_CountChars(textpage)):
        code = get_unicode(textpage, i)
        if code in _LINE_BREAKS and is_generated(textpage, i):
            continue
        run, colour = runs.get(get_object(textpage, i), i)
        text = f"(cid:{code})" if unmapped(textpage, i) else chr(code)
        get_origin(textpage, i, *origin_refs)
        get_loose(textpage, i, box_ref)
        get_tight(textpage, i, *tight_refs)
        # pdfium's loose box is the advance box united with the ink: where the
        # ink reaches the loose box's far edge, that edge may be the ink's.
        if run.matrix[0] > 0:
            ink_bound, advance = right.value >= box.right - 0.01, box.right - ox.value
        else:
            ink_bound, advance = left.value <= box.left + 0.01, ox.value - box.left
        chars.append((text, run, ox.value, oy.value, advance, ink_bound, colour))
    widths = _advances(chars)
    return [_glyph(chars[i], widths[i], frame) for i in range(len(chars))]


_Char = tuple[str, _Run, float, float, float, bool, "tuple[float, ...] | None"]


def _advances(chars: list[_Char]) -> list[float]:
    """Each character's advance along its baseline, in user space.

    pdfium's loose box is the advance box united with the ink, so from the
    origin to the box's far edge is the advance, unless the ink reaches past
    it (some CJK serif glyphs do). There the advance is where the next glyph
    of the same run starts, or else, for a full-width character, the
    full-width advance of its font measured on another character: every
    ideograph of a font has the same."""
    widths = [c[4] for c in chars]
    wide_em: dict[str, float] = {}
    unknown: list[int] = []
    for i, (text, run, x, y, width, ink_bound, _) in enumerate(chars):
        if ink_bound:
            nxt = chars[i + 1] if i + 1 < len(chars) else None
            if nxt is not None and nxt[1] is run and nxt[3] == y and 0 < abs(nxt[2] - x) < width:
                widths[i] = abs(nxt[2] - x)
            else:
                unknown.append(i)
                continue
        if _is_wide(text) and run.size:
            wide_em.setdefault(run.fontname, widths[i] / (abs(run.matrix[0]) or 1.0) / run.size)
    for i in unknown:
        text, run = chars[i][0], chars[i][1]
        em = wide_em.get(run.fontname)
        if em is not None and _is_wide(text):
            widths[i] = min(widths[i], em * run.size * (abs(run.matrix[0]) or 1.0))
    return widths


def _is_wide(text: str) -> bool:
    return len(text) == 1 and unicodedata.east_asian_width(text) in ("W", "F")


def _glyph(char: _Char, width: float, frame: _Frame) -> Glyph:
    """pdfminer's box of one character: from ``descent × size`` below the
    baseline to ``size`` above it, as wide as the advance."""
    text, run, x, y, _, _, colour = char
    ma, mb, mc, md = run.matrix
    advance = width / abs(ma) if abs(ma) > 1e-6 else run.size
    low = run.descent * run.size
    high = low + run.size
    x0, y0 = frame.point(x + mc * low, y + md * low)
    x1, y1 = frame.point(x + ma * advance + mc * high, y + mb * advance + md * high)
    return Glyph(text=text, x0=min(x0, x1), top=min(y0, y1), x1=max(x0, x1), bottom=max(y0, y1),
                 fontname=run.fontname, size=abs(y1 - y0), upright=run.upright, colour=colour)


# --- paths ------------------------------------------------------------------------------------------------------


def _object_matrix(obj: Any) -> Matrix:
    m = raw.FS_MATRIX()
    raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _subpaths(path: Any) -> Iterator[tuple[str, list[Point]]]:
    """The path's subpaths as pdfminer sees them: operator letters (``m``,
    ``l``, ``c``, ``h``) and one point per operator (a curve's end point, a
    close's subpath start), in the path's own space."""
    x, y = ctypes.c_float(), ctypes.c_float()
    shape: list[str] = []
    pts: list[Point] = []
    bezier = 0
    for i in range(raw.FPDFPath_CountSegments(path)):
        seg = raw.FPDFPath_GetPathSegment(path, i)
        raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            if shape:
                yield "".join(shape), pts
            shape, pts, bezier = ["m"], [(x.value, y.value)], 0
        elif kind == raw.FPDF_SEGMENT_LINETO:
            shape.append("l")
            pts.append((x.value, y.value))
        elif kind == raw.FPDF_SEGMENT_BEZIERTO:
            bezier = (bezier + 1) % 3  # pdfium stores a curve as its two control points and its end
            if bezier == 0:
                shape.append("c")
                pts.append((x.value, y.value))
        if raw.FPDFPathSegment_GetClose(seg) and pts:
            shape.append("h")
            pts.append(pts[0])
    if shape:
        yield "".join(shape), pts


@dataclass
class _Edges:
    """Segments in pdfplumber's ``Page.edges`` order: lines, then rectangle
    sides, then curve pieces, each in drawing order."""

    lines: list[Segment]
    rects: list[Segment]
    curves: list[Segment]

    def add_path(self, shape: str, pts: list[Point]) -> None:
        """pdfminer's ``paint_path`` classification of one subpath (points
        already in pdfplumber's page coordinates)."""
        if not shape.startswith("m"):
            return
        if len(shape) > 3 and shape.endswith("lh") and pts[-2] == pts[0]:
            shape, pts = shape[:-2] + "h", pts[:-2] + pts[-1:]
        if shape in ("ml", "mlh"):
            (x0, y0), (x1, y1) = pts[0], pts[1]
            top, bottom = min(y0, y1), max(y0, y1)
            self.lines.append(Segment(min(x0, x1), top, max(x0, x1), bottom, "h" if top == bottom else "v"))
            return
        if shape in ("mlllh", "mllll") and pts[0] == pts[4]:
            (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts[:4]
            if (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0):
                left, right = min(x0, x2), max(x0, x2)
                top, bottom = min(y0, y2), max(y0, y2)
                self.rects += [Segment(left, top, right, top, "h"), Segment(left, bottom, right, bottom, "h"),
                               Segment(left, top, left, bottom, "v"), Segment(right, top, right, bottom, "v")]
                return
        for (x0, y0), (x1, y1) in itertools.pairwise(pts):
            if x0 == x1 or y0 == y1:  # a slanted piece is no ruling
                self.curves.append(Segment(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1),
                                           "v" if x0 == x1 else "h"))

    def all(self) -> list[Segment]:
        return self.lines + self.rects + self.curves


def _walk(parent: Any, count: Any, get: Any, outer: Matrix | None, frame: _Frame,
          edges: _Edges, images: list[tuple[float, float, float, float]]) -> None:
    """Path and image objects of a page or form, forms entered in place."""
    for i in range(count(parent)):
        obj = get(parent, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            m = _object_matrix(obj)
            if outer is not None:
                m = _mul(m, outer)
            for shape, pts in _subpaths(obj):
                edges.add_path(shape, [frame.point(*_apply(m, x, y)) for x, y in pts])
        elif kind == raw.FPDF_PAGEOBJ_FORM:
            m = _object_matrix(obj)
            _walk(obj, raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject,
                  m if outer is None else _mul(m, outer), frame, edges, images)
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            b = [ctypes.c_float() for _ in range(4)]
            if raw.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in b)):
                left, bottom, right, top = (v.value for v in b)
                if outer is not None:
                    (left, bottom), (right, top) = _apply(outer, left, bottom), _apply(outer, right, top)
                (x0, t0), (x1, t1) = frame.point(left, bottom), frame.point(right, top)
                images.append((min(x0, x1), min(t0, t1), max(x0, x1), max(t0, t1)))


# --- pages and documents ----------------------------------------------------------------------------------------


def page_layout(page: pdfium.PdfPage, number: int, fonts: dict[str, FontFacts]) -> PageLayout:
    frame = _Frame.of(page.raw)
    textpage = raw.FPDFText_LoadPage(page.raw)
    if not textpage:
        raise ExtractionError("corrupt_pdf", f"cannot parse PDF: pdfium could not read the text of page {number}")
    try:
        glyphs = _glyphs(textpage, frame, fonts)
    finally:
        raw.FPDFText_ClosePage(textpage)
    edges = _Edges([], [], [])
    images: list[tuple[float, float, float, float]] = []
    _walk(page.raw, raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, None, frame, edges, images)
    return PageLayout(number=number, width=frame.width, height=frame.height, glyphs=glyphs,
                      segments=edges.all(), images=images)


def _pages(data: bytes) -> Iterator[PageLayout]:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code in _ENCRYPTED:
            raise ExtractionError("encrypted", f"cannot open encrypted PDF: {exc}") from exc
        raise ExtractionError("corrupt_pdf", f"cannot parse PDF: {exc}") from exc
    try:
        fonts = document_fonts(data)
        for number in range(1, len(pdf) + 1):
            page = pdf[number - 1]
            try:
                yield page_layout(page, number, fonts[number - 1] if number <= len(fonts) else {})
            finally:
                page.close()
    finally:
        pdf.close()


def warm_up() -> None:
    """What a first PDF costs this reader (pdfium's library initialised), paid
    once (in the batch's forkserver, :mod:`pipeline.run.warm`)."""
    extract_pdf(tiny_pdf(), ocr="never")


def extract_pdf(data: bytes, ocr: OcrMode = "auto") -> Document:
    """Read a PDF file's bytes into the document model with pdfium; pages
    without a usable text layer are recognised as *ocr* says."""
    return layout_with_ocr(_pages(data), PdfRenderer(data), ocr, source_format="pdf")
