"""An OFD package (GB/T 33190-2016): a zip of XML parts, opened through
:mod:`extractors.safezip`'s guards, and resolved down to its pages.

``OFD.xml`` → ``DocBody`` (``DocInfo``, ``DocRoot``, ``Signatures``) →
``Document.xml`` (``CommonData``: ``PageArea``, ``PublicRes``/``DocumentRes``,
``TemplatePage``; ``Pages``; ``Annotations``) → one ``Content.xml`` per page.
Every reference (``DocRoot``, ``BaseLoc``, resource files) is a path inside
the zip, relative to the part that names it or absolute from the package root;
one that leaves the package is refused as ``hostile_path``.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from lxml import etree

from extractors.model import ExtractionError
from extractors.ofd.xml import kid, kid_text, kids, numbers
from extractors.safezip import SafeZip

A4_MM = (210.0, 297.0)
"""Page size when neither the page nor the document names one (the
standard's own default page is A4)."""

DEFAULT_LINE_WIDTH_MM = 0.353
"""The standard's default stroke width (1 pt)."""


@dataclass(frozen=True)
class DocInfo:
    """The package's own description of the document (``DocBody/DocInfo``)."""

    title: str | None = None
    author: str | None = None
    creation_date: str | None = None
    creator: str | None = None


@dataclass(frozen=True)
class PageRef:
    number: int
    """1-based, in the order of ``Pages``."""
    content: str
    """Zip path of the page's Content.xml."""


@dataclass
class Resources:
    """What page objects refer to by ID: font names, drawing parameters and
    raster images."""

    fonts: dict[str, str] = field(default_factory=dict)
    line_widths: dict[str, float] = field(default_factory=dict)
    """DrawParam ID → its LineWidth in mm, inherited through ``Relative``."""
    media: dict[str, str] = field(default_factory=dict)
    """MultiMedia ID → zip path of its ``MediaFile`` (an image a page's
    ``ImageObject`` draws: the scan of a scanned page). Resolved, not read:
    only a page that OCR reads needs the bytes."""

    def copy(self) -> Resources:
        return Resources(dict(self.fonts), dict(self.line_widths), dict(self.media))

    def add(self, res: etree._Element, path: str) -> None:
        """The resources of the part *path* (a ``Res`` root). Its files are
        named relative to its ``BaseLoc`` folder, itself relative to the part."""
        base_loc = (res.get("BaseLoc") or "").strip().rstrip("/\\")
        base = resolve(path, f"{base_loc}/_") if base_loc else path
        for group in kids(res, "MultiMedias"):
            for media in kids(group, "MultiMedia"):
                file = kid_text(media, "MediaFile")
                if file is not None:
                    self.media[media.get("ID", "")] = resolve(base, file)
        for fonts in kids(res, "Fonts"):
            for font in kids(fonts, "Font"):
                self.fonts[font.get("ID", "")] = font.get("FontName") or font.get("FamilyName") or ""
        params = [p for group in kids(res, "DrawParams") for p in kids(group, "DrawParam")]
        own = {p.get("ID", ""): p for p in params}
        for pid in own:
            width, seen, current = None, set(), own.get(pid)
            while current is not None and width is None and current.get("ID") not in seen:
                seen.add(current.get("ID"))
                width = current.get("LineWidth")
                current = own.get(current.get("Relative", ""))
            self.line_widths[pid] = float(width) if width else DEFAULT_LINE_WIDTH_MM


@dataclass
class OfdDocument:
    """One document of the package, resolved to what the page reader needs."""

    info: DocInfo
    pages: list[PageRef]
    page_area: tuple[float, float, float, float]
    """Default PhysicalBox (x, y, width, height) in mm."""
    templates: dict[str, str]
    """TemplatePage ID → zip path of its content."""
    resources: Resources
    warnings: list[str]


def resolve(base: str, ref: str) -> str:
    """Zip path of *ref* named in the part *base*; refused if it leaves the package."""
    ref = ref.strip().replace("\\", "/")
    if ref.startswith("/"):
        path = posixpath.normpath(ref.lstrip("/"))
    else:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(base), ref))
    if path == ".." or path.startswith("../") or (len(ref) > 1 and ref[1] == ":"):
        raise ExtractionError("hostile_path", f"{base} refers to {ref!r}, outside the package; refused")
    return path


