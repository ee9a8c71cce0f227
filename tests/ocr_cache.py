"""Recorded OCR engine output for the scanned fixtures, so the suite does not
spend 4–6 CPU-seconds on every page of every scan.

:func:`cached_recognise` answers :func:`extractors.ocr.engine.recognise` from
``tests/fixtures/scans/ocr_cache.json.gz``, keyed by the sha256 of the exact
image the engine would see (after seal removal and deskewing, which therefore
still run). An image the file does not know (another pypdfium2 or Pillow
renders differently) goes to the real engine, so a stale cache makes the
suite slower, never wrong. The real engine runs in every test run anyway
(tests/test_ocr.py: offline, and compared with this recording).

    NOTICE_TASKS_RECORD_OCR=1 .venv/bin/python -m pytest tests/test_ocr.py   # re-record
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from typing import Any

from extractors.ocr import engine
from tests.conftest import FIXTURES

CACHE = FIXTURES / "scans" / "ocr_cache.json.gz"
RECORD = os.environ.get("NOTICE_TASKS_RECORD_OCR") == "1"

_real = engine.recognise
_entries: dict[str, list[Any]] | None = None
_dirty = False


def image_key(image: Any) -> str:
    return hashlib.sha256(repr(image.shape).encode() + image.tobytes()).hexdigest()


def _encode(lines: list[engine.TextLine]) -> list[Any]:
    return [[round(ln.x0, 1), round(ln.top, 1), round(ln.x1, 1), round(ln.bottom, 1), ln.text, round(ln.score, 4),
             [[c.text, round(c.score, 4), round(c.x0, 1), round(c.x1, 1)] for c in ln.chars]] for ln in lines]


def _decode(entry: list[Any]) -> list[engine.TextLine]:
    return [engine.TextLine(x0, top, x1, bottom, text, score, tuple(engine.Char(*c) for c in chars))
            for x0, top, x1, bottom, text, score, chars in entry]


def _load() -> dict[str, list[Any]]:
    global _entries
    if _entries is None:
        _entries = json.loads(gzip.decompress(CACHE.read_bytes())) if CACHE.exists() else {}
    return _entries


def cached_recognise(image: Any) -> list[engine.TextLine]:
    global _dirty
    entries, key = _load(), image_key(image)
    if key not in entries:
        entries[key] = _encode(_real(image))
        _dirty = True
    return _decode(entries[key])


def recorded(image: Any) -> list[engine.TextLine] | None:
    """What the recording holds for *image*, if anything."""
    entry = _load().get(image_key(image))
    return None if entry is None else _decode(entry)


def save() -> None:
    """Write new entries back (only when re-recording: tests never write to the tree otherwise)."""
    if RECORD and _dirty and _entries is not None:
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(_entries, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        CACHE.write_bytes(gzip.compress(text.encode(), mtime=0))
