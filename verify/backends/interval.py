"""interval: certified interval branch-and-bound over boxes, and sound reductions to z3.

Accepts a `Forall` over `Reals`, `Rationals` and `Ints` variables whose relations use
constructs beyond polynomial arithmetic that `verify.exact` can enclose (radicals, rational
and real powers, log, exp, E, pi, harmonic, binomial, factorial, ...). z3 and sympy decide
the polynomial statements; this back-end takes the rest.

1. **Branch-and-bound** (every variable bounded). Each box is enclosed with the certified arb
   arithmetic of `verify.exact` (`compile_arb`, inf-sup intervals of balls). A box whose
   enclosure puts a conclusion certainly on the right side is done; one where a hypothesis is
   certainly false is dropped; one where every hypothesis certainly holds and a conclusion is
   certainly false yields a candidate counterexample (a simple rational point of the box,
   checked exactly here and re-checked by the engine). Each box's midpoint is probed the same
   way, so a counterexample on a narrow interval is found once a probe lands in it. Otherwise
   the monotonicity test: if d(lhs - rhs)/dx_i has a certified sign on the box (recursively,
   with the second and third derivative, up to MONOTONE_DEPTH), only the face x_i = lo or hi
   matters; a box collapsed to a point is decided by exact evaluation, so non-strict
   inequalities that touch at a vertex (ln(1+x) >= x - x^2/2 at 0) are proved too. Boxes are
   split at the midpoint of the relatively widest side, the most violated first. The budget is
   a count of boxes (MAX_BOXES); seconds are only the kill switch.
2. **Reductions** (touching in the interior, unbounded domains): (a) each radical b^(p/q) is a
   fresh variable r >= 0 with r^q = b (after z3 proves b >= 0, resp. > 0, wherever it occurs),
   which is equivalent; (b) a log or exp term that occurs linearly with a coefficient of known
   sign is replaced by a certified rational bound on the right side (table BOUNDS, each with
   the domain where it holds, which becomes a further conclusion), and a closed transcendental
   constant by its rational enclosure. z3 decides the polynomial residual: unsat proves the
   statement; a model is a candidate counterexample only if it refutes the original exactly.
3. **Unbounded domains**: after the reductions, branch-and-bound on truncated boxes looks for
   counterexamples (never for proofs).

Hypotheses with transcendental terms are kept by branch-and-bound and dropped (a sound
weakening) by the reductions. The engine checks vacuity itself (checks_vacuity = False).
"""

from __future__ import annotations

import heapq
import itertools
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar

import sympy as sp

from verify import exact
from verify.backends.base import GaveUp, Outcome, Proof, Refutation
from verify.domains import Domain, Ints, Rationals, Reals
from verify.errors import EncodingError
from verify.statement import Forall

MAX_BOXES = 20_000  # the deterministic budget of one run, over all conclusions
FIRST_BOXES = 2_000  # boxes tried before the reductions (then again with MAX_BOXES)
MIN_WIDTH = Fraction(1, 1 << 64)  # boxes narrower than this (relative) are not split further
BOX_BITS = 64  # working precision of box enclosures (more for tiny boxes)
REDUCTION_RLIMIT = 20_000_000  # z3 resource units per reduced query
REDUCTION_SECONDS = 10.0  # kill switch per reduced z3 query
MAX_ATTEMPTS = 24  # bound combinations tried per conclusion
TRUNCATIONS = (Fraction(1), Fraction(64), Fraction(2**20))  # refutation boxes, unbounded domains
CORNERS = 4  # probe every corner of the root box up to this many variables

_REL = sp.core.relational.Relational
_INEQ = (sp.Ge, sp.Gt, sp.Le, sp.Lt)


class Unsupported(Exception):
    """The statement has a connective or construct this back-end does not decide."""


# ----------------------------------------------------------------------------- formulas


@dataclass(frozen=True)
class _Rel:
    kind: type
    expr: sp.Expr  # lhs - rhs
    fn: exact.ArbFn


Formula = Any  # bool | _Rel | tuple[str, list[Formula]]


def _compile_formula(f: Any, syms: Sequence[sp.Symbol]) -> Formula:
    if f is True or f == sp.true:
        return True
    if f is False or f == sp.false:
        return False
    if isinstance(f, _REL):
        for kind in (sp.Eq, sp.Ne, *_INEQ):
            if isinstance(f, kind):
                e = f.lhs - f.rhs
                return _Rel(kind, e, exact.compile_arb(e, syms))
        raise Unsupported(f"relation {type(f).__name__}")
    if isinstance(f, sp.And):
        return ("and", [_compile_formula(a, syms) for a in f.args])
    if isinstance(f, sp.Or):
        return ("or", [_compile_formula(a, syms) for a in f.args])
    if isinstance(f, sp.Not):
        return ("not", [_compile_formula(f.args[0], syms)])
    if isinstance(f, sp.Implies):
        return ("or", [("not", [_compile_formula(f.args[0], syms)]),
                       _compile_formula(f.args[1], syms)])
    raise Unsupported(f"connective {type(f).__name__}")


