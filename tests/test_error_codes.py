"""Every error code the code base can emit is documented in docs/errors.md."""

from __future__ import annotations

import ast
import re

from tests.conftest import ROOT

# Calls that carry a code, and the position of the code among their arguments.
CODE_ARGUMENT = {"ExtractionError": 0, "Failure": 0, "error_row": 2, "Skipped": 1}


def emitted_codes() -> set[str]:
    codes: set[str] = set()
    for path in [*ROOT.glob("extractors/**/*.py"), *ROOT.glob("pipeline/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", None))
                position = CODE_ARGUMENT.get(name)
                if position is not None and len(node.args) > position:
                    arg = node.args[position]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        codes.add(arg.value)
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple):
                for target in node.targets:  # row.status, row.error_code = "error", "internal_error"
                    if isinstance(target, ast.Tuple):
                        for t, v in zip(target.elts, node.value.elts, strict=True):
                            if getattr(t, "attr", None) == "error_code" and isinstance(v, ast.Constant):
                                codes.add(v.value)
    return codes


def documented_codes() -> set[str]:
    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| `([a-z_]+)` \|", text, flags=re.M))


def test_every_emitted_code_is_documented():
    emitted = emitted_codes()
    assert {"empty_file", "hostile_xml", "zip_bomb", "timeout", "worker_crashed", "memory_limit",
            "corrupt_pdf", "encrypted", "no_text_layer", "disk_full", "hidden", "link_outside"} <= emitted
    assert emitted - documented_codes() == set()


def test_every_exit_code_is_documented():
    from pipeline import cli

    exits = {value for name, value in vars(cli).items() if name.startswith("EXIT_")}
    assert {0, 1, 2, 75, 130, 143} <= exits
    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    assert exits == {int(code) for code in re.findall(r"\*\*(\d+)\*\*", text)}
