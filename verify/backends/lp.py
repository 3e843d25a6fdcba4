"""lp: linear statements over real variables, decided by certified exact LPs.

Accepts a `Forall` whose variables are `Reals` or `Rationals` (bounded or not) and whose
`given` and `then` conjuncts are linear relations (=, <=, <, >=, >) with rational
coefficients, or `And`s of them. `Or`, `Not`, `Ne`, `Implies`, integer or finite domains and
anything non-linear are declined (`accepts` is False), so another back-end decides them.

Decision, all in exact rationals (`verify.mech.lp.solve`: HiGHS finds a basis, the basis is
re-solved exactly and its certificate re-checked in pure Fractions; this back-end re-checks
every certificate but those of step 4's local relaxations once more with `LPResult.verify()`):

1. presolve (sound, exact): a hypothesis `a*x - a*y = 0` between two variables with the same
   domain merges them (the witness gives both the representative's value); rows are scaled to
   a canonical form and duplicates dropped; a conclusion identical to a hypothesis (or implied
   by a hypothesis that is the same row with a stricter relation) needs no LP, nor does one
   whose merged form is a true constant relation.
2. hypotheses: one LP decides whether domains and hypotheses can hold together; if not the
   statement is Vacuous (Farkas certificate, or, with strict hypotheses, a certified maximal
   common slack <= 0).
3. conclusions: each atomic conclusion `e <= c` is violated iff `e > c` is possible; `e < c`
   iff `e >= c`; `e = c` iff `e > c` or `e < c`. Every such violation piece is one LP:
   * without strict hypotheses (and no open domain bounds): maximise `e` over the closed
     polyhedron of domains and hypotheses; the piece is violated iff the certified optimum is
     `> c` (resp. `>= c`) or the LP is unbounded (the certified ray gives a point with
     `e >= c + 1`). The witness is the optimal vertex: the largest violation.
   * with strict hypotheses `r < b` (and open bounds): maximise a slack `s <= 1` subject to
     the closed rows, `r + s <= b` for each strict row and `e - s >= c` (strict piece) or
     `e >= c` (closed piece). Some point satisfies the strict rows and the violation iff the
     certified optimum is `s* > 0` (then the optimal point itself is such a point: every
     strict row holds with slack `s* > 0`); `s* <= 0` or infeasible proves there is none.
   No violated piece: Proof. A violated piece: Refutation with the exact vertex (the engine
   re-checks it against the original statement with `verify.exact`).
4. speed, first (without strict hypotheses): a *local relaxation* per conclusion piece: the
   hypotheses with at most one variable outside the piece's own variables (a subset of the
   hypotheses, so a certified bound over them that settles the piece holds for every point of
   the hypotheses). Pieces with the same variables share one LP with one objective each
   (`verify.mech.lp.solve_many`: one HiGHS model, warm starts, an exact certificate per
   objective). Statements whose conclusions follow from nearby hypotheses (mechanism tables:
   IC of v against w from IC and rank preservation at v and w) are decided this way alone;
   after LOCAL_TRIAL pieces with fewer than a quarter settled, the step is skipped. A piece it
   does not settle goes on to the next step.
5. speed (without strict hypotheses, >= 40 hypothesis rows): one persistent floating-point
   HiGHS model of the hypotheses is re-optimised for each piece; when its float optimum does
   not exceed the bound, the rows with nonzero float duals are taken and the certified exact
   LP is solved over those rows only (and the variables they use). That LP is a relaxation of
   the full one, so a certified bound that settles the piece holds for every point of the
   hypotheses; otherwise (or if the float solve fails) the full exact LP decides. Floats only
   choose rows; every verdict rests on an exact, re-checked certificate.

Strict hypotheses are supported (slack method above), not declined; open domain bounds count
as strict rows. The evidence names the number of exact LPs and how many were relaxations.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar

import sympy as sp

from verify.backends.base import GaveUp, Outcome, Proof, Refutation, Vacuous
from verify.domains import Rationals, Reals
from verify.errors import VerifyError
from verify.statement import Forall

_ZERO = Fraction(0)
SLACK = "__lp_slack__"


class Unsupported(Exception):
    """The statement is not a conjunction of linear relations over real variables."""


# ---------------------------------------------------------------------- linear forms


def _number(expr: sp.Basic) -> Fraction:
    if isinstance(expr, sp.Integer):
        return Fraction(int(expr))
    if isinstance(expr, sp.Rational):
        return Fraction(int(expr.p), int(expr.q))
    raise Unsupported(f"not an exact rational: {expr}")


Linear = tuple[dict[str, Fraction], Fraction]  # coefficients by variable name, constant
# a violation piece of a conclusion: (coefficients, rhs, strict): coeffs.x > rhs (strict) or >=
Piece = tuple[tuple[tuple[str, Fraction], ...], Fraction, bool]


def _linear(expr: Any, names: dict[sp.Symbol, str], memo: dict[Any, Linear]) -> Linear:
    """`expr` as (coefficients, constant); Unsupported if it is not linear."""
    if isinstance(expr, int | Fraction):
        return {}, Fraction(expr)
    hit = memo.get(expr)
    if hit is not None:
        return hit
    if isinstance(expr, sp.Symbol):
        if expr not in names:
            raise Unsupported(f"free symbol {expr}")
        out: Linear = ({names[expr]: Fraction(1)}, _ZERO)
    elif isinstance(expr, sp.Rational):
        out = ({}, _number(expr))
    elif isinstance(expr, sp.Add):
        coeffs: dict[str, Fraction] = {}
        const = _ZERO
        for arg in expr.args:
            c, k = _linear(arg, names, memo)
            const += k
            for v, a in c.items():
                coeffs[v] = coeffs.get(v, _ZERO) + a
        out = ({v: a for v, a in coeffs.items() if a}, const)
    elif isinstance(expr, sp.Mul):
        scale = Fraction(1)
        varying: Linear | None = None
        for arg in expr.args:
            c, k = _linear(arg, names, memo)
            if not c:
                scale *= k
            elif varying is None:
                varying = (c, k)
            else:
                raise Unsupported(f"non-linear product: {expr}")
        if varying is None:
            out = ({}, scale)
        else:
            out = ({v: a * scale for v, a in varying[0].items() if a * scale},
                   varying[1] * scale)
    elif isinstance(expr, sp.Pow):
        base, exp = expr.args
        c, k = _linear(base, names, memo)
        if c:
            if exp == 1:
                out = (c, k)
            else:
                raise Unsupported(f"non-linear power: {expr}")
        else:
            e = _number(exp)
            if e.denominator != 1 or (k == 0 and e < 0):
                raise Unsupported(f"not a rational constant: {expr}")
            out = ({}, k ** int(e))
    else:
        raise Unsupported(f"{type(expr).__name__}: {expr}")
    memo[expr] = out
    return out


_OPS: dict[type, str] = {sp.Eq: "==", sp.Le: "<=", sp.Lt: "<", sp.Ge: ">=", sp.Gt: ">"}
_FLIP = {"<=": ">=", "<": ">", ">=": "<=", ">": "<", "==": "=="}


@dataclass(frozen=True)
class Row:
    """`sum coeffs[v] * v  op  rhs` with op in ("<=", "<", "=="), in canonical scale."""

    coeffs: tuple[tuple[str, Fraction], ...]
    op: str
    rhs: Fraction

    @property
    def strict(self) -> bool:
        return self.op == "<"

    def key(self) -> tuple[Any, ...]:
        return (self.coeffs, self.op, self.rhs)

    def constant_truth(self) -> bool:
        """Truth of a row without variables: `0 op rhs`."""
        return {"<=": _ZERO <= self.rhs, "<": _ZERO < self.rhs, "==": self.rhs == 0}[self.op]


def make_row(coeffs: dict[str, Fraction], op: str, rhs: Fraction) -> Row:
    """Canonical row: `>=`, `>` flipped to `<=`, `<`; scaled so the first coefficient (by
    name) has absolute value 1 (and is positive for equalities)."""
    if op in (">=", ">"):
        coeffs = {v: -a for v, a in coeffs.items()}
        rhs, op = -rhs, _FLIP[op]
    items = tuple(sorted((v, a) for v, a in coeffs.items() if a))
    if items:
        lead = items[0][1]
        scale = abs(lead) if op != "==" else lead
        if scale != 1:
            items = tuple((v, a / scale) for v, a in items)
            rhs = rhs / scale
    return Row(items, op, rhs)


def _rows(formula: Any, names: dict[sp.Symbol, str], memo: dict[Any, Linear]) -> list[Row]:
    """The atomic linear rows of a conjunction; Unsupported for anything else."""
    if formula is True or formula == sp.true:
        return []
    if formula is False or formula == sp.false:
        return [Row((), "<=", Fraction(-1))]  # 0 <= -1: false
    if isinstance(formula, sp.And):
        out: list[Row] = []
        for arg in formula.args:
            out.extend(_rows(arg, names, memo))
        return out
    op = _OPS.get(type(formula))
    if op is None:
        raise Unsupported(f"not a linear relation: {type(formula).__name__}")
    lc, lk = _linear(formula.lhs, names, memo)
    rc, rk = _linear(formula.rhs, names, memo)
    coeffs = dict(lc)
    for v, a in rc.items():
        coeffs[v] = coeffs.get(v, _ZERO) - a
    return [make_row(coeffs, op, rk - lk)]


# ---------------------------------------------------------------------- compiled problem


@dataclass
class Compiled:
    variables: list[str]  # representatives, in statement order
    lower: dict[str, tuple[Fraction, bool] | None]  # bound, open?
    upper: dict[str, tuple[Fraction, bool] | None]
    rep: dict[str, str]  # every variable name -> its representative
    given: list[Row]  # merged, deduplicated, constant rows removed unless false
    then: list[tuple[str, Row]]  # conjunct name, merged row
    merged: int


def _find(parent: dict[str, str], v: str) -> str:
    root = v
    while parent[root] != root:
        root = parent[root]
    while parent[v] != root:
        parent[v], v = root, parent[v]
    return root


def _substitute(row: Row, rep: dict[str, str]) -> Row:
    coeffs: dict[str, Fraction] = {}
    changed = False
    for v, a in row.coeffs:
        r = rep[v]
        changed = changed or r != v
        coeffs[r] = coeffs.get(r, _ZERO) + a
    if not changed:
        return row
    return make_row(coeffs, row.op, row.rhs)


def compile_problem(problem: Forall) -> Compiled:
    names: dict[sp.Symbol, str] = {}
    domains: dict[str, Any] = {}
    for sym, dom in problem.variables.items():
        if not isinstance(dom, Reals | Rationals):
            raise Unsupported(f"variable {sym.name}: {type(dom).__name__} domain")
        names[sym] = sym.name
        domains[sym.name] = dom
    if not names:
        raise Unsupported("no variables")
    memo: dict[Any, Linear] = {}
    given_rows: list[Row] = []
    for c in problem.given.values():
        given_rows.extend(_rows(c, names, memo))
    then_rows: list[tuple[str, Row]] = []
    for label, c in problem.then.items():
        then_rows.extend((label, r) for r in _rows(c, names, memo))
    # merge variables equal by a hypothesis a*x - a*y = 0 (same domain only)
    parent = {v: v for v in domains}
    merged = 0
    for r in given_rows:
        if r.op == "==" and r.rhs == 0 and len(r.coeffs) == 2:
            (x, a), (y, b) = r.coeffs
            if a == -b and domains[x] == domains[y]:
                rx, ry = _find(parent, x), _find(parent, y)
                if rx != ry:
                    parent[ry] = rx
                    merged += 1
    rep = {v: _find(parent, v) for v in domains}
    reps = [v for v in domains if rep[v] == v]
    lower: dict[str, tuple[Fraction, bool] | None] = {}
    upper: dict[str, tuple[Fraction, bool] | None] = {}
    for v in reps:
        d = domains[v]
        lower[v] = None if d.lo is None else (Fraction(d.lo), bool(d.lo_open))
        upper[v] = None if d.hi is None else (Fraction(d.hi), bool(d.hi_open))
    given: list[Row] = []
    seen: set[tuple[Any, ...]] = set()
    for r in given_rows:
        r = _substitute(r, rep)
        if not r.coeffs and r.constant_truth():
            continue
        k = r.key()
        if k not in seen:
            seen.add(k)
            given.append(r)
    then = [(label, _substitute(r, rep)) for label, r in then_rows]
    return Compiled(reps, lower, upper, rep, given, then, merged)


# ---------------------------------------------------------------------- the back-end


def highs_version() -> str:
    try:
        from importlib.metadata import version

        return version("highspy")
    except Exception:  # noqa: BLE001 - version text only
        return "?"


class LP:
    name: ClassVar[str] = "lp"
    exact: ClassVar[bool] = True
    checks_vacuity: ClassVar[bool] = True

    def version(self) -> str:
        return f"lp (highspy {highs_version()} + exact basis)"

    def __init__(self, *, local: bool = True) -> None:
        self._compiled: tuple[Forall, Compiled] | None = None  # accepts() -> run() reuse
        self.local = local  # step 4, local relaxations (off: the earlier route, for benches)

    def _compile(self, problem: Forall) -> Compiled:
        if self._compiled is not None and self._compiled[0] is problem:
            return self._compiled[1]
        comp = compile_problem(problem)
        self._compiled = (problem, comp)
        return comp

    def accepts(self, problem: Forall) -> bool:
        try:
            self._compile(problem)
        except Unsupported:
            return False
        return True

    def run(self, problem: Forall, seconds: float) -> Outcome:
        try:
            return _Run(self._compile(problem), seconds, self.local).decide()
        except Unsupported as exc:
            return GaveUp(f"lp: {exc}")
        except VerifyError as exc:  # time limit, or a certificate that failed its re-check
            return GaveUp(f"lp: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")


class _Run:
    def __init__(self, comp: Compiled, seconds: float, local: bool = True) -> None:
        from verify.mech import lp as mlp

        self.mlp = mlp
        self.comp = comp
        self.deadline = time.monotonic() + seconds
        self.solved = 0
        self.fallbacks = 0
        vs = []
        strict: list[Row] = []
        for v in comp.variables:
            lo, up = comp.lower[v], comp.upper[v]
            vs.append(mlp.Variable(v, None if lo is None or lo[1] else lo[0],
                                   None if up is None or up[1] else up[0]))
            if lo is not None and lo[1]:
                strict.append(Row(((v, Fraction(-1)),), "<", -lo[0]))
            if up is not None and up[1]:
                strict.append(Row(((v, Fraction(1)),), "<", up[0]))
        self.variables = tuple(vs)
        self.closed = [r for r in comp.given if not r.strict]
        self.strict = strict + [r for r in comp.given if r.strict]
        self.closed_cons = [self._constraint(f"g{i}", r) for i, r in enumerate(self.closed)]
        self.relaxed = 0
        self.guide: _FloatGuide | None = None  # built on first use, after the first exact LP
        self.use_guide = not self.strict and len(self.closed) >= GUIDE_MIN_ROWS
        # local relaxations (closed hypotheses only): support -> piece -> settled?
        self.local: dict[frozenset[str], dict[Piece, bool]] = {}
        self.local_done: set[frozenset[str]] = set()
        self.local_tried = self.local_settled = 0
        self.row_vars = [frozenset(v for v, _ in r.coeffs) for r in self.closed]
        self.rows_of: dict[str, list[int]] | None = None  # variable -> closed rows using it
        self.use_local = local and not self.strict

    # ---- LP plumbing

    def _constraint(self, name: str, r: Row, slack: bool = False) -> Any:
        coeffs = dict(r.coeffs)
        if slack:
            coeffs[SLACK] = Fraction(1)
        op = "<=" if r.op in ("<=", "<") else "=="
        return self.mlp.Constraint(name, coeffs, op, r.rhs)

    def _solve(self, objective: dict[str, Fraction], extra: list[Any],
               with_slack: bool, closed: list[Any] | None = None) -> Any:
        """Certified max of `objective` s.t. the closed hypotheses (or the subset `closed`),
        `extra` and the variable bounds."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise VerifyError("time limit reached")
        vs = self.variables
        if with_slack:
            vs = (*vs, self.mlp.Variable(SLACK, None, Fraction(1)))
        rows = self.closed_cons if closed is None else closed
        if closed is not None:  # a relaxation: only the variables its rows and objective use
            used = set(objective).union(*(c.coeffs for c in (*rows, *extra)))
            vs = tuple(v for v in vs if v.name in used)
        lp = self.mlp.LinearProgram(vs, objective, (*rows, *extra), "max")
        res = self.mlp.solve(lp, time_limit=left)
        res.verify()  # the certificate, re-checked in pure Fractions once more
        self.solved += 1
        if res.method != self.mlp.METHOD_HIGHS:
            self.fallbacks += 1
        return res

    def _strict_cons(self) -> list[Any]:
        return [self._constraint(f"s{i}", r, slack=True) for i, r in enumerate(self.strict)]

    def _point(self, x: Any) -> dict[str, Fraction]:
        return {name: Fraction(x.get(r, _ZERO)) for name, r in self.comp.rep.items()}

    # ---- decision

    def decide(self) -> Outcome:
        feasible = self._hypotheses()
        if isinstance(feasible, Vacuous):
            return feasible
        checked: set[tuple[Any, ...]] = set()
        given_keys = {r.key() for r in self.comp.given}
        given_strict = {(r.coeffs, "<=", r.rhs) for r in self.comp.given if r.strict}
        trivial = 0
        pending: list[Piece | None] = []  # in conclusion order; None: a false constant row
        for _label, row in self.comp.then:
            if not row.coeffs:
                if row.constant_truth():
                    trivial += 1
                    continue
                pending.append(None)
                break
            k = row.key()
            if k in given_keys or k in given_strict:
                trivial += 1
                continue
            if k in checked:
                continue
            checked.add(k)
            pending.extend(_pieces(row))
        if self.use_local:
            for piece in pending:
                if piece is not None:
                    self.local.setdefault(frozenset(v for v, _ in piece[0]), {})[piece] = False
        for piece in pending:
            if piece is None:
                return Refutation(self._point(feasible))
            if self._locally_settled(piece):
                continue
            hit = self._violation(dict(piece[0]), *piece[1:])
            if hit is not None:
                return Refutation(self._point(hit))
        how = f"{self.solved} LP{'' if self.solved == 1 else 's'}"
        if self.local_settled:
            how += (f", {self.local_settled} conclusions settled over the hypotheses with at "
                    "most one variable outside their own (local relaxations, one shared-basis "
                    "LP per set of variables: their certified bounds hold for all)")
        if self.relaxed:
            how += (f", {self.relaxed} of them over the hypotheses named by HiGHS's float duals "
                    "(a relaxation, so its certified bound holds for all)")
        if self.fallbacks:
            how += f" ({self.fallbacks} by the z3 fallback, certified the same way)"
        extra = []
        if self.comp.merged:
            extra.append(f"{self.comp.merged} variables merged by equality hypotheses")
        if trivial:
            extra.append(f"{trivial} conclusions identical to hypotheses or constant")
        tail = f"; {', '.join(extra)}" if extra else ""
        return Proof(f"exact LP (HiGHS basis, rational dual certificate re-checked): {how}{tail}")

    def _hypotheses(self) -> Vacuous | Any:
        """Vacuous if domains and hypotheses cannot hold together, else a point satisfying
        them (strict ones strictly)."""
        if not self.strict:
            res = self._solve({}, [], with_slack=False)
            if res.status == "infeasible":
                return Vacuous("exact LP: hypotheses infeasible (Farkas certificate)")
            return res.x
        res = self._solve({SLACK: Fraction(1)}, self._strict_cons(), with_slack=True)
        if res.status == "infeasible":
            return Vacuous("exact LP: hypotheses infeasible (Farkas certificate)")
        assert res.value is not None
        if res.value <= 0:
            return Vacuous("exact LP: strict hypotheses cannot hold together (certified "
                           f"maximal common slack {res.value} <= 0)")
        return res.x

    def _locally_settled(self, piece: Piece) -> bool:
        """True if the certified optimum of the piece over the hypotheses near it (those with
        at most one variable outside the piece's own: a relaxation, a subset of the
        hypotheses) shows no violation. All pieces with the same variables share one LP
        (`solve_many`: one HiGHS model, warm starts, a certificate per objective). Given up
        once LOCAL_TRIAL pieces were tried and fewer than a quarter of them were settled this
        way (the statement is not local)."""
        support = frozenset(v for v, _ in piece[0])
        group = self.local.get(support)
        if group is None:
            return False
        if support not in self.local_done:
            if self.local_tried >= LOCAL_TRIAL and 4 * self.local_settled < self.local_tried:
                return False
            self._solve_local(support, group)
        return group[piece]

    def _solve_local(self, support: frozenset[str], group: dict[Piece, bool]) -> None:
        """Solve the local relaxation of `support` for every piece of `group`."""
        self.local_done.add(support)
        if self.rows_of is None:
            self.rows_of = {}
            for i, vs in enumerate(self.row_vars):
                for v in vs:
                    self.rows_of.setdefault(v, []).append(i)
        rows = sorted({i for v in support for i in self.rows_of.get(v, ())
                       if len(self.row_vars[i] - support) <= 1})
        used = support.union(*(self.row_vars[i] for i in rows))
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise VerifyError("time limit reached")
        lp = self.mlp.LinearProgram(tuple(v for v in self.variables if v.name in used), {},
                                    tuple(self.closed_cons[i] for i in rows), "max")
        pieces = list(group)
        try:
            results = self.mlp.solve_many(lp, [dict(p[0]) for p in pieces], time_limit=left)
        except VerifyError:  # e.g. both exact routes failed: the later steps decide the pieces
            if self.deadline <= time.monotonic():
                raise
            return
        for piece, res in zip(pieces, results, strict=True):  # each certified by solve_many
            self.solved += 1
            self.local_tried += 1
            if res.method != self.mlp.METHOD_HIGHS:
                self.fallbacks += 1
            _, rhs, strict = piece
            value = res.value
            if res.status == "optimal" and value is not None and (
                    value < rhs or (strict and value == rhs)):
                group[piece] = True
                self.local_settled += 1

    def _relaxation_bounds(self, coeffs: dict[str, Fraction], rhs: Fraction,
                           strict: bool) -> bool:
        """True if the certified optimum over the rows HiGHS's float duals name (a relaxation:
        a subset of the hypotheses) already shows that no violation exists."""
        assert self.guide is not None
        rows = self.guide.support(coeffs, float(rhs))
        if rows is None:
            return False
        res = self._solve(coeffs, [], with_slack=False,
                          closed=[self.closed_cons[i] for i in rows])
        if res.status != "optimal":
            return False
        assert res.value is not None
        if res.value < rhs or (strict and res.value == rhs):
            self.relaxed += 1
            return True
        return False

    def _violation(self, coeffs: dict[str, Fraction], rhs: Fraction,
                   strict: bool) -> Any | None:
        """A point of the hypotheses with `coeffs . x > rhs` (strict) or `>= rhs`, or None."""
        mlp = self.mlp
        if not self.strict:
            if self.use_guide and self.guide is None:
                self.guide = _FloatGuide.build(self.comp.variables, self.comp.lower,
                                               self.comp.upper, self.closed)
                self.use_guide = self.guide is not None
            if self.guide is not None and self._relaxation_bounds(coeffs, rhs, strict):
                return None
            res = self._solve(coeffs, [], with_slack=False)
            if res.status == "unbounded":
                cert = res.certificate
                x, ray = dict(cert.x), dict(cert.ray)
                at = sum((a * x.get(v, _ZERO) for v, a in coeffs.items()), _ZERO)
                gain = sum((a * ray.get(v, _ZERO) for v, a in coeffs.items()), _ZERO)
                k = max(0, math.ceil((rhs + 1 - at) / gain))
                return {v: x.get(v, _ZERO) + k * ray.get(v, _ZERO) for v in set(x) | set(ray)}
            if res.status != "optimal":  # infeasible: the hypotheses were feasible above
                raise VerifyError(f"lp: unexpected status {res.status}")
            assert res.value is not None
            if res.value > rhs or (not strict and res.value == rhs):
                return res.x
            return None
        piece = dict(coeffs)
        if strict:
            piece[SLACK] = Fraction(-1)
        cons = [*self._strict_cons(), mlp.Constraint("violation", piece, ">=", rhs)]
        res = self._solve({SLACK: Fraction(1)}, cons, with_slack=True)
        if res.status == "infeasible":
            return None
        assert res.value is not None
        return res.x if res.value > 0 else None


