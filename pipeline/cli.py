"""Command line: ``python -m pipeline build INPUT_DIR OUTPUT_DIR``, ``inspect FILE``, ``diff A B``, ``units …``.

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

from pipeline.analysis.inspection import inspect_file
from pipeline.analysis.task_diff import diff_files
from pipeline.analysis.unit_review import REVIEWED_FILE, SUGGESTIONS_FILE, accept, write_suggestions
from pipeline.datasets.xlsx import write_workbook
from pipeline.normalize.alias_table import ALIAS_DIR, AliasTableError, default_table
from pipeline.run.batch import Options, run_batch
from pipeline.run.progress import BarLogHandler, Progress
from pipeline.run.workers import Limits, default_jobs

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
    inspect = commands.add_parser("inspect", help="print one notice's metadata and task table, for a quick check")
    inspect.add_argument("file", type=Path)
    inspect.add_argument("--json", action="store_true", help="print the records as JSON instead of a table")
    inspect.add_argument("--width", type=int, help="table width in columns (default: the terminal's)")
    diff = commands.add_parser("diff",
                               help="how the tasks changed from notice A to notice B (e.g. two years' editions)")
    diff.add_argument("notice_a", type=Path)
    diff.add_argument("notice_b", type=Path)
    diff.add_argument("--width", type=int, help="line width in columns (default: the terminal's)")
    units = commands.add_parser("units", help="review unit names: propose aliases, accept reviewed ones")
    unit_commands = units.add_subparsers(dest="units_command", required=True)
    suggest = unit_commands.add_parser("suggest", help=f"write OUTPUT_DIR/{SUGGESTIONS_FILE}: abbreviations the "
                                       "rule proposes, for a person to review (nothing is applied)")
    suggest.add_argument("output_dir", type=Path)
    accept = unit_commands.add_parser("accept", help="add the rows marked accept=y of a review file to the alias table")
    accept.add_argument("review_file", type=Path)
    return parser


def _raise_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds like Ctrl-C: workers killed, staging removed


def _units(args: argparse.Namespace) -> int:
    if args.units_command == "suggest":
        if not (args.output_dir / "task_units.parquet").is_file():
            print(f"error: {args.output_dir} holds no task_units.parquet: run build first", file=sys.stderr)
            return EXIT_USAGE
        path, n = write_suggestions(args.output_dir)
        print(f"{n} suggested alias rows → {path} (mark accept=y, then: python -m pipeline units accept {path})")
        return EXIT_OK
    try:
        n = accept(args.review_file)
    except (OSError, AliasTableError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"{n} rows added to {ALIAS_DIR / REVIEWED_FILE}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "inspect":
        return EXIT_OK if inspect_file(args.file, args.json, args.width) else EXIT_FAILED
    if args.command == "diff":
        return EXIT_OK if diff_files(args.notice_a, args.notice_b, args.width) else EXIT_FAILED
    if args.command == "units":
        return _units(args)
    if not args.input_dir.is_dir():
        print(f"error: input folder {args.input_dir} does not exist", file=sys.stderr)
        return EXIT_USAGE
    try:
        default_table()  # a contradictory alias table stops the run before any file is parsed
    except AliasTableError as exc:
        print(f"error: alias table {ALIAS_DIR}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    progress = Progress(sys.stderr, bar=sys.stderr.isatty() and not args.quiet)
    handler = BarLogHandler(progress)
    handler.setFormatter(logging.Formatter("%(message)s"))
    level = logging.WARNING if args.quiet or (progress.bar and not args.verbose) else \
        logging.DEBUG if args.verbose else logging.INFO
    logging.basicConfig(level=level, handlers=[handler], force=True)
    signal.signal(signal.SIGTERM, _raise_on_sigterm)
    options = Options(jobs=args.jobs, limits=Limits(args.timeout, args.memory_limit), force=args.force)
    try:
        result = run_batch(args.input_dir, args.output_dir, options, progress)
    finally:
        progress.close()
    if args.xlsx:
        write_workbook(args.output_dir)
    print(f"{result.n_files} files: {result.n_ok} ok ({result.n_warned} with warnings), {result.n_failed} failed, "
          f"{result.n_cached} from cache → {args.output_dir}")
    return EXIT_FAILED if result.n_failed else EXIT_OK
