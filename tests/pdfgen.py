"""The three bad PDFs the batch must name by code, from the PDF tests' own tools."""

from __future__ import annotations

import io

from tests.conftest import FIXTURES, QZB
from tests.pdfbytes import Page, ToUnicodeFont, build

BORDER_TABLE = [
    ["序号", "工作任务", "牵头单位", "完成时限"],
    ["1", "编制政务公开目录", "市政府办公室", "2019年6月底前"],
    ["2", "推进决策公开", "市司法局", "长期坚持"],
]
"""The task table of :func:`bordered_notice`, as a reader sees it."""

BORDER_TITLE = "政务公开工作任务分解表"

_BORDER_FONT = ToUnicodeFont({ch: ch for ch in dict.fromkeys(
    BORDER_TITLE + "".join(cell for row in BORDER_TABLE for cell in row))}, base_font="SimSun")


def bordered_notice(style: str) -> bytes:
    """A title and a ruled task table whose borders are drawn in *style*:
    ``lines`` (stroked lines), ``word`` or ``wps`` (thin filled rectangles,
    as Word and WPS export cell borders; see :meth:`Page.bars`)."""
    xs, tops = [70.0, 110.0, 270.0, 390.0, 520.0], [120.0, 150.0, 180.0, 210.0]
    page = Page()
    page.text(150, 80, _BORDER_FONT.encode(BORDER_TITLE), size=16)
    if style == "lines":
        page.grid(xs, tops)
    else:
        page.bars(xs, tops, style)
    for row, top in zip(BORDER_TABLE, tops, strict=False):
        for cell, x in zip(row, xs, strict=False):
            page.text(x + 4, top + 8, _BORDER_FONT.encode(cell), size=10.5)
    return build([page], _BORDER_FONT)


def image_only_pdf() -> bytes:
    """A 'scanned' page: an image and no text layer."""
    return build([Page().image()])


def encrypted_pdf() -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, encrypt=StandardEncryption("user-secret", "owner-secret"))
    canvas.drawString(72, 700, "secret")
    canvas.save()
    return out.getvalue()


def truncated_pdf() -> bytes:
    """The first 4 KB of a real notice, as an interrupted download leaves it."""
    return (QZB / "泉政办〔2018〕51号.pdf").read_bytes()[:4000]


BORDER_STYLES = ("lines", "word", "wps")
BORDERS = FIXTURES / "borders"
"""Where the border fixtures are committed, so that every PDF test meets them."""


if __name__ == "__main__":  # write the committed border fixtures: python -m tests.pdfgen
    BORDERS.mkdir(exist_ok=True)
    for style in BORDER_STYLES:
        (BORDERS / f"{style}.pdf").write_bytes(bordered_notice(style))
