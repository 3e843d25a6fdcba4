"""`mechverify init` and `mechverify new` (verify/scaffold.py), end to end in fresh folders
outside this repository: the project `init` writes is in the claim shape of
docs/writing-claims.md (a `Paper` in the package, `@paper.claim`, readings, a finding, an
unencoded statement), every example gives the verdict its `expect=` records, and both gates
(`mechverify check`, `pytest`) are green right after `init`; a stub from `new` is an ERROR until
its statement is written; bad input is one line on stderr and exit 2, with nothing written."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT


def run(cwd: Path, *args: str, module: str = "verify") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    extra = ("-p", "no:cacheprovider") if module == "pytest" else ()
    return subprocess.run([sys.executable, "-m", module, *extra, *args], cwd=cwd, env=env,
                          text=True, capture_output=True, timeout=300)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def one_line_error(r: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert r.returncode == 2, r.stdout + r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mechverify: error: "), r.stderr
    assert all(n in lines[0] for n in needles), r.stderr


# --------------------------------------------------------------------------- init


def test_init_writes_a_project_whose_gates_are_green(tmp_path: Path) -> None:
    project = tmp_path / "paper"
    r = run(tmp_path, "init", "paper")
    assert r.returncode == 0, r.stdout + r.stderr
    assert files(project) == [".github/workflows/mechverify.yml", "claims/__init__.py",
                              "claims/mypaper/__init__.py", "claims/mypaper/claims.py",
                              "claims/mypaper/findings.py", "counterexamples/README.md",
                              "pyproject.toml"]
    package = project / "claims" / "mypaper"
    assert 'paper = Paper("mypaper", ' in (package / "__init__.py").read_text()
    module = (package / "claims.py").read_text()
    assert "@paper.claim(" in module and "Source(" not in module
    assert not re.search(r"^@claim\(", module, re.MULTILINE)  # the new shape only
    assert "paper.finding(" in (package / "findings.py").read_text()

    r = run(project, "check", "--jobs", "1")
    assert r.returncode == 0, r.stdout + r.stderr
    for verdict in (r"PROVED mypaper/EX1 whole domain: x in R, y in R \(z3 ",
                    r"CHECKED mypaper/EX2 n <= 30 of n >= 1 \(",
                    r"PROVED mypaper/EX3 whole domain: the closed statement \(",
                    r"PROVED mypaper/P1@le whole domain: p in \[0, 1\] \(",
                    r"REFUTED mypaper/P1@lt at p=1/2 \("):
        assert re.search(verdict, r.stdout), (verdict, r.stdout)
    assert "5 claims, 0 unexpected verdicts, 0 load errors, 0 witness errors: gate GREEN" in (
        r.stdout)
    assert "findings mypaper: 1 finding (1 typo)" in r.stdout, r.stdout
    witness = json.loads((project / "counterexamples" / "mypaper" / "P1@lt.json").read_text())
    assert witness["assignment"] == {"p": "1/2"}

    r = run(project, module="pytest")  # the claims as test items and the witness's replay
    assert r.returncode == 0 and "6 passed" in r.stdout, r.stdout + r.stderr

    r = run(project, "report", "--out", "pages")
    assert r.returncode == 0, r.stdout + r.stderr
    page = (project / "pages" / "mypaper.md").read_text()
    assert "Proposition 1 needs <=, not <" in page and "`mypaper/T3`" in page, page

    if importlib.util.find_spec("ruff") is not None:  # what a user's linter says of it
        r = subprocess.run([sys.executable, "-m", "ruff", "check", "--isolated", "--select",
                            "E,F,W,I,UP,B", "--line-length", "100", "claims"], cwd=project,
                           text=True, capture_output=True, timeout=120)
        assert r.returncode == 0, r.stdout + r.stderr


def test_init_appends_to_a_pyproject_without_the_table(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "my-paper"\n')
    r = run(tmp_path, "init", "--key", "im05")
    assert r.returncode == 0, r.stderr
    text = (tmp_path / "pyproject.toml").read_text()
    assert text.startswith('[project]\nname = "my-paper"\n') and "[tool.mechverify]" in text
    assert 'paper = Paper("im05", ' in (tmp_path / "claims" / "im05" / "__init__.py").read_text()
    assert "from claims.im05 import paper" in (tmp_path / "claims" / "im05" / "claims.py"
                                               ).read_text()
    r = run(tmp_path, "init", "elsewhere")  # another folder: fine
    assert r.returncode == 0 and (tmp_path / "elsewhere" / "pyproject.toml").is_file()
    (tmp_path / "again").mkdir()
    write(tmp_path / "again" / "pyproject.toml", '[tool.mechverify]\nclaims = "c"\n')
    one_line_error(run(tmp_path, "init", "again"), "already has a [tool.mechverify] table")


@pytest.mark.parametrize(("existing", "needle"), [
    ("claims/mypaper/claims.py", "claims/mypaper exists"),
    ("claims/mypaper/notes.txt", "claims/mypaper exists"),  # the package folder, any content
    ("claims/__init__.py", "claims/__init__.py exists"),
    ("counterexamples/README.md", "counterexamples/README.md exists"),
])
def test_init_refuses_to_overwrite(tmp_path: Path, existing: str, needle: str) -> None:
    write(tmp_path / existing, "# mine\n")
    one_line_error(run(tmp_path, "init"), needle, "not overwriting")
    assert files(tmp_path) == [existing]  # nothing written, nothing changed
    assert (tmp_path / existing).read_text() == "# mine\n"


@pytest.mark.parametrize(("args", "needle"), [
    (("init", "--key", "my-paper"), "--key 'my-paper'"),
    (("init", "--key", "class"), "--key 'class'"),
    (("init", "pyproject.toml"), "is a file; expected a folder"),
    (("new", "L 1"), "label 'L 1'"),
    (("new", ".L1"), "label '.L1'"),
    (("new", "L1", "--key", "9lives"), "--key '9lives'"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, args: tuple[str, ...],
                                          needle: str) -> None:
    write(tmp_path / "pyproject.toml", "")
    one_line_error(run(tmp_path, *args), needle)
    assert files(tmp_path) == ["pyproject.toml"]


# --------------------------------------------------------------------------- new


def test_a_new_stub_is_an_error_until_written(tmp_path: Path) -> None:
    assert run(tmp_path, "init").returncode == 0
    r = run(tmp_path, "new", "L1")
    assert r.returncode == 0 and "claims/mypaper/claims.py" in r.stdout, r.stdout + r.stderr
    module = tmp_path / "claims" / "mypaper" / "claims.py"
    text = module.read_text()
    assert '@paper.claim("L1", at=("L1", 1)' in text and "def l1() -> bool:" in text
    r = run(tmp_path, "check", "--jobs", "1")
    assert r.returncode == 1, r.stdout + r.stderr
    assert re.search(r"ERROR mypaper/L1 ", r.stdout) and "PROVED mypaper/L1" not in r.stdout
    assert "NotImplementedError: write the statement of mypaper/L1" in r.stdout, r.stdout
    assert "6 claims, 1 unexpected verdicts, 0 load errors" in r.stdout, r.stdout
    r = run(tmp_path, module="pytest")
    assert r.returncode == 1 and "1 failed" in r.stdout and "mypaper/L1" in r.stdout, r.stdout

    one_line_error(run(tmp_path, "new", "L1"), "claims/mypaper/claims.py already declares "
                   "mypaper/L1")
    write(tmp_path / "claims" / "mypaper" / "section2.py", '''
        from claims.mypaper import paper

        @paper.claim("L5", at="Lemma 5", says="...", expect="PROVED")
        def l5() -> bool:
            return True
    ''')
    one_line_error(run(tmp_path, "new", "L5"), "section2.py already declares mypaper/L5")
    assert module.read_text() == text


def test_new_starts_a_paper_package_when_there_is_none(tmp_path: Path) -> None:
    r = run(tmp_path, "new", "Thm2.a", "--key", "im05")
    assert r.returncode == 0, r.stderr
    package = tmp_path / "claims" / "im05"
    assert 'paper = Paper("im05", ' in (package / "__init__.py").read_text()
    assert "from claims.im05 import paper" in (package / "claims.py").read_text()
    assert run(tmp_path, "new", "L1").returncode == 0  # the only paper: im05
    text = (package / "claims.py").read_text()
    assert '@paper.claim("Thm2.a"' in text and '@paper.claim("L1"' in text
    assert "def thm2_a() -> bool:" in text and "def l1() -> bool:" in text
    r = run(tmp_path, "check", "--no-cache", "--jobs", "1")
    assert r.returncode == 1 and "0 load errors" in r.stdout, r.stdout + r.stderr
    assert r.stdout.count("NotImplementedError: write the statement of im05/") == 2, r.stdout


def test_new_needs_the_paper_object(tmp_path: Path) -> None:
    """A package without `paper = Paper(...)`, or a module that does not import it, would
    make the stub a load error: `new` says what is missing instead, and writes nothing."""
    write(tmp_path / "claims" / "old" / "__init__.py", "")
    one_line_error(run(tmp_path, "new", "L1", "--key", "old"),
                   "claims/old/__init__.py declares no paper", 'Paper("old"')
    write(tmp_path / "claims" / "old" / "__init__.py",
          'from verify.paper import Paper\n\npaper = Paper("old", "Old")\n')
    write(tmp_path / "claims" / "old" / "claims.py", "import sympy as sp\n")
    one_line_error(run(tmp_path, "new", "L1", "--key", "old"),
                   "claims/old/claims.py does not import the paper",
                   "from claims.old import paper")
    assert (tmp_path / "claims" / "old" / "claims.py").read_text() == "import sympy as sp\n"