class OfdPackage(SafeZip):
    """An opened OFD zip."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data, "corrupt_ofd", "OFD")
        if not self.has("OFD.xml"):
            raise ExtractionError("corrupt_ofd", "zip archive has no OFD.xml: not an OFD package")

    def part(self, base: str, ref: str) -> etree._Element:
        """The XML part *base* refers to as *ref*."""
        path = resolve(base, ref)
        if not self.has(path):
            raise ExtractionError("corrupt_ofd", f"{base} refers to {ref!r}, which the package does not hold")
        return self.xml(path)

    def media(self, path: str) -> bytes:
        """The bytes of a resource file (an image), through the zip guards.
        Names are matched without regard to case when no name matches exactly:
        packages written on Windows name ``Doc_0/Res`` as ``DOC_0/Res`` in the
        zip and ``Doc_0`` in their XML (one such is in ofdrw's test files)."""
        if not self.has(path):
            folded = [n for n in self.names if n.lower() == path.lower()]
            if len(folded) != 1:
                raise ExtractionError("corrupt_ofd", f"resource file {path} is not in the package")
            path = folded[0]
        return self.read(path)

    def document(self) -> OfdDocument:
        """The first document of the package (a package may hold several)."""
        root = self.xml("OFD.xml")
        bodies = list(kids(root, "DocBody"))
        if not bodies:
            raise ExtractionError("corrupt_ofd", "OFD.xml has no DocBody")
        if any(n.rpartition("/")[2].lower() == "encryptions.xml" for n in self.names) or any(
            kid(b, "Encryptions") is not None for b in bodies
        ):
            raise ExtractionError("encrypted", "the OFD package is encrypted (Encryptions.xml)")
        body = bodies[0]
        doc_root = kid_text(body, "DocRoot")
        if doc_root is None:
            raise ExtractionError("corrupt_ofd", "DocBody has no DocRoot")
        doc_path = resolve("OFD.xml", doc_root)
        doc = self.part("OFD.xml", doc_root)
        warnings = []
        if len(bodies) > 1:
            warnings.append(f"OFD package holds {len(bodies)} documents; only the first was read")
        warnings += self._ignored(body, doc, doc_path)
        common = kid(doc, "CommonData")
        resources, templates = Resources(), {}
        area: list[float] = []
        if common is not None:
            page_area = kid(common, "PageArea")
            if page_area is not None:
                area = numbers(kid_text(page_area, "PhysicalBox"), "PageArea PhysicalBox")
            for name in ("PublicRes", "DocumentRes"):
                for res in kids(common, name):
                    if res.text and res.text.strip():
                        resources.add(self.part(doc_path, res.text), resolve(doc_path, res.text))
            templates = {t.get("ID", ""): resolve(doc_path, t.get("BaseLoc", "")) for t in kids(common, "TemplatePage")}
        pages_el = kid(doc, "Pages")
        refs = [p.get("BaseLoc") for p in (kids(pages_el, "Page") if pages_el is not None else ())]
        if not refs or not all(refs):
            raise ExtractionError("corrupt_ofd", f"{doc_path} lists no pages (or a page without BaseLoc)")
        pages = [PageRef(i, resolve(doc_path, ref or "")) for i, ref in enumerate(refs, 1)]
        x, y, w, h = area if len(area) == 4 else (0.0, 0.0, *A4_MM)
        return OfdDocument(
            info=_doc_info(body), pages=pages, page_area=(x, y, w, h), templates=templates,
            resources=resources, warnings=warnings,
        )

    def _ignored(self, body: etree._Element, doc: etree._Element, doc_path: str) -> list[str]:
        """Warnings for what the package holds and the reader leaves out:
        electronic seals and signatures, and annotations (stamps, comments)."""
        warnings = []
        signatures = kid_text(body, "Signatures")
        if signatures is not None:
            path = resolve("OFD.xml", signatures)
            count = len(list(kids(self.xml(path), "Signature"))) if self.has(path) else 0
            warnings.append(f"OFD carries {count or 'an'} electronic seal/signature"
                            f"{'s' if count > 1 else ''} (Signs/): not text, not read")
        annotations = kid_text(doc, "Annotations")
        if annotations is not None:
            path = resolve(doc_path, annotations)
            count = 0
            if self.has(path):
                for page in kids(self.xml(path), "Page"):
                    loc = kid_text(page, "FileLoc")
                    annot_path = resolve(path, loc) if loc else ""
                    count += len(list(kids(self.xml(annot_path), "Annot"))) if self.has(annot_path) else 0
            warnings.append(f"OFD carries {count} annotation{'s' if count != 1 else ''} (stamps, comments):"
                            " not part of the page text, not read")
        return warnings


def _doc_info(body: etree._Element) -> DocInfo:
    info = kid(body, "DocInfo")
    if info is None:
        return DocInfo()
    return DocInfo(title=kid_text(info, "Title"), author=kid_text(info, "Author"),
                   creation_date=kid_text(info, "CreationDate"), creator=kid_text(info, "Creator"))


def page_box(page: etree._Element, default: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The page's PhysicalBox (x, y, width, height) in mm: its own Area, else the document's."""
    area = kid(page, "Area")
    if area is not None:
        box = numbers(kid_text(area, "PhysicalBox"), "page PhysicalBox")
        if len(box) == 4:
            return box[0], box[1], box[2], box[3]
    return default

