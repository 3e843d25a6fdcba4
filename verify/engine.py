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
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field, replace
from itertools import islice
from typing import Any

import sympy as sp

from verify import certificates, exact, record
from verify.backends import load as load_backend
from verify.backends.base import GaveUp, Outcome, Proof, Refutation, Sampled, Vacuous
from verify.claim import Claim
from verify.context import Skip, begin_point, evidences, notes
from verify.domains import Choice, Ints, product_in_size_order
from verify.errors import EncodingError, InputError, VerifyError
from verify.mech import lp as lpmod
from verify.statement import Exists, Forall, statement_hash
from verify.store import Store
from verify.verdict import Status, Verdict, Witness

EXACT_BACKENDS = ("sympy", "z3", "lp", "enumerate", "interval")
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
    rehash: bool = False  # `mechverify rehash`: re-hash stored witnesses that still refute
    certificates: str | None = None  # `check --certificates DIR`: write positive evidence
    # `check --chunks N` / `--chunk-seconds S`: split a sweep's points into chunks (runner)
    chunks: int | None = None
    chunk_seconds: float | None = None


@dataclass
class PointResult:
    status: Status
    evidence: str = ""
    backend: str = ""
    witness: Witness | None = None
    reason: str = ""
    # LP hash -> certificate of every LP the claim's own code solved in this run up to this
    # point (a claim may cache an optimum from an earlier point): stored with a witness, so
    # that replay re-checks them instead of solving (verify.certificates)
    replay_log: dict[str, Any] = field(default_factory=dict)


class _Recorder:
    """Records one point: the LPs solved (the claim's own first), trusted MILP steps and,
    with `check --certificates`, the z3 queries answered unsat."""

    def __init__(self, smt: bool) -> None:
        self.stack = ExitStack()
        self.lps = self.stack.enter_context(lpmod.recording())
        self.trusted = self.stack.enter_context(lpmod.trusting())
        self.smt: list[str] = self.stack.enter_context(certificates.collecting_smt()) \
            if smt else []
        self.built = 0

    def attach(self, res: PointResult, predicate: bool, book: dict[str, Any]) -> None:
        """Add the LPs the claim's code solved to `book` (the claim's so far) and give it to
        `res` for a witness; a PROVED point resting on an uncertified MILP optimum becomes
        UNKNOWN (it may make nothing PROVED or CHECKED)."""
        certificates.extend_book(book, self.lps if predicate else self.lps[:self.built])
        res.replay_log = book
        if self.trusted and res.status is Status.PROVED:
            res.status = Status.UNKNOWN
            res.reason = (f"the point rests on a {self.trusted[0]}; exhaustive enumeration "
                          "(solve_milp(..., exhaustive=True)) or an exact certificate can prove it")


def instantiate(claim: Claim, params: dict[str, Any]) -> tuple[Any, str]:
    """The claim's statement at `params` and its hash."""
    result = claim.call(params)
    if isinstance(result, dict):
        result = Forall({}, then=result)
    if isinstance(result, Forall | Exists):
        body = result.fingerprint()
    elif isinstance(result, sp.logic.boolalg.BooleanAtom):
        raise EncodingError(
            f"{claim.id}: the predicate returned sympy's {result}: sympy decided a relation "
            "when it was built, by its own (possibly floating-point) rules, so it is no "
            "evidence; return the relation unevaluated in a dict ({'name': sp.Lt(a, b, "
            "evaluate=False)}) for the exact evaluator, or a Python bool computed exactly"
        )
    elif isinstance(result, bool):
        body = claim.body_text() + repr(sorted(claim.kwargs.items()))
    else:
        raise EncodingError(
            f"{claim.id}: the claim returned {type(result).__name__}; expected bool, a dict "
            "of closed relations, or a Forall"
        )
    return result, statement_hash(claim.id, params, body)


def _first_false(problem: Forall | Exists, point: dict[str, Any]) -> dict[str, str]:
    if isinstance(problem, Exists):
        return {}
    for name, c in problem.then.items():
        if not exact.holds(c, point):
            return {"name": name, **exact.explain(c, point)}
    return {}


