"""check(claim) -> Verdict: replay stored witness, decide each point, re-check, aggregate.

1. replay: a stored witness is re-evaluated first; if it still refutes, the verdict is
   REFUTED with no solver run; a stale or non-refuting witness is an ERROR.
2. decide: each parameter point's statement goes to the exact back-ends that accept it
   (registry order); with cross_check every accepting exact back-end runs and any
   disagreement is an ERROR.
3. re-check: every candidate witness is evaluated by verify.exact against the original
   statement; one that does not replay is an ERROR naming the back-end, never a REFUTED.
4. search: when no exact back-end decides, Hypothesis search gives SAMPLED or a witness.
5. aggregate: PROVED only when every point of the whole stated domain is proved exactly;
   CHECKED when the parameter domain was cut at a limit; VACUOUS when no point satisfies the
   hypotheses.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from verify import exact
from verify.backends import load as load_backend
from verify.backends.base import GaveUp, Outcome, Proof, Refutation, Sampled, Vacuous
from verify.claim import Claim
from verify.context import Skip, begin_point, evidences, notes
from verify.domains import Choice, Ints, product_in_size_order
from verify.errors import EncodingError, InputError, VerifyError
from verify.statement import Forall, statement_hash
from verify.store import Store
from verify.verdict import Status, Verdict, Witness

EXACT_BACKENDS = ("sympy", "z3", "lp", "enumerate")
CROSS_CHECK_SECONDS = 10.0  # cap for each extra back-end of the cross-check profile
DEFAULT_LIMIT = 10  # an unbounded parameter without a limit is checked up to this (said in the scope)
LARGE = 16  # variables above which an accepting LP back-end goes before z3


@dataclass(frozen=True)
class Settings:
    timeout: float = 60.0
    limit: int | None = None  # `--limit N`: the bound of a claim's one unbounded parameter
    limits: Mapping[str, int] = field(default_factory=dict)  # `--limit n=3`: per parameter
    cross_check: bool = False
    backends: tuple[str, ...] | None = None
    store: Store | None = None
    write_witnesses: bool = True


@dataclass
class PointResult:
    status: Status
    evidence: str = ""
    backend: str = ""
    witness: Witness | None = None
    reason: str = ""


def instantiate(claim: Claim, params: dict[str, Any]) -> tuple[Any, str]:
    """The claim's statement at `params` and its hash."""
    result = claim.call(params)
    if isinstance(result, dict):
        result = Forall({}, then=result)
    if isinstance(result, Forall):
        body = result.fingerprint()
    elif isinstance(result, bool | sp.logic.boolalg.BooleanAtom):
        result = bool(result)
        body = claim.body_text() + repr(sorted(claim.kwargs.items()))
    else:
        raise EncodingError(
            f"{claim.id}: the claim returned {type(result).__name__}; expected bool, a dict "
            "of closed relations, or a Forall"
        )
    return result, statement_hash(claim.id, params, body)


def _first_false(problem: Forall, point: dict[str, Any]) -> dict[str, str]:
    for name, c in problem.then.items():
        if not exact.holds(c, point):
            return {"name": name, **exact.explain(c, point)}
    return {}


def recheck(problem: Forall, point: dict[str, Any]) -> str | None:
    """None if `point` refutes the statement exactly; otherwise why it does not."""
    by_name = problem.by_name()
    for name, sym in by_name.items():
        if name not in point:
            return f"no value for variable {name}"
        if not problem.variables[sym].contains(point[name]):
            return f"{name} = {exact.show(point[name])} lies outside {problem.variables[sym].describe(name)}"
    try:
        for name, c in problem.given.items():
            if not exact.holds(c, point):
                return f"hypothesis {name!r} is false at the point"
        if all(exact.holds(c, point) for c in problem.then.values()):
            return "every conclusion holds at the point"
    except (exact.Undecided, ZeroDivisionError) as exc:
        return f"exact evaluation failed: {exc}"
    return None


def _witness(
    claim: Claim, sha: str, params: dict[str, Any], assignment: dict[str, Any],
    first_false: dict[str, str], found_by: str, version: str,
) -> Witness:
    return Witness(
        claim_id=claim.id,
        statement_sha256=sha,
        params=exact.to_json(params),
        assignment=exact.to_json(assignment),
        first_false=first_false,
        notes=exact.to_json(notes()),
        found_by=found_by,
        backend_version=version,
    )


