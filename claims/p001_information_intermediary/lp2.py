"""LP (2) of Theorem 5 (l.197-212) per instance, decided exactly.

* Finite part (kernel, certified): :func:`verify.mech.signaling.optimal_scheme` over a finite
  family F of product posteriors: a grid, the T1 corners (alpha_1, 0), (alpha_1, 1), T2 points
  on a phi-grid, the prior, and the images of every grid point under the (corrected) moves of
  the proof (so that the move argument can be replayed inside F). Each column's CS is the
  certified two-stage D6 optimum of its posterior (fav = CS_max, adv = CS_min).
* Continuum part (exact): the dual y of the finite master certifies the value of LP (2)
  over *all* product signals (alpha', beta') in [0, 1]^2 when no signal has
  CS(s) > y . mu(s); CS(s) of a signal outside F is Proposition 1's formula under C1 (fav: the
  max of the applicable case formulas, adv: the min; checked against the D6 LP by
  p001/PR-1.C1). Two exact procedures decide it: :func:`exact_separation` (no solver: the
  question reduces to univariate rational functions, decided by real-root isolation over Q)
  for fav over [0, 1]^2 and fav/adv over T1 u T2, and z3 (each case region as a nonlinear real
  problem), which finds the columns to add and cross-checks every "no violation" of the first
  when importable (its unsat queries go to ``check --certificates`` as SMT-LIB 2). Without z3
  (replay with solver imports blocked) the first decides alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

import sympy as sp

from claims.p001_information_intermediary.model import ZERO, Inst, cases, cs_prop1, grid
from verify.certificates import note_unsat
from verify.mech.signaling import OptimalScheme, max_weight_among_optima, optimal_scheme

if TYPE_CHECKING:  # z3 is imported only by the functions that solve (witnesses replay without it)
    import z3

F = Fraction


def signal_of(s: Inst, post) -> tuple[Fraction, Fraction]:  # noqa: ANN001
    A = post.mass((s.a, s.c)) + post.mass((s.a, s.d))
    B = post.mass((s.a, s.c)) + post.mass((s.b, s.c))
    return A, B


def chain(s: Inst, A: Fraction, B: Fraction) -> list[tuple[Fraction, Fraction]]:
    """The T1 u T2 images of (A, B) under the corrected moves (empty if none applies)."""
    p1, p2 = s.phi1(A), s.phi2(B)
    out: list[tuple[Fraction, Fraction]] = []
    if p1 is not None and p1 > s.c and A > 0:
        out.append((s.alpha1, B))  # move 1
    if p1 is not None and p2 is not None:
        if p2 > p1 and p2 >= 0:  # case 2: phi_2 down to max(0, phi_1), then phi_1 up to 0
            m = max(ZERO, p1)
            out.append((A, (s.d - m) / (s.c - m)))
            if p1 < 0:
                out.append((s.b / s.a, s.d / s.c))
        if p2 < p1 and 0 <= p1 <= s.c:  # case 4: phi_1 down to max(0, phi_2), then phi_2 up
            m = max(ZERO, p2)
            out.append(((s.b - m) / (s.a - m), B))
            if p2 < 0:
                out.append((s.b / s.a, s.d / s.c))
    return out


def family(s: Inst, n: int, m: int) -> list[tuple[Fraction, Fraction]]:
    """Grid {0, 1/n, .., 1}^2, the T1 corners, T2 at phi = k d/m, the prior, move images."""
    pts = {(A, B) for A in grid(n) for B in grid(n)}
    pts |= {(s.alpha1, ZERO), (s.alpha1, F(1)), (s.alpha, s.beta)}
    pts |= {s.t2_point(s.d * k / m) for k in range(m + 1)}
    for A, B in list(pts):
        pts.update(chain(s, A, B))
    return sorted(pts, key=lambda p: (p[0].denominator, p[1].denominator, p))


def in_t(s: Inst, A: Fraction, B: Fraction) -> bool:
    return s.in_t1(A, B) or s.in_t2(A, B)


def solve_lp2(s: Inst, tie: str, pts: Iterable[tuple[Fraction, Fraction]]) -> OptimalScheme:
    return optimal_scheme(s.prior(), [s.posterior(A, B) for A, B in pts], tie=tie,  # type: ignore[arg-type]
                          values=s.values)


def offending_weight(s: Inst, res: OptimalScheme) -> tuple[Fraction, object]:
    """Largest weight an optimal scheme over the family puts on positive-CS columns outside
    T1 u T2 (certified LP), and a scheme attaining it."""
    def bad(col) -> bool:  # noqa: ANN001
        return col.cs > 0 and not in_t(s, *signal_of(s, col.posterior))
    w, scheme, _ = max_weight_among_optima(res, bad)
    return w, scheme


# ----------------------------------------------------------------------------- z3 continuum


def _q(x: Fraction) -> z3.ArithRef:
    import z3

    return z3.RealVal(f"{x.numerator}/{x.denominator}")


@dataclass
class Region:
    """z3 terms for a signal (A, B) of instance s; phi's are -infinity at A = 1 / B = 1."""

    A: z3.ArithRef
    B: z3.ArithRef
    P1: z3.ArithRef
    P2: z3.ArithRef
    base: list
    cond: dict[int, z3.BoolRef]
    f: dict[int, z3.ArithRef]
    mu: tuple


