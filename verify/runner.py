"""Run claims in worker processes under time limits, with a cache and premise caps.

Each claim runs in its own forked worker: a hang is killed at its limit (UNKNOWN), a crash
or memory blow-up is an ERROR, and the run goes on. Verdicts of unchanged claims come from a
cache keyed by the claim's content hash and the back-end versions. After all own verdicts are
in, premises are applied: a claim that rests on a lemma is capped by the lemma's verdict, and
a claim derived from premises is PROVED only when all of them are PROVED.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import os
import resource
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from importlib import metadata
from pathlib import Path
from typing import Any

from verify.claim import Claim, Registry
from verify.engine import Settings, check
from verify.verdict import Status, Verdict

GRACE = 0.5  # seconds past the limit before a worker is killed
MEMORY_LIMIT = 8 * 1024**3
CACHEABLE = {Status.PROVED, Status.CHECKED, Status.SAMPLED, Status.VACUOUS}


def _worker(claim: Claim, settings: Settings, conn: Any) -> None:
    try:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ValueError, OSError):
        pass
    try:
        verdict = check(claim, settings)
        conn.send(json.dumps(verdict.to_json()))
    except MemoryError:
        conn.send(json.dumps({"memory": True}))
    except BaseException as exc:  # noqa: BLE001 - reported as the claim's ERROR
        conn.send(json.dumps({"crash": f"{type(exc).__name__}: {exc}"}))
    finally:
        conn.close()


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


class Cache:
    """Verdicts by content hash in a folder of JSON files (.mechverify_cache/)."""

    def __init__(self, root: Path | str = ".mechverify_cache") -> None:
        self.root = Path(root)
        self._engine = _source_digest() + _versions()

    def key(self, claim: Claim, settings: Settings) -> str:
        h = hashlib.sha256(self._engine.encode())
        h.update(claim.id.encode())
        package = Path(claim.file).parent
        for path in sorted(package.rglob("*.py")) if claim.file else []:
            h.update(path.read_bytes())
        h.update(repr((settings.limit, sorted(settings.limits.items()), settings.cross_check, settings.backends,
                       sorted(claim.kwargs.items()))).encode())
        return h.hexdigest()

    def get(self, claim: Claim, settings: Settings) -> Verdict | None:
        path = self.root / f"{self.key(claim, settings)}.json"
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
        path.write_text(json.dumps(verdict.to_json()))


def run_own(
    claims: list[Claim],
    settings: Settings,
    jobs: int = 1,
    cache: Cache | None = None,
    on_done: Callable[[Claim, Verdict], None] | None = None,
) -> dict[str, Verdict]:
    """Own verdicts of `claims` (no premise caps), `jobs` workers at a time."""
    ctx = mp.get_context("fork")
    results: dict[str, Verdict] = {}
    pending = list(claims)
    running: dict[str, tuple[Claim, Any, Any, float, float]] = {}

    def finish(claim: Claim, verdict: Verdict) -> None:
        results[claim.id] = verdict
        if cache is not None and not verdict.details.get("cached"):
            cache.put(claim, settings, verdict)
        if on_done is not None:
            on_done(claim, verdict)

    while pending or running:
        while pending and len(running) < max(1, jobs):
            claim = pending.pop(0)
            cached = cache.get(claim, settings) if cache is not None else None
            if cached is not None and not (settings.store and settings.store.has(claim.id)):
                finish(claim, cached)
                continue
            limit = claim.timeout or settings.timeout
            own = replace(settings, timeout=limit)
            parent, child = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_worker, args=(claim, own, child), daemon=True)
            proc.start()
            child.close()
            running[claim.id] = (claim, proc, parent, time.monotonic(), limit)
        for cid, (claim, proc, conn, started, limit) in list(running.items()):
            elapsed = time.monotonic() - started
            verdict: Verdict | None = None
            if conn.poll():
                try:
                    data = json.loads(conn.recv())
                except (EOFError, OSError):
                    data = {"crash": "worker closed its pipe without a verdict"}
                if "memory" in data:
                    verdict = _failed(claim, Status.ERROR, "memory limit exceeded", elapsed)
                elif "crash" in data:
                    verdict = _failed(claim, Status.ERROR, f"worker crashed: {data['crash']}", elapsed)
                else:
                    verdict = Verdict.from_json(data)
            elif not proc.is_alive():
                code = proc.exitcode
                what = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
                verdict = _failed(claim, Status.ERROR, f"worker died ({what})", elapsed)
            elif elapsed > limit + GRACE:
                proc.kill()
                verdict = _failed(claim, Status.UNKNOWN, f"time limit {limit:g}s: killed", elapsed)
            if verdict is not None:
                proc.join(timeout=1)
                conn.close()
                del running[cid]
                finish(claim, verdict)
        if running:
            time.sleep(0.01)
    return results


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
            verdict = _derive(claim, verdict, {p: resolve(p) for p in claim.by.premises if p in own})
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
    scope = f"whole domain: {claim.domain_text()}"
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
) -> dict[str, Verdict]:
    """Final verdicts of `selected` (premises are run too and returned as well)."""
    claims = closure(registry, selected)
    own = run_own(claims, settings, jobs, cache, on_done)
    return apply_premises(registry, own)


def default_jobs() -> int:
    return max(1, (os.cpu_count() or 1))
