"""Plain pytest collects claims as items (outcome = gate) and witness files as replay items."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT, Project
from tests.engine.test_cli import GOOD


def pytest_in(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider",
         "claims", "counterexamples", *args],
        cwd=project.path, env=env, text=True, capture_output=True, timeout=300,
    )


def test_claims_are_items_and_failures_show_verdicts(project: Project) -> None:
    project.module("good", GOOD)
    project.run("check", "--no-cache")  # stores the witness of L-3
    r = pytest_in(project, "-rA", "--verify-no-cache")
    assert "4 passed" in r.stdout, r.stdout  # 3 claims + 1 replay item
    project.module("good", GOOD.replace('expect="CHECKED"', 'expect="PROVED"'))
    r = pytest_in(project, "--verify-no-cache")
    assert r.returncode == 1
    assert "CHECKED p900/L-2" in r.stdout and "expected PROVED" in r.stdout
    assert "Traceback" not in r.stdout and "verify/engine.py" not in r.stdout
