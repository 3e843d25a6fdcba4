"""Benchmark the executors: the local fork pool against Dask distributed, in one run.

1. Per-task overhead: N trivial claims (`return True`) on one worker, fork pool vs a Dask
   LocalCluster (start-up timed apart) vs a job started as a subprocess (the path of a
   daemonic Dask worker, `python -m verify.executors`).
2. Per-chunk overhead: one claim over 400 cheap points on one worker, as one job and as 40
   chunks (`--chunks 40`), on the fork pool and on a Dask LocalCluster: (chunked - whole) / 40.
3. p002 end to end without the verdict cache, `--jobs 2`: fork pool vs Dask LocalCluster
   (its start-up included), verdicts compared. With `--registry`: the whole registry instead
   (every paper, about 4 minutes each on 2 cores), then the warm run: `mechverify check --jobs
   2` on the same snapshot with the verdict cache the fork-pool run filled.

Each measurement runs in a fresh interpreter; its CPU time (user + sys of it and every process
it started, from wait4) is reported beside the wall time, because wall times are noisy on a
shared machine. Ratios are Dask / fork pool.

Run: `python bench/bench_executors.py` (`--tasks N`, default 40; `--quick`: parts 1 and 2
only; `--core`: part 3 on p002's Claim 26 chain and inequalities only; `--registry`: part 3
on the whole registry, with the warm run).
Needs the extra mechverify[dask].
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HEADER = """
from verify import Source, claim
SRC = Source("bench.txt", "Lemma 1", (1, 1))
"""
TRIVIAL = """
@claim("p900/T-{i}", source=SRC, statement="true", expect="PROVED")
def t{i}() -> bool:
    return True
"""
SWEEP = """
from verify import Ints

@claim("p900/W-1", source=SRC, statement="k + 1 > k", over={{"k": Ints(1)}},
       limit={{"k": {n}}}, expect="CHECKED")
def w1(k: int) -> bool:
    return k + 1 > k
