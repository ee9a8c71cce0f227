"""Tiny PDFs written byte by byte, for text-layer cases no office suite emits
on purpose: glyphs that a ToUnicode CMap maps to radical code points, glyphs
drawn twice (fake bold), images without text, fonts with no Unicode at all.

Pages are A4 portrait; coordinates given here are pdfplumber's (top-left
origin, points), converted to PDF space when written.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

PAGE_W, PAGE_H = 595.0, 842.0


@dataclass
class Page:
    """Drawing operations for one page, in pdfplumber coordinates."""

    ops: list[str] = field(default_factory=list)

    def text(self, x: float, top: float, codes: bytes, size: float = 12.0, font: str = "F1") -> Page:
        """Show *codes* (font-encoded bytes) with the baseline one size below *top*."""
        hexed = codes.hex().upper()
        self.ops.append(f"BT /{font} {size} Tf {x:.2f} {PAGE_H - top - size:.2f} Td <{hexed}> Tj ET")
        return self

    def rotated_text(self, x: float, top: float, codes: bytes, size: float = 12.0) -> Page:
        """Show *codes* turned 90° anticlockwise, the baseline running up from (x, top)."""
        self.ops.append(f"BT /F1 {size} Tf 0 1 -1 0 {x:.2f} {PAGE_H - top:.2f} Tm <{codes.hex().upper()}> Tj ET")
        return self

    def line(self, x0: float, top: float, x1: float, bottom: float) -> Page:
        self.ops.append(f"0.5 w {x0:.2f} {PAGE_H - top:.2f} m {x1:.2f} {PAGE_H - bottom:.2f} l S")
        return self

    def grid(self, xs: list[float], tops: list[float]) -> Page:
        """A fully ruled table with the given column and row lines."""
        for top in tops:
            self.line(xs[0], top, xs[-1], top)
        for x in xs:
            self.line(x, tops[0], x, tops[-1])
        return self

    def bars(self, xs: list[float], tops: list[float], style: str, thickness: float = 0.5) -> Page:
        """A fully ruled table whose borders are thin filled rectangles, as
        office suites draw them: ``word`` with ``re f`` in PDF space, ``wps``
        as closed ``m l l l h`` paths filled under a y-flipping CTM."""
        half = thickness / 2
        boxes = [(xs[0], t - half, xs[-1], t + half) for t in tops] + \
                [(x - half, tops[0], x + half, tops[-1]) for x in xs]
        if style == "word":
            self.ops += [f"{x0:.2f} {PAGE_H - b:.2f} {x1 - x0:.2f} {b - t:.2f} re f" for x0, t, x1, b in boxes]
        else:
            self.ops.append(f"q 1 0 0 -1 0 {PAGE_H:.0f} cm")
            self.ops += [f"{x0:.2f} {t:.2f} m {x1:.2f} {t:.2f} l {x1:.2f} {b:.2f} l {x0:.2f} {b:.2f} l h f"
                         for x0, t, x1, b in boxes]
            self.ops.append("Q")
        return self

    def image(self) -> Page:
        self.ops.append(f"q {PAGE_W - 100:.0f} 0 0 {PAGE_H - 100:.0f} 50 50 cm /Im1 Do Q")
        return self


class ToUnicodeFont:
    """A standard-14 simple font whose ToUnicode CMap maps one byte code to
    any text, which is how producers end up with radicals in a text layer."""

    def __init__(self, mapping: dict[str, str], base_font: str = "Helvetica") -> None:
        self.base_font = base_font
        """A standard-14 name makes pdfminer measure glyphs by its AFM metrics
        rather than by ``/Widths``; any other name, by ``/Widths``, as pdfium does."""
        self.codes = {glyph: 0x21 + i for i, glyph in enumerate(mapping)}
        self.unicode = {self.codes[g]: text for g, text in mapping.items()}

    def encode(self, glyphs: str) -> bytes:
        """Byte codes of a string written in the mapping's glyph names (one char each)."""
        return bytes(self.codes[g] for g in glyphs)

    def cmap(self) -> bytes:
        entries = "\n".join(
            f"<{code:02X}> <{text.encode('utf-16-be').hex().upper()}>" for code, text in self.unicode.items()
        )
        return (
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
            f"{len(self.unicode)} beginbfchar\n{entries}\nendbfchar\n"
            "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
        ).encode("ascii")


def _stream(data: bytes, extra: str = "") -> bytes:
    packed = zlib.compress(data)
    return f"<< /Length {len(packed)} /Filter /FlateDecode {extra}>>\nstream\n".encode() + packed + b"\nendstream"


def build(pages: list[Page], font: ToUnicodeFont | None = None, cid_font: bool = False,
          rotate: int = 0, origin: tuple[float, float] = (0.0, 0.0)) -> bytes:
    """A complete PDF file: the pages, plus a ToUnicode font as /F1, a Type0
    font without any Unicode mapping as /F2 when *cid_font*, and a grey
    image as /Im1. *rotate* sets every page's /Rotate; *origin* moves the
    MediaBox's lower-left corner (the drawing stays where it is)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    fonts = []
    if font is not None:
        cmap = add(_stream(font.cmap()))
        widths = " ".join(["1000"] * len(font.unicode))  # full-width, like CJK glyphs
        f1 = add(
            f"<< /Type /Font /Subtype /Type1 /BaseFont /{font.base_font} /FirstChar 33"
            f" /LastChar {0x20 + len(font.unicode)} /Widths [{widths}] /ToUnicode {cmap} 0 R >>".encode()
        )
        fonts.append(f"/F1 {f1} 0 R")
    if cid_font:
        descendant = add(
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoUnicode /DW 1000"
            b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>"
        )
        f2 = add(
            f"<< /Type /Font /Subtype /Type0 /BaseFont /NoUnicode /Encoding /Identity-H"
            f" /DescendantFonts [{descendant} 0 R] >>".encode()
        )
        fonts.append(f"/F2 {f2} 0 R")
    image = add(_stream(
        bytes([128] * 4), "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 "
    ))
    resources = f"<< /Font << {' '.join(fonts)} >> /XObject << /Im1 {image} 0 R >> >>"
    pages_id = len(objects) + 2 * len(pages) + 1
    kids = []
    for page in pages:
        content = add(_stream("\n".join(page.ops).encode("ascii")))
        kids.append(add(
            f"<< /Type /Page /Parent {pages_id} 0 R /Rotate {rotate}"
            f" /MediaBox [{origin[0]:.0f} {origin[1]:.0f} {PAGE_W + origin[0]:.0f} {PAGE_H + origin[1]:.0f}]"
            f" /Resources {resources} /Contents {content} 0 R >>".encode()
        ))
    assert add(f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()) == pages_id
    root = add(f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode())

    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