def region(s: Inst) -> Region:
    import z3

    a, b, c, d = (_q(x) for x in (s.a, s.b, s.c, s.d))
    A, B, P1, P2 = z3.Reals("A B phi1 phi2")
    base = [A >= 0, A <= 1, B >= 0, B <= 1,
            z3.Implies(A < 1, P1 * (1 - A) == b * (1 - A) - A * (a - b)),
            z3.Implies(B < 1, P2 * (1 - B) == d * (1 - B) - B * (c - d))]
    lo1, lo2 = A == 1, B == 1  # the -infinity cases
    cond = {
        1: z3.And(z3.Not(lo1), P1 >= c),
        2: z3.And(z3.Not(lo2), P2 >= 0, z3.Or(lo1, P2 >= P1)),
        3: z3.And(z3.Or(lo1, P1 <= 0), z3.Or(lo2, P2 <= 0)),
        4: z3.And(z3.Not(lo1), P1 >= 0, P1 <= c, z3.Or(lo2, P2 <= P1)),
    }
    f = {1: (a - b) * A, 2: (1 - A) * B * (c - d), 3: z3.RealVal(0), 4: A * (1 - B) * (a - b)}
    mu = (A * B, A * (1 - B), (1 - A) * B, (1 - A) * (1 - B))
    return Region(A, B, P1, P2, base, cond, f, mu)


def _value(v: z3.ArithRef) -> Fraction | None:
    import z3

    if z3.is_rational_value(v):
        return Fraction(v.numerator_as_long(), v.denominator_as_long())
    return None


def _approx(v: z3.ArithRef, digits: int) -> Fraction:
    import z3

    if z3.is_rational_value(v):
        return Fraction(v.numerator_as_long(), v.denominator_as_long())
    return Fraction(v.approx(digits).as_fraction())


def separate(s: Inst, y: tuple[Fraction, ...], tie: str = "fav",
             extra: Callable[[Region], list] | None = None,
             strict: bool = True, snap_t: bool = False) -> tuple[bool, list[tuple[Fraction, Fraction]]]:
    """Is there a product signal with CS_tie(s) > y . mu(s) (>= and CS > 0 if not
    ``strict``), plus the ``extra`` conditions?

    fav: some applicable case k has f_k > y.mu; adv: every applicable case has f_k > y.mu.
    Returns (found, rational signals near the models with exact positive reduced cost).
    """
    import z3

    r = region(s)
    ymu = sum((_q(yy) * m for yy, m in zip(y, r.mu, strict=True)), z3.RealVal(0))

    def beats(k: int) -> z3.BoolRef:
        return r.f[k] > ymu if strict else z3.And(r.f[k] >= ymu, r.f[k] > 0)

    if tie == "fav":
        queries = [z3.And(r.cond[k], beats(k)) for k in (1, 2, 4)]
    else:
        queries = [z3.And(z3.Or(*r.cond.values()),
                          *[z3.Implies(r.cond[k], beats(k)) for k in (1, 2, 3, 4)])]
    found, cols = False, []
    for q in queries:
        sol = z3.Solver()
        sol.add(*r.base, q, *(extra(r) if extra else []))
        res = sol.check()
        if res == z3.unknown:
            raise RuntimeError(f"z3 gave up: {sol.reason_unknown()}")
        if res == z3.unsat:
            note_unsat(sol)  # the query in SMT-LIB 2, for `check --certificates`
        if res == z3.sat:
            found = True
            mdl = sol.model()
            for digits in (3, 6, 12, 24):
                A = _approx(mdl.eval(r.A, model_completion=True), digits)
                B = _approx(mdl.eval(r.B, model_completion=True), digits)
                if snap_t:  # keep the column exactly on T1 or T2
                    if A != s.alpha1 and abs(A - s.alpha1) < abs(A - 1) * 0 + Fraction(1, 10**digits):
                        A = s.alpha1
                    if not s.in_t1(A, B):
                        phi = _approx(mdl.eval(r.P1, model_completion=True), digits)
                        phi = min(max(phi, ZERO), s.d)
                        A, B = s.t2_point(phi)
                rc = cs_prop1(s, A, B, tie) - sum(
                    (yy * m for yy, m in zip(y, s.mu(A, B), strict=True)), ZERO)
                if 0 <= A <= 1 and 0 <= B <= 1 and (rc > 0 if strict else rc >= 0):
                    cols.append((A, B))
                    break
    return found, cols


