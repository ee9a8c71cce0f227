"""`make` refuses an unsupported Python and rebuilds a .venv another Python made."""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")

FAKE_PYTHON = textwrap.dedent('''\
    #!/bin/sh
    # Stands in for a Python {version}: answers the version query, makes a "venv" of itself, accepts the rest.
    case "$1 $2" in
      "-c "*) echo {version} ;;
      "-m venv") mkdir -p "$3/bin" && cp "$0" "$3/bin/python" ;;
    esac
    exit 0
''')


def _python(folder: Path, version: str) -> Path:
    path = folder / f"python{version}"
    path.write_text(FAKE_PYTHON.format(version=version))
    path.chmod(0o755)
    return path


@pytest.fixture()
def project(tmp_path) -> Path:
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def test_unsupported_python_is_refused_with_what_to_do(project):
    run = subprocess.run(["make", "install", f"PYTHON={_python(project, '3.10')}"], cwd=project,
                         capture_output=True, text=True)
    assert run.returncode != 0
    assert "is Python 3.10: notice-tasks needs Python 3.11 or newer" in run.stderr
    assert not (project / ".venv").exists()


def test_venv_of_another_python_is_rebuilt(project):
    subprocess.run(["make", "install", f"PYTHON={_python(project, '3.11')}"], cwd=project, check=True,
                   capture_output=True)
    assert (project / ".venv" / ".installed-python3.11").exists()
    run = subprocess.run(["make", "install", f"PYTHON={_python(project, '3.12')}"], cwd=project,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "was made by another Python than" in run.stdout and "(3.12): rebuilding it" in run.stdout
    assert [p.name for p in (project / ".venv").glob(".installed*")] == [".installed-python3.12"]
