"""docs/tutorial.md runs as written: its fenced code blocks, in order, in a fresh folder
outside this repository, with `mechverify` meaning `python -m verify` and `pytest` meaning
`python -m pytest` (PYTHONPATH points at this checkout, as in tests/conftest.py).

Block info strings (the first word is the language, as GitHub reads it):

- ```` ```bash ````: run with bash (`set -e`); ```` ```bash exit=1 ```` expects exit code 1;
  ```` ```bash no-test ```` is not run (installation);
- ```` ```python file=PATH ````: appended to PATH; ```` ```python file=PATH replace ````
  replaces PATH from the line equal to the block's first line to the end;
- ```` ```python run ````: run with python;
- ```` ```text ````: output shown to the reader; its first line (line numbers and the
  parenthesised back-end and time left out) must be a line of the previous block's output.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

TUTORIAL = ROOT / "docs" / "tutorial.md"
FENCE = re.compile(r"^```(\S+)([^\n]*)\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)


def blocks(text: str) -> list[tuple[str, dict[str, str], str]]:
    """(language, options, body) of every fenced block, in order."""
    out = []
    for m in FENCE.finditer(text):
        options: dict[str, str] = {}
        for word in m.group(2).split():
            key, _, value = word.partition("=")
            options[key] = value
        out.append((m.group(1), options, m.group(3)))
    return out


def normal(line: str) -> str:
    """A verdict line without what varies between runs: line numbers, back-end, seconds."""
    return re.sub(r"\s+", " ", re.sub(r"\(.*?\)", "()", re.sub(r":\d+:", ":", line))).strip()


def run_block(folder: Path, language: str, options: dict[str, str], body: str,
              previous: list[str]) -> str:
    """Run one block; what went wrong, or '' when it did what the page says. `previous`
    holds the output of the last block run (replaced by this block's)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if language == "bash":
        if "no-test" in options:
            return ""
        script = (f'set -e\nmechverify() {{ "{sys.executable}" -m verify "$@"; }}\n'
                  f'pytest() {{ "{sys.executable}" -m pytest -p no:cacheprovider "$@"; }}\n'
                  + body)
        r = subprocess.run(["bash", "-c", script], cwd=folder, env=env, text=True,
                           capture_output=True, timeout=300)
        previous[:] = [r.stdout]
        expected = int(options.get("exit", "0"))
        if r.returncode != expected:
            return (f"exit {r.returncode}, expected {expected}\n--- stdout\n{r.stdout}\n"
                    f"--- stderr\n{r.stderr}")
        return ""
    if language == "python" and "file" in options:
        path = folder / options["file"]
        text = path.read_text()
        if "replace" in options:
            first = body.splitlines()[0]
            lines = text.splitlines(keepends=True)
            starts = [i for i, line in enumerate(lines) if line.rstrip("\n") == first]
            if not starts:
                return f"{options['file']}: no line {first!r} to replace from"
            text = "".join(lines[:starts[0]]) + body
        else:
            text = text.rstrip("\n") + "\n\n\n" + body
        path.write_text(text)
        return ""
    if language == "python" and "run" in options:
        r = subprocess.run([sys.executable, "-c", body], cwd=folder, env=env, text=True,
                           capture_output=True, timeout=300)
        return "" if r.returncode == 0 else f"python exited {r.returncode}\n{r.stdout}{r.stderr}"
    if language == "text":
        shown = normal(body.splitlines()[0])
        if previous and shown not in {normal(line) for line in previous[0].splitlines()}:
            return f"the page shows {shown!r}; the output was:\n{previous[0]}"
        previous[:] = []
        return ""
    return f"unknown block kind: {language} {options}"


def test_tutorial_blocks_are_marked() -> None:
    kinds = [(lang, sorted(opts)) for lang, opts, _ in blocks(TUTORIAL.read_text())]
    assert ("bash", ["exit"]) in kinds and ("python", ["file"]) in kinds, kinds
    assert all(lang in ("bash", "python", "text") for lang, _ in kinds), kinds


@pytest.mark.tutorial
def test_tutorial_runs_as_written(tmp_path: Path) -> None:
    folder = tmp_path / "my-paper"
    folder.mkdir()
    assert ROOT not in folder.resolve().parents
    previous: list[str] = []
    for i, (language, options, body) in enumerate(blocks(TUTORIAL.read_text())):
        problem = run_block(folder, language, options, body, previous)
        assert not problem, f"block {i + 1} ({language} {options}):\n{body}\n{problem}"
    assert not (folder / "counterexamples" / "mypaper" / "L1.json").exists()
