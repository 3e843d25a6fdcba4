"""Shared fixtures: throw-away projects with their own claims/ and counterexamples/."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


class Project:
    def __init__(self, path: Path) -> None:
        self.path = path
        (path / "claims").mkdir()
        (path / "claims" / "__init__.py").write_text("")
        (path / "claims" / "p900_demo").mkdir()
        (path / "claims" / "p900_demo" / "__init__.py").write_text("")

    def module(self, name: str, source: str) -> Path:
        target = self.path / "claims" / "p900_demo" / f"{name}.py"
        target.write_text(textwrap.dedent(source))
        return target

    def run(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        return subprocess.run(
            [sys.executable, "-m", "verify", *args], cwd=self.path, env=env, text=True,
            capture_output=True, timeout=timeout,
        )


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)