def outside_t(s: Inst) -> Callable[[Region], list]:
    """z3 conditions: the signal is in neither T1 nor T2."""
    a, b, c = _q(s.a), _q(s.b), _q(s.c)

    def cond(r: Region) -> list:
        import z3

        t1 = r.A * (a - c) == b - c
        t2 = z3.And(r.A < 1, r.B < 1, r.P1 == r.P2, r.P1 >= 0)
        return [z3.Not(t1), z3.Not(t2)]

    return cond


def in_t_z3(s: Inst) -> Callable[[Region], list]:
    """z3 condition: the signal is in T1 or T2."""
    a, b, c = _q(s.a), _q(s.b), _q(s.c)

    def cond(r: Region) -> list:
        import z3

        t1 = r.A * (a - c) == b - c
        t2 = z3.And(r.A < 1, r.B < 1, r.P1 == r.P2, r.P1 >= 0)
        return [z3.Or(t1, t2)]

    return cond


def duals(s: Inst, res: OptimalScheme) -> tuple[Fraction, ...]:
    return tuple(res.duals[v] for v in s.cells())


def certified_lp2(s: Inst, tie: str, n: int, m: int, rounds: int = 20):
    """LP (2) over all product signals: column generation with z3 separation until no signal
    has positive reduced cost. Returns (result over the final family, family, rounds)."""
    pts = family(s, n, m)
    sep = "fav" if tie == "fav" else "adv"
    for k in range(1, rounds + 1):
        res = solve_lp2(s, tie, pts)
        if no_violation(s, duals(s, res), sep):
            return res, pts, k
        found, cols = separate(s, duals(s, res), sep)
        if not found:
            return res, pts, k
        new = [p for p in cols if p not in pts]
        if not new:
            raise RuntimeError("z3 found a violated region but no rational column near it")
        pts = pts + new
    raise RuntimeError("continuum column generation did not converge")


def certified_restricted(s: Inst, tie: str, pts: list[tuple[Fraction, Fraction]], rounds: int = 20):
    """LP (2) with positive-CS columns restricted to T1 u T2 (plus point masses), over the
    whole of T1 u T2: column generation with z3 separation restricted to T1 u T2."""
    tp = [p for p in pts if in_t(s, *p)]
    for k in range(1, rounds + 1):
        res = solve_lp2(s, tie, tp)
        if no_violation(s, duals(s, res), tie, on_t=True):
            return res, tp, k
        found, cols = separate(s, duals(s, res), tie, in_t_z3(s), snap_t=True)
        if not found:
            return res, tp, k
        new = [p for p in cols if p not in tp and in_t(s, *p)]
        if not new:
            raise RuntimeError("z3 found a violated part of T1 u T2 but no rational column on it")
        tp = tp + new
    raise RuntimeError("restricted column generation did not converge")