def _rel_tri(kind: type, v: exact.Iv) -> bool | None:
    """Whether the relation `v kind 0` holds on all (True) or no (False) enclosed values."""
    if kind is sp.Gt:
        return True if v.positive() else False if v.nonpositive() else None
    if kind is sp.Ge:
        return True if v.nonnegative() else False if v.negative() else None
    if kind is sp.Lt:
        return True if v.negative() else False if v.nonnegative() else None
    if kind is sp.Le:
        return True if v.nonpositive() else False if v.positive() else None
    apart = v.positive() or v.negative()
    if kind is sp.Eq:
        return False if apart else True if v.is_zero() else None
    return True if apart else False if v.is_zero() else None  # Ne


def _tri(f: Formula, env: Sequence[exact.Iv]) -> bool | None:
    """Kleene three-valued truth of a compiled formula on a box."""
    if isinstance(f, bool):
        return f
    if isinstance(f, _Rel):
        try:
            return _rel_tri(f.kind, f.fn(env))
        except exact.ArbDomain:
            return None
    op, parts = f
    vals = [_tri(p, env) for p in parts]
    if op == "not":
        return None if vals[0] is None else not vals[0]
    if op == "and":
        return False if False in vals else True if all(v is True for v in vals) else None
    return True if True in vals else False if all(v is False for v in vals) else None


def _undefined(f: Formula, env: Sequence[exact.Iv]) -> bool:
    """Some relation of `f` has no real value anywhere on the box (log of a non-positive
    number, a root of a negative one): the statement says nothing there."""
    if isinstance(f, bool):
        return False
    if isinstance(f, _Rel):
        try:
            f.fn(env)
        except exact.ArbDomain as why:
            return why.outside
        return False
    return any(_undefined(p, env) for p in f[1])


def _margin(f: Formula, env: Sequence[exact.Iv]) -> float:
    """How far a relation is from failing on a box (a float, only to order the boxes)."""
    if not isinstance(f, _Rel):
        return 0.0
    try:
        v = f.fn(env)
    except exact.ArbDomain:
        return 0.0
    side = v.lo if f.kind in (sp.Ge, sp.Gt) else -v.hi if f.kind in (sp.Le, sp.Lt) else None
    if side is None:
        return 0.0
    try:
        out = float(side.mid()) - float(side.rad())
    except (OverflowError, ValueError):
        return 0.0
    return out if math.isfinite(out) else 0.0


def _beyond_polynomial(e: sp.Basic) -> bool:
    """A construct z3 cannot compile: a non-integer power or anything outside +, *, Abs, Min,
    Max (the constructs this back-end exists for)."""
    if e.is_Rational or isinstance(e, sp.Symbol):
        return False
    if e.is_Pow:
        return not e.exp.is_Integer or _beyond_polynomial(e.base)
    if isinstance(e, sp.Add | sp.Mul | sp.Abs | sp.Min | sp.Max):
        return any(_beyond_polynomial(a) for a in e.args)
    return True


# ----------------------------------------------------------------------------- boxes

Box = tuple[tuple[Fraction, Fraction], ...]


@dataclass(frozen=True)
class _Var:
    sym: sp.Symbol
    dom: Domain
    integer: bool


def _simplest_between(lo: Fraction, hi: Fraction) -> Fraction:
    """The rational with the smallest denominator strictly between lo < hi (continued
    fractions), so that witnesses read 1/2 rather than 524289/1048576."""
    if lo < 0 < hi:
        return Fraction(0)
    if hi <= 0:
        return -_simplest_between(-hi, -lo)
    fl = math.floor(lo)
    if fl + 1 < hi:
        return Fraction(fl + 1)
    a, b = lo - fl, hi - fl  # 0 <= a < b <= 1
    if a == 0:
        return fl + Fraction(1, math.floor(1 / b) + 1)
    return fl + 1 / _simplest_between(1 / b, 1 / a)


