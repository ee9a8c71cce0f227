"""Per-format readers that turn a file's bytes into one document model; which
formats exist, and which reader reads a file, is :mod:`extractors.formats`."""

from __future__ import annotations

from extractors.formats import extract

__all__ = ["extract"]