# ----------------------------------------------------------------------------- exact continuum
# A second exact procedure for the separation problem, free of z3 (sympy polynomials over Q):
# it decides "no product signal has CS(s) > y . mu(s)" for fav over [0, 1]^2 and for fav/adv
# over T1 u T2, so that the verdicts resting on it replay with solver imports blocked. z3 is
# run beside it when importable, as a cross-check (its unsat query goes to --certificates).

_t = sp.Symbol("t", real=True)


def _qq(x: Fraction) -> sp.Rational:
    return sp.Rational(x.numerator, x.denominator)


def _ymu(y: tuple[Fraction, ...], A: sp.Expr, B: sp.Expr) -> sp.Expr:
    mu = (A * B, A * (1 - B), (1 - A) * B, (1 - A) * (1 - B))
    return sum((_qq(yy) * m for yy, m in zip(y, mu, strict=True)), sp.Integer(0))


def _sym_f(s: Inst, k: int, A: sp.Expr, B: sp.Expr) -> sp.Expr:
    a, b, c, d = (_qq(x) for x in (s.a, s.b, s.c, s.d))
    return {1: (a - b) * A, 2: (1 - A) * B * (c - d), 3: sp.Integer(0),
            4: A * (1 - B) * (a - b)}[k]


def _num_signed(g: sp.Expr, lo: Fraction, hi: Fraction, is_open: bool = False) -> sp.Poly | None:
    """The numerator of the rational function g(t), times the sign of its denominator on
    [lo, hi] (or (lo, hi) if ``is_open``), so of the same sign as g there; None if the
    denominator vanishes there."""
    num, den = sp.fraction(sp.cancel(sp.together(g)))
    pn, pd = sp.Poly(num, _t, domain="QQ"), sp.Poly(den, _t, domain="QQ")
    if (_open_roots(pd, lo, hi) if is_open else pd.count_roots(_qq(lo), _qq(hi))) != 0:
        return None
    return pn if pd.eval(_qq((lo + hi) / 2)) > 0 else -pn


def _all_positive_at(gs: list[sp.Expr], lo: Fraction, hi: Fraction) -> Fraction | None | bool:
    """Is there t in [lo, hi] with g(t) > 0 for every g in gs (rational functions of _t)?
    Returns a rational such t, False if there is none, None if undecided (a pole in
    [lo, hi]). Exact: the signs of the numerators are constant between consecutive real roots
    of their product (isolating intervals with rational ends), so one rational sample per gap,
    the interval ends and the isolating-interval ends decide."""
    nums = []
    for g in gs:
        pn = _num_signed(g, lo, hi)
        if pn is None:
            return None
        nums.append(pn)
    events = {lo, hi}
    prod = sp.Poly(1, _t, domain="QQ")
    for pn in nums:
        if not pn.is_zero and pn.degree() > 0:
            prod *= pn
    if prod.degree() > 0:
        for (x, z), _m in prod.intervals(inf=_qq(lo), sup=_qq(hi)):
            events.update(F(int(v.p), int(v.q)) for v in (sp.Rational(x), sp.Rational(z)))
    ev = sorted(e for e in events if lo <= e <= hi)
    samples = [(u + v) / 2 for u, v in zip(ev, ev[1:], strict=False)] + ev  # gaps first
    for x in samples:
        if all(pn.eval(_qq(x)) > 0 for pn in nums):
            return x
    return False


def _check_points(s: Inst, y: tuple[Fraction, ...], tie: str,
                  pts: Iterable[tuple[Fraction, Fraction]]) -> tuple[Fraction, Fraction] | None:
    """The first rational signal among pts with CS_tie(s) > y . mu(s), if any (exact)."""
    for A, B in pts:
        if 0 <= A <= 1 and 0 <= B <= 1 and cases(s, A, B):
            if cs_prop1(s, A, B, tie) > sum((yy * m for yy, m in zip(y, s.mu(A, B), strict=True)),
                                            ZERO):
                return A, B
    return None