GUIDE_MIN_ROWS = 40  # below this a full exact LP is as cheap as a guided one
LOCAL_TRIAL = 64  # pieces tried locally before a poor success rate stops the local step
DUAL_TOL = 1e-9


class _FloatGuide:
    """One persistent HiGHS model (floating point) of the closed hypotheses.

    For an objective it reports which hypotheses carry a nonzero float dual at the optimum,
    when the float optimum does not exceed the conclusion's bound. It only *chooses* rows: the
    decision is the certified exact LP over those rows, a relaxation of the full system, whose
    bound is then valid for every point of the hypotheses; if that bound does not settle the
    conclusion, the full exact LP is solved.
    """

    def __init__(self, h: Any, index: dict[str, int]) -> None:
        self.h = h
        self.index = index
        self.last: list[int] = []

    @classmethod
    def build(cls, names: list[str], lower: dict[str, Any], upper: dict[str, Any],
              rows: list[Row]) -> _FloatGuide | None:
        try:
            import highspy
            import numpy as np
        except ImportError:
            return None
        index = {v: j for j, v in enumerate(names)}
        inf = math.inf
        lp = highspy.HighsLp()
        lp.num_col_ = len(names)
        lp.num_row_ = len(rows)
        lp.col_cost_ = np.zeros(len(names))
        lp.col_lower_ = np.array([-inf if lower[v] is None else float(lower[v][0])
                                  for v in names])
        lp.col_upper_ = np.array([inf if upper[v] is None else float(upper[v][0])
                                  for v in names])
        lp.row_lower_ = np.array([float(r.rhs) if r.op == "==" else -inf for r in rows])
        lp.row_upper_ = np.array([float(r.rhs) for r in rows])
        starts, idx, val = [0], [], []
        for r in rows:
            for v, a in r.coeffs:
                idx.append(index[v])
                val.append(float(a))
            starts.append(len(idx))
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.num_col_ = len(names)
        lp.a_matrix_.num_row_ = len(rows)
        lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(idx, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(val, dtype=np.float64)
        h = highspy.Highs()  # after verify.mech.lp has created one: no start-up banner
        h.setOptionValue("output_flag", False)
        if h.passModel(lp) == highspy.HighsStatus.kError:
            return None
        return cls(h, index)

    def support(self, coeffs: dict[str, Fraction], rhs: float) -> list[int] | None:
        """Rows with a nonzero float dual at the float optimum of `coeffs`, or None when the
        float optimum is not finite or exceeds `rhs` (a violation is likely: solve exactly)."""
        import highspy
        import numpy as np

        cols = [self.index[v] for v in coeffs]
        reset = [j for j in self.last if j not in set(cols)]
        if reset:
            self.h.changeColsCost(len(reset), np.array(reset, dtype=np.int32),
                                  np.zeros(len(reset)))
        self.h.changeColsCost(len(cols), np.array(cols, dtype=np.int32),
                              np.array([float(a) for a in coeffs.values()]))
        self.last = cols
        self.h.run()
        if self.h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        if self.h.getInfo().objective_function_value > rhs + 1e-7:
            return None
        duals = self.h.getSolution().row_dual
        return [i for i, y in enumerate(duals) if abs(y) > DUAL_TOL]


def _pieces(row: Row) -> list[Piece]:
    """The violations of a conclusion row: (coeffs, rhs, strict) meaning coeffs.x > rhs
    (strict) or coeffs.x >= rhs."""
    neg = tuple((v, -a) for v, a in row.coeffs)
    if row.op == "<=":
        return [(row.coeffs, row.rhs, True)]
    if row.op == "<":
        return [(row.coeffs, row.rhs, False)]
    return [(row.coeffs, row.rhs, True), (neg, -row.rhs, True)]
