"""Write an OFD twin of a PDF fixture, from what pdfplumber sees in it.

Each PDF character becomes an OFD character at the same baseline position with
the same font name, size and colour; each ruling edge (``page.edges``) becomes
a rule; the PDF's Title/Author/Creator/CreationDate become the DocInfo. So the
OFD and the PDF show the same page, and must give the same rows.

Two styles, as real producers write them:

* ``runs``: one TextObject per run of characters on one baseline with one
  font, ``DeltaX`` compressed as ``g N d``; rules as stroked paths; all inside a
  ``PageBlock``; coordinates in millimetres.
* ``chars``: one TextObject per character, without DeltaX; rules as thin filled
  rectangles; object coordinates in points mapped to millimetres by a ``CTM``
  (as the 收文处理单 form's producer does).

Run ``python -m tests.ofdgen`` to rewrite the committed twins.

:func:`scan_to_ofd` wraps a scanned PDF's page images (tests/scans.py) into an
image-only OFD, as offices archive scans: one ``ImageObject`` per page drawing
the very JPEG the PDF holds.
"""

from __future__ import annotations

import io
import itertools
import zipfile
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape, quoteattr

import pdfplumber
import pypdfium2
import pypdfium2.raw as pdfium_c

from tests.conftest import FIXTURES, QZB, QZB_PDF

Style = Literal["runs", "chars"]
STYLES: tuple[Style, ...] = ("runs", "chars")
NS = "http://www.ofdspec.org/2016"
MM = 25.4 / 72
"""Millimetres per point."""
TWINS = FIXTURES / "ofd" / "twins"
SOURCES: dict[str, Path] = {
    **{Path(name).stem: QZB / name for name in QZB_PDF},
    **{p.stem: p for p in sorted((FIXTURES / "layouts").glob("*.pdf"))},
}


def _mm(v: float) -> str:
    return f"{v * MM:.3f}".rstrip("0").rstrip(".") or "0"


def _num(v: float) -> str:
    return f"{v:.3f}".rstrip("0").rstrip(".") or "0"


def _colour(value: object) -> str:
    components = value if isinstance(value, (tuple, list)) else (value or 0,)
    floats = [float(c) for c in components]  # type: ignore[union-attr]
    if len(floats) == 4:  # CMYK → RGB, as a viewer would show it
        c, m, y, k = floats
        floats = [(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)]
    return " ".join(str(round(f * 255)) for f in floats)


def _deltas(steps: list[str]) -> str:
    """``DeltaX`` with repeats compressed as ``g N d``."""
    out: list[str] = []
    i = 0
    while i < len(steps):
        j = i
        while j < len(steps) and steps[j] == steps[i]:
            j += 1
        out.append(f"g {j - i} {steps[i]}" if j - i > 1 else steps[i])
        i = j
    return " ".join(out)


def _runs(chars: list[dict]) -> list[list[dict]]:
    """Characters in drawing order, cut wherever font, size, colour or baseline
    changes or the pen moves back."""
    runs: list[list[dict]] = []
    for ch in chars:
        prev = runs[-1][-1] if runs else None
        if (prev is None or ch["fontname"] != prev["fontname"] or ch["size"] != prev["size"]
                or ch["non_stroking_color"] != prev["non_stroking_color"]
                or abs(ch["matrix"][5] - prev["matrix"][5]) > 0.01 or ch["x0"] < prev["x0"]):
            runs.append([ch])
        else:
            runs[-1].append(ch)
    return runs