class _Search:
    """Branch-and-bound state for one problem."""

    def __init__(self, problem: Forall, variables: list[_Var], deadline: float,
                 max_boxes: int) -> None:
        self.problem = problem
        self.vars = variables
        self.syms = [v.sym for v in variables]
        self.given_sympy = sp.And(*problem.given.values())
        self.given = _compile_formula(self.given_sympy, self.syms) if problem.given else True
        self.deadline = deadline
        self.max_boxes = max_boxes
        self.boxes = 0
        self.monotone = 0
        self.depth = {1: 4, 2: 2}.get(len(variables), 1)
        self._derivatives: dict[tuple[sp.Expr, int], tuple[sp.Expr, exact.ArbFn] | None] = {}

    # -- evaluation

    @staticmethod
    def _bits(box: Box) -> int:
        widths = [hi - lo for lo, hi in box if hi > lo]
        if not widths:
            return BOX_BITS
        w = min(widths)
        tiny = w.denominator.bit_length() - w.numerator.bit_length()
        return min(1024, BOX_BITS + max(0, tiny - 24))

    @staticmethod
    def _env(box: Box) -> list[exact.Iv]:
        return [exact.iv_interval(lo, hi) for lo, hi in box]

    def _point(self, box: Box, nice: bool) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for v, (lo, hi) in zip(self.vars, box, strict=True):
            if lo == hi:
                value = lo
            elif v.integer:
                value = Fraction(math.floor((lo + hi) / 2))
            else:
                value = _simplest_between(lo, hi) if nice else (lo + hi) / 2
            out[v.sym.name] = int(value) if value.denominator == 1 and v.integer else value
        return out

    def refutes(self, point: dict[str, Any], conj: Any) -> bool:
        """Exactly: the point lies in the domains, satisfies the hypotheses, fails `conj`."""
        for v in self.vars:
            if not v.dom.contains(point[v.sym.name]):
                return False
        try:
            return exact.holds(self.given_sympy, point) and not exact.holds(conj, point)
        except (exact.Undecided, ZeroDivisionError, EncodingError):
            return False

    def _point_status(self, point: dict[str, Any], conj: Any) -> str:
        try:
            if not exact.holds(self.given_sympy, point):
                return "outside"
            return "holds" if exact.holds(conj, point) else "refutes"
        except (exact.Undecided, ZeroDivisionError, EncodingError):
            return "undecided"

    def _derivative(self, expr: sp.Expr, i: int) -> tuple[sp.Expr, exact.ArbFn] | None:
        key = (expr, i)
        if key not in self._derivatives:
            try:
                d = sp.diff(expr, self.syms[i])
                self._derivatives[key] = (d, exact.compile_arb(d, self.syms))
            except (EncodingError, ValueError, TypeError):
                self._derivatives[key] = None
        return self._derivatives[key]

    def _certify(self, expr: sp.Expr, fn: exact.ArbFn, box: Box, sign: int, strict: bool,
                 depth: int) -> bool:
        """Whether sign * expr >= 0 (> 0 if strict) on the whole box: by its enclosure, by
        exact evaluation at a point, or because a certified monotonicity in some coordinate
        (derivatives, recursively) leaves only one face."""
        flint = exact._flint()
        with flint.ctx.workprec(self._bits(box)):
            try:
                v = fn(self._env(box))
            except exact.ArbDomain:
                v = None
        if v is not None:
            if sign > 0 and (v.positive() if strict else v.nonnegative()):
                return True
            if sign < 0 and (v.negative() if strict else v.nonpositive()):
                return True
        if all(lo == hi for lo, hi in box):
            for bits in (128, 512):  # a thin enclosure at the point usually settles it
                with flint.ctx.workprec(bits):
                    try:
                        v = fn(self._env(box))
                    except exact.ArbDomain:
                        break
                if v.positive() or v.negative():
                    s = sign * (1 if v.positive() else -1)
                    return s > 0
            try:  # exact: zero tests where the value is 0
                s = sign * exact.sign(expr, self._point(box, nice=False))
            except (exact.Undecided, ZeroDivisionError, EncodingError):
                return False
            return s > 0 or (s == 0 and not strict)
        if depth <= 0 or time.monotonic() > self.deadline:
            return False
        for i, (var, (lo, hi)) in enumerate(zip(self.vars, box, strict=True)):
            if lo == hi or var.integer:
                continue
            d = self._derivative(expr, i)
            if d is None:
                continue
            for d_sign in (1, -1):
                if self._certify(d[0], d[1], box, d_sign, False, depth - 1):
                    # sign * expr is smallest where sign * d_sign * x_i is smallest
                    end = lo if sign * d_sign > 0 else hi
                    face = tuple((end, end) if j == i else b for j, b in enumerate(box))
                    return self._certify(expr, fn, face, sign, strict, depth)
        return False

    # -- the search

    def _split(self, box: Box, widths: Sequence[Fraction]) -> list[Box]:
        best, score = -1, Fraction(-1)
        for i, ((lo, hi), w) in enumerate(zip(box, widths, strict=True)):
            if hi > lo and (hi - lo) / w > score:
                best, score = i, (hi - lo) / w
        lo, hi = box[best]
        if self.vars[best].integer:
            m = Fraction(math.floor((lo + hi) / 2))
            halves = [(lo, m), (m + 1, hi)]
        else:
            # the simplest rational of the middle half: touching points (0, 1, 1/2, ...)
            # become box ends, where monotonicity and exact evaluation settle them
            quarter = (hi - lo) / 4
            if (hi - lo) / widths[best] > Fraction(1, 1 << 20):
                m = _simplest_between(lo + quarter, hi - quarter)
            else:  # deep down, simple rationals are long continued fractions: bisect
                m = (lo + hi) / 2
            halves = [(lo, m), (m, hi)]
        return [tuple(h if j == best else b for j, b in enumerate(box)) for h in halves]

    def run(self, name: str, conj: Any, root: Box, prove: bool) -> tuple[str, Any]:
        """("proved", evidence) | ("refuted", point) | ("open", why) for one conclusion."""
        compiled = _compile_formula(conj, self.syms)
        rel = compiled if isinstance(compiled, _Rel) and compiled.kind in _INEQ else None
        widths = [hi - lo if hi > lo else Fraction(1) for lo, hi in root]
        for point in self._probes(root):
            if self.refutes(point, conj):
                return "refuted", point
        heap: list[tuple[float, int, Box]] = [(0.0, 0, root)]
        seq = 1
        undecided: list[dict[str, Any]] = []
        tiny: list[Box] = []
        outside: list[Box] = []
        flint = exact._flint()
        while heap:
            if self.boxes >= self.max_boxes:
                lo_hi = ", ".join(f"{v.sym.name} in [{float(a):.6g}, {float(b):.6g}]"
                                  for v, (a, b) in zip(self.vars, heap[0][2], strict=True))
                return "open", (f"{name}: box budget {self.max_boxes} spent with {len(heap)} "
                                f"boxes undecided (e.g. {lo_hi})")
            if time.monotonic() > self.deadline:
                return "open", f"{name}: time limit (kill switch) after {self.boxes} boxes"
            _, _, box = heapq.heappop(heap)
            self.boxes += 1
            if all(lo == hi for lo, hi in box):
                point = self._point(box, nice=False)
                status = self._point_status(point, conj)
                if status == "refutes" and self.refutes(point, conj):
                    return "refuted", point
                if status == "undecided":
                    undecided.append(point)
                continue
            with flint.ctx.workprec(self._bits(box)):
                env = self._env(box)
                g = _tri(self.given, env)
                if g is False:
                    continue
                c = _tri(compiled, env)
                if c is True:
                    continue
                if c is None and g is True and _undefined(compiled, env):
                    outside.append(box)  # no value there: nothing to prove or refute
                    continue
                margin = _margin(compiled, env)
                probe = self._point(box, nice=False)
                penv = [exact.iv_interval(Fraction(probe[v.sym.name]), Fraction(probe[v.sym.name]))
                        for v in self.vars]
                probe_false = _tri(self.given, penv) is not False and _tri(compiled, penv) is False
            if c is False and g is True:
                for point in (self._point(box, nice=True), probe):
                    if self.refutes(point, conj):
                        return "refuted", point
            if probe_false:
                for point in (self._point(box, nice=True), probe):
                    if self.refutes(point, conj):
                        return "refuted", point
            if prove and g is True and rel is not None:
                sign = 1 if rel.kind in (sp.Ge, sp.Gt) else -1
                strict = rel.kind in (sp.Gt, sp.Lt)
                # deep monotonicity (higher derivatives) only on small boxes, where the
                # touching points are; large boxes are split first
                small = all(hi - lo <= w / 16 for (lo, hi), w in zip(box, widths, strict=True))
                if self._certify(rel.expr, rel.fn, box, sign, strict, self.depth if small else 1):
                    self.monotone += 1
                    continue
            if all(hi - lo <= w * MIN_WIDTH for (lo, hi), w in zip(box, widths, strict=True)):
                tiny.append(box)  # touching at a point no box end reaches (irrational)
                continue
            for child in self._split(box, widths):
                heapq.heappush(heap, (margin, seq, child))
                seq += 1
        if undecided:
            return "open", (f"{name}: exact evaluation undecided at {len(undecided)} points "
                            f"(e.g. {exact.to_json(undecided[0])})")
        if outside:
            where = ", ".join(f"{v.sym.name} in [{float(a):.6g}, {float(b):.6g}]"
                              for v, (a, b) in zip(self.vars, outside[0], strict=True))
            return "open", (f"{name} has no real value on {len(outside)} boxes (e.g. {where}): "
                            "a statement about undefined values is not proved")
        if tiny:
            near = ", ".join(f"{v.sym.name} ~ {float(a):.12g}"
                             for v, (a, _b) in zip(self.vars, tiny[0], strict=True))
            return "open", (f"{name}: {len(tiny)} boxes of relative width 2^-64 stay undecided "
                            f"(touching at a point that is no box end? near {near})")
        return "proved", ""

    def _probes(self, root: Box) -> list[dict[str, Any]]:
        """Corners of the root box and the points 0 and 1 where they lie inside it."""
        choices: list[list[Fraction]] = []
        for lo, hi in root:
            vals = [lo, hi] + [Fraction(s) for s in (0, 1) if lo < s < hi]
            choices.append(list(dict.fromkeys(vals)))
        if len(root) > CORNERS:
            choices = [c[:1] for c in choices]
        out = []
        for combo in itertools.product(*choices):
            out.append({v.sym.name: (int(x) if v.integer else x)
                        for v, x in zip(self.vars, combo, strict=True)})
        return out