def recheck(problem: Forall | Exists, point: dict[str, Any]) -> str | None:
    """None if `point` refutes the statement exactly; otherwise why it does not.

    An existential statement is refuted by no point but by its exhausted finite domain, so
    its re-check re-enumerates the domain exactly."""
    if isinstance(problem, Exists):
        found, _total, _relevant = _search_exhaustively(problem, None)
        return None if found is None else f"a witness exists: {exact.to_json(found)}"
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
    """One point's statement through the back-ends, each on its own deterministic budget
    (z3 resource limit, search example count, enumeration over a finite domain); seconds are
    only the kill switch. A back-end that gives up passes on, and the result says which ran."""
    names = claim.backends or settings.backends or (*EXACT_BACKENDS, "search")
    exact_names = [n for n in names if n in EXACT_BACKENDS]
    if not problem.variables and "enumerate" in exact_names:
        exact_names = ["enumerate"]  # a closed statement: exact evaluation decides it
    elif len(problem.variables) > LARGE and "lp" in exact_names and "z3" in exact_names:
        # large linear statements (mechanism tables): exact LP scales where z3 stalls
        exact_names.remove("lp")
        exact_names.insert(exact_names.index("z3"), "lp")
    searching = "search" in names and bool(problem.variables)
    deadline = time.monotonic() + seconds
    decided: list[tuple[str, str, Outcome]] = []
    tried: list[str] = []
    gave_up: list[str] = []
    for name in exact_names:
        backend = load_backend(name)
        if not backend.accepts(problem):
            continue
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            gave_up.append(f"{name}: no time left")
            break
        # the kill switch: later back-ends (search, cross-checks) keep a share of the time
        budget = remaining / 2 if searching or settings.cross_check else remaining
        if decided:
            budget = min(CROSS_CHECK_SECONDS, remaining / 4)
        outcome = backend.run(problem, budget)
        version = backend.version()
        tried.append(name)
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
        if isinstance(outcome, Proof) and not getattr(backend, "checks_vacuity", False):
            vacuity = hypotheses_vacuous(problem, min(CROSS_CHECK_SECONDS, max(budget, 1.0)))
            if vacuity is None:
                gave_up.append(f"{name} proved it, but whether the hypotheses can hold at all "
                               "is undecided (a proof from contradictory hypotheses is VACUOUS; "
                               "give the Forall an example= point where they hold)")
                continue
            if vacuity:
                outcome = Vacuous(vacuity)
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
        outcome = search.run(problem, max(deadline - time.monotonic(), 0.0))
        tried.append("search")
        if isinstance(outcome, Refutation):
            why = recheck(problem, outcome.assignment)
            if why is not None:
                return PointResult(Status.ERROR, reason=f"search witness does not replay: {why}")
            w = _witness(claim, sha, params, outcome.assignment,
                         _first_false(problem, outcome.assignment), "search", search.version())
            return PointResult(Status.REFUTED, backend=search.version(), witness=w)
        if isinstance(outcome, Sampled):
            ran = f"; exact back-ends tried first: {'; '.join(gave_up)}" if gave_up else ""
            return PointResult(Status.SAMPLED, f"search: {outcome.examples} examples, none "
                               f"false{ran}", search.version(), reason="; ".join(gave_up))
        gave_up.append(outcome.reason)  # type: ignore[union-attr]
    reason = "; ".join(gave_up) or "no back-end accepts this statement"
    if tried:
        reason += f" (back-ends run: {', '.join(tried)})"
    return PointResult(Status.UNKNOWN, reason=reason)


def _search_exhaustively(problem: Exists, deadline: float | None) -> tuple[Any, int, int]:
    """The first point (smallest first) of a finite existential's domain satisfying it, or
    None once every point is ruled out exactly; "timeout" when the deadline passes first.
    Also the points visited and how many of them satisfy the hypotheses."""
    given = sp.And(*problem.given.values())
    wanted = sp.And(*problem.such_that.values())
    domains = {s.name: d for s, d in problem.variables.items()}
    total = relevant = 0
    for point in product_in_size_order(domains, {}):  # type: ignore[arg-type]
        total += 1
        if deadline is not None and time.monotonic() > deadline:
            return "timeout", total, relevant
        if exact.holds(given, point):
            relevant += 1
            if exact.holds(wanted, point):
                return point, total, relevant
    return None, total, relevant


