"""The README's layout table names every module, in the row of its folder."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("cjk", "extractors", "pipeline")
PLUMBING = {"__init__.py", "__main__.py"}


def layout_rows() -> dict[str, str]:
    """Folder (``pipeline/``) → the text of its row in the README's Layout table."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        if line.startswith("| `"):
            folder, text = line[3:].split("`", 1)
            rows[folder] = text
    return rows


def test_every_module_is_in_its_folders_row() -> None:
    rows = layout_rows()
    missing = []
    for package in PACKAGES:
        row = rows[f"{package}/"]
        for path in sorted((ROOT / package).rglob("*.py")):
            if path.name in PLUMBING:
                continue
            rel = path.relative_to(ROOT / package)
            named = f"`{path.name}`" in row or f"`{rel.as_posix()}`" in row
            if not named or any(f"`{sub}/`" not in row for sub in rel.parts[:-1]):
                missing.append(path.relative_to(ROOT).as_posix())
    assert missing == []


def test_the_table_lists_only_folders_that_exist() -> None:
    assert {folder.rstrip("/") for folder in layout_rows()} <= {p.name for p in ROOT.iterdir() if p.is_dir()}
