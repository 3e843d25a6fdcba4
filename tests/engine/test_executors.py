"""Executors (verify.executors): verdicts, time limits, crash isolation and witness writes are
the same on the fork pool, on a job started as a subprocess (a daemonic Dask worker), and on
Dask distributed (a LocalCluster, a running scheduler). The Dask tests skip without the
optional extra mechverify[dask]."""

from __future__ import annotations

import fnmatch
import importlib.util
import json
import os
import shutil
import signal
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, Project
from tests.engine.test_cli import GOOD
from tests.engine.test_isolation import processes_with
from verify import executors
from verify.errors import InputError

ISOLATION = """
import subprocess, sys, time
from verify import Source, claim
SRC = Source("demo.txt", "Lemma 2", (20, 22))

@claim("p900/S-1", source=SRC, statement="starts sleep, hangs", timeout=2, expect="UNKNOWN")
def hangs() -> bool:
    subprocess.Popen(["sleep", "{marker}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1000)
    return True

@claim("p900/S-2", source=SRC, statement="prints, starts sleep, returns", expect="PROVED")
def returns() -> bool:
    print("said by S-2 in", sys.argv[0])
    subprocess.Popen(["sleep", "{marker}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return True

@claim("p900/LP-1", source=SRC, statement="an LP optimum (11) stays below 10", expect="REFUTED")
def lp_optimum() -> bool:
    from verify.mech.lp import Constraint, LinearProgram, solve
    lp = LinearProgram(["x", "y"], {{"x": 3, "y": 2}},
                       (Constraint("a", {{"x": 1, "y": 1}}, "<=", 4),
                        Constraint("b", {{"x": 1, "y": 3}}, "<=", 6),
                        Constraint("c", {{"x": 1}}, "<=", 3)))
    return solve(lp).value < 10

@claim("p900/S-3", source=SRC, statement="segfaults", expect="ERROR")
def segfaults() -> bool:
    import ctypes
    ctypes.string_at(0)
    return True
"""

HAS_DASK = all(importlib.util.find_spec(m) is not None for m in ("dask", "distributed"))
dask_only = pytest.mark.skipif(not HAS_DASK, reason="the optional extra mechverify[dask] is "
                               "not installed")


