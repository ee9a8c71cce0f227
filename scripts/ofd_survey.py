"""Run the OFD reader over a folder of OFD files and print one row per file.

    .venv/bin/python scripts/ofd_survey.py DIR [--ocr never|auto|always]

How the survey of docs/ofd.md was made (on ofdrw's test files). Each row
(tab-separated): the file, the reader's outcome (``ok`` or the error code),
its pages, how many characters the reader drew against how many ``TextCode``
characters the package's XML holds outside annotations (counted here with
plain lxml, independently of the reader: a gap is text the reader leaves out,
on purpose or not), and the outcome of the whole extraction (layout stage and
OCR included) with the message of an error.
"""

from __future__ import annotations

import argparse
import io
import sys
import zipfile
from pathlib import Path

from lxml import etree

from extractors.model import ExtractionError
from extractors.ocr_modes import OCR_MODES, OcrMode
from extractors.ofd import extract_ofd, read_ofd

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def textcode_chars(data: bytes) -> int | None:
    """Non-blank ``TextCode`` characters in every XML part but annotations; None for no zip."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return None
    count = 0
    for name in package.namelist():
        if not name.lower().endswith(".xml"):
            continue
        try:
            root = etree.fromstring(package.read(name), _PARSER)
        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError):
            continue
        if etree.QName(root).localname == "PageAnnot":
            continue
        count += sum(len("".join((el.text or "").split())) for el in root.iter("{*}TextCode", "TextCode"))
    return count


def survey_row(path: Path, ocr: OcrMode) -> str:
    data = path.read_bytes()
    total = textcode_chars(data)
    try:
        read = read_ofd(data)
        drawn = sum(1 for page in read.pages for glyph in page.glyphs if glyph.text.strip())
        reader = f"ok\t{len(read.pages)}\t{drawn}/{total}"
    except ExtractionError as exc:
        reader = f"{exc.code}\t\t-/{total}"
    try:
        document = extract_ofd(data, ocr)
        outcome = f"ok ({len(document.blocks)} blocks, {len(document.ocr_pages)} pages by OCR)"
    except ExtractionError as exc:
        outcome = f"{exc.code}: {exc}"
    return f"{path.name}\t{reader}\t{outcome}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--ocr", choices=OCR_MODES, default="auto")
    args = parser.parse_args(argv)
    print("file\treader\tpages\tdrawn/TextCode chars\textraction")
    for path in sorted(args.folder.glob("*.ofd")):
        print(survey_row(path, args.ocr), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
