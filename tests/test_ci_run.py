"""`.ci/run` installs the system programs some tests need (LibreOffice, strace)
when they are missing, so CI skips none of them; a user's `make test` skips
those tests with the reason instead, and under CI=true a missing one fails."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

CI_RUN = ROOT / ".ci" / "run"
LOGGER = '#!/bin/sh\necho "{name} $*" >> "$CALLS"\n'


def _run_ci(tmp_path: Path, have: tuple[str, ...], uid: int, ci: bool) -> tuple[list[str], str]:
    """Run .ci/run with a PATH holding only what it needs, *have* as stubs, and
    apt-get and make as stubs that log their calls; (calls, stderr)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "dirname"):
        (bin_dir / tool).symlink_to(shutil.which(tool) or pytest.skip(f"{tool} is not installed"))
    for name in ("apt-get", "make", *have):
        (bin_dir / name).write_text(LOGGER.format(name=name))
    (bin_dir / "id").write_text(f"#!/bin/sh\necho {uid}\n")
    for stub in bin_dir.iterdir():
        if not stub.is_symlink():
            stub.chmod(0o755)
    calls = tmp_path / "calls"
    env = {"PATH": str(bin_dir), "CALLS": str(calls), **({"CI": "true"} if ci else {})}
    done = subprocess.run([str(CI_RUN)], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return calls.read_text().splitlines(), done.stderr


@pytest.mark.parametrize(("have", "installed"), [
    ((), "libreoffice-writer-nogui strace"),
    (("soffice",), "strace"),
    (("libreoffice", "strace"), None),
])
@pytest.mark.parametrize("uid", [0, 1000], ids=["root", "ci-user"])
def test_ci_installs_what_is_missing(tmp_path, have, installed, uid):
    calls, _ = _run_ci(tmp_path, have, uid, ci=True)
    apt = ["apt-get update -qq", f"apt-get install -y -qq {installed}"] if installed else []
    assert calls == [*apt, "make test"]


def test_a_user_is_told_and_nothing_is_installed(tmp_path):
    calls, err = _run_ci(tmp_path, have=("soffice",), uid=1000, ci=False)
    assert calls == ["make test"]
    assert "not root, so not installing strace: the tests that need them will be skipped" in err


@pytest.mark.parametrize("ci", [False, True], ids=["user", "ci"])
def test_fault_injection_without_strace_skips_for_a_user_and_fails_in_ci(tmp_path, ci):
    """The publish tests with no strace on PATH: skipped with the reason, or under CI a failure."""
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"PATH": str(tmp_path)} | ({"CI": "true"} if ci else {})
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rsf", "-p", "no:cacheprovider",
                           "tests/test_atomic_output.py", "-k", "killed"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    if ci:
        assert done.returncode == 1 and "strace is missing: .ci/run installs it" in done.stdout
    else:
        assert done.returncode == 0 and "SKIPPED" in done.stdout
        assert "strace is not installed (Debian: apt-get install strace)" in done.stdout
