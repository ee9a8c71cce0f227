"""Progress of a batch run: a one-line bar on a terminal, log lines elsewhere.

A few lines instead of tqdm: the bar needs files done, rate and ETA, and it
must share stderr with log lines (an error is printed above the bar, which is
then redrawn), which :class:`BarLogHandler` does.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TextIO

from pipeline.datasets.records import ManifestRecord
from pipeline.run.names import printable
from pipeline.run.onefile import is_kept

log = logging.getLogger("pipeline.run.batch")

REDRAW_SECONDS = 0.1


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class Progress:
    """Reports each file's outcome (the batch runner's reporter); draws the bar
    when *bar* is true."""

    def __init__(self, stream: TextIO, bar: bool) -> None:
        self.stream = stream
        self.bar = bar
        self.total = 0
        self.done = 0
        self.ocr_pages = 0
        """Pages recognised so far in this run (cached files cost none)."""
        self.parsed_and_kept = 0
        """Files parsed by this run whose outcome is cached: what an interrupted run keeps."""
        self.generation: Path | None = None
        """Set once the run's datasets are published."""
        self.started = time.monotonic()
        self._drawn_at = 0.0

    def start(self, total: int) -> None:
        """Called once the inputs are known."""
        self.total = total
        self.bar = self.bar and total > 0
        self.started = time.monotonic()

    def file_done(self, row: ManifestRecord) -> None:
        self.done += 1
        self.parsed_and_kept += row.status != "skipped" and not row.cached and is_kept(row)
        origin = " (cached)" if row.cached else ""
        ocr = row.ocr_pages if not row.cached else 0
        self.ocr_pages += ocr
        if row.status == "ok":
            note = f"{row.n_tasks} tasks" + (f", {ocr} pages OCR'd in {row.ocr_seconds:.1f} s" if ocr else "") + \
                (f"; warnings: {'; '.join(row.warnings)}" if row.warnings else "")
            log.info("[%d/%d] ok %s%s: %s", self.done, self.total, row.source_path, origin, note)
        elif row.status == "skipped":
            log.info("[%d/%d] skipped %s: %s: %s", self.done, self.total, row.source_path, row.error_code, row.error)
        else:
            log.warning("[%d/%d] error %s%s: %s: %s", self.done, self.total, row.source_path, origin,
                        row.error_code, row.error)
        log.debug("%s took %.2f s", row.source_path, row.seconds)
        self.draw(force=self.done == self.total)

    def published(self, generation: Path) -> None:
        self.generation = generation

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.done / elapsed
        eta = _clock((self.total - self.done) / rate) if rate > 0 else "?"
        width = 24
        filled = width * self.done // max(self.total, 1)
        ocr = f"  {self.ocr_pages} pages OCR'd" if self.ocr_pages else ""
        return (f"{self.done}/{self.total} files [{'#' * filled}{'-' * (width - filled)}] "
                f"{rate:.1f} files/s{ocr}  ETA {eta}")

    def draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not self.bar or (not force and now - self._drawn_at < REDRAW_SECONDS):
            return
        self._drawn_at = now
        self.stream.write("\r\x1b[K" + self.line())
        self.stream.flush()

    def clear(self) -> None:
        if self.bar:
            self.stream.write("\r\x1b[K")

    def close(self) -> None:
        if self.bar:
            self.draw(force=True)
            self.stream.write("\n")
            self.stream.flush()


class PrintableFormatter(logging.Formatter):
    """Log lines with control characters escaped: a file name may hold a newline
    or an ESC sequence, and neither may split a line or reach the terminal.
    A record logged with ``extra={"multiline": True}`` (a traceback) keeps its
    line breaks, each line escaped."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        if getattr(record, "multiline", False):
            return "\n".join(printable(line) for line in text.split("\n"))
        return printable(text)


class BarLogHandler(logging.StreamHandler[TextIO]):
    """A stderr log handler that prints above the progress bar, not through it."""

    def __init__(self, progress: Progress) -> None:
        super().__init__(progress.stream)
        self.progress = progress

    def emit(self, record: logging.LogRecord) -> None:
        self.progress.clear()
        super().emit(record)
        self.progress.draw(force=True)
