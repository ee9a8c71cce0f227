"""Data flows one way: an import against the flow fails this test.

The rules (README, "Layout"): readers know nothing about tasks; the CJK helpers
sit below readers and rules; the rule stages (structure, metadata, normalize)
see the document model only, never a reader, a runner, a writer or the CLI;
and the PDF/XML libraries are the readers' business alone. Imports are read
from the source with ``ast`` (nothing is imported), relative ones resolved;
``importlib.import_module`` with a computed name is out of its sight.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("cjk", "extractors", "pipeline")
"""What ships; tests and benchmarks may use pdfplumber & co. to check or time the readers."""

RULE_STAGES = ("pipeline.structure", "pipeline.metadata", "pipeline.normalize", "pipeline.vocabulary",
               "pipeline.patterns")
READER_LIBRARIES = ("pdfplumber", "pdfminer", "pypdfium2", "lxml")


@dataclass(frozen=True)
class Rule:
    importers: tuple[str, ...]
    """Modules the rule applies to (a package name covers its sub-modules)."""
    forbidden: tuple[str, ...]
    why: str
    allowed: tuple[str, ...] = ()
    """Exceptions inside *forbidden*."""
    exempt: tuple[str, ...] = ()
    """Importers inside *importers* the rule does not apply to."""


RULES = (
    Rule(("extractors", "cjk"), ("pipeline",), "readers and CJK helpers know nothing about tasks"),
    Rule(("cjk",), ("extractors",), "CJK helpers sit below the readers"),
    Rule(RULE_STAGES, ("pipeline.run", "pipeline.datasets", "pipeline.analysis", "pipeline.cli", "pipeline.convert"),
         "a rule stage never reaches forward to records, writers, the runner or the CLI"),
    Rule(RULE_STAGES, ("extractors",), "rule stages see the document model, not a reader",
         allowed=("extractors.model",)),
    Rule(PACKAGES, READER_LIBRARIES, "PDF and XML libraries are used by the readers only",
         exempt=("extractors",)),
)


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def imported_names(module: str, source: str, is_package: bool = False) -> set[str]:
    """Every module name *source* imports (for ``from a import b``: ``a`` and ``a.b``)."""
    package = module if is_package else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parent = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{parent}.{base}" if base else parent
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def violations(module: str, source: str, is_package: bool = False) -> list[str]:
    """``module imports name: why`` for every import that breaks a rule."""
    return [
        f"{module} imports {name}: {rule.why}"
        for name in sorted(imported_names(module, source, is_package))
        for rule in RULES
        if _within(module, rule.importers) and not _within(module, rule.exempt)
        and _within(name, rule.forbidden) and not _within(name, rule.allowed)
    ]


def tree_violations(root: Path) -> list[str]:
    """Violations in every module of the packages under *root*."""
    found = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            is_package = parts[-1] == "__init__"
            module = ".".join(parts[:-1] if is_package else parts)
            found += violations(module, path.read_text(encoding="utf-8"), is_package)
    return found


def test_the_code_imports_only_along_the_flow() -> None:
    assert tree_violations(ROOT) == []


def test_the_packages_are_scanned() -> None:
    modules = {p.relative_to(ROOT).as_posix() for p in ROOT.glob("*/**/*.py")}
    assert {"extractors/docx.py", "pipeline/structure/tasks.py", "cjk/text.py"} <= modules


@pytest.mark.parametrize(("module", "source"), [
    ("extractors.docx", "from pipeline.vocabulary import COLUMN_SYNONYMS"),
    ("cjk.text", "import extractors.model"),
    ("cjk.text", "from pipeline import vocabulary"),
    ("pipeline.structure.tasks", "from pipeline.run.batch import run_batch"),
    ("pipeline.structure.tasks", "from ..run import batch"),
    ("pipeline.metadata.notice", "from pipeline.datasets import writers"),
    ("pipeline.normalize.units", "from pipeline.analysis.inspection import render_text"),
    ("pipeline.normalize.units", "import pipeline.cli"),
    ("pipeline.structure.columns", "from extractors.pdf import extract_pdf"),
    ("pipeline.structure.columns", "from extractors import docx"),
    ("pipeline.convert", "import pdfplumber"),
    ("pipeline.normalize.text", "from lxml import etree"),
    ("cjk.text", "import pypdfium2 as pdfium"),
    ("pipeline.run.batch", "from pdfminer.high_level import extract_text"),
])
def test_a_forbidden_import_is_caught(module: str, source: str) -> None:
    assert len(violations(module, source)) >= 1


@pytest.mark.parametrize(("module", "source"), [
    ("extractors.docx", "from lxml import etree"),
    ("extractors.pdf", "import pdfplumber"),
    ("extractors.docx", "from cjk import text"),
    ("pipeline.structure.tasks", "from extractors.model import Document\nfrom cjk.text import join_lines"),
    ("pipeline.structure.tasks", "from .markers import parse_marker"),
    ("pipeline.convert", "from extractors import extract\nfrom pipeline.datasets.records import TaskRecord"),
    ("pipeline.run.batch", "from pipeline.datasets.writers import StagedOutput"),
])
def test_an_import_along_the_flow_passes(module: str, source: str) -> None:
    assert violations(module, source) == []


def test_a_forbidden_import_in_a_tree_is_found(tmp_path: Path) -> None:
    """The scanner itself, on a small tree with one import against the flow."""
    (tmp_path / "pipeline" / "structure").mkdir(parents=True)
    (tmp_path / "cjk").mkdir()
    (tmp_path / "pipeline" / "structure" / "__init__.py").write_text("from . import tasks\n")
    (tmp_path / "pipeline" / "structure" / "tasks.py").write_text(
        "from pipeline.structure.markers import parse_marker\nfrom ..datasets.writers import StagedOutput\n")
    (tmp_path / "cjk" / "text.py").write_text("import regex\n")
    assert tree_violations(tmp_path) == [
        "pipeline.structure.tasks imports pipeline.datasets.writers: "
        "a rule stage never reaches forward to records, writers, the runner or the CLI",
        "pipeline.structure.tasks imports pipeline.datasets.writers.StagedOutput: "
        "a rule stage never reaches forward to records, writers, the runner or the CLI",
    ]
