"""One OFD page → :class:`PageLayout`: its template pages and its own layers,
walked object by object.

What is read: ``TextObject`` (glyphs), ``PathObject`` (ruling segments),
``ImageObject`` (its box, and which image file it draws, for OCR),
``PageBlock`` (a group: walked through), ``CompositeObject`` (the objects of
the ``CompositeGraphicUnit`` it names, drawn through its ``CTM`` into its
``Boundary``, as viewers draw them), the page's ``Template`` references
with their ``ZOrder`` and its layers' ``Type`` (drawing order), page-level
``PageRes``. What is not: clips, shadings and patterns, actions; objects
marked ``Visible="false"``, which nobody sees.

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
from extractors.ofd.package import OfdDocument, OfdPackage, PageRef, page_box
from extractors.ofd.resources import DEFAULT_LINE_WIDTH_MM, Resources
from extractors.ofd.text import text_glyphs
from extractors.ofd.xml import flag, kid, kids, local, number, numbers

MAX_BLOCK_DEPTH = 32
"""PageBlocks and CompositeObjects nest; deeper than this is a hostile file,
not a layout."""

MAX_UNIT_OBJECTS = 100_000
"""Objects a page may draw through CompositeObjects. A unit may draw other
units, each several times, so a few kilobytes of XML could otherwise draw
billions of objects (the billion-laughs attack, in graphics); real pages draw
a few hundred so (one text object each)."""


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
    unit_objects: int = 0
    """Objects drawn so far through CompositeObjects."""


@dataclass
class OfdPage:
    layout: PageLayout
    images: list[PlacedImage]
    """The images of :attr:`layout`'s ``images`` boxes, in drawing order."""
    warnings: list[str]
    """What the page is drawn without (a resource part or template the package lacks)."""


def template_uses(pkg: OfdPackage, pages: list[PageRef]) -> tuple[dict[str, etree._Element], Counter[str]]:
    """Each page's parsed XML, and on how many pages each template is drawn."""
    parsed = {ref.content: pkg.xml(ref.content) for ref in pages}
    uses: Counter[str] = Counter()
    for page in parsed.values():
        uses.update({t.get("TemplateID", "") for t in kids(page, "Template")})
    return parsed, uses


def read_page(pkg: OfdPackage, doc: OfdDocument, ref: PageRef, page: etree._Element, uses: Counter[str]) -> OfdPage:
    x, y, width, height = page_box(page, doc.page_area)
    to_page = translate(-x, -y).then(scale(PT_PER_MM))
    warnings: list[str] = []
    resources = doc.resources.copy()
    for res in kids(page, "PageRes"):
        if res.text and res.text.strip():
            pkg.add_resources(resources, ref.content, res.text, warnings)
    drawn = _Drawn()
    for layer, with_text in _layers_in_order(pkg, doc, ref, page, uses, warnings):
        _walk(layer, to_page, resources, drawn, with_text, 0, ())
    layout = PageLayout(number=ref.number, width=width * PT_PER_MM, height=height * PT_PER_MM,
                        glyphs=drawn.glyphs, segments=drawn.segments, images=[i.box for i in drawn.images])
    return OfdPage(layout, drawn.images, warnings)


_Z_ORDER = {"background": 0, "body": 1, "foreground": 2}
"""Drawing order of ``ZOrder`` (a template's) and ``Type`` (a layer's) values."""
BACKGROUND, BODY = _Z_ORDER["background"], _Z_ORDER["body"]


def _z(value: str | None, default: int) -> int:
    return _Z_ORDER.get((value or "").strip().casefold(), default)


def _layers_in_order(pkg: OfdPackage, doc: OfdDocument, ref: PageRef, page: etree._Element, uses: Counter[str],
                     warnings: list[str]) -> list[tuple[etree._Element, bool]]:
    """The page's layers and its templates', in drawing order, each with
    whether its text is read: background, then body, then foreground; at
    each level templates before the page's own layers. A template's level is
    the page's ``ZOrder`` for it, else its ``TemplatePage``'s, else
    background; a layer's is its ``Type``, else body."""
    layers: list[tuple[int, etree._Element, bool]] = []
    for template in kids(page, "Template"):
        tid = template.get("TemplateID", "")
        declared = doc.templates.get(tid)
        if declared is None:
            warnings.append(f"page {ref.number} uses template {tid!r}, which the document does not declare:"
                            " drawn without it")
            continue
        if declared.path is None:
            continue  # missing from the package: warned once for the document
        z = _z(template.get("ZOrder"), _z(declared.z_order, BACKGROUND))
        layers += [(z, layer, uses[tid] <= 1) for layer in _layers(pkg.xml(declared.path))]
    layers += [(_z(layer.get("Type"), BODY), layer, True) for layer in _layers(page)]
    return [(layer, with_text) for _, layer, with_text in sorted(layers, key=lambda item: item[0])]


def _layers(page: etree._Element) -> list[etree._Element]:
    content = kid(page, "Content")
    return list(kids(content, "Layer")) if content is not None else []


def _walk(container: etree._Element, parent: Matrix, res: Resources, drawn: _Drawn, with_text: bool,
          depth: int, units: tuple[str, ...]) -> None:
    """Draw *container*'s objects through *parent*; *units* are the composite
    graphic units being drawn, outermost first."""
    if depth > MAX_BLOCK_DEPTH:
        raise ExtractionError("corrupt_ofd", f"PageBlocks and CompositeObjects nested deeper than {MAX_BLOCK_DEPTH}")
    for el in container:
        if units:
            drawn.unit_objects += 1
            if drawn.unit_objects > MAX_UNIT_OBJECTS:
                raise ExtractionError("zip_bomb", f"CompositeObjects draw more than {MAX_UNIT_OBJECTS:,} objects"
                                      " on one page (units drawing units over and over); refused")
        name = local(el)
        if name == "PageBlock":
            _walk(el, parent, res, drawn, with_text, depth + 1, units)
            continue
        if name not in _DRAWN or not flag(el, "Visible", True):
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
        elif name == "CompositeObject":
            unit = el.get("ResourceID", "").strip()
            if unit in units:
                raise ExtractionError("corrupt_ofd", f"CompositeGraphicUnit {unit} draws itself")
            content = res.composites.get(unit)
            if content is not None:  # an unknown unit draws nothing, in viewers too
                _walk(content, ctm.then(to_page), res, drawn, with_text, depth + 1, (*units, unit))
        else:
            matrix = ctm.then(to_page)
            resource = el.get("ResourceID", "")
            drawn.images.append(PlacedImage(
                box_of([matrix.apply(u, v) for u in (0.0, 1.0) for v in (0.0, 1.0)]), res.media.get(resource),
                f"ImageObject {el.get('ID')} (ResourceID {resource!r})"))


_DRAWN = frozenset({"TextObject", "PathObject", "ImageObject", "CompositeObject"})
