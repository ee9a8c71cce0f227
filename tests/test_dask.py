"""The Dask executor gives the local build's datasets, row for row, on a mixed
corpus (good notices, hostile files, a file that hangs, one that crashes its
process, one whose parse kills the Dask worker itself), and its cache serves
the next run like the local one's.

One LocalCluster of 2 worker processes (127.0.0.1) serves the module.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.cli import EXIT_FAILED, EXIT_USAGE, main
from pipeline.datasets.records import DATASETS
from pipeline.run.batch import Options, run_batch
from pipeline.run.workers import WORKER_ENVIRONMENT, Limits
from tests import dask_processes, hooks, hostile, partitioned, pdfgen
from tests.conftest import QZB, QZB_DOCX, QZB_PDF
from tests.docxgen import distinct_copy

pytest.importorskip("distributed", reason="the dask extra is not installed (pip install -e '.[dask]')")

from pipeline.run.dask_executor import DaskExecutor, local_cluster, worker_state

TIMEOUT = 15.0
"""Long enough for a 9-page PDF, and for OCR of the scanned page, on a 2-core
machine with six other busy processes (at 5 s the scan timed out in one build
and not the other); the hanging file costs this much per build."""
RERUN_TIMEOUT = 1.5
"""The re-run parses only the files whose failures are not cached (the hang, the crash, the hog, the bug)."""


@pytest.fixture(scope="module")
def cluster():
    with local_cluster(2) as running:
        yield running


def dask_options(cluster, **kwargs) -> Options:
    return Options(executor=DaskExecutor(cluster.scheduler_address, 2), **kwargs)


def datasets(out: Path) -> dict[str, list[dict]]:
    """Every dataset's rows in file order (a partitioned one's, folder by folder,
    with its `year`); the manifest's timings aside."""
    rows = {name: pq.read_table(out / f"{name}.parquet" if (out / f"{name}.parquet").exists() else out / name)
            .to_pylist() for name in DATASETS}
    for row in rows["manifest"]:
        del row["seconds"], row["ocr_seconds"]
    return rows


def cache_files(out: Path) -> dict[str, dict]:
    """Cache entries by path. The document's source_path aside: of two paths with
    the same bytes, the entry keeps whichever was parsed (the local pool parses
    both, in either order; the writer puts the first path in the datasets)."""
    entries = {}
    for path in (out / ".cache").rglob("*.json"):
        head, records = map(json.loads, path.read_text(encoding="utf-8").split("\n", 1))  # the cache's two lines
        if records is not None:
            records["rows"]["documents"][0]["source_path"] = None
        entries[path.relative_to(out).as_posix()] = (head, records)
    return entries


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    inputs = tmp_path_factory.mktemp("mixed")
    good = (QZB / QZB_DOCX[0]).read_bytes()
    files = {
        "empty.docx": b"",
        "random.pdf": hostile.random_bytes(),
        "truncated.docx": hostile.truncated(good),
        "xxe.docx": hostile.xxe_docx("/etc/hostname"),
        "bomb.docx": hostile.zip_bomb_docx(),
        "encrypted.pdf": pdfgen.encrypted_pdf(),
        "scanned.pdf": pdfgen.image_only_pdf(),
        "hang.pdf": b"%PDF-1.7\n" + hooks.HANG,
        "crash.pdf": b"%PDF-1.7\n" + hooks.CRASH,
        "hog.pdf": b"%PDF-1.7\n" + hooks.HOG,
        "bug.pdf": b"%PDF-1.7\n" + hooks.BUG,
        "notes.txt": b"not a notice",
        ".hidden.docx": good,
        "nested/copy.docx": distinct_copy((QZB / QZB_DOCX[1]).read_bytes(), "nested"),
        "nested/same-bytes.docx": good,
    }
    for rel, data in files.items():
        (inputs / rel).parent.mkdir(parents=True, exist_ok=True)
        (inputs / rel).write_bytes(data)
    for name in [*QZB_DOCX, QZB_PDF[0]]:
        shutil.copy(QZB / name, inputs / name)
    return inputs


def mixed_options(timeout: float = TIMEOUT, **kwargs) -> Options:
    # 2048 MB: the scanned file is read by OCR, whose models need about 1.5 GB of address space.
    return Options(jobs=2, limits=Limits(timeout=timeout, memory_mb=2048), converter=hooks.misbehaving_convert,
                   **kwargs)