class _Writer:
    def __init__(self, style: Style) -> None:
        self.style = style
        self.fonts: dict[str, int] = {}
        self.next_id = 1

    def id(self) -> int:
        self.next_id += 1
        return self.next_id

    def font(self, name: str) -> int:
        return self.fonts.setdefault(name, 1000 + len(self.fonts))

    def text_object(self, run: list[dict], height: float) -> str:
        first = run[0]
        baseline = height - first["matrix"][5]
        x0, top = min(c["x0"] for c in run), min(c["top"] for c in run)
        x1, bottom = max(c["x1"] for c in run), max(c["bottom"] for c in run)
        text = escape("".join(c["text"] for c in run))
        colour = f'<ofd:FillColor Value="{_colour(first["non_stroking_color"])}"/>'
        if self.style == "chars":  # object space in points, a CTM to millimetres
            return (f'<ofd:TextObject ID="{self.id()}" Boundary="{_mm(x0)} {_mm(top)} {_mm(x1 - x0)} {_mm(bottom - top)}"'
                    f' CTM="{MM:.6f} 0 0 {MM:.6f} 0 0" Font="{self.font(first["fontname"])}" Size="{_num(first["size"])}">'
                    f'{colour}<ofd:TextCode X="{_num(first["x0"] - x0)}" Y="{_num(baseline - top)}">{text}</ofd:TextCode>'
                    "</ofd:TextObject>")
        steps = [_mm(b["x0"] - a["x0"]) for a, b in itertools.pairwise(run)]
        delta = f' DeltaX="{_deltas(steps)}"' if steps else ""
        return (f'<ofd:TextObject ID="{self.id()}" Boundary="{_mm(x0)} {_mm(top)} {_mm(x1 - x0)} {_mm(bottom - top)}"'
                f' Font="{self.font(first["fontname"])}" Size="{_mm(first["size"])}">{colour}'
                f'<ofd:TextCode X="{_mm(first["x0"] - x0)}" Y="{_mm(baseline - top)}"{delta}>{text}</ofd:TextCode>'
                "</ofd:TextObject>")

    def rule(self, edge: dict) -> str:
        width = float(edge.get("linewidth") or 0.5)
        horizontal = edge["orientation"] == "h"
        length = (edge["x1"] - edge["x0"]) if horizontal else (edge["bottom"] - edge["top"])
        x, y = (edge["x0"], edge["top"] - width / 2) if horizontal else (edge["x0"] - width / 2, edge["top"])
        w, h = (length, width) if horizontal else (width, length)
        box = f'Boundary="{_mm(x)} {_mm(y)} {_mm(w)} {_mm(h)}"'
        if self.style == "chars":
            data = f"M 0 0 L {_mm(w)} 0 L {_mm(w)} {_mm(h)} L 0 {_mm(h)} C"
            return (f'<ofd:PathObject ID="{self.id()}" {box} Stroke="false" Fill="true">'
                    f'<ofd:FillColor Value="0 0 0"/><ofd:AbbreviatedData>{data}</ofd:AbbreviatedData></ofd:PathObject>')
        data = f"M 0 {_mm(h / 2)} L {_mm(w)} {_mm(h / 2)}" if horizontal else f"M {_mm(w / 2)} 0 L {_mm(w / 2)} {_mm(h)}"
        return (f'<ofd:PathObject ID="{self.id()}" {box} LineWidth="{_mm(width)}">'
                f'<ofd:StrokeColor Value="0 0 0"/><ofd:AbbreviatedData>{data}</ofd:AbbreviatedData></ofd:PathObject>')

    def page(self, page: pdfplumber.page.Page) -> str:
        height = float(page.height)
        chars = page.chars if self.style == "runs" else [[c] for c in page.chars]
        runs = _runs(chars) if self.style == "runs" else chars  # type: ignore[arg-type]
        body = "".join(self.text_object(run, height) for run in runs)  # type: ignore[arg-type]
        body += "".join(self.rule(e) for e in page.edges)
        if self.style == "runs":
            body = f'<ofd:PageBlock ID="{self.id()}">{body}</ofd:PageBlock>'
        return page_xml(body, area=f"0 0 {_mm(float(page.width))} {_mm(height)}")