# ----------------------------------------------------------------------------- bound table

A = sp.Symbol("A", real=True)  # the argument of the bounded function


@dataclass(frozen=True)
class Bound:
    """f(A) >= expr (side "lower") or f(A) <= expr ("upper") wherever every condition on A
    holds; f is "log" or "exp". Each entry is a claim-like test in
    tests/engine/test_transcendental.py (branch-and-bound on a box and the contact point)."""

    name: str
    function: str
    side: str
    expr: sp.Expr
    conditions: tuple[tuple[type, sp.Expr], ...]  # (relation, rhs): A relation rhs
    text: str

    def instantiate(self, arg: sp.Expr) -> tuple[sp.Expr, list[sp.Basic]]:
        conds = [kind(arg, rhs, evaluate=False) for kind, rhs in self.conditions]
        return self.expr.xreplace({A: arg}), conds


def _b(name: str, function: str, side: str, expr: sp.Expr,
       conditions: tuple[tuple[type, Any], ...], text: str) -> Bound:
    return Bound(name, function, side, sp.sympify(expr),
                 tuple((k, sp.sympify(r)) for k, r in conditions), text)


BOUNDS: tuple[Bound, ...] = (
    _b("ln-lo-pade", "log", "lower", 2 * (A - 1) / (A + 1), ((sp.Ge, 1),),
       "ln A >= 2(A-1)/(A+1) for A >= 1 (ln(1+x) >= 2x/(2+x), x >= 0)"),
    _b("ln-lo-recip", "log", "lower", 1 - 1 / A, ((sp.Gt, 0),),
       "ln A >= 1 - 1/A for A > 0 (ln(1+x) >= x/(1+x))"),
    _b("ln-lo-sqrt", "log", "lower", (A - 1) / sp.sqrt(A), ((sp.Gt, 0), (sp.Le, 1)),
       "ln A >= (A-1)/sqrt(A) for 0 < A <= 1"),
    _b("ln-lo-half", "log", "lower", (A**2 - 1) / (2 * A), ((sp.Gt, 0), (sp.Le, 1)),
       "ln A >= (A^2-1)/(2A) for 0 < A <= 1"),
    _b("ln-up-topsoe", "log", "upper", (A - 1) * (A + 5) / (2 * (2 * A + 1)), ((sp.Gt, 0),),
       "ln A <= (A-1)(A+5)/(2(2A+1)) for A > 0 (ln(1+x) <= x(6+x)/(6+4x))"),
    _b("ln-up-sqrt", "log", "upper", (A - 1) / sp.sqrt(A), ((sp.Ge, 1),),
       "ln A <= (A-1)/sqrt(A) for A >= 1"),
    _b("ln-up-half", "log", "upper", (A**2 - 1) / (2 * A), ((sp.Ge, 1),),
       "ln A <= (A^2-1)/(2A) for A >= 1 (ln(1+x) <= x(2+x)/(2(1+x)))"),
    _b("ln-up-pade", "log", "upper", 2 * (A - 1) / (A + 1), ((sp.Gt, 0), (sp.Le, 1)),
       "ln A <= 2(A-1)/(A+1) for 0 < A <= 1"),
    _b("ln-up-tangent", "log", "upper", A - 1, ((sp.Gt, 0),), "ln A <= A - 1 for A > 0"),
    _b("exp-lo-taylor3", "exp", "lower", 1 + A + A**2 / 2 + A**3 / 6, (),
       "e^A >= 1 + A + A^2/2 + A^3/6 for all A"),
    _b("exp-lo-taylor2", "exp", "lower", 1 + A + A**2 / 2, ((sp.Ge, 0),),
       "e^A >= 1 + A + A^2/2 for A >= 0"),
    _b("exp-lo-pade", "exp", "lower", (2 + A) / (2 - A), ((sp.Le, 0),),
       "e^A >= (2+A)/(2-A) for A <= 0"),
    _b("exp-lo-tangent", "exp", "lower", 1 + A, (), "e^A >= 1 + A for all A"),
    _b("exp-up-pade", "exp", "upper", (2 + A) / (2 - A), ((sp.Ge, 0), (sp.Lt, 2)),
       "e^A <= (2+A)/(2-A) for 0 <= A < 2"),
    _b("exp-up-taylor2", "exp", "upper", 1 + A + A**2 / 2, ((sp.Le, 0),),
       "e^A <= 1 + A + A^2/2 for A <= 0"),
    _b("exp-up-recip3", "exp", "upper", 1 / (1 - A + A**2 / 2 - A**3 / 6), ((sp.Le, 1),),
       "e^A <= 1/(1 - A + A^2/2 - A^3/6) for A <= 1"),
    _b("exp-up-recip", "exp", "upper", 1 / (1 - A), ((sp.Lt, 1),), "e^A <= 1/(1-A) for A < 1"),
)