def decide(
    claim: Claim, problem: Forall, sha: str, params: dict[str, Any], settings: Settings,
    seconds: float,
) -> PointResult:
    names = claim.backends or settings.backends or (*EXACT_BACKENDS, "search")
    exact_names = [n for n in names if n in EXACT_BACKENDS]
    if not problem.variables and "enumerate" in exact_names:
        exact_names = ["enumerate"]  # a closed statement: exact evaluation decides it
    elif len(problem.variables) > LARGE and "lp" in exact_names and "z3" in exact_names:
        # large linear statements (mechanism tables): exact LP scales where z3 stalls
        exact_names.remove("lp")
        exact_names.insert(exact_names.index("z3"), "lp")
    decided: list[tuple[str, str, Outcome]] = []
    gave_up: list[str] = []
    for name in exact_names:
        backend = load_backend(name)
        if not backend.accepts(problem):
            continue
        # a cross-checking back-end after the first decision gets a bounded share of the time
        budget = seconds if not decided else min(CROSS_CHECK_SECONDS, seconds / 4)
        outcome = backend.run(problem, budget)
        version = backend.version()
        if isinstance(outcome, Refutation):
            why = recheck(problem, outcome.assignment)
            if why is not None:
                return PointResult(
                    Status.ERROR, backend=version,
                    reason=f"back-end {name} proposed a witness that does not replay: {why} "
                    f"(point {exact.to_json(outcome.assignment)})",
                )
        if isinstance(outcome, GaveUp):
            gave_up.append(outcome.reason)
            continue
        decided.append((name, version, outcome))
        if not settings.cross_check:
            break
    if decided:
        kinds = {type(o) for _, _, o in decided}
        if Refutation in kinds and kinds & {Proof, Vacuous}:
            said = "; ".join(f"{n}: {type(o).__name__}" for n, _, o in decided)
            return PointResult(Status.ERROR, reason=f"exact back-ends disagree: {said}")
        name, version, outcome = decided[0]
        backend_text = ", ".join(v for _, v, _ in decided)
        if isinstance(outcome, Refutation):
            w = _witness(claim, sha, params, outcome.assignment,
                         _first_false(problem, outcome.assignment), name, version)
            return PointResult(Status.REFUTED, backend=backend_text, witness=w)
        if isinstance(outcome, Vacuous):
            return PointResult(Status.VACUOUS, outcome.evidence, backend_text)
        evidence = "; ".join(o.evidence for _, _, o in decided)  # type: ignore[union-attr]
        return PointResult(Status.PROVED, evidence, backend_text)
    if "search" in names:
        search = load_backend("search")
        outcome = search.run(problem, seconds)
        if isinstance(outcome, Refutation):
            why = recheck(problem, outcome.assignment)
            if why is not None:
                return PointResult(Status.ERROR, reason=f"search witness does not replay: {why}")
            w = _witness(claim, sha, params, outcome.assignment,
                         _first_false(problem, outcome.assignment), "search", search.version())
            return PointResult(Status.REFUTED, backend=search.version(), witness=w)
        if isinstance(outcome, Sampled):
            return PointResult(Status.SAMPLED, f"search: {outcome.examples} examples, none false",
                               search.version(), reason="; ".join(gave_up))
        gave_up.append(outcome.reason)  # type: ignore[union-attr]
    reason = "; ".join(gave_up) or "no back-end accepts this statement"
    return PointResult(Status.UNKNOWN, reason=reason)


def effective_limits(claim: Claim, settings: Settings) -> dict[str, int]:
    """The claim's own limits, overridden per parameter by `--limit name=N`; a bare
    `--limit N` applies only to a claim with exactly one unbounded parameter (raising every
    unbounded parameter at once would make honest `over` domains explode)."""
    limits = dict(claim.limit)
    unbounded = [n for n, d in claim.over.items() if not d.is_finite]
    if settings.limit is not None and len(unbounded) == 1:
        limits[unbounded[0]] = settings.limit
    for name, value in settings.limits.items():
        if name in unbounded:
            limits[name] = value
    for name in unbounded:
        if name not in limits:
            limits[name] = DEFAULT_LIMIT
    return limits


