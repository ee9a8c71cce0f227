"""Tests read only tests/fixtures/ (and what they build in memory or in tmp_path):
raw/ is the user's folder for `make data`, and ../shared is not in a user's clone."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _paths_outside_fixtures(source: str) -> list[str]:
    """``… / "raw"``, ``"raw/…"`` and any path into shared/ written in *source*."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and isinstance(node.right, ast.Constant) \
                and node.right.value == "raw":
            found.append('/ "raw"')
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and (
                node.value.startswith(("raw/", "../raw")) or "shared/" in node.value or node.value.endswith("/shared")):
            found.append(node.value)
    return found


def test_the_check_sees_a_path_into_raw_or_shared():
    assert _paths_outside_fixtures('ROOT / "raw" / name') == ['/ "raw"']
    assert _paths_outside_fixtures('Path("../shared/corpus/a.pdf")') == ["../shared/corpus/a.pdf"]
    assert _paths_outside_fixtures('pytest.mark.parametrize(("raw", "canonical"), [])') == []


def test_no_test_reads_raw_or_shared():
    offenders = {
        path.relative_to(TESTS).as_posix(): found
        for path in sorted(TESTS.rglob("*.py"))
        if path != Path(__file__).resolve() and (found := _paths_outside_fixtures(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}