def _fav_box_lines(s: Inst) -> list[tuple[int, Fraction, Fraction, Callable[[sp.Expr], tuple]]]:
    """Fav over [0, 1]^2: for each case k in (1, 2, 4) the closure of its region is, along one
    coordinate, an interval whose ends are given functions of the other one; f_k - y.mu is
    affine in each coordinate, so its sup over the region is reached on these end curves.
    Entries (k, lo, hi, t -> (A, B)) with t ranging over [lo, hi] (phi's decrease strictly)."""
    a, b, c, d = (_qq(x) for x in (s.a, s.b, s.c, s.d))
    h = (d - b + (a - d) * _t) / (c - b + (a - c) * _t)  # phi_2(d|h(A)) = phi_1(b|A)
    k = (b - d + (c - b) * _t) / (a - d + (c - a) * _t)  # phi_1(b|k(B)) = phi_2(d|B)
    one, zero = sp.Integer(1), sp.Integer(0)
    return [
        (1, ZERO, s.alpha1, lambda t: (t, zero)),  # phi_1 >= c <=> A <= alpha_1, any B
        (1, ZERO, s.alpha1, lambda t: (t, one)),
        (4, s.alpha1, s.alpha4, lambda t: (t, zero)),  # phi_1 in [d, c]: every B
        (4, s.alpha1, s.alpha4, lambda t: (t, one)),
        (4, s.alpha4, s.b / s.a, lambda t: (t, h)),  # phi_1 in [0, d]: B in [h(A), 1]
        (4, s.alpha4, s.b / s.a, lambda t: (t, one)),
        (2, ZERO, s.d / s.c, lambda t: (one, t)),  # phi_2 >= 0 <=> B <= d/c; A in [k(B), 1]
        (2, ZERO, s.d / s.c, lambda t: (k, t)),
    ]


def _t_pieces(s: Inst) -> list[tuple[list[Fraction], Callable[[sp.Expr], tuple]]]:
    """T1 (A = alpha_1, B in [0, 1]) and T2 (phi in [0, d]) as (cuts, t -> (A, B)): the ends
    and the points where the applicable cases change (phi_2(d) = 0 at B = d/c on T1, phi = 0
    on T2; B = 1 on T1 is phi_2 = -infinity); exact_separation re-checks that no condition
    changes between two cuts."""
    a, b, c, d = (_qq(x) for x in (s.a, s.b, s.c, s.d))
    return [([ZERO, s.d / s.c, F(1)], lambda t: (_qq(s.alpha1), t)),
            ([ZERO, s.d], lambda t: ((b - t) / (a - t), (d - t) / (c - t)))]