def decide_exists(
    claim: Claim, problem: Exists, sha: str, params: dict[str, Any], settings: Settings,
    seconds: float,
) -> PointResult:
    """One point of an existential claim: a witness re-checked exactly is PROVED; only an
    exhausted finite domain is REFUTED; anything less (a search, a solver's unsat without a
    replayable certificate) is UNKNOWN, saying on what no witness was found."""
    if problem.is_finite():
        found, total, relevant = _search_exhaustively(problem, time.monotonic() + seconds)
        if found == "timeout":
            return PointResult(Status.UNKNOWN, reason=f"no witness in the first {total} points "
                               "before the time limit")
        if found is not None:
            return PointResult(Status.PROVED, f"witness {exact.to_json(found)} re-checked "
                               "exactly", "enumerate")
        if relevant == 0:
            return PointResult(Status.VACUOUS, f"exhaustive: hypotheses fail at all {total} "
                               "points", "enumerate")
        first = {"name": "exists", "relation": f"some point of {problem.describe()} satisfies "
                 + " and ".join(problem.such_that), "lhs": f"none of the {total} points does",
                 "rhs": "at least one"}
        w = _witness(claim, sha, params, {}, first, "enumerate", "enumerate (exhaustive)")
        return PointResult(Status.REFUTED, backend="enumerate (exhaustive)", witness=w)
    res = decide(claim, problem.negation(), sha, params, settings, seconds)
    if res.status is Status.REFUTED and res.witness is not None:
        return PointResult(Status.PROVED, f"witness {res.witness.assignment} re-checked exactly",
                           res.backend)
    if res.status is Status.PROVED:
        return PointResult(Status.UNKNOWN, backend=res.backend, reason=(
            f"no witness exists according to {res.evidence}, but a REFUTED needs a replayable "
            "witness (an exhausted finite domain)"))
    if res.status is Status.SAMPLED:
        return PointResult(Status.UNKNOWN, backend=res.backend,
                           reason=f"no witness on the searched sample ({res.evidence})")
    return res


def hypotheses_vacuous(problem: Forall, seconds: float) -> str | None | bool:
    """Whether the domains and hypotheses cannot hold together: the evidence text if they
    cannot, False if a point satisfying them is known, None if undecided.

    Every route to PROVED goes through this (or a back-end that checks it itself), so a
    statement with contradictory hypotheses is VACUOUS whichever back-end decides it.
    """
    if not problem.given:
        return False  # domains are non-empty by construction
    given = sp.And(*problem.given.values())
    if not problem.variables:
        try:
            return False if exact.holds(given, {}) else "the closed hypotheses are false"
        except (exact.Undecided, ZeroDivisionError):
            return None
    # "hypotheses imply false": a point refuting it lies in the domains and satisfies them
    hyps = Forall.built(problem.variables, problem.given,
                        {"false": sp.Eq(sp.Integer(0), sp.Integer(1), evaluate=False)})
    if problem.example is not None:
        why = recheck(hyps, problem.example)
        if why is None:
            return False
        raise EncodingError(f"the Forall's example point does not satisfy the hypotheses: {why}")
    for name in ("z3", "enumerate", "lp"):
        backend = load_backend(name)
        if not backend.accepts(hyps):
            continue
        outcome = backend.run(hyps, seconds)
        if isinstance(outcome, Vacuous):
            return f"{outcome.evidence} (checked before accepting the proof)"
        if isinstance(outcome, Refutation) and recheck(hyps, outcome.assignment) is None:
            return False  # a point where every hypothesis holds
    point, _ = load_backend("search").find(hyps.variables, given, deadline=time.monotonic() + 2)
    return False if point is not None else None


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
        + (" (default limit)" if n not in claim.limit and n not in settings.limits
           and settings.limit is None else "")
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
        return replay_stored(claim, store, start, settings)
    try:
        points, complete, cut = _points(claim, settings)
    except VerifyError as exc:
        return verdict(Status.ERROR, "", reason=str(exc))
    sweep = _sweep(claim, settings, points, start + settings.timeout, verdict)
    if sweep.stop is not None:
        return sweep.stop
    return _conclude(claim, settings, sweep, complete, cut, verdict,
                     store if settings.write_witnesses else None)


@dataclass
class Sweep:
    """What visiting parameter points in the domain's order left: their results (ending at
    the first REFUTED or ERROR point), the points taken (skipped ones included), the
    quantified domains met, the plot log; `stop` is the verdict that ended it early (the time
    limit, a crash at a point), `ran_out` that a chunk's soft time budget ended it."""

    results: list[PointResult] = field(default_factory=list)
    visited: int = 0
    skipped: int = 0
    inner_scopes: list[str] = field(default_factory=list)
    most_variables: int = 0
    log: Any = None  # a record.PointLog while visiting; a merged sweep's JSON form
    found: certificates.Evidence = field(
        default_factory=lambda: certificates.Evidence([], [], ""))
    stop: Verdict | None = None
    last_point: dict[str, Any] = field(default_factory=dict)
    ran_out: bool = False