@pytest.fixture(scope="module")
def builds(cluster, mixed, tmp_path_factory) -> dict:
    """The mixed corpus built twice (the second run from the cache) by each executor."""
    local, on_dask = tmp_path_factory.mktemp("local"), tmp_path_factory.mktemp("dask")
    executor = DaskExecutor(cluster.scheduler_address, 2)
    run_batch(mixed, local, mixed_options())
    run_batch(mixed, on_dask, mixed_options(executor=executor))
    firsts = {"local": datasets(local), "dask": datasets(on_dask)}
    caches = {"local": cache_files(local), "dask": cache_files(on_dask)}
    run_batch(mixed, local, mixed_options(RERUN_TIMEOUT))
    run_batch(mixed, on_dask, mixed_options(RERUN_TIMEOUT, executor=executor))
    return {"local": local, "dask": on_dask, "firsts": firsts, "caches": caches}


def test_dask_build_equals_local_build_row_for_row(builds):
    local, on_dask = builds["firsts"]["local"], builds["firsts"]["dask"]
    assert local == on_dask
    manifest = {row["source_path"]: row for row in on_dask["manifest"]}
    # what each file is, read from the corpus as built above
    assert {path: (row["status"], row["error_code"]) for path, row in manifest.items() if row["status"] != "ok"} == {
        "empty.docx": ("error", "empty_file"), "random.pdf": ("error", "unsupported_format"),
        "truncated.docx": ("error", "corrupt_docx"), "xxe.docx": ("error", "hostile_xml"),
        "bomb.docx": ("error", "zip_bomb"), "encrypted.pdf": ("error", "encrypted"),
        "scanned.pdf": ("error", "no_text_layer"), "hang.pdf": ("error", "timeout"),
        "crash.pdf": ("error", "worker_crashed"), "hog.pdf": ("error", "memory_limit"),
        "bug.pdf": ("error", "internal_error"), "notes.txt": ("skipped", "unsupported_kind"),
        ".hidden.docx": ("skipped", "hidden"),
    }
    assert "SIGSEGV" in manifest["crash.pdf"]["error"]
    assert manifest[QZB_DOCX[0]]["warnings"] == ["same bytes as nested/same-bytes.docx"]  # scanned first
    # every good file is a rendering of 泉政办〔2018〕51号, and the same bytes twice are one document
    assert {row["source_path"]: row["n_tasks"] for row in on_dask["documents"]} == {
        "nested/copy.docx": 42, "nested/same-bytes.docx": 42, QZB_DOCX[1]: 42, QZB_PDF[0]: 42}
    assert on_dask["task_links"] == []  # no two editions of one series here


def test_the_driver_writes_the_cache_the_local_workers_write(builds):
    assert builds["caches"]["dask"] == builds["caches"]["local"]
    assert len(builds["caches"]["dask"]) == 4 + 7  # 4 distinct good files, and 7 errors that the bytes cause


def test_cached_rerun_is_the_same_on_both(builds):
    local, on_dask = datasets(builds["local"]), datasets(builds["dask"])
    assert local == on_dask
    cached = {row["source_path"]: row["cached"] for row in on_dask["manifest"] if row["status"] != "skipped"}
    retried = {"hang.pdf", "crash.pdf", "hog.pdf", "bug.pdf"}  # the limits' and the worker's failures
    assert {path for path, hit in cached.items() if not hit} == retried
    first = {k: v for k, v in builds["firsts"]["dask"].items() if k != "manifest"}
    assert {k: v for k, v in on_dask.items() if k != "manifest"} == first


def test_both_publish_a_generation_behind_current(builds):
    for out in (builds["local"], builds["dask"]):
        assert (out / "current").is_symlink()
        assert os.readlink(out / "tasks.parquet") == "current/tasks.parquet"
        assert not list((out / ".generations").glob("*.partial"))


def test_partitioned_dask_build_equals_partitioned_local_build(cluster, tmp_path):
    """--partition-by year on the cluster writes the local build's partitions,
    file for file; when one year's input changes, that file alone is parsed again
    (the others come from the cache) and that year alone is rewritten (the others
    are carried: the same inodes), both ways."""
    inputs = partitioned.fill(tmp_path / "in", partitioned.YEARS)
    local, on_dask = tmp_path / "local", tmp_path / "dask"
    options = Options(jobs=2, partition_by="year")

    def build_both() -> None:
        run_batch(inputs, local, options)
        run_batch(inputs, on_dask, replace(options, executor=DaskExecutor(cluster.scheduler_address, 2)))
        assert datasets(on_dask) == datasets(local)
        files = {out: {p.relative_to(out / "current").as_posix(): p.read_bytes()
                       for p in (out / "current").rglob("part-*")} for out in (local, on_dask)}
        assert files[on_dask] == files[local]

    build_both()
    years = {row["source_path"]: str(row["year"]) for row in datasets(on_dask)["documents"]}
    assert years == partitioned.YEARS
    first = partitioned.inodes(on_dask)
    assert {path.split("/")[-2] for path in first} == {"year=2018", "year=2019", "year=unknown"}

    edited = QZB_DOCX[1]  # one of 2018's notices in new bytes: a new document (doc_id) of the same text
    (inputs / edited).write_bytes(distinct_copy((QZB / edited).read_bytes(), "edited"))
    build_both()
    manifest = datasets(on_dask)["manifest"]
    assert {row["source_path"]: row["cached"] for row in manifest} == {
        path: path != edited for path in partitioned.YEARS}
    second = partitioned.inodes(on_dask)
    assert sorted(second) == sorted(first)
    assert {path for path in second if second[path] != first[path]} == {path for path in second if "year=2018" in path}