def _phis(s: Inst, A: sp.Expr, B: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    a, b, c, d = (_qq(x) for x in (s.a, s.b, s.c, s.d))
    return b - (a - b) * A / (1 - A), d - (c - d) * B / (1 - B)


def exact_separation(s: Inst, y: tuple[Fraction, ...], tie: str, on_t: bool = False
                     ) -> tuple[bool | None, list[tuple[Fraction, Fraction]]]:
    """z3-free exact separation, strict (CS_tie(s) > y . mu(s)): over all product signals
    (fav only) or over T1 u T2 (``on_t``; fav or adv). Returns (True, [signal]) with an exactly
    re-checked rational violating signal, (False, []) when no signal violates, (None, []) when
    this procedure cannot decide (the caller falls back on z3)."""
    if any(yy < 0 for yy in y):
        return None, []  # case 3 (CS 0) and the point masses need y >= 0 here
    if not on_t:
        if tie != "fav":
            return None, []
        for k, lo, hi, at in _fav_box_lines(s):
            if lo > hi:
                return None, []
            A, B = at(_t)
            x = _all_positive_at([_sym_f(s, k, A, B) - _ymu(y, A, B)], lo, hi)
            if x is None:
                return None, []
            if x is not False:
                pt = tuple(F(str(v.subs(_t, _qq(x)))) for v in (A, B))
                bad = _check_points(s, y, tie, [pt])  # type: ignore[list-item]
                return (True, [bad]) if bad else (None, [])
        return False, []
    for cuts, at in _t_pieces(s):
        A, B = at(_t)
        pts = [tuple(F(str(v.subs(_t, _qq(x)))) for v in (A, B)) for x in cuts]
        bad = _check_points(s, y, tie, pts)  # type: ignore[arg-type]
        if bad:
            return True, [bad]
        p1, p2 = _phis(s, A, B)
        for u, v in zip(cuts, cuts[1:], strict=False):
            mid = (u + v) / 2
            Am, Bm = (F(str(w.subs(_t, _qq(mid)))) for w in (A, B))
            if Am == 1 or Bm == 1:
                return None, []
            # the applicable cases are constant on (u, v): no condition boundary inside
            for e in (p1 - _qq(s.c), p2, p2 - p1, p1):
                pn = _num_signed(e, u, v, is_open=True)
                if pn is None or (not pn.is_zero and _open_roots(pn, u, v)):
                    return None, []
            ks = cases(s, Am, Bm)
            gs = [_sym_f(s, k, A, B) - _ymu(y, A, B) for k in ks]
            groups = [[g] for g in gs] if tie == "fav" else [gs] if gs else []
            for grp in groups:
                x = _all_positive_at(grp, u, v)
                if x is None:
                    return None, []
                if x is not False:
                    pt = tuple(F(str(w.subs(_t, _qq(x)))) for w in (A, B))
                    bad = _check_points(s, y, tie, [pt])  # type: ignore[list-item]
                    return (True, [bad]) if bad else (None, [])
    return False, []


def no_violation(s: Inst, y: tuple[Fraction, ...], tie: str, on_t: bool = False) -> bool:
    """True when :func:`exact_separation` proves that no product signal (of T1 u T2 if
    ``on_t``) has CS_tie(s) > y . mu(s); then z3, when importable, must agree (cross-check by
    a second exact procedure; without z3, as in replay, the exact procedure alone decides).
    False when it finds a violating signal or cannot decide: the caller asks z3."""
    decided, _ = exact_separation(s, y, tie, on_t)
    if decided is not False:
        return False
    try:
        import z3  # noqa: F401
    except ImportError:
        return True
    found, _ = separate(s, y, tie, in_t_z3(s) if on_t else None)
    if found:
        raise RuntimeError(f"separation: z3 finds a signal with CS_{tie}(s) > y.mu(s) for y = "
                           f"{[str(v) for v in y]}, the exact procedure none")
    return True


def _open_roots(pn: sp.Poly, u: Fraction, v: Fraction) -> int:
    """The number of distinct real roots of pn in the open interval (u, v) (Sturm count)."""
    if pn.is_zero or pn.degree() <= 0:
        return 0
    return int(pn.count_roots(_qq(u), _qq(v))) - (pn.eval(_qq(u)) == 0) - (pn.eval(_qq(v)) == 0)


# ----------------------------------------------------------------------------- adv: the sup


def _conds_at(s: Inst, A: z3.ArithRef, B: Fraction, P1: z3.ArithRef) -> tuple[list, dict]:
    """Case conditions at (A, B) with A symbolic (A < 1 asserted) and B a number."""
    import z3

    a, b, c = _q(s.a), _q(s.b), _q(s.c)
    base = [A < 1, P1 * (1 - A) == b * (1 - A) - A * (a - b)]
    p2 = s.phi2(B)
    P2 = None if p2 is None else _q(p2)
    cond = {
        1: P1 >= c,
        2: z3.BoolVal(False) if P2 is None else z3.And(P2 >= 0, P2 >= P1),
        3: z3.And(P1 <= 0, z3.BoolVal(True) if P2 is None else P2 <= 0),
        4: z3.And(P1 >= 0, P1 <= c, z3.BoolVal(True) if P2 is None else P2 <= P1),
    }
    return base, cond


def adv_sup_certificate(s: Inst, res: OptimalScheme) -> dict:
    """Certify sup_Z CS_adv(Z) >= CS_fav(res.scheme) (= the fav optimum V): a family Z_t,
    t in (0, t0], of Bayes-plausible schemes with CS_adv(Z_t) = P(t), P a polynomial with
    P(0) = V. Z_t moves every column whose adv CS is below its fav CS to (alpha' - t, beta'),
    where (z3, for all t in (0, t0]) only the case giving its fav CS applies, scales all columns
    by lambda(t) = 1 - K t and fills the freed mass with point masses (z3: lambda(t) sum w mu_v
    <= D(v) for every cell v and t in (0, t0]). Raises RuntimeError when it cannot certify."""
    import z3

    cols = []
    for wt, post in res.scheme.signals:
        A, B = signal_of(s, post)
        fav, adv = cs_prop1(s, A, B, "fav"), cs_prop1(s, A, B, "adv")
        ks = [k for k in cases(s, A, B) if k in (1, 4) and _formula(s, k, A, B) == fav]
        cols.append((wt, A, B, ks[0] if fav > adv and ks else None, fav))
        if fav > adv and not ks:
            raise RuntimeError(f"adv sup: no case 1/4 formula gives the fav CS at {(A, B)}")
    D = s.mu(s.alpha, s.beta)
    ds = [sum((-wt * _dmu_dA(B)[v] for wt, A, B, k, _ in cols if k), ZERO) for v in range(4)]
    K = 1 + max([ds[v] / D[v] for v in range(4) if ds[v] > 0 and D[v] > 0], default=ZERO)
    if any(ds[v] > 0 and D[v] == 0 for v in range(4)):
        raise RuntimeError("adv sup: perturbation needs mass on a zero-mass cell")
    t0 = min([A / 2 for _, A, _, k, _ in cols if k] + [F(1, 2 * K)])
    if any(k == 4 for *_, k, _ in cols):
        t0 = min([t0] + [(A - s.alpha1) / 2 for _, A, _, k, _ in cols if k == 4])
    for _ in range(12):
        t = z3.Real("t")
        sol = z3.Solver()
        sol.add(t > 0, t <= _q(t0))
        bad = []
        for j, (_wt, A, B, k, _) in enumerate(cols):
            if not k:
                continue
            P1 = z3.Real(f"p{j}")
            base, cond = _conds_at(s, _q(A) - t, B, P1)
            sol.add(*base)
            bad.append(z3.Or(z3.Not(cond[k]), *[cond[i] for i in (1, 2, 3, 4) if i != k]))
        lam = 1 - _q(K) * t
        for v in range(4):
            load = sum((_q(wt) * _mu_z3((_q(A) - t) if k else _q(A), B)[v] for wt, A, B, k, _ in cols),
                       z3.RealVal(0))
            bad.append(lam * load > _q(D[v]))
        bad.append(lam <= 0)
        sol.add(z3.Or(*bad))
        if sol.check() == z3.unsat:
            value0 = sum((wt * f for wt, *_, f in cols), ZERO)
            p_t0 = (1 - K * t0) * sum((wt * (_formula(s, k, A - t0, B) if k else f)
                                        for wt, A, B, k, f in cols), ZERO)
            lp_t0 = _scheme_at(s, cols, t0, K)
            if lp_t0 != p_t0:
                raise RuntimeError(f"adv sup: P(t0) = {p_t0} but the D6 LP gives {lp_t0}")
            return {"t0": t0, "K": K, "P(0)": value0, "P(t0) = CS_adv(Z_t0) (D6 LP)": p_t0}
        t0 /= 2
    raise RuntimeError("adv sup: could not certify the perturbed schemes")


def _formula(s: Inst, k: int, A: Fraction, B: Fraction) -> Fraction:
    from claims.p001_information_intermediary.model import formula
    return formula(s, k, A, B)


def _dmu_dA(B: Fraction) -> tuple[Fraction, ...]:
    return (B, 1 - B, -B, -(1 - B))


def _mu_z3(A, B: Fraction) -> tuple:  # noqa: ANN001
    Bq = _q(B)
    return (A * Bq, A * (1 - Bq), (1 - A) * Bq, (1 - A) * (1 - Bq))


def _scheme_at(s: Inst, cols: list, t: Fraction, K: Fraction) -> Fraction:
    """CS_adv of the perturbed scheme Z_t, evaluated with the exact D6 LP (a cross-check of
    the formula-based family at one point)."""
    from verify.mech.distributions import Distribution
    from verify.mech.signaling import SignalingScheme, evaluate

    lam = 1 - K * t
    sigs, load = [], dict.fromkeys(s.cells(), ZERO)
    for wt, A, B, k, _ in cols:
        post = s.posterior(A - t if k else A, B)
        sigs.append((lam * wt, post))
        for v, m in post.items():
            load[v] += lam * wt * m
    prior = s.prior()
    for v in s.cells():
        rest = prior.mass(v) - load[v]
        if rest:
            sigs.append((rest, Distribution.point(v)))
    return evaluate(SignalingScheme(prior, tuple(sigs)), "adv", s.values).consumer_surplus
