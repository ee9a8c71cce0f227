"""A re-run parses only what changed, and the datasets reflect the inputs exactly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extractors.formats import FORMATS, readers_key
from pipeline.convert import convert
from pipeline.run import cache as cache_module
from pipeline.run.batch import Options, run_batch
from pipeline.run.cache import Cache
from tests.conftest import QZB, QZB_DOCX, read_dataset
from tests.docxgen import distinct_copy


@pytest.fixture()
def folders(tmp_path) -> tuple[Path, Path]:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in QZB_DOCX:
        shutil.copy(QZB / name, inputs / name)
    (inputs / "empty.docx").write_bytes(b"")
    return inputs, tmp_path / "out"


def cached_by_path(out: Path) -> dict[str, bool]:
    manifest = read_dataset(out, "manifest")
    return dict(zip(manifest.source_path, manifest.cached, strict=True))


def test_second_run_parses_nothing_and_writes_the_same_data(folders):
    inputs, out = folders
    first = run_batch(inputs, out, Options(jobs=2))
    assert not any(cached_by_path(out).values())
    tasks_before = read_dataset(out, "tasks")
    entries = {p: p.stat().st_mtime_ns for p in (out / ".cache").rglob("*.json")}
    assert len(entries) == 3  # the empty file's error is cached too

    second = run_batch(inputs, out, Options(jobs=2))
    assert all(cached_by_path(out).values())
    assert (second.n_cached, second.n_failed, first.n_failed) == (3, 1, 1)
    assert second.peak_worker_rss_kb == 0, "no worker was started"
    assert {p: p.stat().st_mtime_ns for p in (out / ".cache").rglob("*.json")} == entries
    assert read_dataset(out, "tasks").equals(tasks_before)


def test_a_cached_run_decodes_each_entrys_records_once(folders, monkeypatch):
    inputs, out = folders
    run_batch(inputs, out, Options(jobs=1))
    decoded: list[str] = []
    real = cache_module._decode_converted
    monkeypatch.setattr(cache_module, "_decode_converted",
                        lambda records: decoded.append(records["rows"]["documents"][0]["doc_id"]) or real(records))
    second = run_batch(inputs, out, Options(jobs=1))
    assert second.n_cached == 3
    assert sorted(decoded) == sorted(set(decoded)) and len(decoded) == 2  # the two notices; the error has none


def test_changed_added_and_removed_files_are_reflected(folders):
    inputs, out = folders
    run_batch(inputs, out, Options(jobs=2))
    changed = inputs / QZB_DOCX[0]
    changed.write_bytes(distinct_copy(changed.read_bytes(), "edited"))
    (inputs / "added.docx").write_bytes(distinct_copy((QZB / QZB_DOCX[1]).read_bytes(), "added"))
    (inputs / "empty.docx").unlink()

    run_batch(inputs, out, Options(jobs=2))
    assert cached_by_path(out) == {QZB_DOCX[0]: False, QZB_DOCX[1]: True, "added.docx": False}
    documents = read_dataset(out, "documents")
    assert sorted(documents.source_path) == sorted(["added.docx", *QZB_DOCX])
    assert len(read_dataset(out, "tasks")) == 3 * 42
    assert len(list((out / ".cache").rglob("*.json"))) == 3, "entries of vanished bytes are pruned"


def test_force_parses_everything_again(folders):
    inputs, out = folders
    run_batch(inputs, out, Options(jobs=2))
    run_batch(inputs, out, Options(jobs=2, force=True))
    assert not any(cached_by_path(out).values())


def test_unreadable_cache_entry_is_a_miss(folders):
    inputs, out = folders
    run_batch(inputs, out, Options(jobs=2))
    for entry in (out / ".cache").rglob("*.json"):
        entry.write_text("{not json")
    run_batch(inputs, out, Options(jobs=2))
    assert not any(cached_by_path(out).values())
    assert len(read_dataset(out, "tasks")) == 84


def test_entry_round_trips_and_another_parser_version_misses(tmp_path, monkeypatch):
    data = (QZB / QZB_DOCX[0]).read_bytes()
    converted = convert(data, "a.docx")
    cache = Cache(tmp_path, readers_key(FORMATS))
    cache.store(cache_module.Entry(converted.document.sha256, "docx", converted))
    loaded = cache.load(converted.document.sha256)
    assert loaded is not None and loaded.converted == converted
    monkeypatch.setattr(cache_module, "PARSER_VERSION", "next")
    assert Cache(tmp_path, readers_key(FORMATS)).load(converted.document.sha256) is None
