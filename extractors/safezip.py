"""Guarded reads from a zip of XML parts: the container of DOCX and OFD alike.

Both layers can be hostile: a zip bomb inflates a few kilobytes into
gigabytes, and XML can declare external entities (reading local files into the
text) or expanding entities (billion laughs). Every part is therefore
size-checked from the zip directory *before* it is inflated, and XML that
declares a DTD is refused outright: neither OOXML nor OFD ever needs one.

The format decides only the code for a damaged package (``corrupt_docx``,
``corrupt_ofd``) and the name in messages; the guards are the same.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from lxml import etree

from extractors.model import ExtractionError

MAX_PART_BYTES = 64 * 1024 * 1024
"""Largest uncompressed part we inflate. Real document.xml parts of long
notices are a few MB, OFD page contents far less."""
MAX_RATIO = 200
"""Largest compression ratio accepted for parts over 1 MB; XML compresses
about 10:1, bombs by thousands."""

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)


class SafeZip:
    """An opened zip whose parts are read only through the guards."""

    def __init__(self, data: bytes, corrupt_code: str, format_name: str) -> None:
        self.corrupt_code = corrupt_code
        self.format_name = format_name
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as exc:
            raise ExtractionError(corrupt_code, f"not a readable zip archive: {exc}") from exc
        self.names = set(self._zip.namelist())

    def has(self, name: str) -> bool:
        return name in self.names

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
            raise ExtractionError(self.corrupt_code, f"part {name} cannot be inflated: {exc}") from exc
        if len(data) > MAX_PART_BYTES:
            raise ExtractionError("zip_bomb", f"part {name} inflates past {MAX_PART_BYTES:,} bytes")
        return data

    def xml(self, name: str) -> etree._Element:
        return parse_xml(self.read(name), name, self.corrupt_code, self.format_name)


def parse_xml(data: bytes, name: str, corrupt_code: str, format_name: str) -> etree._Element:
    """Part *name*'s bytes as XML, refused as ``hostile_xml`` if it declares a DTD or entities."""
    # Refused before parsing where the bytes show it; the parser resolves
    # nothing either way (no entities, no DTD loading, no network).
    head = data[:4096].upper()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in data.upper():
        raise ExtractionError(
            "hostile_xml", f"part {name} declares a DTD or entities, which {format_name} never needs; refused"
        )
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ExtractionError(corrupt_code, f"part {name} is not well-formed XML: {exc}") from exc
    if root.getroottree().docinfo.doctype:  # a DTD the byte check missed (e.g. a UTF-16 part)
        raise ExtractionError("hostile_xml", f"part {name} declares a DTD, which {format_name} never needs; refused")
    return root
