"""The CLI end to end on throw-away projects: gate, witnesses, replay, errors, time limits."""

from __future__ import annotations

import json
import time

from tests.conftest import Project

HEADER = """
import sympy as sp
from verify import Forall, Ints, Reals, Source, claim
SRC = Source("demo.txt", "Lemma 1", (10, 12))
x = sp.Symbol("x", real=True)
"""

GOOD = HEADER + """
@claim("p900/L-1", source=SRC, statement="x^2 >= 0", expect="PROVED")
def square() -> Forall:
    return Forall({x: Reals()}, then={"square": sp.Ge(x**2, 0, evaluate=False)})

@claim("p900/L-2", source=SRC, statement="k^2 >= k", over={"k": Ints(1)}, limit={"k": 30},
       expect="CHECKED")
def squares(k: int) -> bool:
    return k * k >= k

@claim("p900/L-3", source=SRC, statement="x^2 > 1 for x > 1/2 (false)", expect="REFUTED")
def wrong() -> Forall:
    return Forall({x: Reals()}, given={"x > 1/2": sp.Gt(x, sp.Rational(1, 2))},
                  then={"x^2 > 1": sp.Gt(x**2, 1)})
"""


def test_check_green_with_json_and_junit(project: Project) -> None:
    project.module("good", GOOD)
    r = project.run("check", "--json", "r.json", "--junit", "j.xml", "--no-cache")
    assert r.returncode == 0, r.stdout + r.stderr
    report = {e["id"]: e for e in json.loads((project.path / "r.json").read_text())}
    assert report["p900/L-1"]["status"] == "PROVED" and report["p900/L-1"]["gate"] == "pass"
    assert report["p900/L-2"]["scope"].startswith("k <= 30 of k >= 1")
    wit = report["p900/L-3"]["witness"]
    assert wit == "counterexamples/p900/L-3.json"
    for field in ("id", "paper", "source", "status", "expected", "gate", "scope", "backend",
                  "seconds", "witness"):
        assert field in report["p900/L-1"]
    assert "<testsuite" in (project.path / "j.xml").read_text()
    assert "good.py:" in r.stdout and "REFUTED p900/L-3" in r.stdout


def test_replay_and_tampered_witness(project: Project) -> None:
    project.module("good", GOOD)
    assert project.run("check", "p900/L-3", "--no-cache").returncode == 0
    path = project.path / "counterexamples" / "p900" / "L-3.json"
    data = json.loads(path.read_text())
    assert data["format"] == 2 and data["first_false"]["name"] == "x^2 > 1"
    r = project.run("replay", str(path))
    assert r.returncode == 0 and "REFUTED" in r.stdout, r.stdout + r.stderr
    data["assignment"]["x"] = "2"  # x = 2 satisfies x^2 > 1: no longer a counterexample
    path.write_text(json.dumps(data))
    r = project.run("replay", str(path))
    assert r.returncode == 1 and "no longer refutes" in r.stdout
    r = project.run("check", "p900/L-3", "--no-cache")
    assert r.returncode == 1 and "ERROR p900/L-3" in r.stdout


def test_replay_imports_no_solver(project: Project) -> None:
    project.module("good", GOOD)
    project.run("check", "p900/L-3", "--no-cache")
    code = ("import sys; from verify.cli import main; rc = main(['replay', "
            "'counterexamples/p900/L-3.json']); "
            "assert 'z3' not in sys.modules and 'highspy' not in sys.modules, 'solver imported'; "
            "sys.exit(rc)")
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    r = subprocess.run([sys.executable, "-c", code], cwd=project.path, text=True,
                       capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 0, r.stdout + r.stderr


def test_malformed_witness_and_unknown_id(project: Project) -> None:
    project.module("good", GOOD)
    bad = project.path / "bad.json"
    bad.write_text('{"format": 1, "claim": "p900/L-3"}')
    r = project.run("replay", str(bad))
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0 and "missing field" in r.stderr
    bad.write_text("{not json")
    r = project.run("replay", str(bad))
    assert r.returncode == 2 and "not valid JSON" in r.stderr
    r = project.run("check", "p900/NOPE")
    assert r.returncode == 2 and "unknown claim id 'p900/NOPE'" in r.stderr
    assert r.stderr.strip().count("\n") == 0


def test_import_error_is_one_line_and_others_run(project: Project) -> None:
    project.module("good", GOOD)
    project.module("broken", HEADER + "\nraise RuntimeError('bad module')\n")
    r = project.run("check", "--no-cache")
    assert r.returncode == 1
    lines = [ln for ln in r.stdout.splitlines() if ln.startswith("LOAD ERROR")]
    assert len(lines) == 1 and "RuntimeError: bad module" in lines[0] and "broken" in lines[0]
    assert "PROVED p900/L-1" in r.stdout


def test_hang_is_unknown_within_limit(project: Project) -> None:
    project.module("good", GOOD)
    project.module("hang", HEADER + """
import time

@claim("p900/H-1", source=SRC, statement="hangs", timeout=2, expect="UNKNOWN")
def hang() -> bool:
    while True:
        time.sleep(0.1)

@claim("p900/H-2", source=SRC, statement="crashes", expect="ERROR")
def crash() -> bool:
    import os
    os._exit(3)
""")
    start = time.monotonic()
    r = project.run("check", "--no-cache", "--jobs", "2", "--json", "r.json")
    elapsed = time.monotonic() - start
    report = {e["id"]: e for e in json.loads((project.path / "r.json").read_text())}
    assert report["p900/H-1"]["status"] == "UNKNOWN"
    assert report["p900/H-1"]["seconds"] <= 3.0
    assert report["p900/H-2"]["status"] == "ERROR"
    assert report["p900/L-1"]["status"] == "PROVED"
    assert r.returncode == 0, r.stdout
    assert elapsed < 60


def test_cache_reuses_verdicts(project: Project) -> None:
    project.module("good", GOOD)
    assert project.run("check", "p900/L-1").returncode == 0
    r = project.run("check", "p900/L-1")
    assert "cached" in r.stdout


def test_list_and_show(project: Project) -> None:
    project.module("good", GOOD)
    r = project.run("list", "--json")
    ids = [e["id"] for e in json.loads(r.stdout)]
    assert "p900/L-2" in ids
    r = project.run("show", "p900/L-2")
    assert "k >= 1" in r.stdout and "Lemma 1" in r.stdout


def test_stale_witness_is_an_error(project: Project) -> None:
    project.module("good", GOOD)
    project.run("check", "p900/L-3", "--no-cache")
    project.module("good", GOOD.replace("sp.Gt(x**2, 1)", "sp.Gt(x**2, 2)"))
    r = project.run("check", "p900/L-3", "--no-cache")
    assert r.returncode == 1 and "stale witness" in r.stdout
