"""An OFD package (GB/T 33190-2016): a zip of XML parts, opened through
:mod:`extractors.safezip`'s guards, and resolved down to its pages.

``OFD.xml`` → ``DocBody`` (``DocInfo``, ``DocRoot``, ``Signatures``) →
``Document.xml`` (``CommonData``: ``PageArea``, ``PublicRes``/``DocumentRes``,
``TemplatePage``; ``Pages``; ``Annotations``) → one ``Content.xml`` per page.
Every reference is found by :mod:`.parts`' one rule (the standard's reading,
then the tolerance viewers show); one that leaves the package is refused as
``hostile_path``.

What a viewer draws without is read without, with a warning: a resource part
(fonts, images and graphics then unknown) or a template page the package does
not hold. A missing ``DocRoot`` or page content is ``corrupt_ofd``: there is no
document or no page to read.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from extractors.model import ExtractionError
from extractors.ofd.parts import PartNames, resolve
from extractors.ofd.resources import Resources
from extractors.ofd.xml import kid, kid_text, kids, numbers
from extractors.safezip import SafeZip

A4_MM = (210.0, 297.0)
"""Page size when neither the page nor the document names one (the
standard's own default page is A4)."""


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


@dataclass(frozen=True)
class TemplateRef:
    """A ``TemplatePage`` of the document."""

    path: str | None
    """Zip path of its content; None when the package does not hold it."""
    z_order: str | None
    """Its own ``ZOrder``: where it is drawn when the page's ``Template``
    reference does not say."""


@dataclass
class OfdDocument:
    """One document of the package, resolved to what the page reader needs."""

    info: DocInfo
    pages: list[PageRef]
    page_area: tuple[float, float, float, float]
    """Default PhysicalBox (x, y, width, height) in mm."""
    templates: dict[str, TemplateRef]
    """TemplatePage ID → where its content is."""
    resources: Resources
    warnings: list[str]


class OfdPackage(SafeZip):
    """An opened OFD zip."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data, "corrupt_ofd", "OFD")
        self.parts = PartNames(self.names)
        root = self.parts.find("OFD.xml")
        if root is None:
            raise ExtractionError("corrupt_ofd", "zip archive has no OFD.xml: not an OFD package")
        self.root = root

    def locate(self, base: str, ref: str) -> str | None:
        """The part *base* names as *ref* (:meth:`PartNames.locate`)."""
        return self.parts.locate(base, ref)

    def part(self, base: str, ref: str, what: str) -> tuple[str, etree._Element]:
        """Path and XML of the part *base* names as *ref*, which must exist (*what* it is, for the message)."""
        path = self.locate(base, ref)
        if path is None:
            raise ExtractionError(
                "corrupt_ofd", f"{base} names {what} {ref!r} ({resolve(base, ref)}), which the package does not hold")
        return path, self.xml(path)

    def add_resources(self, resources: Resources, base: str, ref: str, warnings: list[str]) -> None:
        """Add the resource part *base* names as *ref* to *resources*; a
        missing one is read without (viewers draw such files with substitute
        fonts), and said in *warnings*."""
        path = self.locate(base, ref)
        if path is None:
            warnings.append(f"{base} names the resource part {ref.strip()!r}, which the package does not hold:"
                            " read without its fonts, images and graphics")
            return
        resources.add(self.xml(path), path, self.parts)

    def media(self, path: str) -> bytes:
        """The bytes of a resource file (an image, located by :class:`Resources`), through the zip guards."""
        if not self.has(path):
            raise ExtractionError("corrupt_ofd", f"resource file {path} is not in the package")
        return self.read(path)

    def document(self) -> OfdDocument:
        """The first document of the package (a package may hold several)."""
        root = self.xml(self.root)
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
        doc_path, doc = self.part(self.root, doc_root, "the document")
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
                        self.add_resources(resources, doc_path, res.text, warnings)
            for t in kids(common, "TemplatePage"):
                path = self.locate(doc_path, t.get("BaseLoc", ""))
                if path is None:
                    warnings.append(f"{doc_path} names the template page {t.get('BaseLoc', '')!r}, which the"
                                    " package does not hold: pages drawn without it")
                templates[t.get("ID", "")] = TemplateRef(path, t.get("ZOrder"))
        pages_el = kid(doc, "Pages")
        refs = [p.get("BaseLoc") for p in (kids(pages_el, "Page") if pages_el is not None else ())]
        if not refs or not all(refs):
            raise ExtractionError("corrupt_ofd", f"{doc_path} lists no pages (or a page without BaseLoc)")
        pages = [PageRef(i, self.part(doc_path, ref or "", f"page {i}")[0]) for i, ref in enumerate(refs, 1)]
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
            path = self.locate(self.root, signatures)
            count = len(list(kids(self.xml(path), "Signature"))) if path else 0
            warnings.append(f"OFD carries {count or 'an'} electronic seal/signature"
                            f"{'s' if count > 1 else ''} (Signs/): not text, not read")
        annotations = kid_text(doc, "Annotations")
        if annotations is not None:
            path = self.locate(doc_path, annotations)
            count = 0
            if path is not None:
                for page in kids(self.xml(path), "Page"):
                    loc = kid_text(page, "FileLoc")
                    annot_path = self.locate(path, loc) if loc else None
                    count += len(list(kids(self.xml(annot_path), "Annot"))) if annot_path else 0
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