def _sweep(claim: Claim, settings: Settings, points: Iterable[dict[str, Any]], deadline: float,
           verdict: Any, budget: float | None = None) -> Sweep:
    """Decide `points` in order until the first REFUTED or ERROR point; with `budget`
    seconds, stop cleanly (`ran_out`) before taking a point once they have passed."""
    begun = time.monotonic()
    sweep = Sweep(log=record.PointLog() if claim.over else None)  # bounded values, for plots
    claim_book: dict[str, Any] = {}
    found, results, inner_scopes = sweep.found, sweep.results, sweep.inner_scopes
    for params in points:
        if budget is not None and sweep.visited and time.monotonic() - begun >= budget:
            sweep.ran_out = True
            break
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            sweep.stop = verdict(Status.UNKNOWN, "", reason=f"time limit {settings.timeout}s "
                                 f"reached after {sweep.visited} points (last "
                                 f"{exact.to_json(sweep.last_point)})")
            return sweep
        sweep.visited += 1
        sweep.last_point = params
        begin_point()
        rec = _Recorder(settings.certificates is not None)
        try:
            statement, sha = instantiate(claim, params)
            rec.built = len(rec.lps)
            if isinstance(statement, bool):
                res = _decide_predicate(claim, statement, sha, params)
            else:
                said = evidences()
                if statement.variables and statement.describe() not in inner_scopes:
                    inner_scopes.append(statement.describe())
                    sweep.most_variables = max(sweep.most_variables, len(statement.variables))
                if isinstance(statement, Exists):
                    res = decide_exists(claim, statement, sha, params, settings, remaining)
                else:
                    res = decide(claim, statement, sha, params, settings, remaining)
                if said and res.status is Status.PROVED:
                    res.evidence = "; ".join([*said, res.evidence])
        except Skip:
            sweep.skipped += 1
            continue
        except MemoryError:
            sweep.stop = verdict(Status.ERROR, "",
                                 reason=f"memory limit at {exact.to_json(params)}")
            return sweep
        except Exception as exc:  # noqa: BLE001 - a claim's crash is its ERROR verdict
            where = exact.to_json(params) if params else "the claim"
            msg = str(exc).splitlines()[0] if str(exc) else ""
            sweep.stop = verdict(Status.ERROR, "",
                                 reason=f"at {where}: {type(exc).__name__}: {msg}")
            return sweep
        finally:
            rec.stack.close()
        rec.attach(res, isinstance(statement, bool), claim_book)
        if settings.certificates is not None:
            found.lps.extend(rec.lps[:certificates.MAX_ITEMS + 1 - len(found.lps)])
            found.smt.extend(rec.smt[:certificates.MAX_ITEMS - len(found.smt)])
        results.append(res)
        if sweep.log is not None:
            sweep.log.add(params, statement, res.status)
        if res.status in (Status.REFUTED, Status.ERROR):
            break
    return sweep


def _conclude(claim: Claim, settings: Settings, sweep: Sweep, complete: bool, cut: str,
              verdict: Any, store: Store | None) -> Verdict:
    """The verdict of a finished sweep (of the whole domain, or merged from its chunks)."""
    forall_scope = _forall_scope(sweep.inner_scopes, sweep.most_variables)
    out = _aggregate(claim, sweep.results, sweep.visited, sweep.skipped, complete, cut,
                     forall_scope, verdict, store)
    found = sweep.found
    if settings.certificates is not None and out.status in (Status.PROVED, Status.CHECKED):
        found.backends = out.backend
        try:
            certificates.write_verdict(settings.certificates, claim.id, out.status.value,
                                       out.scope, out.evidence, found)
        except (OSError, VerifyError) as exc:
            out = out.with_(details={**out.details, "certificates": f"not written: {exc}"})
    if sweep.log is None:
        return out
    log = sweep.log.to_json() if isinstance(sweep.log, record.PointLog) else sweep.log
    return out.with_(details={**out.details, "points": log})


# ---------------------------------------------------------------- chunks of one sweep
# A sweep's points, in the domain's order, split into chunks of consecutive points that run
# as separate jobs (verify.runner plans them); merge_chunks gives exactly check's verdict.

LIVE_TEXTS = 4  # evidence texts of decided points _aggregate shows (its evidence[:4])


def point_count(claim: Claim, settings: Settings) -> int | None:
    """How many parameter points the claim's sweep visits at most (in the domain's order,
    `--limit` cuts included); None when it has no enumerable `over` to split."""
    if claim.kind != "claim" or not claim.over:
        return None
    try:
        limits = effective_limits(claim, settings)
        total = 1
        for name, dom in claim.over.items():
            if not isinstance(dom, Ints | Choice):
                return None
            if isinstance(dom, Ints) and not dom.is_finite and name not in limits:
                return None
            total *= sum(1 for _ in dom.iterate(limits.get(name)))
    except VerifyError:
        return None
    return total


