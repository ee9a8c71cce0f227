"""Command line: ``python -m pipeline build INPUT_DIR OUTPUT_DIR`` and ``inspect FILE``.

A thin layer: it parses arguments, calls the batch runner and turns its result
into an exit code (0 all files ok, 1 some file failed, 2 usage error).
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from extractors.ocr import OCR_MODES
from pipeline.run.batch import Options, run_batch
from pipeline.run.progress import BarLogHandler, Progress
from pipeline.run.workers import Limits, default_jobs
from pipeline.analysis.inspection import inspect_file
from pipeline.datasets.xlsx import write_workbook

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _positive(kind: Callable[[str], float]) -> Callable[[str], float]:
    """An argparse type that refuses zero and negatives (a usage error, exit 2)."""

    def parse(text: str) -> float:
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be positive, not {text}")
        return value
    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="convert every notice below INPUT_DIR into datasets in OUTPUT_DIR")
    build.add_argument("input_dir", type=Path)
    build.add_argument("output_dir", type=Path)
    verbosity = build.add_mutually_exclusive_group()
    verbosity.add_argument("-q", "--quiet", action="store_true", help="print only the summary and errors")
    verbosity.add_argument("-v", "--verbose", action="store_true", help="also log timings and tracebacks")
    build.add_argument("-j", "--jobs", type=_positive(int), default=default_jobs(),
                       help="files parsed at once, each in its own process (default: CPUs, %(default)s here)")
    build.add_argument("--timeout", type=_positive(float), default=Limits.timeout, metavar="SECONDS",
                       help="time limit per file; a file over it becomes a `timeout` error (default %(default)g)")
    build.add_argument("--memory-limit", type=_positive(int), default=Limits.memory_mb, metavar="MB",
                       help="address-space limit per worker process (default %(default)s)")
    build.add_argument("--force", action="store_true",
                       help="parse every file again instead of reusing the cache in OUTPUT_DIR/.cache")
    build.add_argument("--xlsx", action="store_true", help="also write OUTPUT_DIR/notices.xlsx, a sheet per dataset")
    build.add_argument("--ocr", choices=OCR_MODES, default="auto",
                       help="which PDF pages OCR reads: never; auto, pages with no usable text layer (scans; the "
                            "default); always, every page, ignoring text layers")
    inspect = commands.add_parser("inspect", help="print one notice's metadata and task table, for a quick check")
    inspect.add_argument("file", type=Path)
    inspect.add_argument("--json", action="store_true", help="print the records as JSON instead of a table")
    inspect.add_argument("--width", type=int, help="table width in columns (default: the terminal's)")
    return parser


def _raise_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds like Ctrl-C: workers killed, staging removed


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "inspect":
        return EXIT_OK if inspect_file(args.file, args.json, args.width) else EXIT_FAILED
    if not args.input_dir.is_dir():
        print(f"error: input folder {args.input_dir} does not exist", file=sys.stderr)
        return EXIT_USAGE
    progress = Progress(sys.stderr, bar=sys.stderr.isatty() and not args.quiet)
    handler = BarLogHandler(progress)
    handler.setFormatter(logging.Formatter("%(message)s"))
    level = logging.WARNING if args.quiet or progress.bar and not args.verbose else \
        logging.DEBUG if args.verbose else logging.INFO
    logging.basicConfig(level=level, handlers=[handler], force=True)
    signal.signal(signal.SIGTERM, _raise_on_sigterm)
    options = Options(jobs=args.jobs, limits=Limits(args.timeout, args.memory_limit), force=args.force,
                      ocr=args.ocr)
    try:
        result = run_batch(args.input_dir, args.output_dir, options, progress)
    finally:
        progress.close()
    if args.xlsx:
        write_workbook(args.output_dir)
    ocr = f", {result.n_ocr_pages} pages OCR'd" if result.n_ocr_pages else ""
    print(f"{result.n_files} files: {result.n_ok} ok ({result.n_warned} with warnings), {result.n_failed} failed, "
          f"{result.n_cached} from cache{ocr} → {args.output_dir}")
    return EXIT_FAILED if result.n_failed else EXIT_OK
