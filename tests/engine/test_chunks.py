"""Chunks of one claim's sweep (verify.runner.Chunked, verify.engine.check_chunk and
merge_chunks): a sweep split into chunks of consecutive points gives exactly the verdict,
scope, evidence, back-ends and witness of the whole sweep, on the fork pool and on Dask; the
first failing point in the domain's order wins; failed chunks merge conservatively; chunk
results live in the verdict cache, so an interrupted sweep resumes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, Project
from tests.engine.test_executors import comparable, dask_only
from verify.engine import Settings

SWEEPS = """
import sympy as sp
from verify import Forall, Ints, Choice, Source, assume, claim, evidence, note
SRC = Source("demo.txt", "Lemma 4", (40, 49))
x = sp.Symbol("x", real=True)

@claim("p900/C-1", source=SRC, statement="(x - k)^2 + k >= 0", over={"k": Ints(1)},
       limit={"k": 8}, expect="CHECKED")
def square_shift(k: int) -> Forall:
    return Forall({x: Ints(-3, 3)}, then={"nonneg": sp.Ge((x - k)**2 + k, 0, evaluate=False)})

@claim("p900/C-2", source=SRC, statement="n m < 20 for odd n (false)",
       over={"n": Ints(1), "m": Ints(1)}, limit={"n": 6, "m": 6}, expect="REFUTED")
def product(n: int, m: int) -> bool:
    assume(n % 2 == 1)
    note(product=n * m)
    evidence(f"n m = {n * m} exactly")
    return n * m < 20

@claim("p900/C-3", source=SRC, statement="(x - 2)^2 + a >= 1 (false from a = 0, at x = 2 only)",
       over={"a": Choice([3, 2, 1, 0, -1, -2, -3])}, expect="REFUTED")
def shifted(a: int) -> Forall:
    return Forall({x: Ints(0, 4)}, then={"(x - 2)^2 + a >= 1": sp.Ge((x - 2)**2 + a, 1, evaluate=False)})

@claim("p900/C-5", source=SRC, statement="x^2 >= x + a (false at a = 1 for x = 0 and 1)",
       over={"a": Choice([-3, -2, -1, 0, 1, 2, 3])}, expect="REFUTED")
def several(a: int) -> Forall:
    return Forall({x: Ints(0, 4)}, then={"x^2 >= x + a": sp.Ge(x**2, x + a, evaluate=False)})

@claim("p900/C-4", source=SRC, statement="x^3 >= x for x > k, vacuous from k = 2",
       over={"k": Ints(1)}, limit={"k": 12}, expect="CHECKED")
def cubes(k: int) -> Forall:
    return Forall({x: Ints(0, 2)}, given={"x > k": sp.Gt(x, k, evaluate=False)},
                  then={"x^3 >= x": sp.Ge(x**3, x, evaluate=False)})
"""

SLOW = """
import time
from pathlib import Path
from verify import Ints, Source, claim
SRC = Source("demo.txt", "Lemma 5", (50, 51))

@claim("p900/R-1", source=SRC, statement="k + 1 > k, slowly", over={"k": Ints(1)},
       limit={"k": 40}, expect="CHECKED")
def slow(k: int) -> bool:
    with open(Path(__file__).parents[2] / "visited.txt", "a") as f:
        f.write(f"{k}\\n")
    time.sleep(0.15)
    return k + 1 > k