"""
SWEEP_POINTS, SWEEP_CHUNKS = 400, 40


def trivial_project(folder: Path, n: int) -> Path:
    claims = folder / "claims"
    (claims / "p900_bench").mkdir(parents=True)
    (claims / "__init__.py").write_text("")
    (claims / "p900_bench" / "__init__.py").write_text("")
    body = HEADER + "".join(TRIVIAL.format(i=i) for i in range(n))
    (claims / "p900_bench" / "trivial.py").write_text(body)
    return claims


def sweep_project(folder: Path) -> Path:
    claims = trivial_project(folder, 0)
    (claims / "p900_bench" / "trivial.py").write_text(HEADER + SWEEP.format(n=SWEEP_POINTS))
    return claims


def measure(scenario: list[str], command: list[str] | None = None) -> dict[str, Any]:
    """Run one scenario in a fresh interpreter: its report plus CPU seconds (wait4).
    `command`: instead, run this command line and time it (wall and CPU)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryFile("w+") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(command or [sys.executable, __file__, "--scenario", *scenario],
                                stdout=out, env=env, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read()
    wall = time.perf_counter() - t0
    if command is not None:  # the gate may be red (a claim over its time limit): not a failure
        return {"total": wall, "cpu": usage.ru_utime + usage.ru_stime, "output": text}
    if proc.returncode != 0:
        raise SystemExit(f"scenario {scenario} failed ({proc.returncode}): {text}")
    report: dict[str, Any] = json.loads(text.strip().splitlines()[-1])
    report["cpu"] = usage.ru_utime + usage.ru_stime
    return report


def scenario(kind: str, what: str, n: int, snapshot: Path | None = None) -> dict[str, Any]:
    """In the fresh interpreter: load, run, report wall times and verdicts as JSON."""
    from verify import executors
    from verify.engine import Settings
    from verify.loader import load
    from verify.runner import Cache, _job, run
    from verify.store import Store

    tmp = Path(tempfile.mkdtemp(prefix="bench-executors-"))
    cache = None
    try:
        if what == "tasks":
            registry = load(trivial_project(tmp, n))
            chosen, jobs, store = registry.checkable(), 1, None
        elif what == "sweep":  # n chunks (0: one job)
            registry = load(sweep_project(tmp))
            chosen, jobs, store = registry.checkable(), 1, None
        elif what == "registry":  # the snapshot main made; the fork pool fills its cache
            assert snapshot is not None
            registry = load(snapshot / "claims")
            chosen = registry.checkable()
            shutil.copytree(snapshot / "counterexamples", tmp / "store")
            jobs, store = 2, Store(tmp / "store")
            if kind == "local":
                shutil.rmtree(snapshot / "cache", ignore_errors=True)
                cache = Cache(snapshot / "cache")
        else:
            # a snapshot: both executors see the same claim code, whatever changes meanwhile
            shutil.copytree(ROOT / "claims", tmp / "claims",
                            ignore=shutil.ignore_patterns("__pycache__"))
            registry = load(tmp / "claims")
            core = ("claims.p002_buy_many.claim26", "claims.p002_buy_many.inequalities")
            chosen = [c for c in registry.checkable() if c.id.startswith("p002/")
                      and (what == "p002" or c.module in core)]
            shutil.copytree(ROOT / "counterexamples", tmp / "store")
            jobs, store = 2, Store(tmp / "store")
        settings = Settings(timeout=60 if what == "registry" else 120, store=store,
                            chunks=n if what == "sweep" and n else None)
        t0 = time.perf_counter()
        executor: Any = None
        if kind == "dask":
            executor = executors.make("dask", jobs)
            executor.client.wait_for_workers(jobs)
        started = time.perf_counter() - t0
        if kind == "dask" and what in ("tasks", "sweep"):  # warm: each worker's zygote
            run(registry, chosen[:2], Settings(), jobs=jobs, executor=executor)
        t1 = time.perf_counter()
        if kind == "subprocess":  # one job after the other, as a daemonic Dask worker runs them
            verdicts = {}
            for claim in chosen:
                job = executors.for_remote(claim, _job(registry, claim, settings))
                assert isinstance(job, tuple)
                outcome = executors.run_subprocess(job[0], settings.timeout)
                verdicts[claim.id] = executors.verdict_of(claim, outcome)
        else:
            verdicts = run(registry, chosen, settings, jobs=jobs, cache=cache,
                           executor=executor)
        ran = time.perf_counter() - t1
        if executor is not None:
            executor.close()
        total = time.perf_counter() - t0
        return {"start": started, "run": ran, "total": total,
                "verdicts": {k: [v.status.value, v.scope, v.reason]
                             for k, v in sorted(verdicts.items())}}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--tasks", type=int, default=40, help="trivial claims per executor")
    p.add_argument("--quick", action="store_true", help="per-task overhead only")
    p.add_argument("--core", action="store_true",
                   help="p002's Claim 26 chain and inequalities only (its later sections' "
                   "sweeps take minutes)")
    p.add_argument("--registry", action="store_true",
                   help="part 3 on the whole registry (about 4 minutes per executor), and "
                   "the warm (cached) registry run")
    p.add_argument("--scenario", nargs="+", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.scenario:
        kind, what, n, *snap = args.scenario
        print(json.dumps(scenario(kind, what, int(n), Path(snap[0]) if snap else None)))
        return
    n, few = args.tasks, max(2, args.tasks // 10)
    print(f"1. per-task overhead, {n} trivial claims on one worker (subprocess: {few})")
    print(f"{'executor':<22}{'start-up s':>11}{'per task ms':>13}{'CPU s':>8}{'ratio':>8}")
    local = measure(["local", "tasks", str(n)])
    dask = measure(["dask", "tasks", str(n)])
    sub = measure(["subprocess", "tasks", str(few)])
    base = local["run"] / n
    for name, r, count in (("fork pool", local, n), ("Dask LocalCluster", dask, n),
                           ("subprocess per job", sub, few)):
        per = r["run"] / count
        print(f"{name:<22}{r['start']:>11.2f}{1000 * per:>13.1f}{r['cpu']:>8.1f}"
              f"{per / base:>8.1f}")
    print(f"\n2. per-chunk overhead: {SWEEP_POINTS} cheap points on one worker, one job vs "
          f"{SWEEP_CHUNKS} chunks")
    print(f"{'executor':<22}{'whole s':>9}{'chunked s':>11}{'per chunk ms':>14}"
          f"{'CPU per chunk ms':>18}")
    for name, kind in (("fork pool", "local"), ("Dask LocalCluster", "dask")):
        whole = measure([kind, "sweep", "0"])
        chunked = measure([kind, "sweep", str(SWEEP_CHUNKS)])
        if chunked["verdicts"] != whole["verdicts"]:
            raise SystemExit(f"chunks disagree: {chunked['verdicts']} {whole['verdicts']}")
        per = (chunked["run"] - whole["run"]) / SWEEP_CHUNKS
        cpu = (chunked["cpu"] - whole["cpu"]) / SWEEP_CHUNKS
        print(f"{name:<22}{whole['run']:>9.2f}{chunked['run']:>11.2f}{1000 * per:>14.1f}"
              f"{1000 * cpu:>18.1f}")
    if args.quick:
        return
    what = "registry" if args.registry else "p002core" if args.core else "p002"
    title = {"registry": "the whole registry", "p002core": "p002 (claim26, inequalities)",
             "p002": "p002"}[what]
    print(f"\n3. {title} end to end, no verdict cache, --jobs 2")
    print(f"{'executor':<22}{'wall s':>9}{'CPU s':>8}{'wall ratio':>12}{'CPU ratio':>11}")
    snap = Path(tempfile.mkdtemp(prefix="bench-registry-"))
    if what == "registry":  # one snapshot: the warm run's cache keys name these files
        shutil.copytree(ROOT / "claims", snap / "claims",
                        ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(ROOT / "counterexamples", snap / "counterexamples")
    local = measure(["local", what, "0", str(snap)])
    dask = measure(["dask", what, "0", str(snap)])
    for name, r in (("fork pool", local), ("Dask LocalCluster", dask)):
        print(f"{name:<22}{r['total']:>9.1f}{r['cpu']:>8.1f}{r['total'] / local['total']:>12.2f}"
              f"{r['cpu'] / local['cpu']:>11.2f}")
    same = local["verdicts"] == dask["verdicts"]
    print(f"verdicts identical: {same} ({len(local['verdicts'])} claims)")
    if not same:  # a claim near its time limit on a loaded machine may differ: said, then
        for cid, v in local["verdicts"].items():  # the warm run still measured
            if dask["verdicts"].get(cid) != v:
                print(f"  {cid}: fork pool {v}, Dask {dask['verdicts'].get(cid)}")
    if what == "registry":
        warm = measure([], [sys.executable, "-m", "verify", "--claims", str(snap / "claims"),
                            "--store", str(snap / "counterexamples"), "--cache",
                            str(snap / "cache"), "check", "--jobs", "2", "--record",
                            str(snap / "run.json")])
        print(f"warm (cached) registry, `mechverify check --jobs 2`: {warm['total']:.1f} s wall, "
              f"{warm['cpu']:.1f} s CPU")
    shutil.rmtree(snap, ignore_errors=True)
    if not same:
        raise SystemExit("the executors disagree")


if __name__ == "__main__":
    main()
