"""Run claims in worker processes under time limits, with a cache and premise caps.

Each claim runs in its own worker, forked by the claims process of verify.loader (the main
process never imports claim code): a hang is killed at its limit (UNKNOWN) with its process
group, a crash or memory blow-up is an ERROR naming what happened, what the claim printed is
kept (bounded) in the verdict's details["output"], and the run goes on. Verdicts of unchanged claims come from a
cache keyed by the claim's content hash and the back-end versions. After all own verdicts are
in, premises are applied: a claim that rests on a lemma is capped by the lemma's verdict, and
a claim derived from premises is PROVED only when all of them are PROVED.
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
from verify.engine import Settings, check, replay
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


def execute(job: Job) -> str:
    """In a worker: import the claim's module, find the claim, check it (or replay the
    witness); the verdict, or what went wrong, as JSON text."""
    try:
        claim = loader.import_claim(job.root, job.module, job.claim_id)
        if job.witness is not None:
            verdict = replay(claim, job.witness, rehash=job.settings.rehash)
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

    def key(self, claim: Claim, settings: Settings) -> str:
        h = hashlib.sha256(self._engine.encode())
        h.update(claim.id.encode())
        for path in local_sources(Path(claim.file)) if claim.file else []:
            h.update(str(path).encode())
            h.update(_digest(path).encode())
        h.update(repr((settings.limit, sorted(settings.limits.items()), settings.cross_check, settings.backends,
                       sorted(claim.kwargs.items()))).encode())
        return h.hexdigest()

    def get(self, claim: Claim, settings: Settings) -> Verdict | None:
        """The cached verdict; a plain run also accepts the verdict of a cross-checked run
        with otherwise equal settings (every accepting exact back-end agreed on it), so CI
        decides the registry once and the pytest items read that run's verdicts."""
        path = self.root / f"{self.key(claim, settings)}.json"
        if not path.is_file() and not settings.cross_check:
            path = self.root / f"{self.key(claim, replace(settings, cross_check=True))}.json"
        if not path.is_file():
            return None
        try:
            verdict = Verdict.from_json(json.loads(path.read_text()))
        except (ValueError, KeyError, TypeError):
            return None
        return verdict.with_(details={**verdict.details, "cached": True})

    def put(self, claim: Claim, settings: Settings, verdict: Verdict) -> None:
        if verdict.status not in CACHEABLE:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.root / f"{self.key(claim, settings)}.json"
        details = {k: v for k, v in verdict.details.items() if k != "output"}
        partial = path.with_name(f"{path.name}.{os.getpid()}.part")
        partial.write_text(json.dumps(verdict.with_(details=details).to_json()))
        os.replace(partial, path)  # atomic: an interrupted run leaves no half-written entry


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
    (verify.executors; default the local fork pool)."""
    results: dict[str, Verdict] = {}

    def finish(claim: Claim, verdict: Verdict) -> None:
        results[claim.id] = verdict
        if cache is not None and not verdict.details.get("cached"):
            cache.put(claim, settings, verdict)
        if on_done is not None:
            on_done(claim, verdict)

    work = []
    for claim in claims:
        cached = cache.get(claim, settings) if cache is not None else None
        if cached is not None and not (settings.store and settings.store.has(claim.id)):
            finish(claim, cached)
            continue
        limit = claim.timeout or settings.timeout
        own = replace(settings, timeout=limit)
        work.append((claim, _job(registry, claim, own), limit))
    if executor is None:
        _dispatch(registry, work, jobs, finish)
    else:
        executor.run(registry, work, jobs, finish)
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