def check_chunk(claim: Claim, settings: Settings, first: int, end: int,
                budget: float | None = None) -> Verdict:
    """Points `first`..`end`-1 of the claim's sweep, under its time limit, writing nothing:
    a Verdict whose details["chunk"] holds what merge_chunks needs (`budget`: stop cleanly,
    at a point boundary, once that many seconds have passed)."""
    start = time.monotonic()

    def verdict(status: Status, scope: str, evidence: tuple[str, ...] = (), backend: str = "",
                witness: Witness | None = None, reason: str = "", **details: Any) -> Verdict:
        return Verdict(claim.id, status, scope, evidence, backend,
                       round(time.monotonic() - start, 3), witness, reason, dict(details))

    try:
        points, _, _ = _points(claim, settings)
    except VerifyError as exc:
        return verdict(Status.ERROR, "", reason=str(exc))
    quiet = replace(settings, store=None, write_witnesses=False)
    sweep = _sweep(claim, quiet, islice(points, first, end), start + settings.timeout, verdict,
                   budget)
    data = _encode(sweep, first)
    status = Status.ERROR if sweep.stop is not None else (
        Status.REFUTED if data["final"] and data["final"]["status"] == "REFUTED"
        else Status.CHECKED if data["clean"] else Status.UNKNOWN)
    return verdict(status, f"points {first + 1}-{first + sweep.visited}", chunk=data)


def _encode(sweep: Sweep, first: int) -> dict[str, Any]:
    """A chunk's sweep as JSON, run-length encoded. Of each point only what _aggregate can
    read is kept: every evidence text of a vacuous point; of the others the first
    LIVE_TEXTS distinct evidence texts, the first text of each back-end, the first UNKNOWN
    reason; the last point whole (a REFUTED one with its witness and LP certificates)."""
    rows: list[list[Any]] = []
    live: list[str] = []
    backends: set[str] = set()
    unknown = False
    results = sweep.results
    final = None
    if results and results[-1].status in (Status.REFUTED, Status.ERROR):
        last = results[-1]
        results = results[:-1]
        final = {"status": last.status.value, "evidence": last.evidence,
                 "backend": last.backend, "reason": last.reason,
                 "witness": None if last.witness is None else asdict(last.witness),
                 "replay_log": {key: cert.to_json(key) for key, cert in last.replay_log.items()}
                 if last.status is Status.REFUTED else {}}
    for r in results:
        evidence, reason = r.evidence, ""
        if r.status is not Status.VACUOUS:
            if evidence in live or len(live) >= LIVE_TEXTS:
                evidence = ""
            elif evidence:
                live.append(evidence)
        backend = "" if r.backend in backends else r.backend
        backends.add(r.backend)
        if r.status is Status.UNKNOWN and not unknown:
            reason, unknown = r.reason, True
        row = [r.status.value, evidence, backend, reason]
        if rows and rows[-1][1:] == row:
            rows[-1][0] += 1
        else:
            rows.append([1, *row])
    clean = sweep.stop is None and not unknown and (final is None
                                                    or final["status"] == "REFUTED")
    log = sweep.log.to_json() if isinstance(sweep.log, record.PointLog) else None
    return {"first": first, "end": first + sweep.visited, "visited": sweep.visited,
            "skipped": sweep.skipped, "rows": rows, "final": final,
            "scopes": sweep.inner_scopes[:2], "most": sweep.most_variables, "log": log,
            "stop": None if sweep.stop is None else sweep.stop.to_json(),
            "last_point": exact.to_json(sweep.last_point), "ran_out": sweep.ran_out,
            "clean": clean}


def chunk_is_final(part: Verdict) -> bool:
    """Whether no point after this chunk can change the verdict: its job failed, it stopped
    early, or it ended at a REFUTED or ERROR point."""
    data = part.details.get("chunk")
    return data is None or data["stop"] is not None or data["final"] is not None


