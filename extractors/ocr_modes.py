"""Which pages OCR reads: the run's choice, passed through the registry to fixed-layout readers.

Kept apart from :mod:`extractors.ocr` so that naming the modes (the command
line, the cache key, the registry) does not import the layout stage and
pdfplumber with it: a run that meets only DOCX never loads them.
"""

from __future__ import annotations

from typing import Literal, get_args

OcrMode = Literal["never", "auto", "always"]
"""``never``: only text layers are read; ``auto`` (default): pages without a
usable text layer are recognised; ``always``: every page is recognised, its
text layer ignored (for text layers that are present but wrong)."""

OCR_MODES: tuple[OcrMode, ...] = get_args(OcrMode)
