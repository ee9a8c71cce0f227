"""The parts of an OOXML (DOCX) package, read through :mod:`extractors.safezip`'s
guards (zip bomb, DTD/entities), and found through its relationships.
"""

from __future__ import annotations

import posixpath

from extractors.model import ExtractionError
from extractors.safezip import SafeZip

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
W = "{{{}}}".format(NS["w"])

REL_OFFICE_DOCUMENT = "/officeDocument"
REL_NUMBERING = "/numbering"
REL_STYLES = "/styles"


CORRUPT_CODE, FORMAT_NAME = "corrupt_docx", "OOXML"
"""What a damaged package is called in error rows and messages."""


class Package(SafeZip):
    """An opened DOCX zip with guarded part reads."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data, CORRUPT_CODE, FORMAT_NAME)

    def related(self, source: str, rel_type_suffix: str) -> str | None:
        """Target part of the first relationship of *source* whose type ends so."""
        folder, base = posixpath.split(source)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels_name):
            return None
        for rel in self.xml(rels_name).iterfind("rel:Relationship", NS):
            if rel.get("Type", "").endswith(rel_type_suffix) and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                path = (target.lstrip("/") if target.startswith("/")
                        else posixpath.normpath(posixpath.join(folder, target)))
                return path if self.has(path) else None
        return None

    def main_document(self) -> str:
        """Name of the main document part, found through the package relationships."""
        if not self.has("[Content_Types].xml"):
            raise ExtractionError("corrupt_docx", "zip archive has no [Content_Types].xml: not an OOXML package")
        name = self.related("", REL_OFFICE_DOCUMENT) or ("word/document.xml" if self.has("word/document.xml") else None)
        if name is None:
            raise ExtractionError("corrupt_docx", "package has no main document part")
        return name
