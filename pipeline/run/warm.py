"""Warm-up of the batch's worker processes, run once in the forkserver.

The batch names this module in the forkserver's preload list
(:func:`pipeline.run.workers.run_isolated`), so it is imported, and the code
below runs, before any worker is forked: every worker then starts with the
run's readers imported and initialised (a reader module's ``warm_up()``, where
it has one: pdfium's library, pdfminer's CJK CMaps), the alias table loaded
and the regexes of structuring and normalization compiled. Without it each
worker paid 0.03–0.17 s of CPU on its first file.

Only the readers the run needs are warmed: the batch starts the forkserver
with :data:`pipeline.run.onefile.WARM_READERS` naming them, so a run of DOCX
files never loads pdfplumber or pdfium (about 0.2 s before the first file
could start). Without that variable (a Dask worker's forkserver) every
registered reader is warmed. Nothing is written anywhere.
"""

from __future__ import annotations

import contextlib
import importlib
import os

from extractors import formats as registry
from extractors.model import Cell, Document, ExtractionError, Paragraph, Row, Table
from pipeline.convert import convert_document
from pipeline.run.onefile import WARM_READERS


def _sample_notice() -> Document:
    """A notice in the document model: a title and a one-task table with a
    deadline, enough to run every structuring and normalization rule once."""
    header = ("序号", "工作任务", "牵头单位", "责任单位", "完成时限")
    task = ("1", "完善工作机制", "市政府办公室", "各县（市、区）人民政府", "2024年12月底前")
    rows = tuple(Row(cells=tuple(Cell(text=text, row=r, col=c) for c, text in enumerate(values)),
                     is_header=r == 0) for r, values in enumerate((header, task)))
    return Document(blocks=[Paragraph(text="关于印发工作任务分解表的通知"), Table(rows=rows, n_cols=len(header))],
                    source_format="docx")


def warm(reader_modules: set[str] | None) -> None:
    """Import and warm up the reader modules named (all registered ones for
    None), then convert the sample notice."""
    modules = {f.reader.split(":")[0] for f in registry.FORMATS} if reader_modules is None else reader_modules
    for name in sorted(modules):
        warm_up = getattr(importlib.import_module(name), "warm_up", None)
        if warm_up is not None:
            with contextlib.suppress(ExtractionError):  # a reader that fails its sample is still initialised
                warm_up()
    convert_document(_sample_notice(), "warm", "0" * 64)


_named = os.environ.get(WARM_READERS)
warm(None if _named is None else set(filter(None, _named.split(","))))
