"""Run claims in worker processes under time limits, with a cache and premise caps.

Each claim runs in its own worker, forked by the claims process of verify.loader (the main
process never imports claim code): a hang is killed at its limit (UNKNOWN) with its process
group, a crash or memory blow-up is an ERROR naming what happened, what the claim printed is
kept (bounded) in the verdict's details["output"], and the run goes on. Verdicts of unchanged claims come from a
cache keyed by the claim's content hash and the back-end versions. After all own verdicts are
in, premises are applied: a claim that rests on a lemma is capped by the lemma's verdict, and
a claim derived from premises is PROVED only when all of them are PROVED. With `--chunks` or
`--chunk-seconds`, a claim's sweep over many parameter points runs as chunks of consecutive
points (Chunked), merged into the verdict of the whole sweep; each chunk's result is cached,
so an interrupted sweep resumes.
"""

from __future__ import annotations

import ast
import hashlib
import itertools
import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from verify import loader
from verify.claim import Claim, Registry
from verify.engine import (
    Settings,
    check,
    check_chunk,
    chunk_is_final,
    merge_chunks,
    point_count,
    replay,
)
from verify.loader import MEMORY_LIMIT  # noqa: F401 - the limit of every worker
from verify.verdict import Status, Verdict

if TYPE_CHECKING:
    from verify.executors import Executor

GRACE = 0.5  # seconds past the limit before a worker is killed
CACHEABLE = {Status.PROVED, Status.CHECKED, Status.SAMPLED, Status.VACUOUS}
_JOB_IDS = itertools.count(1)


@dataclass(frozen=True)
class Job:
    """One claim for one worker: everything it needs to import and run the claim itself."""

    id: int
    root: Path
    module: str
    claim_id: str
    settings: Settings
    witness: dict[str, Any] | None = None  # replay this stored witness instead of checking
    points: tuple[int, int] | None = None  # a chunk: only these points of the sweep
    budget: float | None = None  # a chunk's soft time budget (a probe of --chunk-seconds)


def execute(job: Job) -> str:
    """In a worker: import the claim's module, find the claim, check it (or replay the
    witness); the verdict, or what went wrong, as JSON text."""
    try:
        claim = loader.import_claim(job.root, job.module, job.claim_id)
        if job.witness is not None:
            verdict = replay(claim, job.witness, rehash=job.settings.rehash)
        elif job.points is not None:
            verdict = check_chunk(claim, job.settings, *job.points, budget=job.budget)
        else:
            verdict = check(claim, job.settings)
        return json.dumps(verdict.to_json())
    except MemoryError:
        return json.dumps({"memory": True})
    except BaseException as exc:  # noqa: BLE001 - reported as the claim's ERROR
        return json.dumps({"crash": f"{type(exc).__name__}: {exc}"})


def _failed(claim: Claim, status: Status, reason: str, seconds: float) -> Verdict:
    return Verdict(claim.id, status, claim.domain_text(), (), "", round(seconds, 3), None, reason)


def _source_digest() -> str:
    root = Path(__file__).parent
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        h.update(path.read_bytes())
    return h.hexdigest()


def _versions() -> str:
    out = []
    for dist in ("z3-solver", "sympy", "hypothesis", "highspy", "python-flint"):
        try:
            out.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            out.append(f"{dist}=absent")
    return ",".join(out)


_DIGESTS: dict[Path, str] = {}
_SOURCES: dict[Path, tuple[Path, ...]] = {}


def _digest(path: Path) -> str:
    if path not in _DIGESTS:
        try:
            _DIGESTS[path] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            _DIGESTS[path] = "missing"
    return _DIGESTS[path]


def _search_path(start: Path) -> list[Path]:
    """Folders a claim's imports may resolve to that hold local (project) code: the claims
    root's parents up to the filesystem root, and sys.path entries outside the interpreter's
    own library folders (site-packages and the standard library are covered by versions)."""
    import sysconfig

    system = {Path(p).resolve() for k in ("stdlib", "platstdlib", "purelib", "platlib")
              if (p := sysconfig.get_paths().get(k))}
    out = [*start.parents]
    for entry in sys.path:
        folder = Path(entry or ".").resolve()
        if folder.is_dir() and not any(folder == s or s in folder.parents for s in system):
            out.append(folder)
    return list(dict.fromkeys(out))