def merge_chunks(claim: Claim, settings: Settings, total: int,
                 parts: list[tuple[int, int, Verdict]]) -> Verdict:
    """The claim's verdict from its chunks `(first, end, verdict)` in the domain's order,
    exactly as check gives it for the whole sweep: the points' results are concatenated and
    aggregated as check does, so the first failing point in the domain's order (the
    smallest witness) wins. A chunk that failed (its job died or overran its limit) or
    stopped early (time limit, a crash at a point) decides the verdict, unless an earlier
    chunk ended at a failing point: as the whole sweep, which would have stopped there too.
    A REFUTED witness is not written here; its LP certificates are in details["lp_log"]."""
    seconds = sum(v.seconds for _, _, v in parts)

    def verdict(status: Status, scope: str, evidence: tuple[str, ...] = (), backend: str = "",
                witness: Witness | None = None, reason: str = "", **details: Any) -> Verdict:
        return Verdict(claim.id, status, scope, evidence, backend, round(seconds, 3), witness,
                       reason, dict(details))

    _, complete, cut = _points(claim, settings)
    sweep = Sweep()
    logs: list[dict[str, Any]] = []
    at = 0
    for first, end, part in parts:
        data = part.details.get("chunk")
        if data is None:  # its job died, overran its limit or could not start
            return part.with_(seconds=round(seconds, 3),
                              reason=f"{_points_text(first, end, total)}: {part.reason}")
        if data["first"] != at:
            return verdict(Status.ERROR, "", reason=f"the chunks do not cover the points in "
                           f"order: one starts at point {data['first']}, expected {at}")
        at = data["end"]
        for count, status, evidence, backend, reason in data["rows"]:
            sweep.results.extend([PointResult(Status(status), evidence, backend,
                                              reason=reason)] * count)
        sweep.visited += data["visited"]
        sweep.skipped += data["skipped"]
        for scope in data["scopes"]:
            if scope not in sweep.inner_scopes:
                sweep.inner_scopes.append(scope)
        sweep.most_variables = max(sweep.most_variables, data["most"])
        if data["log"] is not None:
            logs.append(data["log"])
        if data["stop"] is not None:
            stop = Verdict.from_json(data["stop"])
            if stop.status is Status.UNKNOWN:  # the time limit: counted over the whole sweep
                stop = stop.with_(reason=f"time limit {settings.timeout}s reached in the "
                                  f"chunk of {_points_text(first, end, total)}, after "
                                  f"{sweep.visited} points (last {data['last_point']})")
            return stop.with_(seconds=round(seconds, 3))
        final = data["final"]
        if final is not None:
            w = final["witness"]
            sweep.results.append(PointResult(
                Status(final["status"]), final["evidence"], final["backend"],
                None if w is None else Witness(**w), final["reason"],
                {key: lpmod.Certificate.from_json(text)
                 for key, text in final["replay_log"].items()}))
            break
    else:
        if at != total:
            return verdict(Status.ERROR, "", reason=f"the chunks end at point {at} of {total}")
    sweep.log = _merge_logs(logs) if logs else None
    return _conclude(claim, settings, sweep, complete, cut, verdict, None)


def _points_text(first: int, end: int, total: int) -> str:
    """A chunk's points for a reader: 'points 4-6 of 12' (counted from 1, domain order)."""
    return f"points {first + 1}-{end} of {total}"


def _merge_logs(logs: list[dict[str, Any]]) -> dict[str, Any]:
    """One plot log from the chunks' logs: at most POINTS_KEPT + 1 of their points, the first
    half of them, then evenly spaced ones, and the last (a sample of the samples: the
    points may differ from those a whole sweep's log keeps)."""
    points = [p for log in logs for p in log["points"]]
    cap = record.POINTS_KEPT
    if len(points) > cap + 1:
        half = cap // 2
        rest = points[half:-1]
        step = len(rest) / half
        points = [*points[:half], *(rest[int(i * step)] for i in range(half)), points[-1]]
    return {"seen": sum(log["seen"] for log in logs), "kept": len(points), "points": points}


SCOPE_TEXT = 100  # characters of a Forall's domains shown in a scope; longer ones are counted


def _forall_scope(scopes: list[str], most: int) -> str:
    """What a reader needs of the quantified variables: their domains when one short text
    says it, else how many there are ("up to 36 quantified variables per point")."""
    if not scopes:
        return ""
    if len(scopes) == 1:
        if len(scopes[0]) <= SCOPE_TEXT:
            return scopes[0]
        return f"{most} quantified variable{'s' if most != 1 else ''}"
    return f"up to {most} quantified variable{'s' if most != 1 else ''} per point"


POINT_VALUES = 6  # values of a point shown on a verdict line; the witness file has them all
POINT_TEXT = 24  # characters of one value shown; longer exact values are shown as decimals


def _short_value(value: Any, whole: bool = False) -> str:
    """One exact JSON value (verify.exact.to_json form) as short text for a verdict line; a
    long number as a short decimal unless `whole` (parameters are shown exactly)."""
    if isinstance(value, str):
        if whole and exact.NUMBER.fullmatch(value):
            return value
        if len(value) <= POINT_TEXT or not exact.NUMBER.fullmatch(value):
            return value if len(value) <= 2 * POINT_TEXT else value[:2 * POINT_TEXT] + "…"
        return "≈" + exact.short_decimal(exact.parse_number(value, "point"))
    if isinstance(value, list):
        shown = ", ".join(_short_value(v, whole) for v in value[:POINT_VALUES])
        return f"({shown}{', …' if len(value) > POINT_VALUES else ''})"
    if isinstance(value, dict):
        if "root_of" in value:
            return "≈" + str(value.get("approx") or "?")
        if "text" in value and len(value) == 1:
            return str(value["text"])
        if "expr" in value:
            try:
                text = exact.show(exact.from_json(value, "point"))
            except VerifyError:
                text = "an expression"
            return text if len(text) <= 2 * POINT_TEXT else text[:2 * POINT_TEXT] + "…"
        return "{" + ", ".join(f"{k}: {_short_value(v, whole)}" for k, v in value.items()) + "}"
    return str(value)


