"""What page objects refer to by ID, gathered from the ``Res`` parts
(``PublicRes``, ``DocumentRes``, a page's ``PageRes``): font names, drawing
parameters, raster images and composite graphic units."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from extractors.ofd.parts import PartNames, resolve
from extractors.ofd.xml import kid, kid_text, kids

DEFAULT_LINE_WIDTH_MM = 0.353
"""The standard's default stroke width (1 pt)."""


@dataclass
class Resources:
    fonts: dict[str, str] = field(default_factory=dict)
    line_widths: dict[str, float] = field(default_factory=dict)
    """DrawParam ID → its LineWidth in mm, inherited through ``Relative``."""
    media: dict[str, str] = field(default_factory=dict)
    """MultiMedia ID → zip path of its ``MediaFile`` (an image a page's
    ``ImageObject`` draws: the scan of a scanned page), as
    :meth:`PartNames.locate` finds it, else its standard reading (which the
    package does not hold: reading it says so). Located, not read: only a
    page that OCR reads needs the bytes."""
    composites: dict[str, etree._Element] = field(default_factory=dict)
    """CompositeGraphicUnit ID → its ``Content``: the objects a
    ``CompositeObject`` draws (a logo, a stamp, or text, as some converters
    wrap every text object in one)."""

    def copy(self) -> Resources:
        return Resources(dict(self.fonts), dict(self.line_widths), dict(self.media), dict(self.composites))

    def add(self, res: etree._Element, path: str, parts: PartNames) -> None:
        """The resources of the part *path* (a ``Res`` root). Its files are
        named relative to its ``BaseLoc`` folder, itself relative to the part."""
        base_loc = (res.get("BaseLoc") or "").strip().replace("\\", "/")
        base = resolve(path, base_loc.rstrip("/") + "/_") if base_loc else path
        for group in kids(res, "MultiMedias"):
            for media in kids(group, "MultiMedia"):
                file = kid_text(media, "MediaFile")
                if file is not None:
                    self.media[media.get("ID", "")] = parts.locate(base, file) or resolve(base, file)
        for fonts in kids(res, "Fonts"):
            for font in kids(fonts, "Font"):
                self.fonts[font.get("ID", "")] = font.get("FontName") or font.get("FamilyName") or ""
        for group in kids(res, "CompositeGraphicUnits"):
            for unit in kids(group, "CompositeGraphicUnit"):
                content = kid(unit, "Content")
                if content is not None:
                    self.composites[unit.get("ID", "")] = content
        params = [p for group in kids(res, "DrawParams") for p in kids(group, "DrawParam")]
        own = {p.get("ID", ""): p for p in params}
        for pid in own:
            width, seen, current = None, set(), own.get(pid)
            while current is not None and width is None and current.get("ID") not in seen:
                seen.add(current.get("ID"))
                width = current.get("LineWidth")
                current = own.get(current.get("Relative", ""))
            self.line_widths[pid] = float(width) if width else DEFAULT_LINE_WIDTH_MM
