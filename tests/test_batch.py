"""A batch mixing the good sample notices with every kind of bad input: the run
goes on, exits 1, names each failure by its code, keeps every good task, and
lets nothing from outside the input files into any output."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from pipeline.cli import EXIT_FAILED, main
from pipeline.run.batch import Options, run_batch
from pipeline.run.workers import Limits
from tests import hooks, hostile, pdfgen
from tests.conftest import QZB, QZB_DOCX, read_dataset
from tests.docxgen import distinct_copy
from tests.expected.qzb_2018_51 import TASKS

MARKER = "XXE-MARKER-b7c1e2"


def _legacy_copy(soffice: str, docx: Path, folder: Path, suffix: str, profile: Path) -> Path:
    """A real .doc made by LibreOffice from a sample DOCX (named *suffix*: a .wps
    is the same binary format)."""
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(folder), str(docx)], check=True, capture_output=True,
                   timeout=120)
    made = folder / (docx.stem + ".doc")
    return made.rename(made.with_suffix(suffix))


def _task_rows(out: Path, rel: str) -> list[dict]:
    """The task rows of one input file as pandas reads them, in the expected values' fields."""
    tasks = read_dataset(out, "tasks")
    documents = read_dataset(out, "documents").set_index("source_path")
    fields = list(TASKS[0])
    rows = tasks[tasks.doc_id == documents.loc[rel, "doc_id"]].sort_values("seq")
    return [{f: (list(v) if f.endswith("_units") else v) for f, v in zip(fields, row, strict=True)}
            for row in rows[fields].astype(object).where(rows[fields].notna(), None).itertuples(index=False)]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> tuple[Path, dict[str, str | None]]:
    """Input folder → expected error code per file (None: ok, all 42 tasks)."""
    root = tmp_path_factory.mktemp("mixed")
    inputs = root / "in"
    inputs.mkdir()
    secret = root / "secret.txt"
    secret.write_text(MARKER)
    good = QZB / QZB_DOCX[0]
    files: dict[str, tuple[bytes, str | None]] = {
        "empty.docx": (b"", "empty_file"),
        "random.pdf": (hostile.random_bytes(), "unsupported_format"),
        "random.docx": (hostile.random_bytes(seed=7), "unsupported_format"),
        "truncated.docx": (hostile.truncated(good.read_bytes()), "corrupt_docx"),
        "xxe.docx": (hostile.xxe_docx(str(secret)), "hostile_xml"),
        "xxe-utf16.docx": (hostile.xxe_utf16_docx(str(secret)), "hostile_xml"),
        "late-dtd.docx": (hostile.late_doctype_docx(str(secret)), "hostile_xml"),
        "laughs.docx": (hostile.billion_laughs_docx(), "hostile_xml"),
        "bomb.docx": (hostile.zip_bomb_docx(), "zip_bomb"),
        "lying-extension.pdf": (distinct_copy(good.read_bytes(), "lying"), None),
        "nested/deeper/copy.docx": (distinct_copy((QZB / QZB_DOCX[1]).read_bytes(), "nested"), None),
        "truncated.pdf": (pdfgen.truncated_pdf(), "corrupt_pdf"),
        "encrypted.pdf": (pdfgen.encrypted_pdf(), "encrypted"),
        "scanned.pdf": (pdfgen.image_only_pdf(), "no_text_layer"),
    }
    for rel, (data, _) in files.items():
        (inputs / rel).parent.mkdir(parents=True, exist_ok=True)
        (inputs / rel).write_bytes(data)
    expected = {rel: code for rel, (_, code) in files.items()}
    for sample in sorted(QZB.glob("*.docx")) + sorted(QZB.glob("*.pdf")):
        shutil.copy(sample, inputs / sample.name)
        expected[sample.name] = None
    return inputs, expected


@pytest.fixture(scope="module")
def built(mixed, tmp_path_factory) -> tuple[Path, int]:
    inputs, _ = mixed
    out = tmp_path_factory.mktemp("out")
    return out, main(["build", str(inputs), str(out), "--jobs", "2", "--quiet"])


def test_run_with_failures_exits_1(built):
    assert built[1] == EXIT_FAILED


def test_every_file_has_its_code(mixed, built):
    manifest = read_dataset(built[0], "manifest")
    got = {row.source_path: (row.error_code if row.status == "error" else None) for row in manifest.itertuples()}
    assert got == mixed[1]
    errors = manifest[manifest.status == "error"]
    assert errors.error.str.len().gt(10).all(), "every error has a human message"
    assert not errors.error.str.contains("Traceback").any()


