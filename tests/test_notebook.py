"""notebooks/analysis.ipynb runs from a clean build and draws its plots with Chinese glyphs."""

from __future__ import annotations

import base64
import shutil
import warnings
from pathlib import Path

import matplotlib
import nbformat
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from nbclient import NotebookClient

from pipeline.analysis.cjk_font import use_cjk_font
from pipeline.cli import main
from pipeline.run.cache import CACHE_DIR
from tests.conftest import QZB, ROOT
from tests.layout_docs import docx, edition_docx

NOTEBOOK = ROOT / "notebooks" / "analysis.ipynb"
MISSING_GLYPH = ("missing from font", "findfont:")
"""What matplotlib prints when a label falls back to a font without the glyph."""


def _draw_chinese_label() -> list[str]:
    """Messages of the warnings raised while rendering a Chinese title."""
    fig = Figure()
    FigureCanvasAgg(fig)
    fig.add_subplot().set_title("牵头单位")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()
    return [str(w.message) for w in caught]


def test_cjk_font_draws_chinese_without_missing_glyphs():
    with matplotlib.rc_context({"font.family": "DejaVu Sans"}):
        assert any("missing from font" in m for m in _draw_chinese_label())  # the check can fail
    with matplotlib.rc_context():
        use_cjk_font()
        assert not any("missing from font" in m for m in _draw_chinese_label())


@pytest.fixture(scope="module")
def notebook_data(built_output, tmp_path_factory) -> Path:
    """The sample notice plus two editions of 漳州's notice, so the year-over-year section has a series to show.

    The cache of the sample's build is copied along: only the two editions are parsed."""
    folder = tmp_path_factory.mktemp("notebook")
    shutil.copytree(QZB, folder / "in")
    (folder / "in" / "漳政办〔2020〕27号.docx").write_bytes(docx("gbt_six_columns"))
    (folder / "in" / "漳政办〔2021〕15号.docx").write_bytes(edition_docx("gbt_six_columns_2021"))
    shutil.copytree(built_output / CACHE_DIR, folder / "out" / CACHE_DIR)
    assert main(["build", str(folder / "in"), str(folder / "out"), "--quiet"]) == 0
    return folder / "out"


@pytest.fixture(scope="module")
def executed(notebook_data, monkeypatch_module) -> nbformat.NotebookNode:
    monkeypatch_module.setenv("NOTICE_DATA_DIR", str(notebook_data))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    return notebook


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def _outputs(notebook: nbformat.NotebookNode) -> list[dict]:
    return [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]


def test_committed_notebook_has_no_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.outputs and c.execution_count is None for c in notebook.cells if c.cell_type == "code")


def test_notebook_draws_its_plots(executed):
    pngs = [base64.b64decode(o["data"]["image/png"]) for o in _outputs(executed) if "image/png" in o.get("data", {})]
    assert len(pngs) == 5  # lead units, responsible units, sections, deadlines by month, citation graph
    assert all(p.startswith(b"\x89PNG") and len(p) > 5000 for p in pngs)


def test_notebook_writes_no_warning(executed):
    """matplotlib reports a label it cannot draw ("Glyph … missing from font") on stderr."""
    stderr = "".join(o["text"] for o in _outputs(executed) if o["output_type"] == "stream" and o["name"] == "stderr")
    assert not any(marker in stderr for marker in MISSING_GLYPH), stderr
    assert "Warning" not in stderr, stderr  # e.g. a layout that does not fit its labels


def test_notebook_shows_tasks_units_and_citations(executed):
    html = "".join(o["data"].get("text/html", "") for o in _outputs(executed) if "data" in o)
    assert "全面推广“互联网+政务服务”" in html  # a task title in the notice table
    assert "市委编办（市审改办）" in html  # a lead unit in the per-unit counts
    assert "泉政办〔2018〕43号" in html  # a cited notice in the citation table


def test_notebook_shows_canonical_units_and_a_year_over_year_table(executed):
    html = "".join(o["data"].get("text/html", "") for o in _outputs(executed) if "data" in o)
    assert "泉州市委机构编制委员会办公室" in html  # 市委编办（市审改办） under its canonical name
    assert "漳州市发展和改革委员会" in html  # written 市发展和改革委员会 in 2020 and 市发改委 in 2021
    assert "推进政务公开专区建设" in html  # the task the 2021 edition adds
    assert "办好政府开放日" in html  # and the one it drops
