"""The conversion cache (pipeline/run/cache.py) and what the batch runner puts
in it: what is pruned, and which outcomes are never cached."""

from __future__ import annotations

import hashlib
import json
from datetime import date

from extractors.formats import FORMATS, readers_key
from pipeline import PARSER_VERSION
from pipeline.convert import convert
from pipeline.run.cache import Cache, Entry, Head
from pipeline.run.onefile import FileJob, Work, process_file
from pipeline.run.workers import Limits
from tests import hostile
from tests.conftest import CORPUS, QZB, QZB_DOCX


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_an_entry_is_found_by_its_bytes_and_this_parser_version(tmp_path):
    cache = Cache(tmp_path)
    first, same_bucket = "ab" * 32, "ab" + "cd" * 31  # entries are filed under the hash's first two digits
    cache.store(Entry(first, None, error_code="corrupt_docx", error="cut short"))
    cache.store(Entry(same_bucket, "docx", error_code="zip_bomb", error="too large"))
    assert cache.load(first) == Entry(first, None, None, "corrupt_docx", "cut short")
    assert cache.load(same_bucket) == Entry(same_bucket, "docx", None, "zip_bomb", "too large")
    assert cache.load("cd" * 32) is None
    assert cache.path(first).parent.parent == cache.dir and cache.dir.name.startswith(f"v{PARSER_VERSION}-")


def test_prune_drops_other_parser_versions_and_files_no_longer_in_the_input(tmp_path):
    cache = Cache(tmp_path)
    kept, gone = "ab" * 32, "cd" * 32
    for sha in (kept, gone):
        cache.store(Entry(sha, None, error_code="corrupt_docx", error="cut short"))
    older = tmp_path / ".cache" / "v0" / "ab" / f"{kept}.json"  # what an earlier release cached
    older.parent.mkdir(parents=True)
    older.write_text("{}")

    cache.prune({kept})

    assert sorted(p.relative_to(tmp_path / ".cache").as_posix() for p in (tmp_path / ".cache").rglob("*.json")) == \
        [f"{cache.dir.name}/ab/{kept}.json"]


def test_prune_of_an_output_folder_without_a_cache_does_nothing(tmp_path):
    Cache(tmp_path).prune(set())
    assert not (tmp_path / ".cache").exists()


def _process(tmp_path, name: str, data: bytes) -> tuple[Cache, str, str | None]:
    """Parse one file as a batch worker does: (the cache, its sha256, its error code)."""
    path = tmp_path / name
    path.write_bytes(data)
    cache = Cache(tmp_path / "out")
    row = process_file(FileJob(0, path, name, _sha(data)), cache, Work(convert, tuple(FORMATS), Limits()))
    return cache, _sha(data), row.error_code


def test_needing_libreoffice_is_not_cached(tmp_path, monkeypatch):
    """It depends on the machine, not on the file: once LibreOffice is installed
    the next run must read the file, not answer the old error from the cache."""
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    cache, sha, code = _process(tmp_path, "legacy.doc", hostile.ole_file())
    assert code == "needs_libreoffice"
    assert cache.load(sha) is None


def test_an_error_of_the_file_itself_is_cached(tmp_path):
    """A truncated DOCX stays truncated: the next run answers from the cache."""
    cache, sha, code = _process(tmp_path, "cut.docx", hostile.truncated((QZB / QZB_DOCX[0]).read_bytes()))
    assert code == "corrupt_docx"
    entry = cache.load(sha)
    assert entry is not None and entry.error_code == "corrupt_docx"


def test_a_good_file_is_cached_with_its_records(tmp_path):
    """What the cache answers is what converting the file gives, dates typed as dates."""
    data = (QZB / QZB_DOCX[0]).read_bytes()
    cache, sha, code = _process(tmp_path, "good.docx", data)
    entry = cache.load(sha)
    assert code is None and entry is not None and entry.source_format == "docx"
    assert entry.converted == convert(data, "good.docx")
    assert entry.converted.document.signed_date == date(2018, 6, 12)
    assert entry.converted.tasks[39].deadline_date == date(2018, 12, 31)


def _summary(head: Head | None) -> tuple | None:
    """What a head says about the file (the OCR fields aside)."""
    return None if head is None else (head.sha256, head.source_format, head.ok, head.n_tasks, head.n_pages,
                                      head.warnings, head.error_code)


def test_a_head_is_what_the_manifest_needs_without_the_records(tmp_path):
    data = (QZB / QZB_DOCX[0]).read_bytes()
    cache, sha, _ = _process(tmp_path, "good.docx", data)
    assert _summary(cache.head(sha)) == (sha, "docx", True, 42, None, [], None)
    assert cache.head("cd" * 32) is None
    bad_cache, bad, _ = _process(tmp_path, "cut.docx", hostile.truncated(data))
    head = bad_cache.head(bad)
    assert head is not None and (head.ok, head.n_tasks, head.error_code) == (False, 0, "corrupt_docx")


def test_the_cache_is_per_parser_version_and_readers(tmp_path):
    """By default the readers are this process's: another PDF engine is another cache."""
    assert Cache(tmp_path).dir == Cache(tmp_path, readers_key(FORMATS)).dir
    assert Cache(tmp_path, "pdfium").dir != Cache(tmp_path, "pdfminer").dir


def test_a_pdf_is_cached_with_its_page_count_and_warnings(tmp_path):
    """台山's clipped rendering: one page, and a warning that text lies outside it."""
    data = (CORPUS / "台山-政务公开工作任务.clipped.pdf").read_bytes()
    cache, sha, _ = _process(tmp_path, "clipped.pdf", data)
    entry = cache.load(sha)
    assert entry is not None and entry.converted == convert(data, "clipped.pdf")
    assert entry.converted.n_pages and entry.converted.warnings
    assert _summary(cache.head(sha)) == (sha, "pdf", True, len(entry.converted.tasks), entry.converted.n_pages,
                                         entry.converted.warnings, None)


def test_an_entry_of_another_parser_version_is_a_miss(tmp_path):
    """Same bytes, another parser: its records may differ, so they are not used."""
    cache = Cache(tmp_path)
    sha = "ab" * 32
    cache.store(Entry(sha, None, error_code="corrupt_docx", error="cut short"))
    head, records = cache.path(sha).read_text(encoding="utf-8").split("\n")
    cache.path(sha).write_text(json.dumps({**json.loads(head), "parser_version": "0"}) + "\n" + records,
                               encoding="utf-8")
    assert cache.load(sha) is None and cache.head(sha) is None