def test_good_files_have_all_their_tasks(mixed, built):
    manifest = read_dataset(built[0], "manifest").set_index("source_path")
    documents = read_dataset(built[0], "documents").set_index("source_path")
    good = [rel for rel, code in mixed[1].items() if code is None]
    assert sorted(documents.index) == sorted(good)
    for rel in good:
        assert manifest.loc[rel, "n_tasks"] == 42
        assert _task_rows(built[0], rel) == TASKS, rel


def test_doc_and_wps_files_are_read_through_libreoffice(soffice, tmp_path):
    """The legacy path end to end: a .doc and a .wps LibreOffice made of the two
    DOCX renderings give the notice's 42 tasks, as the DOCX files do."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name, suffix in zip(QZB_DOCX, (".doc", ".wps"), strict=True):
        _legacy_copy(soffice, QZB / name, inputs, suffix, tmp_path / "profile")
    run_batch(inputs, tmp_path / "out", Options(jobs=2))
    manifest = read_dataset(tmp_path / "out", "manifest").set_index("source_path")
    legacy = ["泉政办〔2018〕51号.doc", "泉政办〔2018〕51号-横版.wps"]
    assert sorted(manifest.index) == sorted(legacy)
    for rel in legacy:
        assert manifest.status[rel] == "ok", manifest.error[rel]
        assert any("LibreOffice" in w for w in manifest.warnings[rel])
        assert _task_rows(tmp_path / "out", rel) == TASKS, rel


def test_nothing_from_outside_the_inputs_reaches_any_output(built):
    outputs = [p for p in built[0].rglob("*") if p.is_file()]
    assert any(p.suffix == ".json" for p in outputs), "the cache is checked too"
    for path in outputs:
        assert MARKER.encode() not in path.read_bytes(), path


def test_zip_bomb_is_refused_within_a_few_hundred_mb(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bomb.docx").write_bytes(hostile.zip_bomb_docx(inflated_mb=512))
    result = run_batch(tmp_path / "in", tmp_path / "out", Options(jobs=1, limits=Limits(timeout=60, memory_mb=None)))
    assert read_dataset(tmp_path / "out", "manifest").error_code.tolist() == ["zip_bomb"]
    assert 0 < result.peak_worker_rss_kb < 300 * 1024


def test_identical_files_are_one_document(tmp_path):
    (tmp_path / "in").mkdir()
    for name in ("a.docx", "b.docx"):
        shutil.copy(QZB / QZB_DOCX[0], tmp_path / "in" / name)
    run_batch(tmp_path / "in", tmp_path / "out", Options(jobs=2))
    assert read_dataset(tmp_path / "out", "documents").source_path.tolist() == ["a.docx"]
    assert len(read_dataset(tmp_path / "out", "tasks")) == 42
    manifest = read_dataset(tmp_path / "out", "manifest")
    assert manifest.status.tolist() == ["ok", "ok"]
    assert list(manifest.warnings[1]) == ["same bytes as a.docx"]


def test_datasets_keep_scan_order_whatever_order_files_finish_in(tmp_path):
    """Rows are written while files are parsed, yet in the order of the scan:
    the first file, slow, finishes last of three parsed two at a time."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    sample = (QZB / QZB_DOCX[0]).read_bytes()
    slow = io.BytesIO(distinct_copy(sample, "a"))
    with zipfile.ZipFile(slow, "a") as package:
        package.comment = hooks.SLOW  # misbehaving_convert sleeps on it, then converts as usual
    (inputs / "a.docx").write_bytes(slow.getvalue())
    (inputs / "b.docx").write_bytes(distinct_copy(sample, "b"))
    (inputs / "c.docx").write_bytes(distinct_copy(sample, "c"))
    shutil.copy(inputs / "b.docx", inputs / "d.docx")
    run_batch(inputs, tmp_path / "out", Options(jobs=2, converter=hooks.misbehaving_convert))
    documents = read_dataset(tmp_path / "out", "documents")
    assert documents.source_path.tolist() == ["a.docx", "b.docx", "c.docx"]
    tasks = read_dataset(tmp_path / "out", "tasks")
    assert tasks.doc_id.drop_duplicates().tolist() == documents.doc_id.tolist()
    assert tasks.groupby("doc_id", sort=False).seq.apply(list).tolist() == [list(range(1, 43))] * 3
    manifest = read_dataset(tmp_path / "out", "manifest")
    assert manifest.source_path.tolist() == ["a.docx", "b.docx", "c.docx", "d.docx"]
    assert manifest.seconds[0] > hooks.SLOW_SECONDS > manifest.seconds[1]