def _doc_info(metadata: dict) -> str:
    fields = [("Title", "Title"), ("Author", "Author"), ("CreationDate", "CreationDate"), ("Creator", "Creator")]
    out = ""
    for ofd_name, pdf_name in fields:
        value = metadata.get(pdf_name)
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        if value and pdf_name == "CreationDate":  # D:20261126052830Z' → 2026-11-26
            value = f"{value[2:6]}-{value[6:8]}-{value[8:10]}"
        if value:
            out += f"<ofd:{ofd_name}>{escape(str(value))}</ofd:{ofd_name}>"
    return f"<ofd:DocInfo><ofd:DocID>{'0' * 32}</ofd:DocID>{out}</ofd:DocInfo>"


def pdf_to_ofd(pdf_bytes: bytes, style: Style) -> bytes:
    """The OFD twin of a PDF, deterministic byte for byte."""
    writer = _Writer(style)
    pages: list[str] = []
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        info = _doc_info(pdf.metadata)
        first = pdf.pages[0]
        area = f"0 0 {_mm(float(first.width))} {_mm(float(first.height))}"
        for page in pdf.pages:
            pages.append(writer.page(page))
            page.close()
    return build_ofd(pages, writer.fonts, info=info, page_area=area)


HEAD = '<?xml version="1.0" encoding="UTF-8"?>'


def page_xml(layer: str, area: str | None = None, extra: str = "") -> str:
    """A page's Content.xml with one layer holding *layer* (objects' XML)."""
    box = f"<ofd:Area><ofd:PhysicalBox>{area}</ofd:PhysicalBox></ofd:Area>" if area else ""
    return (f'{HEAD}<ofd:Page xmlns:ofd="{NS}">{box}{extra}'
            f'<ofd:Content><ofd:Layer ID="1">{layer}</ofd:Layer></ofd:Content></ofd:Page>')


def build_ofd(pages: list[str], fonts: dict[str, int], *, info: str = "", page_area: str = "0 0 210 297",
              common_extra: str = "", body_extra: str = "", doc_extra: str = "",
              extra_parts: dict[str, str | bytes] | None = None, base_locs: list[str] | None = None) -> bytes:
    """An OFD package: OFD.xml → Doc_0/Document.xml → Doc_0/Pages/Page_N/Content.xml,
    fonts in Doc_0/PublicRes.xml; the ``*_extra`` strings go into DocBody,
    CommonData and Document as they are; *base_locs* replaces the pages' BaseLoc
    references (the parts stay where they are)."""
    parts: dict[str, str | bytes] = {
        f"Doc_0/Pages/Page_{n}/Content.xml": content for n, content in enumerate(pages)}
    locs = base_locs or [f"Pages/Page_{n}/Content.xml" for n in range(len(pages))]
    refs = "".join(f'<ofd:Page ID="{n + 1}" BaseLoc={quoteattr(loc)}/>' for n, loc in enumerate(locs))
    font_xml = "".join(f'<ofd:Font ID="{fid}" FontName={quoteattr(name)}/>' for name, fid in fonts.items())
    parts["OFD.xml"] = (f'{HEAD}<ofd:OFD xmlns:ofd="{NS}" Version="1.1" DocType="OFD"><ofd:DocBody>{info}'
                        f"<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>{body_extra}</ofd:DocBody></ofd:OFD>")
    parts["Doc_0/Document.xml"] = (
        f'{HEAD}<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData><ofd:MaxUnitID>1</ofd:MaxUnitID>'
        f"<ofd:PageArea><ofd:PhysicalBox>{page_area}</ofd:PhysicalBox></ofd:PageArea>"
        f"<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>{common_extra}</ofd:CommonData>"
        f"<ofd:Pages>{refs}</ofd:Pages>{doc_extra}</ofd:Document>")
    parts["Doc_0/PublicRes.xml"] = f'{HEAD}<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>{font_xml}</ofd:Fonts></ofd:Res>'
    parts.update(extra_parts or {})
    return zip_parts(parts)