# ----------------------------------------------------------------------------- reductions


@dataclass(frozen=True)
class _Radical:
    sym: sp.Symbol
    q: int
    base: sp.Expr  # in the variables and earlier radicals
    positive: bool  # some occurrence has a negative exponent: base > 0 is needed


def lift_radicals(exprs: Sequence[sp.Basic], taken: set[str]) -> tuple[list[sp.Basic], list[_Radical]]:
    """Replace every b^(p/q) (q > 1) by r^p with a fresh variable r standing for the real
    root b^(1/q) >= 0, innermost first. Relations are rebuilt unevaluated."""
    radicals: dict[tuple[sp.Expr, int], _Radical] = {}

    def lift(e: sp.Basic) -> sp.Basic:
        if e.is_Pow and e.exp.is_Rational and not e.exp.is_Integer:
            base = lift(e.base)
            p, q = int(e.exp.p), int(e.exp.q)
            key = (base, q)
            old = radicals.get(key)
            if old is None:
                i = len(radicals) + 1
                name = f"_root{i}"
                while name in taken:
                    i += 1
                    name = f"_root{i}"
                taken.add(name)
                old = _Radical(sp.Symbol(name, real=True), q, base, p < 0)
            elif p < 0 and not old.positive:
                old = _Radical(old.sym, q, base, True)
            radicals[key] = old
            return old.sym**p
        if not e.args or isinstance(e, sp.CRootOf):
            return e
        args = [lift(a) for a in e.args]
        if isinstance(e, _REL):
            return e.func(*args, evaluate=False)
        return e.func(*args)

    out = [lift(e) for e in exprs]
    return out, list(radicals.values())


