"""One OFD page → :class:`PageLayout`: its template pages and its own layers,
walked object by object.

What is read: ``TextObject`` (glyphs), ``PathObject`` (ruling segments),
``ImageObject`` (its box, and which image file it draws, for OCR),
``PageBlock`` (a group: walked through), the
page's ``Template`` references with their ``ZOrder``, page-level ``PageRes``.
What is not: ``CompositeObject`` (vector stamps, logos), clips, shadings and
patterns, actions; objects marked ``Visible="false"``, which nobody sees.

A template page drawn on more than one page is page furniture (a running
header or footer): its rules are kept, its text is not, so that a header
repeated on every page does not become a paragraph per page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from extractors.layout.page import BBox, Glyph, PageLayout, Segment
from extractors.model import ExtractionError
from extractors.ofd.geometry import PT_PER_MM, Matrix, box_of, path_segments, scale, translate
from extractors.ofd.package import DEFAULT_LINE_WIDTH_MM, OfdDocument, OfdPackage, PageRef, Resources, page_box, resolve
from extractors.ofd.text import text_glyphs
from extractors.ofd.xml import flag, kid, kids, local, number, numbers

MAX_BLOCK_DEPTH = 32
"""PageBlocks nest; deeper than this is a hostile file, not a layout."""


@dataclass(frozen=True)
class PlacedImage:
    """A raster image drawn on a page: what OCR composes a scanned page from."""

    box: BBox
    """Where it lands on the page, in points: its unit square through its
    ``CTM`` into its ``Boundary``, then onto the page (the box of the
    corners: a rotated or mirrored image is drawn upright)."""
    media: str | None
    """Zip path of its image file; None when its ``ResourceID`` names no
    ``MultiMedia`` of the page's or the document's resources."""
    name: str
    """Which object it is, for messages."""


@dataclass
class _Drawn:
    glyphs: list[Glyph] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    images: list[PlacedImage] = field(default_factory=list)


@dataclass
class OfdPage:
    layout: PageLayout
    images: list[PlacedImage]
    """The images of :attr:`layout`'s ``images`` boxes, in drawing order."""


def template_uses(pkg: OfdPackage, pages: list[PageRef]) -> tuple[dict[str, etree._Element], Counter[str]]:
    """Each page's parsed XML, and on how many pages each template is drawn."""
    parsed = {ref.content: pkg.xml(_existing(pkg, ref.content)) for ref in pages}
    uses: Counter[str] = Counter()
    for page in parsed.values():
        uses.update({t.get("TemplateID", "") for t in kids(page, "Template")})
    return parsed, uses


def _existing(pkg: OfdPackage, path: str) -> str:
    if not pkg.has(path):
        raise ExtractionError("corrupt_ofd", f"page part {path} is listed but not in the package")
    return path


def read_page(pkg: OfdPackage, doc: OfdDocument, ref: PageRef, page: etree._Element, uses: Counter[str]) -> OfdPage:
    x, y, width, height = page_box(page, doc.page_area)
    to_page = translate(-x, -y).then(scale(PT_PER_MM))
    resources = doc.resources.copy()
    for res in kids(page, "PageRes"):
        if res.text and res.text.strip():
            resources.add(pkg.part(ref.content, res.text), resolve(ref.content, res.text))
    drawn = _Drawn()
    templates = list(kids(page, "Template"))
    layers: list[tuple[etree._Element, bool]] = []
    for z_order in ("Background", None, "Foreground"):
        if z_order is None:
            layers += [(layer, True) for layer in _layers(page)]
            continue
        for template in templates:
            if (template.get("ZOrder") or "Background") == z_order:
                tid = template.get("TemplateID", "")
                path = doc.templates.get(tid)
                if path is None or not pkg.has(path):
                    raise ExtractionError(
                        "corrupt_ofd", f"page {ref.number} uses template {tid!r}, which the document does not hold")
                layers += [(layer, uses[tid] <= 1) for layer in _layers(pkg.xml(path))]
    for layer, with_text in layers:
        _walk(layer, to_page, resources, drawn, with_text, 0)
    layout = PageLayout(number=ref.number, width=width * PT_PER_MM, height=height * PT_PER_MM,
                        glyphs=drawn.glyphs, segments=drawn.segments, images=[i.box for i in drawn.images])
    return OfdPage(layout, drawn.images)


def _layers(page: etree._Element) -> list[etree._Element]:
    content = kid(page, "Content")
    return list(kids(content, "Layer")) if content is not None else []


def _walk(container: etree._Element, parent: Matrix, res: Resources, drawn: _Drawn, with_text: bool,
          depth: int) -> None:
    if depth > MAX_BLOCK_DEPTH:
        raise ExtractionError("corrupt_ofd", f"PageBlocks nested deeper than {MAX_BLOCK_DEPTH}")
    for el in container:
        name = local(el)
        if name == "PageBlock":
            _walk(el, parent, res, drawn, with_text, depth + 1)
            continue
        if name not in ("TextObject", "PathObject", "ImageObject") or not flag(el, "Visible", True):
            continue
        box = numbers(el.get("Boundary"), f"{name} Boundary")
        if len(box) != 4:
            raise ExtractionError("corrupt_ofd", f"{name} {el.get('ID')} has no Boundary of four numbers")
        ctm = Matrix.parse(el.get("CTM"))
        to_page = translate(box[0], box[1]).then(parent)
        if name == "TextObject":
            if with_text:
                drawn.glyphs += text_glyphs(el, ctm, box[2], to_page, res.fonts)
        elif name == "PathObject":
            data = kid(el, "AbbreviatedData")
            if data is not None and data.text:
                width_mm = number(el, "LineWidth", res.line_widths.get(el.get("DrawParam", ""), DEFAULT_LINE_WIDTH_MM))
                matrix = ctm.then(to_page)
                drawn.segments += path_segments(
                    data.text, matrix, stroke=flag(el, "Stroke", True), fill=flag(el, "Fill", False),
                    line_width=width_mm * ctm.x_scale * PT_PER_MM,
                )
        else:
            matrix = ctm.then(to_page)
            resource = el.get("ResourceID", "")
            drawn.images.append(PlacedImage(
                box_of([matrix.apply(u, v) for u in (0.0, 1.0) for v in (0.0, 1.0)]), res.media.get(resource),
                f"ImageObject {el.get('ID')} (ResourceID {resource!r})"))