def _points(claim: Claim, settings: Settings) -> tuple[Iterator[dict[str, Any]], bool, str]:
    """Parameter points to visit, whether they cover the whole domain, and the cut's text."""
    limits = effective_limits(claim, settings)
    enumerable = all(isinstance(d, Ints | Choice) for d in claim.over.values())
    if not enumerable:
        raise EncodingError(
            f"{claim.id}: parameters over real intervals; quantify them inside a Forall instead"
        )
    complete = all(d.is_finite for d in claim.over.values())
    cut = ", ".join(
        d.describe_cut(n, limits[n])  # type: ignore[union-attr]
        for n, d in claim.over.items() if not d.is_finite
    )
    return product_in_size_order(dict(claim.over), limits), complete, cut


def check(claim: Claim, settings: Settings) -> Verdict:
    """The claim's own verdict (premise caps are applied by verify.runner)."""
    start = time.monotonic()

    def verdict(status: Status, scope: str, evidence: tuple[str, ...] = (), backend: str = "",
                witness: Witness | None = None, reason: str = "", **details: Any) -> Verdict:
        return Verdict(claim.id, status, scope, evidence, backend,
                       round(time.monotonic() - start, 3), witness, reason, dict(details))

    if claim.kind != "claim":
        return verdict(Status.ERROR, "", reason=f"{claim.id} is a definition, not a claim")
    store = settings.store
    if store is not None and store.has(claim.id):
        return replay_stored(claim, store, start)
    try:
        points, complete, cut = _points(claim, settings)
    except VerifyError as exc:
        return verdict(Status.ERROR, "", reason=str(exc))
    deadline = start + settings.timeout
    results: list[PointResult] = []
    visited = skipped = 0
    last_point: dict[str, Any] = {}
    inner_scopes: list[str] = []
    for params in points:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return verdict(Status.UNKNOWN, "", reason=f"time limit {settings.timeout}s reached "
                           f"after {visited} points (last {exact.to_json(last_point)})")
        visited += 1
        last_point = params
        begin_point()
        try:
            statement, sha = instantiate(claim, params)
            if isinstance(statement, bool):
                res = _decide_predicate(claim, statement, sha, params)
            else:
                said = evidences()
                if statement.variables and statement.describe() not in inner_scopes:
                    inner_scopes.append(statement.describe())
                res = decide(claim, statement, sha, params, settings, remaining)
                if said and res.status is Status.PROVED:
                    res.evidence = "; ".join([*said, res.evidence])
        except Skip:
            skipped += 1
            continue
        except MemoryError:
            return verdict(Status.ERROR, "", reason=f"memory limit at {exact.to_json(params)}")
        except Exception as exc:  # noqa: BLE001 - a claim's crash is its ERROR verdict
            where = exact.to_json(params) if params else "the claim"
            msg = str(exc).splitlines()[0] if str(exc) else ""
            return verdict(Status.ERROR, "", reason=f"at {where}: {type(exc).__name__}: {msg}")
        results.append(res)
        if res.status in (Status.REFUTED, Status.ERROR):
            break
    forall_scope = inner_scopes[0] if len(inner_scopes) == 1 else (
        f"quantified variables vary by point (first: {inner_scopes[0]})" if inner_scopes else "")
    return _aggregate(claim, results, visited, skipped, complete, cut, forall_scope, verdict,
                      store if settings.write_witnesses else None)


def _decide_predicate(claim: Claim, value: bool, sha: str, params: dict[str, Any]) -> PointResult:
    if value:
        said = "; ".join(evidences()) or "exact predicate"
        return PointResult(Status.PROVED, said, "exact predicate")
    first_notes = notes()
    begin_point()
    again, _ = instantiate(claim, params)  # the re-check: an exact predicate is deterministic
    if again is not False:
        return PointResult(Status.ERROR, reason=f"predicate is not deterministic at {params}")
    first = {"name": "predicate", "relation": claim.statement, "lhs": "False", "rhs": "True"}
    w = _witness(claim, sha, params, {}, first, "enumerate", "exact predicate")
    return PointResult(Status.REFUTED, backend="exact predicate",
                       witness=w if not first_notes else _with_notes(w, first_notes))


def _with_notes(w: Witness, values: dict[str, Any]) -> Witness:
    from dataclasses import replace

    return replace(w, notes=exact.to_json(values))


