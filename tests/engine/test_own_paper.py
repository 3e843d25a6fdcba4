"""Check your own paper (#11), end to end in a fresh folder outside this repository:
`mechverify init`, a false claim, the REFUTED line with its point, the witness in the
configured store, the replay command written inside it run as written, pytest red, then the
corrected claim green; and another project's claims never touch this repository's store."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

FALSE_L1 = '''

@paper.claim("L1", at=("Lemma 2", 7, 8), expect="PROVED",
             says="For every x >= 0, x^2 + 1 > 2x.")
def lemma_2() -> Forall:
    return Forall({x: Reals(0)}, then={"x^2 + 1 > 2x": sp.Gt(x**2 + 1, 2 * x)})
'''
CORRECTED_L1 = FALSE_L1.replace("sp.Gt(", "sp.Ge(").replace("> 2x", ">= 2x")


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def mechverify(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "verify", *args], cwd=cwd, env=env(),
                          text=True, capture_output=True, timeout=300)


def pytest_in(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
                          cwd=cwd, env=env(), text=True, capture_output=True, timeout=300)


def shell(cwd: Path, command: str) -> subprocess.CompletedProcess[str]:
    """`command` as written, through a shell, with `mechverify` meaning `python -m verify`."""
    script = f'mechverify() {{ "{sys.executable}" -m verify "$@"; }}\n{command}\n'
    return subprocess.run(["bash", "-c", script], cwd=cwd, env=env(), text=True,
                          capture_output=True, timeout=300)


def new_paper(folder: Path) -> Path:
    folder.mkdir()
    r = mechverify(folder, "init")
    assert r.returncode == 0, r.stdout + r.stderr
    with (folder / "claims" / "mypaper" / "claims.py").open("a") as f:
        f.write(FALSE_L1)
    return folder


def test_own_paper_from_init_to_green(tmp_path: Path) -> None:
    paper = new_paper(tmp_path / "paper")
    assert ROOT not in paper.resolve().parents
    r = mechverify(paper, "check")
    assert r.returncode == 1, r.stdout + r.stderr
    assert re.search(r"REFUTED mypaper/L1 at x=1 \(", r.stdout), r.stdout
    assert "PROVED mypaper/EX3" in r.stdout and "CHECKED mypaper/EX2" in r.stdout, r.stdout
    witness = paper / "counterexamples" / "mypaper" / "L1.json"
    data = json.loads(witness.read_text())
    assert data["assignment"] == {"x": "1"} and data["replay"] == (
        "mechverify replay counterexamples/mypaper/L1.json")
    r = shell(paper, data["replay"])
    assert r.returncode == 0, r.stdout + r.stderr
    assert "REFUTED mypaper/L1 at x=1" in r.stdout and "point:  x = 1" in r.stdout, r.stdout
    assert r.stdout.index("point:") < r.stdout.index("lhs = 2") < r.stdout.index("rhs = 2")
    r = pytest_in(paper)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "1 failed" in r.stdout and "mypaper/L1" in r.stdout, r.stdout
    assert "7 passed" in r.stdout, r.stdout  # five examples and the two witnesses' replays

    module = paper / "claims" / "mypaper" / "claims.py"
    module.write_text(module.read_text().replace(FALSE_L1, CORRECTED_L1))
    r = mechverify(paper, "check")
    assert r.returncode == 1 and "stale witness" in r.stdout, r.stdout + r.stderr
    advice = "mechverify check --update-witnesses mypaper/L1"
    assert advice in r.stdout, r.stdout
    r = shell(paper, advice)  # what the message says
    assert r.returncode == 0 and "PROVED mypaper/L1" in r.stdout, r.stdout + r.stderr
    assert not witness.exists()
    r = mechverify(paper, "check")
    assert r.returncode == 0, r.stdout + r.stderr
    r = pytest_in(paper)
    assert r.returncode == 0 and "7 passed" in r.stdout, r.stdout + r.stderr


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_other_claims_never_touch_this_repository_store(tmp_path: Path) -> None:
    paper = new_paper(tmp_path / "paper")
    before = snapshot(ROOT / "counterexamples")
    claims = paper / "claims"
    r = mechverify(ROOT, "check", "--claims", str(claims), "--no-cache", "--record",
                   str(tmp_path / "run.json"))
    assert r.returncode == 1 and "REFUTED mypaper/L1 at x=1" in r.stdout, r.stdout + r.stderr
    witness = paper / "counterexamples" / "mypaper" / "L1.json"
    data = json.loads(witness.read_text())
    assert data["replay"] == f"mechverify replay {witness} --claims {claims}"
    r = shell(ROOT, data["replay"])  # as written, from this project's root
    assert r.returncode == 0 and "REFUTED mypaper/L1" in r.stdout, r.stdout + r.stderr
    r = pytest_in(ROOT, str(claims), "--verify-no-cache")  # pytest on their folder
    assert r.returncode == 1 and "1 failed" in r.stdout, r.stdout + r.stderr
    assert snapshot(ROOT / "counterexamples") == before
    assert not (ROOT / "counterexamples" / "mypaper").exists()
