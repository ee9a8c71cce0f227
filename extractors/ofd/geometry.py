"""OFD coordinates: transforms, and path data turned into ruling segments.

An object's coordinates go through its ``CTM`` into its ``Boundary`` (whose
top-left corner is the origin), then onto the page; the page's millimetres
become PDF points here (×72/25.4). The origin is already top-left with y
growing down, as pdfplumber reports PDF pages, so nothing is flipped.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from extractors.layout.page import Segment
from extractors.model import ExtractionError

PT_PER_MM = 72 / 25.4

THIN_RECT_PT = 2.0
"""A filled rectangle no thicker than this is a rule drawn as an area (Word,
WPS and Suwell converters draw table borders so); it collapses to its centre
line. pdfplumber merges a PDF rectangle's two long edges the same way (its
snap tolerance is 3 pt)."""

AXIS_TOLERANCE_PT = 0.5
"""A straight piece whose ends differ by less than this across its length is
horizontal (or vertical)."""


@dataclass(frozen=True, slots=True)
class Matrix:
    """Affine map ``x' = a·x + c·y + e``, ``y' = b·x + d·y + f`` (the CTM's order)."""

    a: float = 1.0
    b: float = 0.0
    c: float = 0.0
    d: float = 1.0
    e: float = 0.0
    f: float = 0.0

    @classmethod
    def parse(cls, text: str | None) -> Matrix:
        if not text or not text.strip():
            return cls()
        try:
            a, b, c, d, e, f = (float(v) for v in text.split())
        except ValueError as exc:
            raise ExtractionError("corrupt_ofd", f"CTM {text!r} is not six numbers") from exc
        return cls(a, b, c, d, e, f)

    def then(self, other: Matrix) -> Matrix:
        """This map followed by *other*."""
        return Matrix(
            self.a * other.a + self.b * other.c, self.a * other.b + self.b * other.d,
            self.c * other.a + self.d * other.c, self.c * other.b + self.d * other.d,
            self.e * other.a + self.f * other.c + other.e, self.e * other.b + self.f * other.d + other.f,
        )

    def apply(self, x: float, y: float) -> tuple[float, float]:
        return self.a * x + self.c * y + self.e, self.b * x + self.d * y + self.f

    @property
    def x_scale(self) -> float:
        return math.hypot(self.a, self.b)

    @property
    def y_scale(self) -> float:
        return math.hypot(self.c, self.d)

    @property
    def axis_aligned(self) -> bool:
        """No rotation or skew, and neither axis mirrored."""
        return abs(self.b) < 1e-9 and abs(self.c) < 1e-9 and self.a > 0 and self.d > 0


def translate(x: float, y: float) -> Matrix:
    return Matrix(e=x, f=y)


def scale(s: float) -> Matrix:
    return Matrix(a=s, d=s)


def box_of(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


# -- path data ----------------------------------------------------------------------
_ARITY = {"S": 2, "M": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}


@dataclass
class _Subpath:
    points: list[tuple[float, float]]
    straight: list[bool]
    """Whether the piece from ``points[i]`` to ``points[i+1]`` is a straight line."""
    closed: bool = False

    def pieces(self) -> Iterator[tuple[tuple[float, float], tuple[float, float]]]:
        """The straight pieces, the closing one included."""
        for i, is_line in enumerate(self.straight):
            if is_line:
                yield self.points[i], self.points[i + 1]
        if self.closed and len(self.points) > 1 and self.points[-1] != self.points[0]:
            yield self.points[-1], self.points[0]


def subpaths(data: str, matrix: Matrix) -> list[_Subpath]:
    """``AbbreviatedData`` (``S``/``M`` x y, ``L`` x y, ``Q``, ``B``, ``A``, ``C``)
    as subpaths of transformed points. Curves and arcs keep only their end
    point: no rule is curved, but they move the pen."""
    tokens = data.split()
    out: list[_Subpath] = []
    current: _Subpath | None = None
    i = 0
    while i < len(tokens):
        op = tokens[i]
        arity = _ARITY.get(op)
        if arity is None or len(tokens) - i - 1 < arity:
            raise ExtractionError("corrupt_ofd", f"path data has {op!r} where an operator with its numbers belongs")
        try:
            args = [float(t) for t in tokens[i + 1: i + 1 + arity]]
        except ValueError as exc:
            raise ExtractionError("corrupt_ofd", f"path data {op} has a non-number argument") from exc
        i += 1 + arity
        if op in ("S", "M"):
            current = _Subpath([matrix.apply(*args)], [])
            out.append(current)
        elif op == "C":
            if current is not None:
                current.closed = True
                current = _Subpath([current.points[0]], [])
                out.append(current)
        else:
            if current is None:
                current = _Subpath([matrix.apply(0.0, 0.0)], [])
                out.append(current)
            current.points.append(matrix.apply(*args[-2:]))
            current.straight.append(op == "L")
    return [s for s in out if len(s.points) > 1]


def _axis_segment(p: tuple[float, float], q: tuple[float, float], width: float) -> Segment | None:
    (x0, y0), (x1, y1) = p, q
    if abs(y1 - y0) < AXIS_TOLERANCE_PT and abs(x1 - x0) >= AXIS_TOLERANCE_PT:
        y = (y0 + y1) / 2
        return Segment(min(x0, x1), y, max(x0, x1), y, "h", width)
    if abs(x1 - x0) < AXIS_TOLERANCE_PT and abs(y1 - y0) >= AXIS_TOLERANCE_PT:
        x = (x0 + x1) / 2
        return Segment(x, min(y0, y1), x, max(y0, y1), "v", width)
    return None


def _rectangle(sub: _Subpath) -> tuple[float, float, float, float] | None:
    """The box of a subpath that is an axis-aligned rectangle of straight pieces."""
    points = sub.points[:-1] if sub.points[-1] == sub.points[0] else sub.points
    if not (sub.closed or sub.points[-1] == sub.points[0]) or len(points) != 4 or not all(sub.straight):
        return None
    x0, top, x1, bottom = box_of(points)
    corners = {(x0, top), (x1, top), (x1, bottom), (x0, bottom)}
    near = all(any(math.dist(p, c) < 0.01 for c in corners) for p in points)
    return (x0, top, x1, bottom) if near else None


def path_segments(data: str, matrix: Matrix, stroke: bool, fill: bool, line_width: float) -> list[Segment]:
    """Ruling segments a path draws, in points.

    A thin rectangle (stroked or filled) is one rule along its centre line; a
    wider rectangle gives its four edges, as pdfplumber takes a PDF rectangle's
    (a shaded cell's box is a cell's border too); a stroked line gives its
    horizontal and vertical pieces. A filled shape of other form (a seal's
    outline, a glyph drawn as a path) gives none.
    """
    if not (stroke or fill):
        return []
    out: list[Segment] = []
    for sub in subpaths(data, matrix):
        rect = _rectangle(sub)
        if rect is not None:
            x0, top, x1, bottom = rect
            w, h = x1 - x0, bottom - top
            if max(w, h) <= THIN_RECT_PT:
                continue  # a dot or a joint where rules meet
            if min(w, h) <= THIN_RECT_PT:
                if w >= h:
                    out.append(Segment(x0, (top + bottom) / 2, x1, (top + bottom) / 2, "h", h + stroke * line_width))
                else:
                    out.append(Segment((x0 + x1) / 2, top, (x0 + x1) / 2, bottom, "v", w + stroke * line_width))
                continue
            sub = _Subpath([(x0, top), (x1, top), (x1, bottom), (x0, bottom)], [True] * 3, closed=True)
        elif not stroke:
            continue
        seen: set[Segment] = set()
        for p, q in sub.pieces():
            segment = _axis_segment(p, q, line_width if stroke else 0.0)
            if segment is not None and segment not in seen:
                seen.add(segment)
                out.append(segment)
    return out