def local_sources(file: Path) -> tuple[Path, ...]:
    """The claim's module file and every local source file it imports, transitively (found
    statically from its import statements, function-level imports included), so that the
    cache key changes when any helper module the claim uses changes."""
    file = file.resolve()
    if file in _SOURCES:
        return _SOURCES[file]
    folders = _search_path(file.parent)
    seen: dict[Path, None] = {}
    todo = [file]
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen[path] = None
        try:
            tree = ast.parse(path.read_bytes())
        except (SyntaxError, ValueError, OSError):
            continue
        package = path.parent
        for node in ast.walk(tree):
            names: list[str] = []
            base = ""
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    up = package
                    for _ in range(node.level - 1):
                        up = up.parent
                    todo.extend(_resolve_relative(up, node.module, [a.name for a in node.names]))
                    continue
                base = node.module or ""
                names = [base, *(f"{base}.{a.name}" for a in node.names)]
            for name in names:
                todo.extend(_resolve(name, folders))
    _SOURCES[file] = tuple(sorted(seen))
    return _SOURCES[file]


def _resolve(name: str, folders: list[Path]) -> list[Path]:
    parts = name.split(".")
    if parts[0] in sys.builtin_module_names or parts[0] in ("verify",):
        return []  # the engine is covered by its own digest
    for folder in folders:
        found = []
        for i in range(1, len(parts) + 1):
            stem = folder.joinpath(*parts[:i])
            for candidate in (stem / "__init__.py", stem.with_suffix(".py")):
                if candidate.is_file():
                    found.append(candidate.resolve())
                    break
        if found:
            return found
    return []


def _resolve_relative(package: Path, module: str | None, names: list[str]) -> list[Path]:
    base = package.joinpath(*module.split(".")) if module else package
    out = [c for c in (base / "__init__.py", base.with_suffix(".py")) if c.is_file()]
    for n in names:
        out += [c for c in (base / n / "__init__.py", base / f"{n}.py") if c.is_file()]
    return [c.resolve() for c in out]


class Cache:
    """Verdicts by content hash in a folder of JSON files (.mechverify_cache/)."""

    def __init__(self, root: Path | str = ".mechverify_cache") -> None:
        self.root = Path(root)
        self._engine = _source_digest() + _versions()
        self._keys: dict[tuple[str, str, str], str] = {}  # the sources do not change in a run

    def key(self, claim: Claim, settings: Settings) -> str:
        inputs = repr((settings.limit, sorted(settings.limits.items()), settings.cross_check,
                       settings.backends, sorted(claim.kwargs.items())))
        memo = (claim.id, claim.file or "", inputs)
        if memo not in self._keys:
            h = hashlib.sha256(self._engine.encode())
            h.update(claim.id.encode())
            for path in local_sources(Path(claim.file)) if claim.file else []:
                h.update(str(path).encode())
                h.update(_digest(path).encode())
            h.update(inputs.encode())
            self._keys[memo] = h.hexdigest()
        return self._keys[memo]

    def _lookup(self, claim: Claim, settings: Settings, part: str | None = None) -> Any:
        """The stored JSON of a claim's run (or of a part of it); a plain run also accepts
        what a cross-checked run with otherwise equal settings stored (every accepting exact
        back-end agreed on it), so CI decides the registry once and the pytest items read
        that run's verdicts. The first entry that exists decides; unreadable is None."""
        runs = [settings] if settings.cross_check else [settings,
                                                        replace(settings, cross_check=True)]
        for run in runs:
            key = self.key(claim, run) if part is None else self.part_key(claim, run, part)
            path = self.root / f"{key}.json"
            if path.is_file():
                try:
                    return json.loads(path.read_text())
                except (OSError, ValueError):
                    return None
        return None

    def get(self, claim: Claim, settings: Settings) -> Verdict | None:
        """The cached verdict (see `_lookup`)."""
        data = self._lookup(claim, settings)
        if data is None:
            return None
        try:
            verdict = Verdict.from_json(data)
        except (ValueError, KeyError, TypeError):
            return None
        return verdict.with_(details={**verdict.details, "cached": True})

    def put(self, claim: Claim, settings: Settings, verdict: Verdict) -> None:
        if verdict.status not in CACHEABLE:
            return
        details = {k: v for k, v in verdict.details.items() if k != "output"}
        self._write(self.key(claim, settings), verdict.with_(details=details).to_json())

    def _write(self, key: str, data: dict[str, Any]) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.root / f"{key}.json"
        partial = path.with_name(f"{path.name}.{os.getpid()}.part")
        partial.write_text(json.dumps(data))
        os.replace(partial, path)  # atomic: an interrupted run leaves no half-written entry

    def part_key(self, claim: Claim, settings: Settings, part: str) -> str:
        """The key of a part of a claim's run ("points 0-40": a chunk's result, "plan 5": a
        sweep's chunk plan): the claim's key and the part's name, hashed."""
        return hashlib.sha256(f"{self.key(claim, settings)} {part}".encode()).hexdigest()

    def get_part(self, claim: Claim, settings: Settings, part: str) -> dict[str, Any] | None:
        """A stored part, also one a cross-checked run stored (see `_lookup`)."""
        data = self._lookup(claim, settings, part)
        return data if isinstance(data, dict) else None

    def put_part(self, claim: Claim, settings: Settings, part: str, data: dict[str, Any]) -> None:
        self._write(self.part_key(claim, settings, part), data)


