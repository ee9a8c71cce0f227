"""Safe access to the parts of an OOXML (DOCX) package.

A DOCX is a zip of XML parts, and both layers can be hostile: a zip bomb
inflates a few kilobytes into gigabytes, and XML can declare external entities
(reading local files into the text) or expanding entities (billion laughs).
Every part is therefore size-checked from the zip directory *before* it is
inflated, and XML that declares a DTD is refused outright: no legitimate OOXML
part has one.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib

from lxml import etree

from extractors.model import ExtractionError

MAX_PART_BYTES = 64 * 1024 * 1024
"""Largest uncompressed part we inflate. Real document.xml parts of long
notices are a few MB."""
MAX_RATIO = 200
"""Largest compression ratio accepted for parts over 1 MB; XML compresses
about 10:1, bombs by thousands."""

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)

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


class Package:
    """An opened DOCX zip with guarded part reads."""

    def __init__(self, data: bytes) -> None:
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as exc:
            raise ExtractionError("corrupt_docx", f"not a readable zip archive: {exc}") from exc
        self._names = set(self._zip.namelist())

    def has(self, name: str) -> bool:
        return name in self._names

    def read(self, name: str) -> bytes:
        info = self._zip.getinfo(name)
        if info.file_size > MAX_PART_BYTES or (
            info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ):
            raise ExtractionError(
                "zip_bomb",
                f"part {name} would inflate to {info.file_size:,} bytes from "
                f"{info.compress_size:,}; refused before inflating",
            )
        try:
            with self._zip.open(name) as fh:
                data = fh.read(MAX_PART_BYTES + 1)
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError) as exc:
            raise ExtractionError("corrupt_docx", f"part {name} cannot be inflated: {exc}") from exc
        if len(data) > MAX_PART_BYTES:
            raise ExtractionError("zip_bomb", f"part {name} inflates past {MAX_PART_BYTES:,} bytes")
        return data

    def xml(self, name: str) -> etree._Element:
        data = self.read(name)
        # Refused before parsing where the bytes show it; the parser resolves
        # nothing either way (no entities, no DTD loading, no network).
        head = data[:4096].upper()
        if b"<!DOCTYPE" in head or b"<!ENTITY" in data.upper():
            raise ExtractionError(
                "hostile_xml", f"part {name} declares a DTD or entities, which OOXML never needs; refused"
            )
        try:
            root = etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as exc:
            raise ExtractionError("corrupt_docx", f"part {name} is not well-formed XML: {exc}") from exc
        if root.getroottree().docinfo.doctype:  # a DTD the byte check missed (e.g. a UTF-16 part)
            raise ExtractionError(
                "hostile_xml", f"part {name} declares a DTD, which OOXML never needs; refused"
            )
        return root

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