def _aggregate(claim: Claim, results: list[PointResult], visited: int, skipped: int,
               complete: bool, cut: str, forall_scope: str, verdict: Any,
               store: Store | None) -> Verdict:
    domain = claim.domain_text()
    whole = ", ".join(x for x in (domain if claim.over else "", forall_scope) if x)
    whole = whole or "the closed statement"
    backends = ", ".join(dict.fromkeys(r.backend for r in results if r.backend))
    for r in results:
        if r.status is Status.ERROR:
            return verdict(Status.ERROR, whole, backend=backends, reason=r.reason)
        if r.status is Status.REFUTED:
            w = r.witness
            if store is not None and w is not None:
                path = store.write(w)
                from dataclasses import replace

                w = replace(w, path=path.as_posix())
            at = ", ".join(f"{k}={v}" for k, v in (w.params if w else {}).items())
            return verdict(Status.REFUTED, f"at {at}" if at else whole,
                           ("witness re-checked exactly",), backends, w)
    live = [r for r in results if r.status is not Status.VACUOUS]
    if not live:
        why = "; ".join(dict.fromkeys(r.evidence for r in results)) or f"all {skipped} points skipped by assume()"
        return verdict(Status.VACUOUS, whole, backend=backends, reason=f"hypotheses never hold: {why}")
    evidence = tuple(dict.fromkeys(r.evidence for r in live if r.evidence))
    counts = f"{len(live)} point{'s' if len(live) != 1 else ''}" + (
        f" ({skipped} skipped by assume, {len(results) - len(live)} vacuous)"
        if skipped or len(live) != len(results) else ""
    )
    evidence = (*evidence[:4], f"parameter points decided: {counts}")
    unknown = [r for r in live if r.status is Status.UNKNOWN]
    if unknown:
        return verdict(Status.UNKNOWN, whole, evidence, backends, reason=unknown[0].reason)
    if any(r.status is Status.SAMPLED for r in live):
        return verdict(Status.SAMPLED, whole, evidence, backends)
    if complete:
        return verdict(Status.PROVED, f"whole domain: {whole}", evidence, backends)
    return verdict(Status.CHECKED, f"{cut} of {domain}" + (f"; {forall_scope}" if forall_scope else ""),
                   evidence, backends)


def replay_stored(claim: Claim, store: Store, start: float | None = None) -> Verdict:
    data = store.read(claim.id)
    return replay(claim, data, start)


def replay(claim: Claim, data: dict[str, Any], start: float | None = None) -> Verdict:
    """Re-evaluate a stored witness exactly; REFUTED if it still refutes, else ERROR."""
    start = time.monotonic() if start is None else start
    path = data.get("_path", "<witness>")

    def done(status: Status, reason: str = "", witness: Witness | None = None) -> Verdict:
        at = ", ".join(f"{k}={v}" for k, v in data["params"].items())
        scope = f"at {at}" if at else "the closed statement"
        return Verdict(claim.id, status, scope, ("stored witness re-checked exactly",)
                       if status is Status.REFUTED else (), "replay",
                       round(time.monotonic() - start, 3), witness, reason)

    if data["claim"] != claim.id:
        return done(Status.ERROR, f"{path}: witness is for {data['claim']!r}, not {claim.id!r}")
    try:
        params = {k: exact.from_json(v, f"{path}: params.{k}") for k, v in data["params"].items()}
        assignment = {k: exact.from_json(v, f"{path}: assignment.{k}")
                      for k, v in data["assignment"].items()}
    except InputError as exc:
        return done(Status.ERROR, str(exc))
    for name, dom in claim.over.items():
        if name not in params:
            return done(Status.ERROR, f"{path}: params has no value for {name!r}")
        if not dom.contains(params[name]):
            return done(Status.ERROR, f"{path}: params.{name} = {params[name]} is outside "
                        f"{dom.describe(name)}")
    begin_point()
    try:
        statement, sha = instantiate(claim, params)
    except Exception as exc:  # noqa: BLE001
        return done(Status.ERROR, f"{path}: the claim raised at the witness: {type(exc).__name__}: {exc}")
    if sha != data["statement_sha256"]:
        return done(Status.ERROR, f"{path}: stale witness: the statement changed since it was "
                    "stored (re-run with --update-witnesses after reviewing)")
    witness = Witness(claim.id, sha, data["params"], data["assignment"], data["first_false"],
                      data.get("notes", {}), data["found_by"], data["backend_version"], path)
    if isinstance(statement, bool):
        if statement is False:
            return done(Status.REFUTED, witness=witness)
        return done(Status.ERROR, f"{path}: witness no longer refutes: the predicate holds")
    why = recheck(statement, assignment)
    if why is None:
        return done(Status.REFUTED, witness=witness)
    return done(Status.ERROR, f"{path}: witness no longer refutes: {why}")