def point_text(params: dict[str, Any], assignment: dict[str, Any] | None = None) -> str:
    """`k=1, x=1/2`: parameters (exactly) then quantified variables (long numbers as short
    decimals), exact JSON forms, the first POINT_VALUES of them, for the REFUTED line."""
    items = [(k, v, True) for k, v in params.items()]
    items += [(k, v, False) for k, v in (assignment or {}).items()]
    shown = [(k, _short_value(v, whole)) for k, v, whole in items[:POINT_VALUES]]
    text = ", ".join(f"{k}{'' if v.startswith('≈') else '='}{v}" for k, v in shown)
    more = len(items) - POINT_VALUES
    return text + (f", … ({more} more in the witness)" if more > 0 else "")


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
    w = _witness(claim, sha, params, {}, first, "exact predicate", "exact predicate")
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
                path = store.write(w, lp_log=r.replay_log)
                from dataclasses import replace

                w = replace(w, path=path.as_posix())
            at = point_text(w.params, w.assignment) if w is not None else ""
            out = verdict(Status.REFUTED, f"at {at}" if at else whole,
                          ("witness re-checked exactly",), backends, w)
            if store is None and w is not None and r.replay_log:
                # written elsewhere (a Dask client, verify.executors): the certificates travel
                # with the verdict so that the stored witness replays without solvers
                # (as JSON text: a Certificate holds mappingproxies, which do not pickle)
                out = out.with_(details={**out.details, "lp_log": {
                    key: cert.to_json(key) for key, cert in r.replay_log.items()}})
            return out
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
    vacuous = skipped + len(results) - len(live)
    partly = (f"; {len(live)} of {len(live) + vacuous} points, {vacuous} vacuous"
              if vacuous else "")
    unknown = [r for r in live if r.status is Status.UNKNOWN]
    if unknown:
        return verdict(Status.UNKNOWN, whole, evidence, backends, reason=unknown[0].reason)
    samples = [(n, d) for n, d in claim.over.items() if getattr(d, "sampled", False)]
    if samples:  # generated instances are samples of the paper's domain, never a slice
        on = ", ".join(d.describe(n) for n, d in samples)
        return verdict(Status.SAMPLED, f"exact on {on}{partly}", evidence, backends)
    if any(r.status is Status.SAMPLED for r in live):
        return verdict(Status.SAMPLED, whole + partly, evidence, backends)
    if complete:
        return verdict(Status.PROVED, f"whole domain: {whole}{partly}", evidence, backends)
    return verdict(Status.CHECKED, f"{cut} of {domain}" + (f"; {forall_scope}" if forall_scope else "")
                   + partly, evidence, backends)


def replay_stored(claim: Claim, store: Store, start: float | None = None,
                  settings: Settings | None = None) -> Verdict:
    """Replay the stored witness of `claim`; an unreadable file is this claim's ERROR.

    With `settings.rehash`, a witness that still refutes is rewritten in format 2 with the
    current statement hash (same point, same notes, its finding and certificates kept).
    """
    start = time.monotonic() if start is None else start
    try:
        data = store.read(claim.id)
    except InputError as exc:
        return Verdict(claim.id, Status.ERROR, "", (), "replay",
                       round(time.monotonic() - start, 3), None, str(exc))
    rehash = settings is not None and settings.rehash
    lp_log: list[Any] = []
    verdict = replay(claim, data, start, rehash=rehash, lp_log=lp_log)
    w = verdict.witness
    if verdict.details.get("rewrite") and w is not None and settings is not None \
            and settings.write_witnesses:
        from dataclasses import replace

        try:  # a rehash solved the claim's LPs afresh: their certificates replace the old
            path = store.write(replace(w, path=None), finding=data.get("finding"),
                               lp_log=lp_log)
        except (OSError, VerifyError) as exc:
            return verdict.with_(status=Status.ERROR, witness=None,
                                 reason=f"{store.path_for(claim.id)}: could not rewrite: {exc}")
        verdict = verdict.with_(witness=replace(w, path=path.as_posix()),
                                details={**verdict.details, "rewritten": path.as_posix()})
    return verdict