"""


def registry_of(project: Project, monkeypatch: pytest.MonkeyPatch, name: str,
                source: str) -> Any:
    from verify.claim import load_claims

    project.module(name, source)
    monkeypatch.chdir(project.path)
    monkeypatch.syspath_prepend(str(project.path))
    return load_claims(project.path / "claims")


def runs(registry: Any, settings: Settings, executor: Any = None, **chunking: Any) -> Any:
    from dataclasses import replace

    from verify.runner import run

    return run(registry, registry.checkable(), replace(settings, **chunking), jobs=2,
               executor=executor)


def same_verdicts(chunked: dict[str, Any], whole: dict[str, Any]) -> None:
    """The verdicts of SWEEPS agree; C-5 has two counterexamples at its first failing point
    a = 1: which one z3 gives depends on the queries its process answered before, so only
    the point and the verdict are compared (docs/scale-out.md)."""
    chunked, whole = dict(chunked), dict(whole)
    several = chunked.pop("p900/C-5")
    assert several.status.value == "REFUTED" and several.witness.params == {"a": "1"}
    assert several.witness.assignment in ({"x": "0"}, {"x": "1"})
    assert whole.pop("p900/C-5").witness.params == {"a": "1"}
    assert comparable(chunked) == comparable(whole)


def test_chunked_sweeps_give_the_whole_sweeps_verdicts(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    from verify.store import Store

    registry = registry_of(project, monkeypatch, "sweeps", SWEEPS)
    store = Store(Path("counterexamples"))
    settings = Settings(timeout=60, store=store)
    whole = runs(registry, settings)
    assert {c: v.status.value for c, v in whole.items()} == {
        "p900/C-1": "CHECKED", "p900/C-2": "REFUTED", "p900/C-3": "REFUTED",
        "p900/C-4": "CHECKED", "p900/C-5": "REFUTED"}
    # the smallest witness in size order (n + m): n = 5, m = 4 before n = 3, m = 7
    assert whole["p900/C-2"].witness.params == {"n": "5", "m": "4"}
    assert whole["p900/C-3"].witness.params == {"a": "0"}
    assert whole["p900/C-3"].witness.assignment == {"x": "2"}
    witnesses = {c: store.path_for(c).read_text() for c in ("p900/C-2", "p900/C-3")}
    for n in (3, 1000):
        for c in (*witnesses, "p900/C-5"):
            store.delete(c)
        chunked = runs(registry, settings, chunks=n)
        same_verdicts(chunked, whole)
        for c, text in witnesses.items():  # written by the client, the same file
            assert store.path_for(c).read_text() == text
        assert chunked["p900/C-1"].details["chunks"]["of"] == min(n, 8)
        assert chunked["p900/C-1"].details["points"]["seen"] == 8
    # a stored witness is replayed, not swept in chunks
    replayed = runs(registry, settings, chunks=3)
    assert replayed["p900/C-2"].backend == "replay" and "chunks" not in replayed["p900/C-2"].details


def test_a_failing_point_in_an_earlier_chunk_wins(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks that fail later (a crash at a point, a chunk killed at its limit) do not hide
    the first failing point; a failed chunk before it decides conservatively."""
    from verify.runner import run

    registry = registry_of(project, monkeypatch, "late", """
import os, time
from verify import Ints, Source, claim
SRC = Source("demo.txt", "Lemma 6", (60, 61))

@claim("p900/E-1", source=SRC, statement="k < 5, later crashes", over={"k": Ints(1)},
       limit={"k": 12}, expect="REFUTED")
def early(k: int) -> bool:
    if k >= 9:
        os._exit(3)
    return k < 5

@claim("p900/E-2", source=SRC, statement="hangs from k = 3, fails at k = 9",
       over={"k": Ints(1)}, limit={"k": 12}, timeout=2, expect="UNKNOWN")
def hangs(k: int) -> bool:
    if 3 <= k <= 4:
        time.sleep(1000)
    return k < 9

@claim("p900/E-3", source=SRC, statement="raises at k = 7", over={"k": Ints(1)},
       limit={"k": 12}, expect="ERROR")
def raises(k: int) -> bool:
    if k == 7:
        raise ValueError("no value")
    return True
""")
    chunked = run(registry, registry.checkable(), Settings(timeout=20, chunks=4), jobs=2)
    e1, e2, e3 = (chunked[f"p900/E-{i}"] for i in (1, 2, 3))
    assert e1.status.value == "REFUTED" and e1.witness.params == {"k": "5"}
    assert e2.status.value == "UNKNOWN" and e2.reason == "points 1-3 of 12: time limit 2s: killed"
    assert e3.status.value == "ERROR" and e3.reason == "at {'k': '7'}: ValueError: no value"
    whole = run(registry, [registry.claims["p900/E-3"]], Settings(timeout=20))
    assert whole["p900/E-3"].reason == e3.reason


