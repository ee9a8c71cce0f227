"""The OCR engine: RapidOCR's PP-OCR models on onnxruntime, from the wheel.

The models are pinned by path to the files the ``rapidocr`` wheel ships, so
nothing is ever downloaded at run time (RapidOCR fetches any model it does not
find, which an offline batch must never do). The text-line angle classifier
is off: pages are deskewed before recognition, and a page scanned sideways or
upside down is found from its own reading and read again turned
(:mod:`extractors.ocr.orientation`). onnxruntime runs one thread: ``--jobs`` parallelises files, and two threads
were slower than one on 2 vCPUs (docs/ocr.md).

One engine per process, made on first use, so a run that meets no scanned
page never loads onnxruntime.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractors.model import ExtractionError

INSTALL_COMMAND = "pip install 'notice-tasks[ocr]'"
"""How to get the OCR engine (``make install`` includes it)."""

MODEL_FILES = {
    "Det": "PP-OCRv6_det_small.onnx",
    "Rec": "PP-OCRv6_rec_small.onnx",
    "Cls": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
}
"""The models inside the rapidocr 3.x wheel (``rapidocr/models/``)."""


@dataclass(frozen=True)
class Char:
    """One recognised character; x in image pixels."""

    text: str
    score: float
    x0: float
    x1: float


@dataclass(frozen=True)
class TextLine:
    """One detected line: its box in image pixels, its text and characters."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    score: float
    chars: tuple[Char, ...]


def missing(detail: str) -> ExtractionError:
    return ExtractionError("needs_ocr", f"scanned pages need the OCR engine, which is not installed ({detail}): "
                                        f"{INSTALL_COMMAND}")


@functools.cache
def _engine() -> Any:
    """The process's RapidOCR instance, its models pinned to the wheel's files."""
    try:
        import rapidocr
    except ImportError as exc:
        raise missing(f"import rapidocr: {exc}") from exc
    models = Path(rapidocr.__file__).resolve().parent / "models"
    params: dict[str, Any] = {
        "Global.use_cls": False,
        "Global.log_level": "error",
        "EngineConfig.onnxruntime.intra_op_num_threads": 1,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    }
    for stage, name in MODEL_FILES.items():
        path = models / name
        if not path.is_file():
            raise missing(f"{path} is missing; rapidocr 3.x ships it")
        params[f"{stage}.model_path"] = str(path)
    return rapidocr.RapidOCR(params=params)


def load() -> None:
    """Make the engine now; ``needs_ocr`` when it cannot be made."""
    _engine()


def _char(entry: tuple[str, float, Any]) -> Char:
    text, score, box = entry
    xs = [float(p[0]) for p in box]
    return Char(text=text, score=float(score), x0=min(xs), x1=max(xs))


def recognise(image: Any) -> list[TextLine]:
    """The text lines of an RGB image (numpy ``H × W × 3``, uint8), each with
    its characters' boxes (RapidOCR's ``return_single_char_box``)."""
    try:
        result = _engine()(image, return_word_box=True, return_single_char_box=True)
    except Exception as exc:
        if "bad_alloc" in str(exc):  # onnxruntime out of address space: the worker's memory limit, not a bug
            raise MemoryError(f"OCR ran out of memory: {exc}") from exc
        raise
    if result.boxes is None:
        return []
    lines = []
    for box, text, score, words in zip(result.boxes, result.txts, result.scores, result.word_results, strict=True):
        xs, ys = [float(p[0]) for p in box], [float(p[1]) for p in box]
        lines.append(TextLine(x0=min(xs), top=min(ys), x1=max(xs), bottom=max(ys), text=text, score=float(score),
                              chars=tuple(_char(w) for w in words if w[0].strip())))
    return lines