def test_a_file_that_kills_its_dask_worker_twice_is_worker_crashed(cluster, tmp_path):
    """The Dask worker process itself dies (as under the OOM killer): the scheduler
    tries another worker once, then gives up; the run goes on."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "killer.pdf").write_bytes(b"%PDF-1.7\n" + hooks.KILL_HOST)
    shutil.copy(QZB / QZB_DOCX[0], inputs / "good.docx")
    options = dask_options(cluster, limits=Limits(timeout=60), converter=hooks.misbehaving_convert)
    started = time.monotonic()
    result = run_batch(inputs, tmp_path / "out", options)
    manifest = {row["source_path"]: row for row in pq.read_table(tmp_path / "out" / "manifest.parquet").to_pylist()}
    assert manifest["killer.pdf"]["error_code"] == "worker_crashed"
    assert "died 2 times" in manifest["killer.pdf"]["error"]
    assert manifest["good.docx"]["n_tasks"] == 42
    assert (result.n_failed, result.n_ok) == (1, 1)
    assert time.monotonic() - started < 60, "not waited out: the worker's death is noticed at once"
    from distributed import Client

    with Client(cluster) as client:
        client.wait_for_workers(2, timeout=30)  # the nannies restarted both workers for the next test


def test_cli_dask_build_on_its_own_local_cluster(tmp_path):
    """`build --executor dask` without --scheduler starts and stops its own LocalCluster."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(QZB / QZB_DOCX[0], inputs / "good.docx")
    (inputs / "empty.docx").write_bytes(b"")
    assert main(["build", str(inputs), str(tmp_path / "local"), "--quiet"]) == EXIT_FAILED
    assert main(["build", str(inputs), str(tmp_path / "dask"), "--quiet", "--executor", "dask",
                 "--jobs", "2"]) == EXIT_FAILED
    assert datasets(tmp_path / "dask") == datasets(tmp_path / "local")


def test_scheduler_without_dask_executor_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    assert main(["build", str(tmp_path / "in"), str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:1"]) \
        == EXIT_USAGE
    assert "--executor dask" in capsys.readouterr().err


def test_existing_cluster_started_as_the_docs_say(tmp_path, capsys):
    """`dask scheduler` + `dask worker` processes: a worker started without
    DASK_DISTRIBUTED__WORKER__DAEMON=False is refused with one line, before any
    file is submitted; one started with it builds the local build's datasets."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(QZB / QZB_DOCX[1], inputs / "good.docx")
    scheduler, address = dask_processes.start_scheduler(tmp_path)
    workers: list[subprocess.Popen] = []
    try:
        workers.append(dask_processes.start(*dask_processes.worker_args(address, 2)))
        build = ["build", str(inputs), str(tmp_path / "dask"), "--quiet", "--executor", "dask", "--scheduler", address]
        assert main(build) == EXIT_USAGE
        assert "DASK_DISTRIBUTED__WORKER__DAEMON=False" in capsys.readouterr().err
        dask_processes.stop(workers.pop())
        workers.append(dask_processes.start(*dask_processes.worker_args(address, 2), env=dask_processes.WORKER_ENV))
        from distributed import Client

        with Client(address) as client:  # until the scheduler has seen the first worker go and the second come
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                states = client.run(worker_state).values()
                if states and not any(daemonic for _, daemonic in states):
                    break
                time.sleep(0.2)
        assert main(build) == 0
    finally:
        for process in [*workers, scheduler]:
            dask_processes.stop(process)
    assert main(["build", str(inputs), str(tmp_path / "local"), "--quiet"]) == 0
    assert datasets(tmp_path / "dask") == datasets(tmp_path / "local")


def test_local_workers_get_the_environment_dask_gives_its_workers():
    """The per-file processes under Dask inherit the nanny's environment; the
    local pool's get the same (pipeline.run.workers), so a --memory-limit that
    one passes the other passes too."""
    import dask

    nanny = dask.config.get("distributed.nanny.pre-spawn-environ")
    assert {name: str(value) for name, value in nanny.items()} == WORKER_ENVIRONMENT
