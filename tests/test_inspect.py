"""``python -m pipeline inspect FILE``: readable table within the width, JSON equal to the records."""

from __future__ import annotations

import json
import re

import pytest

from pipeline.analysis.display_width import text_width, wrap
from pipeline.cli import main
from pipeline.convert import convert
from pipeline.datasets.records import record_dict
from tests.conftest import QZB, QZB_DOCX, QZB_PDF
from tests.docxgen import make_docx, p, tbl, tc, tr

DOCX = QZB / QZB_DOCX[0]
PDF = QZB / QZB_PDF[0]


def test_wrap_counts_cjk_as_two_columns():
    assert text_width("市发改委 ab") == 11
    assert wrap("市政府各部门", 5) == ["市政", "府各", "部门"]
    assert wrap("", 5) == [""]
    assert wrap("甲\n乙", 10) == ["甲", "乙"]
    assert wrap("市政府各部门；", 12) == ["市政府各部", "门；"]  # no line starts with ；
    assert wrap("市政府办公厅（市政务公开办）；市司法局", 14) == ["市政府办公厅（", "市政务公开", "办）；市司法局"]


@pytest.mark.parametrize(("path", "width"), [(DOCX, 80), (DOCX, 140), (PDF, 100)], ids=["docx80", "docx140", "pdf100"])
def test_table_fits_the_width_and_keeps_every_task(capsys, path, width):
    assert main(["inspect", str(path), "--width", str(width)]) == 0
    out = capsys.readouterr().out
    assert max(text_width(line) for line in out.splitlines()) <= width
    assert "[2] 着力提升政务服务工作实效" in out
    rows = [line.split("│")[0].strip() for line in out.splitlines() if "│" in line]
    assert [r for r in rows if r.isdigit()] == [str(n) for n in range(1, 43)]


def test_metadata_and_units_are_shown(capsys):
    main(["inspect", str(DOCX), "--width", "160"])
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["doc_id", convert(DOCX.read_bytes(), DOCX.name).document.doc_id]
    assert "n_tasks" in out and "市工商局；" in out  # task 5 leads, one unit a line


def test_pdf_shows_its_metadata_and_pages(capsys):
    main(["inspect", str(PDF), "--width", "120"])
    out = capsys.readouterr().out
    assert "doc_number        泉政办〔2018〕51号" in out and "signed_date       2018-06-12" in out
    header = next(line for line in out.splitlines() if line.startswith("序号"))
    assert header.endswith("页码")  # a DOCX has no pages, so only a PDF gets the column
    assert any(line.startswith("18 ") and line.endswith("6-7") for line in out.splitlines())  # broken by a page end


@pytest.mark.parametrize("path", [DOCX, PDF], ids=["docx", "pdf"])
def test_json_is_the_converted_records(capsys, path):
    assert main(["inspect", str(path), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    converted = convert(path.read_bytes(), path.name)
    as_json = lambda record: json.loads(json.dumps(record_dict(record), default=str))  # noqa: E731  dates → ISO
    assert payload["document"] == as_json(converted.document)
    assert payload["tasks"] == [as_json(t) for t in converted.tasks]


def test_unreadable_file_fails_with_a_message(capsys, tmp_path):
    assert main(["inspect", str(tmp_path / "missing.pdf")]) == 1
    assert "cannot read" in capsys.readouterr().err
    (tmp_path / "empty.docx").write_bytes(b"")
    assert main(["inspect", str(tmp_path / "empty.docx")]) == 1
    assert "empty_file" in capsys.readouterr().err


CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
"""What must never reach the terminal raw (the line feed ends a printed line)."""


@pytest.fixture
def hostile_names(tmp_path):
    """A notice whose title and a unit hold a C1 CSI (legal in DOCX XML, which
    refuses C0), in a file named with an ESC sequence and a line feed. The
    reader removes the CSI (docs/normalization.md), as a reader of the page
    never sees it; the name keeps its controls, and is escaped when printed."""
    body = p("关于印发政务公开\x9b31m工作任务的通知") + tbl(
        tr(tc("序号"), tc("工作任务"), tc("责任单位"), tc("完成时限")),
        tr(tc("1"), tc("公开预算信息"), tc("市财政局\x9b2J、市审计局"), tc("年底")))
    path = tmp_path / "a\x1b[31m\nb.docx"
    path.write_bytes(make_docx(body))
    return path


def test_control_characters_are_escaped_in_the_table(capsys, hostile_names):
    assert main(["inspect", str(hostile_names), "--width", "160"]) == 0
    out = capsys.readouterr().out
    assert not CONTROL.search(out)
    assert "source_path       a\\x1b[31m\\nb.docx" in out
    assert "title             关于印发政务公开31m工作任务的通知" in out
    assert any(line.startswith("1 ") and "市财政局2J；" in line for line in out.splitlines())
    assert any("│ 市审计局" in line for line in out.splitlines())  # a unit a line, as ever


def test_control_characters_are_escaped_in_the_json(capsys, hostile_names):
    assert main(["inspect", str(hostile_names), "--json"]) == 0
    out = capsys.readouterr().out
    assert not CONTROL.search(out)
    payload = json.loads(out)  # escaped the JSON way: the values are the records'
    assert payload["document"]["source_path"] == "a\x1b[31m\nb.docx"
    assert payload["document"]["title"] == "关于印发政务公开31m工作任务的通知"
    assert payload["tasks"][0]["responsible_units"] == ["市财政局2J", "市审计局"]


def test_diff_escapes_control_characters_too(capsys, hostile_names, tmp_path):
    """``diff`` shows the same notices' text: the title (the file's name for a
    notice without one), the changed units."""
    table = tbl(tr(tc("序号"), tc("工作任务"), tc("责任单位"), tc("完成时限")),
                tr(tc("1"), tc("公开预算信息"), tc("市审计局"), tc("年底")))
    untitled = tmp_path / "c\x1b[31m\nd.docx"
    untitled.write_bytes(make_docx(table))
    assert main(["diff", str(untitled), str(hostile_names), "--width", "100"]) == 0
    out = capsys.readouterr().out
    assert not CONTROL.search(out)
    assert "a: c\\x1b[31m\\nd.docx" in out
    assert "b: 关于印发政务公开31m工作任务的通知" in out
    assert "responsible_units: 市审计局 → 市财政局2J；市审计局" in out
