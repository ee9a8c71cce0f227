"""Command line: ``python -m pipeline build INPUT_DIR OUTPUT_DIR``, ``inspect FILE``, ``diff A B``, ``units …``.

A thin layer: it parses arguments, calls the batch runner and turns its result
into an exit code (0 all files ok, 1 some file failed or the disk filled up,
2 usage error or an unusable output folder, 130/143 interrupted). Whatever
ends the run, the last line printed says what happened to the datasets.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from extractors import formats as registry
from extractors.ocr_modes import OCR_MODES
from pipeline.datasets.records import PARTITION_BY
from pipeline.normalize.alias_table import ALIAS_DIR, REVIEWED_FILE, SUGGESTIONS_FILE, AliasTableError, default_table
from pipeline.run.batch import Options, run_batch
from pipeline.run.executors import EXECUTORS, ExecutorLost, ExecutorUnusable, executor_for
from pipeline.run.names import printable
from pipeline.run.outdir import DiskFull, OutputUnusable
from pipeline.run.pandas_free import without_pandas
from pipeline.run.progress import BarLogHandler, PrintableFormatter, Progress
from pipeline.run.workers import Limits, default_jobs

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 128 + signal.SIGINT
EXIT_TERMINATED = 128 + signal.SIGTERM
EXIT_CLUSTER_LOST = 75
"""sysexits.h's EX_TEMPFAIL: the Dask cluster went away during the run; nothing is
wrong with the inputs or the options, and the same command, run again once the
cluster is back, parses only the files not yet cached."""

MIN_MEMORY_MB = 512
"""Smallest --memory-limit accepted: a worker inherits the readers' libraries
(lxml, pdfplumber, pdfium: about 100 MB of address space) before it reads a
byte, and parsing needs room on top of that: a lower limit would fail files
that parse well under the default."""


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so the run unwinds as on Ctrl-C
    (workers killed, the unfinished generation removed)."""


def _positive(kind: Callable[[str], float]) -> Callable[[str], float]:
    """An argparse type that refuses zero and negatives (a usage error, exit 2)."""

    def parse(text: str) -> float:
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be positive, not {text}")
        return value
    return parse


def _memory_mb(text: str) -> int:
    value = int(text)
    if value < MIN_MEMORY_MB:
        raise argparse.ArgumentTypeError(f"must be at least {MIN_MEMORY_MB} (MB), not {text}: a worker "
                                         "needs about 100 MB of address space before it reads a file, and "
                                         "room on top of that to parse one")
    return value


