"""Building small DOCX files in tests from WordprocessingML snippets.

Writing the XML by hand (rather than through python-docx) lets a test state
exactly the construct it is about: a tracked insertion, a content control, a
vertical merge, a numbering definition, or a hostile declaration.
"""

from __future__ import annotations

import io
import zipfile

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""


def _doc_rels(parts: dict[str, str]) -> str:
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}"'
        f' Target="{kind}.xml"/>'
        for i, kind in enumerate(parts, start=10)
    )
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')


def document_xml(body: str, prolog: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
            f'<w:document xmlns:w="{W_NS}" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
            f"<w:body>{body}</w:body></w:document>")


def make_docx(body: str, numbering: str | None = None, styles: str | None = None,
              document: str | bytes | None = None) -> bytes:
    """A DOCX whose body is *body* (WordprocessingML), with optional parts;
    *document* replaces the whole document.xml (bytes for other encodings)."""
    extra = {k: v for k, v in (("numbering", numbering), ("styles", styles)) if v}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("word/document.xml", document or document_xml(body))
        z.writestr("word/_rels/document.xml.rels", _doc_rels(extra))
        for kind, xml in extra.items():
            z.writestr(f"word/{kind}.xml",
                       f'<?xml version="1.0" encoding="UTF-8"?><w:{kind} xmlns:w="{W_NS}">{xml}</w:{kind}>')
    return buf.getvalue()


def p(text: str, ppr: str = "", rpr: str = "") -> str:
    """A paragraph of one run; *ppr* and *rpr* are its paragraph and run properties."""
    run = f"<w:r>{rpr and f'<w:rPr>{rpr}</w:rPr>'}<w:t xml:space=\"preserve\">{text}</w:t></w:r>"
    return f"<w:p>{ppr and f'<w:pPr>{ppr}</w:pPr>'}{run}</w:p>"


def tc(text: str, tcpr: str = "", rpr: str = "") -> str:
    """A cell; each line of *text* is a paragraph of its own (a multi-line cell)."""
    return f"<w:tc>{tcpr and f'<w:tcPr>{tcpr}</w:tcPr>'}{''.join(p(line, rpr=rpr) for line in text.split(chr(10)))}</w:tc>"


def tr(*cells: str, trpr: str = "") -> str:
    return f"<w:tr>{trpr and f'<w:trPr>{trpr}</w:trPr>'}{''.join(cells)}</w:tr>"


BORDERS = ("<w:tblBorders>" + "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>")
"""Ruling lines on every cell edge, as notices print them: a PDF made from the
DOCX needs them for its table to be found at all."""


def tbl(*rows: str, n_cols: int = 4, widths: tuple[int, ...] | None = None, ruled: bool = False) -> str:
    """A table; *widths* in twips per grid column, *ruled* draws every border."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in (widths or (2000,) * n_cols))
    tblpr = f"<w:tblPr>{BORDERS}</w:tblPr>" if ruled else ""
    return f"<w:tbl>{tblpr}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def section(width: int = 11906, height: int = 16838, margin: int | tuple[int, int, int, int] = 1440) -> str:
    """Page size and margins (twips; one for all sides or top, bottom, left,
    right) for the body, or as a paragraph's pPr for the section it ends;
    A4 portrait by default."""
    top, bottom, left, right = margin if isinstance(margin, tuple) else (margin,) * 4
    return (f'<w:sectPr><w:pgSz w:w="{width}" w:h="{height}"/><w:pgMar w:top="{top}" w:right="{right}"'
            f' w:bottom="{bottom}" w:left="{left}" w:header="0" w:footer="0" w:gutter="0"/></w:sectPr>')


def distinct_copy(docx: bytes, tag: str) -> bytes:
    """The same document in other bytes (a zip comment), so copies hash apart."""
    src = zipfile.ZipFile(io.BytesIO(docx))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info, src.read(info))
        out.comment = tag.encode()
    return buf.getvalue()