def replay(claim: Claim, data: dict[str, Any], start: float | None = None, *,
           rehash: bool = False, lp_log: list[Any] | None = None) -> Verdict:
    """Re-evaluate a stored witness exactly; REFUTED if it still refutes, else ERROR.

    `data` is what verify.store.read_witness_file returns (a raw JSON object is validated
    first). A witness whose statement hash is stale is an ERROR unless `rehash`: then it is
    REFUTED if its point still refutes the current statement, with the new hash and
    `details["rewrite"]` set (also set, with `rehash`, for a format-1 file), so that
    replay_stored rewrites the file. A point that no longer refutes is always an ERROR.

    A witness that references LP certificates is replayed without solvers: the claim runs in
    replay mode (verify.mech.lp.replaying), where each LP it builds is checked against its
    stored certificate in Fraction arithmetic instead of being solved; a missing or failing
    certificate is an ERROR naming the LP or the violated condition. With `rehash` the LPs
    are solved afresh and recorded into `lp_log` (also when the witness has no certificates
    yet: a rehash then adds them, `details["rewrite"] = "certificates"`).
    """
    from verify.store import FORMAT, parse_witness

    start = time.monotonic() if start is None else start
    path = data.get("_path", "<witness>")
    scope = ["the closed statement"]

    def done(status: Status, reason: str = "", witness: Witness | None = None,
             **details: Any) -> Verdict:
        return Verdict(claim.id, status, scope[0], ("stored witness re-checked exactly",)
                       if status is Status.REFUTED else (), "replay",
                       round(time.monotonic() - start, 3), witness, reason, details)

    if "_params" not in data:
        try:
            data = parse_witness(data, path)
        except InputError as exc:
            return done(Status.ERROR, str(exc))
    params: dict[str, Any] = data["_params"]
    assignment: dict[str, Any] = data["_assignment"]
    if params or assignment:
        scope[0] = "at " + point_text(exact.to_json(params), exact.to_json(assignment))
    if data["claim"] != claim.id:
        return done(Status.ERROR, f"{path}: witness is for {data['claim']!r}, not {claim.id!r}")
    for name, dom in claim.over.items():
        if name not in params:
            return done(Status.ERROR, f"{path}: params has no value for {name!r}")
        if not dom.contains(params[name]):
            return done(Status.ERROR, f"{path}: params.{name} = {exact.show(params[name])} is "
                        f"outside {dom.describe(name)}")
    try:
        book = certificates.witness_book(data) if data["certificates"] and not rehash else None
    except InputError as exc:
        return done(Status.ERROR, str(exc))
    begin_point()
    stack = ExitStack()
    try:
        if book is not None:
            stack.enter_context(lpmod.replaying(book))
        solved = stack.enter_context(lpmod.recording())
        statement, sha = instantiate(claim, params)
    except Exception as exc:  # noqa: BLE001
        return done(Status.ERROR, f"{path}: the claim raised at the witness: {type(exc).__name__}: {exc}")
    finally:
        stack.close()
    if lp_log is not None:
        lp_log.extend(solved)
    stale = sha != data["statement_sha256"]
    if stale and not rehash:
        return done(Status.ERROR, f"{path}: stale witness: the statement changed since it was "
                    f"stored: if you corrected the claim, `mechverify check --update-witnesses "
                    f"{claim.id}` removes the witness and checks afresh; if the point should "
                    f"still refute it, `mechverify rehash {claim.id}` keeps it)")
    if isinstance(statement, bool):
        why = None if statement is False else "the predicate holds"
    else:
        why = recheck(statement, assignment)
    if why is not None:
        changed = " (the statement changed since it was stored)" if stale else ""
        return done(Status.ERROR, f"{path}: witness no longer refutes{changed}: {why}")
    first_false = dict(data["first_false"])
    if stale and not isinstance(statement, bool):
        try:
            first_false = _first_false(statement, assignment) or first_false
        except Exception:  # noqa: BLE001 - the stored explanation is kept
            pass
    witness = Witness(claim.id, sha, exact.to_json(params), exact.to_json(assignment),
                      first_false, data["_notes"], data["found_by"], data["backend_version"],
                      path)
    if rehash and (stale or data["format"] != FORMAT):
        return done(Status.REFUTED, witness=witness, rewrite="rehash" if stale else "format")
    if rehash and lp_log and not data["certificates"]:
        return done(Status.REFUTED, witness=witness, rewrite="certificates")
    return done(Status.REFUTED, witness=witness)
