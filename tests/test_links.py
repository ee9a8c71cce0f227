"""Year-over-year links: the 2020 and 2021 editions of 漳州's notice.

The 2021 edition (tests/layout_docs.py, GBT_SIX_COLUMNS_2021) was made from
the 2020 one by hand: every year moved on, task 4 (公开财政预决算) got a new
具体措施, task 12 (办好政府开放日) was removed, 推进政务公开专区建设 was added
at the end of section 二, and task 5's lead unit is written 市发改委 instead of
市发展和改革委员会 (the same unit). The expected links below follow from those
changes.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.links.align import TaskVersion, align
from pipeline.links.series import mask_years
from tests.conftest import FIXTURES, read_dataset
from tests.layout_docs import docx, edition_docx

SAME = "same"
EXPECTED = (
    [(n, n, SAME, []) for n in (1, 2, 3)]
    + [(4, 4, "revised", ["requirement"])]
    + [(n, n, SAME, []) for n in range(5, 12)]
    + [(12, None, "dropped", [])]
    + [(n, n - 1, SAME, []) for n in range(13, 19)]
    + [(None, 18, "new", [])]
    + [(n, n, SAME, []) for n in range(19, 28)]
)


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("series")
    (folder / "in").mkdir()
    (folder / "in" / "漳政办2020.docx").write_bytes(docx("gbt_six_columns"))
    # the same 2020 notice as a PDF: one edition, not a third year
    (folder / "in" / "漳政办2020.pdf").write_bytes((FIXTURES / "layouts" / "gbt_six_columns.pdf").read_bytes())
    (folder / "in" / "漳政办2021.docx").write_bytes(edition_docx("gbt_six_columns_2021"))
    # another series (三明's) and a notice without issuer: no links
    (folder / "in" / "明政2022.docx").write_bytes(docx("gbt_landscape"))
    (folder / "in" / "two_tables.docx").write_bytes(docx("two_tables"))
    assert main(["build", str(folder / "in"), str(folder / "out"), "-q"]) == 0
    return folder / "out"


def test_links_are_exactly_the_changes_made(editions):
    links = read_dataset(editions, "task_links")
    documents = read_dataset(editions, "documents").set_index("doc_id")
    assert {documents.doc_number[d] for d in links.doc_id_a} == {"漳政办〔2020〕27号"}
    assert set(links.doc_id_b.map(documents.doc_number)) == {"漳政办〔2021〕15号"}
    def seq(value) -> int | None:
        return None if pd.isna(value) else int(value)

    got = [(seq(a), seq(b), status, list(changes))
           for a, b, status, changes in zip(links.seq_a, links.seq_b, links.status, links.changes, strict=True)]
    assert got == EXPECTED
    assert set(links.series) == {"漳州市人民政府办公室｜漳州市人民政府办公室关于印发＊年漳州市政务公开工作要点任务分解表的通知"}


def test_revised_link_shows_the_rewritten_requirement(editions):
    links = read_dataset(editions, "task_links")
    [revised] = links[links.status == "revised"].itertuples()
    assert revised.diff.startswith("公开财政预决算：[-围绕公开财政预决算，")
    assert "{+按规定公开预算、决算及相关报表" in revised.diff
    assert 0 < revised.similarity < 0.6  # paired by its title, not by the rewritten text
    same = links[links.status == SAME]
    assert (same.similarity == 1.0).all()
    [dropped] = links[links.status == "dropped"].itertuples()
    assert dropped.diff.startswith("[-办好政府开放日：") and pd.isna(dropped.similarity)


def test_diff_command_prints_the_links(editions, tmp_path, capsys):
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    a.write_bytes(docx("gbt_six_columns"))
    b.write_bytes(edition_docx("gbt_six_columns_2021"))
    assert main(["diff", str(a), str(b), "--width", "100"]) == 0
    out = capsys.readouterr().out
    assert "a: 漳政办〔2020〕27号" in out and "b: 漳政办〔2021〕15号" in out
    assert "~   4 → 4   revised" in out
    assert "-  12 → ·   dropped" in out
    assert "+   · → 18  new" in out
    assert out.rstrip().endswith("25 same, 1 revised, 1 new, 1 dropped")


def test_diff_command_fails_on_an_unreadable_file(tmp_path, capsys):
    (tmp_path / "empty.docx").write_bytes(b"")
    assert main(["diff", str(tmp_path / "empty.docx"), str(tmp_path / "empty.docx")]) == 1
    assert "empty_file" in capsys.readouterr().err


def test_years_alone_are_no_change():
    a = TaskVersion(1, "编制2020年度报告", "2021年1月31日前发布", "2021年1月31日前", ("漳州市政府办公室",))
    b = TaskVersion(1, "编制2021年度报告", "2022年1月31日前发布", "2022年1月31日前", ("漳州市政府办公室",))
    [link] = align([a], [b])
    assert (link.status, link.similarity, link.changes) == ("same", 1.0, ())
    assert link.diff == "编制202[-0-]{+1+}年度报告：202[-1-]{+2+}年1月31日前发布"


def test_a_changed_unit_revises_the_task():
    a = TaskVersion(1, "公开财政预决算", "按规定公开。", "", ("漳州市财政局",))
    b = TaskVersion(1, "公开财政预决算", "按规定公开。", "", ("漳州市财政局", "漳州市审计局"))
    [link] = align([a], [b])
    assert (link.status, link.changes) == ("revised", ("lead_units",))


def test_mask_years():
    assert mask_years("2019年政务公开工作要点（二〇一九年）") == "＊年政务公开工作要点（＊年）"
    assert mask_years("国办发〔2019〕14号") == "国办发〔＊〕14号"