def test_chunk_seconds_probes_then_plans_and_caches_the_plan(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    from verify.runner import Cache, run

    registry = registry_of(project, monkeypatch, "slow", SLOW)
    cache = Cache(project.path / "cache")
    claims = registry.checkable()
    first = run(registry, claims, Settings(timeout=60, chunk_seconds=1.0), jobs=2, cache=cache)
    verdict = first["p900/R-1"]
    assert verdict.status.value == "CHECKED" and verdict.scope.startswith("k <= 40 of k >= 1")
    chunks = verdict.details["chunks"]
    assert chunks["cached"] == 0 and 4 <= chunks["of"] <= 20, chunks  # ~6 points a second
    visited = (project.path / "visited.txt").read_text().split()
    assert sorted(map(int, visited)) == list(range(1, 41))  # every point once
    # the whole verdict is cached; without it, the plan and every chunk are
    for path in (project.path / "cache").glob("*.json"):
        if json.loads(path.read_text()).get("claim_id") == "p900/R-1" and \
                "chunk" not in json.loads(path.read_text()).get("details", {}):
            path.unlink()
    (project.path / "visited.txt").unlink()
    again = run(registry, claims, Settings(timeout=60, chunk_seconds=1.0), jobs=2, cache=cache)
    assert again["p900/R-1"].details["chunks"] == {**chunks, "run": 0, "cached": chunks["of"]}
    assert not (project.path / "visited.txt").exists()
    assert comparable(again) == comparable(first)


@pytest.mark.slow
def test_an_interrupted_sweep_resumes_from_the_cache(project: Project) -> None:
    """A `mechverify check --chunks` run stopped with Ctrl-C (SIGINT) mid-sweep, then run
    again: the chunks finished before the interrupt are cache hits, not run again, and the
    verdict equals an uninterrupted run's."""
    project.module("slow", SLOW)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "-m", "verify", "check", "--chunks", "8", "--jobs", "2",
            "--json", "r.json", "--record", "run.json"]
    visited = project.path / "visited.txt"
    process = subprocess.Popen(args, cwd=project.path, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # 2 chunks of 5 points at a time, 0.15 s a point
        time.sleep(0.1)
        if visited.is_file() and len(visited.read_text().split()) >= 22:
            break
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert "interrupted" in out, out + err
    before = [int(k) for k in visited.read_text().split()]
    assert 22 <= len(before) < 40
    done = {k for k in range(1, 41) if all(j in before for j in range(5 * ((k - 1) // 5) + 1,
                                                                      5 * ((k - 1) // 5) + 6))}
    visited.unlink()
    r = subprocess.run(args, cwd=project.path, env=env, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    after = [int(k) for k in visited.read_text().split()]
    assert sorted(after) == sorted(set(range(1, 41)) - done)  # only the unfinished chunks
    assert len(done) >= 10, "no chunk had finished before the interrupt"
    resumed = {e["id"]: e for e in json.loads((project.path / "r.json").read_text())}
    r = subprocess.run([*args[:4], "--no-cache", "--json", "whole.json", "--record",
                        "run.json"], cwd=project.path, env=env, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    whole = {e["id"]: e for e in json.loads((project.path / "whole.json").read_text())}
    keys = ("status", "scope", "witness", "backend", "gate")
    assert {c: [e[k] for k in keys] for c, e in resumed.items()} == \
        {c: [e[k] for k in keys] for c, e in whole.items()}


@dask_only
def test_chunks_on_a_dask_local_cluster(project: Project,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from verify import executors
    from verify.store import Store

    registry = registry_of(project, monkeypatch, "sweeps", SWEEPS)
    store = Store(Path("counterexamples"))
    settings = Settings(timeout=60, store=store)
    whole = runs(registry, settings)
    witnesses = {c: store.path_for(c).read_text() for c in ("p900/C-2", "p900/C-3")}
    for c in (*witnesses, "p900/C-5"):
        store.delete(c)
    dask = executors.make("dask", 2)
    try:
        chunked = runs(registry, settings, executor=dask, chunks=3)
    finally:
        dask.close()
    same_verdicts(chunked, whole)
    for c, text in witnesses.items():
        assert store.path_for(c).read_text() == text


@pytest.mark.slow
def test_registry_sweeps_chunked_give_the_same_verdicts(tmp_path: Path) -> None:
    """p002's Claim 26 chain and inequalities and a slice of p004 (Theorem 1's proof steps,
    its closed readings' stored witnesses), chunked and whole, on a snapshot of the claims."""
    import fnmatch
    import shutil

    from tests.engine.test_executors import P002_MODULES, P004_SLICE
    from verify.engine import point_count
    from verify.loader import load
    from verify.runner import run
    from verify.store import Store

    shutil.copytree(ROOT / "claims", tmp_path / "claims",
                    ignore=shutil.ignore_patterns("__pycache__"))
    registry = load(tmp_path / "claims")
    chosen = [c for c in registry.checkable() if c.module in P002_MODULES
              or any(fnmatch.fnmatchcase(c.id, p) for p in P004_SLICE)]
    swept = [c.id for c in chosen if (point_count(c, Settings()) or 0) >= 2]
    assert len(swept) >= 10, f"only {swept} sweep two points or more"
    shutil.copytree(ROOT / "counterexamples", tmp_path / "store")
    settings = Settings(timeout=120, store=Store(tmp_path / "store"))
    whole = run(registry, chosen, settings, jobs=2)
    chunked = run(registry, chosen, Settings(timeout=120, store=Store(tmp_path / "store"),
                                             chunks=3), jobs=2)
    assert comparable(chunked) == comparable(whole)
    assert all("chunks" in chunked[c].details for c in swept
               if not Store(tmp_path / "store").has(c))