def comparable(verdicts: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    """What must not depend on the executor: all but the seconds and the captured output."""
    out = {}
    for cid, v in verdicts.items():
        w = v.witness
        out[cid] = (v.status, v.scope, v.evidence, v.backend, v.reason,
                    None if w is None else (w.path, w.params, w.assignment, w.first_false,
                                            w.statement_sha256))
    return out


def isolation_project(project: Project) -> str:
    marker = f"{1000 + uuid.uuid4().int % 10**6}.25"
    project.module("good", GOOD)
    project.module("spawn", ISOLATION.format(marker=marker))
    return marker


def check_isolation(report: dict[str, dict[str, Any]], marker: str,
                    subprocess: bool = False) -> None:
    """The verdicts of ISOLATION and GOOD; `subprocess`: whether the jobs ran as
    `python -m verify.executors` (else forked from a zygote)."""
    time.sleep(0.3)
    assert processes_with(f"sleep {marker}") == [], "a job's children outlived it"
    assert report["p900/S-1"]["status"] == "UNKNOWN"
    assert "time limit 2s: killed" in report["p900/S-1"]["reason"]
    assert report["p900/S-2"]["status"] == "PROVED"
    assert "said by S-2" in report["p900/S-2"]["output"]
    assert ("executors.py" in report["p900/S-2"]["output"]) is subprocess
    assert report["p900/S-3"]["status"] == "ERROR"
    assert "killed by SIGSEGV" in report["p900/S-3"]["reason"]
    assert report["p900/L-3"]["status"] == "REFUTED"
    assert report["p900/L-3"]["witness"] == "counterexamples/p900/L-3.json"


def kill_leftovers(marker: str) -> None:
    for pid in processes_with(f"sleep {marker}"):
        os.kill(pid, signal.SIGKILL)


# ------------------------------------------------------------------ without Dask


def test_executor_values_are_checked(project: Project) -> None:
    assert executors.parse("local") == "local" and executors.parse("dask") == "dask"
    assert executors.parse("tcp://127.0.0.1:8786") == "tcp://127.0.0.1:8786"
    for bad in ("ray", "tcp://nohost", "tcp://h:0", "tcp://h:99999", "tcp://:8786"):
        with pytest.raises(InputError, match="expected local, dask or tcp://HOST:PORT"):
            executors.parse(bad)
    project.module("good", GOOD)
    r = project.run("check", "--executor", "ray")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.strip().splitlines() == [
        "mechverify: error: --executor ray: expected local, dask or tcp://HOST:PORT"]


def test_dask_missing_is_one_line_naming_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` fails
    with pytest.raises(InputError) as info:
        executors.make("dask", 2)
    assert str(info.value) == executors.DASK_MISSING and "mechverify[dask]" in str(info.value)
    assert isinstance(executors.make("local", 2), executors.LocalExecutor)


class SubprocessExecutor:
    """The path of a daemonic Dask worker, without Dask: each job in `python -m
    verify.executors`, prepared and stored by the client exactly as DaskExecutor does."""

    name = "subprocess"

    def run(self, registry: Any, work: Any, jobs: int, finish: Any) -> None:
        for claim, job, limit in work:
            prepared = executors.for_remote(claim, job)
            if not isinstance(prepared, tuple):
                finish(claim, prepared)
                continue
            remote, data = prepared
            assert remote.settings.store is None, "a worker never gets the witness store"
            verdict = executors.verdict_of(claim, executors.run_subprocess(remote, limit))
            finish(claim, executors.store_on_client(claim, job, verdict, data))

    def close(self) -> None:
        pass


def test_subprocess_jobs_keep_isolation_witnesses_and_verdicts(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    from verify.claim import load_claims
    from verify.engine import Settings
    from verify.runner import run
    from verify.store import Store

    marker = isolation_project(project)
    monkeypatch.chdir(project.path)
    monkeypatch.syspath_prepend(str(project.path))
    registry = load_claims(project.path / "claims")
    store = Store(Path("counterexamples"))
    settings = Settings(timeout=30, store=store)
    try:
        local = run(registry, registry.checkable(), settings, jobs=3)
        assert local["p900/L-3"].status.value == "REFUTED", local["p900/L-3"]
        witness = store.path_for("p900/L-3").read_text()
        store.delete("p900/L-3")
        lp_witness = store.path_for("p900/LP-1").read_text()
        assert '"kind": "lp"' in lp_witness  # the LP's certificate is stored beside it
        store.delete("p900/LP-1")
        remote = run(registry, registry.checkable(), settings, executor=SubprocessExecutor())
        assert store.path_for("p900/L-3").read_text() == witness  # written by the client
        # ... with the certificates of the LPs the worker solved, so it replays without solvers
        assert store.path_for("p900/LP-1").read_text() == lp_witness
        assert comparable(remote) == comparable(local)
        report = {cid: {"status": v.status.value, "reason": v.reason,
                        "output": v.details.get("output", ""),
                        "witness": v.witness.path if v.witness else None}
                  for cid, v in remote.items()}
        check_isolation(report, marker, subprocess=True)
        # a stored witness is read by the client and replayed on the worker
        again = run(registry, [registry.claims["p900/L-3"]], settings,
                    executor=SubprocessExecutor())
        replayed = run(registry, [registry.claims["p900/L-3"]], settings)
        assert again["p900/L-3"].backend == "replay"
        assert comparable(again) == comparable(replayed)
    finally:
        kill_leftovers(marker)


def test_worker_zygote_follows_the_claims_and_refuses_another_engine(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """A long-lived worker keeps a zygote between runs: edited claim modules replace it, and
    a worker whose engine differs from the client's answers with an ERROR, not a verdict the
    client would cache under its own engine."""
    from verify.claim import load_claims
    from verify.engine import Settings
    from verify.runner import _job, _source_digest

    module = project.module("flip", """
from verify import Source, claim
SRC = Source("demo.txt", "Lemma 3", (30, 31))

@claim("p900/F-1", source=SRC, statement="flips", expect="PROVED")
def flips() -> bool:
    return True
""")
    monkeypatch.chdir(project.path)
    monkeypatch.syspath_prepend(str(project.path))
    registry = load_claims(project.path / "claims")
    claim = registry.claims["p900/F-1"]

    def on_worker(engine: str = _source_digest()) -> Any:
        job = _job(registry, claim, Settings(timeout=20))
        args = (str(registry.root), sorted(registry.loaded_roots), registry.modules)
        outcome = executors.on_worker(job, 20, *args, executors.revision(registry), engine)
        return executors.verdict_of(claim, outcome)

    assert on_worker().status.value == "PROVED"
    module.write_text(module.read_text().replace("return True", "return False"))
    assert on_worker().status.value == "REFUTED"  # not the zygote's old import
    wrong = on_worker(engine="0" * 64)
    assert wrong.status.value == "ERROR" and "another version of mechverify" in wrong.reason


# ------------------------------------------------------------------ with Dask


@dask_only
def test_dask_local_cluster_keeps_isolation_and_writes_on_the_client(project: Project) -> None:
    marker = isolation_project(project)
    try:
        r = project.run("check", "--no-cache", "--executor", "dask", "--jobs", "2",
                        "--json", "r.json", "--record", "run.json")
        assert r.returncode == 0, r.stdout + r.stderr
        report = {e["id"]: e for e in json.loads((project.path / "r.json").read_text())}
        check_isolation(report, marker)
        witness = (project.path / "counterexamples/p900/L-3.json").read_text()
        shutil.rmtree(project.path / "counterexamples")
        r = project.run("check", "--no-cache", "--json", "local.json", "--record", "run.json")
        assert r.returncode == 0, r.stdout + r.stderr
        assert (project.path / "counterexamples/p900/L-3.json").read_text() == witness
        local = {e["id"]: e for e in json.loads((project.path / "local.json").read_text())}
        keys = ("status", "scope", "witness", "backend", "gate")
        assert {c: [e[k] for k in keys] for c, e in local.items()} == \
            {c: [e[k] for k in keys] for c, e in report.items()}
    finally:
        kill_leftovers(marker)


@dask_only
def test_running_scheduler_with_daemonic_workers(project: Project) -> None:
    """`--executor tcp://...` on a scheduler whose workers are daemonic (Dask's default):
    jobs start as subprocesses, with the same limits and verdicts."""
    import dask
    from distributed import LocalCluster

    marker = isolation_project(project)
    with dask.config.set({"distributed.worker.daemon": True}), \
            LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None,
                         silence_logs=40) as cluster:
        try:
            r = project.run("check", "--no-cache", "--executor", cluster.scheduler_address,
                            "--jobs", "2", "--json", "r.json", "--record", "run.json")
            assert r.returncode == 0, r.stdout + r.stderr
            check_isolation({e["id"]: e for e in json.loads((project.path / "r.json")
                                                            .read_text())}, marker,
                            subprocess=True)
        finally:
            kill_leftovers(marker)
    r = project.run("check", "--executor", "tcp://127.0.0.1:9", "--record", "run.json")
    assert r.returncode == 2 and "no Dask scheduler answered" in r.stderr


# p002: the Claim 26 chain and the inequalities (its first modules; the later sections' sweeps
# take minutes); p004: Theorem 1's refuted closed readings (stored witnesses) and proof steps
P002_MODULES = ("claims.p002_buy_many.claim26", "claims.p002_buy_many.inequalities")
P004_SLICE = ("p004/T1.*@closed.SYM1.*", "p004/T1b.eq1", "p004/T1b.ineq3", "p004/T1c*",
              "p004/T1d*")


@dask_only
def test_p002_and_a_slice_of_p004_same_verdicts_on_dask(tmp_path: Path) -> None:
    from verify.engine import Settings
    from verify.loader import load
    from verify.runner import run
    from verify.store import Store

    # a snapshot of the claims: both runs see the same code, whatever changes meanwhile
    shutil.copytree(ROOT / "claims", tmp_path / "claims",
                    ignore=shutil.ignore_patterns("__pycache__"))
    registry = load(tmp_path / "claims")
    chosen = [c for c in registry.checkable() if c.module in P002_MODULES
              or any(fnmatch.fnmatchcase(c.id, p) for p in P004_SLICE)]
    p004 = [c.id for c in chosen if c.id.startswith("p004/")]
    assert len(p004) >= 4, f"the p004 slice matched only {p004}"
    assert len(chosen) - len(p004) >= 40, "the p002 modules moved"
    shutil.copytree(ROOT / "counterexamples", tmp_path / "store")
    settings = Settings(timeout=120, store=Store(tmp_path / "store"))
    local = run(registry, chosen, settings, jobs=2)
    dask = executors.make("dask", 2)
    try:
        remote = run(registry, chosen, settings, jobs=2, executor=dask)
    finally:
        dask.close()
    assert set(remote) == set(local)
    assert any(v.status.value == "REFUTED" for v in local.values())
    assert comparable(remote) == comparable(local)
