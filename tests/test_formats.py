"""The format registry: one table decides what the batch picks up, what reads
it, the ``source_format`` values and the README's formats list."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from extractors import extract, formats
from extractors.model import Cell, Document, ExtractionError, Paragraph, Row, Table
from pipeline.cli import main
from tests.conftest import ROOT, read_dataset

MAGIC = b"FAKE-NOTICE-FORMAT\n"
"""First line of the fake format's files."""

FAKE_NOTICE = """\
关于印发重点工作任务分解表的通知
序号|重点任务|牵头单位|完成时限
1|做好财政预决算公开|市财政局|2021年12月底前
2|推进重大决策公开|市政府办公室|2021年6月底前
"""
"""A notice in the fake format: one paragraph, then a table, one row a line, cells split at |."""


def is_fake(data: bytes) -> bool:
    return data.startswith(MAGIC)


def read_fake(data: bytes) -> Document:
    """The whole reader of the fake format: ``|`` lines are table rows, others paragraphs."""
    lines = data[len(MAGIC):].decode("utf-8").splitlines()
    rows = [line.split("|") for line in lines if "|" in line]
    table = Table(rows=tuple(
        Row(cells=tuple(Cell(text, r, c) for c, text in enumerate(cells)), is_header=r == 0)
        for r, cells in enumerate(rows)), n_cols=len(rows[0]))
    return Document(blocks=[*(Paragraph(line) for line in lines if "|" not in line), table], source_format="fake")


FAKE = formats.Format("fake", "a test's format", (".txt",), is_fake, f"{__name__}:read_fake")


@pytest.fixture
def fake_registered() -> Iterator[None]:
    formats.register(FAKE)
    yield
    formats.unregister("fake")


def test_a_format_registered_at_run_time_is_built_with_no_other_edit(fake_registered, tmp_path: Path) -> None:
    """``build`` picks up the new suffix, the workers read the files with the
    new reader, and their tasks reach the datasets; a ``.txt`` the format does
    not claim by content is an unsupported file, as any other."""
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    (inputs / "sub" / "notice.txt").write_bytes(MAGIC + FAKE_NOTICE.encode())
    (inputs / "notes.txt").write_text("not a notice")
    out = tmp_path / "out"
    assert main(["build", str(inputs), str(out), "--jobs", "1", "--quiet"]) == 1  # notes.txt fails
    manifest = read_dataset(out, "manifest").set_index("source_path")
    assert manifest.loc["sub/notice.txt", "source_format"] == "fake"
    assert manifest.loc["sub/notice.txt", "status"] == "ok"
    assert manifest.loc["notes.txt", "error_code"] == "unsupported_format"
    tasks = read_dataset(out, "tasks").sort_values("seq")
    assert list(tasks.task_no) == [1, 2]
    assert [list(u) for u in tasks.lead_units] == [["市财政局"], ["市政府办公室"]]
    assert list(tasks.deadline_text) == ["2021年12月底前", "2021年6月底前"]
    assert list(read_dataset(out, "documents").source_format) == ["fake"]


def test_an_unregistered_suffix_is_not_picked_up(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "notice.txt").write_bytes(MAGIC + FAKE_NOTICE.encode())
    out = tmp_path / "out"
    assert main(["build", str(inputs), str(out), "--jobs", "1", "--quiet"]) == 0
    manifest = read_dataset(out, "manifest")
    assert manifest[["source_path", "status", "error_code"]].values.tolist() == [
        ["notice.txt", "skipped", "unsupported_kind"]], "not parsed, but accounted for"


def test_content_decides_and_unknown_content_names_the_formats(fake_registered) -> None:
    assert extract(MAGIC + FAKE_NOTICE.encode()).source_format == "fake"
    with pytest.raises(ExtractionError) as caught:
        extract(b"plain text, no magic")
    assert caught.value.code == "unsupported_format"
    assert all(name in caught.value.message for name in ("pdf", "docx", "doc", "fake"))


def test_readme_lists_exactly_the_registered_formats() -> None:
    """The README's formats table has one row per registry line, in order."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("| format (`source_format`) |", 1)[1].split("\n\n", 1)[0]
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in table.splitlines()[2:]]
    listed = [(name.strip("`"), what, suffixes, needs) for name, what, suffixes, needs in rows]
    assert listed == [
        (f.name, f.description, ", ".join(f"`{s}`" for s in f.suffixes), f.needs or "") for f in formats.FORMATS
    ]