def zip_parts(parts: dict[str, str | bytes]) -> bytes:
    """A deterministic zip of *parts* (fixed timestamps, OFD.xml first)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(parts, key=lambda n: (n != "OFD.xml", n)):
            data = parts[name]
            z.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)),
                       data.encode() if isinstance(data, str) else data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def renamed(ofd: bytes, names: dict[str, str]) -> bytes:
    """*ofd* with the parts named in *names* stored under other names (another
    letter case, backslashes), while its XML still names them as before."""
    with zipfile.ZipFile(io.BytesIO(ofd)) as z:
        parts: dict[str, str | bytes] = {names.get(n, n): z.read(n) for n in z.namelist()}
    return zip_parts(parts)


def composite_res(units: dict[int, str]) -> str:
    """A DocumentRes part of CompositeGraphicUnits: ID → the objects' XML of its Content."""
    xml = "".join(f'<ofd:CompositeGraphicUnit ID="{uid}" Width="100" Height="100"><ofd:Content>{content}'
                  "</ofd:Content></ofd:CompositeGraphicUnit>" for uid, content in units.items())
    return f'{HEAD}<ofd:Res xmlns:ofd="{NS}"><ofd:CompositeGraphicUnits>{xml}</ofd:CompositeGraphicUnits></ofd:Res>'


def image_page_xml(resource: int, width_mm: float, height_mm: float) -> str:
    """A page of one image over the whole page (its unit square scaled by the CTM)."""
    size = f"{width_mm:.4f} {height_mm:.4f}"
    return page_xml(f'<ofd:ImageObject ID="{resource + 1}" Boundary="0 0 {size}" CTM="{width_mm:.4f} 0 0 '
                    f'{height_mm:.4f} 0 0" ResourceID="{resource}"/>', area=f"0 0 {size}")


def media_res(files: dict[int, str]) -> str:
    """A DocumentRes part naming image files (MultiMedia ID → MediaFile, relative to ``Res/``)."""
    media = "".join(f'<ofd:MultiMedia ID="{mid}" Type="Image" Format="JPEG"><ofd:MediaFile>{escape(name)}'
                    "</ofd:MediaFile></ofd:MultiMedia>" for mid, name in files.items())
    return f'{HEAD}<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:MultiMedias>{media}</ofd:MultiMedias></ofd:Res>'


def scan_to_ofd(scanned_pdf: bytes) -> bytes:
    """An image-only OFD of a scanned PDF: each page the same size, showing the
    same JPEG bytes (taken from the PDF undecoded) over the whole page."""
    pages, parts, files = [], {}, {}
    pdf = pypdfium2.PdfDocument(scanned_pdf)
    try:
        for n, page in enumerate(pdf):
            [image] = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])
            assert image.get_filters() == ["DCTDecode"], "a page of tests/scans.py is one JPEG"
            resource = 100 + 2 * n
            files[resource] = f"image_{n}.jpg"
            parts[f"Doc_0/Res/image_{n}.jpg"] = bytes(image.get_data(decode_simple=False))
            width, height = page.get_size()
            pages.append(image_page_xml(resource, width * MM, height * MM))
            page.close()
    finally:
        pdf.close()
    parts["Doc_0/DocumentRes.xml"] = media_res(files)
    return build_ofd(pages, {}, common_extra="<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>", extra_parts=parts)


def real_ofd(name: str) -> bytes:
    """One of the OFD files from other producers (ofdrw's test resources;
    tests/fixtures/ofd/README.md says which)."""
    return (FIXTURES / "ofd" / f"{name}.ofd").read_bytes()


def twin_path(name: str, style: Style) -> Path:
    return TWINS / f"{name}.{style}.ofd"


def main() -> None:
    TWINS.mkdir(parents=True, exist_ok=True)
    for name, source in SOURCES.items():
        for style in STYLES:
            twin_path(name, style).write_bytes(pdf_to_ofd(source.read_bytes(), style))
            print("wrote", twin_path(name, style))


if __name__ == "__main__":
    main()