MAX_CHUNKS = 1000  # chunks per claim planned from --chunk-seconds (larger ones beyond)
Work = list[tuple[Claim, Job, float]]


def _even(first: int, end: int, n: int) -> list[tuple[int, int]]:
    """`first`..`end`-1 as `n` ranges of consecutive points, sizes differing by at most one."""
    size = end - first
    return [(first + size * i // n, first + size * (i + 1) // n) for i in range(n)]


class Chunked:
    """One claim's sweep split into chunks of consecutive points (verify.engine.check_chunk),
    each a job of its own, merged by verify.engine.merge_chunks into the verdict of the
    whole sweep. `--chunks N`: N ranges of equal size. `--chunk-seconds S`: a probe job runs
    the points from the first for about S seconds; the rest is cut into chunks of the
    points the probe did in S seconds. The plan and each clean chunk's result (no UNKNOWN or
    ERROR point) are stored in the verdict cache under the claim's key and the chunk's
    range, so a sweep interrupted and run again runs only the chunks it lacks."""

    def __init__(self, registry: Registry, claim: Claim, settings: Settings, total: int,
                 cache: Cache | None) -> None:
        self.registry, self.claim, self.settings = registry, claim, settings
        self.total, self.cache = total, cache
        self.parts: dict[int, tuple[int, int, Verdict]] = {}  # first point -> its result
        self.running: set[int] = set()
        self.cached: set[int] = set()  # first points of the chunks taken from the cache
        self.done = False
        self.ranges: list[tuple[int, int]] | None = None  # None: a probe decides them
        if settings.chunks is not None:
            self.ranges = _even(0, total, max(1, min(settings.chunks, total)))
        elif cache is not None:
            plan = cache.get_part(claim, settings, self._plan_name)
            if plan is not None:
                self._plan(plan["probe"], plan["size"])

    @property
    def _plan_name(self) -> str:
        return f"plan {self.settings.chunk_seconds!r}"

    def _plan(self, probe: int, size: int) -> None:
        self.ranges = [(0, probe), *((a, min(a + size, self.total))
                                     for a in range(probe, self.total, size))]

    def work(self, finish: Callable[[Chunked, int, int, Verdict], None]) -> Work:
        """Jobs for the chunks neither done, running nor cached (cached ones are finished)."""
        if self.done:
            return []
        if self.ranges is None:
            if 0 in self.running:
                return []
            self.running.add(0)
            return [self._item(0, self.total, self.settings.chunk_seconds)]
        out = []
        for first, end in self.ranges:
            if self.done:  # a cached chunk ended at a failing point: the rest is not needed
                break
            if first in self.parts or first in self.running:
                continue
            stored = None if self.cache is None else \
                self.cache.get_part(self.claim, self.settings, f"points {first}-{end}")
            if stored is not None:
                self.cached.add(first)
                finish(self, first, end, Verdict.from_json(stored).with_(
                    details={**stored["details"], "cached": True}))
                continue
            self.running.add(first)
            out.append(self._item(first, end, None))
        return out

    def _item(self, first: int, end: int, budget: float | None) -> tuple[Claim, Job, float]:
        quiet = replace(self.settings, store=None, write_witnesses=False)
        job = replace(_job(self.registry, self.claim, quiet), points=(first, end),
                      budget=budget)
        return replace(self.claim), job, self.settings.timeout  # a copy: finish knows it

    def finished(self, first: int, end: int, verdict: Verdict) -> Verdict | None:
        """Take a chunk's result; the claim's merged verdict once the chunks it needs are in."""
        self.running.discard(first)
        data = verdict.details.get("chunk")
        if data is not None:
            if self.ranges is None:  # the probe: its range is where it stopped
                end = data["end"]
            if self.cache is not None and data["clean"] and not verdict.details.get("cached"):
                details = {k: v for k, v in verdict.details.items() if k != "output"}
                self.cache.put_part(self.claim, self.settings, f"points {first}-{end}",
                                    verdict.with_(details=details).to_json())
        self.parts[first] = (first, end, verdict)
        if self.ranges is None:  # the probe: plan the rest from its pace
            if chunk_is_final(verdict) or end >= self.total or data is None:
                self.ranges = [(0, end)]
            else:
                budget = self.settings.chunk_seconds or 1.0
                pace = max(verdict.seconds, 1e-3) / max(end, 1)
                size = max(1, int(budget / pace), -(-(self.total - end) // MAX_CHUNKS))
                self._plan(end, size)
                if self.cache is not None:
                    self.cache.put_part(self.claim, self.settings, self._plan_name,
                                        {"probe": end, "size": size})
        if self.done:
            return None
        needed: list[tuple[int, int, Verdict]] = []
        for first_, _ in self.ranges:
            if first_ not in self.parts:
                return None
            needed.append(self.parts[first_])
            if chunk_is_final(needed[-1][2]):
                break
        self.done = True
        merged = merge_chunks(self.claim, self.settings, self.total, needed)
        cached = sum(1 for first_, _, _ in needed if first_ in self.cached)
        merged = merged.with_(details={**merged.details, "chunks": {
            "run": len(needed) - cached, "cached": cached, "of": len(self.ranges)}})
        from verify.executors import store_on_client

        return store_on_client(self.claim, _job(self.registry, self.claim, self.settings),
                               merged, None)


def _chunk_total(claim: Claim, settings: Settings) -> int | None:
    """The claim's point count if its sweep is to be split into chunks, else None: only with
    --chunks / --chunk-seconds, for a claim with at least two points, no stored witness (it
    is replayed), and not when certificates are written or witnesses re-hashed."""
    if not (settings.chunks or settings.chunk_seconds) or settings.certificates \
            or settings.rehash or (settings.store is not None and settings.store.has(claim.id)):
        return None
    total = point_count(claim, settings)
    return total if total is not None and total >= 2 else None


def run_own(
    registry: Registry,
    claims: list[Claim],
    settings: Settings,
    jobs: int = 1,
    cache: Cache | None = None,
    on_done: Callable[[Claim, Verdict], None] | None = None,
    executor: Executor | None = None,
) -> dict[str, Verdict]:
    """Own verdicts of `claims` (no premise caps), `jobs` workers at a time, on `executor`
    (verify.executors; default the local fork pool); with `settings.chunks` or
    `settings.chunk_seconds`, a sweep over many points runs as chunks (Chunked)."""
    results: dict[str, Verdict] = {}
    sweeps: list[Chunked] = []
    chunk_of: dict[int, tuple[Chunked, int, int, Claim]] = {}  # id of a job's claim copy

    def finish(claim: Claim, verdict: Verdict) -> None:
        results[claim.id] = verdict
        if cache is not None and not verdict.details.get("cached"):
            cache.put(claim, settings, verdict)
        if on_done is not None:
            on_done(claim, verdict)

    def chunk_done(sweep: Chunked, first: int, end: int, verdict: Verdict) -> None:
        merged = sweep.finished(first, end, verdict)
        if merged is not None:
            finish(sweep.claim, merged)

    def finish_job(claim: Claim, verdict: Verdict) -> None:
        entry = chunk_of.pop(id(claim), None)
        if entry is None:
            finish(claim, verdict)
        else:
            chunk_done(*entry[:3], verdict)

    def chunk_work() -> Work:
        out: Work = []
        for sweep in sweeps:
            for item in sweep.work(chunk_done):
                first, end = item[1].points or (0, 0)
                chunk_of[id(item[0])] = (sweep, first, end, item[0])
                out.append(item)
        return out

    work: Work = []
    for claim in claims:
        cached = cache.get(claim, settings) if cache is not None else None
        if cached is not None and not (settings.store and settings.store.has(claim.id)):
            finish(claim, cached)
            continue
        limit = claim.timeout or settings.timeout
        own = replace(settings, timeout=limit)
        total = _chunk_total(claim, own)
        if total is not None:
            sweeps.append(Chunked(registry, claim, own, total, cache))
            continue
        work.append((claim, _job(registry, claim, own), limit))
    work += chunk_work()
    while work:  # a second round runs the chunks that --chunk-seconds probes planned
        if executor is None:
            _dispatch(registry, work, jobs, finish_job)
        else:
            executor.run(registry, work, jobs, finish_job)
        work = chunk_work()
    return results


def replay_witness(registry: Registry, claim: Claim, data: dict[str, Any],
                   timeout: float = 60.0) -> Verdict:
    """Replay a stored witness of `claim` in a worker (the claim's code runs there)."""
    job = replace(_job(registry, claim, Settings(timeout=timeout)), witness=data)
    out: dict[str, Verdict] = {}
    _dispatch(registry, [(claim, job, timeout)], 1, lambda c, v: out.setdefault(c.id, v))
    return out[claim.id]


def _job(registry: Registry, claim: Claim, settings: Settings) -> Job:
    return Job(next(_JOB_IDS), loader.root_of(registry, claim), claim.module, claim.id, settings)


def _dispatch(
    registry: Registry,
    work: list[tuple[Claim, Job, float]],
    jobs: int,
    finish: Callable[[Claim, Verdict], None],
) -> None:
    """Run the jobs in workers of the registry's claims process, `jobs` at a time.

    A worker's end is known from the claims process only after it has exited and its result
    file is complete, so a verdict sent just before exiting is never taken for a death."""
    pending = list(work)
    running: dict[int, tuple[Claim, float, float]] = {}  # job id -> claim, start, limit
    killed: dict[int, str] = {}  # job id -> why, for workers killed at their time limit
    child: loader.Child | None = None
    try:
        while pending or running:
            try:
                while pending and len(running) < max(1, jobs):
                    claim, job, limit = pending[0]
                    child = child or loader.zygote(registry)
                    child.submit(job)
                    pending.pop(0)
                    running[job.id] = (claim, time.monotonic(), limit)
                assert child is not None
                ended = child.exited(timeout=0.01)
            except (EOFError, OSError):  # the claims process is gone: a fresh one takes over
                why = f"the claims process died ({child.death() if child else 'not started'})"
                # the running jobs are lost; with none running, the job it could not take
                lost = list(running.values()) or [(pending.pop(0)[0], time.monotonic(), 0.0)]
                for claim, started, _ in lost:
                    finish(claim, _failed(claim, Status.ERROR, why, time.monotonic() - started))
                running.clear()
                child = None
                continue
            for job_id, status in ended:
                if job_id in running:
                    claim, started, _ = running.pop(job_id)
                    finish(claim, _outcome(claim, child, job_id, status,
                                           killed.pop(job_id, None), time.monotonic() - started))
            for job_id, (_, started, limit) in running.items():
                if job_id not in killed and time.monotonic() - started > limit + GRACE:
                    child.kill(job_id)
                    killed[job_id] = f"time limit {limit:g}s: killed"
    finally:
        if child is not None and running:  # interrupted: kill what runs, wait for it briefly
            for job_id in running:
                child.kill(job_id)
            deadline = time.monotonic() + 2
            try:
                while running and time.monotonic() < deadline:
                    for job_id, _ in child.exited(timeout=0.05):
                        running.pop(job_id, None)
            except Exception:  # noqa: BLE001 - the pipe may be mid-message after Ctrl-C
                pass


def _outcome(claim: Claim, child: loader.Child, job_id: int, status: int, killed: str | None,
             elapsed: float) -> Verdict:
    """A worker's verdict from its result file, or what ended it, with its output attached."""
    result, output = child.outcome(job_id)
    return verdict_of_worker(claim, result, output, status, killed, elapsed)


def verdict_of_worker(claim: Claim, result: str | None, output: str, status: int,
                      killed: str | None, elapsed: float) -> Verdict:
    """The verdict from what a worker left (its result text or None, the tail of its output,
    its wait status, why it was killed), on whichever executor it ran."""
    data = json.loads(result) if result is not None else None
    if data is None and killed is not None:
        verdict = _failed(claim, Status.UNKNOWN, killed, elapsed)
    elif data is None:
        how = loader.ended(os.waitstatus_to_exitcode(status))
        verdict = _failed(claim, Status.ERROR, f"worker {how} before sending a verdict", elapsed)
    elif "memory" in data:
        verdict = _failed(claim, Status.ERROR, "memory limit exceeded", elapsed)
    elif "crash" in data:
        verdict = _failed(claim, Status.ERROR, f"worker crashed: {data['crash']}", elapsed)
    else:
        verdict = Verdict.from_json(data)
    if output:
        verdict = verdict.with_(details={**verdict.details, "output": output})
    return verdict


def closure(registry: Registry, selected: Iterable[Claim]) -> list[Claim]:
    """The selected claims plus every premise they rest on, premises first."""
    order: list[Claim] = []
    seen: set[str] = set()

    def visit(c: Claim) -> None:
        if c.id in seen:
            return
        seen.add(c.id)
        for p in c.premises():
            if p in registry.claims and registry.claims[p].kind == "claim":
                visit(registry.claims[p])
        order.append(c)

    for c in selected:
        visit(c)
    return order


def apply_premises(registry: Registry, own: dict[str, Verdict]) -> dict[str, Verdict]:
    """Final verdicts: rests_on caps and derivations, in premise order."""
    final: dict[str, Verdict] = {}

    def resolve(cid: str) -> Verdict:
        if cid in final:
            return final[cid]
        claim = registry.claims[cid]
        verdict = own[cid]
        for p in claim.rests_on:
            if p not in own:
                continue
            pv = resolve(p)
            verdict = _cap(verdict, p, pv)
        if claim.by is not None:
            # a derivation upgrades only when its premises *and* every lemma the claim rests
            # on are PROVED: a rests_on cap is never lifted by a derivation
            needed = dict.fromkeys((*claim.by.premises, *claim.rests_on))
            verdict = _derive(claim, verdict, {p: resolve(p) for p in needed if p in own})
        final[cid] = verdict
        return verdict

    for cid in own:
        resolve(cid)
    return final


def _cap(verdict: Verdict, premise: str, pv: Verdict) -> Verdict:
    if verdict.status in (Status.ERROR, Status.REFUTED, Status.VACUOUS, Status.UNKNOWN):
        return verdict
    rests = f"rests on {premise} ({pv.status.value})"
    if pv.status in (Status.ERROR, Status.REFUTED, Status.VACUOUS, Status.UNKNOWN):
        return verdict.with_(status=Status.UNKNOWN, reason=f"{rests}: its premise is not established",
                             evidence=(*verdict.evidence, rests))
    status = verdict.status if verdict.status.rank <= pv.status.rank else pv.status
    return verdict.with_(status=status, evidence=(*verdict.evidence, rests))


def _derive(claim: Claim, verdict: Verdict, premises: dict[str, Verdict]) -> Verdict:
    assert claim.by is not None
    missing = [p for p in claim.by.premises if p not in premises]
    weak = {p: v.status for p, v in premises.items() if v.status is not Status.PROVED}
    if verdict.status is Status.REFUTED and not weak and not missing:
        return verdict.with_(status=Status.ERROR, reason=(
            f"derivation by {claim.by.rule} from PROVED premises, yet refuted: "
            "a premise or the derivation is wrong"))
    if verdict.status not in (Status.PROVED, Status.CHECKED, Status.SAMPLED):
        return verdict
    if missing or weak:
        why = ", ".join([*(f"{p} {s.value}" for p, s in weak.items()), *(f"{p} not run" for p in missing)])
        return verdict.with_(reason=f"derivation by {claim.by.rule} incomplete: {why}")
    steps = tuple(f"{p}: {', '.join(v.evidence[:1]) or v.backend}" for p, v in premises.items())
    scope = f"whole domain: {claim.domain_text()}, by {claim.by.rule} (trusted rule)"
    return verdict.with_(
        status=Status.PROVED, scope=scope,
        evidence=(f"derivation by {claim.by.rule} (trusted rule) from PROVED premises", *steps,
                  f"own exact check: {verdict.status.value} {verdict.scope}"),
        backend="derivation",
    )


def run(
    registry: Registry,
    selected: list[Claim],
    settings: Settings,
    jobs: int = 1,
    cache: Cache | None = None,
    on_done: Callable[[Claim, Verdict], None] | None = None,
    executor: Executor | None = None,
) -> dict[str, Verdict]:
    """Final verdicts of `selected` (premises are run too and returned as well)."""
    claims = closure(registry, selected)
    own = run_own(registry, claims, settings, jobs, cache, on_done, executor)
    return apply_premises(registry, own)


def default_jobs() -> int:
    return max(1, (os.cpu_count() or 1))