def build_parser(prog: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; *prog* names the command in usage lines (default: how it was started)."""
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="convert every notice below INPUT_DIR into datasets in OUTPUT_DIR")
    build.add_argument("input_dir", type=Path)
    build.add_argument("output_dir", type=Path)
    verbosity = build.add_mutually_exclusive_group()
    verbosity.add_argument("-q", "--quiet", action="store_true", help="print only the summary and errors")
    verbosity.add_argument("-v", "--verbose", action="store_true", help="also log timings and tracebacks")
    build.add_argument("-j", "--jobs", type=_positive(int), default=default_jobs(),
                       help="files parsed at once, each in its own process (default: CPUs, %(default)s here); "
                            "with --executor dask, the local cluster's workers (a --scheduler's cluster "
                            "has its own)")
    build.add_argument("--timeout", type=_positive(float), default=Limits.timeout, metavar="SECONDS",
                       help="time limit per file; a file over it becomes a `timeout` error (default %(default)g)")
    build.add_argument("--memory-limit", type=_memory_mb, default=Limits.memory_mb, metavar="MB",
                       help=f"address-space limit per worker process, at least {MIN_MEMORY_MB} "
                            "(default %(default)s)")
    build.add_argument("--force", action="store_true",
                       help="parse every file again instead of reusing the cache in OUTPUT_DIR/.cache")
    build.add_argument("--xlsx", action="store_true", help="also write OUTPUT_DIR/notices.xlsx, a sheet per dataset")
    build.add_argument("--ocr", choices=OCR_MODES, default="auto",
                       help="which PDF pages OCR reads: never; auto, pages with no usable text layer (scans; the "
                            "default); always, every page, ignoring text layers")
    _engine_option(build)
    build.add_argument("--follow-links", action="store_true",
                       help="follow symbolic links out of INPUT_DIR and links to folders (default: not followed, "
                            "each listed in the manifest as skipped); each folder is still read once")
    build.add_argument("--no-wait", action="store_true",
                       help="if another build is using OUTPUT_DIR, fail at once (exit 2) instead of waiting")
    build.add_argument("--partition-by", choices=PARTITION_BY,
                       help="write documents, tasks, task_units and citations as folders partitioned by year "
                            "(tasks/year=2018/part-0.parquet), rewriting only the years whose inputs changed "
                            "(docs/scale.md)")
    build.add_argument("--executor", choices=EXECUTORS, default="local",
                       help="where files are parsed: local worker processes (default), or a Dask cluster "
                            "(needs the dask extra; docs/scale.md)")
    build.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                       help="with --executor dask: the scheduler of an existing cluster (default: a local "
                            "cluster of --jobs worker processes on 127.0.0.1)")
    inspect = commands.add_parser("inspect", help="print one notice's metadata and task table, for a quick check")
    inspect.add_argument("file", type=Path)
    inspect.add_argument("--json", action="store_true", help="print the records as JSON instead of a table")
    inspect.add_argument("--width", type=int, help="table width in columns (default: the terminal's)")
    _engine_option(inspect)
    diff = commands.add_parser("diff",
                               help="how the tasks changed from notice A to notice B (e.g. two years' editions)")
    diff.add_argument("notice_a", type=Path)
    diff.add_argument("notice_b", type=Path)
    diff.add_argument("--width", type=int, help="line width in columns (default: the terminal's)")
    _engine_option(diff)
    units = commands.add_parser("units", help="review unit names: propose aliases, accept reviewed ones")
    unit_commands = units.add_subparsers(dest="units_command", required=True)
    suggest = unit_commands.add_parser("suggest", help=f"write OUTPUT_DIR/{SUGGESTIONS_FILE}: abbreviations the "
                                       "rule proposes, for a person to review (nothing is applied)")
    suggest.add_argument("output_dir", type=Path)
    accept = unit_commands.add_parser("accept", help="add the rows marked accept=y of a review file to the alias table")
    accept.add_argument("review_file", type=Path)
    return parser


def _engine_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--pdf-engine", choices=sorted(registry.PDF_ENGINES), default=registry.DEFAULT_PDF_ENGINE,
                         help="reader of PDF text layers: pdfium (fast) or pdfminer (the reference); "
                              "default %(default)s")


def _raise_on_sigterm(signum: int, frame: object) -> None:
    raise Terminated()


def _units(args: argparse.Namespace) -> int:
    from pipeline.analysis.unit_review import accept, write_suggestions
    from pipeline.datasets.writers import dataset_source

    if args.units_command == "suggest":
        if not dataset_source(args.output_dir, "task_units").exists():
            _say(f"error: {args.output_dir} holds no task_units.parquet: run build first", sys.stderr)
            return EXIT_USAGE
        def waiting(holder: str) -> None:
            _say(f"waiting for another build ({holder}) to finish with {args.output_dir} …", sys.stderr)
        try:
            path, n = write_suggestions(args.output_dir, waiting)
        except OutputUnusable as exc:
            _say(f"error: {exc}", sys.stderr)
            return EXIT_USAGE
        _say(f"{n} suggested alias rows → {path} (mark accept=y, then: python -m pipeline units accept {path})")
        return EXIT_OK
    try:
        n = accept(args.review_file)
    except (OSError, AliasTableError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"{n} rows added to {ALIAS_DIR / REVIEWED_FILE}")
    return EXIT_OK


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _say(line: str, stream: TextIO | None = None) -> None:
    print(printable(line), file=stream or sys.stdout)


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    args = build_parser(prog).parse_args(argv)
    formats = registry.with_pdf_engine(registry.FORMATS, getattr(args, "pdf_engine", registry.DEFAULT_PDF_ENGINE))
    if args.command in ("inspect", "diff"):
        registry.use(formats)  # this process reads the file itself
    # Each command imports what only it needs: `build` never pays for pandas,
    # which the analysis commands load (about 0.2 s of every build's start).
    if args.command == "inspect":
        from pipeline.analysis.inspection import inspect_file
        return EXIT_OK if inspect_file(args.file, args.json, args.width) else EXIT_FAILED
    if args.command == "diff":
        from pipeline.analysis.task_diff import diff_files
        return EXIT_OK if diff_files(args.notice_a, args.notice_b, args.width) else EXIT_FAILED
    if args.command == "units":
        return _units(args)
    if not args.input_dir.is_dir():
        problem = "is not a folder" if args.input_dir.exists() else "does not exist"
        _say(f"error: input folder {args.input_dir} {problem}", sys.stderr)
        return EXIT_USAGE
    try:
        default_table()  # a contradictory alias table stops the run before any file is parsed
    except AliasTableError as exc:
        print(f"error: alias table {ALIAS_DIR}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    progress = Progress(sys.stderr, bar=sys.stderr.isatty() and not args.quiet)
    handler = BarLogHandler(progress)
    handler.setFormatter(PrintableFormatter("%(message)s"))
    level = logging.WARNING if args.quiet or (progress.bar and not args.verbose) else \
        logging.DEBUG if args.verbose else logging.INFO
    logging.basicConfig(level=level, handlers=[handler], force=True)
    signal.signal(signal.SIGTERM, _raise_on_sigterm)
    try:
        executor = executor_for(args.executor, args.jobs, args.scheduler)
    except ExecutorUnusable as exc:
        _say(f"error: {exc}", sys.stderr)
        return EXIT_USAGE
    # Dask's own lines (cluster start, every connection, a connection closing
    # under a lost scheduler) would drown the files' lines. Set after the
    # executor is made: importing distributed sets its logger to INFO.
    logging.getLogger("distributed").setLevel(logging.INFO if args.verbose else logging.ERROR)
    options = Options(jobs=args.jobs, limits=Limits(args.timeout, args.memory_limit), force=args.force,
                      formats=formats, follow_links=args.follow_links, wait=not args.no_wait, workbook=args.xlsx,
                      executor=executor, partition_by=args.partition_by, ocr=args.ocr)
    out = args.output_dir
    try:
        try:
            # Dask's driver may want pandas for its own purposes; the local pool never does.
            with without_pandas() if args.executor == "local" else contextlib.nullcontext():
                result = run_batch(args.input_dir, out, options, progress)
        finally:
            progress.close()
    except (OutputUnusable, ExecutorUnusable) as exc:
        _say(f"error: {exc}", sys.stderr)
        return EXIT_USAGE
    except DiskFull as exc:
        _say(f"disk_full: {exc}; {_kept(progress)}; previous datasets unchanged", sys.stderr)
        return EXIT_FAILED
    except ExecutorLost as exc:
        _say(f"cluster_lost: {exc}; {_kept(progress)}; previous datasets unchanged", sys.stderr)
        return EXIT_CLUSTER_LOST
    except (KeyboardInterrupt, Terminated) as exc:
        outcome = (f"datasets published to {out}" if progress.generation is not None
                   else "previous datasets unchanged")
        _say(f"interrupted: {_kept(progress)}; {outcome}", sys.stderr)
        return EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED
    parts = [f"{result.n_ok} ok ({result.n_warned} with warnings)", f"{result.n_failed} failed"]
    if result.n_skipped:
        parts.append(f"{result.n_skipped} skipped")
    parts.append(f"{result.n_cached} from cache")
    if result.n_ocr_pages:
        parts.append(f"{result.n_ocr_pages} pages OCR'd")
    _say(f"{_plural(result.n_files, 'file')}: {', '.join(parts)} → {out}")
    return EXIT_FAILED if result.n_failed else EXIT_OK


def _kept(progress: Progress) -> str:
    return f"{_plural(progress.parsed_and_kept, 'file')} parsed and cached for the next run"