def _has_transcendental(f: sp.Basic) -> bool:
    return any(exact._needs_arb(rel.lhs - rel.rhs) for rel in f.atoms(_REL))


def _has_radical(f: sp.Basic) -> bool:
    return any(p.exp.is_Rational and not p.exp.is_Integer for p in f.atoms(sp.Pow))


def _transcendental_terms(f: sp.Expr) -> list[sp.Basic] | None:
    return exact._transcendental_leaves(f)


class Interval:
    name: ClassVar[str] = "interval"
    exact: ClassVar[bool] = True
    checks_vacuity: ClassVar[bool] = False

    def __init__(self, max_boxes: int = MAX_BOXES) -> None:
        self.max_boxes = max_boxes

    def version(self) -> str:
        import flint

        return f"interval 1 (branch-and-bound with python-flint {flint.__version__} arb; " \
               "bound table + z3)"

    def accepts(self, problem: Forall) -> bool:
        if not problem.variables:
            return False
        if not all(isinstance(d, Reals | Rationals | Ints) for d in problem.variables.values()):
            return False
        syms = list(problem.variables)
        beyond = False
        try:
            for f in [*problem.given.values(), *problem.then.values()]:
                if f.has(sp.floor, sp.ceiling):
                    return False  # step functions: exact at points (search), not over boxes

                _compile_formula(f, syms)
                beyond = beyond or any(_beyond_polynomial(r.lhs - r.rhs) for r in f.atoms(_REL))
        except (Unsupported, EncodingError):
            return False
        return beyond

    # -- entry point

    def run(self, problem: Forall, seconds: float) -> Outcome:
        deadline = time.monotonic() + seconds
        variables = [_Var(s, d, isinstance(d, Ints)) for s, d in problem.variables.items()]
        bounded = all(d.lo is not None and d.hi is not None for d in problem.variables.values())
        reasons: list[str] = []
        first = min(self.max_boxes, FIRST_BOXES)
        if bounded:  # a first, small branch-and-bound: most compact statements end here
            out = self._branch_and_bound(problem, variables, deadline, first)
            if not isinstance(out, GaveUp):
                return out
            if first == self.max_boxes:
                reasons.append(out.reason)
        out = self._reduce(problem, deadline)
        if not isinstance(out, GaveUp):
            return out
        reasons.append(out.reason)
        if bounded and first < self.max_boxes:
            out = self._branch_and_bound(problem, variables, deadline, self.max_boxes)
            if not isinstance(out, GaveUp):
                return out
            reasons.append(out.reason)
        if not bounded:
            out = self._refute_truncated(problem, variables, deadline)
            if not isinstance(out, GaveUp):
                return out
            reasons.append(out.reason)
        return GaveUp("interval: " + "; ".join(reasons))

    # -- 1. branch-and-bound

    @staticmethod
    def _root(variables: list[_Var], scale: Fraction | None = None) -> Box:
        box = []
        for v in variables:
            lo, hi = v.dom.lo, v.dom.hi  # type: ignore[attr-defined]
            if scale is not None:
                if lo is None and hi is None:
                    lo, hi = -scale, scale
                elif lo is None:
                    lo = hi - scale
                elif hi is None:
                    hi = lo + scale
            lo, hi = Fraction(lo), Fraction(hi)
            if v.integer:
                lo, hi = Fraction(math.ceil(lo)), Fraction(math.floor(hi))
            box.append((lo, hi))
        return tuple(box)

    def _branch_and_bound(self, problem: Forall, variables: list[_Var], deadline: float,
                          max_boxes: int) -> Outcome:
        search = _Search(problem, variables, deadline, max_boxes)
        root = self._root(variables)
        for name, conj in problem.then.items():
            status, info = search.run(name, conj, root, prove=True)
            if status == "refuted":
                return Refutation(info)
            if status == "open":
                return GaveUp(f"branch-and-bound: {info}")
        mono = f", {search.monotone} closed by monotonicity" if search.monotone else ""
        return Proof(f"interval branch-and-bound with certified arb enclosures: {search.boxes} "
                     f"boxes{mono} over {problem.describe()}")

    def _refute_truncated(self, problem: Forall, variables: list[_Var], deadline: float) -> Outcome:
        per = max(1, self.max_boxes // len(TRUNCATIONS))
        for scale in TRUNCATIONS:
            search = _Search(problem, variables, deadline, per)
            root = self._root(variables, scale)
            for name, conj in problem.then.items():
                status, info = search.run(name, conj, root, prove=False)
                if status == "refuted":
                    return Refutation(info)
        return GaveUp("no counterexample on the truncated boxes (scales "
                      + ", ".join(str(s) for s in TRUNCATIONS) + ")")

    # -- 2. reductions to z3

    def _reduce(self, problem: Forall, deadline: float) -> Outcome:
        kept = {n: g for n, g in problem.given.items() if not _has_transcendental(g)}
        dropped = [n for n in problem.given if n not in kept]
        evidence: list[str] = []
        for name, conj in problem.then.items():
            out = self._reduce_conclusion(problem, kept, name, conj, deadline)
            if not isinstance(out, Proof):
                return out
            evidence.append(out.evidence)
        if dropped:
            evidence.append(f"hypotheses {', '.join(dropped)} not used")
        return Proof("; ".join(evidence))

    def _reduce_conclusion(self, problem: Forall, kept: dict[str, Any], name: str, conj: Any,
                           deadline: float) -> Outcome:
        attempts: list[tuple[dict[str, Any], str]] = []
        if not _has_transcendental(conj):
            attempts.append(({name: conj}, "radicals as polynomial constraints"))
        elif isinstance(conj, _INEQ):
            attempts.extend(self._bound_attempts(problem, kept, name, conj, deadline))
            if not attempts:
                return GaveUp(f"reduction: no bound in the table applies to {name}")
        else:
            return GaveUp(f"reduction: {name} is not an inequality")
        tried: list[str] = []
        for then, how in attempts:
            if time.monotonic() > deadline:
                return GaveUp("reduction: time limit (kill switch)")
            try:
                reduced = Forall(problem.variables, given=kept, then=then)
            except EncodingError as exc:
                tried.append(f"{how}: {exc}")
                continue
            status, info = self._z3(reduced, deadline)
            if status == "unsat":
                return Proof(f"{name}: {how}; z3 unsat of the polynomial residual")
            if status == "sat" and isinstance(info, dict):
                point = {s.name: info[s.name] for s in problem.variables if s.name in info}
                if len(point) == len(problem.variables) and self._refutes(problem, point):
                    return Refutation(point)
            tried.append(f"{how}: z3 {status}{' (' + str(info) + ')' if status != 'sat' else ''}")
        return GaveUp(f"reduction of {name}: " + "; ".join(tried[:4]))

    @staticmethod
    def _refutes(problem: Forall, point: dict[str, Any]) -> bool:
        for s, d in problem.variables.items():
            if not d.contains(point[s.name]):
                return False
        try:
            return all(exact.holds(g, point) for g in problem.given.values()) and not all(
                exact.holds(c, point) for c in problem.then.values())
        except (exact.Undecided, ZeroDivisionError, EncodingError):
            return False

    def _coefficient_sign(self, problem: Forall, kept: dict[str, Any], c: sp.Expr,
                          deadline: float) -> int:
        """+1 / -1 if the coefficient is >= 0 / <= 0 wherever the statement speaks, else 0."""
        if c.is_Rational:
            return (int(c.p) > 0) - (int(c.p) < 0)
        if exact._needs_arb(c) or not c.free_symbols:
            if not c.free_symbols:
                try:
                    return exact.sign(c, {})
                except (exact.Undecided, ZeroDivisionError):
                    return 0
            return 0
        for s, rel in ((1, sp.Ge), (-1, sp.Le)):
            try:
                q = Forall(problem.variables, given=kept, then={"sign": rel(c, 0, evaluate=False)})
            except EncodingError:
                return 0
            if self._z3(q, deadline)[0] == "unsat":
                return s
        return 0

    def _bound_attempts(self, problem: Forall, kept: dict[str, Any], name: str, conj: Any,
                        deadline: float) -> list[tuple[dict[str, Any], str]]:
        lower = isinstance(conj, sp.Ge | sp.Gt)  # want f >= 0 with f = lhs - rhs; else rhs - lhs
        f = conj.lhs - conj.rhs if lower else conj.rhs - conj.lhs
        strict = isinstance(conj, sp.Gt | sp.Lt)
        leaves = _transcendental_terms(f)
        if not leaves:
            return []
        leaves = list(dict.fromkeys(leaves))
        dummies = [sp.Dummy(f"T{i}") for i in range(len(leaves))]
        g = f.xreplace(dict(zip(leaves, dummies, strict=True)))
        if any(d not in g.free_symbols for d in dummies):
            return []
        options: list[list[tuple[sp.Expr, list[sp.Basic], str]]] = []
        rest = g.xreplace({d: 0 for d in dummies})
        for leaf, d in zip(leaves, dummies, strict=True):
            c = sp.diff(g, d)
            if c.free_symbols & set(dummies) or exact._needs_arb(c):
                return []  # not linear in the term, or a transcendental coefficient
            s = self._coefficient_sign(problem, kept, c, deadline)
            if s == 0:
                return []
            side = "lower" if s > 0 else "upper"  # f grows with the term: bound it from below
            choices = self._leaf_bounds(leaf, side)
            if not choices:
                return []
            options.append([(c * b, conds, text) for b, conds, text in choices])
        attempts = []
        for combo in itertools.islice(itertools.product(*options), MAX_ATTEMPTS):
            residual = rest + sum((term for term, _, _ in combo), sp.Integer(0))
            rel = sp.Gt if strict else sp.Ge
            then: dict[str, Any] = {name: rel(residual, 0, evaluate=False)}
            for j, (_term, conds, _text) in enumerate(combo):
                for k, cond in enumerate(conds):
                    then[f"{name}: bound {j + 1} applies ({k + 1})"] = cond
            how = "; ".join(text for _, _, text in combo)
            attempts.append((then, f"by {how}"))
        return attempts

    @staticmethod
    def _leaf_bounds(leaf: sp.Basic, side: str) -> list[tuple[sp.Expr, list[sp.Basic], str]]:
        """Certified bounds of a transcendental term on one side, with their conditions."""
        if not leaf.free_symbols:  # a closed constant: its rational enclosure
            flint = exact._flint()
            try:
                fn = exact.compile_arb(leaf, [])
                with flint.ctx.workprec(128):
                    bounds = exact.arb_bounds(fn([]).ball())
            except (exact.ArbDomain, EncodingError):
                return []
            if bounds is None:
                return []
            lo, hi = bounds
            value = lo if side == "lower" else hi
            sym = ">=" if side == "lower" else "<="
            return [(sp.Rational(value.numerator, value.denominator), [],
                     f"{leaf} {sym} {float(value):.17g} (certified enclosure)")]
        function = "log" if isinstance(leaf, sp.log) and len(leaf.args) == 1 else \
            "exp" if isinstance(leaf, sp.exp) else None
        if function is None:
            return []
        arg = leaf.args[0]
        if exact._needs_arb(arg):
            return []
        out = []
        for b in BOUNDS:
            if b.function == function and b.side == side:
                expr, conds = b.instantiate(arg)
                out.append((expr, conds, f"{b.text.split(' (')[0]} [{b.name}, A = {arg}]"))
        return out

    def _z3(self, reduced: Forall, deadline: float) -> tuple[str, Any]:
        """z3 on a statement with radicals lifted to polynomial constraints; the radicands'
        signs are proved first (a radical of a negative number is no real value)."""
        from verify.backends.z3 import check_negation

        taken = {s.name for s in reduced.variables}
        given_names = list(reduced.given)
        then_names = list(reduced.then)
        lifted, radicals = lift_radicals(
            [*reduced.given.values(), *reduced.then.values()], taken)
        seconds = min(REDUCTION_SECONDS, max(0.1, deadline - time.monotonic()))
        if not radicals:
            return check_negation(reduced, seconds, REDUCTION_RLIMIT)
        plain_given = {n: g for n, g in reduced.given.items() if not _has_radical(g)}
        variables = dict(reduced.variables)
        defs: dict[str, Any] = {}
        for rad in radicals:
            need = sp.Gt if rad.positive else sp.Ge
            inner = {r.sym for r in radicals} & rad.base.free_symbols
            if not rad.base.free_symbols:
                try:
                    s = exact.sign(rad.base, {})
                except (exact.Undecided, ZeroDivisionError):
                    return "unknown", f"sign of the radicand {rad.base}"
                if s < 0 or (s == 0 and rad.positive):
                    return "unsupported", f"radicand {rad.base} is negative"
            else:
                side_vars = dict(reduced.variables)
                side_defs = {}
                for r in radicals:
                    if r.sym in inner:
                        side_vars[r.sym] = Reals(0)
                        side_defs[f"{r.sym} = root"] = sp.Eq(r.sym**r.q, r.base, evaluate=False)
                try:
                    side = Forall(side_vars, given={**plain_given, **side_defs},
                                  then={"radicand": need(rad.base, 0, evaluate=False)})
                except EncodingError as exc:
                    return "unsupported", str(exc)
                status, why = check_negation(side, seconds, REDUCTION_RLIMIT)
                if status != "unsat":
                    return "unknown", f"radicand {rad.base} not proved {'> 0' if rad.positive else '>= 0'} ({status})"
            variables[rad.sym] = Reals(0)
            defs[f"{rad.sym} = ({rad.base})^(1/{rad.q})"] = sp.Eq(rad.sym**rad.q, rad.base,
                                                                   evaluate=False)
        given = dict(zip(given_names, lifted[:len(given_names)], strict=True))
        then = dict(zip(then_names, lifted[len(given_names):], strict=True))
        try:
            lifted_problem = Forall(variables, given={**given, **defs}, then=then)
        except EncodingError as exc:
            return "unsupported", str(exc)
        return check_negation(lifted_problem, seconds, REDUCTION_RLIMIT)


__all__ = ["BOUNDS", "Bound", "Interval", "lift_radicals"]
